// Package format prints a grammar AST as Graql 1.x or TypeQL 2.x/3.x text,
// either as the user laid it out (Preserve) or as the server's own schema
// export lays it out (Server).
//
// The printer works from the tree alone: it never imports the parser's
// participle structures and never reads source offsets to decide layout.
// Comments and blank lines come from each node's grammar.Trivia.
//
// # Preserve style
//
// Queries, statements and properties keep their order, comments and the blank
// lines recorded in BlankBefore. Everything else is canonical:
//
//   - "define" and "undefine" stand on their own line; statements start at
//     column 0.
//   - A type statement with one property is printed on one line
//     ("organisation sub entity;"). With two or more properties the first
//     stays on the subject's line and every further property goes on its own
//     line, indented 4 spaces ("name sub attribute,\n    value string;"). This
//     is what most corpus files do (and what both servers print). A property
//     that carries a doc comment or a blank line before it always starts a new
//     line.
//   - A 1.x rule's "when" and "then" blocks are properties like the others, so
//     they are indented 4 spaces, their patterns 8, and "}, then {" joins them.
//     A 2.x rule is "rule L: when {", its patterns indented 4, "} then {", "};".
//   - A pattern statement is printed on one line; its properties are separated
//     by ", ". A "not", a braced conjunction or every branch of a disjunction
//     holding exactly one statement without comments is printed on one line
//     ("not { $x has end-date $d; };"); otherwise one pattern per line.
//   - Spacing is canonical: one space between tokens, "role: $x" in tuples,
//     "$r (" before a tuple, "; # comment" before a line comment.
//   - Comments stay attached to the node they were attached to: a doc comment
//     above its node (blank lines inside and after it kept), a line comment at
//     the end of its node's line. A line comment of a statement's last
//     property (possible only when the ";" was on a later line) keeps its
//     line, and the ";" starts the next one.
//   - Data queries (insert, match, …), 3.x functions and structs, and
//     statements that failed to parse are copied verbatim.
//
// The result is idempotent: printing what the parser reads back from the
// output gives the same output.
//
// # Server style
//
// The statements of every define query (of every file given to Files) are
// merged per label and printed as the server's schema export does, without
// comments. Graql 1.x (as Grakn 1.8 prints it): "define", a blank line,
// attribute types, then entity types, relation types and rules, each group
// sorted by label with subtypes right after their supertype and indented 4
// more spaces per level, a blank line after every definition and two more at
// the end. Inside a type: abstract, value (repeated from the supertype), key,
// has, plays, relates; regex is not printed; key and has follow the order in
// which the attribute types themselves are printed; plays and relates are
// sorted by label; inherited has, key and plays are omitted. (Role types
// that no relation relates, which a valid 1.x schema cannot hold, are printed
// after the relations rather than dropped.) TypeQL 2.x (as
// TypeDB 2.29 prints it): "define", attribute types, relation types, entity
// types, rules, each sorted by label with subtypes right after their
// supertype, no indentation and no blank lines; inside a type: abstract,
// value, regex, owns (keys first, then unique, then the rest, each by label),
// relates, plays (by scoped label).
//
// Server style applies undefine queries to what came before them (a "sub"
// removes the type, other properties are removed one by one) and leaves data
// queries out. A type whose supertype is in none of the files is printed at
// the top of the group its properties suggest (relates: relation, value:
// attribute, when/then: rule, else entity). Labels sort by bytes.
//
// # Languages
//
// WithLang(1), WithLang(2) and WithLang(3) check that every printed node exists in that
// language; a node that does not (a 1.x "has" in TypeQL 2, an "owns" in Graql
// 1.x, …) makes the printer return an *Error naming the node and its position.
// The printer never converts: that is the rewrite package's job. WithLang(0), the
// default, prints the tree as it is.
package format
