package remap

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/capread"
)

// Entry is one "old=new" line. Old is the label as written in the data file;
// New is the label it becomes. Either may be a scoped role label
// "relation:role".
type Entry struct {
	Old, New string
	// OldRange and NewRange locate the two labels in the remap file; zero
	// for entries built in code.
	OldRange, NewRange diag.Range
}

func (e Entry) String() string { return QuoteOld(e.Old) + "=" + e.New }

// QuoteOld writes an old label for a remap file: as it is when it is a valid
// label, else in double quotes. Grakn 1.0–1.4 allowed quoted labels with
// any characters ("full name"), and exported data still carries them.
func QuoteOld(label string) string {
	if _, msg := checkLabel(label); msg != "" && !strings.Contains(label, `"`) && !strings.ContainsAny(label, "\n\r") {
		return `"` + label + `"`
	}
	return label
}

// Remap is an ordered set of entries with distinct Old labels.
type Remap struct {
	// File is the name the remap was read from, "" when built in code.
	File    string
	Entries []Entry
	index   map[string]int
}

// New builds a remap from entries built in code, keeping their order. It
// reports the same problems as Parse, without positions.
func New(entries ...Entry) (*Remap, diag.List) {
	r := &Remap{}
	var ds diag.List
	for _, e := range entries {
		r.add(e, &ds)
	}
	return r, ds
}

// FromPairs builds a remap from "old=new" strings, as given on a command line.
func FromPairs(pairs ...string) (*Remap, diag.List) {
	return Parse("", []byte(strings.Join(pairs, "\n")))
}

// Lookup returns what label old becomes, and whether the remap names it.
func (r *Remap) Lookup(old string) (string, bool) {
	if i, ok := r.index[old]; ok {
		return r.Entries[i].New, true
	}
	return old, false
}

// Relabel applies the remap to one label the way every importer does: one
// exact, case-sensitive lookup, and the label itself when there is no entry.
func (r *Remap) Relabel(label string) string {
	s, _ := r.Lookup(label)
	return s
}

// Map returns the remap as a map from old to new label.
func (r *Remap) Map() map[string]string {
	m := make(map[string]string, len(r.Entries))
	for _, e := range r.Entries {
		m[e.Old] = e.New
	}
	return m
}

// Len is the number of entries.
func (r *Remap) Len() int { return len(r.Entries) }

// Inverse swaps every entry. It fails when two entries share a new label,
// since the inverse would then give one label two meanings.
func (r *Remap) Inverse() (*Remap, error) {
	inv := &Remap{}
	for _, e := range r.Entries {
		if i, ok := inv.index[e.New]; ok {
			return nil, fmt.Errorf("remap cannot be inverted: %s and %s both become %q", inv.Entries[i].New, e.Old, e.New)
		}
		inv.add(Entry{Old: e.New, New: e.Old, OldRange: e.NewRange, NewRange: e.OldRange}, nil)
	}
	return inv, nil
}

// Format renders the remap in its file format, one "old=new" line per entry.
func (r *Remap) Format() []byte {
	var b bytes.Buffer
	for _, e := range r.Entries {
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// add appends e unless its Old label is taken; ds (when not nil) receives
// the problems.
func (r *Remap) add(e Entry, ds *diag.List) {
	if r.index == nil {
		r.index = map[string]int{}
	}
	if i, ok := r.index[e.Old]; ok {
		if ds == nil {
			return
		}
		prev := r.Entries[i]
		var d *diag.Diagnostic
		if prev.New == e.New {
			d = addAt(ds, diag.Warning, "remap-duplicate", e.OldRange, "duplicate entry %s", e)
		} else {
			d = addAt(ds, diag.Error, "remap-duplicate", e.OldRange,
				"%q is remapped twice: to %q and to %q", e.Old, prev.New, e.New)
		}
		d.Related = []diag.Related{{Range: prev.OldRange, Message: "first entry for " + prev.Old}}
		return
	}
	if e.Old == e.New && ds != nil {
		addAt(ds, diag.Warning, "remap-identity", e.OldRange, "entry %s changes nothing", e)
	}
	r.index[e.Old] = len(r.Entries)
	r.Entries = append(r.Entries, e)
}

// Parse reads a remap file: one "old=new" per line, blank lines, and "#"
// comments (to the end of the line). Spaces around labels and "=" are
// ignored. A label is a type label or a role label, scoped "relation:role"
// or not. Problems come back with file:line:col; entries with errors are
// left out of the result.
func Parse(name string, src []byte) (*Remap, diag.List) {
	r := &Remap{File: name}
	var ds diag.List
	line := 1
	for off := 0; off <= len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		parseLine(r, &ds, name, src, off, end, line)
		off = end + 1
		line++
	}
	return r, ds
}

// parseLine reads src[start:end], line number line.
func parseLine(r *Remap, ds *diag.List, name string, src []byte, start, end, line int) {
	text := src[start:end]
	// An old label may be a ≤1.4 quoted label, which may hold "#" and "=".
	quoted := -1 // end of the closing quote in text, when the old label is quoted
	if t := bytes.TrimLeft(text, " \t"); len(t) > 0 && t[0] == '"' {
		open := len(text) - len(t)
		if j := bytes.IndexByte(text[open+1:], '"'); j >= 0 {
			quoted = open + 1 + j + 1
		}
	}
	from := max(quoted, 0)
	if i := bytes.IndexByte(text[from:], '#'); i >= 0 {
		text = text[:from+i]
	}
	text = bytes.TrimRight(text, " \t\r")
	pos := func(off int) diag.Pos {
		return diag.Pos{Offset: off, Line: line, Col: utf8.RuneCount(src[start:off]) + 1}
	}
	rng := func(from, to int) diag.Range { return diag.Range{File: name, Start: pos(from), End: pos(to)} }
	errAt := func(from, to int, format string, args ...any) {
		addAt(ds, diag.Error, "remap-syntax", rng(from, to), format, args...)
	}
	if !utf8.Valid(text) {
		errAt(start, start+len(text), "line is not valid UTF-8")
		return
	}
	lead := len(text) - len(bytes.TrimLeft(text, " \t"))
	if lead == len(text) {
		return // blank or comment only
	}
	eq := -1
	if i := bytes.IndexByte(text[max(quoted, 0):], '='); i >= 0 {
		eq = max(quoted, 0) + i
	}
	if eq < 0 {
		errAt(start+lead, start+len(text), "expected old=new, found %q", text[lead:])
		return
	}
	if j := bytes.IndexByte(text[eq+1:], '='); j >= 0 {
		at := start + eq + 1 + j
		errAt(at, at+1, "more than one \"=\" in an entry")
		return
	}
	// field returns the trimmed label in text[from:to] and its offsets in src.
	field := func(from, to int) (string, int, int) {
		f := text[from:to]
		l := len(f) - len(bytes.TrimLeft(f, " \t"))
		f = bytes.TrimRight(f[l:], " \t")
		return string(f), start + from + l, start + from + l + len(f)
	}
	old, o1, o2 := field(0, eq)
	nw, n1, n2 := field(eq+1, len(text))
	oldQuoted := quoted >= 0
	switch {
	case oldQuoted && len(bytes.Trim(text[quoted:eq], " \t")) > 0:
		// Only blanks may follow the quote, as field trims only blanks: a
		// stray "\r" here would otherwise end up inside the label.
		at := start + quoted + len(text[quoted:eq]) - len(bytes.TrimLeft(text[quoted:eq], " \t"))
		errAt(at, start+eq, "unexpected %q after the quoted label", bytes.Trim(text[quoted:eq], " \t"))
		return
	case oldQuoted:
		old = old[1 : len(old)-1]
		if strings.TrimSpace(old) == "" || strings.ContainsAny(old, "\r\n") {
			errAt(o1, o2, "quoted label %q is empty or holds a line break", old)
			return
		}
	case strings.HasPrefix(old, `"`):
		errAt(o1, o2, "unterminated quoted label %s", old)
		return
	}
	ok := true
	for _, f := range []struct {
		side, where string
		label       string
		s, e        int
	}{{"old", "before", old, o1, o2}, {"new", "after", nw, n1, n2}} {
		if f.label == "" {
			errAt(start+eq, start+eq+1, "missing %s label %s \"=\"", f.side, f.where)
			ok = false
			continue
		}
		if f.side == "old" && oldQuoted {
			continue // a quoted ≤1.4 label may hold any character but a quote
		}
		if at, msg := checkLabel(f.label); msg != "" {
			off := f.s + at
			_, size := utf8.DecodeRuneInString(f.label[at:])
			errAt(off, off+max(size, 1), "%s label %q: %s", f.side, f.label, msg)
			ok = false
		}
	}
	if !ok {
		return
	}
	r.add(Entry{Old: old, New: nw, OldRange: rng(o1, o2), NewRange: rng(n1, n2)}, ds)
}

// checkLabel validates a type label or a role label (scoped or not). It
// returns the byte index of the first bad character and why, or "" when the
// label is good. Labels follow TypeQL: a letter or "_" first, then letters,
// digits, "_" and "-".
func checkLabel(s string) (int, string) {
	scope, name, scoped := strings.Cut(s, ":")
	if scoped {
		if i := strings.IndexByte(name, ':'); i >= 0 {
			return len(scope) + 1 + i, "a role label has at most one \":\" (relation:role)"
		}
		if scope == "" {
			return 0, "missing relation before \":\""
		}
		if name == "" {
			return len(s) - 1, "missing role after \":\""
		}
		if i, msg := checkName(scope); msg != "" {
			return i, msg
		}
		i, msg := checkName(name)
		return len(scope) + 1 + i, msg
	}
	return checkName(s)
}

// checkName uses the lexer's character classes, so a label passes exactly
// when the parser would read it. A leading "_" is let through: Grakn ≤1.4
// labels had it, and the old side of an entry names such labels.
func checkName(s string) (int, string) {
	for i, r := range s {
		switch {
		case i == 0 && (grammar.IsLabelStart(r) || r == '_'):
		case i > 0 && grammar.IsLabelPart(r):
		case i == 0:
			return i, fmt.Sprintf("a label starts with a letter or \"_\", not %q", r)
		default:
			return i, fmt.Sprintf("character %q is not allowed in a label", r)
		}
	}
	return 0, ""
}

// IsScoped reports whether label is a scoped role label "relation:role".
func IsScoped(label string) bool { return strings.Contains(label, ":") }

// SplitScoped splits "relation:role" into its parts; an unscoped label has
// an empty scope.
func SplitScoped(label string) (scope, name string) {
	if s, n, ok := strings.Cut(label, ":"); ok {
		return s, n
	}
	return "", label
}

// Load reads remap values as the commands take them (--remap): each is a
// remap file, or one old=new entry when no file of that name exists. The
// entries of all values make one remap; the error is for a value that is
// neither a readable file nor an entry. A file is read through the
// schema files' cap (capread.MaxInputBytes), so an endless pipe stops
// there with a *capread.TooLargeError.
func Load(values []string) (*Remap, diag.List, error) {
	var src strings.Builder
	var ds diag.List
	var entries []Entry
	for _, val := range values {
		b, err := capread.ReadFile(val, capread.MaxInputBytes, "a remap file")
		var tooLarge *capread.TooLargeError
		switch {
		case err == nil:
			r, d := Parse(val, b)
			ds = append(ds, d...)
			entries = append(entries, r.Entries...)
			continue
		case errors.As(err, &tooLarge) || !strings.Contains(val, "="):
			return nil, nil, err
		}
		src.WriteString(val + "\n")
	}
	if src.Len() > 0 {
		r, d := Parse("--remap", []byte(src.String()))
		ds = append(ds, d...)
		entries = append(entries, r.Entries...)
	}
	r, d := New(entries...)
	return r, append(ds, d...), nil
}
