package load

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
)

// genSchema writes a Graql 1.8 schema of n entity types, each owning two
// attributes and playing a role.
func genSchema(n int) []byte {
	var b strings.Builder
	b.WriteString("define\nname sub attribute, value string;\nsince sub attribute, value datetime;\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "rel%d sub relation, relates member%d;\n", i, i)
		fmt.Fprintf(&b, "type%d sub entity,\n    has name,\n    has since,\n    plays member%d;\n", i, i)
	}
	return []byte(b.String())
}

// BenchmarkVerdict is what the loader adds to parsing: the 0.x scan and
// weighing the features (the model is left out).
func BenchmarkVerdict(b *testing.B) {
	src := genSchema(2000)
	b.SetBytes(int64(len(src)))
	f, _ := grammar.Parse("s.gql", src)
	files := []*grammar.File{f}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		declared := declaredLabels(files)
		grakn0Marker("s.gql", src, declared)
		judge(files, declared)
	}
}

// BenchmarkLoad parses, judges and models the same schema.
func BenchmarkLoad(b *testing.B) {
	src := genSchema(2000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s := Load([]Input{{Name: "s.gql", Src: src}}, Options{Model: true})
		if !s.OK() {
			b.Fatal(s.Diags)
		}
	}
}
