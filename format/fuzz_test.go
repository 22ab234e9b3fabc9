package format

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/txtar"
)

// FuzzRoundTrip: for any input the parser accepts without errors, the
// printer succeeds, its output parses without errors to the same tree (each
// comment still attached to the same node) with the same comments in the
// same order, and printing that again changes nothing.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range loadSamples() {
		f.Add(s.src)
	}
	goldens, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	for _, name := range goldens {
		if ar, err := txtar.ParseFile(name); err == nil {
			for _, file := range ar.Files {
				f.Add(file.Data)
			}
		}
	}
	f.Add([]byte("define\nperson sub entity, has name; # c\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		f1, d1 := grammar.Parse("fuzz.gql", src)
		if d1.HasErrors() {
			return
		}
		var out1 bytes.Buffer
		if err := Print(&out1, f1); err != nil {
			t.Fatalf("printer failed on a tree the parser accepted: %v", err)
		}
		f2, d2 := grammar.Parse("fuzz.gql", out1.Bytes())
		if d2.HasErrors() {
			t.Fatalf("output does not parse: %v\ninput:\n%q\noutput:\n%s", d2, src, out1.Bytes())
		}
		if diff := cmp.Diff(f1, f2, astOptions); diff != "" {
			t.Fatalf("tree changed by printing (-before +after):\n%s\ninput:\n%q\noutput:\n%s", diff, src, out1.Bytes())
		}
		if diff := cmp.Diff(commentTexts(f1), commentTexts(f2)); diff != "" {
			t.Fatalf("comments changed by printing:\n%s\ninput:\n%q\noutput:\n%s", diff, src, out1.Bytes())
		}
		var out2 bytes.Buffer
		if err := Print(&out2, f2); err != nil {
			t.Fatalf("printing the output again: %v", err)
		}
		if !bytes.Equal(out1.Bytes(), out2.Bytes()) {
			t.Fatalf("not idempotent:\ninput:\n%q\n%s", src, lineDiff(out1.String(), out2.String()))
		}
	})
}
