package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

// TestHostileExports runs inspect, check and rewrite-data on exports that
// claim or hold more than any export: a sparse 2 GiB length claim,
// /dev/zero and a header followed by endless empty items, an export cut
// between two items. Every command must end promptly, with little memory,
// with a non-zero status and the same verdict: the same data-* code (check
// groups it under its own check code, with the Reader's message).
func TestHostileExports(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 2 GiB sparse file")
	}
	dir := t.TempDir()
	header := datafile.AppendDelimited(nil, &datafile.Item{Kind: concept.Header, Header: datafile.Header{Version: []byte("2.29.1"), Database: []byte("db")}})
	entity := datafile.AppendDelimited(nil, &datafile.Item{Kind: concept.Entity, ID: []byte("aGVsbG8="), Label: []byte("person")})

	sparse := filepath.Join(dir, "sparse.typedb")
	if err := os.WriteFile(sparse, protowire.AppendVarint(append([]byte(nil), header...), 1<<31-1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(sparse, 2<<30+64); err != nil {
		t.Skip(err)
	}
	cut := filepath.Join(dir, "cut.typedb")
	os.WriteFile(cut, append(append([]byte(nil), header...), entity...), 0o644)
	schema := filepath.Join("..", "..", "testdata", "schemas", "phone-calls.v2.tql")

	tests := []struct {
		name  string
		file  string
		code  string // in inspect's and rewrite-data's output
		check string // in check's
	}{
		{"sparse 2 GiB claim", sparse, datafile.CodeBadLength, "length prefix claims 2147483647 bytes, but they do not start with"},
		{"/dev/zero", "/dev/zero", datafile.CodeNotExport, datafile.CodeNotExport},
		{"cut between items", cut, datafile.CodeMissingChecksums, "error[checksums]: the file has no checksums item"},
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		tests = append(tests[:1], tests[2:]...) // only the /dev/zero case needs it
	}
	commands := []struct {
		name string
		args func(in string) []string
	}{
		{"inspect", func(in string) []string { return []string{"inspect", in} }},
		{"check", func(in string) []string { return []string{"check", "--schema", schema, in} }},
		{"rewrite-data", func(in string) []string {
			return []string{"rewrite-data", "--remap", "person=human", in, "-o", filepath.Join(dir, "out.typedb")}
		}},
	}
	for _, tt := range tests {
		for _, c := range commands {
			t.Run(tt.name+"/"+c.name, func(t *testing.T) {
				var out strings.Builder
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				start := time.Now()
				code := run(c.args(tt.file), nil, &out, &out)
				elapsed := time.Since(start)
				runtime.ReadMemStats(&after)
				if code == exitOK {
					t.Errorf("exit 0:\n%s", out.String())
				}
				want := tt.code
				if c.name == "check" {
					want = tt.check
				}
				if !strings.Contains(out.String(), want) {
					t.Errorf("output does not say %q:\n%s", want, out.String())
				}
				// Loose bounds: far above a correct run, far below reading the claim.
				if elapsed > 2*time.Second {
					t.Errorf("took %v", elapsed)
				}
				if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
					t.Errorf("allocated %d MB", alloc>>20)
				}
				if _, err := os.Stat(filepath.Join(dir, "out.typedb")); err == nil {
					t.Errorf("rewrite-data wrote a copy")
				}
			})
		}
	}
}
