package rewrite

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

var thenTyping = &Rule{
	Name: "then-typing",
	Refs: "38",
	Doc: `a concluded variable gets the isa 1.x inferred

	when { (born-in_place-of-birth: $l, born-in_child: $p) isa born-in; }
	then { (residency_location: $l, residency_resident: $p) isa residency; }
	    →   when { …; $l isa city; } then { … }

2.x rejects a rule whose then could not be inserted for some type its
when admits (RUW4): here every location may be born in, but only a city
plays residency_location. 1.x inferred the narrower type silently. When
exactly one type (with its subtypes) among those the when admits can take
the conclusion, its isa is added. When several can, the rule is split into
one rule per type, each with its isa, and reported approximated (the types
that cannot take it get no conclusion); beyond 16 rules it is reported.`,
	Apply: func(p *Pass) {
		m := p.Current()
		p.eachRule(func(r *grammar.RuleStmt, c *Cursor[grammar.Stmt]) {
			st := thenStmt(r)
			if st == nil {
				return
			}
			var splits []narrowing
			for _, n := range conclusionNeeds(m, r, st) {
				admitted := admittedTypes(m, r.When, n.v)
				var good []*schema.Type
				var bad []string
				for _, t := range admitted {
					switch {
					case n.sat(t):
						good = append(good, t)
					case !t.IsAbstract():
						bad = append(bad, t.Label)
					}
				}
				if len(bad) == 0 {
					continue
				}
				in := map[*schema.Type]bool{}
				for _, t := range good {
					in[t] = true
				}
				var roots []string
				for _, t := range good {
					if s := t.Super(); s == nil || !in[s] {
						roots = append(roots, t.Label)
					}
				}
				v := "$" + n.v
				switch len(roots) {
				case 0:
					p.dropRule(c, r, r.Then, fmt.Sprintf("2.x rejects a rule that can never conclude (RUW5). Check which type %s should be.", v),
						"no type its when admits for %s can %s", v, n.what)
					return
				case 1:
					r.When.Patterns = append(r.When.Patterns, isaStmt(r, n.v, roots[0]))
					p.Report(r.Label, diag.Translated, "%s isa %s added to the when of rule %s: only %s (and its subtypes) can %s", v, roots[0], r.Label.Name, roots[0], n.what).
						Detail = fmt.Sprintf("2.x rejects a rule whose conclusion cannot be inserted for some type the when admits (RUW4); 1.x narrowed %s to %s by inference.", v, roots[0])
				default:
					splits = append(splits, narrowing{v: n.v, what: n.what, roots: roots, bad: bad})
				}
			}
			if len(splits) > 0 {
				p.splitRule(c, r, splits)
			}
		})
	},
}

// narrowing is a variable of a rule's then that several types, each with
// its subtypes, can take the conclusion for, and the types that cannot.
type narrowing struct {
	v, what string
	roots   []string
	bad     []string
}

// maxSplit bounds the rules one rule is split into.
const maxSplit = 16

// isaStmt is "$v isa label;" for the when of rule r.
func isaStmt(r *grammar.RuleStmt, v, label string) *grammar.PatternStmt {
	at := r.When.Rbrace
	return &grammar.PatternStmt{Var: &grammar.Var{NamePos: at, Name: v},
		Props: []grammar.Prop{&grammar.IsaProp{Isa: at, Type: &grammar.TypeRef{NamePos: at, Name: label}}}, Semi: at}
}

// splitRule replaces rule r by one rule per combination of the types its
// narrowings allow, each with an isa per variable in its when: together
// they conclude what r concluded for the types that can take it, and 2.x
// accepts each. 2.x has no disjunction in rules before 2.14, so one rule
// with "{$x isa a;} or {$x isa b;}" would not serve every target. More
// than maxSplit combinations are left to the user.
func (p *Pass) splitRule(c *Cursor[grammar.Stmt], r *grammar.RuleStmt, splits []narrowing) {
	combos := [][]string{nil}
	for _, s := range splits {
		var next [][]string
		for _, c := range combos {
			for _, t := range s.roots {
				next = append(next, append(append([]string(nil), c...), t))
			}
		}
		combos = next
	}
	var vars []string
	for _, s := range splits {
		vars = append(vars, "$"+s.v)
	}
	if len(combos) > maxSplit {
		for _, s := range splits {
			p.note(r.Label, diag.Approximated, "rule %s: $%s may be a type that cannot %s; only %s can", r.Label.Name, s.v, s.what, strings.Join(s.roots, ", ")).
				Detail = fmt.Sprintf("TypeDB 2.x rejects the rule if any type the when admits for $%s cannot take the conclusion (RUW4). Add an isa (or, from 2.14, a disjunction of isa) for $%s by hand.", s.v, s.v)
		}
		return
	}
	taken := map[string]bool{}
	for _, st := range p.Schema.Stmts {
		if o, ok := st.(*grammar.RuleStmt); ok && o.Label != nil {
			taken[o.Label.Name] = true
		}
	}
	orig := cloneRule(r)
	var names []string
	for i, combo := range combos {
		rule := r
		if i > 0 {
			rule = cloneRule(orig)
		}
		rule.Label = &grammar.TypeRef{NamePos: r.Label.NamePos, Name: uniqueLabel(orig.Label.Name+"-"+strings.Join(combo, "-"), taken, "-")}
		taken[rule.Label.Name] = true
		for j, s := range splits {
			rule.When.Patterns = append(rule.When.Patterns, isaStmt(rule, s.v, combo[j]))
		}
		names = append(names, rule.Label.Name)
		if i > 0 {
			c.InsertAfter(rule)
		}
	}
	var lost []string
	for _, s := range splits {
		lost = append(lost, fmt.Sprintf("$%s as %s", s.v, strings.Join(s.bad, ", ")))
	}
	p.Report(r.Label, diag.Approximated, "rule %s: split into %d rules, one for each type of %s that can take the conclusion (%s); none for %s",
		orig.Label.Name, len(combos), strings.Join(vars, ", "), strings.Join(names, ", "), strings.Join(lost, "; ")).
		Detail = "TypeDB 2.x refuses a rule whose then cannot be inserted for every type its when admits (typedb/typedb@2.0.0:logic/Rule.java validateInsertable RULE_CAN_IMPLY_UNINSERTABLE_RESULTS; @2.29.1 RULE_CONCLUSION_ILLEGAL_INSERT). " +
		"Each new rule narrows the variable with isa in its when. 1.x would have concluded facts the schema does not allow for the other types; those are not concluded."
}

// need is what a conclusion asks of the type of one of its variables.
type need struct {
	v    string
	what string
	sat  func(t *schema.Type) bool
}

// conclusionNeeds lists, for each variable of the then statement st, what
// its type must be able to do: own the concluded attribute, or play its
// role in the concluded relation.
func conclusionNeeds(m *schema.Model, r *grammar.RuleStmt, st *grammar.PatternStmt) []need {
	var out []need
	if st.Tuple != nil {
		var rel string
		for _, pr := range st.Props {
			if isa, ok := pr.(*grammar.IsaProp); ok && !isa.Type.Var {
				rel = isa.Type.String()
			}
		}
		if rel == "" {
			return nil
		}
		for _, pl := range st.Tuple.Players {
			if pl.Role == nil || pl.Role.Var || pl.Player.Value {
				continue
			}
			rt := roleType(m, rel, pl.Role.Name)
			if rt == nil {
				continue
			}
			out = append(out, need{v: pl.Player.Name, what: "play " + rel + ":" + pl.Role.Name,
				sat: func(t *schema.Type) bool { return t.PlaysRole(rt) != nil }})
		}
		return out
	}
	if st.Var == nil || st.Var.Value || len(st.Props) != 1 {
		return nil
	}
	h, ok := st.Props[0].(*grammar.HasValueProp)
	if !ok {
		return nil
	}
	switch {
	case h.Attr != nil && !h.Attr.Var:
		attr := h.Attr.String()
		if m.Type(attr) == nil {
			return nil
		}
		return []need{{v: st.Var.Name, what: "own " + attr,
			sat: func(t *schema.Type) bool { return t.OwnsOf(attr) != nil }}}
	case h.Var != nil && !h.Var.Value:
		// "has $v": $v is an instance of its type or a subtype, so an
		// owner of any of them can take it.
		ts := varTypes(r.When)[h.Var.Name]
		if len(ts) != 1 || m.Type(ts[0]) == nil {
			return nil
		}
		a := m.Type(ts[0])
		return []need{{v: st.Var.Name, what: "own " + ts[0],
			sat: func(t *schema.Type) bool { return t.OwnsSubtypeOf(a) }}}
	}
	return nil
}

// roleType resolves role name in relation rel: the global role in 1.x, the
// declared or inherited role in 2.x.
func roleType(m *schema.Model, rel, name string) *schema.Type {
	if m.Lang == schema.Graql1 {
		return m.Type(name)
	}
	if t := m.Type(rel); t != nil {
		return t.RoleByName(name)
	}
	return nil
}

// rolesNamed returns every role called name, for a tuple without a
// relation type.
func rolesNamed(m *schema.Model, name string) []*schema.Type {
	if m.Lang == schema.Graql1 {
		if t := m.Type(name); t != nil {
			return []*schema.Type{t}
		}
		return nil
	}
	var out []*schema.Type
	for _, t := range m.TypesOf(concept.Role) {
		if t.Label == name {
			out = append(out, t)
		}
	}
	return out
}

// thingTypes returns the entity, relation and attribute types of m.
func thingTypes(m *schema.Model) []*schema.Type {
	var out []*schema.Type
	for _, t := range m.Types() {
		switch t.Kind() {
		case concept.Entity, concept.Relation, concept.Attribute:
			if !t.IsImplicit() {
				out = append(out, t)
			}
		}
	}
	return out
}

// admittedTypes returns the types the top level of when admits for
// variable v: the thing types that satisfy its isa, the has constraints on
// it and the roles it plays there.
func admittedTypes(m *schema.Model, when *grammar.Block, v string) []*schema.Type {
	// set is every thing type until a first constraint narrows it; that
	// constraint starts from the few types that can meet it (cands, taken
	// from the model's index) rather than from every type, so that typing
	// all the rules of a schema stays linear in its size.
	var set []*schema.Type
	all := true
	keep := func(ok func(t *schema.Type) bool, cands []*schema.Type) {
		from := set
		if all {
			all = false
			from = thingTypesAmong(m, cands)
		}
		var out []*schema.Type
		for _, t := range from {
			if ok(t) {
				out = append(out, t)
			}
		}
		set = out
	}
	subOf := func(label string) (func(t *schema.Type) bool, []*schema.Type) {
		u := m.Type(label)
		if u == nil {
			return func(*schema.Type) bool { return false }, nil
		}
		return func(t *schema.Type) bool { return t.IsSubtypeOf(u) }, append([]*schema.Type{u}, u.Subtypes()...)
	}
	eachTopStatement(when, func(st *grammar.PatternStmt) {
		isVar := st.Var != nil && st.Var.Name == v && !st.Var.Value
		var rel string
		for _, pr := range st.Props {
			if isa, ok := pr.(*grammar.IsaProp); ok && !isa.Type.Var {
				rel = isa.Type.String()
			}
		}
		for _, pr := range st.Props {
			switch pr := pr.(type) {
			case *grammar.IsaProp:
				if isVar && !pr.Type.Var {
					keep(subOf(pr.Type.String()))
				}
			case *grammar.HasValueProp:
				if pr.Attr == nil || pr.Attr.Var {
					continue
				}
				if isVar {
					a := m.Type(pr.Attr.String())
					var owners []*schema.Type
					if a != nil {
						for _, x := range append([]*schema.Type{a}, a.Subtypes()...) {
							owners = append(owners, m.Owners(x)...)
						}
					}
					keep(func(t *schema.Type) bool { return t.OwnsSubtypeOf(a) }, owners)
				}
				if pr.Var != nil && pr.Var.Name == v && !pr.Var.Value {
					keep(subOf(pr.Attr.String()))
				}
			}
		}
		if st.Tuple == nil {
			return
		}
		for _, pl := range st.Tuple.Players {
			if pl.Player.Name != v || pl.Player.Value || pl.Role != nil && pl.Role.Var {
				continue
			}
			// A player without a role plays one of the relation's roles.
			var roles []*schema.Type
			if pl.Role != nil && rel == "" {
				roles = rolesNamed(m, pl.Role.Name)
			} else if pl.Role != nil {
				if rt := roleType(m, rel, pl.Role.Name); rt != nil {
					roles = []*schema.Type{rt}
				}
			} else if t := m.Type(rel); t != nil && t.Kind() == concept.Relation {
				roles = t.Roles()
			}
			if len(roles) == 0 {
				continue
			}
			for _, rt := range roles {
				roles = append(roles, rt.Subtypes()...)
			}
			var players []*schema.Type
			for _, x := range roles {
				players = append(players, m.Players(x)...)
			}
			keep(func(t *schema.Type) bool {
				for _, x := range roles {
					if t.PlaysRole(x) != nil {
						return true
					}
				}
				return false
			}, players)
		}
	})
	if all {
		return thingTypes(m)
	}
	return set
}

// thingTypesAmong returns the thing types (as thingTypes) among ts, once
// each, in definition order.
func thingTypesAmong(m *schema.Model, ts []*schema.Type) []*schema.Type {
	seen := map[*schema.Type]bool{}
	var out []*schema.Type
	for _, t := range ts {
		if seen[t] || t.IsRoot() || t.IsImplicit() {
			continue
		}
		seen[t] = true
		switch t.Kind() {
		case concept.Entity, concept.Relation, concept.Attribute:
			out = append(out, t)
		}
	}
	m.SortByDefinition(out)
	return out
}
