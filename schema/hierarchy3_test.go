package schema

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
)

// TestHierarchy3IndexAgrees asks every hierarchy lookup of a 3.x model
// twice, through the index and by walking the chains (the index is off
// while a query is applied), on a schema with branches, a role
// specialised down a chain, a role name declared at several levels,
// owns and plays repeated down a chain, and supertype cycles (one of a
// single type) with a chain hanging below one.
func TestHierarchy3IndexAgrees(t *testing.T) {
	src := `define
attribute id @abstract;
attribute code sub id, value string;
attribute short-code sub code;
attribute loose @abstract;
attribute looser sub loose;
relation family @abstract, relates member;
relation parentship sub family, relates parent as member, relates child;
relation fathership sub parentship, relates father as parent;
relation club, relates member;
relation empty @abstract;
relation empty-too sub empty;
entity person, owns code, plays family:member, plays club:member;
entity adult sub person, owns code @card(0..1), plays parentship:parent;
entity elder sub adult, owns short-code, plays family:member;
entity child sub person, plays parentship:child;
entity x sub y; entity y sub z; entity z sub x;
entity below sub x, owns code;
entity further sub below; entity self sub self;
`
	f, ds := grammar.Parse("h.tql", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	m, _ := BuildModel3(f)
	var names []string
	for _, ty := range m.Types() {
		names = append(names, ty.Label)
	}
	names = append(names, "member", "parent", "father", "child", "nothing")
	ask := func() []string {
		var out []string
		for _, ty := range m.Types() {
			line := fmt.Sprintf("%s: sup=%v subs=%v cycle=%v relates=%v", ty.Label, labels(ty.Supertypes()), labels(ty.Subtypes()), ty.InCycle(), ty.RelatesAny())
			if vt, from := ty.EffectiveValueType(); from != nil {
				line += fmt.Sprintf(" value=%s@%s", vt, from.Label)
			}
			for _, n := range names {
				if r := ty.RoleByName(n); r != nil {
					line += " role(" + n + ")=" + r.Label
				}
				for _, kind := range []string{"owns", "plays"} {
					if c, s := ty.InheritedCap(kind, n); c != nil {
						line += fmt.Sprintf(" %s(%s)=%s@%s", kind, n, c.Label, s.Label)
					}
				}
			}
			for _, r := range ty.Plays {
				if c, s := ty.InheritedCap("plays", r.Label); c != nil {
					line += fmt.Sprintf(" inherits plays %s@%s", c.Label, s.Label)
				}
			}
			for _, o := range ty.Owns {
				if c, s := ty.InheritedCap("owns", o.Label); c != nil {
					line += fmt.Sprintf(" inherits owns %s@%s", c.Label, s.Label)
				}
			}
			out = append(out, line)
		}
		return out
	}
	indexed := ask()
	if m.hier == nil {
		t.Fatal("the lookups did not build the index")
	}
	m.applying++ // as while a query is applied: every lookup walks
	walked := ask()
	m.applying--
	if !slices.Equal(indexed, walked) {
		for i := range indexed {
			if indexed[i] != walked[i] {
				t.Errorf("index:  %s\nwalked: %s", indexed[i], walked[i])
			}
		}
	}
	// Spot checks, so that both paths cannot be wrong together unseen.
	for _, c := range []struct{ rel, role, want string }{
		{"fathership", "member", "family:member"},
		{"fathership", "parent", "parentship:parent"},
		{"club", "member", "club:member"},
		{"family", "parent", ""},
	} {
		got := ""
		if r := m.Type(c.rel).RoleByName(c.role); r != nil {
			got = r.Label
		}
		if got != c.want {
			t.Errorf("%s.RoleByName(%s) = %q, want %q", c.rel, c.role, got, c.want)
		}
	}
	if c, s := m.Type("elder").InheritedCap("plays", "family:member"); c == nil || s.Label != "person" {
		t.Errorf("elder inherits plays family:member from %v, want person", s)
	}
	var onCycle []string
	for _, ty := range m.Types() {
		if ty.InCycle() {
			onCycle = append(onCycle, ty.Label)
		}
	}
	if want := []string{"x", "y", "z", "self"}; !slices.Equal(onCycle, want) {
		t.Errorf("types on a cycle: %v, want %v", onCycle, want)
	}
	if m.Type("empty-too").RelatesAny() || !m.Type("fathership").RelatesAny() {
		t.Error("RelatesAny wrong")
	}
}

func labels(ts []*Type3) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Label)
	}
	return out
}
