package datafile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"google.golang.org/protobuf/encoding/protowire"
)

// zeros is an endless stream of zero bytes, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// drain reads r to its end, Next or NextRaw, and returns the final error
// and the structure diagnostics.
func drain(r *Reader, raw bool) (error, diag.List) {
	for {
		var err error
		if raw {
			_, _, err = r.NextRaw()
		} else {
			_, err = r.Next()
		}
		if err == io.EOF {
			return nil, r.Diagnostics()
		}
		if err != nil && !Recoverable(err) {
			return err, r.Diagnostics()
		}
	}
}

// TestHostileStreams feeds streams that claim or hold more than any export:
// each ends with the same diagnostic code read with Next and with NextRaw,
// promptly and with little memory.
func TestHostileStreams(t *testing.T) {
	dir := t.TempDir()
	// A sparse file of 2 GiB whose second item claims all of it.
	sparse := filepath.Join(dir, "sparse")
	f, err := os.Create(sparse)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(cat(hdrB, protowire.AppendVarint(nil, 1<<31-1)))
	if err := f.Truncate(2<<30 + 64); err != nil {
		t.Skip(err)
	}
	f.Close()
	// One that claims 1 MiB, under the per-item limit: its first bytes,
	// zeros, are no Item member, and the rest is not read.
	sparseSmall := filepath.Join(dir, "sparse-small")
	os.WriteFile(sparseSmall, cat(hdrB, protowire.AppendVarint(nil, 1<<20)), 0o644)
	os.Truncate(sparseSmall, 2<<20)
	open := func(name string) func() io.Reader {
		return func() io.Reader {
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			return f
		}
	}
	tests := []struct {
		name     string
		src      func() io.Reader
		wantErr  string // code of the final error, or ""
		wantDiag string // code among the structure diagnostics, or ""
	}{
		{"sparse 2 GiB claim", open(sparse), CodeBadLength, ""},
		{"sparse 1 MiB claim", open(sparseSmall), CodeBadLength, ""},
		{"/dev/zero", func() io.Reader { return zeros{} }, CodeNotExport, ""},
		{"header then endless empty items", func() io.Reader { return io.MultiReader(strings.NewReader(string(hdrB)), zeros{}) }, CodeNotExport, ""},
		{"cut between items", func() io.Reader { return strings.NewReader(string(cat(hdrB, entB))) }, "", CodeMissingChecksums},
		{"items after the checksums", func() io.Reader { return strings.NewReader(string(cat(hdrB, enc(sums), entB))) }, "", CodeAfterChecksums},
	}
	for _, tt := range tests {
		for _, raw := range []bool{false, true} {
			name := tt.name + "/Next"
			if raw {
				name = tt.name + "/NextRaw"
			}
			t.Run(name, func(t *testing.T) {
				var err error
				var ds diag.List
				alloc := allocated(func() { err, ds = drain(NewReader(tt.src()), raw) })
				var d *diag.Diagnostic
				switch {
				case tt.wantErr == "" && err != nil:
					t.Fatalf("error %v", err)
				case tt.wantErr != "" && (!errors.As(err, &d) || d.Code != tt.wantErr):
					t.Fatalf("error %v, want %s", err, tt.wantErr)
				}
				if tt.wantDiag != "" && !hasCode(ds, tt.wantDiag) {
					t.Errorf("diagnostics %v, want %s", ds, tt.wantDiag)
				}
				if alloc > 16<<20 {
					t.Errorf("allocated %d bytes", alloc)
				}
			})
		}
	}
}

func hasCode(l diag.List, code string) bool {
	for _, d := range l {
		if d.Code == code {
			return true
		}
	}
	return false
}
