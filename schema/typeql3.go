package schema

import (
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// BuildTypeQL3 builds the semantic model of TypeQL 3.x (or 2.x) schema
// files: each define is lowered to its TypeQL 2.x equivalent (LowerTypeQL3) and applied
// with 2.x semantics, which is what package check takes as the schema of a
// 3.x import (scoped roles, role inheritance, owns and plays by label).
// What 2.x cannot express (cardinalities, @independent, @values, lists,
// functions, structs) is left out of the model.
func BuildTypeQL3(files ...*grammar.File) (*Model, diag.List) {
	// A type given a supertype anywhere keeps it when another statement
	// names it with its kind alone (TypeDB 3.x reads "entity x, plays r;"
	// of an existing x as x's capabilities only).
	subbed := map[string]bool{}
	for _, f := range files {
		for _, q := range f.Queries {
			if d, ok := q.(*grammar.DefineQuery); ok && d.Kind == grammar.Define {
				for _, s := range d.Stmts {
					if ts, ok := s.(*grammar.TypeStmt); ok && hasSub(ts) && ts.Subject != nil {
						subbed[ts.Subject.Name] = true
					}
				}
			}
		}
	}
	var lowered []*grammar.File
	fromAnnot := map[*grammar.RegexProp]bool{}
	for _, f := range files {
		lf := &grammar.File{Name: f.Name, EOF: f.EOF}
		for _, q := range f.Queries {
			if d, ok := q.(*grammar.DefineQuery); ok && d.Kind == grammar.Define {
				lf.Queries = append(lf.Queries, lowerTypeQL3(d, subbed, fromAnnot))
			}
		}
		lowered = append(lowered, lf)
	}
	m, ds := Build(TypeQL2, lowered...)
	for _, t := range m.Types() {
		if t.Regex != nil && fromAnnot[t.Regex.Node] {
			t.Regex.Anywhere = true
		}
	}
	return m, ds
}

// valueTypes2 maps 3.x value types to the 2.x spelling of the same type.
var valueTypes2 = map[string]string{"integer": "long"}

// LowerTypeQL3 returns a TypeQL 2.x define query with the meaning of the 3.x (or
// 2.x) define q as far as 2.x can say it: kinds become "sub ROOT",
// @abstract becomes abstract, @regex a regex, integer long; annotations
// other than @key and @unique, functions and structs are dropped. The
// result shares type references with q and keeps its positions; q is not
// modified. A 2.x query comes back with the same meaning.
func LowerTypeQL3(q *grammar.DefineQuery) *grammar.DefineQuery { return lowerTypeQL3(q, nil, nil) }

// lowerTypeQL3 is LowerTypeQL3 where the labels in subbed are given a
// supertype elsewhere, so their kind alone does not make them "sub ROOT",
// and that records in fromAnnot, when not nil, each regex it writes for a
// 3.x @regex.
func lowerTypeQL3(q *grammar.DefineQuery, subbed map[string]bool, fromAnnot map[*grammar.RegexProp]bool) *grammar.DefineQuery {
	out := &grammar.DefineQuery{Keyword: q.Keyword}
	for _, s := range q.Stmts {
		switch s := s.(type) {
		case *grammar.TypeStmt:
			out.Stmts = append(out.Stmts, lowerType(s, subbed, fromAnnot))
		case *grammar.RuleStmt:
			out.Stmts = append(out.Stmts, s)
		}
	}
	return out
}

func lowerType(s *grammar.TypeStmt, subbed map[string]bool, fromAnnot map[*grammar.RegexProp]bool) *grammar.TypeStmt {
	ls := &grammar.TypeStmt{Subject: s.Subject, Semi: s.Semi}
	if s.Kind != "" && !hasSub(s) && (s.Subject == nil || !subbed[s.Subject.Name]) {
		ls.Props = append(ls.Props, &grammar.SubProp{Sub: s.KindPos, Type: &grammar.TypeRef{NamePos: s.KindPos, Name: s.Kind}})
	}
	abstract := func(a *grammar.Annotation) {
		if a.Name == "abstract" {
			ls.Props = append(ls.Props, &grammar.AbstractProp{Abstract: a.At})
		}
	}
	for _, a := range s.Annotations {
		abstract(a)
	}
	for _, pr := range s.Props {
		switch pr := pr.(type) {
		case *grammar.SubProp:
			ls.Props = append(ls.Props, &grammar.SubProp{Sub: pr.Sub, Strict: pr.Strict, Type: pr.Type})
		case *grammar.OwnsProp:
			o := &grammar.OwnsProp{Owns: pr.Owns, Attr: pr.Attr, As: pr.As}
			for _, a := range pr.Annots {
				if (a.Name == "key" || a.Name == "unique") && !a.HasParens {
					o.Annots = append(o.Annots, a)
				}
			}
			ls.Props = append(ls.Props, o)
		case *grammar.PlaysProp:
			ls.Props = append(ls.Props, &grammar.PlaysProp{Plays: pr.Plays, Role: pr.Role, As: pr.As})
		case *grammar.RelatesProp:
			ls.Props = append(ls.Props, &grammar.RelatesProp{Relates: pr.Relates, Role: pr.Role, As: pr.As})
		case *grammar.ValueTypeProp:
			vt := pr.Type
			if v2, ok := valueTypes2[vt]; ok {
				vt = v2
			}
			ls.Props = append(ls.Props, &grammar.ValueTypeProp{Keyword: pr.Keyword, Type: vt, TypePos: pr.TypePos})
			for _, a := range pr.Annots {
				if a.Name == "regex" && a.HasParens {
					rx := &grammar.RegexProp{Regex: a.At,
						Pattern: &grammar.Literal{ValuePos: a.At, Kind: grammar.StringLit, Raw: a.Args}}
					ls.Props = append(ls.Props, rx)
					if fromAnnot != nil {
						fromAnnot[rx] = true
					}
				}
			}
		case *grammar.AnnotationProp:
			abstract(pr.Annot)
		case *grammar.AliasProp:
		default:
			ls.Props = append(ls.Props, pr)
		}
	}
	return ls
}
