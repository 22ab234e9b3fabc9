package check

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/schema"
)

// corpus returns ../shared/corpus, skipping the test when it is absent.
func corpus(t testing.TB) string {
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no corpus at", dir)
	}
	return dir
}

// parseFilesOrSkip is parseFiles, skipping the test when a file is absent
// (the shared reference files live outside the repository).
func parseFilesOrSkip(t testing.TB, paths ...string) []*grammar.File {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Skip("absent:", p)
		}
	}
	return parseFiles(t, paths...)
}

// parseFiles parses schema files, failing the test on syntax errors.
func parseFiles(t testing.TB, paths ...string) []*grammar.File {
	t.Helper()
	var fs []*grammar.File
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, ds := grammar.Parse(p, src)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", p, ds)
		}
		fs = append(fs, f)
	}
	return fs
}

func buildModel(t testing.TB, lang schema.Lang, fs ...*grammar.File) *schema.Model {
	t.Helper()
	m, ds := schema.Build(lang, fs...)
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Logf("schema: %v", d)
		}
	}
	return m
}

func runFile(t testing.TB, m *schema.Model, path string, opt Options) *Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opt.Name = filepath.Base(path)
	rep, err := Run(m, f, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func summary(rep *Report) string {
	var b strings.Builder
	for _, g := range rep.Groups {
		b.WriteString(g.Severity.String() + "[" + g.Check + "] " + g.Label + ": " + g.Message + " (" + commas(g.Count) + ")")
		if g.Remedy != "" {
			b.WriteString("; " + g.Remedy)
		}
		b.WriteString("\n")
		for _, e := range g.Examples {
			b.WriteString("    " + e.String() + "\n")
		}
	}
	return b.String()
}

// TestAssembly18 is the import the 1.8.4 assembly test ran successfully:
// simulation.grakn into schema.gql + schema-pt2.gql.
func TestAssembly18(t *testing.T) {
	dir := filepath.Join(corpus(t), "exports", "typedb-1.8.4-assembly")
	m := buildModel(t, schema.Graql1, parseFiles(t, filepath.Join(dir, "schema.gql"), filepath.Join(dir, "schema-pt2.gql"))...)
	rep := runFile(t, m, filepath.Join(dir, "simulation.grakn"), Options{Target: version.MustParse("1.8")})
	if len(rep.Groups) > 0 {
		t.Errorf("want nothing to report, got:\n%s", summary(rep))
	}
	rm, ds := remap.FromPairs("value=monetary-value")
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	rep = runFile(t, m, filepath.Join(dir, "simulation.grakn"), Options{Target: version.MustParse("1.8"), Remap: rm})
	got := summary(rep)
	want := `warning[remap] value: remap value=monetary-value matches no item or role label in the data (1); drop the entry, or check the spelling of "value"
warning[remap] value: remap value=monetary-value: "monetary-value" is not a type or role of the schema (1); remap to a label the schema defines
`
	if !rep.OK || got != want {
		t.Errorf("with the remap value=monetary-value:\n%s\nwant:\n%s", got, want)
	}
	if rep.Items != 30558 || rep.IDs != 30556 {
		t.Errorf("items %d, ids %d; want 30558 and 30556", rep.Items, rep.IDs)
	}
}

// TestAssemblyConverted converts the assembly schema to TypeQL 2.x with
// rewrite.Convert and checks simulation.grakn against it for 2.29. It pins
// the outcome: nothing to report, so no problem of convert's
// (approximated or lost constructs) shows in this data.
func TestAssemblyConverted(t *testing.T) {
	dir := filepath.Join(corpus(t), "exports", "typedb-1.8.4-assembly")
	fs := parseFiles(t, filepath.Join(dir, "schema.gql"), filepath.Join(dir, "schema-pt2.gql"))
	res, errs := rewrite.Convert(fs, rewrite.Options{Target: version.MustParse("2.29")})
	if errs.HasErrors() {
		t.Fatalf("convert: %v", errs)
	}
	for _, d := range res.Report {
		if d.Class == diag.Approximated || d.Class == diag.Lost {
			t.Logf("convert %s: %s", d.Class, d.Error())
		}
	}
	var out bytes.Buffer
	if err := format.Print(&out, res.Schema, format.WithLang(2)); err != nil {
		t.Fatal(err)
	}
	f, ds := grammar.Parse("converted.tql", out.Bytes())
	if ds.HasErrors() {
		t.Fatalf("the converted schema does not parse: %v", ds)
	}
	m := buildModel(t, schema.TypeQL2, f)
	rep := runFile(t, m, filepath.Join(dir, "simulation.grakn"), Options{Target: version.MustParse("2.29")})
	if got := summary(rep); !rep.OK || got != "" {
		t.Errorf("checking simulation.grakn against the converted schema for 2.29:\n%s", got)
	}
	// 2.0–2.2 need every unscoped 1.x role remapped to relation:role: one
	// unknown-role group per role label, each with that remap.
	rep = runFile(t, m, filepath.Join(dir, "simulation.grakn"), Options{Target: version.MustParse("2.0")})
	n := 0
	for _, g := range rep.Groups {
		rel, _, _ := strings.Cut(g.Label, " in ")
		if g.Check != "unknown-role" || !strings.HasPrefix(g.Remap, rel+"=") || !strings.Contains(g.Remap, ":"+rel) {
			t.Errorf("2.0: unexpected %s %q (remap %q)", g.Check, g.Label, g.Remap)
		}
		n++
	}
	if n != 14 {
		t.Errorf("2.0: %d groups, want one per role label (14)", n)
	}
}
