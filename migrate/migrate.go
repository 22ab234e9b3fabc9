package migrate

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/load"
	"github.com/tqlmig/tqlmig/plan"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/rewrite3"
	"github.com/tqlmig/tqlmig/schema"
	"github.com/tqlmig/tqlmig/validate"
)

// Names of the files Run writes.
const (
	SchemaFile = "schema.tql"
	DataFile   = "data.typedb" // only when the data needed a rewrite
	RemapFile  = "remap.txt"
	ReportMD   = "report.md"
	ReportJSON = "report.json"
)

// Step names, in the order Run takes them.
const (
	StepConvert = "convert"
	StepVet     = "vet"
	StepInspect = "inspect"
	StepRemap   = "remap"
	StepRewrite = "rewrite-data"
	StepCheck   = "check"
	StepPlan    = "plan"
)

// Step statuses.
const (
	StatusOK        = "ok"
	StatusFindings  = "findings"
	StatusNotRun    = "not run"    // could not run or has no implementation: never a pass
	StatusNotNeeded = "not needed" // nothing for the step to do
)

// How the data reaches the target.
const (
	RouteAsIs        = "as-is"        // the export imports without changes
	RouteImportRemap = "import-remap" // the import command takes the remap arguments
	RouteRewrite     = "rewrite"      // the labels are rewritten into DataFile
)

// Progress shows how far a long step is; *progress.Bar satisfies it.
type Progress interface {
	Set(done int64)
	Done()
}

// Options say what to migrate.
type Options struct {
	// Schemas are the old schema files, loaded together in order.
	Schemas []string
	// Data is the export file of the old database.
	Data string
	// Target is the TypeDB version to move to: 2.x or 3.x.
	Target version.V
	// From is the version the data comes from; zero (Parts == 0) means
	// inferred from the schema's dialect and the export's header.
	From version.V
	// Database names the database in the commands; "" gives plan.Placeholder.
	Database string
	// Remap holds renames the user knows; they win over convert's. Nil for none.
	Remap *remap.Remap
	// AttributeHierarchy is convert's policy for concrete attribute types
	// with subtypes; auto lets the export decide.
	AttributeHierarchy rewrite.HierarchyPolicy
	// Cardinality is convert's policy for the 3.x @card of ownerships and
	// roles; keep writes 2.x's any number whatever the export holds.
	Cardinality rewrite3.CardinalityPolicy
	// Dir is the output directory as the user named it: the report, the
	// commands and the diagnostics name files inside it.
	Dir string
	// Progress, when set, starts a progress display of total bytes for a
	// step that reads the export.
	Progress func(label string, total int64) Progress
}

// InputError is bad input (a schema that does not parse, a file that is not
// an export, contradictory renames): Run wrote nothing useful.
type InputError struct {
	Msg     string
	Diags   diag.List
	Sources diag.Sources
}

func (e *InputError) Error() string {
	if len(e.Diags) > 0 {
		return e.Msg + ": " + e.Diags.Error()
	}
	return e.Msg
}

// Step is the outcome of one step.
type Step struct {
	Name    string `json:"name"`
	Status  string `json:"status"`
	Summary string `json:"summary"`
}

// ConvertReport summarises the schema conversion.
type ConvertReport struct {
	// Mode is "converted" or, for a TypeQL 2.x schema moving within 2.x,
	// "carried over" (copied unchanged).
	Mode         string       `json:"mode"`
	Exact        bool         `json:"exact"`
	Translated   int          `json:"translated"`
	Approximated int          `json:"approximated"`
	Lost         int          `json:"lost"`
	Rules        []RuleCount  `json:"rules"` // translated changes per rule, in rule order
	Renames      []RenamePair `json:"renames"`
	SideQueries  int          `json:"sideQueries"` // data queries found in the input and left out
	// Decisions counts the choices made from the export's data; each is
	// among the diagnostics, with its counts.
	Decisions int `json:"decisions"`
}

// RuleCount is how many translated changes one rule made.
type RuleCount struct {
	Rule  string `json:"rule"`
	Title string `json:"title"`
	Count int    `json:"count"`
}

// RenamePair is one label the conversion renamed.
type RenamePair struct {
	Old string `json:"old"`
	New string `json:"new"`
}

// ExportReport summarises the export file.
type ExportReport struct {
	File       string `json:"file"`
	Bytes      int64  `json:"bytes"`
	Items      int64  `json:"items"`
	Header     string `json:"header,omitempty"` // server version in the header
	Producer   string `json:"producer"`         // generation that wrote it
	Complete   string `json:"complete"`
	Checksums  bool   `json:"checksumsVerified"`
	Unscoped   int    `json:"unscopedRoleLabels"`
	Findings   int    `json:"findings"`
	FileRoles  int    `json:"roleLabels"`
	TypeLabels int    `json:"typeLabels"`
}

// RemapReport says how labels reach the target.
type RemapReport struct {
	Route string `json:"route"`
	// Reason explains the route in one sentence.
	Reason  string       `json:"reason"`
	Entries []RenamePair `json:"entries"` // the renames, from convert and the user
	// Args are the import arguments (RouteImportRemap), as written in RemapFile.
	Args []string `json:"args"`
	// ScopeRoles is true when the rewrite scoped role labels relation:role.
	ScopeRoles bool `json:"scopeRoles"`
	// DropAttributeOwnerships and DropAttributePlayers are true when the
	// rewrite left out attributes' ownerships and attribute role players,
	// which the target cannot import (convert reports their schema as lost).
	DropAttributeOwnerships bool `json:"dropAttributeOwnerships,omitempty"`
	DropAttributePlayers    bool `json:"dropAttributePlayers,omitempty"`
}

// Command is a command the user runs next.
type Command struct {
	Purpose string `json:"purpose"`
	Where   string `json:"where"`
	Line    string `json:"line"`
}

// Report is everything Run found; report.json is its JSON form.
type Report struct {
	Schemas  []string `json:"schemas"`
	Data     string   `json:"data"`
	From     string   `json:"from"`
	FromNote string   `json:"fromNote,omitempty"`
	Target   string   `json:"target"`
	Dir      string   `json:"dir"`
	// OK is true when the schema converted exactly, vet found nothing and
	// the data check passed: exit status 0.
	OK    bool     `json:"ok"`
	Steps []Step   `json:"steps"`
	Files []string `json:"files"`

	Convert  *ConvertReport      `json:"convert"`
	Export   *ExportReport       `json:"export,omitempty"`
	Remap    *RemapReport        `json:"remap,omitempty"`
	Rewrite  *remap.RewriteStats `json:"rewrite,omitempty"`
	Check    *check.Report       `json:"check,omitempty"`
	Plan     *plan.Plan          `json:"plan,omitempty"`
	Commands []Command           `json:"commands"`

	// Diagnostics are the findings of every step (translated conversion
	// changes are only counted, in Convert.Rules). report.json carries
	// them in the shared "diagnostics" and "summary" fields.
	Diagnostics diag.List `json:"-"`
	// Sources hold the input schemas and the written schema, for snippets.
	Sources diag.Sources `json:"-"`

	byStep map[string]diag.List // Diagnostics by the step that found them
}

// Findings returns the diagnostics the named step found.
func (r *Report) Findings(step string) diag.List { return r.byStep[step] }

// Step returns the step named name, or nil.
func (r *Report) Step(name string) *Step {
	for i := range r.Steps {
		if r.Steps[i].Name == name {
			return &r.Steps[i]
		}
	}
	return nil
}

// runner holds one Run's state between steps.
type runner struct {
	opt   Options
	stage string
	rep   *Report

	dialect    grammar.Dialect // of the input schema files together
	schemaText []byte
	outFile    *grammar.File // the written schema, parsed again
	model      *schema.Model
	usage      *remap.Usage
	summary    *datafile.Summary
	rm         *remap.Remap // every rename
	checkRemap *remap.Remap // what the check applies (RouteImportRemap)
	dataPath   string       // the file the check and the import read
}

// Run migrates opt.Schemas and opt.Data for opt.Target, writing the output
// files into stage, an empty directory the caller puts in place as opt.Dir
// (see atomicfile.Dir). It returns an *InputError for bad input and another error
// when a file cannot be read or written; otherwise the report, whose
// findings are in Steps and Diagnostics.
func Run(opt Options, stage string) (*Report, error) {
	if opt.Target.Major != 2 && opt.Target.Major != 3 {
		return nil, &InputError{Msg: fmt.Sprintf("target %s: migrate writes for TypeDB 2.x or 3.x", opt.Target)}
	}
	r := &runner{opt: opt, stage: stage, rep: &Report{
		Schemas: opt.Schemas, Data: opt.Data, Target: opt.Target.String(), Dir: opt.Dir,
		Sources: diag.Sources{}, Commands: []Command{},
	}}
	for _, f := range []func() error{r.convert, r.vet, r.inspect, r.remap, r.rewrite, r.check} {
		if err := f(); err != nil {
			return nil, err
		}
	}
	r.plan()
	r.finish()
	if err := r.write(); err != nil {
		return nil, err
	}
	return r.rep, nil
}

// add records the diagnostics of a step.
func (r *runner) add(step string, ds ...*diag.Diagnostic) {
	if r.rep.byStep == nil {
		r.rep.byStep = map[string]diag.List{}
	}
	r.rep.byStep[step] = append(r.rep.byStep[step], ds...)
	r.rep.Diagnostics = append(r.rep.Diagnostics, ds...)
}

func (r *runner) step(name, status, format string, args ...any) {
	r.rep.Steps = append(r.rep.Steps, Step{Name: name, Status: status, Summary: fmt.Sprintf(format, args...)})
}

func (r *runner) out(name string) string { return filepath.Join(r.opt.Dir, name) }

// progress starts a display for a step reading the export; never nil.
func (r *runner) progress(label string, total int64) Progress {
	if r.opt.Progress != nil {
		if p := r.opt.Progress(label, total); p != nil {
			return p
		}
	}
	return noProgress{}
}

type noProgress struct{}

func (noProgress) Set(int64) {}
func (noProgress) Done()     {}

func fileSize(f *os.File) int64 {
	if fi, err := f.Stat(); err == nil {
		return fi.Size()
	}
	return 0
}

// convert parses the old schema and converts it (or carries a 2.x schema
// over within 2.x), then parses the result again as the file it will be.
func (r *runner) convert() error {
	if len(r.opt.Schemas) == 0 {
		return &InputError{Msg: "no schema files given"}
	}
	ls, err := load.Files(r.opt.Schemas, load.Options{Command: "migrate", Accept: []load.Lang{load.Graql1, load.TypeQL2},
		Advice: map[load.Lang]string{load.TypeQL3: "migrate moves Graql 1.x and TypeQL 2.x schemas"}})
	if err != nil {
		return &InputError{Msg: err.Error()}
	}
	for n, b := range ls.Sources {
		r.rep.Sources[n] = b
	}
	if !ls.OK() {
		return &InputError{Msg: "the schema cannot be loaded", Diags: ls.Diags.Errors(), Sources: r.rep.Sources}
	}
	dialect := ls.Verdict.Dialect
	r.dialect = dialect
	target := r.opt.Target
	cr := &ConvertReport{Rules: []RuleCount{}, Renames: []RenamePair{}}
	r.rep.Convert = cr
	switch {
	case target.Major == 2 && dialect&grammar.AnyGraql1 == 0:
		// A 2.x schema moving within 2.x: nothing to convert; vet says
		// what the target would reject.
		cr.Mode, cr.Exact = "carried over", true
		var b bytes.Buffer
		for _, name := range r.opt.Schemas {
			src := r.rep.Sources[name]
			b.Write(src)
			if len(src) > 0 && src[len(src)-1] != '\n' {
				b.WriteByte('\n')
			}
		}
		r.schemaText = b.Bytes()
		r.step(StepConvert, StatusNotNeeded, "the schema is TypeQL 2.x already: copied unchanged")
	default:
		c, err := r.census(ls)
		if err != nil {
			return err
		}
		res, errs := Convert(ls, ConvertOptions{Target: r.opt.Target, Data: c, AttributeHierarchy: r.opt.AttributeHierarchy, Cardinality: r.opt.Cardinality})
		if res == nil || errs.HasErrors() {
			return &InputError{Msg: "cannot convert the schema", Diags: errs.Errors(), Sources: r.rep.Sources}
		}
		var out bytes.Buffer
		if err := format.Print(&out, res.Schema, format.WithLang(target.Major)); err != nil {
			return &InputError{Msg: "cannot write the converted schema", Diags: diag.List{res.Unprintable(err, target.Major)}, Sources: r.rep.Sources}
		}
		r.schemaText = out.Bytes()
		r.summariseConversion(cr, res)
	}
	r.rep.Sources[r.out(SchemaFile)] = r.schemaText
	// The written schema is read back the way vet and check read it: by
	// the loader, as the target's language.
	lang := load.TypeQL2
	if target.Major == 3 {
		lang = load.TypeQL3
	}
	out := load.Load([]load.Input{{Name: r.out(SchemaFile), Src: r.schemaText}},
		load.Options{Command: "migrate", Accept: []load.Lang{lang}, Target: target, Model: true})
	if !out.OK() {
		// The converter wrote something the loader rejects: a bug to
		// report, and no model for the later steps.
		for _, d := range out.Diags.Errors() {
			d.Detail = strings.TrimSpace(d.Detail + " The converted schema does not load again; please report this with the input schema.")
			r.add(StepConvert, d)
		}
		r.rep.Steps[len(r.rep.Steps)-1].Status = StatusFindings
		r.rep.Steps[len(r.rep.Steps)-1].Summary += fmt.Sprintf("; the written %s does not load (%s)", SchemaFile, out.Diags.Errors().Error())
		return nil
	}
	r.outFile = out.Files[0]
	r.model = out.Model // what it cannot apply, vet reports
	return nil
}

// census reads the export once for the choices its data decides
// (attribute hierarchies, keys, 3.x cardinalities) in converting files.
func (r *runner) census(ls *load.Schema) (*census.Census, error) {
	opt := CensusOptions(ls)
	f, err := os.Open(r.opt.Data)
	if err != nil {
		return nil, &InputError{Msg: err.Error()}
	}
	defer f.Close()
	bar := r.progress("census", fileSize(f))
	opt.Progress = bar.Set
	c, err := census.Read(r.opt.Data, f, opt)
	bar.Done()
	if err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			return nil, &InputError{Msg: r.opt.Data + " is not an export file", Diags: diag.List{d}}
		}
		return nil, &InputError{Msg: err.Error()}
	}
	return c, nil
}

// CensusOptions say what the census of an export must count for the
// conversion of the loaded schema ls (rewrite.CensusOptions): read in the
// loader's language, with check's reading of regexes. convert --data and
// migrate both read the census with them.
func CensusOptions(ls *load.Schema) census.Options {
	return rewrite.CensusOptions(check.RegexMatcher, ls.Verdict.Lang.SchemaLang(), ls.Files...)
}

// ConvertOptions are a conversion's choices beside the loaded schema.
type ConvertOptions struct {
	Target version.V
	// Data is the census of the old database's export, or nil.
	Data *census.Census
	// AttributeHierarchy is the 1.x → 2.x policy for concrete attribute
	// types with subtypes.
	AttributeHierarchy rewrite.HierarchyPolicy
	// Cardinality is the 3.x policy for the @card of ownerships and roles.
	Cardinality rewrite3.CardinalityPolicy
}

// Convert converts a loaded schema for opt.Target: TypeQL 2.x with package
// rewrite, TypeQL 3.x with rewrite3 (Graql 1.x input through 2.x). convert
// and migrate both convert through it.
func Convert(ls *load.Schema, opt ConvertOptions) (*rewrite.Result, diag.List) {
	files, repaired := ls.Files, ls.Repaired()
	if opt.Target.Major != 3 {
		return rewrite.Convert(files, rewrite.Options{Target: opt.Target, Repaired: repaired, Data: opt.Data,
			AttributeHierarchy: opt.AttributeHierarchy, Dialects: ls.Verdict.Files})
	}
	res, errs := rewrite3.ConvertAny(files, rewrite3.Options{Target: opt.Target, Repaired: repaired, Data: opt.Data,
		AttributeHierarchy: opt.AttributeHierarchy, Cardinality: opt.Cardinality,
		From: ls.Verdict.Lang.SchemaLang(), Dialects: ls.Verdict.Files})
	if res == nil {
		return nil, errs
	}
	return &res.Result, errs
}

func (r *runner) summariseConversion(cr *ConvertReport, res *rewrite.Result) {
	cr.Mode, cr.Exact = "converted", res.Exact()
	cr.SideQueries = len(res.Side)
	counts := map[string]int{}
	var order []string
	counted := rewrite.Counted(res.Decisions)
	cr.Decisions = len(res.Decisions)
	for _, d := range res.Report {
		switch d.Class {
		case diag.Translated:
			cr.Translated++
		case diag.Approximated:
			cr.Approximated++
		case diag.Lost:
			cr.Lost++
		}
		if counted(d) {
			if counts[d.Code] == 0 {
				order = append(order, d.Code)
			}
			counts[d.Code]++
			continue
		}
		r.add(StepConvert, d)
	}
	for _, code := range ruleOrder(order) {
		cr.Rules = append(cr.Rules, RuleCount{Rule: code, Title: ruleTitle(code), Count: counts[code]})
	}
	for _, rn := range res.Renames {
		cr.Renames = append(cr.Renames, RenamePair{Old: rn.Old, New: rn.New})
	}
	status := StatusOK
	if !cr.Exact {
		status = StatusFindings
	}
	lang := fmt.Sprintf("TypeQL %d.x", r.opt.Target.Major)
	fromData := ""
	if cr.Decisions > 0 {
		fromData = fmt.Sprintf("; %s from the export's data", plural(cr.Decisions, "choice"))
	}
	r.step(StepConvert, status, "%d translated, %d approximated, %d lost%s; %s renamed; written for %s %s (%s)",
		cr.Translated, cr.Approximated, cr.Lost, fromData, plural(len(cr.Renames), "label"), version.Product(r.opt.Target), r.opt.Target, lang)
	if cr.SideQueries > 0 {
		d := &diag.Diagnostic{Severity: diag.Warning, Code: "side-queries",
			Message: fmt.Sprintf("%d data queries (insert, match…) in the schema files are not part of %s", cr.SideQueries, SchemaFile),
			Detail:  "Run 'tqlmig convert --side-queries FILE' on the schema files to save them, and run them in a data transaction after the import."}
		r.add(StepConvert, d)
	}
}

// ruleOrder sorts rule codes in registry order (rewrite's, then
// rewrite3's), unknown codes last in the order met.
func ruleOrder(codes []string) []string {
	rank := map[string]int{}
	for _, x := range rewrite.Rules() {
		rank[x.Name] = len(rank)
	}
	for _, x := range rewrite3.Rules() {
		if _, ok := rank[x.Name]; !ok {
			rank[x.Name] = len(rank)
		}
	}
	out := append([]string(nil), codes...)
	pos := func(c string) int {
		if n, ok := rank[c]; ok {
			return n
		}
		return len(rank)
	}
	// Insertion sort: a handful of codes, stable for unknown ones.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && pos(out[j]) < pos(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func ruleTitle(code string) string {
	if x := rewrite.Lookup(code); x != nil {
		return x.Title()
	}
	if x := rewrite3.Lookup(code); x != nil {
		return x.Title()
	}
	return ""
}

// vet checks the written schema offline with the checks of its target:
// the TypeQL 2.x checks for 2.x, the 3.x checks for 3.
func (r *runner) vet() error {
	if r.outFile == nil {
		r.step(StepVet, StatusNotRun, "the written schema does not parse")
		return nil
	}
	var findings diag.List
	target := r.opt.Target.String()
	if r.opt.Target.Major == 3 {
		_, findings = validate.Vet3(r.outFile)
		target = "3.x"
	} else {
		_, findings = validate.Vet(validate.Options{Target: r.opt.Target}, r.outFile)
	}
	r.add(StepVet, findings...)
	if len(findings) == 0 {
		r.step(StepVet, StatusOK, "%s has nothing TypeDB %s rejects at define time", SchemaFile, target)
	} else {
		r.step(StepVet, StatusFindings, "%s: %s TypeDB %s would reject", SchemaFile, diag.Summarize(findings), target)
	}
	return nil
}

// inspect reads the export once for its labels, producer and checksums.
func (r *runner) inspect() error {
	f, err := os.Open(r.opt.Data)
	if err != nil {
		return &InputError{Msg: err.Error()}
	}
	defer f.Close()
	bar := r.progress("inspect", fileSize(f))
	s, err := datafile.Inspect(f, datafile.InspectOptions{Name: r.opt.Data, Progress: bar.Set})
	bar.Done()
	if err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			return &InputError{Msg: r.opt.Data + " is not an export file", Diags: diag.List{d}}
		}
		return &InputError{Msg: err.Error()}
	}
	r.summary = s
	r.usage = remap.UsageOf(s)
	ex := &ExportReport{File: s.File, Bytes: s.Bytes, Items: s.Items, Producer: s.Producer.Generation,
		Complete: s.Complete.Verdict, Unscoped: s.Producer.Unscoped, Findings: len(s.Diagnostics),
		FileRoles: len(s.Roles), TypeLabels: len(s.Types)}
	if s.Header != nil {
		ex.Header = s.Header.Version
	}
	if s.Checksums != nil {
		ex.Checksums = s.Checksums.Verified
	}
	r.rep.Export = ex
	r.add(StepInspect, s.Diagnostics...)
	what := fmt.Sprintf("%s: %d items written by %s, %s, checksums %s", r.opt.Data, s.Items, s.Producer.Generation, s.Complete.Verdict, verified(ex.Checksums))
	if s.Bad() {
		r.step(StepInspect, StatusFindings, "%s; %s", what, diag.Summarize(s.Diagnostics))
	} else {
		r.step(StepInspect, StatusOK, "%s", what)
	}
	return nil
}

func verified(ok bool) string {
	if ok {
		return "verified"
	}
	return "not verified"
}

// plural is "1 label" or "n labels".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
