package main

import (
	"fmt"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/load"
	"github.com/tqlmig/tqlmig/validate"
)

// flagTarget is the old name of --to in vet, check and remap, kept as a
// hidden alias.
const flagTarget = "target"

type vetFlags struct {
	outputFlags
	Target  string
	Schemas []string
}

func (f *vetFlags) Bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.Target, flagTo, validate.DefaultTarget.String(), "TypeDB version to check against: 2.0 … 2.29, or 3 for the TypeQL 3.x checks")
	fs.StringArrayVar(&f.Schemas, flagSchema, nil, "schema file, the same as an argument; repeatable")
	f.outputFlags.Bind(fs)
	alias(fs, flagTarget, flagTo)
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

--to picks the TypeDB version whose rules apply (default 2.29): @unique
and boolean keys need 2.18, disjunctions in rules 2.14, roles of abstract
relations are abstract before 2.22, "fetch" is reserved from 2.25.
--to 3 checks TypeQL 3.x schemas instead, against what TypeDB 3.x
rejects at define time and at commit (annotations and where they may
stand, @card bounds, @key value types, @regex/@range/@values, abstract
supertypes, inherited value types and roles, relations without roles).

Exit status: 0 when clean, 1 when there are findings, 2 when a file cannot
be read, does not parse, is not in the language --to picks (TypeQL 2.x,
or 3.x with --to 3), or a flag is wrong.`,
	Example: `tqlmig vet schema.tql
tqlmig vet --to 2.17 schema.tql rules.tql
tqlmig vet --format json schema.tql
tqlmig vet --to 3 schema-3x.tql`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f vetFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runVet(e, &f, args) }
	},
}

func runVet(e *env, f *vetFlags, args []string) int {
	files := schemaArgs(f.Schemas, args)
	if len(files) == 0 {
		return usageErrorf(e, "vet", "no files given")
	}
	if err := f.outputFlags.validate(); err != nil {
		return usageErrorf(e, "vet", "%v", err)
	}
	target, err := version.Parse(f.Target)
	if err != nil || target.Major != 2 && target.Major != 3 {
		return usageErrorf(e, "vet", "--%s must be a TypeDB 2.x version such as 2.0, 2.18 or 2.29, or 3, not %q", flagTo, f.Target)
	}
	lang, advice := load.TypeQL2, vetAdvice
	if target.Major == 3 {
		lang, advice = load.TypeQL3, vet3Advice
	}
	s, ok := loadSchemas(e, "vet", files, load.Options{Target: target, Accept: []load.Lang{lang}, Advice: advice}, &f.outputFlags)
	if !ok {
		return exitBad
	}
	var findings diag.List
	if target.Major == 3 {
		_, findings = validate.Vet3(s.Files...)
	} else {
		_, findings = validate.Vet(validate.Options{Target: target}, s.Files...)
	}
	all := append(s.Diags, findings...)
	if err := f.writeDiagnostics(e, all, s.Sources); err != nil {
		fmt.Fprintf(e.stderr, "tqlmig vet: %v\n", err)
		return exitBad
	}
	if len(findings) > 0 {
		if f.Format == formatText && !f.Quiet {
			fmt.Fprintf(e.stderr, "%s (TypeDB %s)\n", diag.Summarize(findings), targetName(target))
		}
		return exitFindings
	}
	return exitOK
}

// vetAdvice says what to do with a schema vet does not read.
var vetAdvice = map[load.Lang]string{
	load.Graql1:  "run tqlmig convert first",
	load.TypeQL3: "check it with --to 3",
}

// vet3Advice says what to do with a schema vet --to 3 does not read.
var vet3Advice = map[load.Lang]string{
	load.Graql1:  "run tqlmig convert --to 3 first",
	load.TypeQL2: "run tqlmig convert --to 3 first",
}

// targetName is "3.x" for the 3.x target, the version otherwise.
func targetName(v version.V) string {
	if v.Major == 3 {
		return "3.x"
	}
	return v.String()
}
