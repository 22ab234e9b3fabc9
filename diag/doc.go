// Package diag holds the one Diagnostic type that every tqlmig package
// reports with, the source positions it points at, and its text, JSON and
// SARIF renderings.
package diag
