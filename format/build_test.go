package format

import (
	"strings"

	"github.com/tqlmig/tqlmig/grammar"
)

// Tiny builders for hand-made trees. Positions stay zero: the printer must
// not need them.

// ref builds a type reference: "person", "marriage:spouse", "$t", `"full name"`.
func ref(s string) *grammar.TypeRef {
	switch {
	case strings.HasPrefix(s, "$"):
		return &grammar.TypeRef{Name: s[1:], Var: true}
	case strings.HasPrefix(s, `"`):
		return &grammar.TypeRef{Name: strings.Trim(s, `"`), Quote: '"'}
	}
	if scope, name, ok := strings.Cut(s, ":"); ok {
		return &grammar.TypeRef{Scope: scope, Name: name}
	}
	return &grammar.TypeRef{Name: s}
}

// vr builds a variable: "$x", "?v", "$".
func vr(s string) *grammar.Var {
	if strings.HasPrefix(s, "?") {
		return &grammar.Var{Name: s[1:], Value: true}
	}
	return &grammar.Var{Name: strings.TrimPrefix(s, "$")}
}

func annots(names ...string) []*grammar.Annotation {
	var out []*grammar.Annotation
	for _, n := range names {
		a := &grammar.Annotation{Name: strings.TrimPrefix(n, "@")}
		if name, args, ok := strings.Cut(a.Name, "("); ok {
			a.Name, a.HasParens, a.Args = name, true, strings.TrimSuffix(args, ")")
		}
		out = append(out, a)
	}
	return out
}

func file(qs ...grammar.Query) *grammar.File { return &grammar.File{Name: "t.gql", Queries: qs} }

func define(ss ...grammar.Stmt) *grammar.DefineQuery { return &grammar.DefineQuery{Stmts: ss} }

func undefine(ss ...grammar.Stmt) *grammar.DefineQuery {
	return &grammar.DefineQuery{Kind: grammar.Undefine, Stmts: ss}
}

func ts(subject string, props ...grammar.Prop) *grammar.TypeStmt {
	return &grammar.TypeStmt{Subject: ref(subject), Props: props}
}

func sub(t string) *grammar.SubProp            { return &grammar.SubProp{Type: ref(t)} }
func abstract() *grammar.AbstractProp          { return &grammar.AbstractProp{} }
func isAbstract() *grammar.AbstractProp        { return &grammar.AbstractProp{Legacy: true} }
func has(a string) *grammar.HasProp            { return &grammar.HasProp{Attr: ref(a)} }
func key(a string) *grammar.KeyProp            { return &grammar.KeyProp{Attr: ref(a)} }
func plays(r string) *grammar.PlaysProp        { return &grammar.PlaysProp{Role: ref(r)} }
func value(t string) *grammar.ValueTypeProp    { return &grammar.ValueTypeProp{Type: t} }
func datatype(t string) *grammar.ValueTypeProp { return &grammar.ValueTypeProp{Type: t, Legacy: true} }
func isa(t string) *grammar.IsaProp            { return &grammar.IsaProp{Type: ref(t)} }

func owns(a string, as ...string) *grammar.OwnsProp {
	return &grammar.OwnsProp{Attr: ref(a), Annots: annots(as...)}
}

func relates(r string, as ...string) *grammar.RelatesProp {
	p := &grammar.RelatesProp{Role: ref(r)}
	if len(as) > 0 {
		p.As = ref(as[0])
	}
	return p
}

func regex(raw string) *grammar.RegexProp {
	k := grammar.StringLit
	if strings.HasPrefix(raw, "/") {
		k = grammar.RegexLit
	}
	return &grammar.RegexProp{Pattern: &grammar.Literal{Kind: k, Raw: raw}}
}

func block(ps ...grammar.Pattern) *grammar.Block { return &grammar.Block{Patterns: ps} }

func when(ps ...grammar.Pattern) *grammar.WhenProp { return &grammar.WhenProp{Body: block(ps...)} }
func then(ps ...grammar.Pattern) *grammar.ThenProp { return &grammar.ThenProp{Body: block(ps...)} }

func rule(label string, when, then []grammar.Pattern) *grammar.RuleStmt {
	return &grammar.RuleStmt{Label: ref(label), When: block(when...), Then: block(then...)}
}

func pats(ps ...grammar.Pattern) []grammar.Pattern { return ps }

// st builds a pattern statement "$x prop, prop;"; v may be "".
func st(v string, props ...grammar.Prop) *grammar.PatternStmt {
	s := &grammar.PatternStmt{Props: props}
	if v != "" {
		s.Var = vr(v)
	}
	return s
}

// rel builds "$r (role: $x, $y) props;"; players are "role:$x" or "$y".
func rel(v string, players []string, props ...grammar.Prop) *grammar.PatternStmt {
	s := st(v, props...)
	s.Tuple = &grammar.RelTuple{}
	for _, pl := range players {
		rp := &grammar.RolePlayer{}
		if role, player, ok := strings.Cut(pl, ":"); ok && !strings.HasPrefix(pl, "$") {
			rp.Role, rp.Player = ref(role), vr(player)
		} else {
			rp.Player = vr(pl)
		}
		s.Tuple.Players = append(s.Tuple.Players, rp)
	}
	return s
}

func hasVar(attr, v string) *grammar.HasValueProp {
	return &grammar.HasValueProp{Attr: ref(attr), Var: vr(v)}
}

func hasLit(attr, raw string, kind grammar.LitKind) *grammar.HasValueProp {
	return &grammar.HasValueProp{Attr: ref(attr), Pred: &grammar.Predicate{Operand: &grammar.Literal{Kind: kind, Raw: raw}}}
}

// cmp builds "$a OP $b;" or "$a OP lit;".
func cmpStmt(v, op string, operand grammar.Expr) *grammar.PatternStmt {
	return &grammar.PatternStmt{Var: vr(v), Value: &grammar.Predicate{Op: op, Operand: operand}}
}

func not(ps ...grammar.Pattern) *grammar.Negation { return &grammar.Negation{Body: block(ps...)} }

func or(alts ...[]grammar.Pattern) *grammar.Disjunction {
	d := &grammar.Disjunction{}
	for _, a := range alts {
		d.Alts = append(d.Alts, block(a...))
	}
	return d
}

func group(texts ...string) *grammar.CommentGroup {
	g := &grammar.CommentGroup{}
	for _, t := range texts {
		g.List = append(g.List, &grammar.Comment{Text: t})
	}
	return g
}

// withDoc sets n's doc comment; withLine its line comment; blankBefore its blank line.
func withDoc[T grammar.Commented](n T, texts ...string) T {
	n.Comments().Doc = group(texts...)
	return n
}

func withLine[T grammar.Commented](n T, text string) T {
	n.Comments().Line = group(text)
	return n
}

func blankBefore[T grammar.Commented](n T) T {
	n.Comments().BlankBefore = true
	return n
}
