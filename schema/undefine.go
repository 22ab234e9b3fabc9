package schema

import (
	"fmt"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// Undefine applies an undefine query: "T sub S" deletes T (S may be any
// supertype of T), other properties remove what T itself declared, and
// "rule L" deletes a rule. Problems the server would reject are reported
// and leave the model unchanged for that property: undefining what is not
// declared, what is only inherited, a value type, or an "@key" annotation;
// deleting a type that has subtypes or that a rule refers to.
func (m *Model) Undefine(q *grammar.DefineQuery) diag.List {
	u := &undefiner{m: m, del: map[*Type]*grammar.SubProp{}, delRules: map[string]bool{}, gone: map[string]bool{}}
	m.queries++
	// First pass: what is deleted, so that deleting a type together with
	// its subtypes, or with the rules using it, is accepted.
	for _, s := range q.Stmts {
		switch s := s.(type) {
		case *grammar.TypeStmt:
			if s.Subject == nil || s.Subject.Var {
				continue
			}
			if m.Lang == Graql1 && isRuleStmt(s) {
				u.delRules[s.Subject.Name] = true
				continue
			}
			if t := m.Type(s.Subject.String()); t != nil {
				for _, p := range s.Props {
					if sp, ok := p.(*grammar.SubProp); ok {
						u.del[t] = sp
					}
				}
			}
		case *grammar.RuleStmt:
			u.delRules[s.Label.Name] = true
		}
	}
	for _, s := range q.Stmts {
		u.stmt(s)
	}
	for _, t := range u.order {
		m.deleteType(t)
	}
	for _, r := range u.rules {
		m.deleteRule(r)
	}
	u.out.Sort()
	return u.out
}

type undefiner struct {
	m        *Model
	out      diag.List
	del      map[*Type]*grammar.SubProp
	delRules map[string]bool
	order    []*Type // types to delete, in statement order
	rules    []string
	// gone are the 2.x roles ("rel:role") this query has undefined so
	// far: a later "plays" of one is accepted, since undefining the role
	// already removed it (typedb/typedb@2.29.1:query/Undefiner.java
	// undefinePlays throws TYPE_NOT_FOUND only for a role not in
	// "undefined", which undefineRelates adds to; same at 2.0.0).
	gone map[string]bool
}

func (u *undefiner) stmt(s grammar.Stmt) {
	m := u.m
	switch s := s.(type) {
	case *grammar.RuleStmt:
		if m.rules[s.Label.Name] == nil {
			d := m.errorf(&u.out, CodeUndefMissing, s.Label, "there is no rule %q to undefine", s.Label.Name)
			m.suggestRule(d, s.Label.Name)
			return
		}
		u.rules = append(u.rules, s.Label.Name)
	case *grammar.TypeStmt:
		u.typeStmt(s)
	case *grammar.FunStmt, *grammar.StructStmt:
		m.errorf(&u.out, CodeUnsupported, s, "TypeQL 3.x definitions are not modelled")
	}
}

func (m *Model) suggestRule(d *diag.Diagnostic, label string) {
	var cands []string
	for _, r := range m.rorder {
		cands = append(cands, r.Label)
	}
	if c := Closest(label, cands); c != "" {
		d.Detail = fmt.Sprintf("Did you mean %q?", c)
	}
}

func (m *Model) suggestType(d *diag.Diagnostic, label string, kinds ...concept.Kind) {
	if c := m.Suggest(label, kinds...); c != "" {
		d.Detail = fmt.Sprintf("Did you mean %q?", c)
	}
}

func (u *undefiner) typeStmt(s *grammar.TypeStmt) {
	m := u.m
	if s.Subject == nil {
		return
	}
	if s.Subject.Var {
		m.errorf(&u.out, CodeVariable, s.Subject, "variable %s cannot be undefined; name the type by its label", s.Subject)
		return
	}
	if m.Lang == Graql1 && isRuleStmt(s) {
		if m.rules[s.Subject.Name] == nil {
			d := m.errorf(&u.out, CodeUndefMissing, s.Subject, "there is no rule %q to undefine", s.Subject.Name)
			m.suggestRule(d, s.Subject.Name)
			return
		}
		u.rules = append(u.rules, s.Subject.Name)
		return
	}
	t := m.Type(s.Subject.String())
	if t == nil {
		d := m.errorf(&u.out, CodeUndefMissing, s.Subject, "there is no type %q to undefine", s.Subject)
		m.suggestType(d, s.Subject.String())
		return
	}
	if s.Subject.Scope != "" {
		m.errorf(&u.out, CodeRoleOutside, s.Subject, "role %s cannot be undefined on its own; write \"undefine %s relates %s;\"", s.Subject, s.Subject.Scope, s.Subject.Name)
		return
	}
	if t.IsRoot() {
		m.errorf(&u.out, CodeUndefMissing, s.Subject, "root type %q cannot be undefined or changed", t.Label)
		return
	}
	deleting := u.del[t] != nil
	for _, p := range s.Props {
		switch p := p.(type) {
		case *grammar.SubProp:
			u.sub(t, p)
		case *grammar.AbstractProp:
			t.Abstract = nil // undefining abstract on a concrete type does nothing
		case *grammar.ValueTypeProp:
			if !deleting {
				m.errorf(&u.out, CodeUndefValue, p, "the value type of %q cannot be undefined; undefine the attribute type itself (\"undefine %s sub …\")", t.Label, t.Label)
			}
		case *grammar.RegexProp:
			if t.Regex == nil {
				m.errorf(&u.out, CodeUndefMissing, p, "attribute type %q has no regex to undefine", t.Label)
				continue
			}
			t.Regex = nil
		case *grammar.OwnsProp:
			if len(p.Annots) > 0 {
				m.errorf(&u.out, CodeUndefAnnot, p.Annots[0], "an annotation cannot be undefined on its own; write \"undefine %s owns %s;\" (and define the ownership again without @%s to keep it)", t.Label, p.Attr, p.Annots[0].Name)
				continue
			}
			u.owns(t, p, p.Attr)
		case *grammar.HasProp:
			u.owns(t, p, p.Attr)
		case *grammar.KeyProp:
			u.owns(t, p, p.Attr)
		case *grammar.PlaysProp:
			u.plays(t, p)
		case *grammar.RelatesProp:
			u.relates(t, p)
		default:
			if !deleting {
				m.errorf(&u.out, CodeUnsupported, p, "this property cannot be undefined")
			}
		}
	}
}

func (u *undefiner) sub(t *Type, p *grammar.SubProp) {
	m := u.m
	label := p.Type.String()
	ok := false
	for _, s := range t.Supertypes() {
		if s.Key() == label || m.Lang == Graql1 && label == "relationship" && s.Key() == "relation" {
			ok = true
		}
	}
	if !ok {
		d := m.errorf(&u.out, CodeUndefSub, p.Type, "%q is not a supertype of %q; write \"undefine %s sub %s;\"", label, t.Label, t.Label, directSuperLabel(t))
		d.Related = []diag.Related{{Range: t.DefRange(), Message: "defined here"}}
		return
	}
	for _, sub := range t.Subtypes() {
		if sub.Scope != "" || u.del[sub] != nil {
			continue
		}
		d := m.errorf(&u.out, CodeUndefSubtypes, p, "%q still has subtype %q; undefine the subtypes first or in the same query", t.Label, sub.Label)
		d.Related = []diag.Related{{Range: sub.DefRange(), Message: "subtype defined here"}}
		return
	}
	for _, r := range m.rorder {
		if u.delRules[r.Label] {
			continue
		}
		if ref := r.refersTo(t.Label); ref != nil {
			d := m.errorf(&u.out, CodeUndefInRule, p, "rule %q refers to %q; undefine or change the rule first", r.Label, t.Label)
			d.Related = []diag.Related{{Range: r.Range, Message: "rule defined here"}}
			return
		}
	}
	for _, x := range u.order {
		if x == t {
			return
		}
	}
	u.order = append(u.order, t)
}

func directSuperLabel(t *Type) string {
	if s := t.Super(); s != nil {
		return s.Key()
	}
	return "…"
}

func (u *undefiner) owns(t *Type, p grammar.Prop, ref *grammar.TypeRef) {
	m := u.m
	label := ref.String()
	for i, o := range t.Owns {
		if o.Attr != label {
			continue
		}
		if k, ok := p.(*grammar.KeyProp); ok && m.Lang == Graql1 && !o.Key {
			m.errorf(&u.out, CodeUndefMissing, k, "%q owns %q but not as a key", t.Label, label)
			return
		}
		t.Owns = append(t.Owns[:i:i], t.Owns[i+1:]...)
		t.m.changed()
		return
	}
	if inh := t.InheritedOwns(label); inh != nil {
		d := m.errorf(&u.out, CodeUndefInherit, p, "%q inherits the ownership of %q from %q; undefine it there", t.Label, label, inh.Owner.Label)
		d.Related = []diag.Related{{Range: inh.Range, Message: "declared here"}}
		return
	}
	d := m.errorf(&u.out, CodeUndefMissing, p, "%q does not own %q", t.Label, label)
	if c := Closest(label, ownedLabels(t)); c != "" {
		d.Detail = fmt.Sprintf("Did you mean %q?", c)
	}
}

func ownedLabels(t *Type) []string {
	var out []string
	for _, o := range t.OwnsAll() {
		out = append(out, o.Attr)
	}
	return out
}

func (u *undefiner) plays(t *Type, p *grammar.PlaysProp) {
	m := u.m
	for i, pl := range t.Plays {
		if pl.Scope == p.Role.Scope && pl.Role == p.Role.Name {
			t.Plays = append(t.Plays[:i:i], t.Plays[i+1:]...)
			t.m.changed()
			return
		}
	}
	if sup := t.Super(); sup != nil {
		for _, pl := range sup.PlaysAll() {
			if pl.Scope == p.Role.Scope && pl.Role == p.Role.Name {
				d := m.errorf(&u.out, CodeUndefInherit, p, "%q inherits \"plays %s\" from %q; undefine it there", t.Label, pl.RoleLabel(), pl.Player.Label)
				d.Related = []diag.Related{{Range: pl.Range, Message: "declared here"}}
				return
			}
		}
	}
	if u.gone[p.Role.String()] {
		return // the role went earlier in this query, and its players with it
	}
	d := m.errorf(&u.out, CodeUndefMissing, p, "%q does not declare \"plays %s\"", t.Label, p.Role)
	if m.Lang == TypeQL2 {
		if rel := m.Type(p.Role.Scope); rel != nil {
			if r := rel.RoleByName(p.Role.Name); r != nil && r.Scope != p.Role.Scope {
				d.Detail = fmt.Sprintf("%s is inherited by %s from %s; name the role by its declaring relation: %s.", p.Role.Name, rel.Label, r.Scope, r.Key())
			}
		}
	}
}

func (u *undefiner) relates(t *Type, p *grammar.RelatesProp) {
	m := u.m
	name := p.Role.Name
	for i, r := range t.Relates {
		if r.Role != name {
			continue
		}
		t.Relates = append(t.Relates[:i:i], t.Relates[i+1:]...)
		t.m.changed()
		if m.Lang == TypeQL2 {
			if rt := m.types[scoped(t.Label, name)]; rt != nil {
				m.remove(rt)
				m.detachRole(t.Label, name)
				u.gone[scoped(t.Label, name)] = true
			}
		}
		return
	}
	if m.Lang == TypeQL2 && t.RoleByName(name) != nil {
		m.errorf(&u.out, CodeUndefInherit, p, "%q inherits role %q; undefine it on the relation that declares it", t.Label, name)
		return
	}
	m.errorf(&u.out, CodeUndefMissing, p, "%q does not relate %q", t.Label, name)
}

// detachRole removes every "plays REL:ROLE" of a deleted 2.x role, as the
// server does when a role type is deleted.
func (m *Model) detachRole(rel, role string) {
	for _, t := range m.order {
		kept := t.Plays[:0:0]
		for _, p := range t.Plays {
			if !(p.Scope == rel && p.Role == role) {
				kept = append(kept, p)
			}
		}
		t.Plays = kept
		t.m.changed()
	}
}

// deleteType removes t and what refers to it: its roles, the plays of
// those roles, and ownerships of t when it is an attribute type.
func (m *Model) deleteType(t *Type) {
	if m.Lang == TypeQL2 {
		for _, r := range t.Relates {
			if rt := m.types[scoped(t.Label, r.Role)]; rt != nil {
				m.remove(rt)
			}
			m.detachRole(t.Label, r.Role)
		}
	}
	for _, u := range m.order {
		kept := u.Owns[:0:0]
		for _, o := range u.Owns {
			if o.Attr != t.Label {
				kept = append(kept, o)
			}
		}
		u.Owns = kept
		u.m.changed()
	}
	m.remove(t)
}

func (m *Model) deleteRule(label string) {
	if m.rules[label] == nil {
		return
	}
	delete(m.rules, label)
	for i, r := range m.rorder {
		if r.Label == label {
			m.rorder = append(m.rorder[:i:i], m.rorder[i+1:]...)
			break
		}
	}
}
