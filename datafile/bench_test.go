package datafile_test

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/datafile/gen"
)

// benchSize is the least size of the benchmark file; benchSeed its seed.
// The file is generated once into os.TempDir and reused; the name carries
// both so that a change of either makes a new file.
const (
	benchSize = 100 << 20
	benchSeed = 1
)

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// benchFile returns the path of a generated 2.x export of at least
// benchSize bytes.
func benchFile(b *testing.B) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("tqlmig-bench-%d-%d.typedb", benchSize, benchSeed))
	if fi, err := os.Stat(path); err == nil && fi.Size() >= benchSize {
		return path
	}
	// Measure the average item size on a sample, then size the real run.
	var cw countingWriter
	const sample = 20000
	if _, err := gen.Generate(&cw, gen.Sample(), gen.Options{Items: sample, Seed: benchSeed}); err != nil {
		b.Fatal(err)
	}
	items := int64(float64(benchSize)/float64(cw.n)*sample*1.02) + 2
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := gen.Generate(w, gen.Sample(), gen.Options{Items: items, Seed: benchSeed}); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkRead reads a generated file of at least 100 MB three ways:
//
//	scan              the physical reference: read each length prefix, skip the bytes
//	decode            the full decode of every item with datafile.Reader
//	decode-in-memory  the same over a byte slice (NewBytesReader): no read calls
//	inspect           datafile.Inspect (decode, recount, id hashing, reference checks)
//
// The file is read from the page cache after the first run, so these are
// CPU costs, not disk speeds.
func BenchmarkRead(b *testing.B) {
	path := benchFile(b)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	size := fi.Size()
	run := func(b *testing.B, read func(f *os.File) int64) {
		b.ReportAllocs()
		b.SetBytes(size)
		var items int64
		for b.Loop() {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			items = read(f)
			f.Close()
		}
		b.ReportMetric(float64(items)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
	}
	b.Run("scan", func(b *testing.B) {
		run(b, func(f *os.File) int64 {
			br := bufio.NewReaderSize(f, datafile.DefaultBufferSize)
			var n int64
			for {
				l, err := binary.ReadUvarint(br)
				if err == io.EOF {
					return n
				}
				if err != nil {
					b.Fatal(err)
				}
				if _, err := br.Discard(int(l)); err != nil {
					b.Fatal(err)
				}
				n++
			}
		})
	})
	b.Run("decode", func(b *testing.B) {
		run(b, func(f *os.File) int64 {
			r := datafile.NewReader(f)
			for {
				if _, err := r.Next(); err != nil {
					if err != io.EOF {
						b.Fatal(err)
					}
					return r.Index()
				}
			}
		})
	})
	b.Run("decode-in-memory", func(b *testing.B) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		run(b, func(*os.File) int64 {
			r := datafile.NewBytesReader(data)
			for {
				if _, err := r.Next(); err != nil {
					if err != io.EOF {
						b.Fatal(err)
					}
					return r.Index()
				}
			}
		})
	})
	b.Run("inspect", func(b *testing.B) {
		run(b, func(f *os.File) int64 {
			s, err := datafile.Inspect(f, datafile.InspectOptions{})
			if err != nil || s.Bad() {
				b.Fatal(err, s.Diagnostics)
			}
			return s.Items
		})
	})
}
