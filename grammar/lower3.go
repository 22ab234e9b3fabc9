package grammar

import (
	"sort"
	"strings"
)

// Lowering of the TypeQL 3.x productions of parsetree3.go and of the
// statements of a redefine query.

// queryKind maps a schema query's keyword to its kind.
func queryKind(kw string) QueryKind {
	switch kw {
	case "undefine":
		return Undefine
	case "redefine":
		return Redefine
	}
	return Define
}

// lowerStruct lowers a struct definition. The fields come from the parse
// tree; Text keeps the source (and the comments inside it) for the printer.
func (p *parser) lowerStruct(ps *pStruct) (Stmt, error) {
	s := &StructStmt{Struct: toPos(ps.Kw.Pos), Name: ps.Name.Value, NamePos: toPos(ps.Name.Pos), Semi: toPos(ps.Semi.Pos)}
	switch {
	case p.undefining:
		// typeql.pest undefine_struct: "struct NAME" and nothing more.
		at := toPos(ps.Colon.Pos)
		return nil, &lowerError{at: at, end: advance(at, ":"), msg: "unexpected \":\": an undefine names the struct only, as in " + quote("struct "+s.Name+";")}
	case p.redefining:
		// typeql.pest redefinable: redefinable_type | definition_function.
		return nil, &lowerError{at: s.Struct, end: s.NamePos, msg: "a struct cannot be redefined: a redefine holds type statements and functions"}
	}
	s.Fields = make([]*StructField, len(ps.Fields))
	for i, pf := range ps.Fields {
		f := &StructField{NamePos: toPos(pf.Name.Pos), Name: pf.Name.Value, Value: toPos(pf.Value.Pos), Type: pf.Type.Value, TypePos: toPos(pf.Type.Pos)}
		if pf.Question != nil {
			f.Optional, f.Question = true, toPos(pf.Question.Pos)
		}
		switch {
		case i == 0 && pf.Comma != nil:
			at := toPos(pf.Comma.Pos)
			return nil, &lowerError{at: at, end: advance(at, ","), msg: "unexpected \",\" before the first field"}
		case i > 0 && pf.Comma == nil:
			at := s.Fields[i-1].End()
			return nil, &lowerError{at: at, end: at, msg: "missing \",\" between struct fields"}
		}
		s.Fields[i] = f
	}
	from, to := s.Pos(), s.End()
	s.Text = p.src[from.Offset:to.Offset]
	p.opaque = append(p.opaque, [2]int{from.Offset, to.Offset})
	p.feature("struct", from)
	return s, nil
}

// lowerRedefinable lowers a rule or type statement of a redefine query
// (lowerStruct and lowerUndefine refuse theirs there), which TypeQL 3.x
// restricts (typedb/typeql@3.10.4:rust/parser/typeql.pest query_redefine,
// redefinable, redefinable_type): a function, or a type statement that
// names its type by label and then either its annotations or exactly one
// capability (sub, value, alias, owns, plays, relates, each with its
// annotations), with a comma allowed only before it:
//
//	redefine entity person @abstract;
//	redefine person owns name @card(0..2);
//	redefine attribute age, value integer;
func (p *parser) lowerRedefinable(d *pDefinable) (Stmt, error) {
	if d.Rule != nil {
		at := toPos(d.Rule.Tokens[0].Pos)
		return nil, &lowerError{at: at, end: advance(at, "rule"), msg: "a rule cannot be redefined: a redefine holds type statements and functions"}
	}
	t := &d.pTypeStmt
	if _, err := p.plainLabel(t.subject(), "type"); err != nil {
		return nil, err
	}
	var s *TypeStmt
	if len(t.Annots) == 0 && annotationsOnly(t.Props) {
		// "redefine person, @abstract @independent;": unlike in a define,
		// a comma may come before the annotations. They are the type's
		// annotations, not properties without commas between them.
		annots := make([]*pAnnot, len(t.Props))
		for i, pp := range t.Props {
			annots[i] = pp.Annot
		}
		s = &TypeStmt{Subject: p.ref(t.subject()), Semi: toPos(t.semi().Pos), Annotations: p.annots(annots)}
		if k := t.kind(); k != nil {
			s.Kind, s.KindPos = k.Value, toPos(k.Pos)
			p.feature("kind", s.KindPos)
		}
	} else {
		st, err := p.lowerTypeStmt(t)
		if err != nil {
			return nil, err
		}
		s = st.(*TypeStmt)
	}
	what := quote(s.Subject.String())
	switch {
	case t.comma() != nil:
		at := toPos(t.comma().Pos)
		return nil, &lowerError{at: at, end: advance(at, ","), msg: "unexpected \",\" before \";\": a redefine statement ends with its annotations or its one capability"}
	case len(s.Props) == 0 && len(s.Annotations) == 0:
		at := s.Subject.End()
		return nil, &lowerError{at: at, end: at, msg: "expected annotations or a capability after " + what + ": a redefine statement names what it changes"}
	case len(s.Props) > 0 && len(s.Annotations) > 0:
		return nil, &lowerError{at: s.Props[0].Pos(), end: s.Props[len(s.Props)-1].End(),
			msg: "a redefine statement changes either the annotations of " + what + " or one capability, not both"}
	case len(s.Props) > 1:
		return nil, &lowerError{at: s.Props[1].Pos(), end: s.Props[len(s.Props)-1].End(),
			msg: "a redefine statement changes one capability of " + what + "; write each in a statement of its own"}
	case len(s.Props) == 1:
		if err := p.redefinableCap(s.Props[0]); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// annotationsOnly reports whether pps are annotations with at most a
// comma before the first.
func annotationsOnly(pps []*pProp) bool {
	for i, pp := range pps {
		if pp.Annot == nil || i > 0 && pp.comma() != nil {
			return false
		}
	}
	return len(pps) > 0
}

// redefinableCap checks a redefined capability against typeql.pest
// type_capability_base: sub, value, alias, owns (without "as"), plays (of
// a scoped role, without "as") and relates, each naming plain labels.
func (p *parser) redefinableCap(pr Prop) error {
	switch pr := pr.(type) {
	case *SubProp:
		if pr.Strict {
			return p.notCapability(pr)
		}
		return plainRef(pr.Type, "supertype")
	case *AliasProp:
		return plainRef(pr.Label, "alias")
	case *ValueTypeProp:
		if pr.Legacy {
			return p.notCapability(pr)
		}
		return nil
	case *OwnsProp:
		if pr.As != nil {
			return &lowerError{at: pr.As.Pos(), end: pr.As.End(), msg: "owns takes no \"as\" in TypeQL 3"}
		}
		return plainRef(pr.Attr, "owned attribute")
	case *PlaysProp:
		if pr.As != nil {
			return &lowerError{at: pr.As.Pos(), end: pr.As.End(), msg: "plays takes no \"as\" in TypeQL 3"}
		}
		if pr.Role.Scope == "" || pr.Role.Var {
			return &lowerError{at: pr.Role.Pos(), end: pr.Role.End(), msg: "plays names a role with its relation, as in " + quote("relation:"+pr.Role.Name)}
		}
		return nil
	case *RelatesProp:
		if err := plainRef(pr.Role, "role"); err != nil {
			return err
		}
		if pr.As != nil {
			return plainRef(pr.As, "specialised role")
		}
		return nil
	}
	return p.notCapability(pr)
}

// notCapability reports pr where a redefine wants a capability.
func (p *parser) notCapability(pr Prop) error {
	at := pr.Pos()
	i := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].Pos.Offset >= at.Offset })
	word := p.toks[i].Value
	return &lowerError{at: at, end: advance(at, word),
		msg: "expected annotations or one of sub, value, alias, owns, plays, relates, found " + quote(word)}
}

// plainRef refuses what typeql.pest's label does not match: a variable, a
// quoted, scoped or implicit label.
func plainRef(r *TypeRef, what string) error {
	if r.Var || r.Quote != 0 || r.Scope != "" || strings.HasPrefix(r.Name, "@") {
		article := "a "
		if strings.IndexByte("aeiou", what[0]) >= 0 {
			article = "an "
		}
		return &lowerError{at: r.Pos(), end: r.End(), msg: "expected " + article + what + " label, found " + quote(r.String())}
	}
	return nil
}

// asListMatches checks the "as" of a capability against typeql.pest
// relates_declaration: "relates R[] as S[]" or "relates R as S", a list
// specialising a list; owns and plays have no list after "as".
func asListMatches(kw tok, c *capTail) error {
	switch {
	case c.AsList != nil && (kw.Value != "relates" || c.List == nil):
		at := toPos(c.AsList.Pos)
		return &lowerError{at: at, end: advance(at, "["), msg: "unexpected \"[\": only \"relates R[] as S[]\" specialises a list role"}
	case c.As != nil && c.List != nil && c.AsList == nil:
		at := toPos(c.As.Pos)
		return &lowerError{at: at, end: advance(at, c.As.Value), msg: "expected " + quote(c.As.Value+"[]") + ": a list role specialises a list role"}
	}
	return nil
}
