package check

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
	"github.com/tqlmig/tqlmig/validate"
)

// TestRemediesVet: every schema change check suggests, applied to a copy
// of the schema, passes vet; the changes vet would reject are not made
// (making an attribute type with subtypes concrete, owning an attribute
// type an override hides).
func TestRemediesVet(t *testing.T) {
	const src = `define
price sub attribute, abstract, value double;
retail-price sub price;
discount sub price;
product sub entity, abstract, owns price;
food sub product, owns discount as price, plays sale:item;
toy sub product, owns retail-price as price;
party sub entity, abstract;
shop sub entity, plays sale:seller;
sale sub relation, relates seller, relates item;
`
	f, pd := grammar.Parse("s.tql", []byte(src))
	if pd.HasErrors() {
		t.Fatal(pd)
	}
	m, bd := schema.Build(schema.TypeQL2, f)
	if bd.HasErrors() {
		t.Fatal(bd)
	}
	data, err := buildData(`header 2.29.1
attribute a1 price double 1.5
attribute a2 retail-price double 2.5
entity e1 food owns a1
entity e2 food owns a2
entity e3 party
entity e4 toy
entity e5 shop
relation r1 sale role sale:seller e4 role sale:item e5
checksums auto`)
	if err != nil {
		t.Fatal(err)
	}
	target := version.MustParse("2.29")
	rep := checkBytes(t, m, data, Options{Target: target, Schema: []*grammar.File{f}})
	suggested := 0
	for _, G := range rep.Groups {
		if G.edit == "" {
			continue
		}
		if !strings.Contains(G.Remedy, "would fail vet") {
			suggested++
			edit, pd := grammar.Parse("edit.tql", []byte(G.edit))
			if pd.HasErrors() {
				t.Fatalf("%s: edit %q does not parse: %v", G.Check, G.edit, pd)
			}
			if _, ds := validate.Vet(validate.Options{Target: target}, f, edit); ds.HasErrors() {
				t.Errorf("%s %s: suggested %q, which vet rejects: %v", G.Check, G.Label, G.edit, errorsOf(ds))
			}
		}
		t.Logf("%s %s: %s", G.Check, G.Label, G.Remedy)
	}
	want := map[string]string{
		"price":                  "remap its items to a concrete subtype: price=retail-price; changing the schema instead (undefine price abstract;) would fail vet",
		"food owns price":        "remove these ownerships from the file; changing the schema instead (define food owns price;) would fail vet",
		"party":                  `make "party" concrete`,
		"food owns retail-price": `add "food owns retail-price;" to the schema`,
		"toy plays sale:seller":  `add "toy plays sale:seller;" to the schema`,
	}
	wantRemedies(t, rep, want)
	if suggested < 3 {
		t.Errorf("%d schema changes suggested, want the 3 that hold", suggested)
	}
}

func errorsOf(ds diag.List) []string {
	var out []string
	for _, d := range ds.Errors() {
		out = append(out, d.Code+": "+d.Message)
	}
	return out
}

// TestRemediesVetCorpus: for every 2.x corpus schema, data that breaks it
// in the ways check suggests schema changes for (items of abstract types,
// ownerships and role players the schema does not allow) gets only
// suggestions that, applied to a copy of the schema, add nothing vet
// rejects.
func TestRemediesVetCorpus(t *testing.T) {
	paths := corpusV2Schemas(t)
	target := version.MustParse("2.29")
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			files := parseFiles(t, p)
			m := buildModel(t, schema.TypeQL2, files...)
			data := breakingData(t, m)
			rep := checkBytes(t, m, data, Options{Target: target, Schema: files, MaxExamples: 1})
			_, base := validate.Vet(validate.Options{Target: target}, files...)
			had := map[string]bool{}
			for _, d := range base.Errors() {
				had[d.Code+"|"+d.Message] = true
			}
			n, withheld := 0, 0
			for _, G := range rep.Groups {
				if G.edit != "" && strings.Contains(G.Remedy, "would fail vet") {
					withheld++
				}
				if G.edit == "" || strings.Contains(G.Remedy, "would fail vet") {
					continue
				}
				n++
				edit, _ := grammar.Parse("edit.tql", []byte(G.edit))
				_, ds := validate.Vet(validate.Options{Target: target}, append(append([]*grammar.File(nil), files...), edit)...)
				for _, d := range ds.Errors() {
					if !had[d.Code+"|"+d.Message] {
						t.Errorf("%s %s: suggested %q, which vet rejects: %s: %s", G.Check, G.Label, G.edit, d.Code, d.Message)
					}
				}
			}
			t.Logf("%d schema changes suggested, each vetted; %d withheld as vet would reject them", n, withheld)
		})
	}
}

// corpusV2Schemas lists the single-file 2.x schemas of the shared corpus.
func corpusV2Schemas(t *testing.T) []string {
	root := filepath.Join("..", "..", "shared", "corpus", "v2")
	if _, err := os.Stat(root); err != nil {
		t.Skip("shared corpus not present")
	}
	var out []string
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && (strings.HasSuffix(p, ".gql") || strings.HasSuffix(p, ".tql")) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// breakingData writes, for model m, an item of every abstract type, and
// for some concrete entity types an ownership of an attribute type they do
// not own and a role they do not play. It writes the test DSL (buildData),
// naming kinds as the schema prints them.
func breakingData(t *testing.T, m *schema.Model) []byte {
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	add("header 2.29.1")
	id := 0
	next := func() string { id++; return fmt.Sprintf("x%d", id) }
	var attrs, ents, roles []*schema.Type
	for _, ty := range m.Types() {
		kind := ty.Kind().String()
		if ty.IsRoot() || ty.Scope != "" {
			if kind == "role" && !ty.IsRoot() {
				roles = append(roles, ty)
			}
			continue
		}
		switch {
		case ty.IsAbstract() && kind == "attribute":
			add("attribute %s %s %s", next(), ty.Label, valueFor(ty))
		case ty.IsAbstract() && (kind == "entity" || kind == "relation"):
			add("%s %s %s", kind, next(), ty.Label)
		case kind == "attribute":
			attrs = append(attrs, ty)
		case kind == "entity":
			ents = append(ents, ty)
		}
	}
	attrIDs := map[*schema.Type]string{}
	for _, a := range attrs {
		attrIDs[a] = next()
		add("attribute %s %s %s", attrIDs[a], a.Label, valueFor(a))
	}
	for i, e := range ents {
		if i >= 12 {
			break
		}
		eid := next()
		line := fmt.Sprintf("entity %s %s", eid, e.Label)
		var owned []string
		for j, a := range attrs {
			if (i+j)%5 == 0 && e.OwnsOf(a.Label) == nil {
				owned = append(owned, attrIDs[a])
			}
		}
		if len(owned) > 0 {
			line += " owns " + strings.Join(owned, " ")
		}
		lines = append(lines, line)
		for j, r := range roles {
			if (i+j)%7 == 0 && e.PlaysRole(r) == nil && r.Relation() != nil && !r.Relation().IsAbstract() {
				add("relation %s %s role %s %s", next(), r.Relation().Label, r.Key(), eid)
			}
		}
	}
	add("checksums auto")
	data, err := buildData(strings.Join(lines, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// valueFor is a value of a's value type in the test DSL.
func valueFor(a *schema.Type) string {
	switch vt, _ := a.ValueType(); vt {
	case "long":
		return "long 1"
	case "double":
		return "double 1.5"
	case "boolean":
		return "boolean true"
	case "datetime":
		return "datetime 1"
	}
	return "string v"
}

// TestRemediesVet3: for a TypeQL 3.x schema and a 3.x target, a suggested
// schema change is vetted by the 3.x checks. An attribute that owns an
// attribute (what a 1.x or 2.x export may hold) cannot be given that
// ownership in 3.x, so the remedy says what to do in the data instead; an
// entity's missing ownership is still suggested.
func TestRemediesVet3(t *testing.T) {
	const src = `define
attribute currency, value string;
attribute code, value string;
entity country, owns currency;
relation use, relates user;
`
	f, pd := grammar.Parse("s.tql", []byte(src))
	if pd.HasErrors() {
		t.Fatal(pd)
	}
	m, bd := schema.BuildTypeQL3(f)
	if bd.HasErrors() {
		t.Fatal(bd)
	}
	data, err := buildData(`header 2.29.1
attribute a1 code string EUR
attribute a2 currency string euro owns a1
entity e1 country owns a1
relation r1 use role use:user a2
checksums auto`)
	if err != nil {
		t.Fatal(err)
	}
	rep := checkBytes(t, m, data, Options{Target: version.MustParse("3.10.4"), Schema: []*grammar.File{f}})
	want := map[string]string{
		"currency owns code": "remove these ownerships from the file; changing the schema instead (define currency owns code;) would fail vet",
		"country owns code":  `add "country owns code;" to the schema`,
	}
	wantRemedies(t, rep, want)
}

// wantRemedies checks that the group of each label has a remedy starting
// with want[label].
func wantRemedies(t *testing.T, rep *Report, want map[string]string) {
	t.Helper()
	for label, w := range want {
		found := false
		for _, G := range rep.Groups {
			if G.Label == label {
				found = true
				if !strings.HasPrefix(G.Remedy, w) {
					t.Errorf("%s: remedy %q, want it to start %q", label, G.Remedy, w)
				}
			}
		}
		if !found {
			t.Errorf("no group %q in\n%s", label, summary(rep))
		}
	}
}
