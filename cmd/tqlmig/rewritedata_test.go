package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

func TestRewriteDataCorpus(t *testing.T) {
	in := filepath.Join("..", "..", "..", "shared", "corpus", "exports", "typedb-1.8.4-assembly", "simulation.grakn")
	orig, err := os.ReadFile(in)
	if err != nil {
		t.Skip("corpus not present")
	}
	dir := t.TempDir()
	out, back := filepath.Join(dir, "out.grakn"), filepath.Join(dir, "back.grakn")
	code, stdout, stderr := runCmd(t, "rewrite-data", "--remap", "forename=first-name", in, "-o", out)
	if code != exitOK || stderr != "" || !strings.Contains(stdout, "forename=first-name: ") {
		t.Fatalf("rewrite: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	code, stdout, _ = runCmd(t, "inspect", out)
	if code != exitOK || !strings.Contains(stdout, "first-name") {
		t.Errorf("inspect of the rewrite: exit %d\n%s", code, stdout)
	}
	remapFile := filepath.Join(dir, "inverse.txt")
	os.WriteFile(remapFile, []byte("# back again\nfirst-name=forename\n"), 0o644)
	if code, _, stderr = runCmd(t, "rewrite-data", "--remap", remapFile, out, "-o", back); code != exitOK {
		t.Fatalf("inverse rewrite: exit %d: %s", code, stderr)
	}
	if got, _ := os.ReadFile(back); !bytes.Equal(got, orig) {
		t.Error("rewriting back is not byte-identical to the original")
	}
}

func TestRewriteDataFailures(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.typedb")
	// A header item, then an item cut short: the rewrite fails mid-way.
	os.WriteFile(in, []byte{0x07, 0x7a, 0x05, 0x0a, 0x03, '2', '.', '0', 0x10, 0x12, 0x03}, 0o644)
	out := filepath.Join(dir, "out.typedb")
	remapFile := filepath.Join(dir, "remap.txt")
	os.WriteFile(remapFile, []byte("a=b\nb=c\n"), 0o644)
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--remap", "person=human", in, "-o", out}, exitBad, "truncated item"},
		{[]string{"--remap", "person=human", in, "-o", in}, exitBad, "is also an input"},
		{[]string{"--remap", remapFile, in, "-o", out}, exitBad, "remap chain a → b → c"},
		{[]string{"--remap", "bad label=x", in, "-o", out}, exitBad, `character ' ' is not allowed`},
		{[]string{"--remap", "nofile", in, "-o", out}, exitBad, "no such file"},
		{[]string{"--remap", "a=b", in}, exitBad, "-o OUT is required"},
		{[]string{in, "-o", out}, exitBad, "nothing to do"},
		{[]string{"--scope-roles", in, "-o", out}, exitBad, "needs the target schema"},
	} {
		code, _, stderr := runCmd(t, append([]string{"rewrite-data"}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%q left an output file", tc.args)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 2 {
			t.Fatalf("%q left files behind: %v", tc.args, entries)
		}
	}
	if got, _ := os.ReadFile(in); len(got) != 11 {
		t.Error("the input was modified")
	}
}

func TestRewriteDataScopeRoles(t *testing.T) {
	dir := t.TempDir()
	schemaFile := filepath.Join(dir, "schema.tql")
	os.WriteFile(schemaFile, []byte("define\nperson sub entity, plays employment:employee;\nemployment sub relation, relates employee;\n"), 0o644)
	// A 1.x-style file: one entity, one relation whose role "staff" it plays.
	var buf bytes.Buffer
	w := datafile.NewWriter(&buf)
	w.WriteHeader("1.8.4", "db")
	w.Write(&datafile.Item{Kind: concept.Entity, ID: []byte("V1"), Label: []byte("pers")})
	rel := &datafile.Item{Kind: concept.Relation, ID: []byte("V2"), Label: []byte("job")}
	rel.AddRole([]byte("staff"), []byte("V1"))
	w.Write(rel)
	w.WriteChecksums()
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in.grakn")
	os.WriteFile(in, buf.Bytes(), 0o644)
	out := filepath.Join(dir, "out.typedb")
	code, stdout, stderr := runCmd(t, "rewrite-data", "--remap", "pers=person", "--remap", "job=employment", "--remap", "staff=employee",
		"--scope-roles", "--schema", schemaFile, in, "-o", out)
	if code != exitOK || !strings.Contains(stdout, "role labels scoped: 1") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	got, _ := os.ReadFile(out)
	if !bytes.Contains(got, []byte("employment:employee")) {
		t.Errorf("no scoped role in %q", got)
	}
}

// TestRewriteDataDropAttributeOwnerships: the real 1.8.4 export has 7
// attributes that own attributes, which TypeDB 3.x refuses; with its schema
// converted to 3.x, scoped roles and those ownerships dropped make a file
// check passes for 3.x, and without the drop check refuses it.
func TestRewriteDataDropAttributeOwnerships(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "exports", "typedb-1.8.4-assembly")
	in := filepath.Join(dir, "simulation.grakn")
	if _, err := os.Stat(in); err != nil {
		t.Skip("corpus not present")
	}
	tmp := t.TempDir()
	schema := filepath.Join(tmp, "schema.tql")
	if code, _, stderr := runCmd(t, "convert", "--to", "3", "-o", schema, filepath.Join(dir, "schema.gql"), filepath.Join(dir, "schema-pt2.gql")); code == exitBad {
		t.Fatalf("convert: %s", stderr)
	}
	for _, drop := range []bool{false, true} {
		out := filepath.Join(tmp, fmt.Sprintf("out-%v.typedb", drop))
		args := []string{"rewrite-data", "--scope-roles", "--schema", schema, in, "-o", out}
		if drop {
			args = append(args, "--drop-attribute-ownerships")
		}
		code, stdout, stderr := runCmd(t, args...)
		if code != exitOK || strings.Contains(stdout, "attribute ownerships dropped: 7") != drop {
			t.Fatalf("rewrite (drop %v): exit %d\n%s%s", drop, code, stdout, stderr)
		}
		code, stdout, _ = runCmd(t, "check", "--schema", schema, "--to", "3.10.4", out)
		if fails := strings.Contains(stdout, "error[attribute-owns]"); (code == exitOK) != drop || fails == drop {
			t.Errorf("check (drop %v): exit %d\n%s", drop, code, stdout)
		}
	}
}

// TestRewriteDataDropAttributePlayers: an attribute role player (1.x and
// 2.x only) is left out, and the copy's checksums still verify.
func TestRewriteDataDropAttributePlayers(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.typedb"), filepath.Join(dir, "out.typedb")
	var b bytes.Buffer
	w := datafile.NewWriter(&b)
	w.WriteHeader("2.29.1", "db")
	w.Write(&datafile.Item{Kind: concept.Attribute, ID: []byte("YQ=="), Label: []byte("word"), HasValue: true, Value: datafile.Value{Kind: datafile.ValueString, Str: []byte("x")}})
	w.Write(&datafile.Item{Kind: concept.Entity, ID: []byte("ZQ=="), Label: []byte("post")})
	rel := &datafile.Item{Kind: concept.Relation, ID: []byte("cg=="), Label: []byte("tagging")}
	rel.AddRole([]byte("tagging:tagged"), []byte("ZQ=="))
	rel.AddRole([]byte("tagging:tag"), []byte("YQ=="))
	w.Write(rel)
	w.WriteChecksums()
	w.Flush()
	os.WriteFile(in, b.Bytes(), 0o644)
	code, stdout, stderr := runCmd(t, "rewrite-data", "--drop-attribute-players", in, "-o", out)
	if code != exitOK || !strings.Contains(stdout, "attribute role players dropped: 1") {
		t.Fatalf("rewrite: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runCmd(t, "inspect", out)
	if code != exitOK || !strings.Contains(stdout, "checksums verified") || !strings.Contains(stdout, "0 attribute players") {
		t.Errorf("inspect of the copy: exit %d\n%s", code, stdout)
	}
}
