package main

import (
	"bytes"
	"fmt"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/atomicfile"
	"github.com/tqlmig/tqlmig/internal/udiff"
	"github.com/tqlmig/tqlmig/load"
)

// Flag names of the fmt command.
const (
	flagStyle = "style"
	flagLang  = "lang"
	flagWrite = "write"
	flagDiff  = "diff"
	flagList  = "list"
)

type fmtFlags struct {
	Schemas []string
	Style   string
	Lang    int
	Write   bool
	Diff    bool
	List    bool
	findingsCap
}

func (f *fmtFlags) Bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.Style, flagStyle, "preserve", "preserve (your order, comments and blank lines) or server (the server's schema export: one merged schema, no comments)")
	fs.IntVar(&f.Lang, flagLang, 0, "language to print: 1 (Graql 1.x), 2 (TypeQL 2.x) or 3 (TypeQL 3.x); 0 keeps each file's own. A construct the language cannot express is an error, never converted")
	fs.BoolVarP(&f.Write, flagWrite, "w", false, "rewrite each file in place (atomically) instead of printing it")
	fs.BoolVarP(&f.Diff, flagDiff, "d", false, "print a unified diff of the changes instead of the result")
	fs.BoolVarP(&f.List, flagList, "l", false, "list the files whose formatting differs instead of printing them")
	fs.StringArrayVar(&f.Schemas, flagSchema, nil, "schema file, the same as an argument; repeatable")
	f.findingsCap.Bind(fs)
}

var fmtCmd = &command{
	Name:  "fmt",
	Args:  "FILE…",
	Short: "format Graql 1.x and TypeQL 2.x and 3.x schema files",
	Long: `Fmt prints each schema file in canonical layout on stdout. It never
converts: --lang only checks that every construct exists in the language
asked for, and fails on the first one that does not (use convert for that).

--style preserve (the default) keeps the order of statements, every comment
and the blank lines between statements. A statement with one property stays
on one line; with more, each further property goes on its own line, indented
4 spaces. Rules, data queries and spacing are normalised; the result formats
to itself.

--style server prints what the server's own schema export would: for Graql
1.x the layout of Grakn 1.8's "grakn server schema", for TypeQL 2.x that of
TypeDB 2.29's export. Several files are merged into one schema, as if loaded
together ("console -f a -f b"), and printed on stdout; -w then refuses.

-l lists the files that would change and -d prints the changes as a unified
diff; either makes the exit status 1 when a file would change. -w writes the
result back; a file that does not change is not touched.

Exit status: 0 done (nothing to change, for -l/-d), 1 a file would change
(-l/-d), 2 a file cannot be read, has a syntax error, or holds a construct
the language asked for cannot express.`,
	Example: `tqlmig fmt schema.gql
tqlmig fmt -l -d schema.gql rules.gql
tqlmig fmt -w schema.gql
tqlmig fmt --style server --lang 1 schema.gql schema-pt2.gql > export.gql`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f fmtFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runFmt(e, &f, args) }
	},
}

// fmtInput is one file read and parsed.
type fmtInput struct {
	name string
	src  []byte
	file *grammar.File
}

func runFmt(e *env, f *fmtFlags, args []string) int {
	var style format.Style
	switch f.Style {
	case "preserve":
		style = format.Preserve
	case "server":
		style = format.Server
	default:
		return usageErrorf(e, "fmt", "--%s must be preserve or server, not %q", flagStyle, f.Style)
	}
	if f.Lang < 0 || f.Lang > 3 {
		return usageErrorf(e, "fmt", "--%s must be 1, 2 or 3, not %d", flagLang, f.Lang)
	}
	args = schemaArgs(f.Schemas, args)
	if len(args) == 0 {
		return usageErrorf(e, "fmt", "no files given")
	}
	if style == format.Server && len(args) > 1 && (f.Write || f.List || f.Diff) {
		return usageErrorf(e, "fmt", "--style server merges %d files into one schema on stdout: -w, -l and -d need a single file", len(args))
	}
	opts := []format.Option{format.WithStyle(style), format.WithLang(f.Lang)}

	status := exitOK
	sources := diag.Sources{}
	report := func(list diag.List) {
		diag.WriteText(e.stderr, list, f.textOptions(e.stderr, sources))
	}
	var inputs []fmtInput
	// Each file is loaded alone (fmt keeps each file's language), except
	// that a server-style merge loads them together.
	groups := [][]string{}
	if style == format.Server && len(args) > 1 {
		groups = append(groups, args)
	} else {
		for _, name := range args {
			groups = append(groups, []string{name})
		}
	}
	for _, g := range groups {
		s, err := load.Files(g, load.Options{Command: "fmt"})
		if err != nil {
			fmt.Fprintf(e.stderr, "tqlmig fmt: %v\n", err)
			status = exitBad
			continue
		}
		for n, b := range s.Sources {
			sources[n] = b
		}
		if !s.OK() {
			report(s.Diags.Errors())
			status = exitBad
			continue
		}
		for _, file := range s.Files {
			inputs = append(inputs, fmtInput{file.Name, s.Sources[file.Name], file})
		}
	}

	if style == format.Server && len(args) > 1 {
		if status != exitOK {
			return status // a merged schema missing a file would mislead
		}
		files := make([]*grammar.File, len(inputs))
		for i, in := range inputs {
			files[i] = in.file
		}
		var out bytes.Buffer
		if err := format.Files(&out, files, opts...); err != nil {
			report(diag.List{format.DiagnosticOf(err)})
			return exitBad
		}
		e.stdout.Write(out.Bytes())
		return exitOK
	}

	for _, in := range inputs {
		var out bytes.Buffer
		if err := format.Print(&out, in.file, opts...); err != nil {
			report(diag.List{format.DiagnosticOf(err)})
			status = exitBad
			continue
		}
		changed := !bytes.Equal(out.Bytes(), in.src)
		if f.List && changed {
			fmt.Fprintln(e.stdout, in.name)
		}
		if f.Diff && changed {
			e.stdout.Write(udiff.Unified(in.name+".orig", in.name, in.src, out.Bytes()))
		}
		if f.Write && changed {
			if err := atomicfile.WriteFile(in.name, out.Bytes()); err != nil {
				fmt.Fprintf(e.stderr, "tqlmig fmt: %v\n", err)
				status = exitBad
				continue
			}
		}
		if !f.List && !f.Diff && !f.Write {
			e.stdout.Write(out.Bytes())
		}
		if changed && (f.List || f.Diff) && status == exitOK {
			status = exitFindings
		}
	}
	return status
}
