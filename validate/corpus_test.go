package validate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/validate"
)

// corpusTargets gives each 2.x corpus file and example the TypeDB version it
// was written for (from its MANIFEST date and syntax).
var corpusTargets = []struct {
	path   string // relative to ../shared
	target string
	// bugs lists findings that are real bugs in that file, as
	// "code: message regexp", each with the reason in a comment.
	bugs []string
}{
	{path: "corpus/v2/benchmark-simulation/schema.gql", target: "2.0"},
	{path: "corpus/v2/examples-phone-calls/phone-calls-schema.gql", target: "2.1"},
	{path: "corpus/v2/examples-tube-network/tube-network-schema.gql", target: "2.1"},
	{path: "corpus/v2/examples-xcom/xcom-schema.gql", target: "2.1"},
	{path: "corpus/v2/grakn-reasoner-synthetic/diagonalTest.tql", target: "2.18"},
	{path: "corpus/v2/grakn-reasoner-synthetic/linearTransitivity.tql", target: "2.18"},
	{path: "corpus/v2/grakn-reasoner-synthetic/multiJoin.tql", target: "2.18"},
	{path: "corpus/v2/grakn-reasoner-synthetic/pathTest.tql", target: "2.18"},
	{path: "corpus/v2/grakn-reasoner-synthetic/quadraticTransitivity.tql", target: "2.18"},
	{path: "corpus/v2/grami-phone-calls/schema.gql", target: "2.0"},
	{path: "corpus/v2/kglib-diagnosis/schema.tql", target: "2.1"},
	{path: "corpus/exports/typedb-2.29.1-migrator/schema.tql", target: "2.29"},
	{path: "ref/examples/01-basic.v2.tql", target: "2.0"},
	{path: "ref/examples/02-roles.v2.tql", target: "2.0"},
	{path: "ref/examples/03-attributes.v2.tql", target: "2.0"},
	{path: "ref/examples/04-rules.v2-0.tql", target: "2.0"},
	{path: "ref/examples/04-rules.v2-0.tql ref/examples/04-rules.v2-18.tql", target: "2.18"}, // the 2.18 file shows only the rules
	{path: "ref/examples/05-legacy-1-4.v2.tql", target: "2.0"},
	{path: "ref/examples/06-implicit-reserved-keys.v2.tql", target: "2.18"},
}

func TestCorpusVetsClean(t *testing.T) {
	shared := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "corpus")); err != nil {
		t.Skip("shared corpus not present")
	}
	for _, tc := range corpusTargets {
		t.Run(tc.path, func(t *testing.T) {
			var files []*grammar.File
			var pd diag.List
			for _, p := range strings.Fields(tc.path) {
				src, err := os.ReadFile(filepath.Join(shared, p))
				if err != nil {
					t.Fatal(err)
				}
				f, d := grammar.Parse(p, src)
				files, pd = append(files, f), append(pd, d...)
			}
			_, vd := validate.Vet(validate.Options{Target: version.MustParse(tc.target)}, files...)
			left := append([]string(nil), tc.bugs...)
			for _, d := range append(pd, vd...) {
				matched := false
				for i, b := range left {
					code, rx, _ := strings.Cut(b, ": ")
					if d.Code == code && strings.Contains(d.Message, rx) {
						left = append(left[:i], left[i+1:]...)
						matched = true
						break
					}
				}
				if !matched {
					t.Errorf("target %s: %v", tc.target, d)
				}
			}
			for _, b := range left {
				t.Errorf("known bug no longer reported: %s", b)
			}
		})
	}
}
