package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/atomicfile"
	"github.com/tqlmig/tqlmig/internal/progress"
)

// Output formats accepted by --format.
const (
	formatText  = "text"
	formatJSON  = "json"
	formatSARIF = "sarif"
)

// Names of the output flags every reporting command shares.
const (
	flagFormat      = "format"
	flagQuiet       = "quiet"
	flagMaxFindings = "max-findings"
)

// defaultMaxFindings is how many findings of one code text output shows
// unless --max-findings says otherwise: enough to see the pattern, few
// enough that a broken input cannot flood the terminal.
const defaultMaxFindings = 100

// findingsCap is the --max-findings flag of every command that prints
// findings as text.
type findingsCap struct{ MaxFindings int }

// Bind registers --max-findings on fs.
func (c *findingsCap) Bind(fs *pflag.FlagSet) {
	fs.IntVar(&c.MaxFindings, flagMaxFindings, defaultMaxFindings, "text format: findings shown per code, then a count of the rest; 0 shows all")
}

// textOptions are the options of text diagnostics written to w, with
// sources for snippets (nil for none).
func (c *findingsCap) textOptions(w io.Writer, src diag.Sources) diag.TextOptions {
	return diag.TextOptions{Sources: src, Color: diag.UseColor(w, os.Getenv), MaxPerCode: max(c.MaxFindings, 0)}
}

// outputFlags are the flags of a command that reports findings. Embed it
// in the command's flags struct and call Bind from its Flags function.
type outputFlags struct {
	Format string
	Quiet  bool
	findingsCap
}

// Bind registers --format, --quiet/-q and --max-findings on fs.
func (o *outputFlags) Bind(fs *pflag.FlagSet) {
	fs.StringVar(&o.Format, flagFormat, formatText, "output format: text, json or sarif")
	fs.BoolVarP(&o.Quiet, flagQuiet, "q", false, "text format: print errors only and the one-line summary, no warnings or notes")
	o.findingsCap.Bind(fs)
}

// validate checks the flag values after parsing; the caller turns an error
// into a usage error (usageErrorf, exit 2).
func (o *outputFlags) validate() error {
	switch o.Format {
	case formatText, formatJSON, formatSARIF:
		return nil
	}
	return fmt.Errorf("--%s must be text, json or sarif, not %q", flagFormat, o.Format)
}

// writeDiagnostics prints list on stdout in the chosen format: text with
// source snippets from src (colour only on a terminal without NO_COLOR, at
// most --max-findings per code; under --quiet the errors and a summary
// line), the JSON document of diag.WriteJSON, or a SARIF 2.1.0 log whose
// rule table comes from ruleInfos.
func (o *outputFlags) writeDiagnostics(e *env, list diag.List, src diag.Sources) error {
	switch o.Format {
	case formatJSON:
		return diag.WriteJSON(e.stdout, list)
	case formatSARIF:
		return diag.WriteSARIF(e.stdout, toolInfo(), ruleInfos(), list)
	}
	if !o.Quiet {
		return diag.WriteText(e.stdout, list, o.textOptions(e.stdout, src))
	}
	if err := diag.WriteText(e.stdout, list.Errors(), o.textOptions(e.stdout, src)); err != nil {
		return err
	}
	return quietSummary(e.stdout, list)
}

// quietSummary is the line --quiet keeps: what was found, so that a
// non-zero exit never comes without its reason. Nothing when list holds
// no error or warning (notes alone change no exit status).
func quietSummary(w io.Writer, list diag.List) error {
	s := diag.Summarize(list)
	if s.Errors+s.Warnings == 0 {
		return nil
	}
	hidden := ""
	if s.Warnings+s.Infos > 0 {
		hidden = " (-q shows only the errors)"
	}
	_, err := fmt.Fprintf(w, "findings: %s%s\n", s, hidden)
	return err
}

// toolInfo names tqlmig in SARIF logs.
func toolInfo() diag.Tool {
	return diag.Tool{Name: "tqlmig", Version: toolVersion, InformationURI: "https://github.com/tqlmig/tqlmig"}
}

// ruleDocs, when set (by rules.go), lists every rewrite rule and check
// for SARIF's rule table. Codes it does not list still get a bare entry.
var ruleDocs func() []diag.RuleInfo

func ruleInfos() []diag.RuleInfo {
	if ruleDocs == nil {
		return nil
	}
	return ruleDocs()
}

// progress returns a progress bar on stderr for total bytes of work; it is
// nil, and silent, unless stderr is a terminal or TQLMIG_PROGRESS=always.
// Call Done before printing anything else to stderr.
func (e *env) progress(label string, total int64) *progress.Bar {
	return progress.New(e.stderr, os.Getenv, label, total)
}

// writeJSON prints v as indented JSON without HTML escaping, the layout of
// every --format json document. Commands whose document holds more than
// diagnostics embed diag.JSONDocument in their own struct and print it
// with this.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// checkFiles applies atomicfile.CheckRun to the files of one run before
// anything is read: an output that is an input, or two outputs that are
// one file, is a usage error (exit 2) and nothing is read or written.
func checkFiles(e *env, name string, inputs, outputs []string) int {
	if err := atomicfile.CheckRun(inputs, outputs); err != nil {
		return usageErrorf(e, name, "%v; nothing read or written", err)
	}
	return exitOK
}
