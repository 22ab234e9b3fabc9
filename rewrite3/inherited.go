package rewrite3

import (
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

var inheritedCapability = &Rule{
	Name: "inherited-capability",
	Doc: `a repeated inherited owns, plays or value type is dropped

	person sub entity, owns name;    →   entity person, owns name @card(0..);
	child sub person, owns name;     →   entity child sub person;
	nickname sub name, value string; →   attribute nickname sub name;

1.x and 2.x accepted a subtype declaring again what it inherits. TypeDB
3.x refuses it at commit unless the subtype's annotations differ from the
supertype's (typedb/typedb@3.10.4:concept/type_/type_manager/validation/
commit_time_validation.rs validate_redundant_capabilities, and
validate_attribute_type_value_type for a value type repeated without a
@regex, @range or @values of its own). The subtype inherits the same
owns, plays or value type with the same annotations, so dropping the
repeat keeps the meaning.`,
	Apply: func(p *Pass) {
		m, _ := schema.BuildModel3(&grammar.File{Queries: []grammar.Query{p.Schema}})
		for _, ts := range p.TypeStmts() {
			t := m.Type(ts.Subject.Name)
			if t == nil || t.InCycle() {
				continue
			}
			for _, pr := range Props(ts) {
				var label, what string
				var annots []*grammar.Annotation
				switch pr := pr.(type) {
				case *grammar.ValueTypeProp:
					if from := inheritedValueType(t, pr); from != "" {
						p.DeleteProp(ts, pr)
						p.Report(pr, diag.Translated, "value %s of %s dropped: inherited from %s", pr.Type, ts.Subject.Name, from)
					}
					continue
				case *grammar.OwnsProp:
					label, what, annots = pr.Attr.Name, "owns", pr.Annots
				case *grammar.PlaysProp:
					label, what, annots = pr.Role.String(), "plays", pr.Annots
				default:
					continue
				}
				if from := inheritedSame(t, what, label, annots); from != "" {
					p.DeleteProp(ts, pr)
					p.Report(pr, diag.Translated, "%s %s of %s dropped: inherited from %s with the same annotations", what, label, ts.Subject.Name, from)
				}
			}
		}
	},
}

// inheritedSame returns the nearest supertype of t that declares the
// capability (what, label) with the annotations annots (or any, when annots
// is empty), or "".
func inheritedSame(t *schema.Type3, what, label string, annots []*grammar.Annotation) string {
	for _, s := range t.Supertypes() {
		cs := s.Owns
		if what == "plays" {
			cs = s.Plays
		}
		for _, c := range cs {
			if c.Label != label {
				continue
			}
			if len(annots) == 0 {
				return s.Label
			}
			if len(annots) != len(c.Annots) {
				return ""
			}
			for _, a := range annots {
				x := c.Annot(a.Name)
				if x == nil || normArgs(x.Args) != normArgs(a.Args) {
					return ""
				}
			}
			return s.Label
		}
	}
	return ""
}

// inheritedValueType returns the supertype of attribute type t that gives
// it value type pr.Type, when pr repeats it without narrowing it (no
// annotation, or only ones a supertype already has), or "".
func inheritedValueType(t *schema.Type3, pr *grammar.ValueTypeProp) string {
	sup := t.SuperType()
	if sup == nil {
		return ""
	}
	vt, from := sup.EffectiveValueType()
	if vt != pr.Type || from == nil {
		return ""
	}
	for _, a := range pr.Annots {
		found := false
		for _, s := range t.Supertypes() {
			for _, x := range s.ValueAnnots {
				found = found || x.Name == a.Name && normArgs(x.Args) == normArgs(a.Args)
			}
		}
		if !found {
			return ""
		}
	}
	return from.Label
}

func normArgs(s string) string {
	var b []rune
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' {
			b = append(b, r)
		}
	}
	return string(b)
}
