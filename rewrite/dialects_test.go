package rewrite

import (
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
)

// TestOptionsDialects: the loader's per-file verdict (Options.Dialects)
// decides the ≤1.4-only rewrites; without it, the file's own features do.
func TestOptionsDialects(t *testing.T) {
	src := "define\nnick sub attribute, datatype string;\nperson sub entity, has nick;\n" +
		"r sub rule, when { $x isa person, has nick \"a\\tb\"; }, then { $x has nick \"c\"; };\n"
	decoded := func(opts Options) bool {
		f, ds := grammar.Parse("f.gql", []byte(src))
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		res, errs := Convert([]*grammar.File{f}, opts)
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		for _, d := range res.Report {
			if d.Code == "legacy-string-escapes" {
				return true
			}
		}
		return false
	}
	if decoded(Options{}) {
		t.Error("a file its features place in 1.0–1.7 had its escapes decoded")
	}
	if !decoded(Options{Dialects: map[string]grammar.Dialect{"f.gql": grammar.Graql10}}) {
		t.Error("a file the loader judged 1.0–1.4 kept its escapes")
	}
}

// TestRelationshipFollowsDialects: relationship-to-relation rewrites the
// root only in files the loader judged ≤1.4; it does not look at the
// declarations itself.
func TestRelationshipFollowsDialects(t *testing.T) {
	src := "define\nmarriage sub relationship, relates spouse;\nperson sub entity, plays spouse;\n"
	rewritten := func(d grammar.Dialect) bool {
		f, ds := grammar.Parse("f.gql", []byte(src))
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		res, errs := Convert([]*grammar.File{f}, Options{Dialects: map[string]grammar.Dialect{"f.gql": d}})
		if res == nil {
			t.Fatal(errs)
		}
		for _, d := range res.Report {
			if d.Code == "relationship-to-relation" {
				return true
			}
		}
		return false
	}
	if !rewritten(grammar.Graql10) {
		t.Error("a file judged 1.0–1.4 kept the root relationship")
	}
	if rewritten(grammar.Graql15 | grammar.Graql18) {
		t.Error("a file judged 1.5+ had its label relationship rewritten")
	}
}
