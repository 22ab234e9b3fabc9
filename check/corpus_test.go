package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
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
	t.Log("\n" + summary(rep))
	if !rep.OK {
		t.Errorf("want no errors")
	}
	rm, ds := remap.FromPairs("value=monetary-value")
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	rep = runFile(t, m, filepath.Join(dir, "simulation.grakn"), Options{Target: version.MustParse("1.8"), Remap: rm})
	t.Log("\n" + summary(rep))
}
