package main

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/internal/version"
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
rules' lists them all. Every check ends with the upstream code its verdict
was read from (repo@tag:path symbol). NAME may also be one of the version
facts tqlmig relies on (header-first, duplicate-ids, reserved-word, …):
explain prints what it states and where it was read.`,
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
				printSource(e, d.Source)
				return exitOK
			}
			for _, fact := range version.Facts {
				name := kebab(fact.Name)
				if name != args[0] {
					names = append(names, name)
					continue
				}
				fmt.Fprintf(e.stdout, "%s (version fact)\n\n%s\n", name, fact.Doc)
				printSource(e, fact.Source)
				return exitOK
			}
			fmt.Fprintf(e.stderr, "tqlmig explain: no rule or check named %q%s\n", args[0], suggest(args[0], names))
			fmt.Fprintln(e.stderr, "Run 'tqlmig rules' for the list.")
			return exitBad
		}
	},
}

// printSource prints the upstream references of a check or fact, one a line.
func printSource(e *env, source string) {
	if source != "" {
		fmt.Fprintf(e.stdout, "\nSource (upstream code this was read from):\n  %s\n", strings.ReplaceAll(source, "; ", "\n  "))
	}
}

// kebab writes a Go name as a command-line name: HeaderFirst →
// header-first, ExportIDs → export-ids (an upper-case run is one word).
func kebab(name string) string {
	var b strings.Builder
	prev := ' '
	for _, r := range name {
		if unicode.IsUpper(r) {
			if unicode.IsLower(prev) || unicode.IsDigit(prev) {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}
