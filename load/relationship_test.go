package load

import (
	"bytes"
	"testing"

	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/rewrite"
)

// TestRelationshipVerdictDrivesRewrite: whether "relationship" is the ≤1.4
// root or a user's label is decided by the verdict alone, and convert
// follows it (rewrite.Options.Dialects).
func TestRelationshipVerdictDrivesRewrite(t *testing.T) {
	for _, tc := range []struct {
		name    string
		files   []string
		root    bool   // the verdict admits Grakn 1.0–1.4 for every file
		printed string // in the converted schema
	}{
		{"≤1.4 root", []string{"a.gql", "define\nmarriage sub relationship, relates spouse;\nperson sub entity, plays spouse;\n"},
			true, "marriage sub relation"},
		{"a 1.x file declaring the label", []string{"b.gql", "define\nrelationship sub entity, plays friend;\nfriendship sub relation, relates friend;\n"},
			false, "relationship sub entity"},
		{"declared, used as a supertype", []string{"c.gql", "define\nrelationship sub entity;\nengagement sub relationship;\nname sub attribute, datatype string;\n"},
			false, "engagement sub relationship"},
		{"declared, nothing else", []string{"f.gql", "define\nrelationship sub entity, has name;\nname sub attribute, datatype string;\n"},
			false, "relationship sub entity"},
		{"declared in another file, named in a rule", []string{"g.gql", "define\nrelationship sub entity, has name;\nname sub attribute, datatype string;\n",
			"h.gql", "define\nnamed sub rule, when { $r isa relationship; }, then { $r has name \"x\"; };\n"},
			false, "$r isa relationship"},
		{"declared in another file", []string{"d.gql", "define\nrelationship sub entity;\n", "e.gql", "define\nengagement sub relationship;\nname sub attribute, datatype string;\n"},
			false, "engagement sub relationship"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := load(Options{}, tc.files...)
			if s.Diags.HasErrors() || s.Verdict.Lang != Graql1 {
				t.Fatalf("verdict %v: %v", s.Verdict, s.Diags)
			}
			root := true
			for _, d := range s.Verdict.Files {
				root = root && d&grammar.Graql10 != 0
			}
			if root != tc.root {
				t.Errorf("verdict %v admits the ≤1.4 root: %v, want %v", s.Verdict.Files, root, tc.root)
			}
			res, errs := rewrite.Convert(s.Files, rewrite.Options{Target: rewrite.DefaultTarget, Dialects: s.Verdict.Files})
			if res == nil {
				t.Fatal(errs)
			}
			var buf bytes.Buffer
			if err := format.Print(&buf, res.Schema, format.WithLang(2)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(buf.Bytes(), []byte(tc.printed)) {
				t.Errorf("converted schema lacks %q:\n%s", tc.printed, buf.String())
			}
		})
	}
}
