package validate_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/txtar"
	"github.com/tqlmig/tqlmig/validate"
)

// BenchmarkVet vets the largest 2.x corpus schema (the 2.29.1 migrator
// test schema), parsing excluded.
func BenchmarkVet(b *testing.B) {
	path := filepath.Join("..", "..", "shared", "corpus", "exports", "typedb-2.29.1-migrator", "schema.tql")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Skip("shared corpus not present")
	}
	f, _ := grammar.Parse(path, src)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		validate.Vet(validate.Options{}, f)
	}
}

// FuzzVet checks that no input makes Vet panic, whatever the parser makes
// of it, and that every finding lies inside the input. Seeds are the
// golden cases.
func FuzzVet(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			continue
		}
		for _, file := range a.Files {
			f.Add(file.Data)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, _ := grammar.Parse("fuzz.tql", src)
		_, diags := validate.Vet(validate.Options{}, file)
		for _, d := range diags {
			if d.Range == nil {
				t.Fatalf("finding without a position: %v", d)
			}
			if s, e := d.Range.Start.Offset, d.Range.End.Offset; d.Range.File != "fuzz.tql" || s < 0 || e < s || e > len(src) {
				t.Fatalf("finding outside the input (%s %d-%d of %d bytes): %v", d.Range.File, s, e, len(src), d)
			}
		}
	})
}

// BenchmarkVet3 builds the TypeQL 3.x model of the largest 3.x corpus
// schema (typedb-examples cyber-threat-intelligence, 62 kB) and runs every
// 3.x check, parsing excluded.
func BenchmarkVet3(b *testing.B) {
	path := filepath.Join("..", "..", "shared", "corpus", "v3", "typedb-examples-cyber-threat-intelligence", "schema.tql")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Skip("shared corpus not present")
	}
	f, _ := grammar.Parse(path, src)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		validate.Vet3(f)
	}
}

// FuzzVet3 checks that no input makes the 3.x model or checks panic, and
// that every finding lies inside the input. Seeds are the 3.x golden cases
// and a redefine.
func FuzzVet3(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "typeql3", "*.txtar"))
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			continue
		}
		for _, file := range a.Files {
			f.Add(file.Data)
		}
	}
	f.Add([]byte("define entity person owns name @card(0..1);\nattribute name value string;\nredefine person owns name @card(1..2);\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, _ := grammar.Parse("fuzz.tql", src)
		_, diags := validate.Vet3(file)
		for _, d := range diags {
			if d.Range == nil {
				t.Fatalf("finding without a position: %v", d)
			}
			if s, e := d.Range.Start.Offset, d.Range.End.Offset; d.Range.File != "fuzz.tql" || s < 0 || e < s || e > len(src) {
				t.Fatalf("finding outside the input (%s %d-%d of %d bytes): %v", d.Range.File, s, e, len(src), d)
			}
		}
	})
}
