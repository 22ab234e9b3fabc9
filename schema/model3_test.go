package schema_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

const base3 = `define
entity person owns name @card(0..) @regex("^.*$"), owns email @key, plays employment:employee;
entity child sub person;
relation employment relates employee, relates employer @abstract;
relation contract sub employment, relates contractor as employer;
attribute name value string;
attribute email @independent, value string @regex("^.*@.*$");
relation gathering @abstract;
relation meeting sub employment;
`

func model3(t *testing.T, src string) *schema.Model3 {
	t.Helper()
	f, ds := grammar.Parse("base.tql", []byte(src))
	if ds.HasErrors() {
		t.Fatalf("parse: %v", ds.Errors())
	}
	m, ds := schema.BuildModel3(f)
	if len(ds) > 0 {
		t.Fatalf("apply: %v", ds)
	}
	return m
}

func describe(m *schema.Model3) []string {
	var out []string
	for _, t := range m.Types() {
		out = append(out, t.Describe())
	}
	sort.Strings(out)
	return out
}

// TestModel3Undefine applies the 3.x undefinables one query at a time:
// the codes of the errors, or the types that change.
func TestModel3Undefine(t *testing.T) {
	tests := []struct {
		name    string
		us      []schema.Undefinable
		codes   string // error codes, comma-separated
		changed []string
	}{
		{"owns", []schema.Undefinable{{What: "owns", Type: "person", Target: "name"}}, "",
			[]string{"entity person, owns email @key, plays employment:employee"}},
		{"value annotation", []schema.Undefinable{{What: "value", Type: "email", Target: "string", Annotation: "regex"}}, "",
			[]string{"attribute email @independent value string"}},
		{"owns annotation", []schema.Undefinable{{What: "owns", Type: "person", Target: "email", Annotation: "key"}}, "",
			[]string{`entity person, owns email, owns name @card(0..) @regex("^.*$"), plays employment:employee`}},
		{"inherited owns", []schema.Undefinable{{What: "owns", Type: "child", Target: "name"}}, schema.Code3NotDefined, nil},
		{"missing annotation", []schema.Undefinable{{What: "owns", Type: "person", Target: "name", Annotation: "unique"}}, schema.Code3NotDefined, nil},
		{"type annotation", []schema.Undefinable{{What: schema.UndefineTypeAnnotation, Type: "email", Annotation: "independent"}}, "",
			[]string{`attribute email value string @regex("^.*@.*$")`}},
		{"sub", []schema.Undefinable{{What: "sub", Type: "child", Target: "person"}}, "", []string{"entity child"}},
		{"other sub", []schema.Undefinable{{What: "sub", Type: "child", Target: "employment"}}, schema.Code3NotDefined, nil},
		{"type with subtype", []schema.Undefinable{{What: schema.UndefineType, Type: "person"}}, schema.Code3HasSubtypes, nil},
		{"type and subtype", []schema.Undefinable{{What: schema.UndefineType, Type: "person"}, {What: schema.UndefineType, Type: "child"}}, "", nil},
		// Owns and plays of a deleted type go with it (TypeDB unsets them).
		{"owned attribute", []schema.Undefinable{{What: schema.UndefineType, Type: "name"}}, "",
			[]string{"entity person, owns email @key, plays employment:employee"}},
		{"played role", []schema.Undefinable{{What: "relates", Type: "employment", Target: "employee"}}, "",
			[]string{"entity person, owns email @key, owns name @card(0..) @regex(\"^.*$\")"}},
		{"value type of a concrete attribute", []schema.Undefinable{{What: "value", Type: "name", Target: "string"}}, schema.Code3ValueTypeAbstract, nil},
		{"abstract of a relation without roles", []schema.Undefinable{{What: schema.UndefineTypeAnnotation, Type: "gathering", Annotation: "abstract"}}, schema.Code3RelationNoRoles, nil},
		{"supertype of a relation with its own roles", []schema.Undefinable{{What: "sub", Type: "contract", Target: "employment"}}, "", nil},
		{"supertype of a relation without its own roles", []schema.Undefinable{{What: "sub", Type: "meeting", Target: "employment"}}, schema.Code3RelationNoRoles, nil},
		{"list notation differs", []schema.Undefinable{{What: "owns", Type: "person", Target: "name", List: true}}, schema.Code3NotDefined, nil},
		{"specialised role", []schema.Undefinable{{What: "relates", Type: "employment", Target: "employer"}}, schema.Code3UndefineUsed, nil},
		{"specialisation", []schema.Undefinable{{What: schema.UndefineSpecialise, Type: "contract", Target: "contractor", Specialised: "employer"}}, "",
			[]string{"relation contract sub employment, relates contractor"}},
		{"missing type", []schema.Undefinable{{What: schema.UndefineType, Type: "robot"}}, schema.Code3NotDefined, nil},
		{"missing function", []schema.Undefinable{{What: schema.UndefineFunction, Type: "f"}}, schema.Code3NotDefined, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := model3(t, base3)
			before := describe(m)
			var codes []string
			for _, d := range m.Undefine("u.tql", tt.us) {
				codes = append(codes, d.Code)
			}
			if got := strings.Join(codes, ","); got != tt.codes {
				t.Fatalf("codes %q, want %q", got, tt.codes)
			}
			if tt.changed == nil {
				return
			}
			after := map[string]bool{}
			for _, d := range describe(m) {
				after[d] = true
			}
			for _, c := range tt.changed {
				if !after[c] {
					t.Errorf("no type reads %q after the undefine:\n%s", c, cmp.Diff(before, describe(m)))
				}
			}
		})
	}
}

// TestModel3Redefine: a redefine changes one fact that exists, to a
// different value.
func TestModel3Redefine(t *testing.T) {
	tests := []struct{ query, codes string }{
		{"redefine person owns name @card(1..2);", ""},
		{"redefine person owns name @card(0..);", schema.Code3RedefineSame},
		{"redefine person owns name @card(1..2) @regex(\"x\");", schema.Code3RedefineOne},
		{"redefine person owns email @key;", schema.Code3RedefineParamFree},
		{"redefine person owns phone @card(1..2);", schema.Code3RedefineNotDefined},
		{"redefine child sub employment;", schema.Code3SubKind},
		{"redefine email sub name;", schema.Code3RedefineNotDefined},
		{"redefine name value integer;", ""},
		// The parser holds a redefine to typeql.pest redefinable_type.
		{"redefine person, owns name, owns email;", "syntax"},
		{"redefine struct s: a value string;", "syntax"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			m := model3(t, base3)
			f, ds := grammar.Parse("r.tql", []byte(tt.query))
			if tt.codes == "syntax" {
				if !ds.HasErrors() {
					t.Error("parses; want a syntax error")
				}
				return
			}
			if ds.HasErrors() {
				t.Fatalf("parse: %v", ds.Errors())
			}
			var codes []string
			for _, d := range m.ApplyQuery("r.tql", f.Queries[0]) {
				codes = append(codes, d.Code)
			}
			if got := strings.Join(codes, ","); got != tt.codes {
				t.Errorf("codes %q, want %q", got, tt.codes)
			}
		})
	}
}

// TestModel3StructFieldTypes: a struct field names a built-in value type
// or a struct, which may come later in the same query but not in a later
// query.
func TestModel3StructFieldTypes(t *testing.T) {
	tests := []struct{ src, codes string }{
		{"define struct s: a value string, b value t?; struct t: c value integer;", ""},
		{"define struct s: a value strin;", schema.Code3UnknownType},
		{"define struct s: a value t; define struct t: c value integer;", schema.Code3UnknownType},
		{"define struct s: a value person;", schema.Code3UnknownType},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			f, ds := grammar.Parse("s.tql", []byte(tt.src))
			if ds.HasErrors() {
				t.Fatalf("parse: %v", ds.Errors())
			}
			_, ds = schema.BuildModel3(f)
			var codes []string
			for _, d := range ds {
				codes = append(codes, d.Code)
			}
			if got := strings.Join(codes, ","); got != tt.codes {
				t.Errorf("codes %q, want %q (%v)", got, tt.codes, ds)
			}
		})
	}
}

// TestModel3StructFields: a define of an existing struct goes field by
// field as TypeDB 3.x does: new fields are added, a different field is an
// error, and the first field already defined the same way ends the
// statement.
func TestModel3StructFields(t *testing.T) {
	tests := []struct{ src, codes, fields string }{
		{"define struct s: a value string; define struct s: b value integer?;", "", "a value string, b value integer?"},
		{"define struct s: a value string; define struct s: a value string;", "", "a value string"},
		{"define struct s: a value string; define struct s: a value string?;", schema.Code3Different, "a value string"},
		{"define struct s: a value string; define struct s: b value date, a value integer, c value double;", schema.Code3Different, "a value string, b value date, c value double"},
		{"define struct s: a value string; define struct s: a value string, b value date;", schema.Code3StructFieldsSkipped, "a value string"},
		{"define struct s: a value string; define struct s: b value date, a value string;", "", "a value string, b value date"},
		// Both statements of one query run after every struct is created.
		{"define struct s: a value string; struct s: a value string, b value date;", schema.Code3StructFieldsSkipped, "a value string"},
		{"define struct s: a value string, a value string, b value date;", schema.Code3StructFieldsSkipped, "a value string"},
		{"define struct s: a value string, a value date;", schema.Code3Different, "a value string"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			m := buildCodes3(t, tt.src, tt.codes)
			var fields []string
			for _, f := range m.Structs["s"].Fields {
				fields = append(fields, f.String())
			}
			if got := strings.Join(fields, ", "); got != tt.fields {
				t.Errorf("fields %q, want %q", got, tt.fields)
			}
		})
	}
}

// TestModel3FunctionDefinedAgain: define refuses a function that exists
// before the query whatever its body; within one query the last wins.
func TestModel3FunctionDefinedAgain(t *testing.T) {
	const f1 = "fun f() -> integer: match let $x = 1; return first $x;\n"
	const f2 = "fun f() -> integer:\n  match let $x = 2; # two\n  return first $x;\n"
	tests := []struct{ src, codes, body string }{
		{"define " + f1 + "define " + f1, schema.Code3Duplicate, "1"},
		{"define " + f1 + "define " + f2, schema.Code3Duplicate, "1"},
		{"define " + f1 + f2, schema.Code3FunctionRepeated, "2"},
		{"define " + f1 + "undefine fun f;\ndefine " + f2, "", "2"},
		{"define " + f1 + "redefine " + f2, "", "2"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			m := buildCodes3(t, tt.src, tt.codes)
			if fn := m.Funcs["f"]; fn == nil || !strings.Contains(fn.Stmt.Text, "$x = "+tt.body) {
				t.Errorf("function f is not the one with $x = %s: %v", tt.body, fn)
			}
		})
	}
}

// buildCodes3 builds a 3.x model from src and checks the codes of its
// diagnostics, comma-separated, against codes.
func buildCodes3(t *testing.T, src, codes string) *schema.Model3 {
	t.Helper()
	f, ds := grammar.Parse("m.tql", []byte(src))
	if ds.HasErrors() {
		t.Fatalf("parse: %v", ds.Errors())
	}
	m, ds := schema.BuildModel3(f)
	var got []string
	for _, d := range ds {
		got = append(got, d.Code)
	}
	if g := strings.Join(got, ","); g != codes {
		t.Errorf("codes %q, want %q (%v)", g, codes, ds)
	}
	return m
}

func TestCap3Card(t *testing.T) {
	for _, tc := range []struct {
		args     string
		has      bool
		list     bool
		min, max int64
		ok       bool
	}{
		{has: false, min: 0, max: 1, ok: true},
		{has: false, list: true, min: 0, max: -1, ok: true},
		{args: "1", has: true, min: 1, max: 1, ok: true},
		{args: "0..", has: true, min: 0, max: -1, ok: true},
		{args: " 1 .. 3 ", has: true, min: 1, max: 3, ok: true},
		{args: "3..1", has: true, ok: false},
		{args: "x", has: true, ok: false},
	} {
		c := &schema.Cap3{List: tc.list}
		if tc.has {
			c.Annots = []*schema.Annot3{{Name: "card", Args: tc.args, HasArgs: true}}
		}
		min, max, ok := c.Card()
		if ok != tc.ok || ok && (min != tc.min || max != tc.max) {
			t.Errorf("@card(%s) list %v: got %d..%d %v, want %d..%d %v", tc.args, tc.list, min, max, ok, tc.min, tc.max, tc.ok)
		}
	}
}

// TestBuildTypeQL3KindAgain: TypeDB 3.x lets a later statement name an
// existing type with its kind and no sub ("entity artifact, plays …;" after
// "entity artifact, sub observable;", as typedb-examples'
// cyber-threat-intelligence schema does); that keeps the supertype, so the
// lowered model must not read it as "sub entity".
func TestBuildTypeQL3KindAgain(t *testing.T) {
	f, ds := grammar.Parse("s.tql", []byte(`define
entity observable @abstract, plays tag:tagged;
entity artifact, sub observable;
relation tag, relates tagged;
entity artifact, owns name;
attribute name, value string;
`))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	m, bd := schema.BuildTypeQL3(f)
	if bd.HasErrors() {
		t.Errorf("the lowered model reports %v", bd.Errors())
	}
	a := m.Type("artifact")
	if a == nil || a.Super() == nil || a.Super().Label != "observable" {
		t.Fatalf("artifact's supertype is %v, want observable", a.Super())
	}
	if a.PlaysRole(m.Type("tag:tagged")) == nil || a.OwnsOf("name") == nil {
		t.Errorf("artifact lost what it inherits or owns: plays %v, owns %v", a.PlaysAll(), a.OwnsAll())
	}
}
