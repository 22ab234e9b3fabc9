package check

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/internal/version"
)

// benchItems makes the benchmark file about 103 MB.
const benchItems = 1_300_000

// benchFile returns a generated 2.x export of gen.Sample() of at least
// 100 MB and 1M items, cached in os.TempDir() across runs.
func benchFile(b *testing.B) string {
	p := filepath.Join(os.TempDir(), fmt.Sprintf("tqlmig-check-bench-%d.typedb", benchItems))
	if fi, err := os.Stat(p); err == nil && fi.Size() >= 100_000_000 {
		return p
	}
	tmp := p + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := gen.Generate(w, gen.Sample(), gen.Options{Items: benchItems, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	fi, _ := os.Stat(tmp)
	if fi.Size() < 100_000_000 {
		b.Fatalf("generated %d bytes, want at least 100 MB", fi.Size())
	}
	if err := os.Rename(tmp, p); err != nil {
		b.Fatal(err)
	}
	return p
}

// scan walks the framing only: varint length, skip the item.
func scan(r io.Reader) (items int64, err error) {
	buf := make([]byte, 1<<20)
	var pending int64 // bytes of the current item still to skip
	var l uint64
	var shift uint
	for {
		n, err := r.Read(buf)
		for i := 0; i < n; {
			if pending > 0 {
				k := min(pending, int64(n-i))
				pending -= k
				i += int(k)
				continue
			}
			c := buf[i]
			i++
			l |= uint64(c&0x7f) << shift
			shift += 7
			if c < 0x80 {
				pending, l, shift = int64(l), 0, 0
				items++
			}
		}
		if err == io.EOF {
			return items, nil
		}
		if err != nil {
			return items, err
		}
	}
}

// BenchmarkScan is the bare framing scan of the cached file, the speed
// the check is measured against.
func BenchmarkScan(b *testing.B) {
	p := benchFile(b)
	fi, _ := os.Stat(p)
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	var items int64
	for b.Loop() {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		if items, err = scan(f); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	b.ReportMetric(float64(items)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkCheck checks the cached file against the sample schema and
// reports items/s and heap per distinct thing id: B/id-live is the live
// heap at the end of the pass (where the tables are largest; a GC is
// forced there) or during it, whichever is larger, minus the heap before
// the run; B/id-alloc is the peak of the allocated heap sampled every
// millisecond, garbage not yet collected included; B/id-tables is what
// the id, key and pending tables hold.
func BenchmarkCheck(b *testing.B) {
	for _, workers := range []int{2, 1} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) { benchCheck(b, workers) })
	}
}

func benchCheck(b *testing.B, workers int) {
	p := benchFile(b)
	fi, _ := os.Stat(p)
	m := sampleModel(b, gen.Gen2x)
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	var rep *Report
	var peakLive, peakAlloc, base uint64
	afterPass = func() {
		runtime.GC()
		peakLive = max(peakLive, liveHeap())
	}
	defer func() { afterPass = nil }()
	for b.Loop() {
		runtime.GC()
		base = liveHeap()
		stop := sampleHeap(&peakLive, &peakAlloc)
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		rep, err = Run(m, f, Options{Target: version.MustParse("2.29"), Workers: workers})
		if err != nil {
			b.Fatal(err)
		}
		stop()
		f.Close()
	}
	if !rep.OK {
		b.Fatalf("the generated file does not pass:\n%s", summary(rep))
	}
	b.ReportMetric(float64(rep.Items)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(peakLive-min(base, peakLive))/float64(rep.IDs), "B/id-live")
	b.ReportMetric(float64(peakAlloc-min(base, peakAlloc))/float64(rep.IDs), "B/id-alloc")
	b.ReportMetric(float64(rep.TableBytes)/float64(rep.IDs), "B/id-tables")
}

// liveHeap is the heap marked live by the last GC.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// sampleHeap records the largest live heap and HeapAlloc seen every
// millisecond until the returned stop is called.
func sampleHeap(peakLive, peakAlloc *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	read := func() {
		metrics.Read(s)
		*peakLive = max(*peakLive, s[0].Value.Uint64())
		*peakAlloc = max(*peakAlloc, s[1].Value.Uint64())
	}
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() { close(done); wg.Wait(); read() }
}
