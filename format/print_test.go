package format

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
)

// TestPrintBuilt prints hand-built trees, so the printer is tested apart
// from the parser.
func TestPrintBuilt(t *testing.T) {
	tests := []struct {
		name string
		f    *grammar.File
		opts []Option
		want string
	}{{
		name: "one property on one line, more one per line",
		f: file(define(
			ts("organisation", sub("entity")),
			ts("name", sub("attribute"), value("string")),
			ts("person", sub("entity"), has("name"), plays("employee")),
		)),
		want: "define\norganisation sub entity;\nname sub attribute,\n    value string;\nperson sub entity,\n    has name,\n    plays employee;\n",
	}, {
		name: "comments and blank lines",
		f: func() *grammar.File {
			f := file(withDoc(define(
				blankBefore(withDoc(ts("person", sub("entity"),
					withLine(has("name"), "# the name"),
					withDoc(plays("employee"), "# roles"),
				), "# people")),
				withLine(ts("company", sub("entity")), "# firms"),
			), "# header"))
			f.Queries[0].(*grammar.DefineQuery).Last = []*grammar.CommentGroup{group("# end of define")}
			g := group("# eof")
			g.BlankBefore = true
			f.Last = []*grammar.CommentGroup{g}
			return f
		}(),
		want: `# header
define

# people
person sub entity,
    has name, # the name
    # roles
    plays employee;
company sub entity; # firms
# end of define

# eof
`,
	}, {
		name: "1.x rule with when and then",
		f: file(define(ts("r", sub("rule"),
			when(
				rel("$bi", []string{"born-in_place-of-birth:$l", "born-in_child:$p"}, isa("born-in")),
				st("$p", isa("person"), hasVar("date-of-birth", "$dob")),
				not(st("$p", hasVar("end-date", "$d"))),
				not(st("$p", isa("x")), cmpStmt("$a", "!==", vr("$b"))),
			),
			then(st("$p", hasLit("is-current", "true", grammar.BoolLit))),
		))),
		want: `define
r sub rule,
    when {
        $bi (born-in_place-of-birth: $l, born-in_child: $p) isa born-in;
        $p isa person, has date-of-birth $dob;
        not { $p has end-date $d; };
        not {
            $p isa x;
            $a !== $b;
        };
    }, then {
        $p has is-current true;
    };
`,
	}, {
		name: "2.x rule, disjunction",
		f: file(define(rule("r",
			pats(
				rel("", []string{"a:$x", "$y"}, isa("t")),
				or(pats(st("$x", isa("a"))), pats(st("$x", isa("b")))),
				or(pats(st("$x", isa("a")), st("$y", isa("b"))), pats(st("$x", isa("c")))),
			),
			pats(st("$x", &grammar.HasValueProp{Var: vr("$v")})),
		))),
		want: `define
rule r: when {
    (a: $x, $y) isa t;
    { $x isa a; } or { $x isa b; };
    {
        $x isa a;
        $y isa b;
    } or {
        $x isa c;
    };
} then {
    $x has $v;
};
`,
	}, {
		name: "undefine rule, owns annotations, scoped plays",
		f: file(
			undefine(&grammar.RuleStmt{Label: ref("r")}),
			define(ts("person", sub("entity"), owns("email", "@key"), plays("marriage:spouse"))),
		),
		want: "undefine\nrule r;\ndefine\nperson sub entity,\n    owns email @key,\n    plays marriage:spouse;\n",
	}, {
		name: "3.x kinds and annotations",
		f: file(define(
			&grammar.TypeStmt{Kind: "entity", Subject: ref("person"), Annotations: annots("@abstract")},
			&grammar.TypeStmt{Kind: "entity", Subject: ref("student"), Props: []grammar.Prop{sub("person")}},
			&grammar.TypeStmt{Kind: "attribute", Subject: ref("email"), Props: []grammar.Prop{
				&grammar.ValueTypeProp{Type: "string", Annots: annots(`@regex(".*@.*")`)}}},
			&grammar.TypeStmt{Kind: "entity", Subject: ref("user"), Props: []grammar.Prop{
				owns("email", "@card(0..)"), plays("marriage:spouse")}},
		)),
		opts: []Option{WithLang(3)},
		want: `define
entity person @abstract;
entity student sub person;
attribute email, value string @regex(".*@.*");
entity user,
    owns email @card(0..),
    plays marriage:spouse;
`,
	}, {
		name: "legacy spellings kept in lang 1",
		f: file(define(
			ts(`"drilling site"`, sub("entity"), isAbstract(), has("depth")),
			ts("depth", sub("attribute"), datatype("long"), regex(`/[0-9]+/`)),
		)),
		opts: []Option{WithLang(1)},
		want: "define\n\"drilling site\" sub entity,\n    is-abstract,\n    has depth;\ndepth sub attribute,\n    datatype long,\n    regex /[0-9]+/;\n",
	}, {
		name: "server style drops comments",
		f: file(define(
			withDoc(ts("b", sub("entity")), "# doc"),
		)),
		opts: []Option{WithStyle(Server), WithLang(2)},
		want: "define\nb sub entity;\n",
	}, {
		name: "struct from its fields, redefine",
		f: file(define(&grammar.StructStmt{Name: "coords", Fields: []*grammar.StructField{
			{Name: "lat", Type: "double"}, {Name: "long", Type: "double", Optional: true},
		}}), &grammar.DefineQuery{Kind: grammar.Redefine, Stmts: []grammar.Stmt{
			ts("person", owns("name", "@card(0..2)")),
		}}),
		opts: []Option{WithLang(3)},
		want: "define\nstruct coords: lat value double, long value double?;\nredefine\nperson owns name @card(0..2);\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Print(&b, tt.f, tt.opts...); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestPrintRefuses checks that every construct a language cannot express is
// refused with an *Error naming it, rather than printed wrongly.
func TestPrintRefuses(t *testing.T) {
	tests := []struct {
		lang int
		n    grammar.Node
		want string // substring of the message
	}{
		{2, has("name"), `1.x "has"`},
		{2, key("email"), `1.x "key"`},
		{2, datatype("string"), `"datatype"`},
		{2, value("date"), `value type "date"`},
		{2, isAbstract(), `"is-abstract"`},
		{2, plays("spouse"), `unscoped "plays role"`},
		{2, ts("r", sub("rule"), when(st("$x", isa("t"))), then(st("$x", isa("u")))), `1.x rule body`},
		{2, ts(`"full name"`, sub("attribute")), "quoted label"},
		{2, ts("@has-name", has("confidence")), "implicit type label"},
		{2, regex("/a+/"), "regex"},
		{2, cmpStmt("$a", "!==", vr("$b")), `"!=="`},
		{2, st("$x", &grammar.HasValueProp{Attr: ref("name"), Var: vr("$n"), Via: vr("$r")}), `"via"`},
		{2, st("$x", &grammar.IDProp{Value: "V123"}), `1.x "id"`},
		{2, owns("tags", "@card(0..)"), `"@card"`},
		{1, owns("email", "@key"), `"owns"`},
		{1, plays("marriage:spouse"), `scoped "plays rel:role"`},
		{1, rule("r", pats(st("$x", isa("t"))), pats(st("$x", isa("u")))), `2.x rule`},
		{1, st("$x", &grammar.IsProp{Var: vr("$y")}), `"is"`},
		{1, cmpStmt("?v", "==", vr("$x")), "value variable"},
		{1, &grammar.TypeStmt{Kind: "entity", Subject: ref("person")}, "kind keyword"},
		{3, abstract(), `"abstract"`},
		{3, value("long"), `"long"`},
		{3, rule("r", pats(st("$x", isa("t"))), pats(st("$x", isa("u")))), `2.x rule`},
		{3, regex(`"a+"`), `"regex"`},
		{2, &grammar.DefineQuery{Kind: grammar.Redefine, Stmts: []grammar.Stmt{ts("person", owns("name", "@card(0..2)"))}}, "a redefine"},
		{2, &grammar.StructStmt{Name: "s", Fields: []*grammar.StructField{{Name: "a", Type: "string"}}}, "a struct"},
		{2, &grammar.DefineQuery{Kind: grammar.Undefine}, "an undefine with no statement"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		err := Node(&b, tt.n, WithLang(tt.lang))
		var fe *Error
		if !errors.As(err, &fe) {
			t.Errorf("Node(%T, WithLang(%d)) = %v, want an *Error", tt.n, tt.lang, err)
			continue
		}
		if !strings.Contains(fe.Msg, tt.want) || !strings.Contains(fe.Msg, langName(tt.lang)) {
			t.Errorf("Node(%T, WithLang(%d)) error %q, want it to mention %s and %s", tt.n, tt.lang, fe.Msg, tt.want, langName(tt.lang))
		}
		// The same node prints without a target language.
		if err := Node(&b, tt.n); err != nil {
			t.Errorf("Node(%T) without Lang: %v", tt.n, err)
		}
	}
}

// TestErrorPosition checks that a refusal points at the node.
func TestErrorPosition(t *testing.T) {
	h := has("name")
	h.Has = grammar.Pos{Offset: 30, Line: 3, Col: 5}
	f := file(define(ts("person", sub("entity"), h)))
	err := Print(&bytes.Buffer{}, f, WithLang(2))
	if err == nil || !strings.HasPrefix(err.Error(), "t.gql:3:5: ") {
		t.Fatalf("error %v, want it to start with t.gql:3:5", err)
	}
}

func TestBadOptions(t *testing.T) {
	f := file(define(ts("a", sub("entity"))))
	for _, o := range []Option{WithLang(4), WithLang(-1), WithStyle(Style(7))} {
		if err := Print(&bytes.Buffer{}, f, o); err == nil {
			t.Errorf("Print with a bad option: no error")
		}
	}
	if err := Print(&bytes.Buffer{}, f, WithLang(3), WithStyle(Server)); err == nil {
		t.Errorf("server style for 3.x: no error")
	}
}

// TestServerBuilt checks the 1.x export layout on a small merged schema:
// hierarchy, key/has order, inherited properties left out, two files merged.
func TestServerBuilt(t *testing.T) {
	f1 := file(define(
		ts("name", sub("attribute"), value("string")),
		ts("forename", sub("name")),
		ts("age", sub("attribute"), value("long")),
		ts("person", sub("entity"), key("email"), has("forename"), has("age"), plays("parent")),
		ts("email", sub("attribute"), value("string"), regex(`"@"`)),
		ts("child", sub("person"), has("age"), plays("child"), plays("parent")),
		ts("parentship", sub("relation"), relates("parent"), relates("child")),
		ts("r", sub("rule"), when(st("$x", isa("person"))), then(st("$x", hasLit("age", "1", grammar.IntLit)))),
	))
	f2 := file(
		define(ts("person", plays("spouse")), ts("gone", sub("entity"))),
		undefine(ts("gone", sub("entity"))),
	)
	want := `define

age sub attribute,
    value long;

email sub attribute,
    value string;

name sub attribute,
    value string;

    forename sub name,
        value string;

person sub entity,
    key email,
    has age,
    has forename,
    plays parent,
    plays spouse;

    child sub person,
        plays child;

parentship sub relation,
    relates child,
    relates parent;

r sub rule,
    when {
        $x isa person;
    }, then {
        $x has age 1;
    };



`
	var b bytes.Buffer
	if err := Files(&b, []*grammar.File{f1, f2}, WithStyle(Server)); err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
