package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/codes"
	"github.com/tqlmig/tqlmig/diag"
)

// ruleDoc is one code as rules and explain show it: a rewrite rule, a
// schema or data check, or any other code of the registry.
type ruleDoc struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"` // "rewrite", "rewrite3", "check", "data", or another codes.Kind
	Refs   string `json:"refs,omitempty"`
	Title  string `json:"title"`
	Doc    string `json:"doc"`
	Source string `json:"source,omitempty"`
}

const (
	kindRewrite  = string(codes.Rewrite)
	kindRewrite3 = string(codes.Rewrite3) // the 2.x → 3.x rules of convert --to 3
	kindCheck    = string(codes.Check)
	kindCheck3   = string(codes.Check3) // the TypeQL 3.x checks of vet --to 3
	kindData     = string(codes.Data)   // the data checks of tqlmig check
)

// allRuleDocs lists every code of the registry in codes.All's order: the
// rewrite rules in the order they run, the 2.x → 3.x rules of convert
// --to 3, the schema checks, the TypeQL 3.x schema checks and the data
// checks, each in registry order, then the other codes by kind.
func allRuleDocs() []ruleDoc {
	var out []ruleDoc
	for _, e := range codes.All() {
		out = append(out, ruleDoc{Name: e.Name, Kind: string(e.Kind), Refs: e.Refs, Title: e.Title(), Doc: e.Doc, Source: e.Source})
	}
	return out
}

// sectionTitles head the groups of the rules listing, by kind.
var sectionTitles = map[string]string{
	kindRewrite:           "Rewrite rules (convert), in the order they run:",
	kindRewrite3:          "Rewrite rules (convert --to 3, after the above for 1.x input), in the order they run:",
	kindCheck:             "Schema checks (vet):",
	kindCheck3:            "TypeQL 3.x schema checks (vet --to 3):",
	kindData:              "Data checks (check):",
	string(codes.Syntax):  "Syntax (every command that reads a schema):",
	string(codes.Load):    "Schema loading (every command that reads a schema):",
	string(codes.Model):   "Schema model (define and undefine):",
	string(codes.Convert): "Conversion (convert, migrate):",
	string(codes.Export):  "Export files (inspect, check, remap, rewrite-data):",
	string(codes.Remap):   "Label remaps (remap, rewrite-data, check):",
	string(codes.Plan):    "Plan warnings (plan, migrate):",
}

func init() {
	ruleDocs = func() []diag.RuleInfo {
		var out []diag.RuleInfo
		for _, r := range allRuleDocs() {
			out = append(out, diag.RuleInfo{ID: r.Name, Short: r.Title, Full: strings.TrimSpace(r.Doc)})
		}
		return out
	}
}

type rulesFlags struct {
	Format string
}

func (f *rulesFlags) Bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.Format, flagFormat, formatText, `output format: text, or json ({"rules": [{name, kind, refs, title, doc, source}…]})`)
	aliasValue(fs, flagJSON, flagFormat, formatJSON)
}

var rulesCmd = &command{
	Name:  "rules",
	Short: "list every diagnostic code: rewrite rules, schema and data checks, and the rest, with one-line docs",
	Long: `Rules lists every code tqlmig prints: the rewrite rules that convert
applies, in the order they run, then the checks that vet and convert run on
a schema, then the checks that 'tqlmig check' runs on an export file, then
every other code (syntax, schema loading, the model, conversion, export
files, remaps, plan warnings). The name is the code diagnostics carry;
'tqlmig explain NAME' prints the full doc, with before/after examples for
rules and checks.`,
	Example: `tqlmig rules
tqlmig rules --format json`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f rulesFlags
		f.Bind(fs)
		return func(e *env, args []string) int {
			if len(args) > 0 {
				return usageErrorf(e, "rules", "takes no arguments")
			}
			if f.Format != formatText && f.Format != formatJSON {
				return usageErrorf(e, "rules", "--%s must be text or json, not %q", flagFormat, f.Format)
			}
			docs := allRuleDocs()
			if f.Format == formatJSON {
				if docs == nil {
					docs = []ruleDoc{}
				}
				if err := writeJSON(e.stdout, struct {
					Rules []ruleDoc `json:"rules"`
				}{docs}); err != nil {
					fmt.Fprintf(e.stderr, "tqlmig rules: %v\n", err)
					return exitBad
				}
				return exitOK
			}
			width := 0
			for _, d := range docs {
				width = max(width, len(d.Name))
			}
			section := ""
			for _, d := range docs {
				if d.Kind != section {
					if section != "" {
						fmt.Fprintln(e.stdout)
					}
					section = d.Kind
					fmt.Fprintln(e.stdout, sectionTitles[d.Kind])
				}
				fmt.Fprintf(e.stdout, "  %-*s  %s\n", width, d.Name, d.Title)
			}
			return exitOK
		}
	},
}
