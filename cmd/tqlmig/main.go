// Command tqlmig moves TypeDB (Grakn) users from a legacy database to a
// current one: it converts schemas, checks export files and plans the steps.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tqlmig/tqlmig/grammar"
)

// Exit statuses, the same for every command.
const (
	exitOK       = 0 // clean
	exitFindings = 1 // findings, a non-empty diff, or a conversion that was not exact
	exitBad      = 2 // bad input or usage
)

func main() {
	handleInterrupts(os.Stderr)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command may touch: its streams, and nothing global.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one entry of the command table.
type command struct {
	Name    string
	Args    string // synopsis of the positional arguments, e.g. "FILE…"
	Short   string // one line for the command list
	Long    string // paragraphs for --help
	Example string // at least one runnable example
	// Flags binds the command's flags and returns the runner that reads them.
	Flags func(fs *pflag.FlagSet) func(e *env, args []string) int
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitBad
	}
	switch args[0] {
	case "-h", "--help", "help":
		if len(args) > 1 && args[0] == "help" {
			if c := lookup(args[1]); c != nil {
				fs := newFlagSet(c, stdout)
				c.Flags(fs)
				fs.Usage()
				return exitOK
			}
		}
		usage(stdout)
		return exitOK
	case "--version":
		fmt.Fprintln(stdout, "tqlmig", toolVersion)
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "tqlmig: unknown command %q%s\n", args[0], suggestCommand(args[0]))
		fmt.Fprintln(stderr, "Run 'tqlmig --help' for the list of commands.")
		return exitBad
	}
	// pflag prints the usage itself on --help; run prints it (to stdout)
	// and every parse error (to stderr), so pflag's own output is dropped.
	fs := newFlagSet(c, io.Discard)
	runner := c.Flags(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return exitOK
		}
		fmt.Fprintf(stderr, "tqlmig %s: %v\n", c.Name, err)
		fmt.Fprintf(stderr, "Run 'tqlmig %s --help' for usage.\n", c.Name)
		return exitBad
	}
	return runner(e, fs.Args())
}

// toolVersion is set by the release build (-ldflags -X main.toolVersion=…); "devel" otherwise.
var toolVersion = "devel"

func newFlagSet(c *command, out io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(c.Name, pflag.ContinueOnError)
	fs.SetOutput(out)
	fs.SortFlags = false
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: tqlmig %s [flags] %s\n\n%s\n", c.Name, c.Args, c.Short)
		if c.Long != "" {
			fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.Long))
		}
		if fs.HasFlags() {
			fmt.Fprintf(w, "\nFlags:\n%s", fs.FlagUsages())
		}
		if c.Example != "" {
			fmt.Fprintf(w, "\nExample:\n%s\n", indent(strings.TrimSpace(c.Example), "  "))
		}
	}
	return fs
}

func usage(w io.Writer) {
	fmt.Fprint(w, "tqlmig moves TypeDB (Grakn) schemas and data from legacy versions to current ones.\n\n")
	fmt.Fprint(w, "Usage: tqlmig COMMAND [flags] [args]\n\nCommands:\n")
	width := 0
	for _, c := range commands {
		width = max(width, len(c.Name))
	}
	for _, c := range commands {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.Name, c.Short)
	}
	fmt.Fprint(w, "\nRun 'tqlmig COMMAND --help' for a command's flags and an example.\n")
	fmt.Fprint(w, "Exit status: 0 clean, 1 findings (or a non-empty diff), 2 bad input or usage.\n")
}

func suggestCommand(name string) string {
	var names []string
	for _, c := range commands {
		names = append(names, c.Name)
	}
	return suggest(name, names)
}

// suggest returns ` (did you mean "x"?)` for the candidate closest to name
// within an edit distance of 2 (the first in sorted order on a tie), or "".
func suggest(name string, candidates []string) string {
	names := append([]string(nil), candidates...)
	sort.Strings(names)
	best, bestD := "", 3
	for _, n := range names {
		if d := grammar.EditDistance(name, n); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// usageErrorf reports a usage problem and returns exitBad.
func usageErrorf(e *env, c string, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "tqlmig %s: %s\n", c, fmt.Sprintf(format, args...))
	fmt.Fprintf(e.stderr, "Run 'tqlmig %s --help' for usage.\n", c)
	return exitBad
}
