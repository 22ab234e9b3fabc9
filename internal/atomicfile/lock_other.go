//go:build !unix

package atomicfile

import "os"

// Without flock a live temporary file cannot be told from a stale one, so
// none is ever taken for stale.
func hold(f *os.File) error     { return nil }
func abandoned(f *os.File) bool { return false }
