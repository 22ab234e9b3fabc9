package grammar

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestErrors runs the txtar goldens in testdata/errors: each archive holds
// one input file (.gql or .tql) and a "diagnostics" file with the expected
// diagnostics, one per line as file:line:col: error[syntax]: message, each
// followed by its detail and related notes (indented) when there are any.
// -update rewrites
// the diagnostics.
func TestErrors(t *testing.T) {
	runGoldens(t, "errors", "diagnostics", func(t *testing.T, name string, src []byte) string {
		f, diags := Parse(name, src)
		for _, e := range checkTree(string(src), f) {
			t.Error(e)
		}
		var b strings.Builder
		for _, d := range diags {
			b.WriteString(d.Error() + "\n")
			if d.Detail != "" {
				b.WriteString("\t" + d.Detail + "\n")
			}
			for _, r := range d.Related {
				b.WriteString("\trelated " + r.Range.String() + ": " + r.Message + "\n")
			}
		}
		return b.String()
	})
}

// runGoldens runs the txtar goldens in testdata/dir: each archive holds one
// input file (.gql or .tql) and a section named want, which must equal
// what run returns for the input; -update rewrites the section.
func runGoldens(t *testing.T, dir, want string, run func(t *testing.T, name string, src []byte) string) {
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no goldens: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var in *txtar.File
			for i := range ar.Files {
				if f := &ar.Files[i]; strings.HasSuffix(f.Name, ".gql") || strings.HasSuffix(f.Name, ".tql") {
					in = f
				}
			}
			if in == nil {
				t.Fatal("archive has no .gql or .tql file")
			}
			got := run(t, in.Name, in.Data)
			if *update {
				ar.Set(want, []byte(got))
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			w, ok := ar.Get(want)
			if !ok {
				t.Fatalf("archive has no %s file (run with -update)", want)
			}
			if got != string(w) {
				t.Errorf("%s:\n%s\nwant:\n%s", want, got, w)
			}
		})
	}
}
