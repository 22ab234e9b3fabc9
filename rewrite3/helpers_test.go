package rewrite3

import (
	"bytes"
	"os"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/rewrite/rewritetest"
)

var sharedSub = rewritetest.Shared

// parseFiles parses named sources, failing on syntax errors.
func parseFiles(t testing.TB, srcs map[string][]byte, names ...string) []*grammar.File {
	t.Helper()
	var files []*grammar.File
	for _, n := range names {
		f, errs := grammar.Parse(n, srcs[n])
		if errs.HasErrors() {
			t.Fatalf("%s does not parse: %v", n, errs)
		}
		files = append(files, f)
	}
	return files
}

// convertPaths reads, parses and converts files to 3.x with opts.
func convertPaths(t testing.TB, opts Options, paths ...string) (*Result, string) {
	t.Helper()
	srcs := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs[p] = b
	}
	return convertSources(t, opts, srcs, paths...)
}

func convertSources(t testing.TB, opts Options, srcs map[string][]byte, names ...string) (*Result, string) {
	t.Helper()
	var files []*grammar.File
	var repaired diag.List
	for _, n := range names {
		f, ds := grammar.Parse(n, srcs[n])
		rep, bad := rewrite.SplitParse(ds)
		if bad.HasErrors() {
			t.Fatalf("%s does not parse: %v", n, bad)
		}
		repaired = append(repaired, rep...)
		files = append(files, f)
	}
	opts.Repaired = repaired
	res, errs := ConvertAny(files, opts)
	if res == nil || errs.HasErrors() {
		t.Fatalf("convert: %v", errs)
	}
	return res, print3(t, res.Schema)
}

func print3(t testing.TB, f *grammar.File) string {
	t.Helper()
	var b bytes.Buffer
	if err := format.Print(&b, f, format.WithLang(3)); err != nil {
		t.Fatalf("printing as 3.x: %v", err)
	}
	return b.String()
}
