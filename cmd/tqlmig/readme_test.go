package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The README's generated sections lie between "<!-- NAME:start -->" and
// "<!-- NAME:end -->" lines; the tests below regenerate them and fail when
// the README differs. Run "go test ./cmd/tqlmig -run README -update" to
// rewrite them.
// The path is absolute because the walk-through test changes directory.
var readmePath, _ = filepath.Abs(filepath.Join("..", "..", "README.md"))

// checkSection compares the README section name with want, or rewrites it
// under -update.
func checkSection(t *testing.T, name, want string) {
	t.Helper()
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start, end := "<!-- "+name+":start -->\n", "<!-- "+name+":end -->"
	i, j := strings.Index(doc, start), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q … %q section", strings.TrimSpace(start), end)
	}
	got := doc[i+len(start) : j]
	if got == want {
		return
	}
	if *update {
		doc = doc[:i+len(start)] + want + doc[j:]
		if err := os.WriteFile(readmePath, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md section %q is stale (-README +generated); run with -update:\n%s", name, cmp.Diff(got, want))
}

// TestREADMEReference regenerates the command reference from the command
// table: a summary table, then each command's synopsis, flags and examples.
func TestREADMEReference(t *testing.T) {
	var b strings.Builder
	b.WriteString("| command | what it does |\n|---|---|\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "| [`%s`](#tqlmig-%s) | %s |\n", c.Name, c.Name, c.Short)
	}
	for _, c := range commands {
		fs := newFlagSet(c, nil)
		c.Flags(fs)
		fmt.Fprintf(&b, "\n### tqlmig %s\n\n%s.\n\n```text\n", c.Name, upperFirst(c.Short))
		fmt.Fprintf(&b, "%s\n", strings.TrimSpace(fmt.Sprintf("tqlmig %s [flags] %s", c.Name, c.Args)))
		if fs.HasFlags() {
			fmt.Fprintf(&b, "\nFlags:\n%s", fs.FlagUsages())
		}
		if c.Example != "" {
			fmt.Fprintf(&b, "\nExamples:\n%s\n", indent(strings.TrimSpace(c.Example), "  "))
		}
		b.WriteString("```\n")
	}
	checkSection(t, "commands", b.String())
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// walkStep is one step of the README walk-through: prose, then a tqlmig
// command with what it printed (stdout and stderr as a terminal shows
// them) and its exit status, or an excerpt of a file it wrote.
type walkStep struct {
	prose string
	args  []string
	// file, from and lines select an excerpt: lines lines of file starting
	// at the first line matching from.
	file, from string
	lines      int
	lang       string // code block language of the excerpt
}

var walkthrough = []walkStep{
	{prose: "No export file ships with the repository, so the walk-through first makes one: `gen-data` writes a valid Grakn 1.8 export (`V…` IDs, unscoped roles, checksums) for the bundled phone-calls schema, the same for the same seed.",
		args: []string{"gen-data", "--schema", "testdata/schemas/phone-calls.v1-8.gql", "--items", "2000", "-o", "calls.grakn"}},
	{prose: "One command runs the whole migration to TypeDB 2.29 and writes everything into `out/`:",
		args: []string{"migrate", "--schema", "testdata/schemas/phone-calls.v1-8.gql", "--data", "calls.grakn", "--to", "2.29", "--database", "calls", "-o", "out"}},
	{prose: "An excerpt of the converted schema, `out/schema.tql` (`has` became `owns`, and each `plays` names its relation):",
		file: "out/schema.tql", from: `^contract sub relation,`, lines: 20, lang: "typeql"},
	{prose: "`out/report.md` ends with the commands left to run, with the files of `out/`:",
		file: "out/report.md", from: `^## Commands to run`, lines: 14, lang: "markdown"},
	{prose: "Each step also runs alone. `vet` checks the converted schema offline against what TypeDB 2.29 rejects at define time; silence means clean:",
		args: []string{"vet", "--to", "2.29", "out/schema.tql"}},
	{prose: "`check` reads the export once and applies what the TypeDB 2.29 importer enforces, against the new schema:",
		args: []string{"check", "--schema", "out/schema.tql", "calls.grakn"}},
	{prose: "`plan` prints every step for a pair of versions, with the exact commands of both servers, and checks the files it is given:",
		args: []string{"plan", "--from", "1.8.4", "--to", "2.29.1", "--database", "calls", "--schema", "testdata/schemas/phone-calls.v1-8.gql", "--data", "calls.grakn"}},
	{prose: "Not every schema converts exactly. The bundled XCOM schema has rules and inheritance that TypeQL 2.x expresses differently: `convert` counts the changes that keep their meaning and lists the others with their source line, the rule that made them and what to do (exit status 1):",
		args: []string{"convert", "-o", "xcom.tql", "testdata/schemas/xcom.v1-8.gql"}},
	{prose: "For TypeDB 3.x, which has no import-time remap and resolves only scoped role labels, `migrate` rewrites the export into `out3/data.typedb`. vet runs the TypeQL 3.x checks (`vet --to 3`) on the converted schema. The exit status is 1 because convert approximated: it tightened cardinalities to what the export holds (see `report.md`):",
		args: []string{"migrate", "--schema", "testdata/schemas/phone-calls.v1-8.gql", "--data", "calls.grakn", "--to", "3.x", "-o", "out3"}},
}

// TestREADMEWalkthrough runs the walk-through's commands in a directory
// holding a copy of testdata/schemas, as a user at the repository root
// would, and regenerates the section from what they print.
func TestREADMEWalkthrough(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "..", "testdata", "schemas")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "testdata", "schemas"), 0o755)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "testdata", "schemas", e.Name()), b, 0o644)
	}
	t.Chdir(dir)
	t.Setenv("TQLMIG_PROGRESS", "never")

	var b strings.Builder
	for _, s := range walkthrough {
		fmt.Fprintf(&b, "%s\n\n", s.prose)
		if s.file != "" {
			text, err := os.ReadFile(s.file)
			if err != nil {
				t.Fatal(err)
			}
			// Four backticks: an excerpt of report.md holds fences itself.
			fmt.Fprintf(&b, "````%s\n%s````\n\n", s.lang, excerpt(t, string(text), s.from, s.lines))
			continue
		}
		var out bytes.Buffer
		code := run(s.args, nil, &out, &out)
		if code == exitBad {
			t.Errorf("tqlmig %s: exit 2:\n%s", strings.Join(s.args, " "), out.String())
		}
		fmt.Fprintf(&b, "```console\n$ tqlmig %s\n%s", strings.Join(s.args, " "), out.String())
		if code != exitOK {
			fmt.Fprintf(&b, "[exit status %d]\n", code)
		}
		b.WriteString("```\n\n")
	}
	checkSection(t, "walkthrough", b.String())
}

func excerpt(t *testing.T, text, from string, n int) string {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	re := regexp.MustCompile(from)
	for i, l := range lines {
		if re.MatchString(l) {
			return strings.Join(lines[i:min(i+n, len(lines))], "")
		}
	}
	t.Fatalf("no line matches %q", from)
	return ""
}

// TestREADMEPackages checks that the package layout names every package
// of the module, so that a new package cannot go unlisted.
func TestREADMEPackages(t *testing.T) {
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i := strings.Index(doc, "## Package layout")
	if i < 0 {
		t.Fatal("README.md has no package layout section")
	}
	layout := doc[i:]
	if j := strings.Index(layout[3:], "\n## "); j >= 0 {
		layout = layout[:j+3]
	}
	root := filepath.Join("..", "..")
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		if pkg := "`" + filepath.ToSlash(rel) + "/`"; !strings.Contains(layout, pkg) {
			t.Errorf("README.md package layout does not list %s", pkg)
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
