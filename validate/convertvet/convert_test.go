package convertvet_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/validate"
)

// TestConvertOutputVets converts every 1.x corpus schema for each convert
// target, prints the result, parses it again and vets it for that target:
// convert's output must load into the server it was written for.
func TestConvertOutputVets(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus", "v1")
	if _, err := os.Stat(root); err != nil {
		t.Skip("shared corpus not present")
	}
	var paths []string
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && strings.HasSuffix(p, ".gql") {
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	after := map[string]string{"schema-pt2.gql": "schema.gql", "schema_ontomathPRO.gql": "schema_upper_BFO.gql"}
	for _, target := range rewrite.Targets {
		for _, p := range paths {
			group := []string{p}
			if dep, ok := after[filepath.Base(p)]; ok {
				group = []string{filepath.Join(filepath.Dir(p), dep), p}
			}
			name, _ := filepath.Rel(root, p)
			t.Run(target+"/"+name, func(t *testing.T) {
				var files []*grammar.File
				for _, g := range group {
					src, err := os.ReadFile(g)
					if err != nil {
						t.Fatal(err)
					}
					f, _ := grammar.Parse(g, src)
					files = append(files, f)
				}
				v := version.MustParse(target)
				res, errs := rewrite.Convert(files, rewrite.Options{Target: v})
				if errs.HasErrors() || res == nil {
					t.Skipf("convert refused the input: %v", errs)
				}
				var b strings.Builder
				if err := format.Print(&b, res.Schema, format.Lang(2)); err != nil {
					// Printing is convert's own acceptance test; vet can
					// only judge output that exists.
					t.Skipf("convert output does not print as TypeQL 2.x: %v", err)
				}
				out, pd := grammar.Parse("converted.tql", []byte(b.String()))
				if pd.HasErrors() {
					t.Fatalf("converted output does not parse: %v", pd)
				}
				_, vd := validate.Vet(validate.Options{Target: v}, out)
				for _, d := range vd {
					t.Errorf("%v", d)
				}
			})
		}
	}
}
