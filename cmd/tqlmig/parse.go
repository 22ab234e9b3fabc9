package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

const flagJSON = "json"

type parseFlags struct {
	JSON bool
	findingsCap
}

func (f *parseFlags) Bind(fs *pflag.FlagSet) {
	fs.BoolVar(&f.JSON, flagJSON, false, "print one JSON document with each file's AST, counts and diagnostics")
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

With --json, stdout is one JSON document: "files" (name, dialect, counts and
the AST, each node with its "kind", "pos" and "end") plus the shared
"diagnostics" array and "summary".

Exit status: 0 when every file parses (warnings allowed), 2 when a file
cannot be read or has a syntax error.`,
	Example: `tqlmig parse schema.gql
tqlmig parse --json schema.gql > ast.json`,
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
	Other    int `json:"other"`
	Types    int `json:"types"`
	Rules    int `json:"rules"`
}

func (c parseCounts) String() string {
	return fmt.Sprintf("%s (%d define, %d undefine, %d other), %s, %s",
		plural(c.Queries, "query", "queries"), c.Define, c.Undefine, c.Other,
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
		if dq.Undefine {
			c.Undefine++
		} else {
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
	File    string      `json:"file"`
	Dialect []string    `json:"dialect"` // dialects that accept the file; empty when mixed
	Counts  parseCounts `json:"counts"`
	AST     any         `json:"ast"`
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
	if len(args) == 0 {
		return usageErrorf(e, "parse", "no files given")
	}
	var (
		all     diag.List
		sources = diag.Sources{}
		doc     = parseDocJSON{Files: []parseFileJSON{}}
		status  = exitOK
	)
	for _, name := range args {
		src, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(e.stderr, "tqlmig parse: %v\n", err)
			status = exitBad
			continue
		}
		sources[name] = src
		file, diags := grammar.Parse(name, src)
		all = append(all, diags...)
		if diags.HasErrors() {
			status = exitBad
		}
		counts := countFile(file)
		if f.JSON {
			doc.Files = append(doc.Files, parseFileJSON{File: name, Dialect: dialectList(file.Dialect()), Counts: counts, AST: fileJSON(file)})
			continue
		}
		fmt.Fprintf(e.stdout, "%s: %s; %s\n", name, dialectName(file.Dialect()), counts)
		diag.WriteText(e.stderr, diags, f.textOptions(e.stderr, sources))
	}
	if f.JSON {
		doc.JSONDocument = diag.ToJSON(all)
		if err := writeJSON(e.stdout, doc); err != nil {
			fmt.Fprintf(e.stderr, "tqlmig parse: %v\n", err)
			return exitBad
		}
	}
	return status
}
