package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/datafile"
)

const genSchema2x = `define
name sub attribute, value string;
email sub attribute, value string;
since sub attribute, value datetime;
person sub entity, owns email @key, owns name, plays employment:employee;
company sub entity, owns name, plays employment:employer;
employment sub relation, relates employee, relates employer, owns since, plays review:subject;
review sub relation, relates subject;
contract sub employment;
`

// TestGenData generates files from a 2.x schema and checks them with
// Inspect: valid, exactly N items, deterministic for a seed.
func TestGenData(t *testing.T) {
	dir := t.TempDir()
	sch := filepath.Join(dir, "s.tql")
	os.WriteFile(sch, []byte(genSchema2x), 0o644)
	out := func(name string, args ...string) []byte {
		p := filepath.Join(dir, name)
		code, stdout, stderr := runCmd(t, append([]string{"gen-data", "--schema", sch, "-o", p}, args...)...)
		if code != exitOK || stderr != "" || !strings.HasPrefix(stdout, p+": ") {
			t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
		}
		b, _ := os.ReadFile(p)
		return b
	}
	a := out("a.typedb", "--items", "3000", "--seed", "5")
	if b := out("b.typedb", "--items", "3000", "--seed", "5"); !bytes.Equal(a, b) {
		t.Error("the same seed gave different files")
	}
	for _, g := range []string{"", "1.x", "3.x"} {
		b := out("g"+g+".typedb", "--items", "2000", "--generation", g)
		s, err := datafile.Inspect(bytes.NewReader(b), datafile.InspectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if s.Bad() || s.Items != 2000 || !s.Checksums.Verified || s.Refs.RelationPlayers == 0 {
			t.Errorf("generation %q: %d items, findings %v, relation players %d", g, s.Items, s.Diagnostics, s.Refs.RelationPlayers)
		}
		labels := map[string]bool{}
		for _, r := range s.Roles {
			labels[r.Label] = true
		}
		// contract inherits employment's roles: 2.x files scope them by
		// the declaring relation, 1.x files do not scope them.
		want := "employment:employee"
		if g == "1.x" {
			want = "employee"
		}
		if !labels[want] || len(labels) != 3 {
			t.Errorf("generation %q: role labels %v, want %s among 3", g, labels, want)
		}
	}
}

// TestGenDataCorpus generates a 1.x file for the simulation schema of the
// corpus, whose attribute "currency" owns an attribute.
func TestGenDataCorpus(t *testing.T) {
	p := simulationPath(t)
	dir := filepath.Dir(p)
	o := filepath.Join(t.TempDir(), "sim.grakn")
	code, _, stderr := runCmd(t, "gen-data", "--schema", filepath.Join(dir, "schema.gql"), "--schema", filepath.Join(dir, "schema-pt2.gql"), "--items", "20000", "-o", o)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, stdout, _ := runCmd(t, "inspect", o)
	if code != exitOK || !strings.Contains(stdout, "producer    1.x:") || !strings.Contains(stdout, "checksums verified") {
		t.Errorf("inspect exit %d:\n%s", code, stdout)
	}
}

func TestGenDataErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.tql")
	os.WriteFile(bad, []byte("define person sub entity, owns nme;\n"), 0o644)
	good := filepath.Join(dir, "good.tql")
	os.WriteFile(good, []byte(genSchema2x), 0o644)
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"-o", "x"}, "--schema is required"},
		{[]string{"--schema", good}, "--output is required"},
		{[]string{"--schema", good, "-o", "x", "--items", "1"}, "--items must be at least 2"},
		{[]string{"--schema", good, "-o", "x", "--generation", "4.x"}, "--generation must be 1.x, 2.x or 3.x"},
		{[]string{"--schema", good, "-o", good}, "output file is also an input"},
		{[]string{"--schema", bad, "-o", filepath.Join(dir, "o")}, `"person" owns "nme", which is not an attribute type`},
		{[]string{"--schema", filepath.Join(dir, "none"), "-o", "x"}, "no such file"},
	}
	for _, tc := range tests {
		code, _, stderr := runCmd(t, append([]string{"gen-data"}, tc.args...)...)
		if code != exitBad || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", tc.args, code, stderr, tc.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "o")); err == nil {
		t.Error("a failed run left an output file")
	}
}
