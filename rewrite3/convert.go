package rewrite3

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/schema"
)

// DefaultTarget is the TypeDB version convert --to 3 writes for: the whole
// 3.x line, whose schema language has not changed in ways convert uses.
var DefaultTarget = version.MustParse("3.x")

// Intermediate is the 2.x version a Graql 1.x schema is converted to on its
// way to 3.x: the last 2.x line, whose rules are closest to 3.x.
var Intermediate = version.MustParse("2.29")

// Options configure a conversion.
type Options struct {
	// Target is the TypeDB 3.x version the output must load into.
	Target version.V
	// Data, when set, holds what an export of the old database says about
	// ownership and role-player counts; with Cardinality tighten the
	// cardinality rules choose the tightest @card the data satisfies (see
	// package census). For Graql 1.x input it also drives the 1.x → 2.x
	// step's data decisions.
	Data *census.Census
	// Cardinality is the policy for the @card of ownerships and roles:
	// CardinalityKeep (the default) writes 2.x's any number; with Data,
	// CardinalityTighten writes the tightest @card the data satisfies.
	Cardinality CardinalityPolicy
	// AttributeHierarchy is the 1.x → 2.x step's policy for concrete
	// attribute types with subtypes (see rewrite.Options).
	AttributeHierarchy rewrite.HierarchyPolicy
	// Repaired holds the parse warnings about 1.x syntax that conversion
	// repairs (rewrite.SplitParse); ConvertAny passes them on to rewrite.Convert.
	Repaired diag.List
	// From is the input's language as the loader judged it (package load:
	// schema.Graql1 or schema.TypeQL2); 0 lets ConvertAny judge by itself.
	From schema.Lang
	// Dialects is each file's dialect set as the loader judged it, passed
	// on to rewrite.Convert for 1.x input (rewrite.Options.Dialects).
	Dialects map[string]grammar.Dialect
}

// Result is a converted schema: rewrite's Result (Schema, Side, Report,
// Renames, Target) for TypeQL 3.x, and the language the input was in.
//
// Schema is one TypeQL 3.x define query, ready to print with
// format.WithLang(3). For 1.x input, Report holds the 1.x → 2.x changes
// (rewrite's rules) and the 2.x → 3.x ones, and Renames maps the input's
// labels to the output's: the remap for the data.
type Result struct {
	rewrite.Result
	// From is the language of the input: schema.Graql1 or schema.TypeQL2.
	From schema.Lang
}

type converter struct {
	*rewrite.Log
	opts  Options
	model *schema.Model
}

func newConverter(opts Options) *converter {
	return &converter{Log: rewrite.NewLog(), opts: opts}
}

// Language classifies parsed input for ConvertAny: schema.TypeQL2 when
// every file can be read as TypeQL 2.x, schema.Graql1 when some file is
// Graql 1.x (or mixes dialects, which rewrite repairs), and 0 with the
// first file that is already TypeQL 3.x.
func Language(files []*grammar.File) (schema.Lang, *grammar.File) {
	lang := schema.TypeQL2
	for _, f := range files {
		d := f.Dialect()
		switch {
		case d != 0 && d&(grammar.AnyGraql1|grammar.TypeQL2) == 0:
			return 0, f
		case d&grammar.TypeQL2 == 0:
			lang = schema.Graql1
		}
	}
	return lang, nil
}

// ConvertAny converts Graql 1.x or TypeQL 2.x files, loaded together in the
// given order, into one TypeQL 3.x schema: 2.x input directly, 1.x input
// first to TypeQL 2.x for Intermediate with package rewrite. The input
// trees are modified in place. The returned list holds input errors.
func ConvertAny(files []*grammar.File, opts Options) (*Result, diag.List) {
	lang, f3 := opts.From, (*grammar.File)(nil)
	if lang == 0 {
		lang, f3 = Language(files)
	}
	switch lang {
	case 0:
		var errs diag.List
		errs.Add(&diag.Diagnostic{Severity: diag.Error, Code: "not-convertible",
			Range:   &diag.Range{File: f3.Name, Start: f3.Pos(), End: f3.Pos()},
			Message: fmt.Sprintf("%s is already TypeQL 3.x", f3.Name),
			Detail:  "convert --to 3 reads Graql 1.x and TypeQL 2.x; use tqlmig fmt --lang 3 to reformat a 3.x schema."})
		return nil, errs
	case schema.Graql1:
		return ConvertFrom1(files, opts)
	}
	return Convert(files, opts)
}

// ConvertFrom1 converts Graql 1.x files to TypeQL 2.x for Intermediate with
// rewrite.Convert, then the result to 3.x with Convert. Reports and renames
// of both steps are joined: a label renamed by both maps from its 1.x
// spelling to its 3.x one.
func ConvertFrom1(files []*grammar.File, opts Options) (*Result, diag.List) {
	r1, errs := rewrite.Convert(files, rewrite.Options{Target: Intermediate, Repaired: opts.Repaired, Data: opts.Data, AttributeHierarchy: opts.AttributeHierarchy, Dialects: opts.Dialects})
	if r1 == nil || errs.HasErrors() {
		return nil, errs
	}
	if opts.Data != nil && len(r1.Renames) > 0 {
		// The census speaks the data's 1.x labels; the 2.x schema has
		// rewrite's.
		m := map[string]string{}
		for _, r := range r1.Renames {
			m[r.Old] = r.New
		}
		opts.Data = opts.Data.Relabel(m)
	}
	c := newConverter(opts)
	c.MapFiles(files...)
	r2, errs := convert(c, r1.Schema, files, opts)
	if r2 == nil {
		return nil, errs
	}
	r2.From = schema.Graql1
	r2.Side = append(r1.Side, r2.Side...)
	r2.Report = append(append(diag.List(nil), r1.Report...), r2.Report...)
	r2.Report.Sort()
	r2.Decisions = append(append(diag.List(nil), r1.Decisions...), r2.Decisions...)
	r2.Renames = joinRenames(r1.Renames, r2.Renames)
	return r2, errs
}

// joinRenames joins the renames of the 1.x → 2.x step (first) and of the
// 2.x → 3.x step (second) into renames from the labels a 1.x export
// writes. A label renamed by both maps from its 1.x spelling to its 3.x
// one. A role the second step renames is named "relation:role", but a 1.x
// export writes roles unscoped (1.8.4 server/migrate/Export.java,
// role.label()), and rewriting it for 3.x scopes the role after the
// remap: so it becomes "role=new-role", from the role's 1.x label, when
// every relation that renames that role renames it alike. Otherwise the
// scoped entries are kept, and the ones that cannot apply are reported by
// remap's validation.
func joinRenames(first, second []rewrite.Rename) []rewrite.Rename {
	then := map[string]string{}
	for _, r := range second {
		then[r.Old] = r.New
	}
	from1 := map[string]string{} // 2.x label (unscoped) → 1.x label
	for _, r := range first {
		from1[r.New] = r.Old
	}
	var joined []rewrite.Rename
	seen := map[string]bool{}
	for _, r := range first {
		n := r.New
		if n2, ok := then[n]; ok {
			n = n2
			seen[r.New] = true
		}
		joined = append(joined, rewrite.Rename{Old: r.Old, New: n})
	}
	// Roles: the 1.x label of each scoped role rename, and the names its
	// relations give it.
	newNames := map[string]map[string]bool{}
	for _, r := range second {
		rel, role, ok := strings.Cut(r.Old, ":")
		_, newRole, ok2 := strings.Cut(r.New, ":")
		if !ok || !ok2 || rel == "" || seen[r.Old] {
			continue
		}
		old1 := role
		if o, ok := from1[role]; ok {
			old1 = o
		}
		if newNames[old1] == nil {
			newNames[old1] = map[string]bool{}
		}
		newNames[old1][newRole] = true
	}
	done := map[string]bool{}
	for _, r := range second {
		if seen[r.Old] {
			continue
		}
		_, role, ok := strings.Cut(r.Old, ":")
		_, newRole, _ := strings.Cut(r.New, ":")
		if !ok {
			joined = append(joined, r)
			continue
		}
		old1 := role
		if o, ok := from1[role]; ok {
			old1 = o
		}
		if len(newNames[old1]) != 1 {
			joined = append(joined, r)
			continue
		}
		if done[old1] {
			continue
		}
		done[old1] = true
		// A 1.x rename of the same role (first step) is replaced by this one.
		for i, j := range joined {
			if j.Old == old1 {
				joined = append(joined[:i], joined[i+1:]...)
				break
			}
		}
		joined = append(joined, rewrite.Rename{Old: old1, New: newRole})
	}
	return joined
}

// Convert rewrites TypeQL 2.x files, loaded together in the given order,
// into one TypeQL 3.x define query for opts.Target. It refuses Graql 1.x
// and TypeQL 3.x input (ConvertAny routes 1.x input through rewrite). The
// input trees are modified in place.
func Convert(files []*grammar.File, opts Options) (*Result, diag.List) {
	var errs diag.List
	for _, f := range files {
		if d := f.Dialect(); d&grammar.TypeQL2 == 0 && opts.From != schema.TypeQL2 {
			errs.Add(&diag.Diagnostic{
				Severity: diag.Error, Code: "not-typeql-2",
				Range:   &diag.Range{File: f.Name, Start: f.Pos(), End: f.Pos()},
				Message: fmt.Sprintf("%s is %s, not TypeQL 2.x", f.Name, d),
				Detail:  "Convert --to 3 converts Graql 1.x input through TypeQL 2.x by itself (ConvertAny); a file that is already TypeQL 3.x needs no conversion.",
			})
		}
	}
	if errs.HasErrors() {
		return nil, errs
	}
	c := newConverter(opts)
	c.MapFiles(files...)
	in := &grammar.File{Name: "merged.tql"}
	for _, f := range files {
		in.Queries = append(in.Queries, f.Queries...)
		in.Last = append(in.Last, f.Last...)
	}
	return convert(c, in, files, opts)
}

// convert runs the registry over the queries of f, which is TypeQL 2.x
// and merges inputs.
func convert(c *converter, f *grammar.File, inputs []*grammar.File, opts Options) (*Result, diag.List) {
	if opts.Target.Parts == 0 {
		opts.Target = DefaultTarget
		c.opts.Target = DefaultTarget
	}
	var errs diag.List
	if opts.Target.Major != 3 {
		errs.Addf(diag.Error, "target", nil, "unsupported target %s: rewrite3 writes TypeQL 3.x", opts.Target)
		return nil, errs
	}
	// One define query, as the 3.x importer requires; data queries set
	// aside.
	split := c.SplitQueries(f.Queries)
	merged, undefines := split.Define, split.Undefines
	if errs := c.RefuseRedefines(split, "not-typeql-2", "TypeQL 2.x"); errs.HasErrors() {
		return nil, errs
	}
	res := &Result{Result: rewrite.Result{Target: opts.Target, Side: split.Side}, From: schema.TypeQL2}
	for _, q := range split.Side {
		c.MovedAside(q, "TypeDB 3.x loads one define as the schema; data queries run in a write transaction of their own, and their syntax changed too (insert $x isa person, has name \"a\"; stays, but relation patterns, value variables and fetch differ). Write them to a side file with --side-queries and check them by hand.")
	}
	if merged.Keyword.Line == 0 && len(undefines) == 0 {
		errs.Add(rewrite.NoSchema(inputs))
		return nil, errs
	}
	c.model = modelOf(merged)
	p := &Pass{Opts: c.opts, Schema: merged, Undefines: undefines, conv: c}
	for _, r := range registry {
		p.rule = r
		r.Apply(p)
	}
	// Undefine queries are applied to the schema or reported (rule undefine-applied).
	res.Schema = rewrite.Assemble(merged, nil, f.Last)
	res.Origin = c.RangeOf
	res.Report = c.Report
	res.Report.Sort()
	res.Renames = c.Renames()
	return res, res.Report.Errors()
}

// Rules returns the rules in the order they run.
func Rules() []*Rule { return registry }

// Lookup returns the rule named name, or nil.
func Lookup(name string) *Rule {
	for _, r := range registry {
		if r.Name == name {
			return r
		}
	}
	return nil
}
