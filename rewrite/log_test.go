package rewrite

import (
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
)

// TestLogFiles: with one input every node, even one a rule makes, is of
// that file, without a map of the nodes; a second input maps both, and a
// node of neither is then of no file until a statement is visited.
func TestLogFiles(t *testing.T) {
	parse := func(name, src string) *grammar.File {
		f, ds := grammar.Parse(name, []byte(src))
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		return f
	}
	a := parse("a.gql", "define\nperson sub entity, has name;\n")
	b := parse("b.gql", "define\nname sub attribute, datatype string;\n")
	stmtA := a.Queries[0].(*grammar.DefineQuery).Stmts[0].(*grammar.TypeStmt)
	stmtB := b.Queries[0].(*grammar.DefineQuery).Stmts[0].(*grammar.TypeStmt)
	made := &grammar.TypeRef{Name: "made"}

	l := NewLog()
	l.MapFiles(a)
	if len(l.fileOf) != 0 {
		t.Errorf("one input: %d nodes mapped, want none", len(l.fileOf))
	}
	for _, n := range []grammar.Node{stmtA, stmtA.Props[0], made} {
		if got := l.FileOf(n); got != "a.gql" {
			t.Errorf("one input: FileOf(%T) = %q, want a.gql", n, got)
		}
		if got := l.RangeOf(n).File; got != "a.gql" {
			t.Errorf("one input: RangeOf(%T) in %q, want a.gql", n, got)
		}
	}

	l.MapFiles(b)
	for _, c := range []struct {
		n    grammar.Node
		want string
	}{{stmtA, "a.gql"}, {stmtA.Props[0], "a.gql"}, {stmtB, "b.gql"}, {stmtB.Props[0], "b.gql"}, {made, ""}} {
		if got := l.FileOf(c.n); got != c.want {
			t.Errorf("two inputs: FileOf(%T) = %q, want %q", c.n, got, c.want)
		}
	}
	l.Visit(stmtB)
	if got := l.RangeOf(made).File; got != "b.gql" {
		t.Errorf("a node made while visiting b.gql is in %q", got)
	}
}
