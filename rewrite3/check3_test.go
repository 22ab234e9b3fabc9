package rewrite3

import (
	"bytes"
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// check3Schema is a 2.x schema; the tests check data against its 3.x
// conversion, parsed back and modelled with Model.
const check3Schema = `define
name sub attribute, value string;
code sub attribute, value string;
age sub attribute, value long;
born sub attribute, value datetime;
tag sub attribute, value string, owns code, plays labelling:label;
person sub entity, owns name, owns age, owns born, plays employment:employee, plays labelling:item;
employment sub relation, relates employee;
contract sub employment;
labelling sub relation, relates label, relates item;
`

type checkItem = datafile.Item

func ent(id, label string, owned ...string) *checkItem {
	it := &checkItem{Kind: concept.Entity, ID: []byte(id), Label: []byte(label)}
	for _, o := range owned {
		it.AddOwned([]byte(o))
	}
	return it
}

func attr(id, label string, v datafile.Value, owned ...string) *checkItem {
	it := &checkItem{Kind: concept.Attribute, ID: []byte(id), Label: []byte(label), Value: v, HasValue: true}
	for _, o := range owned {
		it.AddOwned([]byte(o))
	}
	return it
}

func rel(id, label, role string, players ...string) *checkItem {
	it := &checkItem{Kind: concept.Relation, ID: []byte(id), Label: []byte(label)}
	var ps [][]byte
	for _, p := range players {
		ps = append(ps, []byte(p))
	}
	it.AddRole([]byte(role), ps...)
	return it
}

func str(s string) datafile.Value { return datafile.Value{Kind: datafile.ValueString, Str: []byte(s)} }

// TestCheck3 verifies that package check, given the model of a converted
// 3.x schema and a 3.x target, enforces what the 3.x importer does:
// mandatory checksums, role labels scoped by the declaring relation, no
// attribute-owned attributes and no attribute players, and the integer and
// datetime encodings a 3.x import reads (2.x long and datetime millis, and
// 3.x's own datetime seconds+nanos).
func TestCheck3(t *testing.T) {
	f, errs := grammar.Parse("in.tql", []byte(check3Schema))
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	res, cerrs := Convert([]*grammar.File{f}, Options{})
	if cerrs.HasErrors() {
		t.Fatal(cerrs)
	}
	m, merrs := schema.BuildTypeQL3(parseOutput(t, print3(t, res.Schema)))
	if merrs.HasErrors() {
		t.Fatal(merrs)
	}
	base := func() []*checkItem {
		return []*checkItem{
			attr("n1", "name", str("Ann")),
			attr("a1", "age", datafile.Value{Kind: datafile.ValueLong, Int: 40}),
			attr("b1", "born", datafile.Value{Kind: datafile.ValueDatetimeMillis, Int: 86_400_000}),
			attr("b2", "born", datafile.Value{Kind: datafile.ValueDatetime, Int: 86_400}),
			ent("p1", "person", "n1", "a1", "b1"),
			ent("p2", "person", "b2"),
			rel("r1", "employment", "employment:employee", "p1"),
			rel("r2", "contract", "employment:employee", "p2"),
		}
	}
	for _, tc := range []struct {
		name      string
		items     func() []*checkItem
		checksums bool
		want      []string // "check label", sorted
	}{
		{"clean", base, true, nil},
		{"no-checksums", base, false, []string{"checksums checksums"}},
		{"unscoped-role", func() []*checkItem {
			return append(base(), rel("r3", "employment", "employee", "p1"))
		}, true, []string{"unknown-role employee in employment"}},
		{"role-scoped-by-subrelation", func() []*checkItem {
			return append(base(), rel("r3", "contract", "contract:employee", "p1"))
		}, true, []string{"unknown-role contract:employee in contract"}},
		{"attribute-owns-attribute", func() []*checkItem {
			return append(base(), attr("c1", "code", str("X")), attr("t1", "tag", str("t"), "c1"))
		}, true, []string{"attribute-owns tag", "ownership tag owns code"}},
		{"attribute-player", func() []*checkItem {
			return append(base(), attr("t1", "tag", str("t")), rel("r3", "labelling", "labelling:label", "t1"))
		}, true, []string{"attribute-player labelling:label in labelling"}},
		{"integer-as-double", func() []*checkItem {
			return append(base(), attr("a2", "age", datafile.Value{Kind: datafile.ValueDouble, Float: 1.5}))
		}, true, []string{"value-kind age"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := datafile.NewWriter(&buf)
			w.WriteHeader("3.4.0", "db")
			for _, it := range tc.items() {
				if err := w.Write(it); err != nil {
					t.Fatal(err)
				}
			}
			if tc.checksums {
				w.WriteChecksums()
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			rep, err := check.Run(m, bytes.NewReader(buf.Bytes()), check.Options{Target: version.MustParse("3.x"), Name: tc.name, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, g := range rep.Groups {
				if g.Severity == 0 { // errors only
					got = append(got, g.Check+" "+g.Label)
				}
			}
			sort.Strings(got)
			if d := cmp.Diff(tc.want, got); d != "" {
				var all []string
				for _, g := range rep.Groups {
					all = append(all, fmt.Sprintf("%s %s %q: %s", g.Check, g.Severity, g.Label, g.Message))
				}
				t.Errorf("findings (-want +got):\n%s\nall groups: %q", d, all)
			}
			if rep.OK != (len(tc.want) == 0) {
				t.Errorf("OK = %v with findings %v", rep.OK, got)
			}
		})
	}
}
