package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/codes"
)

var explainCmd = &command{
	Name:  "explain",
	Args:  "NAME",
	Short: "print the doc of a diagnostic code: a rewrite rule or check with before/after examples, or any other code",
	Long: `Explain prints everything tqlmig knows about one diagnostic code: its kind,
the numbered rules of the migration reference a rewrite rule implements,
its doc (with before/after examples for rules and checks), and the upstream
source of the fact behind it when recorded. NAME is the code shown in
brackets in diagnostics, e.g. error[NAME]; 'tqlmig rules' lists them all.`,
	Example: `tqlmig explain has-to-owns`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		return func(e *env, args []string) int {
			if len(args) != 1 {
				return usageErrorf(e, "explain", "takes exactly one code")
			}
			docs := allRuleDocs()
			var names []string
			for _, d := range docs {
				if d.Name != args[0] {
					names = append(names, d.Name)
					continue
				}
				writeExplain(e.stdout, d)
				return exitOK
			}
			fmt.Fprintf(e.stderr, "tqlmig explain: no code named %q%s\n", args[0], suggest(args[0], names))
			fmt.Fprintln(e.stderr, "Run 'tqlmig rules' for the list.")
			return exitBad
		}
	},
}

// writeExplain prints one code's kind, reference rules, doc and upstream
// source.
func writeExplain(w io.Writer, d ruleDoc) {
	fmt.Fprintf(w, "%s (%s", d.Name, codes.Titles[codes.Kind(d.Kind)])
	if d.Refs != "" {
		fmt.Fprintf(w, "; reference rules %s", d.Refs)
	}
	fmt.Fprintf(w, ")\n\n%s\n", strings.TrimSpace(d.Doc))
	if d.Source != "" {
		fmt.Fprintf(w, "\nSource (upstream code this was read from):\n  %s\n", strings.ReplaceAll(d.Source, "; ", "\n  "))
	}
}
