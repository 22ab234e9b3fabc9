package schema

import "github.com/tqlmig/tqlmig/grammar"

// StatementVars returns the named variables of a pattern statement, in
// source order: its subject, relation tuple, value operand, and those of
// its properties (type variables such as "$t" in "isa $t" included). The
// anonymous "$_" and a bare "$" are left out. A variable standing for a
// type is returned as a *grammar.Var at the label's position.
func StatementVars(st *grammar.PatternStmt) []*grammar.Var {
	var out []*grammar.Var
	add := func(v *grammar.Var) {
		if v != nil && v.Name != "" && v.Name != "_" {
			out = append(out, v)
		}
	}
	addRef := func(r *grammar.TypeRef) {
		if r != nil && r.Var && r.Name != "" && r.Name != "_" {
			out = append(out, &grammar.Var{NamePos: r.NamePos, Name: r.Name})
		}
	}
	add(st.Var)
	addRef(st.Type)
	if st.Tuple != nil {
		for _, rp := range st.Tuple.Players {
			addRef(rp.Role)
			add(rp.Player)
		}
	}
	if st.Value != nil {
		exprVars(st.Value.Operand, add)
	}
	for _, p := range st.Props {
		switch p := p.(type) {
		case *grammar.IsaProp:
			addRef(p.Type)
		case *grammar.HasValueProp:
			addRef(p.Attr)
			add(p.Var)
			if p.Pred != nil {
				exprVars(p.Pred.Operand, add)
			}
			add(p.Via)
		case *grammar.IsProp:
			add(p.Var)
		case *grammar.SubProp:
			addRef(p.Type)
		case *grammar.TypeProp:
			addRef(p.Label)
		case *grammar.PlaysProp:
			addRef(p.Role)
		case *grammar.RelatesProp:
			addRef(p.Role)
		case *grammar.OwnsProp:
			addRef(p.Attr)
		}
	}
	return out
}

func exprVars(e grammar.Expr, add func(*grammar.Var)) {
	switch e := e.(type) {
	case *grammar.Var:
		add(e)
	case *grammar.BinaryExpr:
		exprVars(e.X, add)
		exprVars(e.Y, add)
	case *grammar.CallExpr:
		for _, a := range e.Args {
			exprVars(a, add)
		}
	case *grammar.ParenExpr:
		exprVars(e.X, add)
	}
}

// TrunkVars returns the variables ("$x", "?v") of the statements of b and
// of the conjunctions nested in it: those a rule's then may use. Variables
// only inside a negation or a disjunction branch are left out.
func TrunkVars(b *grammar.Block) map[string]bool {
	out := map[string]bool{}
	var walk func(b *grammar.Block)
	walk = func(b *grammar.Block) {
		if b == nil {
			return
		}
		for _, p := range b.Patterns {
			switch p := p.(type) {
			case *grammar.PatternStmt:
				for _, v := range StatementVars(p) {
					out[v.String()] = true
				}
			case *grammar.Conjunction:
				walk(p.Body)
			}
		}
	}
	walk(b)
	return out
}

// BlockVars returns every variable ("$x", "?v") anywhere in b, nested
// blocks included.
func BlockVars(b *grammar.Block) map[string]bool {
	out := map[string]bool{}
	WalkBlock(b, func(p grammar.Pattern, _ []grammar.Pattern) {
		if st, ok := p.(*grammar.PatternStmt); ok {
			for _, v := range StatementVars(st) {
				out[v.String()] = true
			}
		}
	})
	return out
}
