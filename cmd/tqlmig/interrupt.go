package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/tqlmig/tqlmig/internal/atomicfile"
)

// handleInterrupts makes SIGINT and SIGTERM end the process the
// conventional way, exit status 128+signal (130, 143), after removing
// every temporary file and directory of unfinished outputs and printing
// one line on stderr. Outputs already committed stay; none appears later.
func handleInterrupts(stderr io.Writer) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-c
		removed := atomicfile.Cleanup()
		name, code := "SIGINT", 130
		if sig == syscall.SIGTERM {
			name, code = "SIGTERM", 143
		}
		fmt.Fprintf(stderr, "tqlmig: interrupted by %s; %s\n", name, removedWhat(len(removed)))
		os.Exit(code)
	}()
}

// removedWhat says what Cleanup removed. An output written in place (a
// pipe or device such as /dev/stdout) has no temporary copy, so the line
// speaks of the temporary copies only, not of every output.
func removedWhat(n int) string {
	switch n {
	case 0:
		return "no temporary output to remove"
	case 1:
		return "removed the temporary copy of the unfinished output; its target is untouched"
	}
	return fmt.Sprintf("removed %d temporary copies of unfinished outputs; their targets are untouched", n)
}
