// Package load reads the schema files a command was given, the one way
// every command reads them: each file is parsed, the set gets one verdict
// on its language, constructs no version of that language accepts are
// errors at their position, and the files are built into one semantic
// model.
package load

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/schema"
)

// The codes of the loader's diagnostics.
const (
	CodeNoSchema       = "no-schema"       // no define or undefine query in the files
	CodeGrakn0         = "grakn-0"         // a Grakn 0.x schema
	CodeMixedDialect   = "mixed-dialect"   // a construct no version of the file's language accepts with the rest
	CodeMixedLanguages = "mixed-languages" // files of different languages given as one schema
	CodeWrongLanguage  = "wrong-language"  // a language the command does not read
)

// Input is one schema file's name and content.
type Input struct {
	Name string
	Src  []byte
}

// Options say what the command needs.
type Options struct {
	// Command names the command in messages, e.g. "vet".
	Command string
	// Accept lists the languages the command reads; empty accepts any.
	Accept []Lang
	// Advice, per language the command refuses, says what to do instead
	// ("run tqlmig convert first"). Languages without an entry get a
	// sentence naming what the command reads.
	Advice map[Lang]string
	// Target, when set, is the version the command works for; it settles
	// a verdict that several languages share (a file of constructs every
	// version accepts is read as the target's language).
	Target version.V
	// Model asks for the semantic model.
	Model bool
}

// Schema is what the loader read.
type Schema struct {
	Files   []*grammar.File
	Sources diag.Sources
	Verdict Verdict
	// Diags are the loading diagnostics: syntax errors and warnings, and
	// the verdict's errors (0.x, mixed dialects or languages, a language
	// the command does not read, no schema). Every command reports the
	// same ones for the same files.
	Diags diag.List
	// Model is the semantic model, when Options.Model was set and Diags
	// holds no error; ModelDiags are what building it found.
	Model      *schema.Model
	ModelDiags diag.List
}

// OK reports whether the files loaded without error.
func (s *Schema) OK() bool { return !s.Diags.HasErrors() }

// Repaired are the syntax warnings for a comma left out between
// properties, which convert reports as repaired (rewrite.Options.Repaired).
func (s *Schema) Repaired() diag.List {
	var out diag.List
	for _, d := range s.Diags {
		if d.Severity != diag.Error && rewrite.IsCommaRepair(d) {
			out = append(out, d)
		}
	}
	return out
}

// Files reads the named files (through ReadFile's size cap) and loads
// them. The error is for a file that cannot be read; everything about
// the content is in Schema.Diags.
func Files(names []string, opt Options) (*Schema, error) {
	var in []Input
	for _, n := range names {
		b, err := ReadFile(n)
		if err != nil {
			return nil, err
		}
		in = append(in, Input{Name: n, Src: b})
	}
	return Load(in, opt), nil
}

// Load parses the inputs as one schema, in the given order, and judges
// their language.
func Load(in []Input, opt Options) *Schema {
	s := &Schema{Sources: diag.Sources{}}
	for _, i := range in {
		s.Sources[i.Name] = i.Src
		f, ds := grammar.Parse(i.Name, i.Src)
		s.Files = append(s.Files, f)
		s.Diags = append(s.Diags, ds...)
	}
	declared := declaredLabels(s.Files)
	for k, i := range in {
		r, what := grakn0Marker(i.Name, i.Src, declared)
		if r == nil {
			r, what = grakn0Insert(s.Files[k])
		}
		if r != nil {
			// The 0.x syntax errors say nothing the verdict does not.
			var kept diag.List
			for _, d := range s.Diags {
				if d.Range == nil || d.Range.File != i.Name {
					kept = append(kept, d)
				}
			}
			s.Diags = append(kept, grakn0Error(r, what))
			s.Verdict = Verdict{Lang: Grakn0}
			s.Diags.Sort()
			return s
		}
	}
	var errs diag.List
	s.Verdict, errs = judge(s.Files, declared)
	s.Diags = append(s.Diags, errs...)
	if !s.Diags.HasErrors() && !hasSchema(s.Files) {
		s.Diags.Add(noSchema(s.Files))
		s.Verdict.Lang = NoLang
	}
	if !s.Diags.HasErrors() {
		s.settle(opt)
		if d := s.refuse(opt); d != nil {
			s.Diags.Add(d)
		}
	}
	s.Diags.Sort()
	if opt.Model && !s.Diags.HasErrors() {
		s.Model, s.ModelDiags = BuildModel(s.Verdict.Lang, s.Files...)
	}
	return s
}

// BuildModel builds files of language l as one model. A TypeQL 3.x
// schema is modelled with its 2.x meaning (schema.BuildTypeQL3), which is what
// check, remap and role scoping read.
func BuildModel(l Lang, files ...*grammar.File) (*schema.Model, diag.List) {
	switch l {
	case Graql1:
		return schema.Build(schema.Graql1, files...)
	case TypeQL3:
		return schema.BuildTypeQL3(files...)
	}
	return schema.Build(schema.TypeQL2, files...)
}

// SchemaLang is the model language of l: schema.Graql1 for Graql 1.x,
// schema.TypeQL2 for TypeQL 2.x and 3.x (a 3.x schema is modelled with
// its 2.x meaning), 0 otherwise.
func (l Lang) SchemaLang() schema.Lang {
	switch l {
	case Graql1:
		return schema.Graql1
	case TypeQL2, TypeQL3:
		return schema.TypeQL2
	}
	return 0
}

// Newest is the newest server line that reads language l: Grakn 1.8 for
// Graql 1.x, TypeDB 3.x for TypeQL 3.x, TypeDB 2.29 otherwise. Commands
// without a target work for it (check's default import).
func (l Lang) Newest() version.V {
	switch l {
	case Graql1:
		return version.MustParse("1.8")
	case TypeQL3:
		return version.MustParse("3.x")
	}
	return version.MustParse("2.29")
}

// settle narrows a verdict several languages share to the target's
// language, or to one the command reads.
func (s *Schema) settle(opt Options) {
	v := &s.Verdict
	if opt.Target.Parts > 0 {
		if l := langOf(opt.Target); v.Is(l) {
			v.Lang = l
			return
		}
	}
	if len(opt.Accept) > 0 && !accepts(opt.Accept, v.Lang) {
		for _, l := range opt.Accept {
			if v.Is(l) {
				v.Lang = l
				return
			}
		}
	}
}

// langOf is the language a server at version x reads.
func langOf(x version.V) Lang {
	switch x.Major {
	case 1:
		return Graql1
	case 3:
		return TypeQL3
	}
	return TypeQL2
}

func accepts(ls []Lang, l Lang) bool {
	for _, a := range ls {
		if a == l {
			return true
		}
	}
	return false
}

// refuse returns the error for a language the command does not read, or
// nil.
func (s *Schema) refuse(opt Options) *diag.Diagnostic {
	v := s.Verdict
	if len(opt.Accept) == 0 || accepts(opt.Accept, v.Lang) {
		return nil
	}
	var names []string
	for _, l := range opt.Accept {
		names = append(names, l.String())
	}
	reads := fmt.Sprintf("tqlmig %s reads %s", opt.Command, strings.Join(names, " and "))
	advice, ok := opt.Advice[v.Lang]
	if !ok {
		advice = reads
	}
	d := &diag.Diagnostic{Severity: diag.Error, Code: CodeWrongLanguage,
		Message: fmt.Sprintf("this is %s; %s", v.Lang, advice)}
	if v.Evidence != nil {
		d.Range = &diag.Range{File: v.EvidenceFile, Start: v.Evidence.Pos, End: v.Evidence.Pos}
		d.Detail = fmt.Sprintf("%s; %s is %s only.", reads, describe(v.Evidence.Name), dialectNames(v.Evidence.Dialects))
	} else if len(s.Files) > 0 {
		p := s.Files[0].Pos()
		d.Range = &diag.Range{File: s.Files[0].Name, Start: p, End: p}
		d.Detail = reads + "."
	}
	return d
}

func hasSchema(files []*grammar.File) bool {
	for _, f := range files {
		for _, q := range f.Queries {
			if _, ok := q.(*grammar.DefineQuery); ok {
				return true
			}
		}
	}
	return false
}

// noSchema is the one answer for files without a define or undefine
// query: empty, comments only, or data queries only.
func noSchema(files []*grammar.File) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Code: CodeNoSchema}
	what := "is empty or holds only comments"
	for _, f := range files {
		if len(f.Queries) > 0 {
			what = "holds only data queries (insert, match…)"
		}
	}
	switch len(files) {
	case 0:
		d.Message = "no schema files given"
		return d
	case 1:
		d.Message = fmt.Sprintf("no schema: %s %s", files[0].Name, what)
	default:
		d.Message = fmt.Sprintf("no schema: the %d files hold no define or undefine query", len(files))
	}
	d.Detail = "A schema is one or more define queries (and undefine queries); give the file that holds them."
	start := grammar.Pos{Offset: 0, Line: 1, Col: 1}
	d.Range = &diag.Range{File: files[0].Name, Start: start, End: start}
	return d
}
