package rewrite

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/genschema"
)

// BenchmarkConvertGenerated converts generated Graql 1.x schemas of 2 MB
// and 8 MB to TypeQL 2.x and prints them (parse excluded): the time and
// allocations of the 8 MB run should be about four times the 2 MB ones.
// retained-MB is the heap the result holds beyond the input tree. Run
// with -benchtime=1x; one 8 MB conversion takes seconds.
func BenchmarkConvertGenerated(b *testing.B) {
	defer func(h func(*grammar.DefineQuery) uint64) { treeHash = h }(treeHash)
	treeHash = nil // the tests' check of Current's reuse is not what is measured
	for _, mb := range []int{2, 8} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			src := genschema.Generate(mb<<20, false)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			var retained uint64
			for b.Loop() {
				b.StopTimer()
				f, _ := grammar.Parse("gen.gql", src)
				before := liveHeap()
				b.StartTimer()
				res, errs := Convert([]*grammar.File{f}, Options{})
				if res == nil {
					b.Fatal(errs)
				}
				if err := format.Print(&bytes.Buffer{}, res.Schema, format.WithLang(2)); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				retained = max(retained, liveHeap()-min(before, liveHeap()))
				runtime.KeepAlive(res)
				b.StartTimer()
			}
			b.ReportMetric(float64(retained)/1e6, "retained-MB")
		})
	}
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
