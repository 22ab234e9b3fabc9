package grammar

import "testing"

// TestKindBeforeKeywordLabel: in 3.x a kind may be followed by a label
// spelt like a property keyword ("attribute value, value double;"); it is
// a label when a ",", ";" or annotation follows it. A 1.x statement whose
// subject is a kind keyword ("entity sub thing;") keeps it a subject.
func TestKindBeforeKeywordLabel(t *testing.T) {
	for _, tc := range []struct {
		src           string
		kind, subject string
	}{
		{"define attribute value, value double;", "attribute", "value"},
		{"define attribute value;", "attribute", "value"},
		{"define attribute type @abstract, value string;", "attribute", "type"},
		{"define entity sub thing;", "", "entity"},
		{"define relation sub entity, relates x;", "", "relation"},
		{"define entity abstract;", "", "entity"},
		// A kind, then a keyword as the label, then a property with its
		// argument: the keyword is the label (issue 14: convert --to 3
		// writes this for a 2.x attribute type named value).
		{"define attribute value sub stix-attribute-string;", "attribute", "value"},
		{"define attribute value value string;", "attribute", "value"},
		{"define entity type sub thing-type;", "entity", "type"},
		{"define entity end, owns value;", "entity", "end"},
		{"define attribute value string;", "", "attribute"},
	} {
		f, diags := Parse("k.tql", []byte(tc.src))
		if diags.HasErrors() {
			t.Errorf("%q: %v", tc.src, diags)
			continue
		}
		s, ok := f.Queries[0].(*DefineQuery).Stmts[0].(*TypeStmt)
		if !ok {
			t.Errorf("%q: not a type statement", tc.src)
			continue
		}
		if s.Kind != tc.kind || s.Subject.Name != tc.subject {
			t.Errorf("%q: kind %q subject %q, want %q %q", tc.src, s.Kind, s.Subject.Name, tc.kind, tc.subject)
		}
	}
}
