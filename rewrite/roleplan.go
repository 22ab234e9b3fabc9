package rewrite

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// This file decides, once per conversion, what every 1.x "relates" becomes
// in 2.x (reference rules 20–21) and which relations then declare each 1.x
// role (Decl(R) of rule 22). The role rules of section D only apply it.

// rolePlan maps the 1.x roles of a schema onto 2.x relation-scoped roles.
type rolePlan struct {
	m *schema.Model
	// abstractRoles is set for targets before 2.22, where every role an
	// abstract relation declares is abstract.
	abstractRoles bool
	rels          map[string]*relPlan
	order         []*relPlan
	// decl lists, for each 1.x role label, the 2.x role declarations that
	// carry it, in relation order: Decl(R) of rule 22.
	decl map[string][]*roleDecl
	used map[string]bool // every label in the schema, for fresh names
}

// relPlan is one relation type: its 2.x parent and the roles it declares.
type relPlan struct {
	t      *schema.Type
	parent *relPlan
	// decls are the roles the emitted 2.x statement declares, in order.
	decls []*roleDecl
	// relates maps each 1.x role the relation relates to what its
	// "relates" becomes.
	relates map[string]*relatesPlan
	// moved lists roles of this abstract relation that move into its
	// sub-relations (targets before 2.22).
	moved map[string]bool
	built bool
}

func (r *relPlan) label() string { return r.t.Label }

func (r *relPlan) abstract() bool { return r.t.IsAbstract() }

// roleDecl is a role that a 2.x relation declares.
type roleDecl struct {
	rel    *relPlan
	name   string // the role's 2.x name (before any rename, which relabel applies)
	as     string // the inherited role it overrides, or ""
	origin string // the 1.x role it carries
	// plain is set for a role declared without "as" because nothing on its
	// 1.x role hierarchy is inherited (case c), which may pair it with an
	// abstract inherited role on targets before 2.22.
	plain bool
}

// relatesPlan is what one 1.x "relates R [as S]" becomes.
type relatesPlan struct {
	drop    bool
	decl    *roleDecl // the declaration it becomes, when kept
	reports []planNote
}

// planNote is a report the role rules make when they apply the plan.
type planNote struct {
	class       diag.Class
	msg, detail string
	renameTo    string // for a rename: the new role name
	onStatement bool   // report at the relation's statement, not the relates
}

func (rp *relatesPlan) note(class diag.Class, detail, format string, args ...any) *planNote {
	rp.reports = append(rp.reports, planNote{class: class, msg: fmt.Sprintf(format, args...), detail: detail})
	return &rp.reports[len(rp.reports)-1]
}

// rolePlanOf returns the plan for the pass's schema, built once per
// conversion, or nil when the schema is not in 1.x form.
func (p *Pass) rolePlan() *rolePlan {
	if p.conv.roles != nil {
		return p.conv.roles
	}
	m := p.Model()
	if m == nil || m.Lang != schema.Graql1 {
		return nil
	}
	p.conv.roles = newRolePlan(m, p.Opts.Target.Before("2.22"))
	return p.conv.roles
}

func newRolePlan(m *schema.Model, abstractRoles bool) *rolePlan {
	rp := &rolePlan{m: m, abstractRoles: abstractRoles, rels: map[string]*relPlan{}, decl: map[string][]*roleDecl{}, used: map[string]bool{}}
	for _, t := range m.Types() {
		rp.used[t.Label] = true
		if t.Kind() != concept.Relation || t.IsImplicit() {
			continue
		}
		r := &relPlan{t: t, relates: map[string]*relatesPlan{}, moved: map[string]bool{}}
		rp.rels[t.Label] = r
		rp.order = append(rp.order, r)
	}
	for _, r := range rp.order {
		if s := r.t.Super(); s != nil {
			r.parent = rp.rels[s.Label]
		}
	}
	if abstractRoles {
		rp.planMoves()
	}
	for _, r := range rp.order {
		rp.build(r, map[*relPlan]bool{})
	}
	for _, r := range rp.order {
		for _, d := range r.decls {
			rp.decl[d.origin] = append(rp.decl[d.origin], d)
		}
	}
	return rp
}

// ancestors returns r's parent chain, nearest first, stopping at a cycle.
func (r *relPlan) ancestors() []*relPlan {
	var out []*relPlan
	seen := map[*relPlan]bool{r: true}
	for a := r.parent; a != nil && !seen[a]; a = a.parent {
		seen[a] = true
		out = append(out, a)
	}
	return out
}

// isDescendantOf reports whether a is among r's ancestors.
func (r *relPlan) isDescendantOf(a *relPlan) bool {
	for _, x := range r.ancestors() {
		if x == a {
			return true
		}
	}
	return false
}

// planMoves finds, for targets before 2.22, the roles of abstract relations
// that a concrete sub-relation re-relates under the same name (1.x
// "membership relates member; club-membership sub membership, relates
// member;"). 2.x has no spelling for that: the inherited role is abstract
// (TYW27) and re-declaring it is TYW28. The role moves out of the abstract
// relation into the sub-relations that relate it, which is what 1.x meant
// (sub-relations inherit no roles there), unless another sub-relation
// overrides it with "as", which needs it to stay.
func (rp *rolePlan) planMoves() {
	for _, a := range rp.order {
		if !a.abstract() {
			continue
		}
		for _, rel := range a.t.Relates {
			redeclared, overridden := false, false
			for _, c := range rp.order {
				if !c.isDescendantOf(a) {
					continue
				}
				for _, cr := range c.t.Relates {
					if cr.Role == rel.Role && !c.abstract() {
						redeclared = true
					}
					if cr.As == rel.Role {
						overridden = true
					}
				}
			}
			if redeclared && !overridden {
				a.moved[rel.Role] = true
			}
		}
	}
}

// inheritedRole is a role available to a relation, and who declares it.
type inheritedRole struct {
	name string
	by   *relPlan
	d    *roleDecl
}

// roles returns the 2.x roles of r: those it declares and those it
// inherits without overriding, in order.
func (rp *rolePlan) roles(r *relPlan, seen map[*relPlan]bool) []inheritedRole {
	if r == nil || seen[r] {
		return nil
	}
	seen[r] = true
	rp.build(r, map[*relPlan]bool{})
	var out []inheritedRole
	hidden := map[string]bool{}
	for _, d := range r.decls {
		out = append(out, inheritedRole{name: d.name, by: r, d: d})
		if d.as != "" {
			hidden[d.as] = true
		}
	}
	for _, ir := range rp.roles(r.parent, seen) {
		if !hidden[ir.name] {
			out = append(out, ir)
		}
	}
	return out
}

func findRole(rs []inheritedRole, name string) *inheritedRole {
	for i := range rs {
		if rs[i].name == name {
			return &rs[i]
		}
	}
	return nil
}

// declaredAbove reports whether an ancestor of r declares a role named name
// (whether or not r still inherits it).
func (rp *rolePlan) declaredAbove(r *relPlan, name string) *relPlan {
	for _, a := range r.ancestors() {
		for _, d := range a.decls {
			if d.name == name {
				return a
			}
		}
	}
	return nil
}

// roleChain is the 1.x role hierarchy above R as seen from one "relates R
// [as S]": S first, then R's supertypes from "R sub S" statements.
func (rp *rolePlan) roleChain(rel *schema.Relates) []string {
	var out []string
	seen := map[string]bool{rel.Role: true}
	add := func(l string) {
		if l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	add(rel.As)
	if t := rp.m.Type(rel.Role); t != nil {
		for _, s := range t.Supertypes() {
			if s.IsRoot() {
				break
			}
			add(s.Label)
		}
	}
	for _, s := range append([]string(nil), out...) {
		if t := rp.m.Type(s); t != nil {
			for _, u := range t.Supertypes() {
				if u.IsRoot() {
					break
				}
				add(u.Label)
			}
		}
	}
	return out
}

// build decides the relates of r, after its ancestors'.
func (rp *rolePlan) build(r *relPlan, visiting map[*relPlan]bool) {
	if r.built || visiting[r] {
		return
	}
	visiting[r] = true
	if r.parent != nil {
		rp.build(r.parent, visiting)
	}
	r.built = true
	own := map[string]bool{}
	for _, rel := range r.t.Relates {
		own[rel.Role] = true
	}
	var avail []inheritedRole
	if r.parent != nil {
		avail = rp.roles(r.parent, map[*relPlan]bool{})
	}
	for _, rel := range r.t.Relates {
		pl := &relatesPlan{}
		r.relates[rel.Role] = pl
		name := rel.Role
		if r.moved[name] {
			pl.drop = true
			pl.note(diag.Approximated,
				"In TypeDB before 2.22 the roles of an abstract relation are abstract, so a concrete sub-relation cannot inherit it (TYW27) and cannot declare it again (TYW28). 1.x sub-relations inherited no roles, so each sub-relation that related it now declares its own; a query for "+r.label()+":"+name+" no longer matches them. Target TypeDB 2.22 or later to keep the role here.",
				"role %s moved from abstract relation %s into the sub-relations that relate it", name, r.label())
			continue
		}
		if r.parent == nil {
			pl.decl = &roleDecl{rel: r, name: name, origin: name}
			if chain := rp.roleChain(rel); len(chain) > 0 {
				pl.note(diag.Approximated,
					fmt.Sprintf("2.x role hierarchies exist only between a relation and its supertype, and %s sits directly under relation. Queries for %s no longer match %s players.", r.label(), chain[0], name),
					"role hierarchy %s under %s dropped: %s has no supertype relation to inherit %s from", name, chain[0], r.label(), chain[0])
			}
			r.decls = append(r.decls, pl.decl)
			continue
		}
		// (a) inherited under the same name: drop.
		if ir := findRole(avail, name); ir != nil {
			pl.drop = true
			if rp.abstractRoles && ir.by.abstract() && !r.abstract() {
				pl.note(diag.Lost,
					"TypeDB 2.0–2.21 make the roles of an abstract relation abstract, a concrete relation may not inherit an abstract role (TYW27) and may not declare it again (TYW28). Make "+ir.by.label()+" concrete, move the role into its sub-relations, or target TypeDB 2.22 or later.",
					"%s relates %s, which it inherits from abstract relation %s; no TypeDB 2.0–2.21 schema can say this", r.label(), name, ir.by.label())
			} else {
				pl.note(diag.Translated, "", "relates %s dropped from %s: 2.x sub-relations inherit it from %s", name, r.label(), ir.by.label())
			}
			continue
		}
		d := &roleDecl{rel: r, name: name, origin: name}
		pl.decl = d
		chain := rp.roleChain(rel)
		var sup, via string
		for _, s := range chain {
			if findRole(avail, s) != nil {
				sup = s
				break
			}
		}
		if sup == "" {
			sup, via = rp.overridden(avail, chain, own)
		}
		switch {
		case via != "":
			d.as = sup
			pl.note(diag.Approximated,
				fmt.Sprintf("%s's 1.x parent role %s is overridden by %s in a supertype of %s, so 2.x can only place %s under %s. %s players still match queries for %s, and now also queries for %s.", name, via, sup, r.label(), name, sup, name, via, sup),
				"relates %s written as relates %s as %s, which overrides its 1.x parent role %s", name, name, sup, via)
		case sup != "" && own[sup]:
			// (f) the relation keeps the parent role too.
			pl.note(diag.Approximated,
				fmt.Sprintf("2.x cannot both inherit %s and override it with %s in one relation. %s is declared on its own, so it is no longer a sub-role of %s: a query for %s no longer matches %s players.", sup, name, name, sup, sup, name),
				"role hierarchy %s as %s dropped in %s, which also relates %s", name, sup, r.label(), sup)
		case sup != "":
			d.as = sup
			if rel.As != sup {
				pl.note(diag.Translated, "", "relates %s written as relates %s as %s (the 1.x role hierarchy)", name, name, sup)
			}
		default:
			d.plain = true
			if len(chain) > 0 {
				pl.note(diag.Approximated,
					fmt.Sprintf("In 2.x a role can only override a role of the relation's supertypes, and no supertype of %s relates %s. A query for %s no longer matches %s players.", r.label(), strings.Join(chain, " or "), chain[0], name),
					"role hierarchy %s sub %s dropped: no supertype of %s relates it", name, chain[0], r.label())
			}
		}
		// (d) a name declared higher up but overridden on the way.
		if by := rp.declaredAbove(r, name); by != nil {
			d.name = rp.fresh(r.label() + "-" + name)
			pl.note(diag.Translated, "", "supertype %s declares a role %s that %s does not inherit, and 2.x rejects the name again (TYW28)", by.label(), name, r.label()).renameTo = d.name
		}
		r.decls = append(r.decls, d)
	}
	rp.pairAbstract(r, avail)
}

// overridden looks for a role of the supertype that overrides, directly or
// through other overrides, a role on chain: when a supertype relation has
// replaced the 1.x parent role S by its own sub-role X, the role can only
// sit under X in 2.x. It returns X and S when exactly one such X exists
// for the nearest S that has any.
func (rp *rolePlan) overridden(avail []inheritedRole, chain []string, own map[string]bool) (string, string) {
	for _, s := range chain {
		var found []string
		for _, ir := range avail {
			if !own[ir.name] && rp.overrides(ir, s) {
				found = append(found, ir.name)
			}
		}
		if len(found) == 1 {
			return found[0], s
		}
		if len(found) > 1 {
			return "", ""
		}
	}
	return "", ""
}

// overrides reports whether the 2.x role ir is a sub-role of a role named
// s, following "as" up the relation hierarchy.
func (rp *rolePlan) overrides(ir inheritedRole, s string) bool {
	seen := map[*roleDecl]bool{}
	for d := ir.d; d != nil && d.as != "" && !seen[d]; {
		seen[d] = true
		if d.as == s {
			return true
		}
		up := findRole(rp.roles(d.rel.parent, map[*relPlan]bool{}), d.as)
		if up == nil {
			return false
		}
		d = up.d
	}
	return false
}

// pairAbstract handles a concrete relation that would inherit abstract roles
// (targets before 2.22): its new roles override them one to one, in order,
// when there are as many; otherwise the inheritance is reported.
func (rp *rolePlan) pairAbstract(r *relPlan, avail []inheritedRole) {
	if !rp.abstractRoles || r.abstract() || r.parent == nil {
		return
	}
	hidden := map[string]bool{}
	var plain []*roleDecl
	for _, d := range r.decls {
		if d.as != "" {
			hidden[d.as] = true
		} else if d.plain {
			plain = append(plain, d)
		}
	}
	var abstract []inheritedRole
	for _, ir := range avail {
		if !hidden[ir.name] && ir.by.abstract() {
			abstract = append(abstract, ir)
		}
	}
	if len(abstract) == 0 {
		return
	}
	if len(plain) != len(abstract) {
		var names []string
		for _, ir := range abstract {
			names = append(names, ir.by.label()+":"+ir.name)
		}
		first := r.t.Relates
		pl := &relatesPlan{}
		if len(first) > 0 {
			pl = r.relates[first[0].Role]
		}
		n := pl.note(diag.Lost,
			"TypeDB 2.0–2.21 make the roles of an abstract relation abstract, and a concrete relation may not inherit one (TYW27). "+r.label()+" has no one-to-one match of its own roles to override them with. Override them by hand (relates NEW as INHERITED), remove them from the abstract relation, or target TypeDB 2.22 or later.",
			"%s inherits the abstract roles %s (TYW27 on TypeDB 2.0–2.21)", r.label(), strings.Join(names, ", "))
		n.onStatement = true
		return
	}
	for i, d := range plain {
		d.as = abstract[i].name
		pl := r.relates[d.origin]
		pl.note(diag.Approximated,
			fmt.Sprintf("TypeDB 2.0–2.21 make the roles of abstract relation %s abstract, and a concrete relation may not inherit one (TYW27), so %s overrides it. %s is now a sub-role of %s: a query for %s:%s also matches %s players. Target TypeDB 2.22 or later to keep them unrelated.",
				abstract[i].by.label(), d.name, d.name, abstract[i].name, abstract[i].by.label(), abstract[i].name, d.name),
			"relates %s paired with the abstract inherited role %s: relates %s as %s", d.name, abstract[i].name, d.name, abstract[i].name)
	}
}

// fresh returns label, or label with a number appended, unused so far.
func (rp *rolePlan) fresh(label string) string {
	name := label
	for i := 2; rp.used[name]; i++ {
		name = fmt.Sprintf("%s-%d", label, i)
	}
	rp.used[name] = true
	return name
}

// playedRoles returns the scoped 2.x roles a player of 1.x role R plays:
// every declaration of R (rule 22). For targets before 2.22 a concrete
// player cannot play a role of an abstract relation (TYW25); those are
// routed to the roles that override them in concrete sub-relations, and
// routed is set.
func (rp *rolePlan) playedRoles(role string, concrete bool) (out []*roleDecl, routed, lost []*roleDecl) {
	for _, d := range rp.decl[role] {
		if !rp.abstractRoles || !concrete || !d.rel.abstract() {
			out = append(out, d)
			continue
		}
		via := rp.overriders(d, map[*roleDecl]bool{})
		if len(via) == 0 {
			lost = append(lost, d)
			continue
		}
		routed = append(routed, d)
		out = append(out, via...)
	}
	return out, routed, lost
}

// overriders returns the declarations in concrete sub-relations that
// override d, directly or through abstract ones.
func (rp *rolePlan) overriders(d *roleDecl, seen map[*roleDecl]bool) []*roleDecl {
	if seen[d] {
		return nil
	}
	seen[d] = true
	var out []*roleDecl
	for _, r := range rp.order {
		if r.parent == nil || !r.isDescendantOf(d.rel) {
			continue
		}
		for _, c := range r.decls {
			if c.as != d.name {
				continue
			}
			if ir := findRole(rp.roles(r.parent, map[*relPlan]bool{}), c.as); ir == nil || ir.d != d {
				continue
			}
			if r.abstract() {
				out = append(out, rp.overriders(c, seen)...)
			} else {
				out = append(out, c)
			}
		}
	}
	return out
}

// scopedRole returns "rel:role" as a type reference.
func scopedRole(d *roleDecl) *grammar.TypeRef {
	return &grammar.TypeRef{Scope: d.rel.label(), Name: d.name}
}
