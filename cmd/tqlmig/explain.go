package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/codes"
	"github.com/tqlmig/tqlmig/internal/version"
)

var explainCmd = &command{
	Name:  "explain",
	Args:  "NAME",
	Short: "print the doc of a diagnostic code: a rewrite rule or check with before/after examples, or any other code",
	Long: `Explain prints everything tqlmig knows about one diagnostic code: its kind,
the numbered rules of the migration reference a rewrite rule implements,
its doc (with before/after examples for rules and checks), and the upstream
source of the fact behind it when recorded. NAME is the code shown in
brackets in diagnostics, e.g. error[NAME]; 'tqlmig rules' lists them all.
NAME may also be one of the version facts tqlmig relies on (header-first,
duplicate-ids, reserved-word, …): explain prints what it states and where
it was read.`,
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
			for _, fact := range version.Facts {
				name := kebab(fact.Name)
				if name != args[0] {
					names = append(names, name)
					continue
				}
				fmt.Fprintf(e.stdout, "%s (version fact)\n\n%s\n", name, fact.Doc)
				printSource(e.stdout, fact.Source)
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
	printSource(w, d.Source)
}

// printSource prints the upstream references of a code or fact, one a line.
func printSource(w io.Writer, source string) {
	if source != "" {
		fmt.Fprintf(w, "\nSource (upstream code this was read from):\n  %s\n", strings.ReplaceAll(source, "; ", "\n  "))
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
