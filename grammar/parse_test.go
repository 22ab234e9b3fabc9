package grammar

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Builders for expected trees; positions, trivia and features are ignored
// by the comparison (positions are checked by checkPositions instead).

func ref(s string) *TypeRef {
	switch {
	case strings.HasPrefix(s, "$"):
		return &TypeRef{Var: true, Name: s[1:]}
	case strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "'"):
		return &TypeRef{Quote: s[0], Name: s[1 : len(s)-1]}
	case strings.Contains(s, ":") && !strings.HasPrefix(s, "@"):
		i := strings.IndexByte(s, ':')
		return &TypeRef{Scope: s[:i], Name: s[i+1:]}
	}
	return &TypeRef{Name: s}
}

func refOrNil(s string) *TypeRef {
	if s == "" {
		return nil
	}
	return ref(s)
}

func vr(s string) *Var { return &Var{Name: s[1:], Value: s[0] == '?'} }

func lit(kind LitKind, raw string) *Literal { return &Literal{Kind: kind, Raw: raw} }

func annots(names ...string) []*Annotation {
	var out []*Annotation
	for _, n := range names {
		a := &Annotation{Name: n}
		if i := strings.IndexByte(n, '('); i >= 0 {
			a.Name, a.HasParens, a.Args = n[:i], true, n[i+1:len(n)-1]
		}
		out = append(out, a)
	}
	return out
}

func file(qs ...Query) *File               { return &File{Queries: qs} }
func def(ss ...Stmt) *DefineQuery          { return &DefineQuery{Stmts: ss} }
func undef(ss ...Stmt) *DefineQuery        { return &DefineQuery{Kind: Undefine, Stmts: ss} }
func ts(subj string, ps ...Prop) *TypeStmt { return &TypeStmt{Subject: ref(subj), Props: ps} }
func sub(t string) *SubProp                { return &SubProp{Type: ref(t)} }
func has(a string) *HasProp                { return &HasProp{Attr: ref(a)} }
func key(a string) *KeyProp                { return &KeyProp{Attr: ref(a)} }
func plays(r, as string) *PlaysProp        { return &PlaysProp{Role: ref(r), As: refOrNil(as)} }
func relates(r, as string) *RelatesProp    { return &RelatesProp{Role: ref(r), As: refOrNil(as)} }
func owns(a, as string, an ...string) *OwnsProp {
	return &OwnsProp{Attr: ref(a), As: refOrNil(as), Annots: annots(an...)}
}
func value(t string) *ValueTypeProp    { return &ValueTypeProp{Type: t} }
func datatype(t string) *ValueTypeProp { return &ValueTypeProp{Type: t, Legacy: true} }
func isa(t string) *IsaProp            { return &IsaProp{Type: ref(t)} }
func blk(ps ...Pattern) *Block         { return &Block{Patterns: ps} }
func st(v string, ps ...Prop) *PatternStmt {
	s := &PatternStmt{Props: ps}
	if v != "" {
		s.Var = vr(v)
	}
	return s
}
func hasv(a, v string) *HasValueProp { return &HasValueProp{Attr: refOrNil(a), Var: vr(v)} }
func hasp(a string, p *Predicate) *HasValueProp {
	return &HasValueProp{Attr: ref(a), Pred: p}
}
func pred(op string, e Expr) *Predicate { return &Predicate{Op: op, Operand: e} }
func tuple(players ...string) *RelTuple {
	t := &RelTuple{}
	for _, p := range players {
		rp := &RolePlayer{}
		if i := strings.LastIndex(p, ":"); i >= 0 {
			rp.Role, p = ref(strings.TrimSpace(p[:i])), strings.TrimSpace(p[i+1:])
		}
		rp.Player = vr(p)
		t.Players = append(t.Players, rp)
	}
	return t
}
func rel(v string, t *RelTuple, ps ...Prop) *PatternStmt {
	s := st(v, ps...)
	s.Tuple = t
	return s
}
func val(v string, p *Predicate, ps ...Prop) *PatternStmt {
	s := st(v, ps...)
	s.Value = p
	return s
}
func bin(x Expr, op string, y Expr) *BinaryExpr { return &BinaryExpr{X: x, Op: op, Y: y} }

var ignorePositions = cmp.Options{
	cmpopts.IgnoreTypes(Pos{}, Trivia{}),
	cmpopts.IgnoreFields(File{}, "Name", "Features", "Last"),
	cmpopts.IgnoreFields(DefineQuery{}, "Last"),
	cmpopts.IgnoreFields(Block{}, "Last"),
	cmpopts.IgnoreFields(Disjunction{}, "Ors"),
	cmpopts.IgnoreFields(OtherQuery{}, "Text"),
	cmpopts.IgnoreFields(FunStmt{}, "Text"),
	cmpopts.IgnoreFields(StructStmt{}, "Text"),
	cmpopts.EquateEmpty(),
}

// TestParse compares parse trees, positions ignored, with hand-built ones;
// every spelling in srcs must give the same tree.
func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name string
		srcs []string
		want *File
	}{
		{"type-1x", []string{
			"define person sub entity, has name, plays employee;",
			"define\nperson sub entity has name plays employee;",
			"define # c\n  person   sub entity , # c\n has name,plays employee ; # c",
		}, file(def(ts("person", sub("entity"), has("name"), plays("employee", "")))),
		},
		{"type-2x", []string{
			"define person sub entity, owns name @key, owns email as contact @unique, plays employment:employee as worker, abstract;",
		}, file(def(ts("person", sub("entity"), owns("name", "", "key"), owns("email", "contact", "unique"),
			plays("employment:employee", "worker"), &AbstractProp{}))),
		},
		{"relation-and-attributes", []string{
			"define employment sub relation, relates employee as worker; name sub attribute, value string, regex \"^[a-z]+$\";",
		}, file(def(
			ts("employment", sub("relation"), relates("employee", "worker")),
			ts("name", sub("attribute"), value("string"), &RegexProp{Pattern: lit(StringLit, `"^[a-z]+$"`)}))),
		},
		{"legacy-1.4", []string{
			"define \"full name\" sub attribute datatype string regex /^a\\/b$/; _x sub entity is-abstract key \"full name\";",
		}, file(def(
			ts(`"full name"`, sub("attribute"), datatype("string"), &RegexProp{Pattern: lit(RegexLit, `/^a\/b$/`)}),
			ts("_x", sub("entity"), &AbstractProp{Legacy: true}, key(`"full name"`)))),
		},
		{"keywords-as-labels", []string{
			"define value sub attribute, value double; owns sub relation; rule sub entity, has value, plays owns;",
		}, file(def(
			ts("value", sub("attribute"), value("double")),
			ts("owns", sub("relation")),
			ts("rule", sub("entity"), has("value"), plays("owns", "")))),
		},
		{"rule-1x", []string{
			"define r sub rule, when { (parent: $p, child: $x) isa parentship; $x != $y; $x has age >= 18; $n !== \"a\"; not { $x has name $n; }; }, then { $x has nick \"k\"; };",
		}, file(def(ts("r", sub("rule"),
			&WhenProp{Body: blk(
				rel("", tuple("parent: $p", "child: $x"), isa("parentship")),
				val("$x", pred("!=", vr("$y"))),
				st("$x", hasp("age", pred(">=", lit(IntLit, "18")))),
				val("$n", pred("!==", lit(StringLit, `"a"`))),
				&Negation{Body: blk(st("$x", hasv("name", "$n")))},
			)},
			&ThenProp{Body: blk(st("$x", hasp("nick", pred("", lit(StringLit, `"k"`)))))},
		))),
		},
		{"legacy-value-prop", []string{
			"define r sub rule when { $y isa name \"x\"; $d val < 5, isa name; $z isa name val \"a\"; } then { $y has nick \"k\"; };",
		}, file(def(ts("r", sub("rule"),
			&WhenProp{Body: blk(
				val("$y", pred("", lit(StringLit, `"x"`)), isa("name")),
				val("$d", pred("<", lit(IntLit, "5")), isa("name")),
				val("$z", pred("", lit(StringLit, `"a"`)), isa("name")),
			)},
			&ThenProp{Body: blk(st("$y", hasp("nick", pred("", lit(StringLit, `"k"`)))))},
		))),
		},
		{"rule-2x", []string{
			"define rule r: when { $x isa person; {$x has age 1;} or {$x has age 2.5;}; not { $x is $y; }; ?v = $a + 2 * -3; } then { $x has score ?v; };",
		}, file(def(&RuleStmt{Label: ref("r"),
			When: blk(
				st("$x", isa("person")),
				&Disjunction{Alts: []*Block{
					blk(st("$x", hasp("age", pred("", lit(IntLit, "1"))))),
					blk(st("$x", hasp("age", pred("", lit(RealLit, "2.5"))))),
				}},
				&Negation{Body: blk(st("$x", &IsProp{Var: vr("$y")}))},
				val("?v", pred("=", bin(vr("$a"), "+", bin(lit(IntLit, "2"), "*", lit(IntLit, "-3"))))),
			),
			Then: blk(st("$x", hasv("score", "?v"))),
		})),
		},
		{"undefine-2x", []string{
			"undefine rule r; person owns name;",
		}, file(undef(&RuleStmt{Label: ref("r")}, ts("person", owns("name", "")))),
		},
		{"implicit-via", []string{
			"define @has-name has confidence; r sub rule, when { $x has name $n via $r; $r (@has-name-owner: $x) isa @has-name; }, then { $x has ok true; };",
		}, file(def(
			ts("@has-name", has("confidence")),
			ts("r", sub("rule"),
				&WhenProp{Body: blk(
					st("$x", &HasValueProp{Attr: ref("name"), Var: vr("$n"), Via: vr("$r")}),
					rel("$r", tuple("@has-name-owner: $x"), isa("@has-name")),
				)},
				&ThenProp{Body: blk(st("$x", hasp("ok", pred("", lit(BoolLit, "true")))))},
			))),
		},
		{"other-queries", []string{
			"define a sub entity;\ninsert $x isa a;\nmatch $x isa a; insert $y isa b;\nmatch $z isa c; get;\n",
		}, file(def(ts("a", sub("entity"))),
			&OtherQuery{Keyword: "insert"}, &OtherQuery{Keyword: "match"}, &OtherQuery{Keyword: "match"}),
		},
		// A function's own "match" stage does not end its redefine.
		{"redefine-fun", []string{
			"redefine\nfun five() -> integer:\nmatch\n  let $five = 5;\nreturn first $five;\nmatch $x isa a;\n",
			"redefine fun five() -> integer:\nmatch let $five = 5;\nreturn first $five;\nmatch $x isa a;",
		}, file(&DefineQuery{Kind: Redefine, Stmts: []Stmt{&FunStmt{Name: "five",
			Sig:    &FunSig{Output: []*FunType{{Name: "integer"}}},
			Stages: []*FunStage{{Keyword: "match", Patterns: []*FunPattern{{Kind: FunStatement, Vars: []*Var{vr("$five")}}}}},
			Return: &FunReturn{Form: "first", Vars: []*Var{vr("$five")}},
		}}}, &OtherQuery{Keyword: "match"}),
		},
		// typeql.pest redefinable_type: a label, then its annotations or
		// one capability, a comma allowed before either.
		{"redefine", []string{
			"redefine entity person @abstract; person owns name @card(0..2); attribute age value integer; employment relates employee as worker; person plays employment:employee @card(1..);",
			"redefine\nentity person, @abstract;\nperson, owns name @card(0..2);\nattribute age, value integer;\nemployment, relates employee as worker;\nperson, plays employment:employee @card(1..);",
		}, file(&DefineQuery{Kind: Redefine, Stmts: []Stmt{
			&TypeStmt{Kind: "entity", Subject: ref("person"), Annotations: annots("abstract")},
			ts("person", owns("name", "", "card(0..2)")),
			&TypeStmt{Kind: "attribute", Subject: ref("age"), Props: []Prop{&ValueTypeProp{Type: "integer"}}},
			ts("employment", relates("employee", "worker")),
			ts("person", &PlaysProp{Role: ref("employment:employee"), Annots: annots("card(1..)")}),
		}}),
		},
		{"redefine-empty", []string{"redefine", "redefine\n# nothing\n"}, file(&DefineQuery{Kind: Redefine})},
		// typeql.pest definition_struct: fields with a comma between them,
		// one after the last allowed; "?" marks an optional field.
		{"struct", []string{
			"define struct coords: lat value double, long value double?, name value string;",
			"define struct coords:lat value double,long value double?,name value string;",
			"define\nstruct coords:\n  lat value double,\n  long value double ?,\n  name value string,\n;",
		}, file(def(&StructStmt{Name: "coords", Fields: []*StructField{
			{Name: "lat", Type: "double"}, {Name: "long", Type: "double", Optional: true}, {Name: "name", Type: "string"},
		}})),
		},
		// A 1.x or 2.x type may be labelled struct.
		{"struct-label", []string{"define struct sub entity, has name;"}, file(def(ts("struct", sub("entity"), has("name"))))},
		{"typeql-3", []string{
			"define entity person @abstract, owns name @card(0..), owns tags[]; attribute name, value string @regex(\"^a\");",
		}, file(def(
			&TypeStmt{Kind: "entity", Subject: ref("person"), Annotations: annots("abstract"),
				Props: []Prop{owns("name", "", "card(0..)"), &OwnsProp{Attr: ref("tags"), List: true}}},
			&TypeStmt{Kind: "attribute", Subject: ref("name"),
				Props: []Prop{&ValueTypeProp{Type: "string", Annots: annots(`regex("^a")`)}}},
		)),
		},
	} {
		for _, src := range tc.srcs {
			f, diags := Parse(tc.name, []byte(src))
			if len(diags) > 0 {
				t.Errorf("%s: %q: %v", tc.name, src, diags)
				continue
			}
			if diff := cmp.Diff(tc.want, f, ignorePositions); diff != "" {
				t.Errorf("%s: %q: tree (-want +got):\n%s", tc.name, src, diff)
			}
			for _, e := range checkTree(src, f) {
				t.Errorf("%s: %q: %s", tc.name, src, e)
			}
		}
	}
}

func TestDialect(t *testing.T) {
	for _, tc := range []struct {
		src      string
		want     Dialect
		features string // names in source order
	}{
		{"define person sub entity;", AnyDialect, ""},
		{"define person sub entity has name;", Graql10, "no-comma has-type"},
		{"define e sub relationship, relates r; x sub entity, is-abstract;", Graql10, "relationship is-abstract"},
		{"define a sub attribute, datatype date;", Graql10 | Graql15, "datatype date"},
		{"define a sub attribute, datatype string; r sub relation, relates x;", Graql15, "datatype relation"},
		{"define a sub attribute, value datetime; p sub entity, has a;", Graql18, "value-type datetime has-type"},
		{"define a sub attribute, value long, regex \"x\";", Graql18 | TypeQL2, "value-type long regex-string"},
		{"define p sub entity, owns a @key, plays m:r;", TypeQL2 | TypeQL3, "owns @key scoped-role"},
		{"define rule r: when { $x isa p; } then { $x has a 1; };", TypeQL2, "rule-decl"},
		{"define r sub rule, when { $x has a $v via $r; }, then { $x has b 1; };", Graql10 | Graql15, "sub-rule rule-props via"},
		{"define entity p @abstract;", TypeQL3, "kind annotation"},
		{"define \"a b\" sub entity;", Graql10 | Graql15, "quoted-label"},
		{"define p sub entity, key a; q sub entity, owns b;", 0, "key owns"},
		{"define", TypeQL3, "empty-query"},
		{"define dog; dog @abstract;", TypeQL3, "bare-label annotation"},
		{"undefine person;", TypeQL3, "undefine-label"},
		{"undefine owns name from person; @key from person owns email;", TypeQL3, "owns undefine-from"},
		{"undefine fun f; struct s; as r from t relates q;", TypeQL3, "undefine-from"},
		{"undefine person owns name;", TypeQL2, "undefine-props owns"},
		{"define $t sub entity;", AnyGraql1 | TypeQL2, "type-var"},
		{"define $p isa person, has name \"x\";", Graql10, "type-var instance-in-define"},
		{"define entity parrot plays person;", 0, "kind plays-unscoped"},
		// A file that declares relationship: sub relationship names that
		// type and is no ≤1.4 evidence, so a 3.x comma after the subject's
		// annotation stays legal.
		{"define relation relationship, relates p; relation engagement @abstract, sub relationship;", TypeQL3, "kind comma-first annotation"},
		{"define relationship sub relation, relates p; engagement sub relationship;", Graql15 | Graql18 | TypeQL2 | TypeQL3, "relation"},
	} {
		f, diags := Parse("d", []byte(tc.src))
		if diags.HasErrors() {
			t.Errorf("%q: %v", tc.src, diags)
			continue
		}
		var names []string
		for _, ft := range f.Features {
			names = append(names, ft.Name)
		}
		if got := strings.Join(names, " "); got != tc.features {
			t.Errorf("%q: features %q, want %q", tc.src, got, tc.features)
		}
		if f.Dialect() != tc.want {
			t.Errorf("%q: dialect %v, want %v", tc.src, f.Dialect(), tc.want)
		}
	}
}

// TestComments checks where comments go, rendering each commented node as
// "Type@line:col doc=[…] line=[…]" and each Last list.
func TestComments(t *testing.T) {
	src := `# header
define # after define

# floating

# doc of person
person sub entity, # line of sub
    # doc of has
    has name, has age # line of has age
    ; # line of person
rule r: when {
  # doc of stmt
  $x isa person; # line stmt
  # last of when
} then { $x has name "a"; };
# doc of insert
insert $x isa person; # line of insert
match $x isa person; # inside the match text
insert $y isa thing;

# eof 1
# eof 2
`
	want := `DefineQuery@2:1 doc=[# header]
TypeStmt@7:1 doc=[# after define|+# floating|+# doc of person] line=[# line of person]
SubProp@7:8 line=[# line of sub]
HasProp@9:5 doc=[# doc of has]
HasProp@9:15 line=[# line of has age]
PatternStmt@13:3 doc=[# doc of stmt] line=[# line stmt]
Block@11:14 last=[# last of when]
OtherQuery@17:1 doc=[# doc of insert] line=[# line of insert]
File last=[+# eof 1|# eof 2]
`
	checkCommentPlacement(t, src, want)

	// Own-line comments between a property and the ";" after it join that
	// property's Line, which is where the printer writes them back.
	src = "define A sub#\nA#\n# more\n;"
	want = `SubProp@1:10 line=[#|#|# more]
`
	checkCommentPlacement(t, src, want)
}

// TestCommentLastStatement: the comment after the last statement of a
// define belongs to that statement, not to the query that ends with it,
// so that it moves with the statement (convert merges define queries).
func TestCommentLastStatement(t *testing.T) {
	src := "define\nb sub entity;\nc sub entity; # about c\n"
	want := "TypeStmt@3:1 line=[# about c]\n"
	checkCommentPlacement(t, src, want)
	// A define with no statement keeps a comment after its keyword.
	src = "define # empty\ninsert $x isa c;\n"
	f, _ := Parse("c", []byte(src))
	if q := f.Queries[0].(*DefineQuery); q.Line == nil || q.Line.List[0].Text != "# empty" {
		t.Errorf("comment after an empty define's keyword not kept on the query: %+v", q.Trivia)
	}
}

// TestCommentBeforeFirstComma: comments between a subject and the ","
// before its first property document that property, in source order.
func TestCommentBeforeFirstComma(t *testing.T) {
	src := "define\nA0 # one\n, # two\nrelates A;\n"
	want := "RelatesProp@4:1 doc=[# one|# two]\n"
	checkCommentPlacement(t, src, want)
}

func TestCommentsBetweenQueries(t *testing.T) {
	src := "define\na sub entity;\n# closes the define\n\n# also closes it\n\n# insert doc\ninsert $x isa a;\n# eof\n"
	want := "DefineQuery@1:1 last=[# closes the define] last=[+# also closes it]\nOtherQuery@8:1 doc=[+# insert doc]\nFile last=[# eof]\n"
	checkCommentPlacement(t, src, want)
}

// checkCommentPlacement renders where comments went and compares.
func checkCommentPlacement(t *testing.T, src, want string) {
	t.Helper()
	f, diags := Parse("c", []byte(src))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var b strings.Builder
	group := func(g *CommentGroup) string {
		var parts []string
		for _, c := range g.List {
			p := c.Text
			if c.BlankBefore {
				p = "+" + p
			}
			parts = append(parts, p)
		}
		s := strings.Join(parts, "|")
		if g.BlankBefore {
			s = "+" + s
		}
		return "[" + s + "]"
	}
	var stack []Node
	Inspect(f, func(n Node) bool {
		if n == nil {
			n, stack = stack[len(stack)-1], stack[:len(stack)-1]
			switch n := n.(type) {
			case *Block:
				for _, g := range n.Last {
					fmt.Fprintf(&b, "Block@%v last=%s\n", n.Pos(), group(g))
				}
			case *File:
				for _, g := range n.Last {
					fmt.Fprintf(&b, "File last=%s\n", group(g))
				}
			case *DefineQuery:
				if len(n.Last) > 0 {
					fmt.Fprintf(&b, "DefineQuery@%v", n.Pos())
					for _, g := range n.Last {
						fmt.Fprintf(&b, " last=%s", group(g))
					}
					b.WriteString("\n")
				}
			}
			return true
		}
		stack = append(stack, n)
		if n, ok := n.(Commented); ok {
			tr := n.Comments()
			if tr.Doc == nil && tr.Line == nil {
				return true
			}
			b.WriteString(strings.TrimPrefix(fmt.Sprintf("%T@%v", n, n.Pos()), "*grammar."))
			if tr.Doc != nil {
				b.WriteString(" doc=" + group(tr.Doc))
			}
			if tr.Line != nil {
				b.WriteString(" line=" + group(tr.Line))
			}
			b.WriteString("\n")
		}
		return true
	})
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	for _, e := range checkTree(src, f) {
		t.Error(e)
	}
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct{ word, want string }{
		{"hass", "has"}, {"plyas", "plays"}, {"relats", "relates"}, {"kye", "key"},
		{"datatyp", "datatype"}, {"xyz", ""}, {"has", ""}, {"abstrct", "abstract"},
	} {
		if got := suggest(tc.word, keywordList); got != tc.want {
			t.Errorf("suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"key", "", 3},
		{"", "key", 3},
		{"key", "key", 0},
		{"kye", "key", 1},   // transposition
		{"hass", "has", 1},  // deletion
		{"owsn", "owns", 1}, // transposition
		{"relatse", "relates", 1},
		{"persn", "person", 1},
		{"ca", "abc", 3}, // OSA: no edit of a transposed pair
		{"personne", "person", 2},
		{"étoile", "etoile", 1}, // runes, not bytes
	} {
		if got := EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := EditDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d (symmetry)", tc.b, tc.a, got, tc.want)
		}
	}
}

// TestListEnd: a 3.x list marker may be written "[ ]" or over two lines;
// the property still ends just past its "]".
func TestListEnd(t *testing.T) {
	for _, src := range []string{
		"define\nentity p, owns n [ ];\n",
		"define\nentity p, owns n[];\n",
		"define\nrelation r, relates x [\n];\n",
	} {
		f, diags := Parse("x.tql", []byte(src))
		if diags.HasErrors() {
			t.Fatalf("%q: %v", src, diags)
		}
		props := f.Queries[0].(*DefineQuery).Stmts[0].(*TypeStmt).Props
		end := props[0].End()
		if end.Offset < 1 || end.Offset > len(src) || src[end.Offset-1] != ']' {
			t.Errorf("%q: property ends at %v, not just past \"]\"", src, end)
		}
		if want := strings.Index(src, "]") + 1; end.Offset != want {
			t.Errorf("%q: property ends at offset %d, want %d", src, end.Offset, want)
		}
	}
}

// TestBOMAndCRLF: a file saved with a byte order mark and CRLF line ends
// parses like any other, and its comments do not keep the "\r".
func TestBOMAndCRLF(t *testing.T) {
	src := "\uFEFFdefine\r\nperson sub entity, # c\r\n  owns name;\r\n# end\r\n"
	f, diags := Parse("w.tql", []byte(src))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if q, ok := f.Queries[0].(*DefineQuery); !ok || q.Keyword.Col != 2 || len(q.Stmts) != 1 {
		t.Fatalf("want one define query at 1:2 (after the BOM) with one statement, got %+v", f.Queries[0])
	}
	for _, e := range checkTree(src, f) {
		t.Error(e)
	}
	var texts []string
	Inspect(f, func(n Node) bool {
		if c, ok := n.(*Comment); ok {
			texts = append(texts, c.Text)
		}
		return true
	})
	if strings.Join(texts, "|") != "# c|# end" {
		t.Errorf("comments %q, want [# c # end] without \\r", texts)
	}
}

// TestLongStatementWindows parses statements longer than the first
// window, at every alignment of the window's end with their properties
// or fields: a property or field cut short by the window must not be
// reported as a syntax error of the whole statement.
func TestLongStatementWindows(t *testing.T) {
	var srcs []string
	for n := firstWindow/3 - 8; n <= firstWindow/3+2; n++ {
		srcs = append(srcs,
			"define\nentity b"+strings.Repeat(", owns c", n)+strings.Repeat(", plays r:x", 10)+";\n",
			"define\nb sub entity"+strings.Repeat(", owns c @card(1..2)", n/2)+strings.Repeat(", plays r:x", 10)+";\n")
	}
	for n := firstWindow/4 - 4; n <= firstWindow/4+2; n++ {
		srcs = append(srcs, "define\nstruct s: "+strings.Repeat("a value integer, ", n)+"b value string;\n")
	}
	for _, src := range srcs {
		if _, diags := Parse("long.tql", []byte(src)); len(diags) > 0 {
			t.Errorf("%d tokens: %v", strings.Count(src, " ")+strings.Count(src, ","), diags[0])
		}
	}
}
