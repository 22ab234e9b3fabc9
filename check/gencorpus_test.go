package check

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/datafile/gen/genschema"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// TestGeneratedCorpusDataChecksClean: gen-data's export of every corpus
// schema (v1/, v2/, the 1.8.4 export pair, testdata/schemas) checks clean
// against the same schema: a 1.x schema for Grakn 1.8.4, a 2.x one for
// TypeDB 2.29. Regexes, keys, abstract types and value types are all
// exercised by the corpus (benchmark-simulation's currency regexes, for one).
func TestGeneratedCorpusDataChecksClean(t *testing.T) {
	shared := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(shared); err != nil {
		t.Skip("shared corpus not present")
	}
	var paths []string
	for _, dir := range []string{filepath.Join(shared, "v1"), filepath.Join(shared, "v2"), filepath.Join(shared, "exports"), filepath.Join("..", "testdata", "schemas")} {
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && (strings.HasSuffix(p, ".gql") || strings.HasSuffix(p, ".tql")) && !strings.HasSuffix(p, "schema_export_truth.gql") {
				paths = append(paths, p)
			}
			return nil
		})
	}
	sort.Strings(paths)
	after := map[string]string{"schema-pt2.gql": "schema.gql", "schema_ontomathPRO.gql": "schema_upper_BFO.gql"}
	for _, p := range paths {
		group := []string{p}
		if dep, ok := after[filepath.Base(p)]; ok {
			group = []string{filepath.Join(filepath.Dir(p), dep), p}
		}
		t.Run(p, func(t *testing.T) {
			files := parseFiles(t, group...)
			lang, target, g := schema.TypeQL2, "2.29", gen.Gen2x
			if files[0].Dialect().Is1x() {
				lang, target, g = schema.Graql1, "1.8.4", gen.Gen1x
			}
			m := buildModel(t, lang, files...)
			spec, err := genschema.Spec(m)
			if err != nil {
				t.Skipf("not generated: %v", err)
			}
			for _, seed := range []uint64{1, 2} {
				var buf bytes.Buffer
				if _, err := gen.Generate(&buf, spec, gen.Options{Items: 3000, Seed: seed, Generation: g}); err != nil {
					t.Fatal(err)
				}
				rep := checkBytes(t, m, buf.Bytes(), Options{Target: version.MustParse(target), Workers: 1})
				if len(rep.Groups) > 0 {
					t.Errorf("seed %d, target %s:\n%s", seed, target, summary(rep))
				}
			}
		})
	}
}
