// Package rewrite converts Graql 1.x schemas into TypeQL 2.x with small named
// rules, each reporting what it translated, approximated or lost.
package rewrite
