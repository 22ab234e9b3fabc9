package genschema

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

func model(t *testing.T, lang schema.Lang, src string) *schema.Model {
	t.Helper()
	f, diags := grammar.Parse("schema", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	m, diags := schema.Build(lang, f)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	return m
}

func TestSpec(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang schema.Lang
		src  string
		want *gen.Spec
	}{{
		name: "2.x inheritance",
		lang: schema.TypeQL2,
		src: `define
name sub attribute, value string;
number sub attribute, value long;
base sub entity, abstract, owns name;
person sub base, owns number @key, plays friendship:friend;
friendship sub relation, relates friend, owns name;
close-friendship sub friendship;
empty sub relation, abstract;
`,
		want: &gen.Spec{
			Attributes: []gen.AttributeType{{Label: "name", ValueType: gen.String}, {Label: "number", ValueType: gen.Long}},
			Entities: []gen.EntityType{
				{Label: "base", Abstract: true, Owns: []gen.Owns{{Attribute: "name"}}},
				{Label: "person", Owns: []gen.Owns{{Attribute: "number", Key: true}, {Attribute: "name"}},
					Plays: []gen.RoleRef{{Relation: "friendship", Role: "friend"}, {Relation: "close-friendship", Role: "friendship:friend"}}},
			},
			Relations: []gen.RelationType{
				{Label: "friendship", Relates: []string{"friend"}, Owns: []gen.Owns{{Attribute: "name"}}},
				{Label: "close-friendship", Relates: []string{"friendship:friend"}, Owns: []gen.Owns{{Attribute: "name"}}},
				{Label: "empty", Abstract: true},
			},
		},
	}, {
		name: "1.x implicit types left out",
		lang: schema.Graql1,
		src: `define
name sub attribute, datatype string;
born sub attribute, datatype date;
person sub entity, has name, key born, plays employee;
employment sub relation, relates employee, relates employer;
company sub entity, plays employer;
`,
		want: &gen.Spec{
			Attributes: []gen.AttributeType{{Label: "name", ValueType: gen.String}, {Label: "born", ValueType: gen.Datetime}},
			Entities: []gen.EntityType{
				{Label: "person", Owns: []gen.Owns{{Attribute: "name"}, {Attribute: "born", Key: true}},
					Plays: []gen.RoleRef{{Relation: "employment", Role: "employee"}}},
				{Label: "company", Plays: []gen.RoleRef{{Relation: "employment", Role: "employer"}}},
			},
			Relations: []gen.RelationType{{Label: "employment", Relates: []string{"employee", "employer"}}},
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Spec(model(t, tc.lang, tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("Spec (-want +got):\n%s", d)
			}
			// The generator accepts it and writes a file of it.
			var buf bytes.Buffer
			g := gen.Gen2x
			if tc.lang == schema.Graql1 {
				g = gen.Gen1x
			}
			if _, err := gen.Generate(&buf, got, gen.Options{Items: 200, Seed: 1, Generation: g}); err != nil {
				t.Fatalf("generate: %v", err)
			}
		})
	}
}

func TestSpecUnsupportedValue(t *testing.T) {
	m := model(t, schema.TypeQL2, "define\nnote sub attribute;\n")
	_, err := Spec(m)
	if err == nil || !strings.Contains(err.Error(), `attribute type "note": cannot generate values of type ""`) {
		t.Fatalf("got %v, want an error about note's value type", err)
	}
}

// TestSpecSupertypeValues: with SupertypeValues, an owner of a concrete
// attribute type with subtypes also owns its concrete subtypes (never as a
// key); abstract subtypes and types without subtypes add nothing.
func TestSpecSupertypeValues(t *testing.T) {
	m := model(t, schema.Graql1, `define
name sub attribute, datatype string;
first-name sub name;
nick sub name, abstract;
email sub attribute, datatype string;
work-email sub email;
age sub attribute, datatype long;
person sub entity, has name, key email, has age;
`)
	for _, tc := range []struct {
		opt  Options
		want []gen.Owns
	}{
		{Options{}, []gen.Owns{{Attribute: "name"}, {Attribute: "email", Key: true}, {Attribute: "age"}}},
		{Options{SupertypeValues: true}, []gen.Owns{{Attribute: "name"}, {Attribute: "email", Key: true}, {Attribute: "age"}, {Attribute: "first-name"}, {Attribute: "work-email"}}},
	} {
		spec, err := SpecWith(m, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tc.want, spec.Entities[0].Owns); d != "" {
			t.Errorf("%+v: person owns (-want +got):\n%s", tc.opt, d)
		}
	}
}

// TestSpecTypeQL3Values: a TypeQL 3.x schema's date is a date, not the
// Graql ≤1.7 spelling of datetime, and its decimal, datetime-tz and
// duration types are generated (as gen writes them for 3.x).
func TestSpecTypeQL3Values(t *testing.T) {
	f, diags := grammar.Parse("schema", []byte(`define
attribute born, value date;
attribute balance, value decimal;
attribute seen, value datetime-tz;
attribute term, value duration;
attribute count, value integer;
`))
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	m, diags := schema.BuildTypeQL3(f)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	spec, err := SpecWith(m, Options{TypeQL3: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]gen.ValueType{}
	for _, a := range spec.Attributes {
		got[a.Label] = a.ValueType
	}
	want := map[string]gen.ValueType{"born": gen.Date, "balance": gen.Decimal, "seen": gen.DatetimeTZ, "term": gen.Duration, "count": gen.Long}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("value types (-want +got):\n%s", diff)
	}
}

// TestSpecTypeQL3Cards: with the 3.x model, owners get at most as many
// attributes of a type and relations at least and at most as many players
// of a role as the @card, or 3.x's default of at most one, allows.
func TestSpecTypeQL3Cards(t *testing.T) {
	spec := spec3(t, `define
attribute name, value string;
attribute tag, value string;
entity person, owns name, owns tag @card(0..), plays pair:side, plays pair:judge;
relation pair, relates side @card(2..2), relates judge;
`)
	if got := spec.Entities[0].Owns; got[0].Max != 1 || got[1].Max != 0 {
		t.Errorf("owns %+v, want name at most 1 and tag unbounded", got)
	}
	// 2.x order (attributes first) lets the owned ids be told apart here.
	labels := map[string]string{}
	owners := 0
	err := gen.Items(spec, gen.Options{Items: 3000, Seed: 5, Generation: gen.Gen2x}, func(it *datafile.Item) error {
		labels[string(it.ID)] = string(it.Label)
		switch string(it.Label) {
		case "person":
			owners++
			n := 0
			for _, o := range it.Owned {
				if labels[string(o)] == "name" {
					n++
				}
			}
			if n > 1 {
				t.Errorf("person %s owns %d names, want at most 1", it.ID, n)
			}
		case "pair":
			for _, r := range it.Roles {
				switch string(r.Label) {
				case "pair:side":
					if len(r.Players) != 2 {
						t.Errorf("pair %s has %d sides, want 2", it.ID, len(r.Players))
					}
				case "pair:judge":
					if len(r.Players) > 1 {
						t.Errorf("pair %s has %d judges, want at most 1", it.ID, len(r.Players))
					}
				}
			}
		}
		return nil
	})
	if err != nil || owners == 0 {
		t.Fatalf("%d persons: %v", owners, err)
	}
}

// TestSpecTypeQL3CardNone: @card(0..0), here on a supertype's ownership
// and on a role, allows none: the ownership and the role are left out,
// where a maximum of 0 would otherwise read as no bound.
func TestSpecTypeQL3CardNone(t *testing.T) {
	spec := spec3(t, `define
attribute nick, value string;
attribute name, value string;
entity being @abstract, owns nick @card(0..0);
entity person sub being, owns name @card(0..), plays pair:side, plays pair:judge;
relation pair, relates side @card(1..2), relates judge @card(0..0);
`)
	for _, e := range spec.Entities {
		for _, o := range e.Owns {
			if o.Attribute == "nick" {
				t.Errorf("%s owns nick %+v, want it left out", e.Label, o)
			}
		}
	}
	for _, r := range spec.Relations {
		if r.Label != "pair" {
			continue
		}
		if len(r.Relates) != 1 || len(r.RoleMax) != 1 || r.RoleMax[0] != 2 {
			t.Errorf("pair relates %v with bounds %v..%v, want side alone at most 2", r.Relates, r.RoleMin, r.RoleMax)
		}
	}
}

// TestSpecTypeQL3Keys: a key on an abstract attribute type is met by one
// attribute of a concrete subtype (3.x counts a key over subtypes), and an
// @unique ownership gets values no two owners share.
func TestSpecTypeQL3Keys(t *testing.T) {
	spec := spec3(t, `define
attribute id @abstract, value string;
attribute post-id sub id;
attribute code, value string;
entity content @abstract, owns id @key;
entity post sub content, owns post-id, owns code @unique;
`)
	labels, values := map[string]string{}, map[string]string{}
	codes := map[string]bool{}
	posts := 0
	err := gen.Items(spec, gen.Options{Items: 2000, Seed: 9, Generation: gen.Gen2x}, func(it *datafile.Item) error {
		labels[string(it.ID)], values[string(it.ID)] = string(it.Label), it.Value.String()
		if string(it.Label) != "post" {
			return nil
		}
		posts++
		ids := 0
		for _, o := range it.Owned {
			switch labels[string(o)] {
			case "post-id":
				ids++
			case "code":
				if codes[values[string(o)]] {
					t.Errorf("post %s shares code %s", it.ID, values[string(o)])
				}
				codes[values[string(o)]] = true
			}
		}
		if ids != 1 {
			t.Errorf("post %s owns %d post-ids, want its one key", it.ID, ids)
		}
		return nil
	})
	if err != nil || posts == 0 {
		t.Fatalf("%d posts: %v", posts, err)
	}
}

// spec3 is the Spec of TypeQL 3.x schema src, read with its 3.x model.
func spec3(t *testing.T, src string) *gen.Spec {
	t.Helper()
	f, diags := grammar.Parse("schema", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	m, _ := schema.BuildTypeQL3(f)
	m3, _ := schema.BuildModel3(f)
	spec, err := SpecWith(m, Options{TypeQL3: true, Model3: m3})
	if err != nil {
		t.Fatal(err)
	}
	return spec
}
