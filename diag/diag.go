package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a text file. Offset counts bytes from 0; Line and Col
// count from 1, and Col counts runes. The zero Pos is "no position".
type Pos struct {
	Offset int
	Line   int
	Col    int
}

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Before reports whether p comes strictly before q.
func (p Pos) Before(q Pos) bool { return p.Offset < q.Offset }

// String renders p as "line:col", or "-" when p is not valid.
func (p Pos) String() string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Col)
}

// Range is a half-open span [Start, End) in one file.
type Range struct {
	File  string
	Start Pos
	End   Pos
}

// String renders r's start as "file:line:col", leaving out what is unknown.
func (r Range) String() string {
	if r.File == "" {
		return r.Start.String()
	}
	if !r.Start.IsValid() {
		return r.File
	}
	return r.File + ":" + r.Start.String()
}

// DataPos locates an item in a binary export file: the byte offset of the
// item's length prefix, and the item's index counting from 0.
type DataPos struct {
	File   string
	Offset int64
	Item   int64
	ID     string // the item's id, when it has one
}

// String renders p as "file: item N at byte B", with the id when known.
func (p DataPos) String() string {
	s := fmt.Sprintf("%s: item %d at byte %d", p.File, p.Item, p.Offset)
	if p.ID != "" {
		s += fmt.Sprintf(" (id %q)", p.ID)
	}
	return s
}

// Severity orders findings. The zero value is Error, so a Diagnostic built
// without thinking about severity is never silently ignored.
type Severity int

// The severities, most severe first.
const (
	Error   Severity = iota // the input is wrong or cannot be handled
	Warning                 // the input works, but not as the user may think
	Info                    // a note, such as a change convert made exactly
)

// String names the severity as text and JSON output spell it.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText lets JSON output carry the name, not the number.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText is the inverse of MarshalText.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	case "info":
		*s = Info
	default:
		return fmt.Errorf("unknown severity %q", b)
	}
	return nil
}

// Class says what a conversion did to a construct. Empty for findings that
// are not about a conversion.
type Class string

const (
	Translated   Class = "translated"   // same meaning in the target
	Approximated Class = "approximated" // meaning changed; Detail says how
	Lost         Class = "lost"         // not representable; Detail says what to do
)

// Related points at another place that explains a finding (the earlier definition, say).
type Related struct {
	Range   Range  `json:"range"`
	Message string `json:"message"`
}

// Edit replaces the text in Range by New.
type Edit struct {
	Range Range  `json:"range"`
	New   string `json:"new"`
}

// Fix is a suggested change.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits,omitempty"`
}

// Diagnostic is one finding: a syntax error, a rewrite report, a schema
// check or a data check.
type Diagnostic struct {
	Severity Severity  `json:"severity"`
	Code     string    `json:"code"`            // stable rule or check name, or "syntax"
	Class    Class     `json:"class,omitempty"` // for conversion reports
	Range    *Range    `json:"range,omitempty"` // tight subject in a text file
	Data     *DataPos  `json:"data,omitempty"`  // subject in a data file
	Message  string    `json:"message"`         // lower-case, no final period
	Detail   string    `json:"detail,omitempty"`
	Related  []Related `json:"related,omitempty"`
	Path     []string  `json:"path,omitempty"` // data path, for the data checks
	Fix      *Fix      `json:"fix,omitempty"`
}

// Where renders the location part of a diagnostic: "file:line:col",
// "file: item N at byte B", or "" when it has none.
func (d *Diagnostic) Where() string {
	switch {
	case d.Range != nil:
		return d.Range.String()
	case d.Data != nil:
		return d.Data.String()
	}
	return ""
}

// Error renders the diagnostic on one line, as "where: severity[code]: message".
func (d *Diagnostic) Error() string {
	var b strings.Builder
	if w := d.Where(); w != "" {
		b.WriteString(w)
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	if d.Code != "" {
		b.WriteString("[")
		b.WriteString(d.Code)
		b.WriteString("]")
	}
	b.WriteString(": ")
	b.WriteString(d.Message)
	return b.String()
}

// List is an ordered set of diagnostics. It implements error so it can pass
// through APIs that return one; use Err to get nil for an empty list.
type List []*Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d *Diagnostic) { *l = append(*l, d) }

// Addf appends a diagnostic built from its parts.
func (l *List) Addf(sev Severity, code string, r *Range, format string, args ...any) *Diagnostic {
	d := &Diagnostic{Severity: sev, Code: code, Range: r, Message: fmt.Sprintf(format, args...)}
	*l = append(*l, d)
	return d
}

// HasErrors reports whether any diagnostic is an Error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns how many diagnostics have severity s.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Errors returns only the Error diagnostics.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Err returns l as an error when it holds at least one Error diagnostic, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l.Errors()
}

// Error renders the first diagnostic and how many more there are.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no diagnostics"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l[0].Error(), len(l)-1)
}

// Sort orders diagnostics by file, then position, then data item, keeping the
// original order of diagnostics at the same place. Diagnostics with no
// place at all (an unsupported target, say) come last.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool { return less(l[i], l[j]) })
}

func less(a, b *Diagnostic) bool {
	// Checked before the file names: an unplaced diagnostic's file is "",
	// which would otherwise sort it first.
	ua, ub := a.Range == nil && a.Data == nil, b.Range == nil && b.Data == nil
	if ua || ub {
		return !ua && ub
	}
	fa, fb := file(a), file(b)
	if fa != fb {
		return fa < fb
	}
	switch {
	case a.Range != nil && b.Range != nil:
		return a.Range.Start.Offset < b.Range.Start.Offset
	case a.Data != nil && b.Data != nil:
		return a.Data.Item < b.Data.Item
	}
	return a.Range != nil // text positions before data positions
}

func file(d *Diagnostic) string {
	switch {
	case d.Range != nil:
		return d.Range.File
	case d.Data != nil:
		return d.Data.File
	}
	return ""
}
