package main

import (
	"os"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

// TestRewriteDataChecksums: an export whose checksums item is missing or
// not last is refused (exit 2, nothing written) as importers refuse it;
// with --recount-checksums it is written with one recounted checksums item
// at the end, reported (exit 1), and the copy inspects clean.
func TestRewriteDataChecksums(t *testing.T) {
	t.Chdir(t.TempDir())
	hdr := &datafile.Item{Kind: concept.Header, Header: datafile.Header{Version: []byte("2.29.1"), Database: []byte("db")}}
	attr := &datafile.Item{Kind: concept.Attribute, ID: []byte("a1"), Label: []byte("name"), HasValue: true, Value: datafile.Value{Kind: datafile.ValueString, Str: []byte("x")}}
	ent := &datafile.Item{Kind: concept.Entity, ID: []byte("e1"), Label: []byte("person"), Owned: [][]byte{[]byte("a1")}}
	sums := &datafile.Item{Kind: concept.Checksums, Checksums: datafile.Checksums{Entities: 1, Attributes: 1, Ownerships: 1}}
	write := func(name string, items ...*datafile.Item) {
		var b []byte
		for _, it := range items {
			b = datafile.AppendDelimited(b, it)
		}
		os.WriteFile(name, b, 0o644)
	}
	write("cut.typedb", hdr, attr, ent)
	write("after.typedb", hdr, attr, sums, ent)
	write("twice.typedb", hdr, attr, sums, ent, sums)
	for _, tt := range []struct{ in, code string }{
		{"cut.typedb", datafile.CodeMissingChecksums},
		{"after.typedb", datafile.CodeAfterChecksums},
		{"twice.typedb", datafile.CodeDuplicateChecksums},
	} {
		t.Run(tt.in, func(t *testing.T) {
			var out strings.Builder
			if code := run([]string{"rewrite-data", "--remap", "person=human", tt.in, "-o", "out.typedb"}, nil, &out, &out); code != exitBad {
				t.Fatalf("exit %d, want 2:\n%s", code, out.String())
			}
			if !strings.Contains(out.String(), tt.code) || !strings.Contains(out.String(), "--recount-checksums") {
				t.Errorf("output does not name %s and the flag:\n%s", tt.code, out.String())
			}
			if _, err := os.Stat("out.typedb"); err == nil {
				t.Fatal("written anyway")
			}
			out.Reset()
			if code := run([]string{"rewrite-data", "--recount-checksums", "--remap", "person=human", tt.in, "-o", "out.typedb"}, nil, &out, &out); code != exitFindings {
				t.Fatalf("--recount-checksums: exit %d, want 1:\n%s", code, out.String())
			}
			if !strings.Contains(out.String(), "rewrite-recounted") || !strings.Contains(out.String(), "1 entities, 1 attributes") {
				t.Errorf("the recount is not reported:\n%s", out.String())
			}
			out.Reset()
			if code := run([]string{"inspect", "out.typedb"}, nil, &out, &out); code != exitOK || !strings.Contains(out.String(), "checksums verified") {
				t.Errorf("the copy does not inspect clean (exit %d):\n%s", code, out.String())
			}
			os.Remove("out.typedb")
		})
	}
}
