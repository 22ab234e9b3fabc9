package schema_test

import (
	"strings"

	"github.com/tqlmig/tqlmig/grammar"
)

// Tiny builders for hand-made ASTs. Each node gets its own line so ranges
// differ; tests that need real source use the parser instead.

var line = 0

func pos() grammar.Pos {
	line++
	return grammar.Pos{Offset: line * 100, Line: line, Col: 1}
}

func ref(s string) *grammar.TypeRef {
	r := &grammar.TypeRef{NamePos: pos()}
	switch {
	case strings.HasPrefix(s, "$"):
		r.Var, r.Name = true, s[1:]
	case strings.Contains(s, ":"):
		i := strings.Index(s, ":")
		r.Scope, r.Name = s[:i], s[i+1:]
	default:
		r.Name = s
	}
	return r
}

func define(stmts ...grammar.Stmt) *grammar.DefineQuery {
	return &grammar.DefineQuery{Keyword: pos(), Stmts: stmts}
}

func undefine(stmts ...grammar.Stmt) *grammar.DefineQuery {
	q := define(stmts...)
	q.Kind = grammar.Undefine
	return q
}

func ts(subject string, props ...grammar.Prop) *grammar.TypeStmt {
	return &grammar.TypeStmt{Subject: ref(subject), Props: props, Semi: pos()}
}

func sub(s string) grammar.Prop { return &grammar.SubProp{Sub: pos(), Type: ref(s)} }

func abstract() grammar.Prop { return &grammar.AbstractProp{Abstract: pos()} }

func value(v string) grammar.Prop {
	return &grammar.ValueTypeProp{Keyword: pos(), Type: v, TypePos: pos()}
}

func has(a string) grammar.Prop { return &grammar.HasProp{Has: pos(), Attr: ref(a)} }

func key(a string) grammar.Prop { return &grammar.KeyProp{Key: pos(), Attr: ref(a)} }

// owns builds "owns A [as B] [@annot…]"; args starting with "@" are
// annotations, "as X" sets the override.
func owns(a string, args ...string) grammar.Prop {
	p := &grammar.OwnsProp{Owns: pos(), Attr: ref(a)}
	for _, x := range args {
		switch {
		case strings.HasPrefix(x, "@"):
			p.Annots = append(p.Annots, &grammar.Annotation{At: pos(), Name: x[1:]})
		case strings.HasPrefix(x, "as "):
			p.As = ref(x[3:])
		}
	}
	return p
}

func plays(r string, as ...string) grammar.Prop {
	p := &grammar.PlaysProp{Plays: pos(), Role: ref(r)}
	if len(as) > 0 {
		p.As = ref(as[0])
	}
	return p
}

func relates(r string, as ...string) grammar.Prop {
	p := &grammar.RelatesProp{Relates: pos(), Role: ref(r)}
	if len(as) > 0 {
		p.As = ref(as[0])
	}
	return p
}

func regex(s string) grammar.Prop {
	return &grammar.RegexProp{Regex: pos(), Pattern: &grammar.Literal{ValuePos: pos(), Kind: grammar.StringLit, Raw: `"` + s + `"`}}
}

func rule(label string, when, then []grammar.Pattern) *grammar.RuleStmt {
	return &grammar.RuleStmt{Rule: pos(), Label: ref(label),
		When: &grammar.Block{Lbrace: pos(), Patterns: when, Rbrace: pos()},
		Then: &grammar.Block{Lbrace: pos(), Patterns: then, Rbrace: pos()}, Semi: pos()}
}

func undefRule(label string) *grammar.RuleStmt {
	return &grammar.RuleStmt{Rule: pos(), Label: ref(label), Semi: pos()}
}

// isa builds the pattern "$v isa T;".
func isa(v, t string) grammar.Pattern {
	return &grammar.PatternStmt{Var: &grammar.Var{NamePos: pos(), Name: v}, Props: []grammar.Prop{&grammar.IsaProp{Isa: pos(), Type: ref(t)}}, Semi: pos()}
}

func file(name string, qs ...*grammar.DefineQuery) *grammar.File {
	f := &grammar.File{Name: name}
	for _, q := range qs {
		f.Queries = append(f.Queries, q)
	}
	return f
}
