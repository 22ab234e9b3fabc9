package schema

import "github.com/tqlmig/tqlmig/grammar"

// LabelRef is a label that a rule mentions.
type LabelRef struct {
	Ref *grammar.TypeRef
	// Role is set for a role in a relation tuple ("employee: $x") or the
	// role of a "plays"/"relates" pattern; Ref is then a role label, scoped
	// or not.
	Role bool
	// Then is set for labels in the rule's then block.
	Then bool
}

// Labels returns every label (not variable) the rule mentions, in source
// order: when first, then then.
func (r *Rule) Labels() []LabelRef {
	var out []LabelRef
	for i, b := range []*grammar.Block{r.When, r.Then} {
		WalkBlock(b, func(p grammar.Pattern, _ []grammar.Pattern) {
			st, ok := p.(*grammar.PatternStmt)
			if !ok {
				return
			}
			out = append(out, statementLabels(st, i == 1)...)
		})
	}
	return out
}

func statementLabels(st *grammar.PatternStmt, then bool) []LabelRef {
	var out []LabelRef
	add := func(ref *grammar.TypeRef, role bool) {
		if ref != nil && !ref.Var {
			out = append(out, LabelRef{Ref: ref, Role: role, Then: then})
		}
	}
	add(st.Type, false)
	if st.Tuple != nil {
		for _, rp := range st.Tuple.Players {
			add(rp.Role, true)
		}
	}
	for _, p := range st.Props {
		switch p := p.(type) {
		case *grammar.IsaProp:
			add(p.Type, false)
		case *grammar.HasValueProp:
			add(p.Attr, false)
		case *grammar.SubProp:
			add(p.Type, false)
		case *grammar.TypeProp:
			add(p.Label, p.Label.Scope != "")
		case *grammar.OwnsProp:
			add(p.Attr, false)
		case *grammar.HasProp:
			add(p.Attr, false)
		case *grammar.KeyProp:
			add(p.Attr, false)
		case *grammar.PlaysProp:
			add(p.Role, true)
		case *grammar.RelatesProp:
			add(p.Role, true)
		}
	}
	return out
}

// refersTo returns a mention of type label in the rule (a type label, or
// the scope of a scoped role), or nil.
func (r *Rule) refersTo(label string) *grammar.TypeRef {
	for _, l := range r.Labels() {
		if l.Ref.Scope == label || !l.Role && l.Ref.Scope == "" && l.Ref.Name == label {
			return l.Ref
		}
	}
	return nil
}

// WalkBlock calls fn for every pattern in b and in the blocks nested in it
// (conjunctions, disjunction branches, negations), depth first in source
// order, with the chain of enclosing patterns (outermost first). A nil
// block is skipped.
func WalkBlock(b *grammar.Block, fn func(p grammar.Pattern, outer []grammar.Pattern)) {
	walkBlock(b, nil, fn)
}

func walkBlock(b *grammar.Block, outer []grammar.Pattern, fn func(grammar.Pattern, []grammar.Pattern)) {
	if b == nil {
		return
	}
	for _, p := range b.Patterns {
		fn(p, outer)
		inner := append(outer[:len(outer):len(outer)], p)
		switch p := p.(type) {
		case *grammar.Conjunction:
			walkBlock(p.Body, inner, fn)
		case *grammar.Disjunction:
			for _, alt := range p.Alts {
				walkBlock(alt, inner, fn)
			}
		case *grammar.Negation:
			walkBlock(p.Body, inner, fn)
		}
	}
}
