package grammar

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/tqlmig/tqlmig/diag"
)

// This file turns the participle parse tree into the public AST, recording
// dialect features as it goes.

func (p *parser) lowerDefinable(d *pDefinable) (Stmt, error) {
	switch {
	case p.redefining && d.Undef == nil && d.Struct == nil:
		return p.lowerRedefinable(d)
	case d.Rule != nil:
		return p.lowerRule(d.Rule)
	case d.Undef != nil:
		return p.lowerUndefine(d.Undef)
	case d.Struct != nil:
		return p.lowerStruct(d.Struct)
	}
	return p.lowerTypeStmt(&d.pTypeStmt)
}

// lowerUndefine lowers the 3.x undefine forms; see pUndefine for the
// productions (typedb/typeql@3.10.4:rust/parser/typeql.pest undefinable).
func (p *parser) lowerUndefine(u *pUndefine) (Stmt, error) {
	s := &UndefineStmt{Semi: toPos(u.Semi.Pos)}
	var err error
	switch {
	case u.Kw != nil:
		s.Keyword, s.KeywordPos = u.Kw.Value, toPos(u.Kw.Pos)
		s.Name, err = p.plainLabel(u.Name.Token, u.Kw.Value+" name")
	case u.As != nil:
		s.Keyword, s.KeywordPos = "as", toPos(u.As.Pos)
		s.Name, err = p.plainLabel(u.Role.Token, "specialised role")
	case u.Annot != nil:
		s.Annot = &Annotation{At: toPos(u.Annot.at().Pos), Name: u.Annot.at().Value[1:]}
		if !annotationNames[s.Annot.Name] {
			err = &lowerError{at: s.Annot.At, end: s.Annot.End(), msg: "unknown annotation " + quote("@"+s.Annot.Name)}
		}
	default:
		s.Cap, err = p.undefineCap(u.Cap)
		s.CapFirst = true
	}
	if err != nil {
		return nil, err
	}
	p.feature("undefine-from", s.Pos())
	if !p.undefining {
		return nil, &lowerError{at: s.Pos(), end: s.End(), msg: "this statement removes something: it belongs in an undefine query"}
	}
	if u.From == nil {
		return s, nil
	}
	s.From = toPos(u.From.Pos)
	if s.Type, err = p.plainLabel(u.Type.Token, "type"); err != nil {
		return nil, err
	}
	if u.Tail != nil {
		if s.Cap, err = p.undefineCap(u.Tail); err != nil {
			return nil, err
		}
	}
	if s.Keyword == "as" {
		if r, ok := s.Cap.(*RelatesProp); !ok || r.As != nil {
			at := s.Type.End()
			return nil, &lowerError{at: at, end: at, msg: "expected \"relates R\" after the type: the role whose specialisation is removed"}
		}
	}
	return s, nil
}

// undefineCap lowers a capability of an undefine statement, refusing
// what typeql.pest's type_capability_base does not have: annotations, the
// keywords of other dialects, "owns … as" and "plays … as", and a role
// played by its bare name.
func (p *parser) undefineCap(c *pUndefCap) (Prop, error) {
	var pr Prop
	var annots []*pAnnot
	switch {
	case c.Ref != nil:
		if v := c.Ref.Kw.Value; v != "sub" && v != "alias" {
			return nil, &lowerError{at: toPos(c.Ref.Kw.Pos), end: tokEnd(c.Ref.Kw.Token),
				msg: "expected sub, value, alias, owns, plays or relates, found " + quote(v)}
		}
		pr, annots = p.kwRefProp(c.Ref.Kw.Token, c.Ref.Ref.Token, c.Ref.Annots), c.Ref.Annots
		if _, err := p.plainLabel(c.Ref.Ref.Token, c.Ref.Kw.Value); err != nil {
			return nil, err
		}
	case c.Cap != nil:
		kw := c.Cap.Tokens[0]
		if err := asListMatches(kw, &c.Cap.capTail); err != nil {
			return nil, err
		}
		if v := kw.Value; v != "plays" {
			if _, err := p.plainLabel(c.Cap.Tokens[1], v); err != nil {
				return nil, err
			}
		}
		pr, annots = p.capProp(kw, c.Cap.Tokens[1], &c.Cap.capTail), c.Cap.CapAnns
		switch cp := pr.(type) {
		case *OwnsProp:
			if cp.As != nil {
				return nil, &lowerError{at: cp.As.Pos(), end: cp.As.End(), msg: "owns takes no \"as\" in TypeQL 3"}
			}
		case *PlaysProp:
			if cp.As != nil {
				return nil, &lowerError{at: cp.As.Pos(), end: cp.As.End(), msg: "plays takes no \"as\" in TypeQL 3"}
			}
			if cp.Role.Scope == "" || cp.Role.Var {
				return nil, &lowerError{at: cp.Role.Pos(), end: cp.Role.End(), msg: "plays names a role with its relation, as in " + quote("relation:"+cp.Role.Name)}
			}
		}
	default:
		if c.Value.Kw.Value != "value" {
			return nil, &lowerError{at: toPos(c.Value.Kw.Pos), end: tokEnd(c.Value.Kw),
				msg: "expected sub, value, alias, owns, plays or relates, found " + quote(c.Value.Kw.Value)}
		}
		pr, annots = p.valueTypeProp(c.Value.Kw, c.Value.Type, c.Value.Annots), c.Value.Annots
	}
	if len(annots) > 0 {
		a := annots[0].at()
		return nil, &lowerError{at: toPos(a.Pos), end: tokEnd(a), msg: "an undefine names the annotation before \"from\", as in " + quote(a.Value+" from T owns A")}
	}
	return pr, nil
}

// plainLabel lowers a label where typeql.pest wants an identifier: not a
// variable, a quoted, scoped or implicit label.
func (p *parser) plainLabel(t tok, what string) (*TypeRef, error) {
	r := p.ref(t)
	if err := plainRef(r, what); err != nil {
		return nil, err
	}
	return r, nil
}

func (p *parser) lowerRule(r *pRule) (Stmt, error) {
	s := &RuleStmt{Rule: toPos(r.Tokens[0].Pos), Label: p.ref(r.Tokens[1]), Semi: toPos(last(r.Tokens).Pos)}
	p.feature("rule-decl", s.Rule)
	if r.When == nil {
		return s, nil
	}
	var err error
	if s.When, err = p.block(r.When, "when"); err != nil {
		return nil, err
	}
	if s.Then, err = p.block(r.Then, "then"); err != nil {
		return nil, err
	}
	if n := len(s.Then.Patterns); n > 1 {
		return nil, &lowerError{at: s.Then.Patterns[1].Pos(), end: s.Then.Patterns[n-1].End(),
			msg: "a rule's \"then\" block must hold exactly one statement"}
	}
	return s, nil
}

func (p *parser) lowerTypeStmt(t *pTypeStmt) (Stmt, error) {
	s := &TypeStmt{Subject: p.ref(t.subject()), Semi: toPos(t.semi().Pos)}
	if k := t.kind(); k != nil {
		s.Kind, s.KindPos = k.Value, toPos(k.Pos)
		p.feature("kind", s.KindPos)
	}
	s.Annotations = p.annots(t.Annots)
	props, err := p.props(t.Props, true, false)
	if err != nil {
		return nil, err
	}
	s.Props = props
	if c := t.comma(); c != nil {
		p.feature("trailing-comma", toPos(c.Pos))
	}
	bare := s.Kind == "" && len(s.Props) == 0 && len(s.Annotations) == 0
	if bare && t.comma() != nil {
		at := s.Subject.End()
		return nil, &lowerError{at: at, end: at, msg: "expected a property after " + quote(s.Subject.String())}
	}
	p.typeStmtFeatures(s, bare)
	return s, nil
}

// typeStmtFeatures records the dialects a define or undefine statement's
// shape allows: TypeQL 3.x names its subject by label only, lets a label
// stand alone, and undefines by "… from T" rather than by repeating the
// properties; 1.x and 2.x want at least one property.
func (p *parser) typeStmtFeatures(s *TypeStmt, bare bool) {
	if s.Subject.Var {
		// Graql 1.x "type" and TypeQL 2.x "type_any" take a variable;
		// typeql.pest definition_type takes a label.
		p.feature("type-var", s.Subject.Pos())
	}
	switch {
	case bare && p.undefining:
		// typedb/typeql@3.10.4:rust/parser/typeql.pest undefinable: label.
		p.feature("undefine-label", s.Subject.Pos())
	case bare:
		// typeql.pest definition_type: kind? label (capabilities)?; 2.x
		// (TypeQL.g4 statement_type) and 1.x (Graql.g4 statement_type)
		// want a property.
		p.feature("bare-label", s.Subject.Pos())
	case p.undefining:
		// typeql.pest undefinable has no type statement with properties.
		p.feature("undefine-props", s.Pos())
	}
	if p.undefining {
		return
	}
	for _, pr := range s.Props {
		switch pr.(type) {
		case *IsaProp, *HasValueProp:
			// Graql 1.5+ (graql@1.0.8:grammar/Graql.g4 type_property),
			// TypeQL 2.x (typeql@2.28.6:grammar/TypeQL.g4 type_constraint)
			// and 3.x (typeql.pest type_capability) have no instance
			// property in define; Grakn 1.0–1.4 read define as patterns.
			p.feature("instance-in-define", pr.Pos())
		}
	}
}

// props lowers a property list; inType tells a define statement (where 3.x
// allows a comma before the first property) from a pattern, and
// afterValue a pattern whose value comes first (where ≤1.4 allows one).
func (p *parser) props(pps []*pProp, inType, afterValue bool) ([]Prop, error) {
	if len(pps) == 0 {
		return nil, nil
	}
	out := make([]Prop, 0, len(pps))
	for i, pp := range pps {
		pr, err := p.prop(pp)
		if err != nil {
			return nil, err
		}
		a, isAnnot := pr.(*AnnotationProp)
		if isAnnot && i > 0 && pp.comma() == nil {
			if _, ok := out[i-1].(*AnnotationProp); ok {
				// "entity person, @abstract @independent;": one list of
				// annotations, reported at its first.
				out = append(out, pr)
				continue
			}
		}
		switch {
		case i == 0 && pp.comma() != nil && inType:
			p.feature("comma-first", toPos(pp.Tokens[0].Pos))
		case i == 0 && pp.comma() != nil && afterValue:
			// "$d val < 5, isa date;": a value was a property in ≤1.4.
			p.feature("value-prop", toPos(pp.Tokens[0].Pos))
		case i == 0 && pp.comma() != nil:
			at := toPos(pp.Tokens[0].Pos)
			return nil, &lowerError{at: at, end: advance(at, ","), msg: "unexpected \",\" before the first property"}
		case i > 0 && pp.comma() == nil:
			// Recorded just after the previous property, where the comma
			// belongs: that is where checkCommas reports it.
			p.feature("no-comma", out[i-1].End())
		}
		if isAnnot {
			p.annotationAfterComma(a, pp, i, inType)
		}
		out = append(out, pr)
	}
	return out, nil
}

// annotationAfterComma reports an annotation standing after a comma as a
// property of its own. TypeQL 3.0–3.2 allowed a comma between a type's
// label and its annotations ("entity person, @abstract;"); from 3.5.0
// definition_type takes the annotations right after the label and only
// capabilities after a comma (typedb/typeql@3.2.0 and @3.10.4:
// rust/parser/typeql.pest definition_type; no TypeQL 3.3 or 3.4 was
// tagged), and no 3.x version took an
// annotation after a capability's comma. The statement is still read as
// 3.0–3.2 read it, so that the rest of the file is checked.
func (p *parser) annotationAfterComma(a *AnnotationProp, pp *pProp, i int, inType bool) {
	d := &diag.Diagnostic{Severity: diag.Error, Code: "syntax",
		Range: &diag.Range{File: p.file, Start: a.Pos(), End: a.End()}}
	switch c := pp.comma(); {
	case !inType:
		d.Message = "unexpected annotation @" + a.Annot.Name + " in a pattern"
	case i == 0 && c != nil:
		at := toPos(c.Pos)
		d.Range.Start = at
		d.Message = "unexpected \",\" before an annotation: a type's annotations follow its label"
		d.Detail = "TypeQL 3.0–3.2 allowed this comma; 3.5.0 and later refuse it."
		d.Fix = &diag.Fix{Message: "remove \",\"", Edits: []diag.Edit{{Range: diag.Range{File: p.file, Start: at, End: advance(at, ",")}}}}
	default:
		d.Message = "unexpected annotation @" + a.Annot.Name + " after \",\": a type's annotations follow its label, a capability's follow the capability"
		d.Detail = "No TypeQL 3.x version accepts an annotation here; move it after the type's label or after the capability it belongs to."
	}
	p.diags.Add(d)
}

func (p *parser) prop(pp *pProp) (Prop, error) {
	kw := pp.keyword()
	switch {
	case pp.Value != nil:
		// A pattern's value property is taken out by thing.
		at := toPos(kw.Pos)
		return nil, &lowerError{at: at, end: tokEnd(last(pp.Tokens)), msg: "unexpected value: a type statement has none"}
	case refWords[kw.Value] && kw.Type == tokIdent && pp.Annot == nil:
		return p.kwRefProp(kw, pp.arg(), pp.refAnns()), nil
	case capWords[kw.Value] && kw.Type == tokIdent:
		if err := asListMatches(kw, &pp.capTail); err != nil {
			return nil, err
		}
		return p.capProp(kw, pp.arg(), &pp.capTail), nil
	case pp.Annot != nil:
		a := p.annots([]*pAnnot{pp.Annot})
		return &AnnotationProp{Annot: a[0]}, nil
	case pp.Abstract:
		at := toPos(kw.Pos)
		legacy := kw.Value == "is-abstract"
		if legacy {
			p.feature("is-abstract", at)
		} else {
			p.feature("abstract", at)
		}
		return &AbstractProp{Abstract: at, Legacy: legacy}, nil
	case pp.Regex != nil:
		at := toPos(kw.Pos)
		lit := p.litTok(*pp.Regex, nil)
		if lit.Kind == RegexLit {
			p.feature("slash-regex", lit.ValuePos)
		} else {
			p.feature("regex-string", at)
		}
		return &RegexProp{Regex: at, Pattern: lit}, nil
	case pp.Body != nil:
		at := toPos(kw.Pos)
		p.feature("rule-props", at)
		b, err := p.block(pp.Body, kw.Value)
		if err != nil {
			return nil, err
		}
		if kw.Value == "when" {
			return &WhenProp{When: at, Body: b}, nil
		}
		return &ThenProp{Then: at, Body: b}, nil
	case pp.ID != nil:
		at := toPos(kw.Pos)
		iid := kw.Value == "iid"
		if iid {
			p.feature("iid", at)
		} else {
			p.feature("id", at)
		}
		return &IDProp{Keyword: at, IID: iid, Value: pp.ID.Value, ValPos: toPos(pp.ID.Pos)}, nil
	case pp.Is != nil:
		at := toPos(kw.Pos)
		p.feature("is", at)
		return &IsProp{Is: at, Var: p.variable(*pp.Is)}, nil
	case pp.Links != nil:
		at := toPos(kw.Pos)
		p.feature("links", at)
		return &LinksProp{Links: at, Tuple: p.tuple(pp.Links)}, nil
	case kw.Value == "has":
		return p.hasProp(kw, pp.arg(), pp.HasVar, pp.HasPred, pp.Via), nil
	case valueWords[kw.Value]:
		return p.valueTypeProp(kw, pp.arg(), pp.ValAnns), nil
	}
	panic("grammar: empty property")
}

// kwRefProp lowers a keyword and the type it names: sub, sub!, key,
// type, label, isa, isa!, alias.
func (p *parser) kwRefProp(kw, refTok tok, pannots []*pAnnot) Prop {
	at := toPos(kw.Pos)
	ref := p.ref(refTok)
	annots := p.annots(pannots)
	switch kw.Value {
	case "sub", "sub!":
		strict := kw.Value == "sub!"
		if strict {
			p.feature("sub!", at)
		}
		if !ref.Var && ref.Quote == 0 && ref.Scope == "" {
			switch ref.Name {
			case "relationship":
				p.feature("relationship", ref.NamePos)
			case "relation":
				p.feature("relation", ref.NamePos)
			case "rule":
				p.feature("sub-rule", ref.NamePos)
			}
		}
		return &SubProp{Sub: at, Strict: strict, Type: ref, Annots: annots}
	case "key":
		p.feature("key", at)
		return &KeyProp{Key: at, Attr: ref}
	case "type", "label":
		legacy := kw.Value == "label"
		if legacy {
			p.feature("label-prop", at)
		}
		return &TypeProp{Type: at, Legacy: legacy, Label: ref}
	case "alias":
		p.feature("alias", at)
		return &AliasProp{Alias: at, Label: ref}
	}
	return &IsaProp{Isa: at, Strict: kw.Value == "isa!", Type: ref}
}

// capProp lowers owns, plays or relates (keyword kw), its label and what
// follows.
func (p *parser) capProp(kw, refTok tok, c *capTail) Prop {
	at := toPos(kw.Pos)
	ref := p.ref(refTok)
	var as *TypeRef
	if c.As != nil {
		as = p.ref(c.As.Token)
	}
	list := c.List != nil
	var rbrack Pos
	if list {
		p.feature("list", toPos(c.List.Pos))
		rbrack = toPos(c.Rbrack.Pos)
	}
	annots := p.annots(c.CapAnns)
	switch kw.Value {
	case "owns":
		p.feature("owns", at)
		if as != nil {
			p.feature("owns-as", as.NamePos)
		}
		return &OwnsProp{Owns: at, Attr: ref, List: list, Rbrack: rbrack, As: as, Annots: annots}
	case "plays":
		if ref.Scope == "" && !ref.Var {
			p.feature("plays-unscoped", ref.NamePos)
		}
		if as != nil {
			p.feature("plays-as", as.NamePos)
		}
		return &PlaysProp{Plays: at, Role: ref, As: as, Annots: annots}
	}
	rp := &RelatesProp{Relates: at, Role: ref, List: list, Rbrack: rbrack, As: as, Annots: annots}
	if list && c.AsEnd != nil {
		rp.AsRbrack = toPos(c.AsEnd.Pos)
	}
	return rp
}

// hasProp lowers "has" (token has) and its attribute, variable,
// predicate and "via".
func (p *parser) hasProp(has, refTok tok, hvar *tok, pred *pPred, via *tok) Prop {
	at := toPos(has.Pos)
	if hvar == nil && pred == nil && via == nil && refTok.Type == tokVar {
		// 2.x "has $v": the attribute itself.
		return &HasValueProp{Has: at, Var: p.variable(refTok)}
	}
	ref := p.ref(refTok)
	if hvar == nil && pred == nil && via == nil {
		p.feature("has-type", at)
		return &HasProp{Has: at, Attr: ref}
	}
	hp := &HasValueProp{Has: at, Attr: ref}
	if hvar != nil {
		hp.Var = p.variable(*hvar)
	}
	if pred != nil {
		hp.Pred = p.pred(pred)
	}
	if via != nil {
		p.feature("via", toPos(via.Pos))
		hp.Via = p.variable(*via)
	}
	return hp
}

// valueTypeProp lowers "value T" or "datatype T" (keyword kw, type typ).
func (p *parser) valueTypeProp(kw, typ tok, pannots []*pAnnot) Prop {
	at := toPos(kw.Pos)
	legacy := kw.Value == "datatype"
	if legacy {
		p.feature("datatype", at)
	} else {
		p.feature("value-type", at)
	}
	tp := toPos(typ.Pos)
	switch typ.Value {
	case "long":
		p.feature("long", tp)
	case "date":
		p.feature("date", tp)
	case "datetime":
		p.feature("datetime", tp)
	case "double", "string", "boolean":
	default:
		p.feature("value-type-3", tp)
	}
	return &ValueTypeProp{Keyword: at, Legacy: legacy, Type: typ.Value, TypePos: tp, Annots: p.annots(pannots)}
}

// annotationList holds the annotations of TypeQL 2.x (@key, @unique) and
// 3.x.
var annotationList = []string{"key", "unique", "abstract", "independent", "cascade", "distinct", "card", "regex", "range", "values", "subkey"}

var annotationNames = func() map[string]bool {
	m := map[string]bool{}
	for _, a := range annotationList {
		m[a] = true
	}
	return m
}()

func (p *parser) annots(as []*pAnnot) []*Annotation {
	if len(as) == 0 {
		return nil
	}
	out := make([]*Annotation, len(as))
	for i, a := range as {
		an := &Annotation{At: toPos(a.at().Pos), Name: a.at().Value[1:]}
		if lparen, rparen := a.parens(); lparen != nil {
			an.HasParens = true
			an.Rparen = toPos(rparen.Pos)
			an.Args = p.src[lparen.Pos.Offset+1 : rparen.Pos.Offset]
		}
		if want, ok := annotArgs[an.Name]; ok && !want.accepts(p, a) {
			d := p.errorAt(a.at(), "invalid arguments for %s: %s", quote("@"+an.Name), want.desc)
			d.Range.End = an.End()
		}
		switch {
		case an.Name == "key" && !an.HasParens:
			p.feature("@key", an.At)
		case an.Name == "unique" && !an.HasParens:
			p.feature("@unique", an.At)
		case annotationNames[an.Name]:
			p.feature("annotation", an.At)
		default:
			// Kept in the tree, so the statement still converts, but no
			// dialect has this annotation.
			d := p.errorAt(a.at(), "unknown annotation %s", quote("@"+an.Name))
			if s := suggest(an.Name, annotationList); s != "" {
				d.Detail = "Did you mean " + quote("@"+s) + "?"
				d.Fix = &diag.Fix{Message: "replace with " + quote("@"+s), Edits: []diag.Edit{{Range: *d.Range, New: "@" + s}}}
			}
		}
		out[i] = an
	}
	return out
}

// ref lowers a label, scoped label, quoted label, implicit label or variable.
func (p *parser) ref(t tok) *TypeRef {
	r := &TypeRef{NamePos: toPos(t.Pos)}
	v := t.Value
	switch t.Type {
	case tokVar:
		r.Var, r.Name = true, v[1:]
		if v[0] == '?' {
			r.ValueVar = true
			p.errorAt(t, "value variable %s cannot stand for a type or a role: use a $ variable", v)
		}
	case tokString:
		r.Quote, r.Name = v[0], v[1:len(v)-1]
		p.feature("quoted-label", r.NamePos)
		switch {
		case strings.TrimSpace(r.Name) == "":
			p.errorAt(t, "empty quoted label %s", v)
		case !utf8.ValidString(r.Name):
			p.errorAt(t, "quoted label %q is not valid UTF-8", r.Name)
		}
	case tokScoped:
		i := strings.IndexByte(v, ':')
		r.Scope, r.Name = v[:i], v[i+1:]
		p.feature("scoped-role", r.NamePos)
		if strings.HasPrefix(v, "_") || strings.HasPrefix(r.Name, "_") {
			p.feature("underscore-label", r.NamePos)
		}
	case tokAtIdent:
		r.Name = v
		p.feature("implicit-type", r.NamePos)
	default:
		r.Name = v
		if strings.HasPrefix(v, "_") {
			p.feature("underscore-label", r.NamePos)
		}
	}
	return r
}

func (p *parser) variable(t tok) *Var {
	v := &Var{NamePos: toPos(t.Pos), Name: t.Value[1:], Value: t.Value[0] == '?'}
	if v.Value {
		p.feature("value-var", v.NamePos)
	}
	return v
}

// block lowers "{ … }"; kw names the block for the "empty" error.
func (p *parser) block(b *pBlock, kw string) (*Block, error) {
	out := &Block{Lbrace: toPos(b.Tokens[0].Pos), Rbrace: toPos(last(b.Tokens).Pos)}
	if len(b.Patterns) == 0 {
		return nil, &lowerError{at: out.Lbrace, end: out.End(), msg: "empty " + quote(kw) + " block: at least one pattern is required"}
	}
	out.Patterns = make([]Pattern, 0, len(b.Patterns))
	for _, pt := range b.Patterns {
		pat, err := p.pattern(pt)
		if err != nil {
			return nil, err
		}
		out.Patterns = append(out.Patterns, pat)
	}
	return out, nil
}

func (p *parser) pattern(pt *pPattern) (Pattern, error) {
	switch {
	case pt.Neg != nil:
		at := toPos(pt.Neg.Tokens[0].Pos)
		p.feature("not", at)
		b, err := p.block(pt.Neg.Body, "not")
		if err != nil {
			return nil, err
		}
		return &Negation{Not: at, Body: b, Semi: toPos(last(pt.Neg.Tokens).Pos)}, nil
	case pt.Disj != nil:
		first, err := p.block(pt.Disj.First, "{")
		if err != nil {
			return nil, err
		}
		semi := toPos(last(pt.Disj.Tokens).Pos)
		if len(pt.Disj.Rest) == 0 {
			return &Conjunction{Body: first, Semi: semi}, nil
		}
		d := &Disjunction{Alts: []*Block{first}, Semi: semi}
		for _, or := range pt.Disj.Rest {
			b, err := p.block(or.Body, "or")
			if err != nil {
				return nil, err
			}
			d.Ors = append(d.Ors, toPos(or.Tokens[0].Pos))
			d.Alts = append(d.Alts, b)
		}
		return d, nil
	}
	return p.thing(&pt.pThing)
}

func (p *parser) thing(t *pThing) (Pattern, error) {
	s := &PatternStmt{Semi: toPos(last(t.Tokens).Pos)}
	if v := t.thingVar(); v != nil {
		s.Var = p.variable(*v)
	}
	if ty := t.thingType(); ty != nil {
		s.Type = p.ref(*ty)
		p.feature("typed-tuple", s.Type.NamePos)
	}
	if t.Tuple != nil {
		s.Tuple = p.tuple(t.Tuple)
	}
	if t.Pred != nil {
		s.Value = p.pred(t.Pred)
	}
	pps, err := p.valueProp(s, t.Props)
	if err != nil {
		return nil, err
	}
	props, err := p.props(pps, false, t.Pred != nil)
	if err != nil {
		return nil, err
	}
	s.Props = props
	if s.Var == nil && s.Tuple == nil && s.Value == nil && len(s.Props) == 0 {
		return nil, &lowerError{at: s.Semi, end: s.End(), msg: "empty statement"}
	}
	return s, nil
}

// valueProp takes a value written among the properties of a pattern
// ("$y isa name "x";", "$d val < 5, isa date;"), which Grakn 1.0–1.4
// allowed in any place (typedb/typedb@1.4.3:grakn-graql/src/main/antlr4/
// ai/grakn/graql/internal/antlr/Graql.g4 varPattern, propValue), out of
// pps into s.Value, and returns the other properties.
func (p *parser) valueProp(s *PatternStmt, pps []*pProp) ([]*pProp, error) {
	if !slices.ContainsFunc(pps, func(pp *pProp) bool { return pp.Value != nil }) {
		return pps, nil
	}
	rest := make([]*pProp, 0, len(pps)-1)
	for _, pp := range pps {
		if pp.Value == nil {
			rest = append(rest, pp)
			continue
		}
		pr := p.pred(pp.Value)
		if s.Value != nil {
			return nil, &lowerError{at: pr.Pos(), end: pr.End(), msg: "a second value in one statement: a statement compares one value"}
		}
		p.feature("value-prop", pr.Pos())
		s.Value = pr
	}
	return rest, nil
}

func (p *parser) tuple(t *pTuple) *RelTuple {
	rt := &RelTuple{Lparen: toPos(t.Tokens[0].Pos), Rparen: toPos(last(t.Tokens).Pos)}
	rt.Players = make([]*RolePlayer, len(t.Players))
	for i, pl := range t.Players {
		rp := &RolePlayer{Player: p.variable(last(pl.Tokens))}
		if len(pl.Tokens) == 3 {
			rp.Role = p.ref(pl.Tokens[0])
		}
		rt.Players[i] = rp
	}
	return rt
}

func (p *parser) pred(pr *pPred) *Predicate {
	var val Pos
	toks := pr.Tokens
	if pr.Val {
		val = toPos(toks[0].Pos)
		p.feature("val", val)
		toks = toks[1:]
	}
	if pr.Bare != nil {
		lit := p.litTok(pr.Bare.parts())
		if lit.Kind == RegexLit {
			p.feature("slash-regex", lit.ValuePos)
		}
		return &Predicate{Val: val, OpPos: lit.ValuePos, Operand: lit}
	}
	op := toks[0]
	at := toPos(op.Pos)
	switch op.Value {
	case "=", "!==", "like", "contains":
		p.feature(op.Value, at)
	}
	return &Predicate{Val: val, OpPos: at, Op: op.Value, Operand: p.expr(pr.Operand)}
}

// expr lowers a flat "term {op term}" chain with the usual precedence:
// "^" (right-associative) over "* / %" over "+ -".
func (p *parser) expr(e *pExpr) Expr {
	x := p.term(e.First)
	if len(e.Rest) == 0 {
		return x
	}
	p.feature("expression", toPos(e.Rest[0].Op.Pos))
	operands := []Expr{x}
	var ops []arithOp
	reduce := func() {
		n := len(operands)
		op := ops[len(ops)-1]
		ops = ops[:len(ops)-1]
		operands = append(operands[:n-2], &BinaryExpr{X: operands[n-2], OpPos: toPos(op.Pos), Op: op.Value, Y: operands[n-1]})
	}
	for _, r := range e.Rest {
		for len(ops) > 0 && (prec(ops[len(ops)-1].Value) > prec(r.Op.Value) ||
			(prec(ops[len(ops)-1].Value) == prec(r.Op.Value) && r.Op.Value != "^")) {
			reduce()
		}
		ops = append(ops, r.Op)
		operands = append(operands, p.term(r.Term))
	}
	for len(ops) > 0 {
		reduce()
	}
	return operands[0]
}

func prec(op string) int {
	switch op {
	case "^":
		return 3
	case "*", "/", "%":
		return 2
	}
	return 1
}

func (p *parser) term(t *pTerm) Expr {
	switch {
	case t.Lit != nil:
		return p.litTok(t.Lit.parts())
	case t.Var != nil:
		return p.variable(*t.Var)
	case t.Fun != nil:
		c := &CallExpr{FunPos: toPos(t.Fun.Pos), Fun: t.Fun.Value, Rparen: toPos(t.CallEnd.Pos)}
		p.feature("expression", c.FunPos)
		for _, a := range t.Args {
			c.Args = append(c.Args, p.expr(a))
		}
		return c
	}
	p.feature("expression", toPos(t.Lparen.Pos))
	return &ParenExpr{Lparen: toPos(t.Lparen.Pos), X: p.expr(t.Inner), Rparen: toPos(t.Rparen.Pos)}
}

// litTok builds a literal from its token and optional sign, keeping the raw
// source text (sign, spaces, quotes and escapes included).
func (p *parser) litTok(t tok, sign *tok) *Literal {
	l := &Literal{ValuePos: toPos(t.Pos)}
	start := t.Pos.Offset
	if sign != nil {
		l.ValuePos = toPos(sign.Pos)
		start = sign.Pos.Offset
	}
	l.Raw = p.src[start : t.Pos.Offset+len(t.Value)]
	switch t.Type {
	case tokString:
		l.Kind = StringLit
	case tokRegex:
		l.Kind = RegexLit
	case tokNumber:
		l.Kind = IntLit
		if strings.IndexByte(t.Value, '.') >= 0 {
			l.Kind = RealLit
		}
	case tokDate:
		l.Kind = DateLit
		if strings.IndexByte(t.Value, 'T') >= 0 {
			l.Kind = DateTimeLit
		}
	default:
		l.Kind = BoolLit
	}
	return l
}

// annotArg is the argument shape of an annotation.
type annotArg struct {
	desc string
	ok   func(args []tok) bool
}

// accepts reports whether annotation a has the arguments the shape wants;
// a flag annotation accepts no parentheses at all.
func (w annotArg) accepts(p *parser, a *pAnnot) bool {
	lparen, rparen := a.parens()
	if w.ok == nil {
		return lparen == nil
	}
	return lparen != nil && w.ok(p.tokensBetween(lparen.Pos.Offset, rparen.Pos.Offset))
}

// tokensBetween returns the significant tokens strictly between the
// tokens at byte offsets from and to.
func (p *parser) tokensBetween(from, to int) []tok {
	i := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].Pos.Offset > from })
	j := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].Pos.Offset >= to })
	return p.toks[i:j]
}

// annotArgs gives the arguments each annotation takes, as TypeQL 3.x
// parses them (typedb/typeql@3.10.4:rust/parser/typeql.pest, rules
// annotation, annotation_card, annotation_regex, annotation_subkey,
// annotation_range, annotation_values, value_literal). The 2.x annotations
// (@key, @unique) take none there too.
var annotArgs = map[string]annotArg{
	"abstract":    {desc: "it takes none"},
	"cascade":     {desc: "it takes none"},
	"distinct":    {desc: "it takes none"},
	"independent": {desc: "it takes none"},
	"key":         {desc: "it takes none"},
	"unique":      {desc: "it takes none"},
	"card": {"it takes a count (N) or a range of counts (N.. or N..M)", func(a []tok) bool {
		return (len(a) == 1 || len(a) == 2 && isPunctTok(a[1], "..") || len(a) == 3 && isPunctTok(a[1], "..") && isCount(a[2])) && isCount(a[0])
	}},
	"regex": {"it takes one quoted string", func(a []tok) bool {
		return len(a) == 1 && a[0].Type == tokString
	}},
	"subkey": {"it takes one label", func(a []tok) bool {
		return len(a) == 1 && a[0].Type == tokIdent
	}},
	"range": {"it takes a range of values (A..B, A.. or ..B)", func(a []tok) bool {
		for i, t := range a {
			if isPunctTok(t, "..") {
				lo, hi := literalLen(a[:i]), literalLen(a[i+1:])
				return lo == i && hi == len(a)-i-1 && (lo > 0 || hi > 0)
			}
		}
		return false
	}},
	"values": {"it takes a list of values", func(a []tok) bool {
		if len(a) == 0 {
			return false
		}
		for len(a) > 0 {
			n := literalLen(a)
			if n == 0 {
				return false
			}
			a = a[n:]
			if len(a) > 0 {
				if !isPunctTok(a[0], ",") {
					return false
				}
				a = a[1:]
			}
		}
		return true
	}},
}

// isCount reports whether t is an unsigned integer.
func isCount(t tok) bool {
	return t.Type == tokNumber && strings.IndexFunc(t.Value, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// literalLen returns how many tokens at the start of a make one value
// literal (a string, a boolean, a signed number, a date or time, a
// duration), or 0 when none is there. The whole of a must be one literal
// for the caller to accept it as such.
func literalLen(a []tok) int {
	if len(a) == 0 {
		return 0
	}
	t := a[0]
	switch {
	case t.Type == tokDate:
		return 1 + zoneLen(a[1:])
	case t.Type == tokString, t.Type == tokNumber:
		return 1
	case t.Type == tokIdent && (t.Value == "true" || t.Value == "false" || isDuration(t.Value)):
		return 1
	case (isPunctTok(t, "-") || isPunctTok(t, "+")) && len(a) > 1 && a[1].Type == tokNumber:
		return 2
	}
	return 0
}

// zoneLen returns how many tokens at the start of a make the time zone of
// a datetime-tz literal: an offset ("+0100") or an IANA name
// ("Europe/Belfast"), or 0.
func zoneLen(a []tok) int {
	switch {
	case len(a) >= 2 && (isPunctTok(a[0], "+") || isPunctTok(a[0], "-")) && a[1].Type == tokNumber:
		return 2
	case len(a) >= 1 && a[0].Type == tokIdent:
		n := 1
		for n+1 < len(a) && isPunctTok(a[n], "/") && a[n+1].Type == tokIdent {
			n += 2
		}
		return n
	}
	return 0
}

// isDuration reports whether w reads as an ISO 8601 duration (P1Y2M, PT5H).
func isDuration(w string) bool {
	return len(w) > 1 && w[0] == 'P' && strings.ContainsAny(w, "0123456789")
}
