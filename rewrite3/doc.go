// Package rewrite3 converts TypeQL 2.x schemas (and, through package
// rewrite, Graql 1.x ones) into TypeQL 3.x with small named rules, each
// reporting what it translated, approximated or lost.
package rewrite3
