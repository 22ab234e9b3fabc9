package rewrite

import (
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
)

// TestRefusesRedefine: a redefine (TypeQL 3.x only) in a file the
// conversion reads as mixed is an input error at the query, not a query
// converted or set aside.
func TestRefusesRedefine(t *testing.T) {
	src := "define\nperson sub entity, has name;\nname sub attribute, datatype string;\nredefine person owns name @card(0..1);\n"
	f, ds := grammar.Parse("f.gql", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	res, errs := Convert([]*grammar.File{f}, Options{})
	if res != nil || len(errs) != 1 {
		t.Fatalf("want one error and no result, got %v", errs)
	}
	if e := errs[0]; e.Code != "not-graql-1" || e.Range == nil || e.Range.Start.Line != 4 || e.Message != "a redefine query is TypeQL 3.x; convert reads Graql 1.x" {
		t.Errorf("got %v at %v", e, e.Range)
	}
}
