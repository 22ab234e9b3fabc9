package rewrite

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/rewrite/rewritetest"
)

// FuzzConvert feeds any text that parses as a schema (repairable errors
// allowed) to Convert for every target. Convert must not panic; output
// that prints (a construct no rule converts yet is an honest printing
// error, not a crash) must parse again as TypeQL 2.x without errors and
// print the same twice. Seeds are the inputs of the golden cases.
func FuzzConvert(f *testing.F) {
	for _, s := range rewritetest.Inputs(f, filepath.Join("testdata", "*.txtar")) {
		f.Add(s)
	}
	if src, err := os.ReadFile(filepath.Join("..", "..", "shared", "ref", "examples", "05-legacy-1-4.v1.gql")); err == nil {
		f.Add(string(src))
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, ds := grammar.Parse("fuzz.gql", []byte(src))
		repaired, bad := SplitParse(ds)
		if bad.HasErrors() {
			return
		}
		for _, target := range Targets {
			file, _ := grammar.Parse("fuzz.gql", []byte(src)) // Convert edits the tree
			res, _ := Convert([]*grammar.File{file}, Options{Target: version.MustParse(target), Repaired: repaired})
			if res == nil {
				continue
			}
			var out bytes.Buffer
			if err := format.Print(&out, res.Schema, format.WithLang(2)); err != nil {
				continue
			}
			again, perrs := grammar.Parse("out.tql", out.Bytes())
			if perrs.HasErrors() {
				t.Fatalf("--to %s: output does not parse: %v\n%s", target, perrs, out.String())
			}
			var second bytes.Buffer
			if err := format.Print(&second, again, format.WithLang(2)); err != nil {
				t.Fatalf("--to %s: reprinting: %v\n%s", target, err, out.String())
			}
			if second.String() != out.String() {
				t.Fatalf("--to %s: printing is not idempotent:\n%s", target, rewritetest.Diff(out.String(), second.String()))
			}
		}
	})
}
