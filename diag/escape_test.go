package diag

import (
	"bytes"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain label", "plain label"},
		{"tab\tkept", "tab\tkept"},
		{"ESC\x1b[2Jclear", "ESC␛[2Jclear"},
		{"bell\a", "bell␇"},
		{"line\nbreak\r", "line␊break␍"},
		{"del\x7f", "del␡"},
		{"C1 \u009b CSI", "C1 \ufffd CSI"},
		{"bad \xff byte", "bad \ufffd byte"},
		{"naïve 日本", "naïve 日本"},
	} {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTextHasNoControlBytes renders diagnostics whose file name, message,
// detail, related message, fix and source line all hold ESC and BEL: the
// output holds neither byte.
func TestTextHasNoControlBytes(t *testing.T) {
	src := []byte("define\n  per\x1b[31mson\a sub entity;\n")
	file := "evil\x1b]0;title\a.gql"
	start := bytes.IndexByte(src, 'p')
	d := &Diagnostic{
		Severity: Error, Code: "syntax",
		Range:   &Range{File: file, Start: Pos{Offset: start, Line: 2, Col: 3}, End: Pos{Offset: start + 12, Line: 2, Col: 15}},
		Message: "unknown label per\x1b[31mson\a",
		Detail:  "the label\x1b[2J came\a from the input",
		Related: []Related{{Message: "see \x1b[1m here\a"}},
		Fix:     &Fix{Message: "rename per\x1bson\a"},
	}
	data := &Diagnostic{Severity: Warning, Code: "data", Data: &DataPos{File: "x\a.grakn", Item: 3, Offset: 9, ID: "V\x1b1"}, Message: "label \x1b\a"}
	for _, color := range []bool{false, true} {
		var b bytes.Buffer
		if err := WriteText(&b, List{d, data}, TextOptions{Sources: Sources{file: src}, Color: color}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if color {
			// Our own colour codes are the only escapes allowed.
			for _, code := range []string{ansiReset, ansiBold, ansiRed, ansiYellow, ansiCyan, ansiBlue} {
				out = strings.ReplaceAll(out, code, "")
			}
		}
		if strings.ContainsAny(out, "\x1b\a") {
			t.Errorf("color %v: output holds ESC or BEL:\n%q", color, out)
		}
		if !strings.Contains(out, "per␛[31mson␇") {
			t.Errorf("color %v: the escaped source line is missing:\n%s", color, out)
		}
	}
}

// TestMaxPerCode caps each code separately and says how many were left out.
func TestMaxPerCode(t *testing.T) {
	var list List
	for range 5 {
		list = append(list, &Diagnostic{Severity: Error, Code: "a", Message: "m"})
	}
	list = append(list, &Diagnostic{Severity: Warning, Code: "b", Message: "m"})
	for _, tt := range []struct {
		max        int
		a, b       int
		leftOutMsg string
	}{
		{0, 5, 1, ""},
		{2, 2, 1, "... 3 more [a] findings not shown (the first 2 are; --max-findings 0 shows all)\n"},
		{5, 5, 1, ""},
	} {
		var b strings.Builder
		WriteText(&b, list, TextOptions{MaxPerCode: tt.max})
		out := b.String()
		if strings.Count(out, "error[a]") != tt.a || strings.Count(out, "warning[b]") != tt.b {
			t.Errorf("max %d: output\n%s", tt.max, out)
		}
		if tt.leftOutMsg != "" && !strings.HasSuffix(out, tt.leftOutMsg) || tt.leftOutMsg == "" && strings.Contains(out, "not shown") {
			t.Errorf("max %d: output\n%s", tt.max, out)
		}
	}
}

// countingWriter counts bytes and lines without keeping them.
type countingWriter struct{ n, lines int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	w.lines += bytes.Count(p, []byte("\n"))
	return len(p), nil
}

// BenchmarkOneLongLine prints 20,000 diagnostics on one line of 20,000
// bytes, the case that was quadratic.
func BenchmarkOneLongLine(b *testing.B) {
	const n = 20_000
	src := []byte(strings.Repeat(";", n) + "\n")
	list := make(List, 0, n)
	for i := range n {
		list = append(list, &Diagnostic{Severity: Error, Code: "syntax", Message: `unexpected ";"`,
			Range: &Range{File: "f.tql", Start: Pos{Offset: i, Line: 1, Col: i + 1}, End: Pos{Offset: i + 1, Line: 1, Col: i + 2}}})
	}
	for b.Loop() {
		WriteText(&countingWriter{}, list, TextOptions{Sources: Sources{"f.tql": src}})
	}
}
