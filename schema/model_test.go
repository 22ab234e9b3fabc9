package schema_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

func build(t *testing.T, lang schema.Lang, qs ...*grammar.DefineQuery) *schema.Model {
	t.Helper()
	m, diags := schema.Build(lang, file("t.tql", qs...))
	if len(diags) > 0 {
		t.Fatalf("Build: %v", diags)
	}
	return m
}

func keys(ts []*schema.Type) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Key())
	}
	return out
}

func mustType(t *testing.T, m *schema.Model, key string) *schema.Type {
	t.Helper()
	x := m.Type(key)
	if x == nil {
		t.Fatalf("no type %q", key)
	}
	return x
}

// base2 is a small 2.x schema used by several tests.
func base2() *grammar.DefineQuery {
	return define(
		ts("person", sub("entity"), plays("employment:employee"), owns("name"), owns("email", "@key")),
		ts("employment", sub("relation"), relates("employee"), relates("employer")),
		ts("part-time-employment", sub("employment")),
		ts("contract", sub("employment"), relates("contractor", "employee")),
		ts("child", sub("person")),
		ts("name", sub("attribute"), value("string")),
		ts("first-name", sub("name")),
		ts("email", sub("attribute"), value("string")),
	)
}

func TestInheritance2(t *testing.T) {
	m := build(t, schema.TypeQL2, base2())
	child := mustType(t, m, "child")
	if got := keys(child.Supertypes()); !cmp.Equal(got, []string{"person", "entity", "thing"}) {
		t.Errorf("Supertypes(child) = %v", got)
	}
	if k := child.Kind(); k != concept.Entity {
		t.Errorf("Kind(child) = %v", k)
	}
	var owned []string
	for _, o := range child.OwnsAll() {
		owned = append(owned, o.Attr+map[bool]string{true: "@key"}[o.Key]+"<"+o.Owner.Label)
	}
	if !cmp.Equal(owned, []string{"name<person", "email@key<person"}) {
		t.Errorf("OwnsAll(child) = %v", owned)
	}
	var played []string
	for _, p := range child.PlaysAll() {
		played = append(played, p.RoleLabel())
	}
	if !cmp.Equal(played, []string{"employment:employee"}) {
		t.Errorf("PlaysAll(child) = %v", played)
	}
	if vt, from := mustType(t, m, "first-name").ValueType(); vt != "string" || from.Label != "name" {
		t.Errorf("ValueType(first-name) = %q from %v", vt, from)
	}
	if got := keys(mustType(t, m, "person").Subtypes()); !cmp.Equal(got, []string{"child"}) {
		t.Errorf("Subtypes(person) = %v", got)
	}
	if got := keys(m.TypesOf(concept.Role)); !cmp.Equal(got, []string{"employment:employee", "employment:employer", "contract:contractor"}) {
		t.Errorf("roles = %v", got)
	}
}

func TestRoleResolution2(t *testing.T) {
	m := build(t, schema.TypeQL2, base2())
	for _, tc := range []struct {
		rel, role string
		want      string // key of the resolved role, "" for none
		declared  string
		decl      string // declaring relation
	}{
		{"employment", "employee", "employment:employee", "employment:employee", "employment"},
		{"part-time-employment", "employee", "employment:employee", "", "employment"},
		{"part-time-employment", "employer", "employment:employer", "", "employment"},
		{"contract", "contractor", "contract:contractor", "contract:contractor", "contract"},
		{"contract", "employee", "", "", ""}, // overridden by contractor
		{"contract", "employer", "employment:employer", "", "employment"},
		{"employment", "boss", "", "", ""},
	} {
		rel := mustType(t, m, tc.rel)
		got := rel.RoleByName(tc.role)
		if keyOf(got) != tc.want {
			t.Errorf("%s.RoleByName(%s) = %s, want %s", tc.rel, tc.role, keyOf(got), tc.want)
		}
		if d := rel.DeclaredRole(tc.role); keyOf(d) != tc.declared {
			t.Errorf("%s.DeclaredRole(%s) = %s, want %s", tc.rel, tc.role, keyOf(d), tc.declared)
		}
		if got != nil && got.Relation().Label != tc.decl {
			t.Errorf("Relation(%s) = %s, want %s", got, got.Relation(), tc.decl)
		}
	}
	contractor := mustType(t, m, "contract:contractor")
	if s := contractor.Super(); keyOf(s) != "employment:employee" {
		t.Errorf("Super(contract:contractor) = %s", keyOf(s))
	}
	if got := keys(mustType(t, m, "contract").Roles()); !cmp.Equal(got, []string{"contract:contractor", "employment:employer"}) {
		t.Errorf("Roles(contract) = %v", got)
	}
	if got := keys(m.RelationsRelating(mustType(t, m, "employment:employer"))); !cmp.Equal(got, []string{"employment", "part-time-employment", "contract"}) {
		t.Errorf("RelationsRelating(employer) = %v", got)
	}
	if got := keys(m.Players(mustType(t, m, "employment:employee"))); !cmp.Equal(got, []string{"person", "child"}) {
		t.Errorf("Players(employee) = %v", got)
	}
}

func keyOf(t *schema.Type) string {
	if t == nil {
		return ""
	}
	return t.Key()
}

func TestOverrides2(t *testing.T) {
	m := build(t, schema.TypeQL2, define(
		ts("person", sub("entity"), abstract(), owns("phone-nr", "@unique"), plays("locates:located")),
		ts("phone-nr", sub("attribute"), abstract(), value("string")),
		ts("mobile", sub("phone-nr")),
		ts("child", sub("person"), owns("mobile", "as phone-nr"), plays("contractor-locates:contractor-located", "located")),
		ts("locates", sub("relation"), relates("located")),
		ts("contractor-locates", sub("locates"), relates("contractor-located", "located")),
	))
	child := mustType(t, m, "child")
	var owned []string
	for _, o := range child.OwnsAll() {
		owned = append(owned, o.Attr)
	}
	if !cmp.Equal(owned, []string{"mobile"}) {
		t.Errorf("OwnsAll(child) = %v, want the override to hide phone-nr", owned)
	}
	if o := child.OwnsOf("mobile"); keyOf(o.AsType()) != "phone-nr" {
		t.Errorf("AsType = %v", o.AsType())
	}
	var played []string
	for _, p := range child.PlaysAll() {
		played = append(played, p.RoleLabel())
	}
	if !cmp.Equal(played, []string{"contractor-locates:contractor-located"}) {
		t.Errorf("PlaysAll(child) = %v", played)
	}
	if r := child.Plays[0].AsRoleType(); keyOf(r) != "locates:located" {
		t.Errorf("AsRoleType = %s", keyOf(r))
	}
}

func TestRoles1(t *testing.T) {
	m := build(t, schema.Graql1, define(
		ts("marriage", sub("relation"), relates("spouse")),
		ts("civil-partnership", sub("relation"), relates("spouse")),
		ts("royal-marriage", sub("marriage"), relates("royal-spouse", "spouse")),
		ts("guardian", sub("role")),
		ts("legal-guardian", sub("guardian")),
		ts("guardianship", sub("relationship"), relates("guardian"), relates("ward")),
		ts("person", sub("entity"), plays("spouse"), key("email"), has("name")),
		ts("man", sub("person"), plays("guardian")),
		ts("email", sub("attribute"), value("string")),
		ts("name", sub("attribute"), value("string")),
	))
	spouse := mustType(t, m, "spouse")
	if spouse.Kind() != concept.Role || spouse.Scope != "" {
		t.Errorf("spouse: kind %v scope %q", spouse.Kind(), spouse.Scope)
	}
	if got := keys(m.RelationsRelating(spouse)); !cmp.Equal(got, []string{"marriage", "civil-partnership"}) {
		t.Errorf("RelationsRelating(spouse) = %v", got)
	}
	rs := mustType(t, m, "royal-spouse")
	if got := keys(rs.Supertypes()); !cmp.Equal(got, []string{"spouse", "role"}) {
		t.Errorf("Supertypes(royal-spouse) = %v", got)
	}
	if got := keys(mustType(t, m, "royal-marriage").Roles()); !cmp.Equal(got, []string{"royal-spouse"}) {
		t.Errorf("Roles(royal-marriage) = %v (1.x inherits no roles)", got)
	}
	if r := mustType(t, m, "royal-marriage").RoleByName("spouse"); r != nil {
		t.Errorf("RoleByName(royal-marriage, spouse) = %v, want nil in 1.x", r)
	}
	if got := keys(mustType(t, m, "legal-guardian").Supertypes()); !cmp.Equal(got, []string{"guardian", "role"}) {
		t.Errorf("Supertypes(legal-guardian) = %v", got)
	}
	if k := mustType(t, m, "guardianship").Kind(); k != concept.Relation {
		t.Errorf("relationship root: kind %v", k)
	}
	man := mustType(t, m, "man")
	var played []string
	for _, p := range man.PlaysAll() {
		played = append(played, p.RoleLabel())
	}
	if !cmp.Equal(played, []string{"guardian", "spouse"}) {
		t.Errorf("PlaysAll(man) = %v", played)
	}
	if o := man.OwnsOf("email"); o == nil || !o.Key {
		t.Errorf("OwnsOf(man, email) = %+v, want an inherited key", o)
	}
	if mustType(t, m, "ward").Relation().Label != "guardianship" {
		t.Errorf("Relation(ward) wrong")
	}
}

func TestRules(t *testing.T) {
	m := build(t, schema.TypeQL2, base2(), define(
		rule("r1", []grammar.Pattern{isa("p", "person")}, []grammar.Pattern{isa("p", "child")}),
	))
	r := m.Rule("r1")
	if r == nil {
		t.Fatal("rule r1 missing")
	}
	var labels []string
	for _, l := range r.Labels() {
		labels = append(labels, l.Ref.String())
	}
	if !cmp.Equal(labels, []string{"person", "child"}) {
		t.Errorf("Labels = %v", labels)
	}
	m1 := build(t, schema.Graql1, define(
		ts("person", sub("entity")),
		&grammar.TypeStmt{Subject: ref("r"), Props: []grammar.Prop{
			&grammar.WhenProp{When: pos(), Body: &grammar.Block{Patterns: []grammar.Pattern{isa("x", "person")}}},
			&grammar.ThenProp{Then: pos(), Body: &grammar.Block{Patterns: []grammar.Pattern{isa("x", "person")}}},
		}},
	))
	if r := m1.Rule("r"); r == nil || !r.Legacy {
		t.Errorf("1.x rule without sub rule: %+v", r)
	}
	if m1.Type("r") != nil {
		t.Errorf("a 1.x rule must not be a type")
	}
}

func TestKinds(t *testing.T) {
	m, _ := schema.Build(schema.TypeQL2, file("k.tql", define(
		ts("a", sub("b")), ts("b", sub("a")), // cycle
		ts("orphan"), ts("lost", sub("nowhere")),
	)))
	for _, tc := range []struct {
		key   string
		kind  concept.Kind
		cycle bool
	}{{"a", concept.Unknown, true}, {"b", concept.Unknown, true}, {"orphan", concept.Unknown, false}, {"lost", concept.Unknown, false}} {
		x := mustType(t, m, tc.key)
		if x.Kind() != tc.kind || x.InCycle() != tc.cycle {
			t.Errorf("%s: kind %v cycle %v", tc.key, x.Kind(), x.InCycle())
		}
	}
}

func codes(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.Code)
	}
	return out
}

func TestDefineDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name string
		q    *grammar.DefineQuery
		want []string
	}{
		{"variable", define(ts("$x", sub("entity"))), []string{schema.CodeVariable}},
		{"kind change", define(ts("name", sub("entity"))), []string{schema.CodeKindChange}},
		{"value change", define(ts("name", sub("attribute"), value("long"))), []string{schema.CodeValueChange}},
		{"same value", define(ts("name", sub("attribute"), value("string"))), nil},
		{"repeated abstract", define(ts("animal", sub("entity"), abstract(), abstract())), []string{schema.CodeRepeatedProp}},
		{"two subs", define(ts("x", sub("entity")), ts("x", sub("relation"))), []string{schema.CodeSubConflict}},
		{"role outside", define(ts("employment:employee", sub("role"))), []string{schema.CodeRoleOutside}},
		{"unscoped plays", define(ts("person", plays("employee"))), []string{schema.CodeWrongDialect}},
		{"has in 2.x", define(ts("person", has("name"))), []string{schema.CodeWrongDialect}},
		{"rule no then", define(&grammar.RuleStmt{Rule: pos(), Label: ref("r"), When: &grammar.Block{}, Semi: pos()}), []string{schema.CodeRuleSyntax}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := build(t, schema.TypeQL2, base2())
			got := codes(m.Define(tc.q))
			if !cmp.Equal(got, tc.want) {
				t.Errorf("codes = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestUndefine(t *testing.T) {
	for _, tc := range []struct {
		name  string
		q     *grammar.DefineQuery
		want  []string
		check func(t *testing.T, m *schema.Model)
	}{
		{"wrong sub", undefine(ts("person", sub("relation"))), []string{schema.CodeUndefSub}, nil},
		{"has subtypes", undefine(ts("person", sub("entity"))), []string{schema.CodeUndefSubtypes}, nil},
		{"with subtypes", undefine(ts("child", sub("entity")), ts("person", sub("entity"))), nil, func(t *testing.T, m *schema.Model) {
			if m.Type("person") != nil || m.Type("child") != nil {
				t.Error("person and child should be gone")
			}
		}},
		{"inherited owns", undefine(ts("child", owns("name"))), []string{schema.CodeUndefInherit}, nil},
		{"missing owns", undefine(ts("employment", owns("name"))), []string{schema.CodeUndefMissing}, nil},
		{"key annotation", undefine(ts("person", owns("email", "@key"))), []string{schema.CodeUndefAnnot}, nil},
		{"value type", undefine(ts("name", value("string"))), []string{schema.CodeUndefValue}, nil},
		{"alias plays", undefine(ts("person", plays("part-time-employment:employee"))), []string{schema.CodeUndefMissing}, nil},
		{"owns", undefine(ts("person", owns("name"))), nil, func(t *testing.T, m *schema.Model) {
			if m.Type("child").OwnsOf("name") != nil {
				t.Error("child still owns name")
			}
		}},
		{"relates", undefine(ts("employment", relates("employee"))), nil, func(t *testing.T, m *schema.Model) {
			if m.Type("employment:employee") != nil || len(m.Type("person").Plays) != 0 {
				t.Error("role employee should be gone with its players")
			}
			if keyOf(m.Type("part-time-employment").RoleByName("employer")) != "employment:employer" {
				t.Error("employer should remain")
			}
		}},
		{"plays of a role undefined before", undefine(ts("employment", relates("employee")), ts("person", plays("employment:employee"))), nil, func(t *testing.T, m *schema.Model) {
			if m.Type("employment:employee") != nil || len(m.Type("person").Plays) != 0 {
				t.Error("role employee should be gone with its players")
			}
		}},
		{"plays of a role undefined after", undefine(ts("person", plays("employment:employee")), ts("employment", relates("employee"))), nil, nil},
		{"rule", undefine(undefRule("nope")), []string{schema.CodeUndefMissing}, nil},
		{"attribute", undefine(ts("first-name", sub("attribute"))), nil, func(t *testing.T, m *schema.Model) {
			if m.Type("first-name") != nil {
				t.Error("first-name still defined")
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := build(t, schema.TypeQL2, base2())
			got := codes(m.Undefine(tc.q))
			if !cmp.Equal(got, tc.want) {
				t.Errorf("codes = %v, want %v", got, tc.want)
			}
			if tc.check != nil {
				tc.check(t, m)
			}
		})
	}
}

func TestUndefineUsedByRule(t *testing.T) {
	m := build(t, schema.TypeQL2, base2(), define(
		ts("dog", sub("entity")),
		rule("r", []grammar.Pattern{isa("x", "dog")}, []grammar.Pattern{isa("x", "dog")}),
	))
	if got := codes(m.Undefine(undefine(ts("dog", sub("entity"))))); !cmp.Equal(got, []string{schema.CodeUndefInRule}) {
		t.Errorf("codes = %v", got)
	}
	if got := codes(m.Undefine(undefine(ts("dog", sub("entity")), undefRule("r")))); got != nil {
		t.Errorf("deleting the rule too: codes = %v", got)
	}
}

func TestLookup(t *testing.T) {
	m := build(t, schema.TypeQL2, base2())
	if _, err := m.Lookup("persn"); err == nil || !strings.Contains(err.Error(), `did you mean "person"`) {
		t.Errorf("Lookup(persn) = %v", err)
	}
	if x, err := m.Lookup("person"); err != nil || x.Label != "person" {
		t.Errorf("Lookup(person) = %v, %v", x, err)
	}
	if s := m.Suggest("employmnt", concept.Relation); s != "employment" {
		t.Errorf("Suggest(employmnt) = %q", s)
	}
	if s := m.Suggest("employmnt", concept.Entity); s != "" {
		t.Errorf("Suggest(employmnt, entity) = %q, want none", s)
	}
	if s := schema.Closest("emial", []string{"email", "name"}); s != "email" {
		t.Errorf("Closest = %q", s)
	}
}
