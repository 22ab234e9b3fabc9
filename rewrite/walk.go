package rewrite

import (
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// refKind says where a label reference stands.
type refKind int

const (
	refSubject   refKind = iota + 1 // the subject of a type statement
	refSub                          // sub T
	refOwns                         // has/key/owns A
	refOwnsAs                       // owns A as B: B
	refPlays                        // plays R (or REL:R)
	refPlaysAs                      // plays REL:R as S: S
	refRelates                      // relates R
	refRelatesAs                    // relates R as S: S
	refTypeProp                     // type L
	refIsa                          // isa T
	refHasAttr                      // thing-level has A …
	refTupleRole                    // (role: $x)
	refRule                         // rule label (2.x form)
	refStmtType                     // 3.x "marriage (…)"
)

// allStmts returns the statements of the merged define and of the
// undefine queries.
func (p *Pass) allStmts() []grammar.Stmt {
	out := append([]grammar.Stmt(nil), p.Schema.Stmts...)
	for _, u := range p.Undefines {
		out = append(out, u.Stmts...)
	}
	return out
}

// eachRef calls f for every label reference (not variables) in the merged
// define, the undefines and the rule bodies.
func (p *Pass) eachRef(f func(r *grammar.TypeRef, k refKind)) {
	p.eachRefIn(func(r *grammar.TypeRef, k refKind, _ *grammar.TypeStmt) { f(r, k) })
}

// eachRefIn is eachRef with the type statement that holds the reference
// (nil inside rule bodies and 2.x rule labels).
func (p *Pass) eachRefIn(f func(r *grammar.TypeRef, k refKind, owner *grammar.TypeStmt)) {
	ref := func(r *grammar.TypeRef, k refKind, owner *grammar.TypeStmt) {
		if r != nil && !r.Var {
			f(r, k, owner)
		}
	}
	for _, s := range p.allStmts() {
		switch s := s.(type) {
		case *grammar.TypeStmt:
			ref(s.Subject, refSubject, s)
			for _, pr := range s.Props {
				propRefs(pr, s, ref)
			}
		case *grammar.RuleStmt:
			ref(s.Label, refRule, nil)
			for _, b := range []*grammar.Block{s.When, s.Then} {
				blockRefs(b, ref)
			}
		}
	}
}

func blockRefs(b *grammar.Block, f func(*grammar.TypeRef, refKind, *grammar.TypeStmt)) {
	ref := labelsOnly(f)
	walkStatements(b, func(st *grammar.PatternStmt) {
		ref(st.Type, refStmtType, nil)
		if st.Tuple != nil {
			for _, rp := range st.Tuple.Players {
				ref(rp.Role, refTupleRole, nil)
			}
		}
		for _, pr := range st.Props {
			propRefs(pr, nil, ref)
		}
	})
}

// labelsOnly wraps f so that it sees labels only, no nil or variable refs.
func labelsOnly(f func(*grammar.TypeRef, refKind, *grammar.TypeStmt)) func(*grammar.TypeRef, refKind, *grammar.TypeStmt) {
	return func(r *grammar.TypeRef, k refKind, owner *grammar.TypeStmt) {
		if r != nil && !r.Var {
			f(r, k, owner)
		}
	}
}

func propRefs(pr grammar.Prop, owner *grammar.TypeStmt, f func(*grammar.TypeRef, refKind, *grammar.TypeStmt)) {
	ref := labelsOnly(f)
	switch pr := pr.(type) {
	case *grammar.SubProp:
		ref(pr.Type, refSub, owner)
	case *grammar.HasProp:
		ref(pr.Attr, refOwns, owner)
	case *grammar.KeyProp:
		ref(pr.Attr, refOwns, owner)
	case *grammar.OwnsProp:
		ref(pr.Attr, refOwns, owner)
		ref(pr.As, refOwnsAs, owner)
	case *grammar.PlaysProp:
		ref(pr.Role, refPlays, owner)
		ref(pr.As, refPlaysAs, owner)
	case *grammar.RelatesProp:
		ref(pr.Role, refRelates, owner)
		ref(pr.As, refRelatesAs, owner)
	case *grammar.TypeProp:
		ref(pr.Label, refTypeProp, owner)
	case *grammar.IsaProp:
		ref(pr.Type, refIsa, owner)
	case *grammar.HasValueProp:
		ref(pr.Attr, refHasAttr, owner)
	case *grammar.WhenProp:
		blockRefs(pr.Body, ref)
	case *grammar.ThenProp:
		blockRefs(pr.Body, ref)
	}
}

// eachProp calls f for every property of every type statement (define and
// undefine) and of every pattern statement in rule bodies.
func (p *Pass) eachProp(f func(pr grammar.Prop)) {
	for _, s := range p.allStmts() {
		switch s := s.(type) {
		case *grammar.TypeStmt:
			for _, pr := range s.Props {
				f(pr)
				switch pr := pr.(type) {
				case *grammar.WhenProp:
					walkStatements(pr.Body, func(st *grammar.PatternStmt) { eachOf(st.Props, f) })
				case *grammar.ThenProp:
					walkStatements(pr.Body, func(st *grammar.PatternStmt) { eachOf(st.Props, f) })
				}
			}
		case *grammar.RuleStmt:
			for _, b := range []*grammar.Block{s.When, s.Then} {
				walkStatements(b, func(st *grammar.PatternStmt) { eachOf(st.Props, f) })
			}
		}
	}
}

func eachOf(props []grammar.Prop, f func(grammar.Prop)) {
	for _, pr := range props {
		f(pr)
	}
}

// eachPredicate calls f for every value predicate in rule bodies: a
// statement's own value ($a > 5) and those of has constraints.
func (p *Pass) eachPredicate(f func(pr *grammar.Predicate)) {
	p.RuleBodies(func(_ string, _ grammar.Stmt, b *grammar.Block, _ bool) {
		walkStatements(b, func(st *grammar.PatternStmt) {
			if st.Value != nil {
				f(st.Value)
			}
			for _, pr := range st.Props {
				if h, ok := pr.(*grammar.HasValueProp); ok && h.Pred != nil {
					f(h.Pred)
				}
			}
		})
	})
}

// walkStatements calls f for every pattern statement in b, nested blocks
// included; a nil block is skipped.
func walkStatements(b *grammar.Block, f func(st *grammar.PatternStmt)) {
	schema.WalkBlock(b, func(pt grammar.Pattern, _ []grammar.Pattern) {
		if st, ok := pt.(*grammar.PatternStmt); ok {
			f(st)
		}
	})
}
