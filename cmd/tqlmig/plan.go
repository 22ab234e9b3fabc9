package main

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	srvversion "github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/plan"
)

type planFlags struct {
	From, To    string
	Database    string
	SchemaFiles []string
	DataFile    string
	Format      string
}

func (f *planFlags) Bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.From, "from", "", "version of the server the data is on now, e.g. 1.8.4 (required)")
	fs.StringVar(&f.To, "to", "", "version of the server the data moves to, e.g. 2.29.1 or 3.x (required)")
	fs.StringVar(&f.Database, "database", "", "database (1.x keyspace) name used in the commands")
	fs.StringArrayVar(&f.SchemaFiles, flagSchema, nil, "the current schema file: used in the commands and checked inline; repeat for a schema in several files")
	fs.StringVar(&f.DataFile, "data", "", "an export file already made: used in the commands and checked inline")
	fs.StringVar(&f.Format, flagFormat, formatText, "output format: text or json")
}

var planCmd = &command{
	Name:  "plan",
	Short: "print the migration steps and exact commands between two server versions",
	Long: `Plan prints the numbered steps that move a database from one Grakn or TypeDB
version to another, with the exact command lines of both versions: schema and
data export, the hop through Grakn 1.7.3 for 1.6 and older, tqlmig convert,
vet, remap or rewrite-data, check, database creation and schema load, and the
import. Warnings that apply to the pair of versions come first; notes on data
encoding versions and shortcuts come last.

A version may be exact (2.29.1) or name a line (2.29, 3.x); a line is planned
for its newest release. With --schema or --data the files are named in the
commands and checked inline: the schema's syntax against --from, the export's
producer, completeness and checksums.

Exit status: 0 with a plan, 1 when an inline check found a problem, 2 when the
versions have no plan (too old, not newer, no import) or a flag is wrong.`,
	Example: `tqlmig plan --from 1.8.4 --to 2.29.1 --database social
tqlmig plan --from 2.29.1 --to 3.x --format json`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f planFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runPlan(e, &f, args) }
	},
}

func runPlan(e *env, f *planFlags, args []string) int {
	if len(args) > 0 {
		return usageErrorf(e, "plan", "takes no arguments, got %q", args[0])
	}
	if f.Format != formatText && f.Format != formatJSON {
		return usageErrorf(e, "plan", "--%s must be text or json, not %q", flagFormat, f.Format)
	}
	var opt plan.Options
	for _, x := range []struct {
		flag, val string
		dst       *srvversion.V
	}{{"from", f.From, &opt.From}, {"to", f.To, &opt.To}} {
		if x.val == "" {
			return usageErrorf(e, "plan", "--%s VERSION is required", x.flag)
		}
		v, err := srvversion.Parse(x.val)
		if err != nil {
			return usageErrorf(e, "plan", "--%s: %v", x.flag, err)
		}
		*x.dst = v
	}
	opt.Database, opt.SchemaFiles, opt.DataFile = f.Database, f.SchemaFiles, f.DataFile
	p, err := plan.Build(opt)
	if err != nil {
		var pe *plan.Error
		if errors.As(err, &pe) {
			return usageErrorf(e, "plan", "%s", pe.Msg)
		}
		fmt.Fprintf(e.stderr, "tqlmig plan: %v\n", err)
		return exitBad
	}
	p.RunChecks(opt)
	if f.Format == formatJSON {
		err = p.WriteJSON(e.stdout)
	} else {
		err = p.WriteText(e.stdout)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig plan: %v\n", err)
		return exitBad
	}
	for _, c := range p.Checks {
		if c.Status == plan.CheckProblem {
			return exitFindings
		}
	}
	return exitOK
}
