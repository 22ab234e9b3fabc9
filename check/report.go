package check

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/schema"
)

// Report is what Run finds: the file's counts and one Group per (check,
// label) with findings.
type Report struct {
	File   string             `json:"file"`
	Target string             `json:"target"`
	Items  int64              `json:"items"`
	Counts datafile.Checksums `json:"counts"`
	// IDs is the number of distinct thing ids.
	IDs int64 `json:"ids"`
	// TableBytes is the memory the id, key and pending tables held at the
	// end, the part of a run that grows with the number of things.
	TableBytes int64 `json:"tableBytes"`
	// OK is true when the import would succeed: no group is an error.
	OK     bool     `json:"ok"`
	Groups []*Group `json:"groups"`

	keys []groupKey // parallel to Groups
}

// Group is every occurrence of one problem: one check, one label.
type Group struct {
	Check    string        `json:"check"`
	Severity diag.Severity `json:"severity"`
	// Label is what the group is about, as the file writes it: "persn",
	// "employee in employment", "person owns email".
	Label   string `json:"label"`
	Count   int64  `json:"count"`
	Message string `json:"message"`
	// Remedy says what to change: the remap to add, the schema line that
	// is missing, the type to make concrete.
	Remedy string `json:"remedy,omitempty"`
	// Remap is a suggested remap entry old=new, when there is one.
	Remap    string    `json:"remap,omitempty"`
	Examples []Example `json:"examples"`

	// edit is the schema change Remedy suggests, as a TypeQL 2.x query,
	// and fallback the remedy to give instead when vet rejects it.
	edit, fallback string
}

// Example is one occurrence: the item index, the byte offset of its
// length prefix (-1 when not known), and its id.
type Example struct {
	Item   int64  `json:"item"`
	Offset int64  `json:"offset"`
	ID     string `json:"id,omitempty"`
	Note   string `json:"note,omitempty"`

	ref uint64 // hash of the referenced id, for reread
}

func (e Example) String() string {
	s := fmt.Sprintf("item %d", e.Item)
	if e.Offset >= 0 {
		s += fmt.Sprintf(" at byte %d", e.Offset)
	}
	if e.ID != "" {
		s += fmt.Sprintf(" (id %q)", e.ID)
	}
	if e.Note != "" {
		s += ": " + e.Note
	}
	return s
}

// Errors returns how many groups are errors.
func (r *Report) Errors() int {
	n := 0
	for _, g := range r.Groups {
		if g.Severity == diag.Error {
			n++
		}
	}
	return n
}

// Diagnostics renders one diagnostic per group: placed at the first
// example, the other examples and the remedy in Detail and Fix.
func (r *Report) Diagnostics() diag.List {
	var out diag.List
	for _, g := range r.Groups {
		d := &diag.Diagnostic{Severity: g.Severity, Code: g.Check, Message: g.Message}
		if len(g.Examples) > 0 || g.Count > 1 {
			d.Message += " (" + plural(g.Count, "occurrence") + ")"
		}
		rest := g.Examples
		if len(rest) > 0 {
			e := rest[0]
			switch {
			case e.Offset < 0:
				// Found at the end of an input that could not be read
				// again: the item index is all there is.
				d.Detail = "first: " + e.String() + "\n"
			default:
				d.Data = &diag.DataPos{File: r.File, Offset: e.Offset, Item: e.Item, ID: e.ID}
				if e.Note != "" {
					d.Detail = "first: " + e.Note + "\n"
				}
			}
			rest = rest[1:]
		}
		for _, e := range rest {
			d.Detail += "also " + e.String() + "\n"
		}
		if more := g.Count - int64(len(g.Examples)); more > 0 && len(g.Examples) > 0 {
			d.Detail += fmt.Sprintf("and %d more\n", more)
		}
		d.Detail = strings.TrimSuffix(d.Detail, "\n")
		if g.Remedy != "" {
			d.Fix = &diag.Fix{Message: g.Remedy}
		}
		out = append(out, d)
	}
	return out
}

func plural(n int64, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%s %ss", commas(n), word)
}

// commas writes n with thousands separators.
func commas(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + commas(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// report adds the end-of-file checks and builds the Report.
func (f *front) report(b *back, opt Options) *Report {
	f.endChecks(opt)
	rep := &Report{File: opt.Name, Target: opt.Target.String(), Items: f.items, Counts: f.counts, IDs: int64(b.ids.n),
		TableBytes: b.ids.bytes() + b.byValue.bytes() + b.keyOwn.bytes() + b.pend.bytes()}
	sugg := f.suggestions(b)
	for _, g := range f.fs.m {
		G := f.describe(g, sugg)
		if G == nil {
			continue
		}
		rep.Groups = append(rep.Groups, G)
		rep.keys = append(rep.keys, g.key)
	}
	order := make([]int, len(rep.Groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := rep.Groups[i], rep.Groups[j]
		ka, kb := rep.keys[i], rep.keys[j]
		return cmp.Or(cmp.Compare(a.Severity, b.Severity), cmp.Compare(ka.ck, kb.ck), cmp.Compare(a.Label, b.Label), ka.compare(kb))
	})
	gs, ks := make([]*Group, len(order)), make([]groupKey, len(order))
	for n, i := range order {
		gs[n], ks[n] = rep.Groups[i], rep.keys[i]
	}
	rep.Groups, rep.keys = gs, ks
	rep.OK = rep.Errors() == 0
	if opt.Schema != nil && f.v.m.Lang == schema.TypeQL2 {
		rep.vetRemedies(opt)
	}
	return rep
}

// tally counts an occurrence without an example.
func (f *front) tally(k groupKey) { f.fs.hit(k, 0, 0, nil); f.fs.m[k].ex = nil }

// endChecks runs what needs the whole file: header, checksums, remap.
func (f *front) endChecks(opt Options) {
	t := opt.Target
	if f.on(ckHeader) && f.items > 0 {
		switch {
		case len(f.headers) == 0:
			f.tally(groupKey{ck: ckHeader, sub: headerMissing})
		case f.headers[0].Item != 0:
			f.fs.hit(groupKey{ck: ckHeader, sub: headerNotFirst}, f.headers[0].Item, f.headers[0].Offset, nil)
		}
		for _, h := range f.headers[min(1, len(f.headers)):] {
			f.fs.hit(groupKey{ck: ckHeader, sub: headerRepeated}, h.Item, h.Offset, nil)
		}
	}
	if f.on(ckChecksums) && f.items > 0 && f.fatal == nil {
		switch {
		case len(f.sums) == 0 && version.ChecksumsRequired(t):
			f.tally(groupKey{ck: ckChecksums, sub: checksumsMissing})
		case len(f.sums) > 0:
			for _, s := range f.sums[1:] {
				f.fs.hit(groupKey{ck: ckChecksums, sub: checksumsRepeated}, s.Item, s.Offset, nil)
			}
			d, c := f.declared, f.counts
			for i, pair := range [][2]int64{{d.Entities, c.Entities}, {d.Attributes, c.Attributes}, {d.Relations, c.Relations}, {d.Roles, c.Roles}, {d.Ownerships, c.Ownerships}} {
				if pair[0] != pair[1] {
					if e := f.fs.hit(groupKey{ck: ckChecksums, sub: checksumsEntities + variant(i)}, f.sums[0].Item, f.sums[0].Offset, nil); e != nil {
						e.note = fmt.Sprintf("declared %d, counted %d", pair[0], pair[1])
					}
				}
			}
		}
	}
	if f.remap == nil {
		return
	}
	used := false
	for i, e := range f.remap.Entries {
		if !f.remapUsed[e.Old] {
			f.tally(groupKey{ck: ckRemap, sub: remapUnmatched, nth: int32(i)})
		} else {
			used = true
		}
		if !f.inSchema(e.New) {
			f.tally(groupKey{ck: ckRemap, sub: remapNotInSchema, nth: int32(i)})
		}
	}
	if used {
		if version.Remap(t) == version.RemapNone {
			f.tally(groupKey{ck: ckRemap, sub: remapNotAtImport})
		} else {
			f.tally(groupKey{ck: ckRemap, sub: remapImportArgs})
		}
	}
}

// inSchema reports whether a remap's new label names a type or role: a
// type label, a scoped role, or (for roles looked up by name) a role name.
func (f *front) inSchema(label string) bool {
	if i, ok := f.v.byKey[label]; ok && !f.v.types[i].root {
		return true
	}
	_, name := remap.SplitScoped(label)
	for _, t := range f.v.types {
		if t.role && t.t.Label == name && (f.v.roles == version.RoleByName || !strings.Contains(label, ":")) {
			return true
		}
	}
	return false
}

// severityOf is the severity of a group: the check's level, except where
// a case of the check is weaker than the check (a regex that cannot be
// checked, duplicate headers, a remap note).
func (f *front) severityOf(k groupKey) (diag.Severity, bool) {
	if weaker := wordings[k.ck].caseSeverity; weaker != nil {
		if sev, ok := weaker(f, k); ok {
			return sev, true
		}
	}
	l := f.level[k.ck]
	if l == Off {
		return 0, false
	}
	return l.severity(), true
}

// describe turns a group into its output line: what every group has
// here, its wording from its check's describe function.
func (f *front) describe(g *group, sugg map[groupKey]suggestion) *Group {
	k := g.key
	sev, ok := f.severityOf(k)
	if !ok {
		return nil
	}
	G := &Group{Check: Checks[k.ck].Name, Severity: sev, Count: g.count}
	for _, e := range g.ex {
		G.Examples = append(G.Examples, Example{Item: e.item, Offset: e.off, ID: e.id, Note: e.note, ref: e.ref})
	}
	if G.Examples == nil {
		G.Examples = []Example{}
	}
	if s, ok := sugg[k]; ok {
		G.Remap = s.entry
	}
	wordings[k.ck].describe(f, k, G)
	return G
}

func valueWord(k datafile.ValueKind) string {
	if k == datafile.ValueDatetimeMillis {
		return "datetime"
	}
	return k.String()
}

func (f *front) kindName(i int32) string {
	if i < 0 {
		return "no"
	}
	t := f.v.types[i]
	switch {
	case t.role:
		return "a role"
	case t.kind == concept.Unknown:
		return "a " + t.t.Kind().String()
	}
	return article(t.kind)
}

// concreteSubtype returns the first concrete subtype of abstract type i.
func (f *front) concreteSubtype(i int32) string {
	if i < 0 {
		return ""
	}
	for _, s := range f.v.types[i].t.Subtypes() {
		if !s.IsAbstract() && s.Kind() != concept.Role {
			return s.Key()
		}
	}
	return ""
}
