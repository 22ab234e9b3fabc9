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
		return cmp.Or(cmp.Compare(a.Severity, b.Severity), cmp.Compare(ka.ck, kb.ck), cmp.Compare(a.Label, b.Label),
			cmp.Compare(ka.a, kb.a), cmp.Compare(ka.b, kb.b), cmp.Compare(ka.c, kb.c))
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
			f.tally(groupKey{ck: ckHeader})
		case f.headers[0].Item != 0:
			f.fs.hit(groupKey{ck: ckHeader, a: 1}, f.headers[0].Item, f.headers[0].Offset, nil)
		}
		for _, h := range f.headers[min(1, len(f.headers)):] {
			f.fs.hit(groupKey{ck: ckHeader, a: 2}, h.Item, h.Offset, nil)
		}
	}
	if f.on(ckChecksums) && f.items > 0 && f.fatal == nil {
		switch {
		case len(f.sums) == 0 && version.ChecksumsRequired(t):
			f.tally(groupKey{ck: ckChecksums})
		case len(f.sums) > 0:
			for _, s := range f.sums[1:] {
				f.fs.hit(groupKey{ck: ckChecksums, a: 1}, s.Item, s.Offset, nil)
			}
			d, c := f.declared, f.counts
			for i, pair := range [][2]int64{{d.Entities, c.Entities}, {d.Attributes, c.Attributes}, {d.Relations, c.Relations}, {d.Roles, c.Roles}, {d.Ownerships, c.Ownerships}} {
				if pair[0] != pair[1] {
					if e := f.fs.hit(groupKey{ck: ckChecksums, a: 2, b: int32(i)}, f.sums[0].Item, f.sums[0].Offset, nil); e != nil {
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
			f.tally(groupKey{ck: ckRemap, a: 0, b: int32(i)})
		} else {
			used = true
		}
		if !f.inSchema(e.New) {
			f.tally(groupKey{ck: ckRemap, a: 1, b: int32(i)})
		}
	}
	if used {
		if version.Remap(t) == version.RemapNone {
			f.tally(groupKey{ck: ckRemap, a: 2})
		} else {
			f.tally(groupKey{ck: ckRemap, a: 3})
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

// levelOf is the severity of group g: the check's level, except where a
// check's finding is weaker than the check (a regex that cannot be
// checked, duplicate headers, a remap note).
func (f *front) severityOf(k groupKey) (diag.Severity, bool) {
	l := f.level[k.ck]
	switch k.ck {
	case ckRegex:
		if k.c == 1 {
			return diag.Warning, true
		}
	case ckHeader:
		if k.a == 2 {
			return diag.Warning, true
		}
	case ckChecksums:
		if k.a == 1 && !is3x(f.v.target) || k.a == 3 {
			return diag.Warning, true
		}
	case ckRemap:
		if k.a == 3 {
			return diag.Info, true
		}
	}
	if l == Off {
		return 0, false
	}
	return l.severity(), true
}

func (f *front) typeKey(i int32) string { return f.v.types[i].key }

func (f *front) kindWord(k concept.Kind) string { return k.String() }

// describe turns a group into its output line.
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
	t := f.v.target
	lab := func(i int32) *labelEntry { return &f.labels[i] }
	remapped := func(le *labelEntry) string {
		if le.mapped != le.file {
			return fmt.Sprintf(" (remapped from %q)", le.file)
		}
		return ""
	}
	if s, ok := sugg[k]; ok {
		G.Remap = s.entry
	}
	switch k.ck {
	case ckRemap:
		switch k.a {
		case 0:
			e := f.remap.Entries[k.b]
			G.Label = e.Old
			G.Message = fmt.Sprintf("remap %s matches no item or role label in the data", e)
			G.Remedy = "drop the entry, or check the spelling of " + fmt.Sprintf("%q", e.Old)
		case 1:
			e := f.remap.Entries[k.b]
			G.Label = e.Old
			G.Message = fmt.Sprintf("remap %s: %q is not a type or role of the schema", e, e.New)
			G.Remedy = "remap to a label the schema defines"
		case 2:
			G.Label = "remap"
			G.Message = fmt.Sprintf("%s %s has no import-time remap: the check applied the remap as if the file were rewritten with it", version.Product(t), t)
			G.Remedy = "rewrite the data file with the remap before importing (tqlmig rewrite-data --remap REMAP DATA -o OUT)"
		case 3:
			G.Label = "remap"
			var args []string
			for _, e := range f.remap.Entries {
				if f.remapUsed[e.Old] {
					args = append(args, e.String())
				}
			}
			G.Message = fmt.Sprintf("the remap applies as import arguments on %s %s: %s", version.Product(t), t, strings.Join(args, " "))
		}
	case ckHeader:
		G.Label = "header"
		switch k.a {
		case 0:
			G.Message = "the file has no header item"
			G.Remedy = fmt.Sprintf("%s %s needs a header as the first item: rewrite the file with one", version.Product(t), t)
		case 1:
			G.Message = "the header is not the first item"
			G.Remedy = "rewrite the file with the header first"
		case 2:
			G.Message = "more than one header item"
		}
	case ckChecksums:
		G.Label = "checksums"
		switch k.a {
		case 0:
			G.Message = "the file has no checksums item"
			G.Remedy = fmt.Sprintf("%s %s needs one: rewrite the file with the recounted checksums", version.Product(t), t)
		case 1:
			G.Message = "more than one checksums item"
			G.Remedy = "keep one checksums item"
		case 2:
			names := []string{"entity", "attribute", "relation", "role player", "ownership"}
			G.Label = names[k.b] + " count"
			G.Message = fmt.Sprintf("the checksums item's %s count disagrees with the items", names[k.b])
			G.Remedy = "the file is incomplete or was edited: export it again, or rewrite it with recounted checksums"
		case 3:
			G.Message = "items after the checksums item, which exporters write last"
			G.Remedy = "the file was joined to another or damaged: export it again"
		}
	case ckMalformed:
		G.Label = "item"
		switch {
		case k.a < 0:
			G.Message = "items hold no attribute, entity, relation, header or checksums"
		case int(k.a) < len(malformedCodes) && malformedCodes[k.a] != datafile.CodeMalformed:
			G.Message = "the file ends inside an item or its length prefix is corrupt"
			G.Remedy = "the export was cut short: export it again"
		default:
			G.Message = "items do not decode"
			G.Remedy = "the file is corrupt: export it again"
		}
	case ckMissingID:
		le := lab(k.a)
		G.Label = le.file
		G.Message = fmt.Sprintf("%s items of %q have no id", le.kind, le.file)
		G.Remedy = "every thing item needs a unique id: export the data again"
	case ckUnknownLabel:
		le := lab(k.a)
		G.Label = le.file
		if le.status == lsOverflow {
			G.Message = fmt.Sprintf("%s items with labels beyond the %d distinct labels tracked", le.kind, maxLabel)
			break
		}
		G.Message = fmt.Sprintf("%s label %q%s is not a type of the schema", le.kind, le.mapped, remapped(le))
		if G.Remap != "" {
			G.Remedy = "add the remap " + G.Remap
		} else {
			G.Remedy = fmt.Sprintf("define %q as %s type in the schema, or remap it to one", le.mapped, article(le.kind))
		}
	case ckLabelKind:
		le := lab(k.a)
		G.Label = le.file
		G.Message = fmt.Sprintf("%s items labelled %q%s, which is %s type", le.kind, le.mapped, remapped(le), f.kindName(le.found))
		G.Remedy = fmt.Sprintf("remap %q to %s type", le.file, article(le.kind))
	case ckAbstract:
		le := lab(k.a)
		G.Label = le.file
		G.Message = fmt.Sprintf("items of abstract %s type %q%s", le.kind, le.mapped, remapped(le))
		G.Remedy = fmt.Sprintf("make %q concrete (drop \"abstract\" from its definition)", le.mapped)
		G.edit = fmt.Sprintf("undefine %s abstract;", le.mapped)
		G.fallback = "remove these items from the file, or remap them to a concrete type"
		if sub := f.concreteSubtype(le.typ); sub != "" {
			G.Remedy += fmt.Sprintf(", or remap its items to a concrete subtype: %s=%s", le.file, sub)
			G.fallback = fmt.Sprintf("remap its items to a concrete subtype: %s=%s", le.file, sub)
		}
	case ckUnknownRole:
		re := &f.roles[k.a]
		rel := lab(re.rel)
		G.Label = re.file + " in " + rel.file
		G.Message = f.unknownRoleMessage(re, rel)
		switch {
		case G.Remap != "":
			G.Remedy = "add the remap " + G.Remap
		case f.v.roles == version.RoleScopedOnly && !strings.Contains(re.mapped, ":"):
			G.Remedy = "rewrite the file with role labels scoped by their declaring relation (relation:role)"
		default:
			G.Remedy = fmt.Sprintf("add the role to %q in the schema, or remap %q to one of its roles", rel.mapped, re.file)
		}
	case ckRoleUnrelated:
		re := &f.roles[k.a]
		rel := lab(re.rel)
		G.Label = re.file + " in " + rel.file
		G.Message = fmt.Sprintf("relation type %q does not relate role %q", rel.mapped, f.typeKey(re.typ))
		G.Remedy = fmt.Sprintf("add \"%s relates %s;\" to the schema, or remap %q to a role of %q", rel.mapped, f.v.types[re.typ].t.Label, re.file, rel.mapped)
	case ckValueKind:
		le := lab(k.a)
		G.Label = le.file
		vk := datafile.ValueKind(k.b)
		vt := f.v.types[le.typ].vt
		switch {
		case vk == datafile.ValueNone:
			G.Message = fmt.Sprintf("attributes of %q have no value", le.mapped)
			G.Remedy = "export the data again; every attribute item needs a value"
		case vt == "":
			G.Message = fmt.Sprintf("attributes of %q hold %s values, but the type has no value type", le.mapped, vk)
			G.Remedy = fmt.Sprintf("give %q a value type in the schema", le.mapped)
		case vk.Is3x() && t.Major != 3:
			G.Message = fmt.Sprintf("attributes of %q hold %s values, which only TypeDB 3.x has", le.mapped, vk)
			G.Remedy = "import this file into TypeDB 3.x"
		default:
			G.Message = fmt.Sprintf("attributes of %q hold %s values; its value type is %s", le.mapped, valueWord(vk), vt)
			G.Remedy = fmt.Sprintf("declare %q with value %s, or remap these items to an attribute type of that value type", le.mapped, valueWord(vk))
		}
	case ckRegex:
		le := lab(k.a)
		G.Label = le.file
		rx := f.v.types[le.typ].regexes[k.b]
		if k.c == 1 {
			why := rx.why
			if why == "" {
				why = "values hold line terminators Java's \".\" does not match"
			}
			G.Message = fmt.Sprintf("values of %q not checked against regex %q of %q: %s", le.mapped, rx.src, rx.owner, why)
			G.Remedy = "check these values with a Java regex engine before importing"
			break
		}
		G.Message = fmt.Sprintf("values of %q do not match regex %q of %q", le.mapped, rx.src, rx.owner)
		G.Remedy = fmt.Sprintf("fix the values, or relax the regex of %q", rx.owner)
	case ckOwnership:
		G.Label = f.typeKey(k.a) + " owns " + f.typeKey(k.b)
		G.Message = fmt.Sprintf("%q owns %q, which the schema does not allow", f.typeKey(k.a), f.typeKey(k.b))
		G.Remedy = fmt.Sprintf("add %q to the schema", f.v.ownsLine(k.a, k.b, false))
		G.edit = "define " + f.v.ownsLine(k.a, k.b, false)
		G.fallback = "remove these ownerships from the file"
	case ckKeyCount:
		G.Label = f.typeKey(k.a) + " key " + f.typeKey(k.b)
		switch k.c {
		case 0:
			G.Message = fmt.Sprintf("%q owners without their %q key", f.typeKey(k.a), f.typeKey(k.b))
		default:
			G.Message = fmt.Sprintf("%q owners with more than one %q key", f.typeKey(k.a), f.typeKey(k.b))
		}
		G.Remedy = fmt.Sprintf("give each owner exactly one key, or drop the key: %q", f.v.ownsLine(k.a, k.b, false))
	case ckKeyUnique, ckUnique:
		what := "key"
		if k.ck == ckUnique {
			what = "@unique"
		}
		G.Label = f.typeKey(k.a) + " " + strings.TrimPrefix(what, "@") + " " + f.typeKey(k.b)
		G.Message = fmt.Sprintf("%s values of %q shared by two %q owners", what, f.typeKey(k.b), f.typeKey(k.a))
		G.Remedy = fmt.Sprintf("make the values distinct, or drop the constraint: %q", f.v.ownsLine(k.a, k.b, false))
	case ckPlays:
		G.Label = f.typeKey(k.a) + " plays " + f.typeKey(k.b)
		G.Message = fmt.Sprintf("%q plays %q, which the schema does not allow", f.typeKey(k.a), f.typeKey(k.b))
		G.Remedy = fmt.Sprintf("add %q to the schema", f.v.playsLine(k.a, k.b))
		G.edit = "define " + f.v.playsLine(k.a, k.b)
		G.fallback = "remove these role players from the file"
	case ckNoPlayers:
		le := lab(k.a)
		G.Label = le.file
		G.Message = fmt.Sprintf("relations of %q without role players", le.mapped)
		G.Remedy = "drop these relations from the file, or give them players"
	case ckAttributeOwns:
		le := lab(k.a)
		G.Label = le.file
		G.Message = fmt.Sprintf("attributes of %q own attributes, which TypeDB 3.x refuses", le.mapped)
		G.Remedy = "rewrite the file without these ownerships (3.x attributes cannot own attributes)"
	case ckAttributePlayer:
		re := &f.roles[k.a]
		G.Label = re.file + " in " + lab(re.rel).file
		G.Message = fmt.Sprintf("attributes play role %q in %q, which TypeDB 3.x cannot import", re.file, lab(re.rel).file)
		G.Remedy = "rewrite the file without attribute role players (3.x attributes cannot play roles)"
	case ckDuplicateID:
		le := lab(k.a)
		G.Label = le.file
		switch k.b {
		case rebindOwned, rebindPlayer:
			what := "ownerships of"
			if k.b == rebindPlayer {
				what = "role players that are"
				G.Label += " as player"
			} else {
				G.Label += " as owned"
			}
			G.Message = fmt.Sprintf("%s %s items of %q with a repeated id rebind: %s %s maps the id to one of the items, so these references reach it whichever was meant", what, le.kind, le.file, version.Product(t), t)
			G.Remedy = "check the merged items after the import, or give each item its own id before importing"
		default:
			G.Message = fmt.Sprintf("%s items of %q repeat an id an earlier item has; the import goes through and merges the references to both", le.kind, le.file)
			G.Remedy = "ids should be unique: export the data again (2.0–2.2 exports can collide; 2.3+ Base64 ids do not)"
		}
	case ckDangling:
		le := lab(k.a)
		G.Label = le.file
		if k.b == 1 {
			G.Message = fmt.Sprintf("relations of %q have role players whose ids no item has", le.file)
		} else {
			G.Message = fmt.Sprintf("%s items of %q own attribute ids no item has", le.kind, le.file)
		}
		G.Remedy = "the file is incomplete: export it again"
	case ckRefKind:
		le := lab(k.a)
		G.Label = le.file
		G.Message = fmt.Sprintf("%s items of %q own the ids of %s items", le.kind, le.file, concept.Kind(k.b))
		G.Remedy = "an owned id must be an attribute's: the file is corrupt"
	case ckNestedRelation:
		le := lab(k.a)
		G.Label = le.file
		G.Message = fmt.Sprintf("relations of %q have relations as role players, which %s %s imports as skipped relations", le.file, version.Product(t), t)
		G.Remedy = "import into TypeDB 2.8 or later, where nested relations import correctly"
	case ckInvalidUTF8:
		le := lab(k.a)
		G.Label = le.file
		G.Message = fmt.Sprintf("%s items of %q hold a string that is not valid UTF-8 (id, label, value or reference), which no importer reads", le.kind, le.file)
		G.Remedy = "the file is corrupt or was edited: export it again"
	case ckStringSize:
		le := lab(k.a)
		G.Label = le.file
		G.Message = fmt.Sprintf("string values of %q are longer than the %d bytes %s %s stores", le.file, version.StringMaxBytes(t), version.Product(t), t)
		G.Remedy = "shorten the values before exporting, or keep them out of this attribute type"
	}
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

func (f *front) unknownRoleMessage(re *roleEntry, rel *labelEntry) string {
	from := ""
	if re.mapped != re.file {
		from = fmt.Sprintf(" (remapped from %q)", re.file)
	}
	switch f.v.roles {
	case version.RoleGlobal:
		if strings.Contains(re.mapped, ":") {
			return fmt.Sprintf("role label %q%s is scoped; Grakn 1.8 looks roles up by their global, unscoped label", re.mapped, from)
		}
		return fmt.Sprintf("role %q%s is not a role of the schema", re.mapped, from)
	case version.RoleExact:
		return fmt.Sprintf("role label %q%s is not the scoped name of a role of %q (TypeDB 2.0–2.2 need relation:role exactly)", re.mapped, from, rel.mapped)
	case version.RoleByName:
		_, name := remap.SplitScoped(re.mapped)
		return fmt.Sprintf("relation type %q has no role named %q%s", rel.mapped, name, from)
	}
	if !strings.Contains(re.mapped, ":") {
		return fmt.Sprintf("role label %q%s is unscoped; TypeDB 3.x needs relation:role", re.mapped, from)
	}
	return fmt.Sprintf("role %q%s is not a role of the schema", re.mapped, from)
}
