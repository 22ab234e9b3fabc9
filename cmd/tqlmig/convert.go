package main

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/internal/atomicfile"
	"github.com/tqlmig/tqlmig/internal/udiff"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/load"
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
	convertFlagCardinality = "cardinality"
)

// cardinalityUsage is the help of --cardinality (convert and migrate).
var cardinalityUsage = "with --to 3, the @card of ownerships and roles: " + strings.Join(rewrite3.CardinalityPolicies, " or ") +
	" (keep: 2.x's any number, @card(0..); tighten: with --data, the tightest @card the export satisfies, so later writes beyond it fail)"

type convertFlags struct {
	To          string
	Schemas     []string
	Output      string
	RemapOut    string
	SideQueries string
	Diff        bool
	Data        string
	Hierarchy   string
	Cardinality string
	// --format (text, json or sarif) picks the report's format; -q keeps
	// errors only. --report is its old name.
	outputFlags
}

func (f *convertFlags) Bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.To, convertFlagTo, rewrite.DefaultTarget.String(), "TypeDB version to write for: "+strings.Join(rewrite.Targets, ", ")+" (or any 2.x release), or 3 for TypeQL 3.x")
	fs.StringArrayVar(&f.Schemas, flagSchema, nil, "schema file, the same as an argument; repeatable")
	fs.StringVarP(&f.Output, convertFlagOutput, "o", "", "write the schema to this file (atomically; never over an input) instead of stdout")
	fs.StringVar(&f.RemapOut, convertFlagRemapOut, "", "write the label renames as an import remap (one old=new per line) to this file")
	fs.StringVar(&f.SideQueries, convertFlagSideQueries, "", "write the data queries found in the input (insert, match…) to this file")
	fs.StringVar(&f.Data, convertFlagData, "", "an export file of the old database: choices between meanings keep its data importable (attribute hierarchies, keys, regexes; with --to 3 and --cardinality tighten the tightest @card), each reported with its counts")
	fs.StringVar(&f.Hierarchy, convertFlagHierarchy, rewrite.HierarchyAuto.String(), "a concrete 1.x attribute type with subtypes becomes: "+strings.Join(rewrite.HierarchyPolicies, ", ")+" (auto: flatten when --data holds values of the supertype itself, else abstract)")
	fs.StringVar(&f.Cardinality, convertFlagCardinality, rewrite3.CardinalityKeep.String(), cardinalityUsage)
	fs.BoolVar(&f.Diff, flagDiff, false, "print a unified diff from the input to the converted schema on stdout (the schema itself goes only to -o)")
	f.outputFlags.Bind(fs)
	fs.Lookup(flagFormat).Usage = "report format on stderr (stdout carries the schema): text (translated changes counted per rule, the rest listed), json (every change) or sarif"
	alias(fs, convertFlagReport, flagFormat)
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
with their source lines; --format json lists every change.

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
data uses), a regex the values break is dropped, and lost constructs say
how many items of the export they cover. With --to 3 every ownership and
role keeps 2.x's any number, @card(0..); --cardinality tighten gives each
the tightest @card the export satisfies instead (approximated: later
writes beyond it fail). Every such choice is reported with
its counts and listed in the text report; the JSON report carries them.

Exit status: 0 when every change was translated, 1 when something was
approximated or lost, 2 on bad input (a syntax error, 2.x input, an
unknown target) or usage.`,
	Example: `tqlmig convert schema.gql > schema.tql
tqlmig convert --to 2.18 -o schema.tql --remap-out remap.txt schema.gql rules.gql
tqlmig convert --diff --format json schema.gql 2> report.json
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
	if err := f.outputFlags.validate(); err != nil {
		return usageErrorf(e, name, "%v", err)
	}
	args = schemaArgs(f.Schemas, args)
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
	cards, err := rewrite3.ParseCardinalityPolicy(f.Cardinality)
	if err != nil {
		return usageErrorf(e, name, "--%s: %v", convertFlagCardinality, err)
	}
	inputs := append([]string{f.Data}, args...)
	if code := checkFiles(e, name, inputs, []string{f.Output, f.RemapOut, f.SideQueries}); code != exitOK {
		return code
	}

	accept := []load.Lang{load.Graql1}
	if target.Major == 3 {
		accept = append(accept, load.TypeQL2)
	}
	s, err := load.Files(args, load.Options{Command: name, Accept: accept, Advice: convertAdvice(target)})
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		return exitBad
	}
	textOpts := f.textOptions(e.stderr, s.Sources)
	if !s.OK() {
		writeReport(e, f, s.Diags.Errors(), nil, textOpts)
		return exitBad
	}
	res, errs := convertTo(target, s, f.Data, hierarchy, cards)
	if res == nil || errs.HasErrors() {
		writeReport(e, f, errs, nil, textOpts)
		return exitBad
	}
	var out bytes.Buffer
	if err := format.Print(&out, res.Schema, format.WithLang(target.Major)); err != nil {
		d := res.Unprintable(err, target.Major)
		writeReport(e, f, append(res.Report, d), nil, textOpts)
		return exitBad
	}

	if f.Output != "" {
		if err := atomicfile.WriteFile(f.Output, out.Bytes(), atomicfile.Inputs(inputs...)); err != nil {
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
		e.stdout.Write(udiff.Unified(oldName, newName, joinSources(args, s.Sources), out.Bytes()))
	case f.Output == "":
		e.stdout.Write(out.Bytes())
	}
	if f.RemapOut != "" {
		var entries []remap.Entry
		for _, r := range res.Renames {
			entries = append(entries, remap.Entry{Old: r.Old, New: r.New})
		}
		rm, _ := remap.New(entries...)
		if err := atomicfile.WriteFile(f.RemapOut, rm.Format(), atomicfile.Inputs(inputs...)); err != nil {
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
		if err := atomicfile.WriteFile(f.SideQueries, side.Bytes(), atomicfile.Inputs(inputs...)); err != nil {
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

// joinSources is the input files one after another, each ending in a
// newline: the old side of --diff.
func joinSources(paths []string, src diag.Sources) []byte {
	var b bytes.Buffer
	for _, path := range paths {
		s := src[path]
		b.Write(s)
		if len(s) > 0 && s[len(s)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// convertAdvice says what to do with a schema convert does not read.
func convertAdvice(target version.V) map[load.Lang]string {
	if target.Major == 3 {
		return map[load.Lang]string{load.TypeQL3: "there is nothing to convert: tqlmig fmt --lang 3 reformats it"}
	}
	return map[load.Lang]string{
		load.TypeQL2: "convert --to 2.x reads Graql 1.x: check a TypeQL 2.x schema with tqlmig vet, reformat it with tqlmig fmt, or convert it with --to 3",
		load.TypeQL3: "convert reads Graql 1.x and TypeQL 2.x: tqlmig fmt --lang 3 reformats a 3.x schema",
	}
}

// writeReport prints the conversion report on stderr: in JSON every
// diagnostic; in text, translated changes counted per rule, then every
// other diagnostic with its source line, then a one-line summary.
func writeReport(e *env, f *convertFlags, list, decisions diag.List, opt diag.TextOptions) {
	var err error
	switch {
	case f.Format == formatJSON:
		err = diag.WriteJSON(e.stderr, list)
	case f.Format == formatSARIF:
		err = diag.WriteSARIF(e.stderr, toolInfo(), ruleInfos(), list)
	case f.Quiet:
		if err = diag.WriteText(e.stderr, list.Errors(), opt); err == nil {
			err = quietSummary(e.stderr, list)
		}
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
	counted := rewrite.Counted(decisions)
	for _, d := range list {
		if counted(d) {
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
