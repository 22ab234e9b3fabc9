package schema

import (
	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// Codes of the diagnostics that applying a query can give. Everything else
// is left to the checks in package validate.
const (
	CodeVariable      = "define-variable"        // a variable where a label is needed
	CodeThingStmt     = "define-thing-statement" // isa, has-value, iid… in a define
	CodeWrongDialect  = "define-wrong-dialect"   // a property of another language generation
	CodeUnsupported   = "define-unsupported"     // 3.x constructs and "type L" in define
	CodeRepeatedProp  = "define-repeated"        // the same property twice in one statement
	CodeSubConflict   = "define-sub-conflict"    // two different supertypes in one query
	CodeKindChange    = "define-kind-change"     // a redefinition that changes a type's kind
	CodeValueChange   = "define-value-change"    // a redefinition that changes a value type
	CodeRoleOutside   = "define-role-outside-relation"
	CodeRuleSyntax    = "define-rule-syntax"    // a rule without when/then, or 1.x rule syntax in 2.x
	CodeLabelTaken    = "define-label-taken"    // 1.x: a rule label used by a type or the reverse
	CodeUndefMissing  = "undefine-missing"      // undefine of something not declared
	CodeUndefSub      = "undefine-wrong-sub"    // "undefine T sub S" when S is not a supertype of T
	CodeUndefSubtypes = "undefine-has-subtypes" // deleting a type that still has subtypes
	CodeUndefInRule   = "undefine-used-by-rule" // deleting a type a rule refers to
	CodeUndefValue    = "undefine-value-type"   // a value type cannot be undefined
	CodeUndefAnnot    = "undefine-annotation"   // "undefine T owns A @key"
	CodeUndefInherit  = "undefine-inherited"    // undefine of an inherited owns/plays/relates
)

func (m *Model) rng(n grammar.Node) diag.Range {
	return diag.Range{File: m.Source, Start: n.Pos(), End: n.End()}
}

func (m *Model) errorf(l *diag.List, code string, n grammar.Node, format string, args ...any) *diag.Diagnostic {
	r := m.rng(n)
	return l.Addf(diag.Error, code, &r, format, args...)
}

// Build applies the define and undefine queries of files in order to a new
// model of lang, as a console session loading "-f a -f b" would. Other
// queries (insert, match…) are skipped.
func Build(lang Lang, files ...*grammar.File) (*Model, diag.List) {
	m := New(lang)
	m.reserve(stmtCount(files))
	var out diag.List
	for _, f := range files {
		out = append(out, m.Apply(f)...)
	}
	return m, out
}

// Apply applies every define and undefine query of f in order, recording
// f.Name in the ranges of the facts. A redefine is TypeQL 3.x only, which
// Model3 applies; here it is passed over like a data query.
func (m *Model) Apply(f *grammar.File) diag.List {
	m.Source = f.Name
	var out diag.List
	for _, q := range f.Queries {
		if dq, ok := q.(*grammar.DefineQuery); ok {
			switch dq.Kind {
			case grammar.Undefine:
				out = append(out, m.Undefine(dq)...)
			case grammar.Define:
				out = append(out, m.Define(dq)...)
			}
		}
	}
	return out
}

// definer holds the state of one define query.
type definer struct {
	m     *Model
	q     int
	out   diag.List
	subs  map[*Type]*Sub         // supertypes given in this query
	kinds map[*Type]concept.Kind // kinds before this query, for types it re-subs
	prev  map[*Type]*Sub         // their supertypes before this query
}

// Define applies a define query. Statements about one label merge; order
// inside the query does not matter, since labels resolve lazily. An undefine
// query is passed on to Undefine; a redefine (TypeQL 3.x, see Model3)
// changes nothing here.
func (m *Model) Define(q *grammar.DefineQuery) diag.List {
	switch q.Kind {
	case grammar.Undefine:
		return m.Undefine(q)
	case grammar.Redefine:
		return nil
	}
	d := &definer{m: m, q: m.queries, subs: make(map[*Type]*Sub, len(q.Stmts)), kinds: map[*Type]concept.Kind{}, prev: map[*Type]*Sub{}}
	m.queries++
	// Kinds before the query, for every existing type given a supertype in
	// it, so that a change of kind can be reported.
	for _, s := range q.Stmts {
		if ts, ok := s.(*grammar.TypeStmt); ok && ts.Subject != nil && !ts.Subject.Var {
			if t := m.Type(ts.Subject.String()); t != nil && hasSub(ts) {
				d.kinds[t] = t.Kind()
				d.prev[t] = t.Sub
			}
		}
	}
	for _, s := range q.Stmts {
		d.stmt(s)
	}
	for t, before := range d.kinds {
		if after := t.Kind(); before != concept.Unknown && after != concept.Unknown && after != before && d.subs[t] != nil {
			s := d.subs[t]
			r := s.SuperRange
			d.out.Addf(diag.Error, CodeKindChange, &r,
				"%s %q cannot become a subtype of %q, which is a %s type; undefine it first or keep it under %s",
				before, t.Label, s.Super, after, kindRootLabel(before))
			t.Sub = d.prev[t] // the server rejects the change; keep the old supertype
			t.m.changed()
		}
	}
	d.out.Sort()
	return d.out
}

func kindRootLabel(k concept.Kind) string { return k.String() }

func hasSub(ts *grammar.TypeStmt) bool {
	for _, p := range ts.Props {
		if _, ok := p.(*grammar.SubProp); ok {
			return true
		}
	}
	return false
}

func (d *definer) stmt(s grammar.Stmt) {
	m := d.m
	switch s := s.(type) {
	case *grammar.TypeStmt:
		d.typeStmt(s)
	case *grammar.RuleStmt:
		if m.Lang != TypeQL2 {
			m.errorf(&d.out, CodeWrongDialect, s, "a \"rule L: when … then …\" definition is TypeQL 2.x syntax; in Graql 1.x write \"L sub rule, when {…}, then {…};\"")
			return
		}
		if s.When == nil || s.Then == nil {
			m.errorf(&d.out, CodeRuleSyntax, s, "rule %q needs both a when and a then block in a define", s.Label.Name)
			return
		}
		d.rule(&Rule{Label: s.Label.Name, LabelRange: m.rng(s.Label), When: s.When, Then: s.Then, Stmt: s})
	case *grammar.FunStmt:
		m.errorf(&d.out, CodeUnsupported, s, "function %q is TypeQL 3.x; it is not modelled", s.Name)
	case *grammar.StructStmt:
		m.errorf(&d.out, CodeUnsupported, s, "struct %q is TypeQL 3.x; it is not modelled", s.Name)
	}
}

func (d *definer) rule(r *Rule) {
	m := d.m
	r.Fact = Fact{Range: m.rng(r.Stmt), Query: d.q}
	if m.Lang == Graql1 {
		if t := m.Type(r.Label); t != nil {
			d.out.Addf(diag.Error, CodeLabelTaken, &r.LabelRange, "rule label %q is already the label of a type; 1.x labels are shared by types, roles and rules", r.Label)
		}
	}
	if old := m.rules[r.Label]; old != nil {
		// Redefining a rule replaces it (a define of the same rule is idempotent).
		*old = *r
		return
	}
	m.rules[r.Label] = r
	m.rorder = append(m.rorder, r)
}

// isRuleStmt reports whether a 1.x type statement defines a rule: it has
// "sub rule", "when" or "then".
func isRuleStmt(s *grammar.TypeStmt) bool {
	for _, p := range s.Props {
		switch p := p.(type) {
		case *grammar.SubProp:
			if !p.Type.Var && p.Type.Scope == "" && p.Type.Name == "rule" {
				return true
			}
		case *grammar.WhenProp, *grammar.ThenProp:
			return true
		}
	}
	return false
}

func (d *definer) typeStmt(s *grammar.TypeStmt) {
	m := d.m
	if s.Subject == nil {
		return
	}
	if s.Subject.Var {
		m.errorf(&d.out, CodeVariable, s.Subject, "variable %s cannot be defined; a define names types by label", s.Subject)
		for _, p := range s.Props {
			if isThingProp(p) {
				m.errorf(&d.out, CodeThingStmt, p, "a define holds type statements only; move this to an insert query")
				break
			}
		}
		return
	}
	if s.Kind != "" {
		m.errorf(&d.out, CodeUnsupported, s, "the %q kind keyword is TypeQL 3.x; write \"%s sub %s\" in 2.x", s.Kind, s.Subject, s.Kind)
	}
	for _, a := range s.Annotations {
		m.errorf(&d.out, CodeUnsupported, a, "annotation @%s on a type is TypeQL 3.x", a.Name)
	}
	if isRuleStmt(s) {
		d.legacyRule(s)
		return
	}
	if s.Subject.Scope != "" {
		if m.Lang == TypeQL2 {
			m.errorf(&d.out, CodeRoleOutside, s.Subject, "role %s cannot be defined on its own; declare it with \"%s relates %s\"", s.Subject, s.Subject.Scope, s.Subject.Name)
		} else {
			m.errorf(&d.out, CodeWrongDialect, s.Subject, "scoped label %s is TypeQL 2.x syntax", s.Subject)
		}
		return
	}
	t := m.Type(s.Subject.Name)
	if t == nil {
		t = &Type{m: m, Label: s.Subject.Name, Query: -1}
		m.add(t)
	}
	t.Stmts = append(t.Stmts, s)
	t.Ranges = append(t.Ranges, m.rng(s.Subject))
	seen := map[string]grammar.Prop{}
	for _, p := range s.Props {
		d.prop(t, s, p, seen)
	}
}

// legacyRule records a 1.x "L sub rule, when {…}, then {…};" (or the form
// without "sub rule"); in 2.x it is reported.
func (d *definer) legacyRule(s *grammar.TypeStmt) {
	m := d.m
	var when, then *grammar.Block
	for _, p := range s.Props {
		switch p := p.(type) {
		case *grammar.WhenProp:
			when = p.Body
		case *grammar.ThenProp:
			then = p.Body
		case *grammar.SubProp:
		default:
			m.errorf(&d.out, CodeRuleSyntax, p, "a rule has only when and then")
		}
	}
	if m.Lang == TypeQL2 {
		for _, p := range s.Props {
			if sp, ok := p.(*grammar.SubProp); ok && sp.Type.Name == "rule" {
				m.errorf(&d.out, CodeRuleSyntax, s, "\"%s sub rule, when …, then …\" is Graql 1.x syntax; write \"rule %s: when {…} then {…};\"", s.Subject.Name, s.Subject.Name)
				return
			}
		}
		m.errorf(&d.out, CodeRuleSyntax, s, "type %q cannot have when/then blocks; a rule is written \"rule LABEL: when {…} then {…};\"", s.Subject.Name)
		return
	}
	if when == nil || then == nil {
		m.errorf(&d.out, CodeRuleSyntax, s, "rule %q needs both a when and a then block", s.Subject.Name)
		return
	}
	d.rule(&Rule{Label: s.Subject.Name, LabelRange: m.rng(s.Subject), When: when, Then: then, Stmt: s, Legacy: true})
}

func isThingProp(p grammar.Prop) bool {
	switch p.(type) {
	case *grammar.IsaProp, *grammar.HasValueProp, *grammar.IDProp, *grammar.IsProp, *grammar.LinksProp:
		return true
	}
	return false
}

func propName(p grammar.Prop) string {
	switch p.(type) {
	case *grammar.SubProp:
		return "sub"
	case *grammar.AbstractProp:
		return "abstract"
	case *grammar.ValueTypeProp:
		return "value"
	case *grammar.RegexProp:
		return "regex"
	}
	return ""
}

func (d *definer) prop(t *Type, s *grammar.TypeStmt, p grammar.Prop, seen map[string]grammar.Prop) {
	m := d.m
	fact := Fact{Range: m.rng(p), Query: d.q}
	if name := propName(p); name != "" {
		if _, dup := seen[name]; dup {
			m.errorf(&d.out, CodeRepeatedProp, p, "%q is given twice in the statement about %q; keep one", name, t.Label)
			return
		}
		seen[name] = p
	}
	switch p := p.(type) {
	case *grammar.SubProp:
		if p.Type.Var {
			m.errorf(&d.out, CodeVariable, p.Type, "variable %s cannot be a supertype in a define", p.Type)
			return
		}
		sub := &Sub{Fact: fact, Super: p.Type.String(), SuperRange: m.rng(p.Type), Node: p}
		if prev := d.subs[t]; prev != nil && prev.Super != sub.Super {
			r := sub.SuperRange
			diagn := d.out.Addf(diag.Error, CodeSubConflict, &r, "%q is given two supertypes in one query, %q and %q; keep one", t.Label, prev.Super, sub.Super)
			diagn.Related = []diag.Related{{Range: prev.SuperRange, Message: "first supertype"}}
			return
		}
		d.subs[t] = sub
		if t.Sub == nil || t.Sub.Super != sub.Super || t.Query < 0 {
			t.Sub = sub
			t.m.changed()
		}
		if t.Query < 0 {
			t.Query = d.q
		}
	case *grammar.AbstractProp:
		if t.Abstract == nil {
			t.Abstract = &Flag{Fact: fact, Node: p}
		}
	case *grammar.ValueTypeProp:
		if p.Legacy && m.Lang == TypeQL2 {
			m.errorf(&d.out, CodeWrongDialect, p, "\"datatype\" is Graql 1.x (≤1.7); write \"value %s\"", p.Type)
		}
		for _, a := range p.Annots {
			m.errorf(&d.out, CodeUnsupported, a, "annotation @%s is TypeQL 3.x", a.Name)
		}
		v := &Value{Fact: fact, Type: p.Type, Node: p}
		if t.Value != nil && t.Value.Type != v.Type && t.Value.Query != d.q {
			r := m.rng(p)
			diagn := d.out.Addf(diag.Error, CodeValueChange, &r, "attribute type %q already has value type %s; a value type cannot be changed (undefine the type and define it again)", t.Label, t.Value.Type)
			diagn.Related = []diag.Related{{Range: t.Value.Range, Message: "value type declared here"}}
			return
		}
		if t.Value != nil && t.Value.Type != v.Type {
			r := m.rng(p)
			diagn := d.out.Addf(diag.Error, CodeValueChange, &r, "attribute type %q is given two value types, %s and %s; keep one", t.Label, t.Value.Type, v.Type)
			diagn.Related = []diag.Related{{Range: t.Value.Range, Message: "first value type"}}
			return
		}
		if t.Value == nil || t.Value.Query != d.q {
			t.Value = v
		}
	case *grammar.RegexProp:
		t.Regex = &Regex{Fact: fact, Pattern: p.Pattern.Raw, Node: p}
	case *grammar.HasProp, *grammar.KeyProp:
		if m.Lang == TypeQL2 {
			kw, attr := "has", ""
			if k, ok := p.(*grammar.KeyProp); ok {
				kw, attr = "key", k.Attr.String()
			} else {
				attr = p.(*grammar.HasProp).Attr.String()
			}
			fix := "owns " + attr
			if kw == "key" {
				fix += " @key"
			}
			m.errorf(&d.out, CodeWrongDialect, p, "%q is Graql 1.x; write %q", kw+" "+attr, fix)
			return
		}
		d.owns1(t, p, fact)
	case *grammar.OwnsProp:
		if m.Lang == Graql1 {
			m.errorf(&d.out, CodeWrongDialect, p, "\"owns\" is TypeQL 2.x; write \"has %s\" (or \"key %s\")", p.Attr, p.Attr)
			return
		}
		d.owns2(t, p, fact)
	case *grammar.PlaysProp:
		d.plays(t, p, fact)
	case *grammar.RelatesProp:
		d.relates(t, p, fact)
	case *grammar.TypeProp:
		m.errorf(&d.out, CodeUnsupported, p, "\"type %s\" renames nothing in a define; remove it", p.Label)
	case *grammar.WhenProp, *grammar.ThenProp:
		// Handled by legacyRule; unreachable.
	case *grammar.AliasProp, *grammar.AnnotationProp:
		m.errorf(&d.out, CodeUnsupported, p, "this property is TypeQL 3.x; it is not modelled")
	default:
		if isThingProp(p) {
			m.errorf(&d.out, CodeThingStmt, p, "a define holds type statements only; move this to an insert query")
		}
	}
}

func (d *definer) owns1(t *Type, p grammar.Prop, fact Fact) {
	m := d.m
	var ref *grammar.TypeRef
	key := false
	switch p := p.(type) {
	case *grammar.HasProp:
		ref = p.Attr
	case *grammar.KeyProp:
		ref, key = p.Attr, true
	}
	if ref.Var {
		m.errorf(&d.out, CodeVariable, ref, "variable %s cannot be owned in a define", ref)
		return
	}
	label := ref.String()
	for _, o := range t.Owns {
		if o.Attr == label {
			if key && !o.Key {
				o.Key, o.HasToo = true, true
				o.Node = p
			} else if !key && o.Key {
				o.HasToo = true
			}
			o.Redecl = append(o.Redecl, fact.Range)
			return
		}
	}
	o := &Owns{Fact: fact, Owner: t, Attr: label, AttrRange: m.rng(ref), Key: key, Node: p}
	if key {
		o.Annots = []string{"key"}
	}
	t.Owns = append(t.Owns, o)
	t.m.changed()
}

func (d *definer) owns2(t *Type, p *grammar.OwnsProp, fact Fact) {
	m := d.m
	if p.Attr.Var || p.As != nil && p.As.Var {
		m.errorf(&d.out, CodeVariable, p, "variables cannot be owned in a define")
		return
	}
	if p.List {
		m.errorf(&d.out, CodeUnsupported, p, "ordered ownership \"owns %s[]\" is TypeQL 3.x", p.Attr)
	}
	o := &Owns{Fact: fact, Owner: t, Attr: p.Attr.String(), AttrRange: m.rng(p.Attr), Node: p}
	if p.As != nil {
		o.As, o.AsRange = p.As.String(), m.rng(p.As)
	}
	for _, a := range p.Annots {
		o.Annots = append(o.Annots, a.Name)
		switch a.Name {
		case "key":
			o.Key = true
		case "unique":
			o.Unique = true
		}
	}
	for i, old := range t.Owns {
		if old.Attr == o.Attr {
			// Redefining an ownership replaces its override and annotations.
			o.Redecl = append(append([]diag.Range{}, old.Redecl...), old.Range)
			t.Owns[i] = o
			return
		}
	}
	t.Owns = append(t.Owns, o)
	t.m.changed()
}

func (d *definer) plays(t *Type, p *grammar.PlaysProp, fact Fact) {
	m := d.m
	if p.Role.Var || p.As != nil && p.As.Var {
		m.errorf(&d.out, CodeVariable, p, "variables cannot be played in a define")
		return
	}
	for _, a := range p.Annots {
		m.errorf(&d.out, CodeUnsupported, a, "annotation @%s is TypeQL 3.x", a.Name)
	}
	pl := &Plays{Fact: fact, Player: t, Scope: p.Role.Scope, Role: p.Role.Name, RoleRange: m.rng(p.Role), Node: p}
	if p.As != nil {
		pl.As, pl.AsRange = p.As.String(), m.rng(p.As)
	}
	switch {
	case m.Lang == TypeQL2 && pl.Scope == "":
		m.errorf(&d.out, CodeWrongDialect, p.Role, "\"plays %s\" needs a scoped role in TypeQL 2.x: write \"plays RELATION:%s\"", p.Role, p.Role)
		return
	case m.Lang == Graql1 && pl.Scope != "":
		m.errorf(&d.out, CodeWrongDialect, p.Role, "scoped role %s is TypeQL 2.x; write \"plays %s\"", p.Role, p.Role.Name)
		return
	case m.Lang == Graql1 && pl.As != "":
		m.errorf(&d.out, CodeWrongDialect, p, "\"plays … as …\" is TypeQL 2.x")
		return
	}
	for i, old := range t.Plays {
		if old.Scope == pl.Scope && old.Role == pl.Role {
			pl.Redecl = append(append([]diag.Range{}, old.Redecl...), old.Range)
			if old.Query == d.q && pl.As == "" {
				// Repeated in one query: keep the first declaration.
				old.Redecl = append(old.Redecl, fact.Range)
				return
			}
			t.Plays[i] = pl
			return
		}
	}
	t.Plays = append(t.Plays, pl)
	t.m.changed()
}

func (d *definer) relates(t *Type, p *grammar.RelatesProp, fact Fact) {
	m := d.m
	if p.Role.Var || p.As != nil && p.As.Var {
		m.errorf(&d.out, CodeVariable, p, "variables cannot be related in a define")
		return
	}
	if p.Role.Scope != "" || p.As != nil && p.As.Scope != "" {
		m.errorf(&d.out, CodeWrongDialect, p, "a related role is written without a scope: \"relates %s\"", p.Role.Name)
		return
	}
	if p.List {
		m.errorf(&d.out, CodeUnsupported, p, "\"relates %s[]\" is TypeQL 3.x", p.Role)
	}
	r := &Relates{Fact: fact, Relation: t, Role: p.Role.String(), RoleRange: m.rng(p.Role), Node: p}
	if p.As != nil {
		r.As, r.AsRange = p.As.String(), m.rng(p.As)
	}
	replaced := false
	for i, old := range t.Relates {
		if old.Role == r.Role {
			r.Redecl = append(append([]diag.Range{}, old.Redecl...), old.Range)
			if r.As == "" && old.As != "" && old.Query == d.q {
				old.Redecl = append(old.Redecl, fact.Range)
				return
			}
			t.Relates[i] = r
			replaced = true
			break
		}
	}
	if !replaced {
		t.Relates = append(t.Relates, r)
		t.m.changed()
	}
	if m.Lang == TypeQL2 {
		key := scoped(t.Label, r.Role)
		rt := m.types[key]
		if rt == nil {
			rt = &Type{m: m, Label: r.Role, Scope: t.Label, Query: d.q}
			m.add(rt)
		}
		rt.Decl = r
		rt.m.changed()
		rt.Ranges = append(rt.Ranges, r.RoleRange)
		return
	}
	// 1.x: the role is a global type; "relates R as S" makes R a sub-role of S.
	rt := m.Type(r.Role)
	if rt == nil {
		rt = &Type{m: m, Label: r.Role, impliedRole: true, Query: d.q}
		m.add(rt)
		rt.Ranges = append(rt.Ranges, r.RoleRange)
	} else if rt.Sub == nil {
		rt.impliedRole = true // e.g. "wife plays x;" written before any relates
		rt.m.changed()
	}
	if rt.Query < 0 {
		rt.Query = d.q
	}
	if r.As != "" {
		sub := &Sub{Fact: fact, Super: r.As, SuperRange: r.AsRange, Node: p}
		if prev := d.subs[rt]; prev != nil && prev.Super != sub.Super {
			rr := r.AsRange
			diagn := d.out.Addf(diag.Error, CodeSubConflict, &rr, "role %q is given two supertypes in one query, %q and %q; keep one", rt.Label, prev.Super, sub.Super)
			diagn.Related = []diag.Related{{Range: prev.SuperRange, Message: "first supertype"}}
			return
		}
		d.subs[rt] = sub
		rt.Sub = sub
		rt.m.changed()
	}
}
