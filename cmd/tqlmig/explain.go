package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// kindNames say what each kind of ruleDoc is.
var kindNames = map[string]string{
	kindRewrite:  "rewrite rule",
	kindRewrite3: "rewrite rule of convert --to 3",
	kindCheck:    "schema check",
	kindCheck3:   "TypeQL 3.x schema check",
	kindData:     "data check",
}

var explainCmd = &command{
	Name:  "explain",
	Args:  "NAME",
	Short: "print the doc of a rewrite rule or check, with before/after examples",
	Long: `Explain prints everything tqlmig knows about one rewrite rule, schema
check or data check: its kind, the numbered rules of the migration
reference it implements, and its doc with before/after examples. NAME is
the code shown in brackets in diagnostics, e.g. error[NAME]; 'tqlmig
rules' lists them all.`,
	Example: `tqlmig explain has-to-owns`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		return func(e *env, args []string) int {
			if len(args) != 1 {
				return usageErrorf(e, "explain", "takes exactly one rule or check name")
			}
			docs := allRuleDocs()
			var names []string
			for _, d := range docs {
				if d.Name != args[0] {
					names = append(names, d.Name)
					continue
				}
				kind := kindNames[d.Kind]
				fmt.Fprintf(e.stdout, "%s (%s", d.Name, kind)
				if d.Refs != "" {
					fmt.Fprintf(e.stdout, "; reference rules %s", d.Refs)
				}
				fmt.Fprintf(e.stdout, ")\n\n%s\n", strings.TrimSpace(d.Doc))
				if d.Source != "" {
					fmt.Fprintf(e.stdout, "\nSource (upstream code this was read from):\n  %s\n", strings.ReplaceAll(d.Source, "; ", "\n  "))
				}
				return exitOK
			}
			fmt.Fprintf(e.stderr, "tqlmig explain: no rule or check named %q%s\n", args[0], suggest(args[0], names))
			fmt.Fprintln(e.stderr, "Run 'tqlmig rules' for the list.")
			return exitBad
		}
	},
}
