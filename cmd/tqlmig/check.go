package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/load"
	"github.com/tqlmig/tqlmig/remap"
)

const (
	flagRemap       = "remap"
	flagMaxExamples = "max-examples"
)

type checkFlags struct {
	outputFlags
	Schemas     []string
	Remaps      []string
	Target      string
	MaxExamples int
}

func (f *checkFlags) Bind(fs *pflag.FlagSet) {
	f.outputFlags.Bind(fs)
	fs.StringArrayVar(&f.Schemas, flagSchema, nil, "schema file of the target database (Graql 1.x for 1.8, TypeQL 2.x otherwise); repeat for a schema in several files")
	fs.StringArrayVar(&f.Remaps, flagRemap, nil, "remap file (old=new per line), or one old=new entry; repeatable")
	fs.StringVar(&f.Target, flagTo, "", "server version the import goes to (default: 1.8 for a 1.x schema, 2.29 for a 2.x one, 3.x for a 3.x one)")
	fs.IntVar(&f.MaxExamples, flagMaxExamples, check.DefaultMaxExamples, "examples listed per problem")
	alias(fs, flagTarget, flagTo)
}

var checkCmd = &command{
	Name:  "check",
	Args:  "DATA",
	Short: "prove offline that an export file imports into a schema: every problem at once",
	Long: `Check reads a data export (.grakn/.typedb) once and applies what the target
server's importer enforces, against the target schema and an optional label
remap: labels and roles resolve (each version resolves roles its own way),
values have the attribute type's value type and match its regex, owners own
and players play what the schema allows, keys are present and unique,
relations have players, references point at items of the right kind, and
the header and checksums are where the target wants them. Repeated ids are
a warning: no importer refuses them, but references to them rebind.

Every problem is reported at once, one line per check and label, with how
often it occurs, its first examples (item index, byte offset, id) and a
remedy: the remap to add, the owns or plays line the schema lacks, the type
to make concrete. Unknown labels get remap suggestions from the schema. A
schema change is suggested only when a copy of a TypeQL 2.x schema with the
change passes vet; otherwise the remedy says what to do in the data.
Memory grows with the number of things, not with the file's size.

Exit status: 0 when the import would succeed (warnings allowed), 1 when it
would fail, 2 on bad input or usage (a schema that does not parse, a data
file that is not an export, a target the schema cannot serve).`,
	Example: `tqlmig check --schema schema.gql --to 1.8 export.grakn
tqlmig check --schema schema.tql --remap remap.txt --format json export.grakn
tqlmig check --schema schema.tql --remap owns=owns_ --to 2.5 export.grakn`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f checkFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runCheck(e, &f, args) }
	},
}

// init lists the checks, in registry order, at the end of the help.
func init() {
	var b strings.Builder
	b.WriteString("\n\nChecks (the code of their findings):\n\n")
	for _, c := range check.Checks {
		title, _, _ := strings.Cut(c.Doc, "\n")
		fmt.Fprintf(&b, "  %-17s %s\n", c.Name, title)
	}
	checkCmd.Long += strings.TrimRight(b.String(), "\n")
}

// checkDocument is the --format json output: the report, then the shared
// "diagnostics" and "summary".
type checkDocument struct {
	*check.Report
	diag.JSONDocument
}

func runCheck(e *env, f *checkFlags, args []string) int {
	const name = "check"
	if err := f.validate(); err != nil {
		return usageErrorf(e, name, "%v", err)
	}
	switch {
	case len(args) != 1:
		return usageErrorf(e, name, "want exactly one DATA file, got %d arguments", len(args))
	case len(f.Schemas) == 0:
		return usageErrorf(e, name, "--%s is required", flagSchema)
	case f.MaxExamples < 1:
		return usageErrorf(e, name, "--%s must be at least 1", flagMaxExamples)
	}
	bad := func(err error) int {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			diag.WriteText(e.stderr, diag.List{d}, f.textOptions(e.stderr, nil))
		} else {
			fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		}
		return exitBad
	}
	opt := check.Options{Name: args[0], MaxExamples: f.MaxExamples}
	if f.Target != "" {
		var err error
		if opt.Target, err = version.Parse(f.Target); err != nil {
			return usageErrorf(e, name, "--%s: %v", flagTo, err)
		}
	}
	s, ok := loadSchemas(e, name, f.Schemas, load.Options{Model: true, Target: opt.Target}, &f.outputFlags)
	if !ok {
		return exitBad
	}
	m := s.Model
	opt.Schema = s.Files
	if s.ModelDiags.HasErrors() {
		// The check is only as good as the schema: what the model could
		// not apply is shown, and checked around.
		diag.WriteText(e.stderr, s.ModelDiags.Errors(), f.textOptions(e.stderr, s.Sources))
	}
	if f.Target == "" {
		opt.Target = s.Verdict.Lang.Newest()
	}
	if p := check.TargetProblem(m.Lang, opt.Target); p != "" {
		return usageErrorf(e, name, "--%s %s: %s", flagTo, opt.Target, p)
	}
	if len(f.Remaps) > 0 {
		r, rd, err := remap.Load(f.Remaps)
		if err != nil {
			return bad(err)
		}
		if len(rd) > 0 {
			diag.WriteText(e.stderr, rd, f.textOptions(e.stderr, nil))
		}
		if rd.HasErrors() {
			return exitBad
		}
		opt.Remap = r
	}
	data, err := os.Open(args[0])
	if err != nil {
		return bad(err)
	}
	defer data.Close()
	var size int64
	if fi, err := data.Stat(); err == nil {
		size = fi.Size()
	}
	bar := e.progress(name, size)
	opt.Progress = bar.Set
	rep, err := check.Run(m, data, opt)
	bar.Done()
	if err != nil {
		return bad(err)
	}
	list := rep.Diagnostics()
	switch f.Format {
	case formatJSON:
		err = writeJSON(e.stdout, checkDocument{Report: rep, JSONDocument: diag.ToJSON(list)})
	default:
		err = f.writeDiagnostics(e, list, nil)
		if err == nil && f.Format == formatText && !f.Quiet {
			_, err = fmt.Fprintln(e.stdout, verdict(rep, f.Schemas, opt.Target))
		}
	}
	if err != nil {
		return bad(err)
	}
	if !rep.OK {
		return exitFindings
	}
	return exitOK
}

// verdict is the last line of the text output.
func verdict(rep *check.Report, schemas []string, target version.V) string {
	what := fmt.Sprintf("%s: %s items checked against %s for %s %s", rep.File, commaInt(rep.Items), strings.Join(schemas, ", "), version.Product(target), target)
	var errs, warns int
	for _, g := range rep.Groups {
		switch g.Severity {
		case diag.Error:
			errs++
		case diag.Warning:
			warns++
		}
	}
	switch {
	case errs > 0:
		return fmt.Sprintf("%s: the import would fail (%s)", what, diag.Summary{Errors: errs, Warnings: warns})
	case warns > 0:
		return fmt.Sprintf("%s: the import would succeed (%s)", what, diag.Summary{Warnings: warns})
	}
	return what + ": the import would succeed"
}

func commaInt(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
