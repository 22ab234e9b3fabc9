package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/load"
)

// Names of the flags every command spells the same way.
const (
	flagTo     = "to"     // the TypeDB version a command works for
	flagSchema = "schema" // a schema file, repeatable
)

// loadSchemas reads and loads the schema files of command name. On a file
// that cannot be read, or any loading error, it prints the problem (in the
// format of out when given, else as text on stderr) and returns false.
func loadSchemas(e *env, name string, files []string, opt load.Options, out *outputFlags) (*load.Schema, bool) {
	opt.Command = name
	s, err := load.Files(files, opt)
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		return nil, false
	}
	if !s.OK() {
		reportLoad(e, s, out)
		return s, false
	}
	return s, true
}

// reportLoad prints the loading errors of s.
func reportLoad(e *env, s *load.Schema, out *outputFlags) {
	if out != nil && out.Format != formatText {
		if err := out.writeDiagnostics(e, s.Diags.Errors(), s.Sources); err != nil {
			fmt.Fprintf(e.stderr, "tqlmig: %v\n", err)
		}
		return
	}
	c := &findingsCap{MaxFindings: defaultMaxFindings}
	if out != nil {
		c = &out.findingsCap
	}
	diag.WriteText(e.stderr, s.Diags.Errors(), c.textOptions(e.stderr, s.Sources))
}

// schemaArgs are the schema files of a command that takes them as
// arguments and as --schema: the flags first, then the arguments.
func schemaArgs(flags, args []string) []string {
	return append(append([]string(nil), flags...), args...)
}

// alias registers name as a hidden second spelling of the flag target,
// kept so that older command lines still work.
func alias(fs *pflag.FlagSet, name, target string) {
	t := fs.Lookup(target)
	fs.VarPF(t.Value, name, "", "the same as --"+target).NoOptDefVal = t.NoOptDefVal
	_ = fs.MarkHidden(name)
}

// aliasValue registers name as a hidden boolean flag that sets the flag
// target to val: --json for --format json.
func aliasValue(fs *pflag.FlagSet, name, target, val string) {
	fs.VarPF(setTo{fs.Lookup(target).Value, val}, name, "", fmt.Sprintf("the same as --%s %s", target, val)).NoOptDefVal = "true"
	_ = fs.MarkHidden(name)
}

type setTo struct {
	dst pflag.Value
	val string
}

func (s setTo) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil || !b {
		return err
	}
	return s.dst.Set(s.val)
}
func (s setTo) String() string { return "false" }
func (s setTo) Type() string   { return "bool" }
