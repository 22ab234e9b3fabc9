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

// Goldens runs every testdata/<rule>[.<case>].txtar archive through run,
// which converts the archive's inputs and returns the printed schema and
// the report (or "" and the errors when conversion fails). The results
// must equal the archive's "out.tql" and "report" files; with update they
// are written there instead. Goldens returns the rules covered: those
// named by an archive whose report holds a diagnostic with their code.
func Goldens(t *testing.T, update bool, run func(t *testing.T, ar *txtar.Archive) (out string, report diag.List)) map[string]bool {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		rule, _, _ := strings.Cut(name, ".")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			out, list := run(t, ar)
			for _, d := range list {
				if d.Code == rule {
					covered[rule] = true
				}
			}
			report := Report(list)
			if update {
				ar.Set("out.tql", []byte(out))
				ar.Set("report", []byte(report))
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want, _ := ar.Get("out.tql"); out != string(want) {
				t.Errorf("output differs:\n%s", Diff(string(want), out))
			}
			if want, _ := ar.Get("report"); report != string(want) {
				t.Errorf("report differs:\n%s", Diff(string(want), report))
			}
		})
	}
	return covered
}
