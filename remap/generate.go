package remap

import (
	"bytes"
	"fmt"
	"strings"
)

// FormatProposal renders a remap file: the header lines as comments, each
// rename as an "old=new" entry with its reason as a trailing comment, and
// each question as a commented-out entry the user can uncomment to accept.
// Parse reads the result back as the renames alone.
func FormatProposal(header []string, renames, questions []Candidate) []byte {
	var b bytes.Buffer
	for _, h := range header {
		b.WriteString(strings.TrimRight("# "+h, " "))
		b.WriteByte('\n')
	}
	width := 0
	for _, cs := range [][]Candidate{renames, questions} {
		for _, c := range cs {
			width = max(width, len(c.Old)+1+len(c.New))
		}
	}
	if len(renames) > 0 {
		b.WriteString("\n# proposed (high confidence)\n")
	}
	for _, c := range renames {
		fmt.Fprintf(&b, "%-*s  # %s\n", width, c.Old+"="+c.New, candidateNote(c))
	}
	if len(questions) > 0 {
		b.WriteString("\n# questions: uncomment an entry to accept it (at most one per old label)\n")
	}
	for _, c := range questions {
		fmt.Fprintf(&b, "# %-*s  # %s\n", width, c.Old+"="+c.New, candidateNote(c))
	}
	return b.Bytes()
}

// candidateNote is a one-line summary of why a candidate was proposed.
func candidateNote(c Candidate) string {
	s := fmt.Sprintf("%s %s, %.2f", c.Kind, c.Source, c.Confidence)
	if len(c.Reasons) > 0 {
		s += ": " + strings.Join(c.Reasons, "; ")
	}
	// A "#" in a reason would start a comment inside the comment: harmless,
	// but a newline would not be.
	return strings.ReplaceAll(s, "\n", " ")
}
