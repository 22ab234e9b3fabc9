// Package atomicfile writes output files so that a reader never sees a
// partial file and a failed run leaves nothing behind.
//
// Data goes to a temporary file in the target's directory, which is synced
// and renamed over the target only when everything was written. Any
// failure removes the temporary file. The Inputs option makes a write fail
// with ErrInput, before anything is created, when the target is one of the
// command's input files, compared both by cleaned absolute path and by
// os.SameFile (which catches hard links, symlinks and different spellings
// of the same path).
package atomicfile
