package udiff

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Context is the number of unchanged lines shown around each change.
const Context = 3

// line is one line of the edit script: kind is ' ', '-' or '+', and text
// keeps its "\n" except on a last line that has none.
type line struct {
	kind byte
	text string
}

// Unified returns the unified diff that turns old into new, with the
// header "--- oldName" / "+++ newName", hunks headed "@@ -l,n +l,n @@"
// and Context lines of context. A line without a final newline is followed
// by "\ No newline at end of file". The result is nil when the texts are
// equal, so "len(d) > 0" tells whether anything changed.
//
// The line matching comes from go-diff with its timeout switched off, so
// the same inputs always give the same diff.
func Unified(oldName, newName string, old, new []byte) []byte {
	if bytes.Equal(old, new) {
		return nil
	}
	script := editScript(string(old), string(new))

	var out bytes.Buffer
	out.WriteString("--- " + oldName + "\n+++ " + newName + "\n")

	// oldAt[k] and newAt[k] count the old and new lines before script[k].
	oldAt := make([]int, len(script)+1)
	newAt := make([]int, len(script)+1)
	for k, l := range script {
		oldAt[k+1], newAt[k+1] = oldAt[k], newAt[k]
		if l.kind != '+' {
			oldAt[k+1]++
		}
		if l.kind != '-' {
			newAt[k+1]++
		}
	}

	done := 0 // script[:done] is printed or skipped for good
	for i := 0; i < len(script); i++ {
		if script[i].kind == ' ' {
			continue
		}
		start := max(i-Context, done)
		end := hunkEnd(script, i)
		writeHunk(&out, script[start:end], oldAt[start], newAt[start])
		done, i = end, end-1
	}
	return out.Bytes()
}

// hunkEnd returns the end of the hunk holding the change at i: the hunk
// goes on through every later change separated from the previous one by
// at most 2*Context equal lines, and closes Context lines after the last.
func hunkEnd(script []line, i int) int {
	for {
		for i < len(script) && script[i].kind != ' ' {
			i++
		}
		eq := 0
		for i+eq < len(script) && script[i+eq].kind == ' ' {
			eq++
		}
		if i+eq == len(script) || eq > 2*Context {
			return i + min(eq, Context)
		}
		i += eq
	}
}

func writeHunk(out *bytes.Buffer, h []line, oldBefore, newBefore int) {
	nOld, nNew := 0, 0
	for _, l := range h {
		if l.kind != '+' {
			nOld++
		}
		if l.kind != '-' {
			nNew++
		}
	}
	// Like diff -u, an empty side is numbered by the line before it.
	oldStart, newStart := oldBefore, newBefore
	if nOld > 0 {
		oldStart++
	}
	if nNew > 0 {
		newStart++
	}
	out.WriteString("@@ -" + strconv.Itoa(oldStart) + "," + strconv.Itoa(nOld) +
		" +" + strconv.Itoa(newStart) + "," + strconv.Itoa(nNew) + " @@\n")
	for _, l := range h {
		out.WriteByte(l.kind)
		out.WriteString(l.text)
		if !strings.HasSuffix(l.text, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// editScript matches whole lines with go-diff's line mode and lists the
// result one line at a time.
func editScript(old, new string) []line {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	a, b, lines := dmp.DiffLinesToRunes(old, new)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(a, b, false), lines)
	var script []line
	for _, d := range diffs {
		kind := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			kind = '-'
		case diffmatchpatch.DiffInsert:
			kind = '+'
		}
		for _, s := range strings.SplitAfter(d.Text, "\n") {
			if s != "" {
				script = append(script, line{kind, s})
			}
		}
	}
	return script
}
