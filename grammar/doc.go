// Package grammar parses Graql 1.x (every dialect from Grakn 1.0 to 1.8) and
// TypeQL 2.x/3.x schema files into one commented, positioned AST.
//
// The participle grammar in parsetree.go (with the TypeQL 3.x productions
// in parsetree3.go) parses every statement of define, undefine and redefine
// queries, and a grammar of its own (parsetree_fun.go) the 3.x function
// definitions among them; Parse splits a file into queries and statements
// first, so that one broken statement becomes a BadStmt and the others
// still parse, and parses the statements of a large file on worker
// goroutines ahead of lowering (ahead.go). Data queries are kept verbatim
// (OtherQuery).
//
// Limits on hostile input, each a positioned "syntax" error rather than a
// hang: blocks, parentheses and brackets nest at most MaxNesting levels in
// one statement; after MaxSyntaxErrors diagnostics the remaining statements
// are left unparsed (one last error says how many); a run of empty
// statements (";;;…") is one error. Parsing time is linear in the input.
package grammar
