// Package txtar reads and writes txtar archives (a comment, then files each
// introduced by a "-- name --" line) for golden tests.
//
// It exists because go-internal's txtar now wraps golang.org/x/tools, which
// go.mod does not carry; the API mirrors that package so a later switch is a
// change of import path.
package txtar
