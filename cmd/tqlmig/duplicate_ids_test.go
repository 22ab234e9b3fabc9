package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

// TestCheckDuplicateIDsWarn: a 2.x export whose ids repeat imports on every
// 2.x server: typedb/typedb@2.0.0:migrator/DataImporter.java lines 159, 173
// and 229 do idMap.put(id, iid) per item, so the last item wins;
// typedb/typedb@2.29.1:migrator/database/DatabaseImporter.java line 286
// only asserts the id is new (assertions are off in servers) and line 614
// overwrites the stored mapping. So check exits 0 and warns, naming the
// references that rebind.
func TestCheckDuplicateIDsWarn(t *testing.T) {
	dir := t.TempDir()
	schemaFile := filepath.Join(dir, "s.tql")
	os.WriteFile(schemaFile, []byte(`define
name sub attribute, value string;
person sub entity, owns name, plays friendship:friend;
friendship sub relation, relates friend;
`), 0o644)
	var buf bytes.Buffer
	w := datafile.NewWriter(&buf)
	str := func(s string) datafile.Value { return datafile.Value{Kind: datafile.ValueString, Str: []byte(s)} }
	items := []*datafile.Item{
		{Kind: concept.Attribute, ID: []byte("a1"), Label: []byte("name"), Value: str("Ann"), HasValue: true},
		{Kind: concept.Entity, ID: []byte("p1"), Label: []byte("person"), Owned: [][]byte{[]byte("a1")}},
		// 2.0–2.2 write lossy ids that collide: a second person, a second name.
		{Kind: concept.Entity, ID: []byte("p1"), Label: []byte("person")},
		{Kind: concept.Attribute, ID: []byte("a1"), Label: []byte("name"), Value: str("Bob"), HasValue: true},
		{Kind: concept.Entity, ID: []byte("p2"), Label: []byte("person"), Owned: [][]byte{[]byte("a1")}},
		{Kind: concept.Relation, ID: []byte("r1"), Label: []byte("friendship"),
			Roles: []datafile.Role{{Label: []byte("friendship:friend"), Players: [][]byte{[]byte("p1"), []byte("p2")}}}},
	}
	for _, v := range []string{"2.0", "2.29"} {
		data := filepath.Join(dir, "data-"+v+".typedb")
		buf.Reset()
		w = datafile.NewWriter(&buf)
		w.WriteHeader(v+".0", "db")
		for _, it := range items {
			w.Write(it)
		}
		w.WriteChecksums()
		w.Flush()
		os.WriteFile(data, buf.Bytes(), 0o644)
		code, stdout, stderr := runCmd(t, "check", "--schema", schemaFile, "--to", v, data)
		out := stdout + stderr
		if code != exitOK {
			t.Errorf("check --to %s: exit %d, want 0\n%s", v, code, out)
		}
		for _, want := range []string{
			`warning[duplicate-id]: entity items of "person" repeat an id`,
			`warning[duplicate-id]: role players that are entity items of "person" with a repeated id rebind`,
			`warning[duplicate-id]: ownerships of attribute items of "name" with a repeated id rebind`,
			`role "friendship:friend" player id "p1"`,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("check --to %s: no %q in\n%s", v, want, out)
			}
		}
		if strings.Contains(out, "error[") {
			t.Errorf("check --to %s reports an error:\n%s", v, out)
		}
	}
}
