package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/rewrite3"
	"github.com/tqlmig/tqlmig/schema"
	"github.com/tqlmig/tqlmig/validate"
)

// ruleDoc is one rewrite rule, schema check or data check as rules and
// explain show it.
type ruleDoc struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"` // "rewrite", "rewrite3", "check" or "data"
	Refs  string `json:"refs,omitempty"`
	Title string `json:"title"`
	Doc   string `json:"doc"`
	// Source names the upstream code a check's verdict was read from
	// (repo@tag:path symbol; …); empty for rewrite rules.
	Source string `json:"source,omitempty"`
}

const (
	kindRewrite  = "rewrite"
	kindRewrite3 = "rewrite3" // the 2.x → 3.x rules of convert --to 3
	kindCheck    = "check"
	kindCheck3   = "check3" // the TypeQL 3.x checks of vet --to 3
	kindData     = "data"   // the data checks of tqlmig check
)

// allRuleDocs lists the rewrite rules in the order they run, then the
// 2.x → 3.x rules of convert --to 3, then the schema checks and the data
// checks, each in registry order.
func allRuleDocs() []ruleDoc {
	var out []ruleDoc
	for _, r := range rewrite.Rules() {
		out = append(out, ruleDoc{Name: r.Name, Kind: kindRewrite, Refs: r.Refs, Title: docTitle(r.Doc), Doc: r.Doc})
	}
	for _, r := range rewrite3.Rules() {
		out = append(out, ruleDoc{Name: r.Name, Kind: kindRewrite3, Title: docTitle(r.Doc), Doc: r.Doc})
	}
	for _, c := range validate.Checks {
		out = append(out, ruleDoc{Name: c.Name, Kind: kindCheck, Title: docTitle(c.Doc), Doc: c.Doc, Source: c.Source})
	}
	for _, c := range validate.Checks3 {
		doc := strings.TrimSpace(c.Doc) + "\n\nSource: " + c.Source
		if c.Name == validate.Apply3Check {
			doc += "\n\nCodes:"
			for _, code := range slices.Sorted(maps.Keys(schema.Apply3Docs)) {
				doc += "\n  " + code + ": " + schema.Apply3Docs[code]
			}
		}
		out = append(out, ruleDoc{Name: c.Name, Kind: kindCheck3, Title: docTitle(c.Doc), Doc: doc})
	}
	for _, code := range slices.Sorted(maps.Keys(schema.Apply3Docs)) {
		out = append(out, ruleDoc{Name: code, Kind: kindCheck3, Title: "(reported by " + validate.Apply3Check + ")",
			Doc: schema.Apply3Docs[code] + "\n\nReported by " + validate.Apply3Check + " of vet --to 3."})
	}
	for _, c := range check.Checks {
		out = append(out, ruleDoc{Name: c.Name, Kind: kindData, Title: docTitle(c.Doc), Doc: c.Doc, Source: c.Source})
	}
	return out
}

// docTitle is the first line of a rule's or check's Doc.
func docTitle(doc string) string {
	title, _, _ := strings.Cut(strings.TrimSpace(doc), "\n")
	return strings.TrimSpace(title)
}

// sectionTitles head the groups of the rules listing, by kind.
var sectionTitles = map[string]string{
	kindRewrite:  "Rewrite rules (convert), in the order they run:",
	kindRewrite3: "Rewrite rules (convert --to 3, after the above for 1.x input), in the order they run:",
	kindCheck:    "Schema checks (vet):",
	kindCheck3:   "TypeQL 3.x schema checks (vet --to 3):",
	kindData:     "Data checks (check):",
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
	fs.StringVar(&f.Format, flagFormat, formatText, `output format: text, or json ({"rules": [{name, kind, refs, title, doc}…]})`)
	aliasValue(fs, flagJSON, flagFormat, formatJSON)
}

var rulesCmd = &command{
	Name:  "rules",
	Short: "list every rewrite rule, schema check and data check with its one-line doc",
	Long: `Rules lists the rewrite rules that convert applies, in the order they run,
then the checks that vet and convert run on a schema, then the checks that
'tqlmig check' runs on an export file. The name is the code their
diagnostics carry; 'tqlmig explain NAME' prints the full doc with
before/after examples.`,
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
