package datafile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestSourceSize: the bytes left are known for in-memory readers and
// regular files (from the current offset), unknown (-1) for pipes and
// readers that cannot tell.
func TestSourceSize(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(30, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	for _, tc := range []struct {
		name string
		src  io.Reader
		want int64
	}{
		{"bytes.Reader", bytes.NewReader(make([]byte, 42)), 42},
		{"file at offset 30", f, 70},
		{"pipe", pr, -1},
		{"plain reader", io.LimitReader(bytes.NewReader(nil), 5), -1},
	} {
		if got := SourceSize(tc.src); got != tc.want {
			t.Errorf("%s: SourceSize = %d, want %d", tc.name, got, tc.want)
		}
	}
}
