package main

import (
	"os"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

// TestCheckAgreesWithInspect gives inspect and check exports whose items
// no importer of the target reads: a value that is not UTF-8 and a string
// over TypeDB 2.x's 65,535 bytes (the limit plan warns about). Neither may
// say the import would succeed: inspect's table says "no" for the target,
// check fails with an error.
func TestCheckAgreesWithInspect(t *testing.T) {
	t.Chdir(t.TempDir())
	os.WriteFile("schema.tql", []byte("define\nname sub attribute, value string;\nperson sub entity, owns name;\n"), 0o644)
	export := func(value string) string {
		var b []byte
		for _, it := range []*datafile.Item{
			{Kind: concept.Header, Header: datafile.Header{Version: []byte("2.29.1"), Database: []byte("db")}},
			{Kind: concept.Attribute, ID: []byte("a1"), Label: []byte("name"), HasValue: true, Value: datafile.Value{Kind: datafile.ValueString, Str: []byte(value)}},
			{Kind: concept.Entity, ID: []byte("e1"), Label: []byte("person"), Owned: [][]byte{[]byte("a1")}},
			{Kind: concept.Checksums, Checksums: datafile.Checksums{Entities: 1, Attributes: 1, Ownerships: 1}},
		} {
			b = datafile.AppendDelimited(b, it)
		}
		name := "export.typedb"
		os.WriteFile(name, b, 0o644)
		return name
	}
	for _, tt := range []struct {
		name, value, check, inspect string
	}{
		{"invalid UTF-8", "caf\xe9", "error[invalid-utf8]", "items hold invalid UTF-8"},
		{"70,000-byte string", strings.Repeat("x", 70_000), "error[string-size]", "exceeds the 65535-byte limit"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := export(tt.value)
			var out strings.Builder
			if code := run([]string{"check", "--schema", "schema.tql", "--to", "2.29", data}, nil, &out, &out); code != exitFindings {
				t.Errorf("check: exit %d, want 1:\n%s", code, out.String())
			}
			if !strings.Contains(out.String(), tt.check) || strings.Contains(out.String(), "would succeed") {
				t.Errorf("check does not report %s:\n%s", tt.check, out.String())
			}
			out.Reset()
			run([]string{"inspect", data}, nil, &out, &out)
			if !strings.Contains(out.String(), tt.inspect) {
				t.Errorf("inspect does not say %q:\n%s", tt.inspect, out.String())
			}
		})
	}
}
