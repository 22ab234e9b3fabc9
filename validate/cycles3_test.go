package validate

import (
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// TestCycleMembersMatchInCycle: the one-walk cycle set of a pass agrees
// with Type3.InCycle on every type, for cycles, chains into cycles and
// plain hierarchies.
func TestCycleMembersMatchInCycle(t *testing.T) {
	src := `define
entity a sub b; entity b sub c; entity c sub a; entity d sub a; entity e sub d;
entity f; entity g sub f; entity h sub h;
relation r, relates x; relation s sub r, relates y as x;
attribute n value string; attribute m sub n;
`
	f, perr := grammar.Parse("c.tql", []byte(src))
	if len(perr) > 0 {
		t.Fatal(perr)
	}
	m, _ := schema.BuildModel3(f)
	got := cycleMembers(m)
	in := 0
	for _, ty := range m.Types() {
		if got[ty] != ty.InCycle() {
			t.Errorf("%s: cycleMembers says %v, InCycle %v", ty.Label, got[ty], ty.InCycle())
		}
		if got[ty] {
			in++
		}
	}
	if in != 4 { // a, b, c, h
		t.Errorf("%d types on a cycle, want 4", in)
	}
}
