// Package rewritetest holds the golden-test helpers that the tests of
// packages rewrite and rewrite3 share.
package rewritetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/txtar"
	"github.com/tqlmig/tqlmig/internal/udiff"
)

// Shared returns ../shared/SUB seen from the repository root (the test's
// package directory is one level down), skipping tb when it is absent.
func Shared(tb testing.TB, sub string) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "shared", sub)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("%s not present", dir)
	}
	return dir
}

// Report renders a conversion report as the goldens hold it, one line per
// diagnostic: "file:line:col: class[code]: message", with the severity
// standing in for a missing class and "-" for a missing place.
func Report(l diag.List) string {
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

// Diff is a unified diff from want to got, for failure messages.
func Diff(want, got string) string {
	return string(udiff.Unified("want", "got", []byte(want), []byte(got)))
}

// Inputs returns the files named in* of every txtar archive matching
// glob, as fuzz seeds.
func Inputs(tb testing.TB, glob string) []string {
	tb.Helper()
	paths, err := filepath.Glob(glob)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.HasPrefix(f.Name, "in") {
				out = append(out, string(f.Data))
			}
		}
	}
	return out
}
