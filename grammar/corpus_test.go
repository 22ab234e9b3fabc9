package grammar

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir is ../shared relative to the repository root.
var sharedDir = filepath.Join("..", "..", "shared")

// corpusFiles returns every .gql/.tql file of the shared corpus (v1, v2) and
// of the reference examples, skipping the test when ../shared is absent.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	return schemaFiles(t,
		filepath.Join(sharedDir, "corpus", "v1"),
		filepath.Join(sharedDir, "corpus", "v2"),
		filepath.Join(sharedDir, "ref", "examples"))
}

// schemaFiles returns the .gql/.tql files under dirs, skipping the test
// when there are none.
func schemaFiles(t testing.TB, dirs ...string) []string {
	var files []string
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".gql") || strings.HasSuffix(path, ".tql")) {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Skip("../shared corpus not present")
	}
	return files
}

// knownBroken lists corpus files that really are broken, with the exact
// diagnostics they must produce. The 1.5–1.7 simulation schema leaves out a
// comma after "plays employment_wage" although it uses "abstract" (1.5+),
// where commas are required; its 1.8 edition rewrote that statement. The
// meaning is certain, so it is a warning: the file still migrates.
var knownBroken = map[string][]string{
	"v1/benchmark-simulation/schema.gql": {
		`schema.gql:376:26: warning[syntax]: missing "," between properties`,
	},
}

func TestParseCorpus(t *testing.T) {
	for _, name := range corpusFiles(t) {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, diags := Parse(name, src)
		var want []string
		for k, v := range knownBroken {
			if strings.HasSuffix(filepath.ToSlash(name), k) {
				want = v
			}
		}
		if diags.HasErrors() {
			t.Errorf("%s: error diagnostics: %v", name, diags.Errors())
		}
		var got []string
		for _, d := range diags {
			got = append(got, d.Error())
		}
		if len(got) != len(want) {
			t.Errorf("%s: got diagnostics %q, want %q", name, got, want)
		} else {
			for i := range got {
				if !strings.HasSuffix(got[i], want[i]) {
					t.Errorf("%s: got %q, want %q", name, got[i], want[i])
				}
			}
		}
		if want := expectedDialect(name); f.Dialect()&want == 0 {
			t.Errorf("%s: dialect %v, want one of %v (features %v)", name, f.Dialect(), want, f.Features)
		}
		for _, e := range checkTree(string(src), f) {
			t.Errorf("%s: %s", name, e)
		}
		t.Logf("%s: %v", name, f.Dialect())
	}
}

// expectedDialect is the dialect a corpus file is known to be written in,
// from its folder (v1, v2) or, for the reference examples, its name.
func expectedDialect(name string) Dialect {
	base := filepath.Base(name)
	slash := filepath.ToSlash(name)
	switch {
	case strings.Contains(base, "legacy-1-4") && strings.Contains(base, ".v1"),
		strings.Contains(base, "grakn1.4"), strings.Contains(slash, "biograkn-v1-root"):
		return Graql10
	case strings.Contains(base, "v1-5to1-7"), strings.Contains(base, "grakn1.5"), strings.Contains(base, "grakn1.7"):
		return Graql15
	case strings.Contains(base, "v1-8"), strings.Contains(base, "grakn1.8"):
		return Graql18
	case strings.Contains(base, ".v3"):
		return TypeQL3
	case strings.Contains(base, ".v2"), strings.Contains(slash, "/v2/"):
		return TypeQL2
	}
	return AnyGraql1
}
