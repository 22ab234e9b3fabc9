// Package atomicfile is the one place where commands write output files,
// so that every output follows the same rules:
//
//   - A reader never sees a partial file and a failed run leaves nothing
//     behind: data goes to a temporary file in the target's directory,
//     synced and renamed over the target only when everything was written.
//   - CheckRun compares every output of a run with every input and every
//     other output, by path after following links and by device and inode,
//     before anything is read.
//   - An existing output that is not a regular file (/dev/null, a pipe, a
//     device) is written in place and never replaced; a symbolic link is
//     followed whether its target exists or not.
//   - New files are created 0666 and directories 0777, less the umask; a
//     replaced file keeps its mode.
//   - Temporary files are named .NAME.tqlmig-tmp-RANDOM and locked while in
//     use; Cleanup removes them on an interrupt, and the next run writing
//     NAME removes one that a killed run left.
//   - Dir prepares a directory output beside its target and swaps it in at
//     the end, so the target is always the old directory or the new one.
package atomicfile
