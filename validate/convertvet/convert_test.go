package convertvet_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/validate"
)

// TestConvertOutputVets converts every 1.x corpus schema (the shared
// corpus's v1 and exports, and testdata/schemas) for each convert target,
// prints the result, parses it again and vets it for that target: convert's
// output must load into the server it was written for. What convert could
// not keep is repaired with a reported approximation or written as a
// comment and reported lost (rule target-checks); the counts are logged.
func TestConvertOutputVets(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "corpus")
	root := filepath.Join(shared, "v1")
	if _, err := os.Stat(root); err != nil {
		t.Skip("shared corpus not present")
	}
	var paths []string
	for _, dir := range []string{root, filepath.Join(shared, "exports"), filepath.Join("..", "..", "testdata", "schemas")} {
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && strings.HasSuffix(p, ".gql") && !strings.HasSuffix(p, "schema_export_truth.gql") {
				paths = append(paths, p)
			}
			return nil
		})
	}
	sort.Strings(paths)
	repairedRules, commented := map[string]int{}, map[string]int{}
	after := map[string]string{"schema-pt2.gql": "schema.gql", "schema_ontomathPRO.gql": "schema_upper_BFO.gql"}
	// A file that needs another is converted after it, as a file set.
	for _, target := range rewrite.Targets {
		for _, p := range paths {
			group := []string{p}
			if dep, ok := after[filepath.Base(p)]; ok {
				group = []string{filepath.Join(filepath.Dir(p), dep), p}
			}
			name, _ := filepath.Rel(filepath.Join("..", ".."), p)
			if rel, err := filepath.Rel(shared, p); err == nil && !strings.HasPrefix(rel, "..") {
				name = rel
			}
			t.Run(target+"/"+name, func(t *testing.T) {
				files, repaired, bad := parseGroup(t, group)
				if bad.HasErrors() {
					t.Fatalf("corpus file does not parse: %v", bad)
				}
				v := version.MustParse(target)
				res, errs := rewrite.Convert(files, rewrite.Options{Target: v, Repaired: repaired})
				if errs.HasErrors() || res == nil {
					t.Fatalf("convert refused a corpus schema: %v", errs)
				}
				var b strings.Builder
				if err := format.Print(&b, res.Schema, format.WithLang(2)); err != nil {
					t.Fatalf("convert output does not print as TypeQL 2.x: %v", err)
				}
				out, pd := grammar.Parse("converted.tql", []byte(b.String()))
				if pd.HasErrors() {
					t.Fatalf("converted output does not parse: %v", pd)
				}
				_, vd := validate.Vet(validate.Options{Target: v}, out)
				for _, d := range vd {
					t.Errorf("%v", d)
				}
				for _, d := range res.Report {
					switch {
					case d.Code == "then-typing" && d.Class == diag.Approximated && strings.Contains(d.Message, "split into"):
						repairedRules[target]++
					case d.Code == "target-checks" && d.Class == diag.Lost:
						commented[target]++
					}
				}
			})
		}
	}
	for _, target := range rewrite.Targets {
		t.Logf("target %s: %d rules repaired (split with isa), %d constructs left out or reported by target-checks", target, repairedRules[target], commented[target])
	}
}
