package load

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
)

// Small schemas of every verdict, shared with the command-level table test
// (cmd/tqlmig/loader_test.go reads the same texts from testdata/).
var (
	v14 = "define\nperson sub entity is-abstract has name;\nname sub attribute datatype string;\n"
	v18 = "define\nemployee sub person, has name;\nperson sub entity;\nname sub attribute, value string;\n"
	// value date: date is ≤1.7, value is 1.8: no 1.x version accepts both.
	valueDate = "define\nperson sub entity, has name;\nname sub attribute, value date;\n"
	// A 2.x schema declaring a type named relationship, the ≤1.4 root.
	rel2 = "define\nrelationship sub relation, relates x;\nengagement sub relationship, relates a;\nperson sub entity, owns name, plays engagement:a;\nname sub attribute, value string;\n"
	v3   = "define\nentity person, owns name @card(0..1);\nattribute name, value string;\n"
	g0   = "insert\nperson sub entity-type,\n  has-resource name;\nname sub resource-type, datatype string;\n"
)

func load(opt Options, files ...string) *Schema {
	var in []Input
	for i := 0; i+1 < len(files); i += 2 {
		in = append(in, Input{Name: files[i], Src: []byte(files[i+1])})
	}
	return Load(in, opt)
}

// codes renders the errors as "file:line:col code" for comparison.
func codes(l diag.List) string {
	var out []string
	for _, d := range l.Errors() {
		out = append(out, d.Where()+" "+d.Code)
	}
	return strings.Join(out, "; ")
}

func TestVerdict(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string
		opt   Options
		lang  Lang
		errs  string
		msg   string // in the first error's message, when set
	}{
		{"two 1.x dialects", []string{"a.gql", v14, "b.gql", v18}, Options{}, Graql1, "", ""},
		{"value date", []string{"d.gql", valueDate}, Options{}, Graql1, "d.gql:3:27 mixed-dialect", `"value date": write "value datetime" (Grakn 1.8) or "datatype date" (Grakn 1.5–1.7)`},
		{"owns in a 1.x file", []string{"o.gql", "define\nperson sub entity, has name, plays employee, owns nick;\nname sub attribute, value string;\n"}, Options{}, Graql1,
			"o.gql:2:46 mixed-dialect", `"owns" is not Graql 1.x, which the rest of o.gql is written in`},
		{"datatype with value", []string{"v.gql", "define\nname sub attribute, value string;\nnick sub attribute, datatype string;\n"}, Options{}, Graql1,
			"v.gql:3:21 mixed-dialect", `no Graql 1.x version accepts "datatype" together with "value"`},
		{"relationship as a 2.x label", []string{"r.tql", rel2}, Options{}, TypeQL2, "", ""},
		{"3.x", []string{"s.tql", v3}, Options{}, TypeQL3, "", ""},
		{"0.x insert", []string{"g.gql", g0}, Options{}, Grakn0, "g.gql:2:12 grakn-0", "Grakn 0.x schema"},
		{"0.x in a define", []string{"g.gql", "define\nperson sub entity-type, plays-role x;\n"}, Options{}, Grakn0, "g.gql:2:12 grakn-0", `"sub entity-type"`},
		{"0.x insert with 1.x roots", []string{"g.gql", "insert\n# types\nperson sub entity\n  plays owner;\nname sub resource datatype string;\n"}, Options{}, Grakn0, "g.gql:3:1 grakn-0", `"insert … person sub"`},
		{"0.x insert, second statement", []string{"g.gql", "define\nx sub entity;\ninsert $a isa x;\ninsert\n$b isa x; name sub resource;\n"}, Options{}, Grakn0, "g.gql:5:11 grakn-0", `"insert … name sub"`},
		{"1.x inserts with sub in a string and a variable", []string{"g.gql", "define\nx sub entity, has n;\nn sub attribute, datatype string;\ninsert $sub isa x, has n \"a; b sub c\";\n$y sub x;\n"}, Options{}, Graql1, "", ""},
		{"0.x word declared as a label", []string{"l.tql", "define\nhas-role sub attribute, value string;\nperson sub entity, owns has-role;\n"}, Options{}, TypeQL2, "", ""},
		{"empty", []string{"e.gql", ""}, Options{}, NoLang, "e.gql:1:1 no-schema", "is empty or holds only comments"},
		{"comments only", []string{"e.gql", "# a comment\n\n"}, Options{}, NoLang, "e.gql:1:1 no-schema", "is empty or holds only comments"},
		{"data only", []string{"e.gql", "insert $x isa person;\n"}, Options{}, NoLang, "e.gql:1:1 no-schema", "only data queries"},
		{"1.x and 2.x", []string{"a.gql", v18, "r.tql", rel2}, Options{}, NoLang, "r.tql:4:20 mixed-languages", "r.tql is TypeQL 2.x, but a.gql is Graql 1.x"},
		{"vet given 1.x", []string{"a.gql", v18}, Options{Command: "vet", Accept: []Lang{TypeQL2}, Advice: map[Lang]string{Graql1: "run tqlmig convert first"}},
			Graql1, "a.gql:2:22 wrong-language", "this is Graql 1.x; run tqlmig convert first"},
		{"convert given 3.x", []string{"s.tql", v3}, Options{Command: "convert", Accept: []Lang{Graql1, TypeQL2}}, TypeQL3, "s.tql:2:1 wrong-language", "convert reads Graql 1.x and TypeQL 2.x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := load(tc.opt, tc.files...)
			if s.Verdict.Lang != tc.lang {
				t.Errorf("verdict %v, want %v", s.Verdict, tc.lang)
			}
			if got := codes(s.Diags); got != tc.errs {
				t.Errorf("errors %q, want %q\n%v", got, tc.errs, s.Diags)
			}
			if tc.msg != "" && (len(s.Diags.Errors()) == 0 || !strings.Contains(s.Diags.Errors()[0].Message, tc.msg)) {
				t.Errorf("first error %v, want it to say %q", s.Diags, tc.msg)
			}
		})
	}
}

func TestModel(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string
		types int
	}{
		{"1.x", []string{"a.gql", v14, "b.gql", v18}, 3},
		{"2.x", []string{"r.tql", rel2}, 4},
		{"3.x", []string{"s.tql", v3}, 2},
	} {
		s := load(Options{Model: true}, tc.files...)
		if s.Model == nil || s.ModelDiags.HasErrors() {
			t.Errorf("%s: no model: %v %v", tc.name, s.Diags, s.ModelDiags)
			continue
		}
		n := 0
		for _, ty := range s.Model.Types() {
			if !ty.IsRoot() && ty.Label != "" && !strings.Contains(ty.Key(), ":") {
				n++
			}
		}
		if n != tc.types {
			t.Errorf("%s: %d types, want %d", tc.name, n, tc.types)
		}
	}
}

// TestSettle: a file every language accepts is read as the target's
// language, or as one the command reads.
func TestSettle(t *testing.T) {
	neutral := "define\nperson sub entity;\n"
	if s := load(Options{}, "s", neutral); s.Verdict.Lang != TypeQL2 {
		t.Errorf("no target: %v, want TypeQL 2.x", s.Verdict)
	}
	if s := load(Options{Target: version.MustParse("1.8")}, "s", neutral); s.Verdict.Lang != Graql1 {
		t.Errorf("--to 1.8: %v, want Graql 1.x", s.Verdict)
	}
	if s := load(Options{Accept: []Lang{Graql1}}, "s", neutral); s.Verdict.Lang != Graql1 || !s.OK() {
		t.Errorf("a command reading Graql 1.x: %v %v, want Graql 1.x without error", s.Verdict, s.Diags)
	}
}

// TestRepaired: a comma left out in a 1.5+ file is a warning convert
// repairs, not an error.
func TestRepaired(t *testing.T) {
	s := load(Options{}, "c.gql", "define\nperson sub entity has name;\nname sub attribute, value string;\n")
	if !s.OK() || len(s.Repaired()) != 1 {
		t.Errorf("diags %v, repaired %v; want one repaired comma", s.Diags, s.Repaired())
	}
}

// TestReadFileTooLarge: a regular file over the cap is refused without
// reading it (a sparse file costs no disk).
func TestReadFileTooLarge(t *testing.T) {
	name := filepath.Join(t.TempDir(), "big.gql")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxSchemaBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var tl *TooLargeError
	if _, err := ReadFile(name); !errors.As(err, &tl) {
		t.Fatalf("ReadFile of a file over the cap: %v, want a TooLargeError", err)
	}
}
