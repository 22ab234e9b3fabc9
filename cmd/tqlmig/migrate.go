package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/atomicfile"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/migrate"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/rewrite3"
)

// Names of the migrate flags (--schema, --remap, --format and --quiet are
// shared with other commands).
const (
	migrateFlagData     = "data"
	migrateFlagTo       = "to"
	migrateFlagFrom     = "from"
	migrateFlagDatabase = "database"
	migrateFlagOutput   = "output"
	migrateFlagForce    = "force"
)

type migrateFlags struct {
	outputFlags
	Schemas  []string
	Data     string
	To       string
	From     string
	Database string
	Remaps   []string
	Output   string
	Force    bool
	// Hierarchy is convert's --attribute-hierarchy.
	Hierarchy string
	// Cardinality is convert's --cardinality.
	Cardinality string
}

func (f *migrateFlags) Bind(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.Schemas, flagSchema, nil, "old schema file (Graql 1.x, or TypeQL 2.x); repeat for a schema in several files (required)")
	fs.StringVar(&f.Data, migrateFlagData, "", "export file of the old database, .grakn or .typedb (required)")
	fs.StringVar(&f.To, migrateFlagTo, "2.29", "TypeDB version to move to: a 2.x release or line (2.0 … 2.29), or 3.x")
	fs.StringVar(&f.From, migrateFlagFrom, "", "version the data comes from, for the plan (default: from the schema's dialect, or a 2.x export's header)")
	fs.StringVar(&f.Database, migrateFlagDatabase, "", "database name used in the commands (default DATABASE)")
	fs.StringArrayVar(&f.Remaps, flagRemap, nil, "renames you know: a remap file (old=new per line) or one old=new entry; they win over convert's; repeatable")
	fs.StringVarP(&f.Output, migrateFlagOutput, "o", "", "directory to write (required; must be new or empty unless --force)")
	fs.BoolVar(&f.Force, migrateFlagForce, false, "replace a directory holding an earlier run's output")
	fs.StringVar(&f.Hierarchy, convertFlagHierarchy, rewrite.HierarchyAuto.String(), "a concrete 1.x attribute type with subtypes becomes: "+strings.Join(rewrite.HierarchyPolicies, ", ")+" (auto: flatten when the export holds values of the supertype itself, else abstract)")
	fs.StringVar(&f.Cardinality, convertFlagCardinality, rewrite3.CardinalityKeep.String(), cardinalityUsage)
	f.outputFlags.Bind(fs)
}

var migrateCmd = &command{
	Name:  "migrate",
	Short: "the whole migration in one run: convert, vet, remap or rewrite, check, plan",
	Long: `Migrate takes the old schema, the export of the old database and the target
version, and runs every step of the migration with one set of inputs:

  convert        the schema to TypeQL for the target (a TypeQL 2.x schema
                 moving within 2.x is copied unchanged)
  vet            the converted schema against what the target rejects at
                 define time (TypeQL 2.x targets; 3.x has no offline check)
  inspect        the export: producer, completeness, checksums, labels
  remap          the renames (convert's, then --remap's) as import
                 arguments where the target has import-time remap (2.0–2.5)
  rewrite-data   or rewritten into a copy of the export where it has none
                 (2.6+, 3.x) or cannot express them; for 3.x role labels
                 are also scoped relation:role, and attributes' ownerships
                 and attribute role players, which 3.x cannot hold (convert
                 reports them lost in the schema), are left out
  check          the data the import will read against the new schema
  plan           the commands left to run, and the warnings for the pair
                 of versions

It writes into DIR: schema.tql, remap.txt, data.typedb (only when the data
needed a rewrite), report.md (for people) and report.json (for scripts).
The files are written into a new directory next to DIR, which replaces DIR
at the end, so DIR is at every moment either as it was or the complete new
result. DIR must be new or empty unless --force, which replaces an earlier
run's output (a DIR holding files migrate does not write is refused).

On stdout: the steps and their outcome (text), report.json (json), or every
finding as SARIF 2.1.0 (sarif). A step that cannot run says so and never
counts as passed.

Exit status: 0 when the schema converted exactly, vet found nothing and the
data check passes; 1 when there are findings or a step did not run (every
3.x migration, since vet does not check 3.x); 2 on bad input or usage
(nothing is written).`,
	Example: `tqlmig migrate --schema schema.gql --data export.grakn --to 2.29 -o out
tqlmig migrate --schema schema.gql --schema rules.gql --data export.grakn --to 2.4 --database social -o out
tqlmig migrate --schema schema.tql --data export.typedb --to 3.x --format json -o out3 > report.json`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f migrateFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runMigrate(e, &f, args) }
	},
}

func runMigrate(e *env, f *migrateFlags, args []string) int {
	const name = "migrate"
	if err := f.validate(); err != nil {
		return usageErrorf(e, name, "%v", err)
	}
	switch {
	case len(args) > 0:
		return usageErrorf(e, name, "takes no arguments, got %q (schemas go after --%s, the export after --%s)", args[0], flagSchema, migrateFlagData)
	case len(f.Schemas) == 0:
		return usageErrorf(e, name, "--%s is required", flagSchema)
	case f.Data == "":
		return usageErrorf(e, name, "--%s is required", migrateFlagData)
	case f.Output == "":
		return usageErrorf(e, name, "-o DIR is required")
	}
	opt := migrate.Options{Schemas: f.Schemas, Data: f.Data, Database: f.Database, Dir: f.Output}
	var err error
	if opt.Target, err = version.Parse(f.To); err != nil {
		return usageErrorf(e, name, "--%s: %v", migrateFlagTo, err)
	}
	if opt.Target.Major != 2 && opt.Target.Major != 3 {
		return usageErrorf(e, name, "--%s %s: migrate moves to TypeDB 2.x or 3.x", migrateFlagTo, f.To)
	}
	if p := version.TargetProblem(opt.Target); p != "" {
		return usageErrorf(e, name, "--%s %s: %s", migrateFlagTo, f.To, p)
	}
	if opt.AttributeHierarchy, err = rewrite.ParseHierarchyPolicy(f.Hierarchy); err != nil {
		return usageErrorf(e, name, "--%s: %v", convertFlagHierarchy, err)
	}
	if opt.Cardinality, err = rewrite3.ParseCardinalityPolicy(f.Cardinality); err != nil {
		return usageErrorf(e, name, "--%s: %v", convertFlagCardinality, err)
	}
	if f.From != "" {
		if opt.From, err = version.Parse(f.From); err != nil {
			return usageErrorf(e, name, "--%s: %v", migrateFlagFrom, err)
		}
	}
	inputs := append(append([]string{f.Data}, f.Schemas...), f.Remaps...)
	if code := checkFiles(e, name, inputs, migrate.Outputs(f.Output)); code != exitOK {
		return code
	}
	if err := migrate.CheckDir(f.Output, f.Force); err != nil {
		return usageErrorf(e, name, "%v", err)
	}
	if len(f.Remaps) > 0 {
		r, ds, err := remap.Load(f.Remaps)
		if err != nil {
			fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
			return exitBad
		}
		if ds.HasErrors() {
			diag.WriteText(e.stderr, ds, f.textOptions(e.stderr, nil))
			return exitBad
		}
		opt.Remap = r
	}
	opt.Progress = func(label string, total int64) migrate.Progress {
		if b := e.progress(label, total); b != nil {
			return b
		}
		return nil
	}

	stage, err := atomicfile.CreateDir(f.Output)
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig %s: %v; nothing written\n", name, err)
		return exitBad
	}
	defer stage.Abort() // does nothing after Commit; cleans up after a failure
	rep, err := migrate.Run(opt, stage.Path)
	if err != nil {
		var ie *migrate.InputError
		if errors.As(err, &ie) {
			if len(ie.Diags) > 0 {
				diag.WriteText(e.stderr, ie.Diags, f.textOptions(e.stderr, ie.Sources))
			}
			fmt.Fprintf(e.stderr, "tqlmig %s: %s; nothing written\n", name, ie.Msg)
		} else {
			fmt.Fprintf(e.stderr, "tqlmig %s: %v; nothing written\n", name, err)
		}
		return exitBad
	}
	if err := stage.Commit(); err != nil {
		// The error says which directory is in place, old or new.
		fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		return exitBad
	}

	switch f.Format {
	case formatJSON:
		var js []byte
		if js, err = rep.JSON(); err == nil {
			_, err = e.stdout.Write(js)
		}
	case formatSARIF:
		err = f.writeDiagnostics(e, rep.Diagnostics, rep.Sources)
	default:
		err = writeMigrateText(e, f, rep)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		return exitBad
	}
	if !rep.OK {
		return exitFindings
	}
	return exitOK
}

// writeMigrateText prints the steps, the files and the verdict; with
// --quiet only the error diagnostics.
func writeMigrateText(e *env, f *migrateFlags, rep *migrate.Report) error {
	if f.Quiet {
		// The errors, and the verdict line when the exit status is 1.
		if err := diag.WriteText(e.stdout, rep.Diagnostics.Errors(), f.textOptions(e.stdout, rep.Sources)); err != nil || rep.OK {
			return err
		}
		_, err := fmt.Fprintf(e.stdout, "needs attention (%s): read %s/%s\n", diag.Summarize(rep.Diagnostics), rep.Dir, migrate.ReportMD)
		return err
	}
	var b strings.Builder
	width := 0
	for _, s := range rep.Steps {
		width = max(width, len(s.Name))
	}
	for _, s := range rep.Steps {
		fmt.Fprintf(&b, "%-*s  %-10s  %s\n", width, s.Name, s.Status, s.Summary)
	}
	fmt.Fprintf(&b, "wrote %s: %s\n", rep.Dir, strings.Join(rep.Files, ", "))
	if rep.OK {
		fmt.Fprintf(&b, "ready: the schema converted exactly and the data check passes; the commands to run are in %s/%s\n", rep.Dir, migrate.ReportMD)
	} else {
		fmt.Fprintf(&b, "needs attention (%s): read %s/%s\n", diag.Summarize(rep.Diagnostics), rep.Dir, migrate.ReportMD)
	}
	_, err := fmt.Fprint(e.stdout, b.String())
	return err
}
