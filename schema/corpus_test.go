package schema_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// corpus is the shared corpus, read in place and skipped when absent.
func corpus(t testing.TB) string {
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared corpus not present")
	}
	return dir
}

func parseFile(t testing.TB, path string) *grammar.File {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := grammar.Parse(path, src)
	if diags.HasErrors() {
		t.Logf("%s: parse: %v", path, diags)
	}
	return f
}

// loadGroups lists the schema files of a corpus folder, grouping files that
// are loaded together (a file that extends another is loaded after it).
func loadGroups(t *testing.T, dir string) [][]string {
	var groups [][]string
	after := map[string]string{ // file -> the file it must follow
		"schema-pt2.gql":         "schema.gql",
		"schema_ontomathPRO.gql": "schema_upper_BFO.gql",
	}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		if ext := filepath.Ext(p); ext != ".gql" && ext != ".tql" {
			return nil
		}
		if dep, ok := after[filepath.Base(p)]; ok {
			groups = append(groups, []string{filepath.Join(filepath.Dir(p), dep), p})
		} else {
			groups = append(groups, []string{p})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i][len(groups[i])-1] < groups[j][len(groups[j])-1] })
	return groups
}

// knownUnknown lists labels that a corpus file uses without defining:
// real gaps in those files, kept here so the test still catches new ones.
var knownUnknown = map[string][]string{}

func TestCorpusBuilds(t *testing.T) {
	root := corpus(t)
	for _, tc := range []struct {
		dir  string
		lang schema.Lang
	}{{"v1", schema.Graql1}, {"v2", schema.TypeQL2}} {
		for _, g := range loadGroups(t, filepath.Join(root, tc.dir)) {
			name, _ := filepath.Rel(root, g[len(g)-1])
			t.Run(name, func(t *testing.T) {
				var files []*grammar.File
				for _, p := range g {
					files = append(files, parseFile(t, p))
				}
				m, diags := schema.Build(tc.lang, files...)
				if len(diags) > 0 {
					t.Errorf("Build: %v", diags)
				}
				if len(m.Types()) == 0 {
					t.Fatal("no types")
				}
				var unknown []string
				for _, x := range m.Types() {
					if x.Kind() == concept.Unknown {
						unknown = append(unknown, x.Key())
					}
				}
				if strings.Join(unknown, " ") != strings.Join(knownUnknown[name], " ") {
					t.Errorf("types of unknown kind: %v", unknown)
				}
			})
		}
	}
}
