package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/atomicfile"
	"github.com/tqlmig/tqlmig/internal/udiff"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/rewrite3"
)

// Names of the convert flags (--diff is flagDiff, shared with fmt).
const (
	convertFlagTo          = "to"
	convertFlagOutput      = "output"
	convertFlagReport      = "report"
	convertFlagRemapOut    = "remap-out"
	convertFlagSideQueries = "side-queries"
	convertFlagData        = "data" // see convert3.go
	convertFlagHierarchy   = "attribute-hierarchy"
)

type convertFlags struct {
	To          string
	Output      string
	Report      string
	RemapOut    string
	SideQueries string
	Diff        bool
	Data        string
	Hierarchy   string
	// --format (text, json or sarif) is --report under the name every
	// reporting command shares; -q keeps errors only.
	outputFlags
}

func (f *convertFlags) Bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.To, convertFlagTo, rewrite.DefaultTarget.String(), "TypeDB version to write for: "+strings.Join(rewrite.Targets, ", ")+" (or any 2.x release), or 3 for TypeQL 3.x")
	fs.StringVarP(&f.Output, convertFlagOutput, "o", "", "write the schema to this file (atomically; never over an input) instead of stdout")
	fs.StringVar(&f.Report, convertFlagReport, formatText, "report format on stderr: text (translated changes counted per rule, the rest listed), json (every change) or sarif")
	fs.StringVar(&f.RemapOut, convertFlagRemapOut, "", "write the label renames as an import remap (one old=new per line) to this file")
	fs.StringVar(&f.SideQueries, convertFlagSideQueries, "", "write the data queries found in the input (insert, match…) to this file")
	fs.StringVar(&f.Data, convertFlagData, "", "an export file of the old database: choices between meanings keep its data importable (attribute hierarchies, keys; with --to 3 the tightest @card), each reported with its counts")
	fs.StringVar(&f.Hierarchy, convertFlagHierarchy, rewrite.HierarchyAuto.String(), "a concrete 1.x attribute type with subtypes becomes: "+strings.Join(rewrite.HierarchyPolicies, ", ")+" (auto: flatten when --data holds values of the supertype itself, else abstract)")
	fs.BoolVar(&f.Diff, flagDiff, false, "print a unified diff from the input to the converted schema on stdout (the schema itself goes only to -o)")
	f.outputFlags.Bind(fs)
	fs.Lookup(flagFormat).Usage = "the same as --report (the report goes to stderr; stdout carries the schema)"
}

var convertCmd = &command{
	Name:  "convert",
	Args:  "FILE…",
	Short: "convert Graql 1.x schema files into one TypeQL 2.x schema (or 2.x into 3.x), reporting every change",
	Long: `Convert reads Graql 1.x schema files (any dialect, Grakn 1.0 to 1.8), loads
them together the way "console -f a -f b" would, and writes one TypeQL 2.x
define query for the target TypeDB version, followed by any converted
undefine queries. Comments stay with the statements they described.

Every change is reported on stderr with its source position, the rule that
made it (see tqlmig rules and tqlmig explain RULE) and a class:

  translated    the same meaning in 2.x
  approximated  the meaning changed; the report says how
  lost          not representable; the report says what to do

The text report counts translated changes per rule and lists the others
with their source lines; --report json lists every change.

Labels that had to change (quoted or _-labels, labels reserved in the
target) keep their old name in exported data: --remap-out writes them as
an import remap. Data queries found in the input are not part of the schema;
--side-queries saves them for a data transaction.

Input that is already TypeQL 2.x or 3.x is refused, except that --to 3
converts TypeQL 2.x input (and Graql 1.x input through 2.x) into one
TypeQL 3.x define: kinds, integer, @abstract, @regex, @card, functions for
rules (see tqlmig rules). 3.x defaults to at most one attribute per
ownership and one player per role, so every ownership and role gets
@card(0..), 2.x's "any number".

Where the versions differ in meaning, --data EXPORT (an export of the old
database, read once) lets the data choose what keeps it importable, for
every target: a concrete attribute type with subtypes is flattened when
the export holds values of it (--attribute-hierarchy abstract|flatten
overrides), a key stays only where the data proves it (on the subtype the
data uses), a regex the values break is dropped, with --to 3 each
ownership and role gets the tightest @card, and lost constructs say how
many items of the export they cover. Every such choice is reported with
its counts and listed in the text report; the JSON report carries them.

Exit status: 0 when every change was translated, 1 when something was
approximated or lost, 2 on bad input (a syntax error, 2.x input, an
unknown target) or usage.`,
	Example: `tqlmig convert schema.gql > schema.tql
tqlmig convert --to 2.18 -o schema.tql --remap-out remap.txt schema.gql rules.gql
tqlmig convert --diff --report json schema.gql 2> report.json
tqlmig convert --data export.grakn -o schema.tql schema.gql
tqlmig convert --to 3 --data export.typedb -o schema3.tql schema.tql`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f convertFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runConvert(e, &f, args) }
	},
}

func runConvert(e *env, f *convertFlags, args []string) int {
	const name = "convert"
	if f.Format != formatText {
		f.Report = f.Format
	}
	if f.Report != formatText && f.Report != formatJSON && f.Report != formatSARIF {
		return usageErrorf(e, name, "--%s must be text, json or sarif, not %q", convertFlagReport, f.Report)
	}
	if len(args) == 0 {
		return usageErrorf(e, name, "no files given")
	}
	target, err := version.Parse(f.To)
	if err != nil {
		return usageErrorf(e, name, "--%s: %v", convertFlagTo, err)
	}
	if target.Major != 2 && target.Major != 3 {
		return usageErrorf(e, name, "--%s %s: convert writes TypeQL 2.x or 3.x; choose one of %s, or 3", convertFlagTo, f.To, strings.Join(rewrite.Targets, ", "))
	}
	hierarchy, err := rewrite.ParseHierarchyPolicy(f.Hierarchy)
	if err != nil {
		return usageErrorf(e, name, "--%s: %v", convertFlagHierarchy, err)
	}
	for _, out := range []string{f.Output, f.RemapOut, f.SideQueries} {
		if out == "" {
			continue
		}
		if err := atomicfile.CheckNotInput(out, args...); err != nil {
			return usageErrorf(e, name, "%v", err)
		}
	}

	sources := diag.Sources{}
	var (
		files    []*grammar.File
		input    bytes.Buffer
		bad      diag.List
		repaired diag.List // syntax errors convert repairs
	)
	for _, path := range args {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
			return exitBad
		}
		sources[path] = src
		input.Write(src)
		if len(src) > 0 && src[len(src)-1] != '\n' {
			input.WriteByte('\n')
		}
		file, diags := grammar.Parse(path, src)
		rep, errs := rewrite.SplitParse(diags)
		repaired, bad = append(repaired, rep...), append(bad, errs...)
		files = append(files, file)
	}
	textOpts := diag.TextOptions{Sources: sources, Color: e.color(e.stderr)}
	if bad.HasErrors() {
		writeReport(e, f, bad, nil, textOpts)
		return exitBad
	}
	res, errs := convertTo(target, files, repaired, f.Data, hierarchy)
	if res == nil || errs.HasErrors() {
		writeReport(e, f, errs, nil, textOpts)
		return exitBad
	}
	var out bytes.Buffer
	if err := format.Print(&out, res.Schema, format.Lang(target.Major)); err != nil {
		// Placed at the construct (format.Error knows its input position),
		// not with the position folded into the message.
		d := format.DiagnosticOf(err)
		var fe *format.Error
		if errors.As(err, &fe) && fe.Node != nil && res.Origin != nil {
			if r := res.Origin(fe.Node); r != nil && r.File != "" {
				d.Range = r
			}
		}
		d.Code = "unsupported"
		d.Detail = fmt.Sprintf("The converted schema still holds a construct TypeQL %d.x cannot write; no rule converts it yet. Please report it with the input.", target.Major)
		writeReport(e, f, append(res.Report, d), nil, textOpts)
		return exitBad
	}

	if f.Output != "" {
		if err := atomicfile.WriteFile(f.Output, out.Bytes(), atomicfile.Inputs(args...)); err != nil {
			fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
			return exitBad
		}
	}
	switch {
	case f.Diff:
		oldName := strings.Join(args, "+")
		newName := oldName + " (converted)"
		if f.Output != "" {
			newName = f.Output
		}
		e.stdout.Write(udiff.Unified(oldName, newName, input.Bytes(), out.Bytes()))
	case f.Output == "":
		e.stdout.Write(out.Bytes())
	}
	if f.RemapOut != "" {
		var entries []remap.Entry
		for _, r := range res.Renames {
			entries = append(entries, remap.Entry{Old: r.Old, New: r.New})
		}
		rm, _ := remap.New(entries...)
		if err := atomicfile.WriteFile(f.RemapOut, rm.Format(), atomicfile.Inputs(args...)); err != nil {
			fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
			return exitBad
		}
	}
	if f.SideQueries != "" {
		var side bytes.Buffer
		for i, q := range res.Side {
			if i > 0 {
				side.WriteByte('\n')
			}
			side.WriteString(q.Text)
			side.WriteByte('\n')
		}
		if err := atomicfile.WriteFile(f.SideQueries, side.Bytes(), atomicfile.Inputs(args...)); err != nil {
			fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
			return exitBad
		}
	}
	writeReport(e, f, res.Report, res.Decisions, textOpts)
	if !res.Exact() {
		return exitFindings
	}
	return exitOK
}

// writeReport prints the conversion report on stderr: in JSON every
// diagnostic; in text, translated changes counted per rule, then every
// other diagnostic with its source line, then a one-line summary.
func writeReport(e *env, f *convertFlags, list, decisions diag.List, opt diag.TextOptions) {
	var err error
	switch {
	case f.Report == formatJSON:
		err = diag.WriteJSON(e.stderr, list)
	case f.Report == formatSARIF:
		err = diag.WriteSARIF(e.stderr, toolInfo(), ruleInfos(), list)
	case f.Quiet:
		err = diag.WriteText(e.stderr, list.Errors(), opt)
	default:
		writeConvertText(e.stderr, list, decisions, opt, convertLang(f))
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig convert: %v\n", err)
	}
}

// Choices made from the data (decisions) are listed, never only counted.
func writeConvertText(w io.Writer, list, decisions diag.List, opt diag.TextOptions, lang string) {
	counts := map[string]int{}
	var rest diag.List
	n := map[diag.Class]int{}
	decided := map[*diag.Diagnostic]bool{}
	for _, d := range decisions {
		decided[d] = true
	}
	for _, d := range list {
		if d.Class == diag.Translated && d.Severity != diag.Error && !decided[d] {
			counts[d.Code]++
		} else {
			rest = append(rest, d)
		}
		if d.Class != "" {
			n[d.Class]++
		}
	}
	if len(counts) > 0 {
		fmt.Fprintf(w, "translated (same meaning in %s):\n", lang)
		width := 0
		for code := range counts {
			width = max(width, len(code))
		}
		for _, code := range sortedByOrder(counts) {
			title := ""
			if r := rewrite.Lookup(code); r != nil {
				title = r.Title()
			} else if r := rewrite3.Lookup(code); r != nil {
				title = r.Title()
			}
			fmt.Fprintf(w, "  %-*s %4d  %s\n", width, code, counts[code], title)
		}
		if len(rest) > 0 {
			fmt.Fprintln(w)
		}
	}
	diag.WriteText(w, rest, opt)
	if len(n) > 0 {
		fmt.Fprintf(w, "convert: %d translated, %d approximated, %d lost\n", n[diag.Translated], n[diag.Approximated], n[diag.Lost])
	}
}

// sortedByOrder lists rule codes in registry order (the order the rules
// run), codes of no rule last by name.
func sortedByOrder(counts map[string]int) []string {
	rank := map[string]int{}
	for i, r := range rewrite.Rules() {
		rank[r.Name] = i
	}
	for i, r := range rewrite3.Rules() {
		if _, ok := rank[r.Name]; !ok {
			rank[r.Name] = len(rewrite.Rules()) + i
		}
	}
	var codes []string
	for c := range counts {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		ri, okI := rank[codes[i]]
		rj, okJ := rank[codes[j]]
		switch {
		case okI && okJ:
			return ri < rj
		case okI != okJ:
			return okI
		}
		return codes[i] < codes[j]
	})
	return codes
}
