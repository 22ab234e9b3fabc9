package census

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
)

func thing(k concept.Kind, id, label string, owned ...string) *datafile.Item {
	it := &datafile.Item{Kind: k, ID: []byte(id), Label: []byte(label)}
	for _, o := range owned {
		it.AddOwned([]byte(o))
	}
	return it
}

func attrItem(id, label, value string, owned ...string) *datafile.Item {
	it := thing(concept.Attribute, id, label, owned...)
	it.HasValue, it.Value = true, datafile.Value{Kind: datafile.ValueString, Str: []byte(value)}
	return it
}

func rel(id, label, role string, players ...string) *datafile.Item {
	it := thing(concept.Relation, id, label)
	var ps [][]byte
	for _, p := range players {
		ps = append(ps, []byte(p))
	}
	it.AddRole([]byte(role), ps...)
	return it
}

func export(t testing.TB, items ...*datafile.Item) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := datafile.NewWriter(&buf)
	w.WriteHeader("2.29.1", "db")
	for _, it := range items {
		if err := w.Write(it); err != nil {
			t.Fatal(err)
		}
	}
	w.WriteChecksums()
	w.Flush()
	return buf.Bytes()
}

// TestRead counts a small export in one pass: ownerships per owner and
// attribute type whether the attribute comes before or after its owner
// (owners with none are not in Owns; Instances has them), role players per
// relation and role name (scope dropped), attributes owning attributes,
// and key values shared between owners of one type, by value: n4 is a
// second item of n1's value.
func TestRead(t *testing.T) {
	data := export(t,
		attrItem("n1", "name", "a"),
		thing(concept.Entity, "p1", "person", "n1", "n2", "a1"),
		thing(concept.Entity, "p2", "person", "n3"),
		thing(concept.Entity, "p3", "person", "n4"),
		thing(concept.Entity, "p4", "person"),
		attrItem("n2", "name", "b"), attrItem("n3", "name", "c"), attrItem("n4", "name", "a"),
		attrItem("a1", "age", "3", "n1"),
		rel("f1", "friendship", "friendship:friend", "p1", "p2"),
		rel("f2", "friendship", "friend", "p3"),
	)
	upper := func(a string) func([]byte) (bool, bool) {
		if a != "name" {
			return nil
		}
		return func(v []byte) (bool, bool) { return string(v) != "b", true }
	}
	c, err := Read("mem", bytes.NewReader(data), Options{Keys: func(a string) bool { return a == "name" }, Regex: upper})
	if err != nil {
		t.Fatal(err)
	}
	want := &Census{
		Name:      "mem",
		Items:     11,
		Instances: map[string]int64{"person": 4, "friendship": 2, "name": 4, "age": 1},
		Owns: map[[2]string]*Count{
			{"person", "name"}: {With: 3, Min: 1, Max: 2, Multi: 1}, {"person", "age"}: {With: 1, Min: 1, Max: 1},
			{"age", "name"}: {With: 1, Min: 1, Max: 1},
		},
		Roles:           map[[2]string]*Count{{"friendship", "friend"}: {With: 2, Min: 1, Max: 2, Multi: 1}},
		Shared:          map[[2]string]int64{{"person", "name"}: 1},
		AttributeOwners: 1,
		Unmatched:       map[string]*Misses{"name": {N: 1, Examples: []diag.DataPos{{File: "mem", Offset: 123, Item: 6, ID: "n2"}}}},
	}
	if d := cmp.Diff(want, c, cmpopts.IgnoreFields(Census{}, "Examples"), cmpopts.EquateEmpty()); d != "" {
		t.Errorf("census (-want +got):\n%s", d)
	}
	if ex := c.Examples["person"]; len(ex) != MaxExamples || ex[0].ID != "p1" || ex[0].Item != 2 {
		t.Errorf("examples of person: %+v", ex)
	}
	// Relabel merges counts that meet under one label.
	r := c.Relabel(map[string]string{"person": "human", "friendship:friend": "friendship:pal"})
	if got := r.Owns[[2]string{"human", "name"}]; got == nil || *got != (Count{With: 3, Min: 1, Max: 2, Multi: 1}) {
		t.Errorf("relabelled owns: %+v", got)
	}
	if got := r.Roles[[2]string{"friendship", "pal"}]; got == nil || got.With != 2 {
		t.Errorf("relabelled roles: %+v", r.Roles)
	}
	if r.Shared[[2]string{"human", "name"}] != 1 || r.Instances["human"] != 4 {
		t.Errorf("relabelled shared, instances: %v, %v", r.Shared, r.Instances)
	}
}

// TestReadNotExport fails with the data file's own diagnostic.
func TestReadNotExport(t *testing.T) {
	_, err := Read("x.txt", bytes.NewReader([]byte("define person sub entity;\n")), Options{})
	var d *diag.Diagnostic
	if !errors.As(err, &d) || d.Data == nil || d.Data.File != "x.txt" {
		t.Fatalf("got %v, want a diagnostic placed in x.txt", err)
	}
}

func TestParseText(t *testing.T) {
	c, err := ParseText("d", "instances person 3\nowns person name 2 1 2\n\nroles r a 1 1 1\nshared person name 1\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Items != 3 || *c.Owns[[2]string{"person", "name"}] != (Count{2, 1, 2, 1}) || c.Roles[[2]string{"r", "a"}].With != 1 || c.Shared[[2]string{"person", "name"}] != 1 {
		t.Errorf("parsed %+v", c)
	}
	for _, bad := range []string{"owns person name 1 1", "instances x y", "what 1"} {
		if _, err := ParseText("d", bad); err == nil {
			t.Errorf("ParseText(%q) accepted", bad)
		}
	}
}
