package check

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/internal/version"
)

// benchItems makes the benchmark file about 103 MB.
const benchItems = 1_300_000

// benchFile returns a generated 2.x export of gen.Sample() of at least
// 100 MB and 1M items, cached in os.TempDir() across runs.
func benchFile(b *testing.B) string {
	p, err := gen.SampleFile(os.TempDir(), benchItems)
	if err != nil {
		b.Fatal(err)
	}
	if fi, err := os.Stat(p); err != nil || fi.Size() < 100_000_000 {
		b.Fatalf("%s: want at least 100 MB (%v)", p, err)
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
	cpu0 := cpuTime()
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
	reportCPU(b, cpu0)
	b.ReportMetric(float64(items)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkCheck checks the cached file against the sample schema and
// reports items/s and heap per distinct thing id, from the heap's objects
// (HeapAlloc):
// B/id-live is the heap at the end of the pass, where the tables are
// largest, just after a forced GC (so live data only), minus the heap
// before the run; B/id-peak is the largest HeapAlloc sampled every 5 ms
// during the run, garbage not yet collected included (up to GOGC% above
// the live heap); B/id-tables is what the id, key and pending tables hold.
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
	var live, peak, base uint64
	afterPass = func() {
		runtime.GC()
		live = max(live, heapAlloc())
	}
	defer func() { afterPass = nil }()
	cpu0 := cpuTime()
	for b.Loop() {
		runtime.GC()
		base = heapAlloc()
		stop := sampleHeap(&peak)
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
	reportCPU(b, cpu0)
	if !rep.OK {
		b.Fatalf("the generated file does not pass:\n%s", summary(rep))
	}
	ids := float64(rep.IDs)
	b.ReportMetric(float64(rep.Items)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(live-min(base, live))/ids, "B/id-live")
	b.ReportMetric(float64(max(peak, live)-min(base, peak))/ids, "B/id-peak")
	b.ReportMetric(float64(rep.TableBytes)/ids, "B/id-tables")
}

// heapAlloc is runtime.MemStats.HeapAlloc (live objects and garbage not
// yet swept), read through runtime/metrics: ReadMemStats stops the world,
// which every 5 ms would slow the run it measures.
// reportCPU reports the CPU time per op since start, when it is measured.
func reportCPU(b *testing.B, start time.Duration) {
	if c := cpuTime(); c > 0 {
		b.ReportMetric(float64(c-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

func heapAlloc() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// sampleHeap records the largest HeapAlloc seen every 5 ms until the
// returned stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				*peak = max(*peak, heapAlloc())
			}
		}
	}()
	return func() { close(done); wg.Wait(); *peak = max(*peak, heapAlloc()) }
}

// BenchmarkHalves times the two halves of the engine apart on the cached
// file: front decodes and checks items into batches that are thrown away;
// back checks batches recorded once beforehand. Their sum is the work of
// one worker; with two workers the run takes about the larger one.
func BenchmarkHalves(b *testing.B) {
	p := benchFile(b)
	fi, _ := os.Stat(p)
	m := sampleModel(b, gen.Gen2x)
	opt := Options{Target: version.MustParse("2.29"), MaxExamples: DefaultMaxExamples}
	b.Run("front", func(b *testing.B) {
		b.SetBytes(fi.Size())
		b.ReportAllocs()
		cpu0 := cpuTime()
		for b.Loop() {
			f, err := os.Open(p)
			if err != nil {
				b.Fatal(err)
			}
			fr := newFront(newRun(m, f, opt), datafile.NewReader(f))
			spare := newBatch()
			if err := fr.read(func() *batch { spare.reset(); return spare }, func(*batch) {}); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
		reportCPU(b, cpu0)
	})
	b.Run("back", func(b *testing.B) {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		r := newRun(m, f, opt)
		var rec []*batch
		fr := newFront(r, datafile.NewReader(f))
		if err := fr.read(newBatch, func(bt *batch) { rec = append(rec, bt) }); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(fi.Size())
		b.ReportAllocs()
		cpu0 := cpuTime()
		for b.Loop() {
			bk := newBack(r)
			for _, bt := range rec {
				bk.process(bt)
			}
			bk.finish()
		}
		reportCPU(b, cpu0)
	})
}
