package rewrite3

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/rewrite/rewritetest"
)

// FuzzConvert converts any input that parses without errors: convert must
// not panic, and a conversion without errors must print as TypeQL 3.x,
// parse again without errors and print the same twice.
func FuzzConvert(f *testing.F) {
	for _, s := range rewritetest.Inputs(f, filepath.Join("testdata", "*.txtar")) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, errs := grammar.Parse("in.tql", []byte(src))
		if errs.HasErrors() {
			return
		}
		res, cerrs := ConvertAny([]*grammar.File{file}, Options{})
		if res == nil || cerrs.HasErrors() {
			return
		}
		var out bytes.Buffer
		if err := format.Print(&out, res.Schema, format.WithLang(3)); err != nil {
			// A construct no rule converts yet (reported as unsupported
			// by the CLI) is not a crash.
			return
		}
		again, perrs := grammar.Parse("out.tql", out.Bytes())
		if perrs.HasErrors() {
			t.Fatalf("output does not parse: %v\n%s", perrs, out.String())
		}
		var second bytes.Buffer
		if err := format.Print(&second, again, format.WithLang(3)); err != nil {
			t.Fatalf("reprinting: %v", err)
		}
		if second.String() != out.String() {
			t.Fatalf("printing is not idempotent:\n%s\n---\n%s", out.String(), second.String())
		}
	})
}

// BenchmarkConvert converts the largest 2.x corpus schema (the TypeDB
// 2.29.1 export schema) to 3.x, parsing included.
func BenchmarkConvert(b *testing.B) {
	path := filepath.Join(sharedSub(b, "corpus"), "exports", "typedb-2.29.1-migrator", "schema.tql")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		f, errs := grammar.Parse(path, src)
		if errs.HasErrors() {
			b.Fatal(errs)
		}
		if _, errs := Convert([]*grammar.File{f}, Options{}); errs.HasErrors() {
			b.Fatal(errs)
		}
	}
}
