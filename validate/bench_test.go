package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/genschema"
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
	addGoldenSeeds(f, "testdata")
	f.Fuzz(func(t *testing.T, src []byte) {
		file, _ := grammar.Parse("fuzz.tql", src)
		_, diags := validate.Vet(validate.Options{}, file)
		requireInside(t, diags, "fuzz.tql", src)
	})
}

// addGoldenSeeds adds every file of the txtar golden cases in dir to f's
// seed corpus.
func addGoldenSeeds(f *testing.F, dir string) {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txtar"))
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			continue
		}
		for _, file := range a.Files {
			f.Add(file.Data)
		}
	}
}

// requireInside fails t on a finding without a position or outside src,
// the input read as file.
func requireInside(t *testing.T, diags diag.List, file string, src []byte) {
	t.Helper()
	for _, d := range diags {
		if d.Range == nil {
			t.Fatalf("finding without a position: %v", d)
		}
		if s, e := d.Range.Start.Offset, d.Range.End.Offset; d.Range.File != file || s < 0 || e < s || e > len(src) {
			t.Fatalf("finding outside the input (%s %d-%d of %d bytes): %v", d.Range.File, s, e, len(src), d)
		}
	}
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
	addGoldenSeeds(f, filepath.Join("testdata", "typeql3"))
	f.Add([]byte("define entity person owns name @card(0..1);\nattribute name value string;\nredefine person owns name @card(1..2);\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, _ := grammar.Parse("fuzz.tql", src)
		_, diags := validate.Vet3(file)
		requireInside(t, diags, "fuzz.tql", src)
	})
}

// BenchmarkVetGenerated vets generated TypeQL 2.x schemas of 2 MB and
// 8 MB (parse excluded): the time and allocations of the 8 MB run should
// be about four times the 2 MB ones. Run with -benchtime=1x.
func BenchmarkVetGenerated(b *testing.B) {
	for _, mb := range []int{2, 8} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			src := genschema.Generate(mb<<20, true)
			f, _ := grammar.Parse("gen.tql", src)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				validate.Vet(validate.Options{}, f)
			}
		})
	}
}

// deepSchema is a schema (TypeQL 3.x, or 2.x) whose entity, relation and
// attribute types each form one chain of depth levels; every level owns,
// plays and relates something of its own, so that lookups walk the whole
// chain.
func deepSchema(depth int, v3 bool) []byte {
	head := "define\na0 sub attribute, value string;\nr0 sub relation, relates role0;\ne0 sub entity, owns a0, plays r0:role0;\n"
	attr, rel, ent := "a%d sub a%d;\n", "r%d sub r%d, relates role%d;\n", "e%d sub e%d, owns a%d, plays r%d:role%d, plays r%d:role0;\n"
	if v3 {
		head = "define\nattribute a0, value string;\nrelation r0, relates role0;\nentity e0, owns a0, plays r0:role0;\n"
		attr, rel, ent = "attribute a%d sub a%d;\n", "relation r%d sub r%d, relates role%d;\n", "entity e%d sub e%d, owns a%d, plays r%d:role%d, plays r%d:role0;\n"
	}
	var b strings.Builder
	b.WriteString(head)
	for i := 1; i < depth; i++ {
		fmt.Fprintf(&b, attr, i, i-1)
		fmt.Fprintf(&b, rel, i, i-1, i)
		fmt.Fprintf(&b, ent, i, i-1, i, i, i, i)
	}
	return []byte(b.String())
}

// BenchmarkVet3Deep builds the 3.x model of hierarchies 1,250, 5,000 and
// 10,000 levels deep and runs every 3.x check (parse excluded): time and
// allocations should grow with the depth, not its square (the smallest
// runs a little faster per level, from the processor's caches).
func BenchmarkVet3Deep(b *testing.B) {
	for _, depth := range []int{1250, 5000, 10000} {
		b.Run(fmt.Sprintf("depth%d", depth), func(b *testing.B) {
			src := deepSchema(depth, true)
			f, ds := grammar.Parse("deep.tql", src)
			if ds.HasErrors() {
				b.Fatal(ds)
			}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				validate.Vet3(f)
			}
		})
	}
}

// BenchmarkVetDeep vets 2.x hierarchies 100 and 300 levels deep (parse
// excluded). The checks list every type's inherited plays, which grow
// with the depth, so this stays quadratic in the depth; it was worse
// (300 levels took two minutes).
func BenchmarkVetDeep(b *testing.B) {
	for _, depth := range []int{100, 300} {
		b.Run(fmt.Sprintf("depth%d", depth), func(b *testing.B) {
			f, ds := grammar.Parse("deep.tql", deepSchema(depth, false))
			if ds.HasErrors() {
				b.Fatal(ds)
			}
			b.ReportAllocs()
			for b.Loop() {
				validate.Vet(validate.Options{}, f)
			}
		})
	}
}
