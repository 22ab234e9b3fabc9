package diag

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Sources maps a file name, exactly as it appears in Range.File, to the
// file's bytes. Renderers use it to show the source line under a
// diagnostic; a file missing from the map is simply shown without one.
type Sources map[string][]byte

// TextOptions controls WriteText and Text.
type TextOptions struct {
	// Sources supplies source lines for snippets; nil means no snippets.
	Sources Sources
	// Color adds ANSI colours. The caller decides, usually with UseColor.
	Color bool
	// MaxPerCode, when positive, is how many diagnostics of one code
	// WriteText shows; a line after them says how many of each code were
	// left out. 0 shows all.
	MaxPerCode int
}

// UseColor reports whether output to w should be coloured: only when w is
// an *os.File (or anything with Stat) that is a character device, the
// environment has no NO_COLOR (https://no-color.org: any non-empty value
// turns colour off) and TERM is not "dumb". getenv is os.Getenv in
// production; tests pass their own.
func UseColor(w io.Writer, getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	return IsTerminal(w)
}

// IsTerminal reports whether w is a character device such as a terminal:
// true only for an *os.File (or anything with Stat) whose mode says so.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// ANSI escapes used by the text renderer.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
	ansiBlue   = "\x1b[34m"
)

func severityColor(s Severity) string {
	switch s {
	case Error:
		return ansiRed
	case Warning:
		return ansiYellow
	}
	return ansiCyan
}

// WriteText renders the diagnostics of list in order, as Text does, at
// most opt.MaxPerCode of each code, then one line per code that had more,
// and returns the first write error. Its cost is linear in the number of
// diagnostics: each costs at most a snippet window of its source line.
func WriteText(w io.Writer, list List, opt TextOptions) error {
	b := bufio.NewWriterSize(w, 64<<10)
	shown := map[string]int{}
	var over []string // codes with diagnostics left out, in order of first
	for _, d := range list {
		if opt.MaxPerCode > 0 {
			if shown[d.Code]++; shown[d.Code] > opt.MaxPerCode {
				if shown[d.Code] == opt.MaxPerCode+1 {
					over = append(over, d.Code)
				}
				continue
			}
		}
		writeText(b, d, opt)
	}
	for _, code := range over {
		name := "[" + code + "]"
		if code == "" {
			name = "without a code"
		}
		fmt.Fprintf(b, "... %d more %s findings not shown (the first %d are; --max-findings 0 shows all)\n",
			shown[code]-opt.MaxPerCode, name, opt.MaxPerCode)
	}
	return b.Flush()
}

// textWriter is what the text renderer writes to: a bytes.Buffer for Text,
// a bufio.Writer for WriteText.
type textWriter interface {
	io.Writer
	io.ByteWriter
	io.StringWriter
}

// Text renders one diagnostic for people. The first line is
//
//	file:line:col: severity[code]: message
//
// (or "file: item N at byte B (id "…"): …" for a data file), the same as
// d.Error(). When the source is in opt.Sources, the numbered source line
// follows, with the subject range underlined by carets: the underline
// counts runes and keeps the line's tabs, so it lines up in any terminal
// that gives each rune one cell. Then come, indented by four spaces, the
// conversion class, the Detail paragraphs, the data path, the related
// places and the suggested fix. The text always ends with a newline.
func Text(d *Diagnostic, opt TextOptions) string {
	var b bytes.Buffer
	writeText(&b, d, opt)
	return b.String()
}

func writeText(b textWriter, d *Diagnostic, opt TextOptions) {
	paint := func(color, s string) {
		if opt.Color {
			b.WriteString(color)
			b.WriteString(s)
			b.WriteString(ansiReset)
		} else {
			b.WriteString(s)
		}
	}
	if w := d.Where(); w != "" {
		paint(ansiBold, Escape(w)+":")
		b.WriteByte(' ')
	}
	sev := d.Severity.String()
	if d.Code != "" {
		sev += "[" + d.Code + "]"
	}
	paint(severityColor(d.Severity), sev+":")
	b.WriteByte(' ')
	paint(ansiBold, Escape(d.Message))
	b.WriteByte('\n')

	if d.Range != nil {
		if src, ok := opt.Sources[d.Range.File]; ok {
			writeSnippet(b, src, *d.Range, opt.Color, severityColor(d.Severity))
		}
	}

	const ind = "    "
	if d.Class != "" {
		b.WriteString(ind + "class: " + string(d.Class) + "\n")
	}
	if d.Detail != "" {
		for _, line := range strings.Split(strings.TrimRight(d.Detail, "\n"), "\n") {
			if line == "" {
				b.WriteString("\n")
				continue
			}
			b.WriteString(ind + Escape(line) + "\n")
		}
	}
	if len(d.Path) > 0 {
		b.WriteString(ind + "path: " + Escape(strings.Join(d.Path, "/")) + "\n")
	}
	for _, r := range d.Related {
		rng := r.Range
		if rng.File == "" && d.Range != nil {
			rng.File = d.Range.File
		}
		b.WriteString(ind + "related: ")
		if w := rng.String(); w != "-" && w != "" {
			b.WriteString(Escape(w) + ": ")
		}
		b.WriteString(Escape(r.Message) + "\n")
	}
	if d.Fix != nil {
		writeFix(b, d, opt.Sources, ind)
	}
}

// writeFix renders the fix's message, or when it has none a description of
// each edit.
func writeFix(b textWriter, d *Diagnostic, sources Sources, ind string) {
	if d.Fix.Message != "" {
		b.WriteString(ind + "fix: " + Escape(d.Fix.Message) + "\n")
		return
	}
	for _, e := range d.Fix.Edits {
		rng := e.Range
		if rng.File == "" && d.Range != nil {
			rng.File = d.Range.File
		}
		old, ok := sliceRange(sources[rng.File], rng)
		switch {
		case ok && old == "":
			fmt.Fprintf(b, "%sfix: insert %q at %s\n", ind, e.New, rng.Start)
		case ok && e.New == "":
			fmt.Fprintf(b, "%sfix: delete %q\n", ind, old)
		case ok:
			fmt.Fprintf(b, "%sfix: replace %q with %q\n", ind, old, e.New)
		default:
			fmt.Fprintf(b, "%sfix: replace %s-%s with %q\n", ind, rng.Start, rng.End, e.New)
		}
	}
}

// sliceRange returns the source text of r, or false when src does not hold it.
func sliceRange(src []byte, r Range) (string, bool) {
	if src == nil || !r.Start.IsValid() {
		return "", false
	}
	s, e := r.Start.Offset, r.End.Offset
	if !r.End.IsValid() {
		e = s
	}
	if s < 0 || e < s || e > len(src) {
		return "", false
	}
	return string(src[s:e]), true
}

// Long lines are cut to a window around the subject so that a minified
// or generated file does not flood the terminal.
const (
	snippetBefore = 60  // runes kept before the subject when a line is cut
	snippetAfter  = 100 // runes kept from the subject on
)

// writeSnippet prints the line holding r.Start with a gutter of line
// numbers, and underneath it a caret under every rune of the range that
// lies on that line (one caret for an empty range). The positions come
// from the byte offsets; Line is only used for the gutter.
func writeSnippet(b textWriter, src []byte, r Range, color bool, sevColor string) {
	start := r.Start.Offset
	if !r.Start.IsValid() || start < 0 || start > len(src) {
		return
	}
	// Look for the line's ends only as far as the window can reach, so
	// that many diagnostics on one long line cost no more than on short
	// ones. A line going on beyond is cut as it would be anyway.
	lo := max(0, start-windowBytes(snippetBefore)-1)
	lineStart := lo + bytes.LastIndexByte(src[lo:start], '\n') + 1
	hi := min(len(src), start+windowBytes(snippetAfter)+1)
	lineEnd := hi
	if i := bytes.IndexByte(src[start:hi], '\n'); i >= 0 {
		lineEnd = start + i
	}
	before := src[lineStart:start]
	after := bytes.TrimSuffix(src[start:lineEnd], []byte("\r")) // CRLF files

	end := start
	if r.End.IsValid() && r.End.Offset > start {
		end = min(r.End.Offset, start+len(after))
	}
	carets := max(1, utf8.RuneCount(src[start:end]))

	cutBefore, cutAfter := false, false
	if utf8.RuneCount(before) > snippetBefore {
		before, cutBefore = lastRunes(before, snippetBefore), true
	}
	if utf8.RuneCount(after) > snippetAfter {
		after, cutAfter = firstRunes(after, snippetAfter), true
		carets = min(carets, snippetAfter)
	}

	num := strconv.Itoa(r.Start.Line)
	gutter := strings.Repeat(" ", len(num))
	if color {
		b.WriteString(ansiBlue + "  " + num + " |" + ansiReset)
	} else {
		b.WriteString("  " + num + " |")
	}
	if len(before)+len(after) > 0 || cutBefore {
		b.WriteByte(' ')
	}
	if cutBefore {
		b.WriteString("…")
	}
	b.WriteString(escapeLine(before))
	b.WriteString(escapeLine(after))
	if cutAfter {
		b.WriteString("…")
	}
	b.WriteByte('\n')

	if color {
		b.WriteString(ansiBlue + "  " + gutter + " |" + ansiReset + " ")
	} else {
		b.WriteString("  " + gutter + " | ")
	}
	if cutBefore {
		b.WriteByte(' ')
	}
	for _, c := range string(before) {
		if c == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	if color {
		b.WriteString(sevColor)
	}
	b.WriteString(strings.Repeat("^", carets))
	if color {
		b.WriteString(ansiReset)
	}
	b.WriteByte('\n')
}

// windowBytes is the most bytes n runes of UTF-8 take, plus one rune, so a
// window scanned this far shows whether the line goes on.
func windowBytes(n int) int { return (n + 1) * utf8.UTFMax }

func lastRunes(s []byte, n int) []byte {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRune(s[:i])
		i -= size
	}
	return s[i:]
}

func firstRunes(s []byte, n int) []byte {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRune(s[i:])
		i += size
	}
	return s[:i]
}

// Summary counts diagnostics by severity.
type Summary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Summarize counts list by severity.
func Summarize(list List) Summary {
	return Summary{Errors: list.Count(Error), Warnings: list.Count(Warning), Infos: list.Count(Info)}
}

// String renders the counts as "2 errors, 1 warning", leaving out zero
// counts; "no diagnostics" when all are zero.
func (s Summary) String() string {
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, strconv.Itoa(n)+" "+many)
		}
	}
	add(s.Errors, "error", "errors")
	add(s.Warnings, "warning", "warnings")
	add(s.Infos, "info", "infos")
	if len(parts) == 0 {
		return "no diagnostics"
	}
	return strings.Join(parts, ", ")
}

// JSONPos is a position in the JSON output: byte offset from 0, line and
// column from 1, column in runes (Unicode code points).
type JSONPos struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// JSONRange is a half-open range in the JSON output.
type JSONRange struct {
	File  string  `json:"file"`
	Start JSONPos `json:"start"`
	End   JSONPos `json:"end"`
}

// JSONData is a data-file location in the JSON output.
type JSONData struct {
	File   string `json:"file"`
	Item   int64  `json:"item"`
	Offset int64  `json:"offset"`
	ID     string `json:"id,omitempty"`
}

// JSONRelated is a related place in the JSON output.
type JSONRelated struct {
	Range   JSONRange `json:"range"`
	Message string    `json:"message"`
}

// JSONEdit is one text edit of a fix in the JSON output.
type JSONEdit struct {
	Range JSONRange `json:"range"`
	New   string    `json:"new"`
}

// JSONFix is a suggested fix in the JSON output.
type JSONFix struct {
	Message string     `json:"message,omitempty"`
	Edits   []JSONEdit `json:"edits,omitempty"`
}

// JSONDiagnostic is the stable JSON form of a Diagnostic. Its field names
// are part of tqlmig's output contract: add fields, never rename them.
type JSONDiagnostic struct {
	Severity string        `json:"severity"` // "error", "warning" or "info"
	Code     string        `json:"code,omitempty"`
	Class    string        `json:"class,omitempty"`
	Message  string        `json:"message"`
	Detail   string        `json:"detail,omitempty"`
	Range    *JSONRange    `json:"range,omitempty"`
	Data     *JSONData     `json:"data,omitempty"`
	Path     []string      `json:"path,omitempty"`
	Related  []JSONRelated `json:"related,omitempty"`
	Fix      *JSONFix      `json:"fix,omitempty"`
}

// JSONDocument is what WriteJSON prints. Commands that print more than
// diagnostics embed it in their own document, so that the "diagnostics"
// and "summary" fields look the same everywhere.
type JSONDocument struct {
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
	Summary     Summary          `json:"summary"`
}

// ToJSON converts list to its JSON form. The diagnostics array is never
// null, so consumers can always iterate it.
func ToJSON(list List) JSONDocument {
	doc := JSONDocument{Diagnostics: make([]JSONDiagnostic, 0, len(list)), Summary: Summarize(list)}
	for _, d := range list {
		doc.Diagnostics = append(doc.Diagnostics, toJSON(d))
	}
	return doc
}

func jsonRange(r Range, file string) JSONRange {
	if r.File != "" {
		file = r.File
	}
	return JSONRange{
		File:  file,
		Start: JSONPos{Offset: r.Start.Offset, Line: r.Start.Line, Column: r.Start.Col},
		End:   JSONPos{Offset: r.End.Offset, Line: r.End.Line, Column: r.End.Col},
	}
}

func toJSON(d *Diagnostic) JSONDiagnostic {
	j := JSONDiagnostic{
		Severity: d.Severity.String(),
		Code:     d.Code,
		Class:    string(d.Class),
		Message:  d.Message,
		Detail:   d.Detail,
		Path:     d.Path,
	}
	file := ""
	if d.Range != nil {
		r := jsonRange(*d.Range, "")
		j.Range = &r
		file = d.Range.File
	}
	if d.Data != nil {
		j.Data = &JSONData{File: d.Data.File, Item: d.Data.Item, Offset: d.Data.Offset, ID: d.Data.ID}
		if file == "" {
			file = d.Data.File
		}
	}
	for _, r := range d.Related {
		j.Related = append(j.Related, JSONRelated{Range: jsonRange(r.Range, file), Message: r.Message})
	}
	if d.Fix != nil {
		f := &JSONFix{Message: d.Fix.Message}
		for _, e := range d.Fix.Edits {
			f.Edits = append(f.Edits, JSONEdit{Range: jsonRange(e.Range, file), New: e.New})
		}
		j.Fix = f
	}
	return j
}

// WriteJSON prints list as one indented JSON document with a "diagnostics"
// array and a "summary" of counts, followed by a newline.
func WriteJSON(w io.Writer, list List) error {
	return writeIndentedJSON(w, ToJSON(list))
}

func writeIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
