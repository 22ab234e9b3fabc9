//go:build unix

package diag

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestManyErrorsOneLine prints 200,000 diagnostics on one line of 200,000
// bytes: the cost must stay linear (loosely: under a second of CPU).
func TestManyErrorsOneLine(t *testing.T) {
	const n = 200_000
	src := []byte("define " + strings.Repeat(";", n) + "\n")
	list := make(List, 0, n)
	for i := range n {
		off := len("define ") + i
		list = append(list, &Diagnostic{Severity: Error, Code: "syntax", Message: `unexpected ";"`,
			Range: &Range{File: "f.tql", Start: Pos{Offset: off, Line: 1, Col: off + 1}, End: Pos{Offset: off + 1, Line: 1, Col: off + 2}}})
	}
	var w countingWriter
	// CPU time of this process, not wall time: the bound holds on a
	// loaded machine. A quadratic renderer takes half a minute here.
	start := cpuTime(t)
	if err := WriteText(&w, list, TextOptions{Sources: Sources{"f.tql": src}}); err != nil {
		t.Fatal(err)
	}
	if el := cpuTime(t) - start; el > time.Second {
		t.Errorf("printing %d diagnostics (%d MB) took %v of CPU", n, w.n>>20, el)
	}
	if w.lines != 3*n { // each: the message, the source line, the carets
		t.Errorf("printed %d lines, want %d", w.lines, 3*n)
	}
	// The middle one's line is cut on both sides around its caret.
	var b strings.Builder
	WriteText(&b, list[n/2:n/2+1], TextOptions{Sources: Sources{"f.tql": src}})
	if !strings.Contains(b.String(), "  1 | …"+strings.Repeat(";", snippetBefore+snippetAfter)+"…\n") {
		t.Errorf("a cut line is not shown as a window:\n%s", b.String())
	}
}

// cpuTime is the user and system time this process has used.
func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Skip(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
