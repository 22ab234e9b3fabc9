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
		if HasSpace(c.New) {
			// Only an old label may be quoted in the file format: such an
			// entry would not parse back, so it is kept as a note.
			fmt.Fprintf(&b, "# %-*s  # %s; a new label cannot hold a space\n",
				width, c.Old+"="+c.New, candidateNote(c))
			continue
		}
		fmt.Fprintf(&b, "%-*s  # %s\n", width, QuoteOld(c.Old)+"="+c.New, candidateNote(c))
	}
	if len(questions) > 0 {
		b.WriteString("\n# questions: uncomment an entry to accept it (at most one per old label)\n")
	}
	for _, c := range questions {
		fmt.Fprintf(&b, "# %-*s  # %s\n", width, QuoteOld(c.Old)+"="+c.New, candidateNote(c))
	}
	return b.Bytes()
}

// HasSpace reports whether a label holds white space, which Grakn ≤1.5.1
// allowed in quoted labels: a remap file writes such an old label quoted, but
// import arguments read with "$(cat FILE)" would split it.
func HasSpace(label string) bool { return strings.ContainsAny(label, " \t") }

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
