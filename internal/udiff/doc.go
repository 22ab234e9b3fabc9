// Package udiff prints the unified diff ("diff -u") of two texts, line by
// line, on top of sergi/go-diff's line mode.
package udiff
