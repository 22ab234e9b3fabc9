package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

// TestNoControlBytesInOutput feeds labels, values, ids and schema text
// holding ESC and BEL to every command that echoes its input: neither byte
// may reach stdout or stderr, so an input cannot drive the terminal.
func TestNoControlBytesInOutput(t *testing.T) {
	v2, err := os.ReadFile(filepath.Join("..", "..", "testdata", "schemas", "phone-calls.v2.tql"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	evil := "per\x1b[31mson\a"
	os.WriteFile("evil.gql", []byte("define\n"+evil+" sub entity;\nname sub attribute, datatype string;\n"), 0o644)
	os.WriteFile("schema.tql", v2, 0o644)
	var export []byte
	for _, it := range []*datafile.Item{
		{Kind: concept.Header, Header: datafile.Header{Version: []byte("2.29.1\x1b]0;x\a"), Database: []byte("db\a")}},
		{Kind: concept.Attribute, ID: []byte("a\x1b1"), Label: []byte("name\x1b[2J"), HasValue: true, Value: datafile.Value{Kind: datafile.ValueString, Str: []byte("v\x1b[31m\a")}},
		{Kind: concept.Entity, ID: []byte("e\a1"), Label: []byte(evil), Owned: [][]byte{[]byte("a\x1b1"), []byte("missing\x1b")}},
		{Kind: concept.Checksums, Checksums: datafile.Checksums{Entities: 1, Attributes: 1, Ownerships: 2}},
	} {
		export = datafile.AppendDelimited(export, it)
	}
	os.WriteFile("evil.grakn", export, 0o644)
	for _, args := range [][]string{
		{"parse", "evil.gql"},
		{"vet", "evil.gql"},
		{"convert", "evil.gql"},
		{"fmt", "evil.gql"},
		{"inspect", "evil.grakn"},
		{"inspect", "--top", "100", "evil.grakn"},
		{"check", "--schema", "schema.tql", "evil.grakn"},
		{"remap", "--schema", "schema.tql", "--data", "evil.grakn"},
		{"rewrite-data", "--remap", "x=y", "evil.grakn", "-o", "out.typedb"},
		{"plan", "--from", "1.8", "--to", "2.29", "--data", "evil.grakn"},
		{"migrate", "--schema", "evil.gql", "--data", "evil.grakn", "-o", "out"},
	} {
		var out strings.Builder
		code := run(args, nil, &out, &out)
		if strings.ContainsAny(out.String(), "\x1b\a") {
			t.Errorf("%q (exit %d) printed ESC or BEL:\n%q", args, code, out.String())
		}
	}
}
