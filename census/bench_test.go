//go:build unix

package census

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// benchItems is the size of the benchmark export the issue asks for.
const benchItems = 1_500_000

// benchFile returns a generated 2.x export of gen.Sample() with
// benchItems items, cached in os.TempDir() across runs.
func benchFile(b *testing.B) string {
	p, err := gen.SampleFile(os.TempDir(), benchItems)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkDataPass compares, on one generated export of 1.5 M items, the
// census that convert --data reads (key uniqueness counted for the keyed
// attribute types, as CensusOptions asks) with check of the same file
// against the sample schema: the census must cost no more than one check.
func BenchmarkDataPass(b *testing.B) {
	p := benchFile(b)
	fi, _ := os.Stat(p)
	src, err := os.ReadFile(filepath.Join("..", "check", "testdata", "sample.tql"))
	if err != nil {
		b.Fatal(err)
	}
	f, ds := grammar.Parse("sample.tql", src)
	m, ds2 := schema.Build(schema.TypeQL2, f)
	if ds.HasErrors() || ds2.HasErrors() {
		b.Fatal(ds, ds2)
	}
	keys := map[string]bool{"email": true, "company-number": true}
	b.Run("census", func(b *testing.B) {
		b.SetBytes(fi.Size())
		b.ReportAllocs()
		var c *Census
		cpu0 := cpuTime()
		for b.Loop() {
			if c, err = ReadFile(p, Options{Keys: func(a string) bool { return keys[a] }}); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu0)
		b.ReportMetric(float64(c.Items)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
	})
	b.Run("check", func(b *testing.B) {
		b.SetBytes(fi.Size())
		b.ReportAllocs()
		cpu0 := cpuTime()
		for b.Loop() {
			in, err := os.Open(p)
			if err != nil {
				b.Fatal(err)
			}
			rep, err := check.Run(m, in, check.Options{Target: version.MustParse("2.29")})
			in.Close()
			if err != nil || !rep.OK {
				b.Fatal(err, rep.Errors())
			}
		}
		reportCPU(b, cpu0)
	})
}

// cpuTime is the CPU time (user and system) the process has used: on a
// busy shared machine it says more about the work done than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}
