// Package progress draws a one-line progress bar with rate and ETA on a
// terminal's stderr, and nothing at all when output is not a terminal.
package progress
