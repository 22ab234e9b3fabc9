package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
)

const flagTop = "top"

type inspectFlags struct {
	outputFlags
	Top int
}

func (f *inspectFlags) Bind(fs *pflag.FlagSet) {
	f.outputFlags.Bind(fs)
	fs.IntVar(&f.Top, flagTop, 15, "text format: how many types and role labels to list (0: all)")
}

var inspectCmd = &command{
	Name:  "inspect",
	Args:  "FILE",
	Short: "summarise an export file (.grakn/.typedb): producer, counts, checksums, completeness",
	Long: `Inspect reads a data export file of any version (Grakn 1.7.3 to TypeDB 3.x)
once, start to end, and reports:

  - the header (server version, database) and which exporter wrote the file,
    judged from the header, the form of the item IDs (1.x "V123", lossy
    2.0–2.2 IIDs, Base64 IIDs of 2.3+ and 3.x) and 3.x value kinds;
  - counts per kind and per type label, role labels, value kinds per
    attribute label;
  - the five checksum counts recounted and compared with the checksums item;
  - whether the file is complete: truncated, header first, checksums present;
  - duplicate IDs and ownership or role-player references to IDs that no
    item has;
  - which server lines can import the file as it is (structure only: the
    schema is not checked).

A progress bar is drawn on stderr when it is a terminal.

Exit status: 0 when nothing is wrong, 1 when there are findings (a checksum
mismatch, dangling references, a truncated file, ...), 2 when the file cannot
be read or is not an export (empty, compressed, text).`,
	Example: `tqlmig inspect simulation.grakn
tqlmig inspect --format json data.typedb > summary.json`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f inspectFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runInspect(e, &f, args) }
	},
}

// inspectDocument is the --format json output: the summary's fields, then
// the shared "diagnostics" and "summary" of every command.
type inspectDocument struct {
	*datafile.Summary
	diag.JSONDocument
}

func runInspect(e *env, f *inspectFlags, args []string) int {
	if err := f.validate(); err != nil {
		return usageErrorf(e, "inspect", "%v", err)
	}
	if len(args) != 1 {
		return usageErrorf(e, "inspect", "want exactly one FILE, got %d arguments", len(args))
	}
	name := args[0]
	file, err := os.Open(name)
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig inspect: %v\n", err)
		return exitBad
	}
	defer file.Close()
	var size int64
	if fi, err := file.Stat(); err == nil {
		size = fi.Size()
	}
	bar := e.progress("inspect", size)
	s, err := datafile.Inspect(file, datafile.InspectOptions{Name: name, Progress: bar.Set})
	bar.Done()
	if err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			diag.WriteText(e.stderr, diag.List{d}, f.textOptions(e.stderr, nil))
		} else {
			fmt.Fprintf(e.stderr, "tqlmig inspect: %v\n", err)
		}
		return exitBad
	}
	switch {
	case f.Format == formatJSON:
		err = writeJSON(e.stdout, inspectDocument{Summary: s, JSONDocument: diag.ToJSON(s.Diagnostics)})
	case f.Format == formatSARIF || f.Quiet:
		err = f.writeDiagnostics(e, s.Diagnostics, nil)
	default:
		err = s.WriteText(e.stdout, f.Top)
		if err == nil && len(s.Diagnostics) > 0 {
			fmt.Fprintf(e.stdout, "\nfindings: %s\n", diag.Summarize(s.Diagnostics))
			err = diag.WriteText(e.stdout, s.Diagnostics, f.textOptions(e.stdout, nil))
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig inspect: %v\n", err)
		return exitBad
	}
	if s.Bad() {
		return exitFindings
	}
	return exitOK
}
