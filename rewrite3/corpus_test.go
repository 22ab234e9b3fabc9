package rewrite3

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/rewrite"
)

// v2Corpus lists every TypeQL 2.x schema of the shared corpus: the v2
// directory and the schema TypeDB 2.29.1 itself exported.
func v2Corpus(t testing.TB) []string {
	dir := sharedSub(t, "corpus")
	var paths []string
	err := filepath.WalkDir(filepath.Join(dir, "v2"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".gql") || strings.HasSuffix(p, ".tql")) {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, filepath.Join(dir, "exports", "typedb-2.29.1-migrator", "schema.tql"))
	sort.Strings(paths)
	return paths
}

// TestCorpus converts every 2.x corpus schema to 3.x. Each must convert
// without errors, and the output must parse as TypeQL 3.x, print the same
// twice and be a fixed point of every rule. The classes of changes are
// logged per file (go test -v).
func TestCorpus(t *testing.T) {
	paths := v2Corpus(t)
	if len(paths) < 12 {
		t.Fatalf("found %d 2.x corpus schemas, want 12", len(paths))
	}
	for _, p := range paths {
		name := strings.TrimPrefix(p, filepath.Join("..", "..", "shared", "corpus")+string(filepath.Separator))
		t.Run(name, func(t *testing.T) {
			res, out := convertPaths(t, Options{}, p)
			if res.From.String() != "typeql-2" {
				t.Errorf("read as %s, want typeql-2", res.From)
			}
			checkOutput(t, out, Options{})
			n := map[diag.Class]int{}
			for _, d := range res.Report {
				n[d.Class]++
			}
			t.Logf("%d translated, %d approximated, %d lost", n[diag.Translated], n[diag.Approximated], n[diag.Lost])
		})
	}
}

// TestCorpusFrom1 converts the 1.x corpus schemas that rewrite converts
// without errors on to 3.x through 2.29: the 3.x output must parse, print
// the same twice and be a fixed point of every rule.
func TestCorpusFrom1(t *testing.T) {
	dir := filepath.Join(sharedSub(t, "corpus"), "v1")
	var paths []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".gql") {
			paths = append(paths, p)
		}
		return nil
	})
	converted := 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, ds := grammar.Parse(p, src)
		repaired, bad := rewrite.SplitParse(ds)
		if bad.HasErrors() {
			continue
		}
		res, cerrs := ConvertAny([]*grammar.File{f}, Options{Repaired: repaired})
		if res == nil || cerrs.HasErrors() {
			continue // a schema that needs another file loaded first, or has 1.x errors: rewrite's corpus test covers it
		}
		converted++
		t.Run(strings.TrimPrefix(p, dir+string(filepath.Separator)), func(t *testing.T) {
			checkOutput(t, print3(t, res.Schema), Options{})
		})
	}
	if converted == 0 {
		t.Fatal("no 1.x corpus schema converted")
	}
	t.Logf("%d of %d 1.x corpus files converted to 3.x", converted, len(paths))
}
