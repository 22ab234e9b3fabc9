package load

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// Lang is a language generation, as the verdict names it.
type Lang int

const (
	NoLang  Lang = iota // no schema to judge (empty, comments only, or unreadable)
	Grakn0              // Grakn 0.x: "insert … sub entity-type", has-resource, plays-role
	Graql1              // Graql 1.x (Grakn 1.0–1.8)
	TypeQL2             // TypeQL 2.x (TypeDB 2.0–2.29)
	TypeQL3             // TypeQL 3.x
)

// String names the language as messages spell it.
func (l Lang) String() string {
	switch l {
	case Grakn0:
		return "Grakn 0.x"
	case Graql1:
		return "Graql 1.x"
	case TypeQL2:
		return "TypeQL 2.x"
	case TypeQL3:
		return "TypeQL 3.x"
	}
	return "no schema"
}

// dialects is the set of grammar dialects of a language.
func (l Lang) dialects() grammar.Dialect {
	switch l {
	case Graql1:
		return grammar.AnyGraql1
	case TypeQL2:
		return grammar.TypeQL2
	case TypeQL3:
		return grammar.TypeQL3
	}
	return 0
}

// langs are the languages a feature can decide between, in the order a
// tie is broken: the file is read as the first.
var langs = []Lang{TypeQL2, Graql1, TypeQL3}

// Verdict is what language a set of schema files is written in.
type Verdict struct {
	// Lang is the set's language. When the files use only constructs that
	// several languages accept, it is the first of TypeQL 2.x, Graql 1.x,
	// TypeQL 3.x among them, and Dialect holds them all.
	Lang Lang
	// Dialect is the set of dialects that accept the files (for Graql 1.x,
	// the union over files: files of several 1.x dialects load together).
	Dialect grammar.Dialect
	// Files is each file's own dialect set, after weighing its features.
	Files map[string]grammar.Dialect
	// Evidence is the construct that decides Lang, when one does.
	Evidence *grammar.Feature
	// EvidenceFile is the file of Evidence.
	EvidenceFile string
}

// Is reports whether the files may be read as language l.
func (v Verdict) Is(l Lang) bool {
	if v.Lang == l {
		return true
	}
	return v.Lang != NoLang && v.Lang != Grakn0 && v.Dialect&l.dialects() != 0
}

// String names the verdict, e.g. "Graql 1.x (graql-1.5-1.7|graql-1.8)".
func (v Verdict) String() string {
	if v.Dialect == 0 {
		return v.Lang.String()
	}
	return fmt.Sprintf("%s (%s)", v.Lang, v.Dialect)
}

// labelRoot is a keyword of one dialect that another dialect reads as an
// ordinary label.
type labelRoot struct {
	label    string          // the label as declared
	dialects grammar.Dialect // the dialects where it is a root, not a label
}

// labelRoots are keyed by the feature the parser records for the root:
// "sub relationship" names the ≤1.4 root relation type, but from Grakn
// 1.5 on relationship is a label like any other. When the files declare
// the label, the feature is no evidence of a dialect; its keyword dialect
// is ruled out instead (it cannot redeclare a root), as it is for a file
// that declares the label itself or names the declared label anywhere.
// This is the one place that decides it: rewrite reads the answer from
// Verdict.Files (rewrite.Options.Dialects).
var labelRoots = map[string]labelRoot{"relationship": {"relationship", grammar.Graql10}}

// fileFeatures are the features of f that count as evidence, and the
// dialects ruled out by declared labels.
func fileFeatures(f *grammar.File, declared map[string]bool) ([]grammar.Feature, grammar.Dialect) {
	var out []grammar.Feature
	var ruledOut grammar.Dialect
	for _, ft := range f.Features {
		if root, ok := labelRoots[ft.Name]; ok && declared[root.label] {
			ruledOut |= root.dialects
			continue
		}
		out = append(out, ft)
	}
	own := declaredLabels([]*grammar.File{f})
	for _, root := range labelRoots {
		if own[root.label] || declared[root.label] && refersTo(f, root.label) {
			ruledOut |= root.dialects
		}
	}
	return out, ruledOut
}

// refersTo reports whether f names label anywhere (unscoped, unquoted):
// where the set declares the label, such a file means the user's type, so
// it cannot be of the dialect where the label is a root.
func refersTo(f *grammar.File, label string) bool {
	found := false
	for _, q := range f.Queries {
		grammar.Inspect(q, func(n grammar.Node) bool {
			if r, ok := n.(*grammar.TypeRef); ok && !r.Var && r.Scope == "" && r.Quote == 0 && r.Name == label {
				found = true
			}
			return !found
		})
	}
	return found
}

// score is how well one language reads a file: the fewest constructs its
// best dialect rejects, then the most constructs only it accepts.
type score struct {
	rejected int
	specific int
}

func (s score) better(o score) bool {
	if s.rejected != o.rejected {
		return s.rejected < o.rejected
	}
	return s.specific > o.specific
}

// dialectOrder lists single dialects newest first: the newest of tied
// dialects is the one conflicts are worded against.
var dialectOrder = []grammar.Dialect{grammar.TypeQL3, grammar.TypeQL2, grammar.Graql18, grammar.Graql15, grammar.Graql10}

// rejects returns the features single dialect d does not accept.
func rejects(feats []grammar.Feature, ruledOut, d grammar.Dialect) []grammar.Feature {
	var out []grammar.Feature
	for _, ft := range feats {
		if ft.Dialects&d == 0 {
			out = append(out, ft)
		}
	}
	if ruledOut&d != 0 {
		// Not a feature: a dialect that cannot hold the file at all.
		out = append(out, grammar.Feature{Name: "declared-root"})
	}
	return out
}

// fileScore scores language l for a file, and returns the dialects of l
// that reach the score.
func fileScore(feats []grammar.Feature, ruledOut grammar.Dialect, l Lang) (score, grammar.Dialect) {
	best := score{rejected: 1 << 30}
	var at grammar.Dialect
	for _, d := range dialectOrder {
		if d&l.dialects() == 0 {
			continue
		}
		n := len(rejects(feats, ruledOut, d))
		switch {
		case n < best.rejected:
			best.rejected, at = n, d
		case n == best.rejected:
			at |= d
		}
	}
	for _, ft := range feats {
		if ft.Dialects&^l.dialects() == 0 {
			best.specific++
		}
	}
	return best, at
}

// fileVerdict is the languages that read one file best, and their
// dialects.
type fileVerdict struct {
	file     *grammar.File
	feats    []grammar.Feature
	ruledOut grammar.Dialect
	langs    []Lang
	dialects grammar.Dialect
}

func judgeFile(f *grammar.File, declared map[string]bool) fileVerdict {
	fv := fileVerdict{file: f}
	fv.feats, fv.ruledOut = fileFeatures(f, declared)
	var best score
	for i, l := range langs {
		s, ds := fileScore(fv.feats, fv.ruledOut, l)
		switch {
		case i == 0 || s.better(best):
			best, fv.langs, fv.dialects = s, []Lang{l}, ds
		case !best.better(s):
			fv.langs = append(fv.langs, l)
			fv.dialects |= ds
		}
	}
	return fv
}

// judge weighs the features of every file and returns the verdict, with
// an error for each construct no dialect of the verdict's language
// accepts together with the rest of its file, or for files of different
// languages.
func judge(files []*grammar.File, declared map[string]bool) (Verdict, diag.List) {
	v := Verdict{Files: map[string]grammar.Dialect{}}
	var fvs []fileVerdict
	common := map[Lang]bool{TypeQL2: true, Graql1: true, TypeQL3: true}
	for _, f := range files {
		fv := judgeFile(f, declared)
		fvs = append(fvs, fv)
		in := map[Lang]bool{}
		for _, l := range fv.langs {
			in[l] = true
		}
		for l := range common {
			if !in[l] {
				delete(common, l)
			}
		}
	}
	var errs diag.List
	for _, l := range langs {
		if common[l] {
			v.Lang = l
			break
		}
	}
	if v.Lang == NoLang {
		errs.Add(mixedLanguages(fvs))
		return v, errs
	}
	// The set's dialects: those every file accepts, or for Graql 1.x the
	// union of each file's best 1.x dialects.
	all := grammar.AnyDialect
	var mask grammar.Dialect
	for l := range common {
		mask |= l.dialects()
	}
	var union grammar.Dialect
	for _, fv := range fvs {
		_, ds := fileScore(fv.feats, fv.ruledOut, v.Lang)
		// In every language the set may be read as, not only v.Lang.
		var d grammar.Dialect
		for l := range common {
			_, ld := fileScore(fv.feats, fv.ruledOut, l)
			d |= ld
		}
		all &= d
		union |= ds
		v.Files[fv.file.Name] = d
		if conflicts := fileConflicts(fv, v.Lang); len(conflicts) > 0 {
			errs = append(errs, conflicts...)
		}
	}
	v.Dialect = all & mask
	if v.Dialect&v.Lang.dialects() == 0 {
		v.Dialect = union
	}
	v.Evidence, v.EvidenceFile = evidence(fvs, v.Lang)
	return v, errs
}

// evidence returns the first construct of the files that only language l
// accepts.
func evidence(fvs []fileVerdict, l Lang) (*grammar.Feature, string) {
	for _, fv := range fvs {
		for i, ft := range fv.feats {
			if ft.Dialects&^l.dialects() == 0 {
				return &fv.feats[i], fv.file.Name
			}
		}
	}
	return nil, ""
}

// against returns the first construct of fv that no language of ls
// accepts.
func against(fv fileVerdict, ls []Lang) *grammar.Feature {
	var mask grammar.Dialect
	for _, l := range ls {
		mask |= l.dialects()
	}
	for i, ft := range fv.feats {
		if ft.Dialects&mask == 0 {
			return &fv.feats[i]
		}
	}
	return nil
}

// mixedLanguages is the error for files of different languages: the
// first file's language against the first file that cannot share it.
func mixedLanguages(fvs []fileVerdict) *diag.Diagnostic {
	first := fvs[0]
	for _, fv := range fvs[1:] {
		shared := false
		for _, a := range first.langs {
			for _, b := range fv.langs {
				shared = shared || a == b
			}
		}
		if shared {
			continue
		}
		ea, eb := against(first, fv.langs), against(fv, first.langs)
		d := &diag.Diagnostic{Severity: diag.Error, Code: CodeMixedLanguages,
			Message: fmt.Sprintf("%s is %s, but %s is %s: the files of one schema are written in one language", fv.file.Name, fv.langs[0], first.file.Name, first.langs[0]),
			Detail:  "Give the files of one schema. Convert a Graql 1.x schema to TypeQL with tqlmig convert before loading it with TypeQL files."}
		d.Range = featureRange(fv.file.Name, eb, fv.file)
		if ea != nil {
			d.Related = append(d.Related, diag.Related{Range: *featureRange(first.file.Name, ea, first.file), Message: fmt.Sprintf("%s is %s here (%s)", first.file.Name, first.langs[0], describe(ea.Name))})
		}
		return d
	}
	// Pairwise compatible, yet no language common to all: blame the last.
	last := fvs[len(fvs)-1]
	eb := against(last, fvs[0].langs)
	return &diag.Diagnostic{Severity: diag.Error, Code: CodeMixedLanguages, Range: featureRange(last.file.Name, eb, last.file),
		Message: "the files share no language: the files of one schema are written in one language"}
}

func featureRange(file string, ft *grammar.Feature, f *grammar.File) *diag.Range {
	if ft == nil {
		p := f.Pos()
		return &diag.Range{File: file, Start: p, End: p}
	}
	return &diag.Range{File: file, Start: ft.Pos, End: ft.Pos}
}

// fileConflicts reports each construct of a file that the newest of its
// best dialects of language l rejects.
func fileConflicts(fv fileVerdict, l Lang) diag.List {
	s, ds := fileScore(fv.feats, fv.ruledOut, l)
	if s.rejected == 0 {
		return nil
	}
	var d grammar.Dialect
	for _, o := range dialectOrder {
		if ds&o != 0 {
			d = o
			break
		}
	}
	var out diag.List
	for _, c := range rejects(fv.feats, fv.ruledOut, d) {
		if c.Name == "declared-root" {
			continue
		}
		out.Add(conflict(fv, c, d, l))
	}
	return out
}

// conflict words one construct c that dialect d (the file's best of
// language l) rejects, against the construct that rules out the dialects
// accepting c.
func conflict(fv fileVerdict, c grammar.Feature, d grammar.Dialect, l Lang) *diag.Diagnostic {
	var partner *grammar.Feature
	for i, ft := range fv.feats {
		if ft.Dialects&c.Dialects&l.dialects() == 0 && ft.Dialects&d != 0 {
			partner = &fv.feats[i]
			break
		}
	}
	r := &diag.Range{File: fv.file.Name, Start: c.Pos, End: c.Pos}
	dg := &diag.Diagnostic{Severity: diag.Error, Code: CodeMixedDialect, Range: r}
	if c.Dialects&l.dialects() == 0 {
		// Not a construct of the language at all.
		dg.Message = fmt.Sprintf("%s is not %s, which the rest of %s is written in", describe(c.Name), l, fv.file.Name)
		dg.Detail = fmt.Sprintf("%s is %s only. Write it as %s does, or convert the whole file.", capitalise(describe(c.Name)), dialectNames(c.Dialects), l)
		return dg
	}
	if partner != nil {
		if h, ok := pairHint(c.Name, partner.Name); ok {
			dg.Message = h.message
			dg.Detail = h.detail
		} else {
			dg.Message = fmt.Sprintf("no %s version accepts %s together with %s", l, describe(c.Name), describe(partner.Name))
			dg.Detail = fmt.Sprintf("%s is %s only; %s is %s only. Write the file for one version.",
				capitalise(describe(c.Name)), dialectNames(c.Dialects&l.dialects()), describe(partner.Name), dialectNames(partner.Dialects&l.dialects()))
		}
		dg.Related = []diag.Related{{Range: diag.Range{File: fv.file.Name, Start: partner.Pos, End: partner.Pos}, Message: describe(partner.Name) + " is used here"}}
		return dg
	}
	dg.Message = fmt.Sprintf("%s is not %s, which the rest of %s is written in", describe(c.Name), dialectNames(d), fv.file.Name)
	dg.Detail = fmt.Sprintf("%s is accepted by %s only.", capitalise(describe(c.Name)), dialectNames(c.Dialects))
	return dg
}

type hint struct{ message, detail string }

// pairHints word the conflicts whose fix is known, keyed by the two
// feature names in either order.
var pairHints = map[[2]string]hint{
	{"date", "value-type"}: {"no Graql 1.x version accepts \"value date\": write \"value datetime\" (Grakn 1.8) or \"datatype date\" (Grakn 1.5–1.7)",
		"Grakn 1.8 renamed the value type date to datetime when datatype became value; the two spellings never met in one version."},
	{"datetime", "datatype"}: {"no Graql 1.x version accepts \"datatype datetime\": write \"value datetime\" (Grakn 1.8) or \"datatype date\" (Grakn 1.5–1.7)",
		"Grakn 1.8 renamed the value type date to datetime when datatype became value; the two spellings never met in one version."},
}

func pairHint(a, b string) (hint, bool) {
	if h, ok := pairHints[[2]string{a, b}]; ok {
		return h, true
	}
	h, ok := pairHints[[2]string{b, a}]
	return h, ok
}

// featureWords say how a feature is written, for messages.
var featureWords = map[string]string{
	"datatype": "\"datatype\"", "value-type": "\"value\"", "date": "value type date", "datetime": "value type datetime",
	"long": "value type long", "value-type-3": "a TypeQL 3.x value type", "is-abstract": "\"is-abstract\"",
	"abstract": "\"abstract\"", "relationship": "the root \"relationship\"", "relation": "the root \"relation\"",
	"no-comma": "properties without commas", "quoted-label": "a quoted label", "underscore-label": "a label starting with \"_\"",
	"slash-regex": "a /…/ regex", "label-prop": "\"label\"", "val": "\"val\"", "value-prop": "a value after other properties", "implicit-type": "an implicit @has- type",
	"via": "\"via\"", "has-type": "type-level \"has\"", "key": "\"key\"", "plays-unscoped": "\"plays\" with an unscoped role",
	"sub-rule": "\"sub rule\"", "rule-props": "when/then as type properties", "id": "\"id\"", "!==": "\"!==\"", "=": "\"=\"",
	"sub!": "\"sub!\"", "not": "\"not\"", "like": "\"like\"", "contains": "\"contains\"", "regex-string": "a quoted regex",
	"owns": "\"owns\"", "@key": "\"@key\"", "@unique": "\"@unique\"", "scoped-role": "a scoped role relation:role",
	"rule-decl": "\"rule L: when … then …\"", "owns-as": "\"owns … as\"", "plays-as": "\"plays … as\"", "iid": "\"iid\"",
	"is": "\"is\"", "value-var": "a ?value variable", "expression": "an arithmetic expression", "kind": "a kind first (\"entity person\")",
	"annotation": "an annotation", "list": "a list type", "links": "\"links\"", "alias": "\"alias\"", "fun": "\"fun\"",
	"struct": "\"struct\"", "redefine": "a redefine query", "comma-first": "a comma before the first property", "trailing-comma": "a comma after the last property",
	"typed-tuple":   "a typed relation tuple",
	"undefine-from": "an undefine \"… from T\"", "undefine-label": "an undefine of a type by its label alone (\"undefine T;\")",
	"undefine-props": "an undefine that repeats the properties (\"undefine T owns A;\")", "bare-label": "a label with no kind or property (\"T;\")",
	"empty-query": "a define, undefine or redefine with no statement", "type-var": "a variable as the type of a define or undefine statement",
	"instance-in-define": "an instance property (isa, has value) in define",
}

func describe(feature string) string {
	if w, ok := featureWords[feature]; ok {
		return w
	}
	return strings.ReplaceAll(feature, "-", " ")
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// dialectNames names a dialect set for people: "Grakn 1.5–1.7 or Grakn 1.8".
func dialectNames(d grammar.Dialect) string {
	var parts []string
	if d&grammar.AnyGraql1 == grammar.AnyGraql1 {
		parts = append(parts, "Graql 1.x")
		d &^= grammar.AnyGraql1
	}
	for _, n := range []struct {
		d    grammar.Dialect
		name string
	}{{grammar.Graql10, "Grakn 1.0–1.4"}, {grammar.Graql15, "Grakn 1.5–1.7"}, {grammar.Graql18, "Grakn 1.8"}, {grammar.TypeQL2, "TypeQL 2.x"}, {grammar.TypeQL3, "TypeQL 3.x"}} {
		if d&n.d != 0 {
			parts = append(parts, n.name)
		}
	}
	if len(parts) == 0 {
		return "no version"
	}
	return strings.Join(parts, " or ")
}
