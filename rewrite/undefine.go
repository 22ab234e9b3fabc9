package rewrite

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

var undefineBlocks = &Rule{
	Name: "undefine-blocks",
	Refs: "41",
	Doc: `undefine queries take the 2.x forms

	undefine person has name;            →   undefine person owns name;
	undefine person key email;           →   undefine person owns email;
	undefine person plays spouse;        →   undefine person plays marriage:spouse;
	undefine spouse sub role;            →   undefine marriage relates spouse;
	undefine siblings sub rule;          →   undefine rule siblings;
	undefine age value long;             →   (removed: a value type cannot be undefined)
	undefine dog plays spouse;           →   (removed when dog does not play it: 1.x did nothing)
	undefine name abstract;              →   (removed when name has subtypes: it stays abstract)

A key cannot be undefined on its own in 2.x (TYW36), so "key A" undefines
the whole ownership. A role is undefined in every relation that declares it
in the converted schema (or, failing that, relates it in the input).`,
	Apply: func(p *Pass) {
		for _, u := range p.Undefines {
			for _, s := range append([]grammar.Stmt(nil), u.Stmts...) {
				ts, ok := s.(*grammar.TypeStmt)
				if !ok || ts.Subject == nil || ts.Subject.Var {
					continue
				}
				p.undefineStmt(u, ts)
			}
		}
	},
}

func (p *Pass) undefineStmt(u *grammar.DefineQuery, ts *grammar.TypeStmt) {
	subj := ts.Subject.Name
	// A rule: "L sub rule[, when…, then…]" becomes "rule L".
	if sp := subProp(ts); sp != nil && sp.Type.Name == "rule" || isRuleTypeStmt(ts) {
		if p.Model().Rule(subj) != nil && !p.definesRule(subj) {
			p.DeleteStmt(ts)
			p.Report(ts, diag.Translated, "undefine of rule %s removed: the converted schema does not define %s (it was reported where the rule was dropped)", subj, subj).
				Detail = fmt.Sprintf("The input defined rule %s, but 2.x cannot take it, so convert left it out; undefining it would fail (no such rule).", subj)
			return
		}
		r := &grammar.RuleStmt{Rule: ts.Subject.NamePos, Label: ts.Subject, Semi: ts.Semi}
		replaceStmt(u, ts, r)
		p.MarkChanged()
		p.Report(ts, diag.Translated, "undefine of rule %s written as rule %s", subj, subj)
		return
	}
	// A role: "R sub role;" or "R sub S;" becomes "REL relates R;".
	if t := p.Model().Type(subj); t != nil && t.Kind() == concept.Role && !t.IsRoot() {
		rels := p.relationsDeclaring(subj)
		if len(rels) == 0 {
			p.DeleteStmt(ts)
			p.Report(ts.Subject, diag.Lost, "undefine of role %s removed: no relation relates it", subj).
				Detail = "In 2.x a role only exists inside a relation; undefine it with \"REL relates " + subj + ";\" for the relation that declares it."
			return
		}
		var repl []grammar.Stmt
		for _, rel := range rels {
			repl = append(repl, &grammar.TypeStmt{Subject: &grammar.TypeRef{NamePos: ts.Subject.NamePos, Name: rel},
				Props: []grammar.Prop{&grammar.RelatesProp{Relates: ts.Subject.NamePos, Role: label(subj)}}, Semi: ts.Semi})
		}
		replaceStmt(u, ts, repl...)
		p.MarkChanged()
		p.Report(ts.Subject, diag.Translated, "undefine of role %s written as %s relates %s", subj, strings.Join(rels, ", "), subj)
		return
	}
	hasSub := subProp(ts) != nil
	for _, pr := range append([]grammar.Prop(nil), ts.Props...) {
		switch pr := pr.(type) {
		case *grammar.HasProp:
			p.replaceProp(ts, pr, &grammar.OwnsProp{Owns: pr.Has, Attr: pr.Attr})
			p.Report(pr, diag.Translated, "undefine %s has %s written as owns", subj, pr.Attr.Name)
		case *grammar.KeyProp:
			p.replaceProp(ts, pr, &grammar.OwnsProp{Owns: pr.Key, Attr: pr.Attr})
			p.Report(pr, diag.Translated, "undefine %s key %s written as owns %s (a key cannot be undefined alone)", subj, pr.Attr.Name, pr.Attr.Name)
		case *grammar.ValueTypeProp:
			p.DeleteProp(ts, pr)
			if hasSub {
				p.Report(pr, diag.Translated, "value type dropped from the undefine of %s: the whole type goes", subj)
				continue
			}
			p.Report(pr, diag.Lost, "undefine of the value type of %s removed: 2.x cannot undefine a value type", subj).
				Detail = fmt.Sprintf("TypeDB 2.x cannot remove a value type (TYW13). To change it, undefine %s (\"undefine %s sub attribute;\") and define it again; its data goes with it.", subj, subj)
		case *grammar.AbstractProp:
			t := p.Current().Type(subj)
			if hasSub || t == nil || t.Kind() != concept.Attribute || len(t.DirectSubtypes()) == 0 {
				continue
			}
			p.DeleteProp(ts, pr)
			p.Report(pr, diag.Lost, "undefine of abstract on %s removed: 2.x keeps an attribute type with subtypes abstract", subj).
				Detail = fmt.Sprintf("In 1.x the undefine made %s concrete; TypeDB 2.x lets only abstract attribute types have subtypes (TYW15), so %s stays abstract and values of %s itself cannot be stored. Move them to a subtype.", subj, subj, subj)
		case *grammar.PlaysProp:
			if pr.Role.Var || pr.Role.Scope != "" {
				continue
			}
			rels := p.relationsDeclaring(pr.Role.Name)
			if len(rels) == 0 {
				p.DeleteProp(ts, pr)
				p.Report(pr, diag.Lost, "undefine %s plays %s removed: no relation relates %s", subj, pr.Role.Name, pr.Role.Name).
					Detail = "2.x names a played role with its relation (plays REL:ROLE); write the undefine by hand for the relation that declares the role."
				continue
			}
			if t := p.Current().Type(subj); t != nil && !declaresPlays(t, rels, pr.Role.Name) && !hasSub {
				p.DeleteProp(ts, pr)
				p.Report(pr, diag.Translated, "undefine %s plays %s removed: %s does not declare it, so 1.x did nothing", subj, pr.Role.Name, subj).
					Detail = fmt.Sprintf("Grakn 1.8 ignored an undefine of a role the type does not play; TypeDB 2.x refuses it. %s plays none of %s.", subj, scopedList(rels, pr.Role.Name))
				continue
			}
			var repl []grammar.Prop
			for _, rel := range rels {
				repl = append(repl, &grammar.PlaysProp{Plays: pr.Plays, Role: &grammar.TypeRef{NamePos: pr.Role.NamePos, Scope: rel, Name: pr.Role.Name}})
			}
			p.replaceProp(ts, pr, repl...)
			p.Report(pr, diag.Translated, "undefine %s plays %s written as plays %s", subj, pr.Role.Name, scopedList(rels, pr.Role.Name))
		}
	}
}

// definesRule reports whether the converted define still holds rule label.
func (p *Pass) definesRule(label string) bool {
	for _, s := range p.Schema.Stmts {
		switch s := s.(type) {
		case *grammar.RuleStmt:
			if s.Label != nil && s.Label.Name == label {
				return true
			}
		case *grammar.TypeStmt:
			if s.Subject != nil && s.Subject.Name == label && isRuleTypeStmt(s) {
				return true
			}
		}
	}
	return false
}

// declaresPlays reports whether t itself declares "plays REL:role" for
// one of rels.
func declaresPlays(t *schema.Type, rels []string, role string) bool {
	for _, pl := range t.Plays {
		for _, rel := range rels {
			if pl.Scope == rel && pl.Role == role {
				return true
			}
		}
	}
	return false
}

func scopedList(rels []string, role string) string {
	var out []string
	for _, r := range rels {
		out = append(out, r+":"+role)
	}
	return strings.Join(out, ", ")
}

// relationsDeclaring returns the relations whose statements in the
// converted define declare role (Decl(R) of reference rule 22), or, when
// none does, the relations that relate it in the 1.x input.
func (p *Pass) relationsDeclaring(role string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range p.Schema.Stmts {
		ts, ok := s.(*grammar.TypeStmt)
		if !ok || ts.Subject == nil || seen[ts.Subject.Name] {
			continue
		}
		for _, pr := range ts.Props {
			if r, ok := pr.(*grammar.RelatesProp); ok && r.Role.Name == role {
				seen[ts.Subject.Name] = true
				out = append(out, ts.Subject.Name)
				break
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	m := p.Model()
	if t := m.Type(role); t != nil && m.Lang == schema.Graql1 {
		for _, r := range m.RelationsRelating(t) {
			out = append(out, r.Label)
		}
	}
	return out
}

// replaceProp puts props in the place of old in s (the first one takes
// old's comments).
func (p *Pass) replaceProp(s *grammar.TypeStmt, old grammar.Prop, props ...grammar.Prop) {
	for i, pr := range s.Props {
		if pr != old {
			continue
		}
		moveTrivia(props[0].Comments(), old.Comments())
		s.Props = append(s.Props[:i], append(append([]grammar.Prop(nil), props...), s.Props[i+1:]...)...)
		p.edit()
		return
	}
}

// replaceStmt puts stmts in the place of old in q (the first one takes
// old's comments).
func replaceStmt(q *grammar.DefineQuery, old grammar.Stmt, stmts ...grammar.Stmt) {
	for i, s := range q.Stmts {
		if s != old {
			continue
		}
		moveTrivia(stmts[0].Comments(), old.Comments())
		q.Stmts = append(q.Stmts[:i], append(append([]grammar.Stmt(nil), stmts...), q.Stmts[i+1:]...)...)
		return
	}
}
