package rewrite

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// DefaultTarget is the TypeDB version convert writes for when none is given.
var DefaultTarget = version.MustParse("2.29")

// Targets are the versions --to accepts; each is the first of a range with
// the same schema rules (see the reference's version map).
var Targets = []string{"2.0", "2.18", "2.22", "2.25", "2.29"}

// Options configure a conversion.
type Options struct {
	// Target is the TypeDB version the output must load into.
	Target version.V
	// Repaired holds the parse warnings about syntax that conversion
	// repairs (see SplitParse), which rule missing-commas reports.
	Repaired diag.List
	// Data, when set, is the census of an export of the old database, in
	// the input's labels: the rules that must choose between meanings
	// choose what keeps that data importable, and report the counts that
	// decided (see datarules.go).
	Data *census.Census
	// AttributeHierarchy decides what happens to a concrete attribute
	// type with subtypes; the zero value is HierarchyAuto.
	AttributeHierarchy HierarchyPolicy
	// Dialects is each input file's dialect set as the loader judged it
	// (load.Verdict.Files, keyed by file name); a file it lacks is judged
	// by its own features (grammar.File.Dialect).
	Dialects map[string]grammar.Dialect
}

// dialectOf is the dialect set of input file f: the loader's verdict when
// given, else the intersection of f's features.
func (o Options) dialectOf(f *grammar.File) grammar.Dialect {
	if d, ok := o.Dialects[f.Name]; ok {
		return d
	}
	return f.Dialect()
}

// IsCommaRepair reports whether d is the parser's warning about a comma
// missing between properties in a file of Grakn 1.5 or later: commas were
// required there, so the file never loaded as written, but what it means is
// plain, and convert adds the comma.
func IsCommaRepair(d *diag.Diagnostic) bool {
	return d.Code == "syntax" && d.Fix != nil && len(d.Fix.Edits) == 1 && d.Fix.Edits[0].New == "," &&
		strings.HasPrefix(d.Message, `missing ","`)
}

// SplitParse sorts the diagnostics of parsing the inputs into the errors
// that stop a conversion (bad) and the repairs convert makes and reports
// (pass them as Options.Repaired).
func SplitParse(ds diag.List) (repaired, bad diag.List) {
	for _, d := range ds {
		switch {
		case d.Severity == diag.Error:
			bad = append(bad, d)
		case IsCommaRepair(d):
			repaired = append(repaired, d)
		}
	}
	return repaired, bad
}

// Rename is one label change, which the data import needs as a remap.
type Rename struct {
	Old, New string
}

// Result is a converted schema.
type Result struct {
	// Schema is one define query (and any converted undefine queries after it),
	// ready to print as TypeQL 2.x.
	Schema *grammar.File
	// Side holds the non-schema queries (insert, match…) found in the input,
	// which must run in a data transaction of their own.
	Side []*grammar.OtherQuery
	// Report lists every change, in source order.
	Report diag.List
	// Renames lists the label changes in the order they were decided.
	Renames []Rename
	// Decisions are the entries of Report that record a choice made from
	// the export's data (Options.Data) or by a policy the data would
	// otherwise decide, each with the counts that drove it.
	Decisions diag.List
	// Target is the version the schema was written for.
	Target version.V
	// Origin returns the place in the input that a node of Schema came
	// from: Schema's nodes keep their input positions, but Schema has one
	// file name for all of them. Nil when the conversion failed.
	Origin func(grammar.Node) *diag.Range
}

// Counted returns the test that decides, for the reports of convert and
// migrate alike, which changes are only counted per rule: translated ones
// that are not errors and not among decisions (a choice made from data is
// always listed with its counts).
func Counted(decisions diag.List) func(*diag.Diagnostic) bool {
	decided := make(map[*diag.Diagnostic]bool, len(decisions))
	for _, d := range decisions {
		decided[d] = true
	}
	return func(d *diag.Diagnostic) bool {
		return d.Class == diag.Translated && d.Severity != diag.Error && !decided[d]
	}
}

// Exact reports whether every change kept its meaning.
func (r *Result) Exact() bool {
	for _, d := range r.Report {
		if d.Class == diag.Approximated || d.Class == diag.Lost || d.Severity == diag.Error {
			return false
		}
	}
	return true
}

type converter struct {
	*Log
	opts  Options
	files []*grammar.File
	model *schema.Model // the snapshot Pass.Model returns
	// current is Pass.Current's model of the tree as it stood after
	// currentAt edits; currentHash is treeHash of that tree, in tests.
	current     *schema.Model
	currentAt   int
	currentHash uint64
	roles       *rolePlan // section D's role plan, built once (roleplan.go)
	// decisions are the reports of choices made from Options.Data.
	decisions diag.List
}

// Convert rewrites Graql 1.x files, loaded together in the given order like
// a console session's -f a -f b, into one TypeQL 2.x schema for opts.Target.
// It refuses input that is already TypeQL 2.x or 3.x. The input trees are
// modified in place.
//
// The returned list holds input errors (exit status 2); the changes made are
// in Result.Report.
func Convert(files []*grammar.File, opts Options) (*Result, diag.List) {
	if opts.Target.Parts == 0 {
		opts.Target = DefaultTarget
	}
	var errs diag.List
	if opts.Target.Major != 2 {
		errs.Addf(diag.Error, "target", nil, "unsupported target %s: convert writes TypeQL 2.x (--to %s)", opts.Target, joinTargets())
		return nil, errs
	}
	for _, f := range files {
		// A file whose features conflict (Dialect 0) is still converted:
		// its 1.x constructs are what the rules are for.
		if d := opts.dialectOf(f); d != 0 && d&grammar.AnyGraql1 == 0 {
			errs.Add(&diag.Diagnostic{
				Severity: diag.Error, Code: "not-graql-1",
				Range:   &diag.Range{File: f.Name, Start: f.Pos(), End: f.Pos()},
				Message: fmt.Sprintf("%s is already %s: convert reads Graql 1.x", f.Name, langName(d)),
				Detail:  "Use tqlmig vet to check a TypeQL 2.x schema, or tqlmig fmt to reformat it.",
			})
		}
	}
	if errs.HasErrors() {
		return nil, errs
	}
	c := &converter{Log: NewLog(), opts: opts, files: files}
	// Every node knows its file, so that a report at a property, a label
	// or a pattern points into the right input.
	c.MapFiles(files...)
	var queries []grammar.Query
	for _, f := range files {
		queries = append(queries, f.Queries...)
	}
	// Rules 39 and 40: one define query, data queries set aside.
	split := c.SplitQueries(queries)
	merged, undefines := split.Define, split.Undefines
	if errs := c.RefuseRedefines(split, "not-graql-1", "Graql 1.x"); errs.HasErrors() {
		return nil, errs
	}
	res := &Result{Target: opts.Target, Side: split.Side}
	for _, q := range split.Side {
		c.MovedAside(q, "TypeDB 2.x runs schema and data writes in separate transactions, so data queries cannot be loaded with the schema. Write them to a side file with --side-queries, and check their syntax for 2.x (id→iid, get semantics) by hand.")
	}
	if merged.Keyword.Line == 0 && len(undefines) == 0 {
		errs.Add(NoSchema(files))
		return nil, errs
	}

	p := &Pass{Opts: opts, Schema: merged, Undefines: undefines, conv: c}
	for _, r := range registry {
		if r == modelAt {
			p.Model() // the 1.x snapshot, before section C changes has to owns
		}
		p.rule = r
		r.Apply(p)
	}

	var last []*grammar.CommentGroup
	for _, f := range files {
		last = append(last, f.Last...)
	}
	res.Schema = Assemble(merged, undefines, last)
	res.Origin = c.RangeOf
	res.Report = c.Report
	res.Report.Sort()
	res.Renames = c.Renames()
	res.Decisions = c.decisions
	return res, res.Report.Errors()
}

// NoSchema is the error for input files without a define or undefine
// query, placed at the start of the first file.
func NoSchema(files []*grammar.File) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Code: "no-schema", Message: "no define or undefine query in the input"}
	if len(files) > 0 {
		start := grammar.Pos{Offset: 0, Line: 1, Col: 1}
		d.Range = &diag.Range{File: files[0].Name, Start: start, End: start}
	}
	return d
}

// langName names the newest language generation of dialect set d.
func langName(d grammar.Dialect) string {
	if d&grammar.TypeQL2 != 0 {
		return "TypeQL 2.x"
	}
	return "TypeQL 3.x"
}

func joinTargets() string { return strings.Join(Targets, "|") }
