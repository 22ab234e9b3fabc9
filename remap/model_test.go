package remap

import (
	"slices"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

func buildModel(t *testing.T, src string) Schema {
	t.Helper()
	f, ds := grammar.Parse("s", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	m, ds := schema.Build(schema.LangOf(f.Dialect()), f)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return FromModel(m)
}

func TestFromModel(t *testing.T) {
	v1 := buildModel(t, `define
person sub entity, plays employee, has name;
name sub attribute, value string;
employment sub relation, relates employee, relates employer;
contract sub relation, relates employee;
`)
	v2 := buildModel(t, `define
person sub entity, plays employment:employee, owns first-name;
first-name sub attribute, value string;
employment sub relation, relates employee, relates employer;
contract sub relation, relates employee;
part-time sub employment;
`)
	for _, tc := range []struct {
		s     Schema
		label string
		kind  concept.Kind
		rels  []string
	}{
		{v1, "person", concept.Entity, nil},
		{v1, "name", concept.Attribute, nil},
		{v1, "employment", concept.Relation, nil},
		{v1, "employee", concept.Role, []string{"employment", "contract"}},
		{v1, "entity", concept.Unknown, nil},
		{v2, "first-name", concept.Attribute, nil},
		{v2, "employee", concept.Role, []string{"employment", "contract"}},
		{v2, "employment:employer", concept.Role, []string{"employment"}},
		{v2, "part-time:employee", concept.Unknown, nil}, // inherited, not declared
		{v2, "nobody", concept.Unknown, nil},
	} {
		if got := KindOf(tc.s, tc.label); got != tc.kind {
			t.Errorf("KindOf(%s) = %v, want %v", tc.label, got, tc.kind)
		}
		if tc.rels != nil {
			_, name := SplitScoped(tc.label)
			if got := tc.s.RoleRelations(name); !slices.Equal(got, tc.rels) {
				t.Errorf("RoleRelations(%s) = %q, want %q", name, got, tc.rels)
			}
		}
	}
	// The shared 1.x role cannot be scoped for 2.0–2.2 by one entry.
	r, _ := FromPairs("name=first-name")
	res := r.Args(version.MustParse("2.1.0"), Options{Schema: v2, FileRoles: []string{"employee", "employer"}})
	if res.Supported || len(res.Diags) != 1 || res.Diags[0].Code != "remap-shared-role" {
		t.Errorf("Args for 2.1.0 = %+v", res)
	}
}
