package grammar

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/internal/txtar"
)

// FuzzParse checks that Parse never panics (its recover would report an
// "internal parser error"), that every node and diagnostic lies inside the
// input and that no comment is lost. Seeds: the corpus, the reference
// examples, the error goldens and the function goldens.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, diags := Parse("fuzz.gql", []byte(src))
		for _, d := range diags {
			if strings.HasPrefix(d.Message, "internal parser error") {
				t.Fatalf("%s", d.Message)
			}
			if d.Range == nil || d.Range.Start.Offset < 0 || d.Range.End.Offset > len(src) || d.Range.Start.Offset > d.Range.End.Offset {
				t.Fatalf("diagnostic outside the input: %v %+v", d.Error(), d.Range)
			}
		}
		for _, e := range checkTree(src, file) {
			t.Error(e)
		}
	})
}

func fuzzSeeds(tb testing.TB) []string {
	seeds := []string{
		"define\nperson sub entity, has name;\n",
		"define rule r: when { $x isa p; not { $x has n \"a\"; }; {$x isa q;} or {$x isa r;}; ?v = ($a + 2) * round(?b); } then { $x has n ?v; };",
		"define\nentity person @abstract, owns name @card(0..);\nfun f($x: person) -> { name }: match $x has name $n; return { $n };\n",
		"insert $x isa person; match $x isa person; insert $y isa p; # c\n",
	}
	if _, err := os.Stat(sharedDir); err == nil {
		for _, name := range corpusFiles(tb) {
			if b, err := os.ReadFile(name); err == nil {
				seeds = append(seeds, string(b))
			}
		}
	}
	goldens, _ := filepath.Glob(filepath.Join("testdata", "errors", "*.txtar"))
	funs, _ := filepath.Glob(filepath.Join("testdata", "fun", "*.txtar"))
	goldens = append(goldens, funs...)
	for _, g := range goldens {
		if ar, err := txtar.ParseFile(g); err == nil {
			for _, f := range ar.Files {
				if f.Name != "diagnostics" {
					seeds = append(seeds, string(f.Data))
				}
			}
		}
	}
	return seeds
}
