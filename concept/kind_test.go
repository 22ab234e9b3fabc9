package concept

import "testing"

func TestKind(t *testing.T) {
	for _, tc := range []struct {
		k             Kind
		name          string
		thing, isType bool
	}{
		{Unknown, "unknown", false, false},
		{Thing, "thing", false, true},
		{Entity, "entity", true, true},
		{Relation, "relation", true, true},
		{Attribute, "attribute", true, true},
		{Role, "role", false, true},
		{Header, "header", false, false},
		{Checksums, "checksums", false, false},
		{Kind(Kinds), "kind(8)", false, false},
	} {
		if got := tc.k.String(); got != tc.name {
			t.Errorf("Kind(%d).String() = %q, want %q", tc.k, got, tc.name)
		}
		if got, _ := tc.k.MarshalText(); string(got) != tc.name {
			t.Errorf("Kind(%d).MarshalText() = %q, want %q", tc.k, got, tc.name)
		}
		if tc.k.IsThing() != tc.thing || tc.k.IsType() != tc.isType {
			t.Errorf("%s: IsThing %v IsType %v, want %v %v", tc.name, tc.k.IsThing(), tc.k.IsType(), tc.thing, tc.isType)
		}
	}
}
