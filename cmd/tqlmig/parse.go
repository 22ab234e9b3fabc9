package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/load"
)

// flagJSON is the old spelling of --format json in parse and rules, kept
// as a hidden alias.
const flagJSON = "json"

type parseFlags struct {
	Format  string
	Schemas []string
	findingsCap
}

func (f *parseFlags) Bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.Format, flagFormat, formatText, "output format: text, or json (one document with each file's AST, counts and diagnostics)")
	fs.StringArrayVar(&f.Schemas, flagSchema, nil, "schema file, the same as an argument; repeatable")
	aliasValue(fs, flagJSON, flagFormat, formatJSON)
	f.findingsCap.Bind(fs)
}

var parseCmd = &command{
	Name:  "parse",
	Args:  "FILE…",
	Short: "parse schema files and report their dialect, contents and syntax errors",
	Long: `Parse reads Graql 1.x and TypeQL 2.x/3.x files and prints, for each, the
dialect(s) its constructs belong to and how many queries, types and rules it
holds. Syntax errors are printed on stderr with the source line; parsing
recovers at the next ";" so every broken statement is reported.

With --format json, stdout is one JSON document: "files" (name, dialect, counts and
the AST, each node with its "kind", "pos" and "end") plus the shared
"diagnostics" array and "summary".

Each file is loaded alone, as any command loads it, and gets the same
verdict: a construct no version of its language accepts, a Grakn 0.x
schema or a file without a define query is an error.

Exit status: 0 when every file parses (warnings allowed), 2 when a file
cannot be read, has a syntax error or does not load.`,
	Example: `tqlmig parse schema.gql
tqlmig parse --format json schema.gql > ast.json`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f parseFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runParse(e, &f, args) }
	},
}

// parseCounts are what "parse" counts in a file.
type parseCounts struct {
	Queries  int `json:"queries"`
	Define   int `json:"define"`
	Undefine int `json:"undefine"`
	Redefine int `json:"redefine,omitempty"` // TypeQL 3.x only
	Other    int `json:"other"`
	Types    int `json:"types"`
	Rules    int `json:"rules"`
}

func (c parseCounts) String() string {
	redefine := ""
	if c.Redefine > 0 {
		redefine = fmt.Sprintf(", %d redefine", c.Redefine)
	}
	return fmt.Sprintf("%s (%d define, %d undefine%s, %d other), %s, %s",
		plural(c.Queries, "query", "queries"), c.Define, c.Undefine, redefine, c.Other,
		plural(c.Types, "type", "types"), plural(c.Rules, "rule", "rules"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// countFile counts queries by kind, type statements and rules (2.x rule
// statements and 1.x "sub rule" types with when/then) in f.
func countFile(f *grammar.File) parseCounts {
	var c parseCounts
	for _, q := range f.Queries {
		c.Queries++
		dq, ok := q.(*grammar.DefineQuery)
		if !ok {
			c.Other++
			continue
		}
		switch dq.Kind {
		case grammar.Undefine:
			c.Undefine++
		case grammar.Redefine:
			c.Redefine++
		default:
			c.Define++
		}
		for _, s := range dq.Stmts {
			switch s := s.(type) {
			case *grammar.RuleStmt:
				c.Rules++
			case *grammar.TypeStmt:
				if isLegacyRule(s) {
					c.Rules++
				} else {
					c.Types++
				}
			}
		}
	}
	return c
}

func isLegacyRule(s *grammar.TypeStmt) bool {
	for _, p := range s.Props {
		switch p.(type) {
		case *grammar.WhenProp, *grammar.ThenProp:
			return true
		}
	}
	return false
}

// dialectName renders a file's dialect set; "mixed" when its constructs
// belong to no single dialect.
func dialectName(d grammar.Dialect) string {
	if d == 0 {
		return "mixed (no single dialect accepts every construct)"
	}
	if d == grammar.AnyDialect {
		return "any"
	}
	return strings.ReplaceAll(d.String(), "|", " or ")
}

type parseFileJSON struct {
	File     string      `json:"file"`
	Language string      `json:"language"` // the loader's verdict: "Graql 1.x", "TypeQL 2.x", …
	Dialect  []string    `json:"dialect"`  // dialects that accept the file; empty when mixed
	Counts   parseCounts `json:"counts"`
	AST      any         `json:"ast"`
}

type parseDocJSON struct {
	Files []parseFileJSON `json:"files"`
	diag.JSONDocument
}

func dialectList(d grammar.Dialect) []string {
	out := []string{}
	if d == 0 {
		return out
	}
	return append(out, strings.Split(d.String(), "|")...)
}

func runParse(e *env, f *parseFlags, args []string) int {
	args = schemaArgs(f.Schemas, args)
	if len(args) == 0 {
		return usageErrorf(e, "parse", "no files given")
	}
	if f.Format != formatText && f.Format != formatJSON {
		return usageErrorf(e, "parse", "--%s must be text or json, not %q", flagFormat, f.Format)
	}
	var (
		all     diag.List
		sources = diag.Sources{}
		doc     = parseDocJSON{Files: []parseFileJSON{}}
		status  = exitOK
	)
	// Each file is loaded alone: parse reports each file's own verdict,
	// the one any other command gives that file.
	for _, name := range args {
		s, err := load.Files([]string{name}, load.Options{Command: "parse"})
		if err != nil {
			fmt.Fprintf(e.stderr, "tqlmig parse: %v\n", err)
			status = exitBad
			continue
		}
		sources[name] = s.Sources[name]
		all = append(all, s.Diags...)
		if !s.OK() {
			status = exitBad
		}
		file := s.Files[0]
		counts := countFile(file)
		if f.Format == formatJSON {
			doc.Files = append(doc.Files, parseFileJSON{File: name, Language: s.Verdict.Lang.String(), Dialect: dialectList(fileDialect(s)), Counts: counts, AST: fileJSON(file)})
			continue
		}
		fmt.Fprintf(e.stdout, "%s: %s; %s\n", name, verdictName(s), counts)
		diag.WriteText(e.stderr, s.Diags, f.textOptions(e.stderr, sources))
	}
	if f.Format == formatJSON {
		doc.JSONDocument = diag.ToJSON(all)
		if err := writeJSON(e.stdout, doc); err != nil {
			fmt.Fprintf(e.stderr, "tqlmig parse: %v\n", err)
			return exitBad
		}
	}
	return status
}

// verdictName renders a file's verdict: its dialects, or its language
// when it did not load (0.x, no schema, mixed dialects).
func verdictName(s *load.Schema) string {
	if !s.OK() || s.Verdict.Dialect == 0 {
		return s.Verdict.Lang.String()
	}
	return dialectName(s.Verdict.Dialect)
}

// fileDialect is the dialect set of a file that loaded, else none.
func fileDialect(s *load.Schema) grammar.Dialect {
	if !s.OK() {
		return 0
	}
	return s.Verdict.Dialect
}
