// Package grammar parses Graql 1.x (every dialect from Grakn 1.0 to 1.8) and
// TypeQL 2.x/3.x schema files into one commented, positioned AST.
package grammar
