package main

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/validate"
)

const flagTarget = "target"

type vetFlags struct {
	outputFlags
	Target string
}

func (f *vetFlags) Bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.Target, flagTarget, validate.DefaultTarget.String(), "TypeDB version to check against: 2.0 … 2.29, or 3 for the TypeQL 3.x checks")
	f.outputFlags.Bind(fs)
}

var vetCmd = &command{
	Name:  "vet",
	Args:  "FILE…",
	Short: "check a TypeQL 2.x or 3.x schema offline against what the server rejects",
	Long: `Vet applies the define and undefine queries of the files in order, as a
console session loading "-f a -f b" would, and runs every schema check on
the result: unknown types and roles, wrong supertypes and cycles, value
types, abstract rules, keys, overrides, redeclarations, reserved labels and
rules (head shape, bound variables, roles, type inference, negation
cycles). Every finding is reported at once, each with file:line:col, the
source line and what to change. 'tqlmig rules' lists the checks.

--target picks the TypeDB version whose rules apply (default 2.29): @unique
and boolean keys need 2.18, disjunctions in rules 2.14, roles of abstract
relations are abstract before 2.22, "fetch" is reserved from 2.25.
--target 3 checks TypeQL 3.x schemas instead, against what TypeDB 3.x
rejects at define time and at commit (annotations and where they may
stand, @card bounds, @key value types, @regex/@range/@values, abstract
supertypes, inherited value types and roles, relations without roles).

Exit status: 0 when clean, 1 when there are findings, 2 when a file cannot
be read, does not parse, is not in the language of the target (TypeQL 2.x,
or 3.x with --target 3), or a flag is wrong.`,
	Example: `tqlmig vet schema.tql
tqlmig vet --target 2.17 schema.tql rules.tql
tqlmig vet --format json schema.tql
tqlmig vet --target 3 schema-3x.tql`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f vetFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runVet(e, &f, args) }
	},
}

func runVet(e *env, f *vetFlags, args []string) int {
	if len(args) == 0 {
		return usageErrorf(e, "vet", "no files given")
	}
	if err := f.outputFlags.validate(); err != nil {
		return usageErrorf(e, "vet", "%v", err)
	}
	target, err := version.Parse(f.Target)
	if err != nil || target.Major != 2 && target.Major != 3 {
		return usageErrorf(e, "vet", "--%s must be a TypeDB 2.x version such as 2.0, 2.18 or 2.29, or 3, not %q", flagTarget, f.Target)
	}
	want3 := target.Major == 3
	var (
		files   []*grammar.File
		all     diag.List
		sources = diag.Sources{}
		status  = exitOK
	)
	for _, name := range args {
		src, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(e.stderr, "tqlmig vet: %v\n", err)
			return exitBad
		}
		sources[name] = src
		file, diags := grammar.Parse(name, src)
		all = append(all, diags...)
		if diags.HasErrors() {
			status = exitBad
		}
		if d := file.Dialect(); want3 && d != 0 && d&grammar.TypeQL3 == 0 {
			fmt.Fprintf(e.stderr, "tqlmig vet: %s is %s; vet --%s 3 checks TypeQL 3.x schemas: run 'tqlmig convert --to 3' first\n", name, langName(d), flagTarget)
			return exitBad
		} else if !want3 && d != 0 && d&grammar.TypeQL2 == 0 {
			lang, remedy := "TypeQL 3.x", "check it with --target 3"
			if d.Is1x() {
				lang, remedy = "Graql 1.x", "run 'tqlmig convert' first"
			}
			what := fmt.Sprintf("%s is %s", name, lang)
			if ft, ok := firstNot2x(file); ok {
				what = fmt.Sprintf("%s:%s: %s (%s)", name, ft.Pos, what, ft.Name)
			}
			fmt.Fprintf(e.stderr, "tqlmig vet: %s; vet checks TypeQL 2.x schemas: %s\n", what, remedy)
			return exitBad
		}
		files = append(files, file)
	}
	var findings diag.List
	if want3 {
		_, findings = validate.Vet3(files...)
	} else {
		_, findings = validate.Vet(validate.Options{Target: target}, files...)
	}
	all = append(all, findings...)
	if err := f.writeDiagnostics(e, all, sources); err != nil {
		fmt.Fprintf(e.stderr, "tqlmig vet: %v\n", err)
		return exitBad
	}
	switch {
	case status != exitOK:
		return status
	case len(findings) > 0:
		if f.Format == formatText && !f.Quiet {
			fmt.Fprintf(e.stderr, "%s (TypeDB %s)\n", diag.Summarize(findings), targetName(target))
		}
		return exitFindings
	}
	return exitOK
}

// firstNot2x returns the first construct of f that TypeQL 2.x lacks.
func firstNot2x(f *grammar.File) (grammar.Feature, bool) {
	for _, ft := range f.Features {
		if ft.Dialects&grammar.TypeQL2 == 0 {
			return ft, true
		}
	}
	return grammar.Feature{}, false
}

// langName names the language of a dialect for messages.
func langName(d grammar.Dialect) string {
	switch {
	case d.Is1x():
		return "Graql 1.x"
	case d&grammar.TypeQL2 != 0:
		return "TypeQL 2.x"
	}
	return "TypeQL 3.x"
}

// targetName is "3.x" for the 3.x target, the version otherwise.
func targetName(v version.V) string {
	if v.Major == 3 {
		return "3.x"
	}
	return v.String()
}
