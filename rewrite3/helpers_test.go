package rewrite3

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
)

// sharedSub returns ../../shared/SUB, skipping the test when it is absent.
func sharedSub(t testing.TB, sub string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s not present", dir)
	}
	return dir
}

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
		f, errs := grammar.Parse(n, srcs[n])
		for _, d := range errs.Errors() {
			if !repairable(d) {
				t.Fatalf("%s does not parse: %v", n, errs)
			}
			repaired = append(repaired, d)
		}
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
	if err := format.Print(&b, f, format.Lang(3)); err != nil {
		t.Fatalf("printing as 3.x: %v", err)
	}
	return b.String()
}

func renderReport(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		class := string(d.Class)
		if class == "" {
			class = d.Severity.String()
		}
		where := "-"
		if d.Range != nil {
			where = d.Range.String()
		}
		fmt.Fprintf(&b, "%s: %s[%s]: %s\n", where, class, d.Code, d.Message)
	}
	return b.String()
}
