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
	files, err := filepath.Glob(filepath.Join("testdata", "errors", "*.txtar"))
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
			di := -1
			for i := range ar.Files {
				switch f := &ar.Files[i]; {
				case f.Name == "diagnostics":
					di = i
				case strings.HasSuffix(f.Name, ".gql") || strings.HasSuffix(f.Name, ".tql"):
					in = f
				}
			}
			if in == nil {
				t.Fatal("archive has no .gql or .tql file")
			}
			f, diags := Parse(in.Name, in.Data)
			for _, e := range checkTree(string(in.Data), f) {
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
			got := b.String()
			if *update {
				ar.Set("diagnostics", []byte(got))
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if di < 0 {
				t.Fatal("archive has no diagnostics file (run with -update)")
			}
			if want := string(ar.Files[di].Data); got != want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
