package check

import (
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// TestSuggest: remap suggestions rank same-kind types by edit distance,
// then by what the data shows. Each case's data has one unknown label.
func TestSuggest(t *testing.T) {
	const schemaSrc = `define
name sub attribute, value string;
wheels sub attribute, value long;
site sub attribute, value string;
sizes sub attribute, value double;
car sub entity, owns wheels;
cab sub entity, owns name, owns sizes;
hire sub relation, relates driver, relates fare;
hike sub relation, relates walker;
cab plays hire:driver, plays hike:walker;
`
	f, ds := grammar.Parse("s.tql", []byte(schemaSrc))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	m := buildModel(t, schema.TypeQL2, f)
	for _, tc := range []struct {
		name, data, want string
	}{
		{"value type decides", `attribute a1 size double 1.5
entity e1 cab owns a1`, "size=sizes"},
		{"owned types decide", `attribute a1 wheels long 4
entity e1 cat owns a1`, "cat=car"},
		{"role names decide", `entity e1 cab
relation r1 hide role hire:driver e1`, "hide=hire"},
		{"nothing close", `entity e1 lorry`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := buildData("header 2.29.1\n" + tc.data + "\nchecksums auto\n")
			if err != nil {
				t.Fatal(err)
			}
			rep := checkBytes(t, m, data, Options{Target: version.MustParse("2.29")})
			got, n := "", 0
			for _, g := range rep.Groups {
				if g.Check == "unknown-label" {
					got = g.Remap
					n++
				}
			}
			if n != 1 || got != tc.want {
				t.Errorf("suggested %q in %d groups, want %q:\n%s", got, n, tc.want, summary(rep))
			}
		})
	}
}
