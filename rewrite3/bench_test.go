package rewrite3

import (
	"fmt"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/genschema"
)

// BenchmarkConvertGenerated converts generated TypeQL 2.x schemas of 2 MB
// and 8 MB, each with a rule per few types, to 3.x (parse excluded): the
// time and allocations of the 8 MB run should be about four times the 2 MB
// ones. Run with -benchtime=1x.
func BenchmarkConvertGenerated(b *testing.B) {
	for _, mb := range []int{2, 8} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			src := genschema.Generate(mb<<20, true)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				f, _ := grammar.Parse("gen.tql", src)
				b.StartTimer()
				if _, errs := Convert([]*grammar.File{f}, Options{}); errs.HasErrors() {
					b.Fatal(errs[0])
				}
			}
		})
	}
}
