package check

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
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
			data := breakingData(m)
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
// not own and a role they do not play.
func breakingData(m *schema.Model) []byte {
	var buf bytes.Buffer
	w := datafile.NewWriter(&buf)
	w.WriteHeader("2.29.1", "db")
	id := 0
	next := func() []byte { id++; return []byte(fmt.Sprintf("x%d", id)) }
	var attrs, ents, roles []*schema.Type
	for _, t := range m.Types() {
		if t.IsRoot() || t.Scope != "" {
			if t.Kind() == concept.Role && !t.IsRoot() {
				roles = append(roles, t)
			}
			continue
		}
		kind := t.Kind()
		if t.IsAbstract() && kind.IsThing() {
			it := &datafile.Item{Kind: kind, ID: next(), Label: []byte(t.Label)}
			if kind == concept.Attribute {
				it.HasValue, it.Value = true, valueFor(t)
			}
			w.Write(it)
			continue
		}
		switch t.Kind() {
		case concept.Attribute:
			attrs = append(attrs, t)
		case concept.Entity:
			ents = append(ents, t)
		}
	}
	attrIDs := map[*schema.Type][]byte{}
	for _, a := range attrs {
		attrIDs[a] = next()
		w.Write(&datafile.Item{Kind: concept.Attribute, ID: attrIDs[a], Label: []byte(a.Label), HasValue: true, Value: valueFor(a)})
	}
	for i, e := range ents {
		if i >= 12 {
			break
		}
		it := &datafile.Item{Kind: concept.Entity, ID: next(), Label: []byte(e.Label)}
		for j, a := range attrs {
			if (i+j)%5 == 0 && e.OwnsOf(a.Label) == nil {
				it.Owned = append(it.Owned, attrIDs[a])
			}
		}
		w.Write(it)
		for j, r := range roles {
			if (i+j)%7 == 0 && e.PlaysRole(r) == nil && r.Relation() != nil && !r.Relation().IsAbstract() {
				w.Write(&datafile.Item{Kind: concept.Relation, ID: next(), Label: []byte(r.Relation().Label),
					Roles: []datafile.Role{{Label: []byte(r.Key()), Players: [][]byte{it.ID}}}})
			}
		}
	}
	w.WriteChecksums()
	w.Flush()
	return buf.Bytes()
}

func valueFor(a *schema.Type) datafile.Value {
	switch vt, _ := a.ValueType(); vt {
	case "long":
		return datafile.Value{Kind: datafile.ValueLong, Int: 1}
	case "double":
		return datafile.Value{Kind: datafile.ValueDouble, Float: 1.5}
	case "boolean":
		return datafile.Value{Kind: datafile.ValueBoolean, Int: 1}
	case "datetime":
		return datafile.Value{Kind: datafile.ValueDatetimeMillis, Int: 1}
	}
	return datafile.Value{Kind: datafile.ValueString, Str: []byte("v")}
}
