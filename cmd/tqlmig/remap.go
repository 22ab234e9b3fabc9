package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/atomicfile"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/load"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/rewrite3"
	"github.com/tqlmig/tqlmig/schema"
)

// Names of the remap flags (--schema and --to are flagSchema and flagTo).
const (
	remapFlagNewSchema   = "new-schema"
	remapFlagFromConvert = "from-convert"
	remapFlagRename      = "rename"
	remapFlagRemap       = "remap"
	remapFlagData        = "data"
	remapFlagOutput      = "output"
	remapFlagFrom        = "from" // the old name of --schema: refused with a pointer
)

type remapFlags struct {
	Schema      []string
	NewSchema   []string
	FromConvert []string
	Renames     []string
	Remaps      []string
	Data        string
	Target      string
	Output      string
	oldFrom     []string
	outputFlags
}

func (f *remapFlags) Bind(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.Schema, flagSchema, nil, "schema file: the old schema with --new-schema, else the schema the data imports into; any language; repeatable, loaded together")
	fs.StringArrayVar(&f.NewSchema, remapFlagNewSchema, nil, "new (target) schema file, any language; repeatable, loaded together")
	fs.StringArrayVar(&f.FromConvert, remapFlagFromConvert, nil, "Graql 1.x schema file: take the renames tqlmig convert makes (and use it as the old schema); repeatable")
	fs.StringArrayVar(&f.Renames, remapFlagRename, nil, "old=new: a rename you know; it wins over anything found; repeatable")
	fs.StringArrayVar(&f.Remaps, remapFlagRemap, nil, "remap file (old=new per line, e.g. from convert --remap-out), or one old=new entry; repeatable; its entries win like --rename")
	fs.StringVar(&f.Data, remapFlagData, "", "export file (.grakn/.typedb): list the labels it uses that the target schema lacks, with suggestions")
	fs.StringVar(&f.Target, flagTo, "", "server version that imports the data: print the import arguments in its syntax (1.8, 2.0, 2.3, 2.5…), or say that it has no remap")
	fs.StringVarP(&f.Output, remapFlagOutput, "o", "", "write the result atomically: the import arguments (one old=new per line) when --to has import-time remap, else the remap file with the questions as comments")
	f.outputFlags.Bind(fs)
	alias(fs, flagTarget, flagTo)
	fs.StringArrayVar(&f.oldFrom, remapFlagFrom, nil, "")
	_ = fs.MarkHidden(remapFlagFrom)
}

// schemas returns the old and the new schema files: with --new-schema,
// --schema (or --from-convert) is the old one; without, --schema is the
// one the data imports into and --from-convert the old one.
func (f *remapFlags) schemas() (old, new []string) {
	if len(f.NewSchema) > 0 {
		old = f.Schema
		if len(f.FromConvert) > 0 {
			old = f.FromConvert
		}
		return old, f.NewSchema
	}
	return f.FromConvert, f.Schema
}

var remapCmd = &command{
	Name:  "remap",
	Args:  "",
	Short: "find the label renames between two schemas (or a schema and an export) and render them for the import",
	Long: `Remap works out which type and role labels an export file needs renamed to
import into a new schema, and renders those renames for the server that
imports it.

Sources of renames (combine them freely):

  --schema OLD… --new-schema NEW…
                          labels that disappeared are matched to labels that
                          appeared, of the same kind: deterministic respellings
                          (owns → owns_ for a reserved word, "full name" →
                          full-name, _x → x) and unique exact structural
                          matches (value type, supertype, owns, owners, plays,
                          relates, subtypes) are proposed; weaker matches are
                          listed as questions with a confidence from 0 to 1;
                          roles are matched inside matched relations
  --from-convert OLD…     the renames tqlmig convert makes of a 1.x schema
  --remap FILE, --rename old=new
                          renames you know; they win over anything found
  --data EXPORT           the labels the export uses that the target schema
                          lacks after the renames, with suggestions

The target schema is --new-schema when given, else --schema.

--to VERSION prints the import arguments for that server: Grakn 1.8.1+
(global roles), TypeDB 2.0–2.2 (every role of a 1.x file needs its scoped
name relation:role; a 1.x role related by several relations cannot be
remapped there) and 2.3–2.5 (role scopes ignored). Grakn 1.7.3, TypeDB 2.6+
and 3.x have no import-time remap: rewrite the file with tqlmig rewrite-data.

-o FILE writes, atomically, the import arguments one per line (for
"$(cat FILE)") when the target has import-time remap, else a remap file
whose questions are commented-out entries to accept by uncommenting.

Exit status: 0 when everything is resolved, 1 when questions remain, the
export uses labels the target lacks, or the remap cannot be expressed for the
target, 2 on bad input or usage.`,
	Example: `tqlmig remap --schema schema-1.7.gql --new-schema schema.tql
tqlmig remap --schema old.gql --new-schema new.tql --rename staff=employee -o remap.txt
tqlmig remap --remap remap.txt --schema schema.tql --data export.grakn --to 2.0.2 -o remap.args`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f remapFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runRemap(e, &f, args) }
	},
}

// remapRun holds what runRemap loaded and found.
type remapRun struct {
	f       *remapFlags
	oldM    *schema.Model
	newM    *schema.Model
	hints   *remap.Remap
	known   []remap.Entry
	prop    *remap.Proposal
	usage   *remap.Usage
	missing []remap.Missing
	final   *remap.Remap
	target  *remap.Result
	diags   diag.List // warnings and errors to show with the result
	sources diag.Sources
}

func runRemap(e *env, f *remapFlags, args []string) int {
	const name = "remap"
	oldFiles, newFiles := f.schemas()
	switch {
	case f.validate() != nil:
		return usageErrorf(e, name, "%v", f.validate())
	case len(f.oldFrom) > 0:
		return usageErrorf(e, name, "--%s is gone: give the old schema with --%s and the new one with --%s", remapFlagFrom, flagSchema, remapFlagNewSchema)
	case len(args) > 0:
		return usageErrorf(e, name, "no positional arguments expected, got %q (schemas go after --%s and --%s)", args[0], flagSchema, remapFlagNewSchema)
	case len(f.NewSchema) > 0 && len(f.Schema) > 0 && len(f.FromConvert) > 0:
		return usageErrorf(e, name, "give the old schema with --%s or --%s, not both", flagSchema, remapFlagFromConvert)
	case f.Data != "" && len(newFiles) == 0:
		return usageErrorf(e, name, "--%s needs the target schema (--%s FILE)", remapFlagData, flagSchema)
	case len(oldFiles) == 0 && len(newFiles) == 0 && len(f.Remaps) == 0 && len(f.Renames) == 0:
		return usageErrorf(e, name, "nothing to do: give --%s and --%s, --%s, --%s, --%s or --%s", flagSchema, remapFlagNewSchema, remapFlagFromConvert, remapFlagRemap, remapFlagRename, remapFlagData)
	}
	var target version.V
	if f.Target != "" {
		v, err := version.Parse(f.Target)
		if err != nil {
			if _, serr := os.Stat(f.Target); serr == nil {
				return usageErrorf(e, name, "--%s takes the importing server's version now; give the new schema %s with --%s", flagTo, f.Target, remapFlagNewSchema)
			}
			return usageErrorf(e, name, "--%s: %v", flagTo, err)
		}
		target = v
	}
	inputs := append(append(append([]string(nil), oldFiles...), newFiles...), f.Remaps...)
	if f.Data != "" {
		inputs = append(inputs, f.Data)
	}
	if code := checkFiles(e, name, inputs, []string{f.Output}); code != exitOK {
		return code
	}

	rr := &remapRun{f: f, sources: diag.Sources{}}
	if code := rr.load(e, oldFiles, newFiles, target); code != exitOK {
		return code
	}
	res, err := remap.Resolve(remap.ResolveInput{Old: rr.oldM, New: rr.newM, Hints: rr.hints, Known: rr.known, Usage: rr.usage,
		Evidence: func(labels []string) (*remap.Evidence, error) { return gatherEvidence(f.Data, labels) }, Target: target})
	if err != nil {
		return rr.fail(e, nil, "%v", err)
	}
	rr.diags = append(rr.diags, res.Diags...)
	if res.Invalid() {
		return rr.fail(e, res.Diags, "the remap is not valid; nothing written")
	}
	rr.prop, rr.final, rr.missing, rr.target = res.Proposal, res.Final, res.Missing, res.Target
	return rr.finish(e, target, inputs)
}

// fail prints diagnostics (in --format, as every command prints its
// loading errors: text on stderr, json and sarif on stdout) and a one-line
// error on stderr, and returns exitBad.
func (rr *remapRun) fail(e *env, ds diag.List, format string, args ...any) int {
	switch {
	case len(ds) == 0:
	case rr.f.Format != formatText:
		if err := rr.f.writeDiagnostics(e, ds, rr.sources); err != nil {
			fmt.Fprintf(e.stderr, "tqlmig remap: %v\n", err)
		}
	default:
		diag.WriteText(e.stderr, ds, rr.f.textOptions(e.stderr, rr.sources))
	}
	fmt.Fprintf(e.stderr, "tqlmig remap: %s\n", fmt.Sprintf(format, args...))
	return exitBad
}

// load reads the schemas, the given renames and the export.
func (rr *remapRun) load(e *env, oldFiles, newFiles []string, target version.V) int {
	var err error
	if len(oldFiles) > 0 {
		var ds diag.List
		rr.oldM, _, ds, err = loadRemapSchema(oldFiles, rr.sources)
		rr.diags = append(rr.diags, ds...)
		if err != nil || ds.HasErrors() {
			return rr.fail(e, ds, "cannot read the old schema%s", errSuffix(err))
		}
	}
	if len(newFiles) > 0 {
		var ds diag.List
		var verdict load.Verdict
		rr.newM, verdict, ds, err = loadRemapSchema(newFiles, rr.sources)
		rr.diags = append(rr.diags, ds...)
		if err != nil || ds.HasErrors() {
			return rr.fail(e, ds, "cannot read the new schema%s", errSuffix(err))
		}
		if target.Parts > 0 {
			if d := schemaTargetProblem(verdict, newFiles[0], target); d != nil {
				return rr.fail(e, diag.List{d}, "the new schema cannot be imported by %s %s; nothing written", version.Product(target), target)
			}
		}
	}
	if len(rr.f.FromConvert) > 0 {
		known, ds, err := convertRenames(rr.f.FromConvert, target)
		if err != nil || ds.HasErrors() {
			return rr.fail(e, ds, "cannot convert %s%s", strings.Join(rr.f.FromConvert, ", "), errSuffix(err))
		}
		rr.known = known
	}
	var hints []remap.Entry
	if len(rr.f.Remaps) > 0 {
		r, ds, err := remap.Load(rr.f.Remaps)
		if err != nil {
			return rr.fail(e, nil, "%v", err)
		}
		if ds.HasErrors() {
			return rr.fail(e, ds, "bad --%s", remapFlagRemap)
		}
		rr.diags = append(rr.diags, ds...)
		hints = append(hints, r.Entries...)
	}
	if len(rr.f.Renames) > 0 {
		r, ds := remap.Parse("--rename", []byte(strings.Join(rr.f.Renames, "\n")))
		if ds.HasErrors() {
			return rr.fail(e, ds, "bad --%s", remapFlagRename)
		}
		hints = append(hints, r.Entries...)
	}
	h, ds := remap.New(hints...)
	if ds.HasErrors() {
		return rr.fail(e, ds, "the given renames contradict each other")
	}
	rr.hints = h
	if rr.f.Data != "" {
		in, err := os.Open(rr.f.Data)
		if err != nil {
			return rr.fail(e, nil, "%v", err)
		}
		defer in.Close()
		sum, err := datafile.Inspect(in, datafile.InspectOptions{Name: rr.f.Data})
		if err != nil {
			var d *diag.Diagnostic
			if errors.As(err, &d) {
				return rr.fail(e, diag.List{d}, "cannot read %s", rr.f.Data)
			}
			return rr.fail(e, nil, "%v", err)
		}
		rr.usage = remap.UsageOf(sum)
	}
	return exitOK
}

func errSuffix(err error) string {
	if err == nil {
		return ""
	}
	return ": " + err.Error()
}

func gatherEvidence(name string, labels []string) (*remap.Evidence, error) {
	in, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	return remap.Gather(in, labels, 0)
}

// finish prints the result, writes -o and picks the exit status.
func (rr *remapRun) finish(e *env, target version.V, inputs []string) int {
	f := rr.f
	questions := rr.questions()
	findings := len(questions) > 0 || len(rr.missing) > 0 ||
		(rr.target != nil && rr.target.Mode != version.RemapNone && !rr.target.Supported)
	var out []byte
	wrote := ""
	if f.Output != "" {
		switch {
		case rr.target != nil && rr.target.Mode != version.RemapNone && !rr.target.Supported:
			// Arguments that cannot work are not written.
		case rr.target != nil && rr.target.Mode != version.RemapNone:
			for _, a := range rr.target.Args {
				out = append(out, a...)
				out = append(out, '\n')
			}
			wrote = "import arguments"
		default:
			out = remap.FormatProposal(rr.header(), rr.prop.Renames, questions)
			wrote = "remap"
		}
		if wrote != "" {
			if err := atomicfile.WriteFile(f.Output, out, atomicfile.Inputs(inputs...)); err != nil {
				fmt.Fprintf(e.stderr, "tqlmig remap: %v\n", err)
				return exitBad
			}
		}
	}
	var err error
	switch {
	case f.Format == formatJSON:
		err = rr.writeJSON(e.stdout, questions, wrote)
	case f.Format == formatSARIF:
		err = f.writeDiagnostics(e, rr.allDiags(), rr.sources)
	default:
		if f.Quiet {
			// The result itself (renames, questions, missing labels)
			// is the finding; -q drops the warnings and notes around it.
			rr.diags = rr.diags.Errors()
			if rr.target != nil {
				rr.target.Diags = rr.target.Diags.Errors()
			}
		}
		err = rr.writeText(e, questions, wrote)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig remap: %v\n", err)
		return exitBad
	}
	if findings {
		return exitFindings
	}
	return exitOK
}

// questions are the proposal's questions followed by the data
// suggestions that are not among them.
func (rr *remapRun) questions() []remap.Candidate {
	qs := append([]remap.Candidate(nil), rr.prop.Questions...)
	seen := map[string]bool{}
	for _, q := range qs {
		seen[q.Old+"="+q.New] = true
	}
	for _, m := range rr.missing {
		for _, c := range m.Suggestions {
			if c.Confidence >= remap.HighConfidence || seen[c.Old+"="+c.New] {
				continue // a rename already proposed, or listed
			}
			seen[c.Old+"="+c.New] = true
			qs = append(qs, c)
		}
	}
	return qs
}

// header is the comment block of a written remap file.
func (rr *remapRun) header() []string {
	h := []string{"label remap generated by tqlmig remap: old=new per line"}
	oldFiles, newFiles := rr.f.schemas()
	if len(oldFiles) > 0 {
		h = append(h, "old schema: "+strings.Join(oldFiles, " "))
	}
	if len(newFiles) > 0 {
		h = append(h, "new schema: "+strings.Join(newFiles, " "))
	}
	if rr.f.Data != "" {
		h = append(h, "data: "+rr.f.Data)
	}
	if rr.target != nil && !rr.target.Supported {
		h = append(h, rr.target.Advice)
	}
	return h
}

func (rr *remapRun) writeText(e *env, questions []remap.Candidate, wrote string) error {
	var b bytes.Buffer
	w := &b
	cands := func(title string, cs []remap.Candidate) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintln(w, title)
		width := 0
		for _, c := range cs {
			width = max(width, len(c.Old)+1+len(c.New))
		}
		for _, c := range cs {
			fmt.Fprintf(w, "  %-*s  %-9s  %-9s  %.2f  %s\n", width, c.Old+"="+c.New, c.Kind, c.Source, c.Confidence, strings.Join(c.Reasons, "; "))
		}
	}
	labels := func(title string, ls []remap.Label) {
		if len(ls) == 0 {
			return
		}
		fmt.Fprintln(w, title)
		for _, l := range ls {
			s := fmt.Sprintf("  %-9s  %s", l.Kind, l.Label)
			if len(l.Relations) > 0 {
				s += " (in " + strings.Join(l.Relations, ", ") + ")"
			}
			fmt.Fprintln(w, s)
		}
	}
	cands("renames (high confidence):", rr.prop.Renames)
	cands("questions (confirm with --rename OLD=NEW, or uncomment the entry in the -o remap file):", questions)
	labels("removed (in the old schema only):", rr.prop.Removed)
	labels("added (in the new schema only):", rr.prop.Added)
	if rr.usage != nil {
		if len(rr.missing) == 0 {
			fmt.Fprintf(w, "every label of %s is in the target schema%s\n", rr.f.Data, afterRemap(rr.final))
		} else {
			fmt.Fprintf(w, "labels of %s the target schema lacks%s:\n", rr.f.Data, afterRemap(rr.final))
			for _, m := range rr.missing {
				s := fmt.Sprintf("  %-9s  %s", m.Kind, m.Label)
				if m.Remapped != "" {
					s += " (remapped to " + m.Remapped + ")"
				}
				if m.Kind == concept.Role {
					s += fmt.Sprintf(" in %s: %s", strings.Join(m.Relations, ", "), plural(int(m.Count), "player", "players"))
				} else {
					s += ": " + plural(int(m.Count), "item", "items")
				}
				if len(m.Suggestions) == 0 {
					s += "; no suggestion"
				} else {
					var ss []string
					for _, c := range m.Suggestions {
						ss = append(ss, fmt.Sprintf("%s=%s (%.2f)", c.Old, c.New, c.Confidence))
					}
					s += "; try " + strings.Join(ss, " or ")
				}
				fmt.Fprintln(w, s)
			}
		}
	}
	if rr.target != nil {
		t := rr.target
		fmt.Fprintf(w, "target %s %s (%s):\n", version.Product(t.Target), t.Target, modeText(t.Mode))
		switch {
		case t.Supported && len(t.Args) == 0:
			fmt.Fprintln(w, "  no import arguments needed")
		case t.Supported:
			fmt.Fprintf(w, "  import arguments: %s\n", t.Line())
		default:
			fmt.Fprintf(w, "  %s\n", t.Advice)
		}
	}
	if rr.oldM != nil && rr.newM != nil && len(rr.prop.Renames)+len(questions)+len(rr.prop.Removed)+len(rr.prop.Added) == 0 {
		fmt.Fprintln(w, "no label changed between the schemas")
	}
	if wrote != "" {
		fmt.Fprintf(w, "wrote %s to %s\n", wrote, rr.f.Output)
	} else if rr.f.Output != "" {
		fmt.Fprintf(w, "nothing written to %s: the remap cannot be expressed for the target\n", rr.f.Output)
	}
	ds := rr.allDiags()
	// Labels come from the files: escaped, so that they cannot drive the terminal.
	if _, err := io.WriteString(e.stdout, diag.EscapeText(b.String())); err != nil {
		return err
	}
	if len(ds) > 0 {
		if err := diag.WriteText(e.stdout, ds, rr.f.textOptions(e.stdout, rr.sources)); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(e.stdout, "%s, %s, %s removed, %s added\n",
		plural(len(rr.prop.Renames), "rename", "renames"), plural(len(questions), "question", "questions"),
		fmt.Sprint(len(rr.prop.Removed)), fmt.Sprint(len(rr.prop.Added)))
	return err
}

// allDiags are the diagnostics shown with the result: warnings from
// loading and validation, then the target's.
func (rr *remapRun) allDiags() diag.List {
	ds := append(diag.List(nil), rr.diags...)
	if rr.target != nil {
		ds = append(ds, rr.target.Diags...)
	}
	return ds
}

func afterRemap(r *remap.Remap) string {
	if r.Len() == 0 {
		return ""
	}
	return " after the renames"
}

func modeText(m version.RemapMode) string {
	switch m {
	case version.RemapGlobal:
		return "remap with global roles"
	case version.RemapScoped:
		return "remap; role values scoped relation:role"
	case version.RemapNameOnly:
		return "remap; role scopes ignored"
	}
	return "no import-time remap"
}

type remapTargetDoc struct {
	Version   string   `json:"version"`
	Product   string   `json:"product"`
	Mode      string   `json:"mode"`
	Supported bool     `json:"supported"`
	Args      []string `json:"args"`
	Advice    string   `json:"advice,omitempty"`
}

type remapDataDoc struct {
	File    string          `json:"file"`
	Missing []remap.Missing `json:"missing"`
}

func (rr *remapRun) writeJSON(w io.Writer, questions []remap.Candidate, wrote string) error {
	doc := struct {
		Renames   []remap.Candidate `json:"renames"`
		Questions []remap.Candidate `json:"questions"`
		Removed   []remap.Label     `json:"removed"`
		Added     []remap.Label     `json:"added"`
		Data      *remapDataDoc     `json:"data,omitempty"`
		Target    *remapTargetDoc   `json:"target,omitempty"`
		Output    string            `json:"output,omitempty"`
		Wrote     string            `json:"wrote,omitempty"`
		diag.JSONDocument
	}{
		Renames: nonNil(rr.prop.Renames), Questions: nonNil(questions),
		Removed: nonNil(rr.prop.Removed), Added: nonNil(rr.prop.Added),
		Output: rr.f.Output, Wrote: wrote,
		JSONDocument: diag.ToJSON(rr.allDiags()),
	}
	if rr.usage != nil {
		doc.Data = &remapDataDoc{File: rr.f.Data, Missing: nonNil(rr.missing)}
	}
	if t := rr.target; t != nil {
		doc.Target = &remapTargetDoc{Version: t.Target.String(), Product: version.Product(t.Target), Mode: t.Mode.String(),
			Supported: t.Supported, Args: nonNil(t.Args), Advice: t.Advice}
	}
	return writeJSON(w, doc)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// loadRemapSchema loads schema files as one model and returns the
// verdict on their language. A comma missing between properties (which convert repairs)
// is kept as a warning, since the tree is whole; any other syntax error
// stops, and so does an error of the model.
func loadRemapSchema(files []string, sources diag.Sources) (*schema.Model, load.Verdict, diag.List, error) {
	s, err := load.Files(files, load.Options{Command: "remap", Model: true})
	if err != nil {
		return nil, load.Verdict{}, nil, err
	}
	for n, b := range s.Sources {
		sources[n] = b
	}
	if !s.OK() {
		return nil, s.Verdict, s.Diags, nil
	}
	return s.Model, s.Verdict, append(s.Diags, s.ModelDiags.Errors()...), nil
}

// convertRenames runs tqlmig convert on fresh copies of the 1.x files and
// returns its renames, for target (the default conversion target for a
// 1.x target; a 3.x target converts to 3.x, whose renames name roles as a
// 1.x export writes them).
func convertRenames(files []string, target version.V) ([]remap.Entry, diag.List, error) {
	s, err := load.Files(files, load.Options{Command: "remap --from-convert", Accept: []load.Lang{load.Graql1}})
	if err != nil {
		return nil, nil, err
	}
	if !s.OK() {
		return nil, s.Diags.Errors(), nil
	}
	to := rewrite.DefaultTarget
	if target.Major >= 2 {
		to = target
	}
	res, errs := convertTo(to, s, "", rewrite.HierarchyAuto, rewrite3.CardinalityKeep)
	if res == nil || errs.HasErrors() {
		return nil, errs, nil
	}
	var out []remap.Entry
	for _, r := range res.Renames {
		out = append(out, remap.Entry{Old: r.Old, New: r.New})
	}
	return out, nil, nil
}

// CodeSchemaTarget is remap's refusal of a new schema whose language the
// target server does not read.
const CodeSchemaTarget = "remap-schema-target"

// schemaTargetProblem is the error for a new schema (verdict v, first
// file first) that cannot be the schema a server at target imports into,
// or nil. It points at the construct that decided the language, when one
// did.
func schemaTargetProblem(v load.Verdict, first string, target version.V) *diag.Diagnostic {
	var msg string
	switch lang := v.Lang; {
	case lang == load.TypeQL3 && target.Major == 2:
		msg = fmt.Sprintf("the new schema is TypeQL 3.x, but %s %s reads TypeQL 2.x", version.Product(target), target)
	case lang == load.TypeQL3 && target.Major == 1:
		msg = fmt.Sprintf("the new schema is TypeQL 3.x, but %s %s reads Graql 1.x", version.Product(target), target)
	case lang == load.Graql1 && target.Major != 1:
		msg = fmt.Sprintf("the new schema is Graql 1.x, but %s %s needs a TypeQL schema; convert it first (tqlmig convert)", version.Product(target), target)
	case lang == load.TypeQL2 && target.Major == 1:
		msg = fmt.Sprintf("the new schema is TypeQL, but %s %s reads Graql 1.x", version.Product(target), target)
	default:
		return nil
	}
	r := &diag.Range{File: first, Start: diag.Pos{Offset: 0, Line: 1, Col: 1}}
	if v.Evidence != nil {
		r = &diag.Range{File: v.EvidenceFile, Start: v.Evidence.Pos}
	}
	r.End = r.Start
	return &diag.Diagnostic{Severity: diag.Error, Code: CodeSchemaTarget, Range: r, Message: msg}
}
