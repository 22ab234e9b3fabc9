package validate

import (
	"cmp"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// typeSet is a set of possible types of a variable; nil means unconstrained.
type typeSet map[*schema.Type]bool

func intersect(a, b typeSet) typeSet {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	out := typeSet{}
	for t := range a {
		if b[t] {
			out[t] = true
		}
	}
	return out
}

func union(a, b typeSet) typeSet {
	if a == nil || b == nil {
		return nil
	}
	out := typeSet{}
	for t := range a {
		out[t] = true
	}
	for t := range b {
		out[t] = true
	}
	return out
}

// env maps a variable ("$x") to its possible types.
type env map[string]typeSet

func (e env) constrain(v string, s typeSet) {
	if s == nil {
		return
	}
	if cur, ok := e[v]; ok {
		e[v] = intersect(cur, s)
	} else {
		e[v] = s
	}
}

// inferer infers the possible thing types of rule variables from the
// schema, the way TypeDB's type inference narrows them: "isa T" to T and
// its subtypes, "has A" to the owners of A or of a subtype of A, a role
// player to the players of its role or of a subrole of it, a player
// without a role to the players of any role its relation types relate. Negations do not constrain; a
// disjunction constrains a variable to the union over the branches that
// all constrain it. Each statement is narrowed on its own and variables
// are intersected across statements, then each ownership's owner and
// attribute are narrowed against each other (joinOwnerships), so the sets
// can be wider than TypeDB's joint inference but never narrower.
type inferer struct {
	m *schema.Model
	// noRelation is set when a tuple's labelled roles left it no
	// relation type (what rule-labels reports).
	noRelation bool
}

func down(t *schema.Type) typeSet {
	s := typeSet{t: true}
	for _, u := range t.Subtypes() {
		if u.Scope == "" {
			s[u] = true
		}
	}
	return s
}

func (in *inferer) block(b *grammar.Block) env {
	e := env{}
	if b == nil {
		return e
	}
	defer in.joinOwnerships(b, e)
	for _, p := range b.Patterns {
		switch p := p.(type) {
		case *grammar.PatternStmt:
			in.stmt(p, e)
		case *grammar.Conjunction:
			for v, s := range in.block(p.Body) {
				e.constrain(v, s)
			}
		case *grammar.Disjunction:
			var branches []env
			for _, alt := range p.Alts {
				branches = append(branches, in.block(alt))
			}
			for v, s := range branches[0] {
				u := s
				for _, br := range branches[1:] {
					bs, ok := br[v]
					if !ok {
						u = nil
						break
					}
					u = union(u, bs)
				}
				e.constrain(v, u)
			}
		}
	}
	return e
}

// joinOwnerships narrows the two sides of each "$x has A $v" of block b
// against each other, as TypeDB infers a conjunction jointly
// (typedb/typedb@2.29.1:logic/tool/TypeInference.java, the has edge
// between owner and attribute): $v to the subtypes of A some possible
// type of $x owns, $x to the owners of some possible type of $v. Without
// it, "(object: $o) isa access; $o has id $oid;" let $oid be every
// subtype of id, also those only other types own.
func (in *inferer) joinOwnerships(b *grammar.Block, e env) {
	for range 2 { // a second pass carries what the first narrowed
		for _, pt := range b.Patterns {
			st, ok := pt.(*grammar.PatternStmt)
			if !ok || st.Var == nil || st.Var.Value {
				continue
			}
			x := st.Var.String()
			for _, pr := range st.Props {
				h, ok := pr.(*grammar.HasValueProp)
				if !ok || h.Var == nil || h.Var.Value {
					continue
				}
				v := h.Var.String()
				if owners, ok := e[x]; ok && owners != nil {
					attrs := typeSet{}
					for o := range owners {
						for _, own := range o.OwnsAll() {
							if a := own.AttrType(); a != nil {
								attrs[a] = true
							}
						}
					}
					e.constrain(v, attrs)
				}
				if attrs, ok := e[v]; ok && attrs != nil {
					owners := typeSet{}
					for a := range attrs {
						for _, o := range in.m.Owners(a) {
							owners[o] = true
						}
					}
					e.constrain(x, owners)
				}
			}
		}
	}
}

func (in *inferer) label(ref *grammar.TypeRef) *schema.Type {
	if ref == nil || ref.Var || ref.Scope != "" {
		return nil
	}
	return in.m.Type(ref.Name)
}

func (in *inferer) stmt(st *grammar.PatternStmt, e env) {
	m := in.m
	x := ""
	if st.Var != nil && !st.Var.Value && st.Var.Name != "_" && st.Var.Name != "" {
		x = st.Var.String()
	}
	var rels typeSet // relation types of a tuple statement
	for _, p := range st.Props {
		switch p := p.(type) {
		case *grammar.IsaProp:
			if t := in.label(p.Type); t != nil {
				if x != "" {
					e.constrain(x, down(t))
				}
				if st.Tuple != nil {
					rels = intersect(rels, down(t))
				}
			}
		case *grammar.HasValueProp:
			a := in.label(p.Attr)
			if a == nil {
				continue
			}
			if x != "" {
				// Any owner of a or of a subtype: the attribute may be
				// of any of them (typedb/typedb@2.29.1:logic/tool/
				// TypeInference.java registerHas: owns(x, attribute
				// variable), which "isa a" types with a's subtypes).
				owners := typeSet{}
				for at := range down(a) {
					for _, o := range m.Owners(at) {
						owners[o] = true
					}
				}
				e.constrain(x, owners)
			}
			if p.Var != nil && !p.Var.Value {
				e.constrain(p.Var.String(), down(a))
			}
		}
	}
	if st.Tuple == nil {
		return
	}
	rels, labelled := in.tupleRels(st, rels)
	if len(rels) == 0 {
		in.noRelation = true
	}
	if x != "" {
		e.constrain(x, rels)
	}
	for _, rp := range st.Tuple.Players {
		if rp.Player == nil || rp.Player.Value || rp.Player.Name == "_" || rp.Player.Name == "" {
			continue
		}
		labels, ok := labelled[rp]
		players := typeSet{}
		for rel := range rels {
			roles := rel.Roles()
			if ok {
				roles = relatedRoles(rel, labels)
			}
			for _, r := range roles {
				for _, t := range m.Players(r) {
					players[t] = true
				}
			}
		}
		e.constrain(rp.Player.String(), players)
	}
}

// tupleRels narrows rels, the relation types a tuple statement's "isa"
// allows (nil: any), to those that relate a role for every labelled
// player, and returns the roles each labelled player may play.
//
// TypeDB infers a tuple jointly: each player plays a role that the
// relation type relates (declared or inherited), a labelled player a
// subtype of its label's role, a role-less player (or one with a role
// variable) any role. So a candidate relation type must relate a role
// for every labelled player, and each player may be any type that
// plays one of the roles the remaining relation types relate for it.
func (in *inferer) tupleRels(st *grammar.PatternStmt, rels typeSet) (typeSet, map[*grammar.RolePlayer][]*schema.Type) {
	if rels == nil {
		rels = typeSet{}
		for _, t := range in.m.TypesOf(concept.Relation) {
			rels[t] = true
		}
	}
	labelled := map[*grammar.RolePlayer][]*schema.Type{}
	for _, rp := range st.Tuple.Players {
		if rp.Role != nil && !rp.Role.Var {
			labelled[rp] = in.roles(rp.Role, rels)
		}
	}
	for rel := range rels {
		for _, labels := range labelled {
			if len(relatedRoles(rel, labels)) == 0 {
				delete(rels, rel)
				break
			}
		}
	}
	return rels, labelled
}

// relatedRoles returns the roles relation rel relates (declared or
// inherited) that are one of labels or a subtype of one: the roles a
// player labelled with one of labels can play in an instance of rel.
func relatedRoles(rel *schema.Type, labels []*schema.Type) []*schema.Type {
	var out []*schema.Type
	for _, r := range rel.Roles() {
		for _, l := range labels {
			if r.IsSubtypeOf(l) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// roles resolves a role label used in a tuple against candidate relations.
func (in *inferer) roles(ref *grammar.TypeRef, rels typeSet) []*schema.Type {
	if ref.Scope != "" {
		if rel := in.m.Type(ref.Scope); rel != nil {
			if r := rel.RoleByName(ref.Name); r != nil {
				return []*schema.Type{r}
			}
		}
		return nil
	}
	// The relations of rels in definition order (rels is small; scanning
	// every relation for each role would make vet quadratic).
	var cands []*schema.Type
	for rel, ok := range rels {
		if ok && rel.Kind() == concept.Relation && !rel.IsRoot() {
			cands = append(cands, rel)
		}
	}
	in.m.SortByDefinition(cands)
	seen := map[*schema.Type]bool{}
	var out []*schema.Type
	for _, rel := range cands {
		if r := rel.RoleByName(ref.Name); r != nil && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// concrete lists the non-abstract thing types in s (all of them when s is
// nil) in definition order.
func concrete(m *schema.Model, s typeSet) []*schema.Type {
	var from []*schema.Type
	if s == nil {
		from = m.Types()
	} else {
		// Only the types of s, not a scan of every type per variable.
		for t, in := range s {
			if in && !t.IsRoot() {
				from = append(from, t)
			}
		}
		m.SortByDefinition(from)
	}
	var out []*schema.Type
	for _, t := range from {
		if t.Scope != "" || t.IsAbstract() {
			continue
		}
		switch t.Kind() {
		case concept.Entity, concept.Relation, concept.Attribute:
		default:
			continue
		}
		out = append(out, t)
	}
	return out
}

func labels(ts []*schema.Type) string {
	var names []string
	for _, t := range ts {
		names = append(names, t.Key())
	}
	if len(names) > 4 {
		names = append(names[:4], "…")
	}
	return strings.Join(names, ", ")
}

const ruleInsertableDoc = `rule conclusions TypeDB could not insert

Type inference over the when block gives each variable its possible
types (a player without a role, as in "($x, $y) isa friendship", may be
any type that plays a role of the relation type or of a subtype; in
"$o has id $a", $a only the subtypes of id a possible $o owns); the
then must be insertable for all of them (RUW4): every possible
owner must own the concluded attribute type, every possible player must
play its role, the concluded type must exist and not be abstract, and a
concluded value must fit the attribute's value type (a long fits double).`

func ruleInsertable(p *Pass) {
	m := p.Model
	in := &inferer{m: m}
	for _, r := range m.Rules() {
		if r.When == nil || r.Then == nil || len(r.Then.Patterns) != 1 {
			continue
		}
		st, ok := r.Then.Patterns[0].(*grammar.PatternStmt)
		if !ok {
			continue
		}
		if hasUnknownLabels(m, r) {
			continue // rule-labels reports them; inference would only add noise
		}
		e := p.whenEnv(in, r).e
		switch thenForm(st) {
		case "has":
			insertableHas(p, in, r, st, e)
		case "relation":
			insertableRelation(p, in, r, st, e)
		}
	}
}

// whenInference is the inferred types of a rule's when block, and whether
// a tuple there had no relation type left (inferer.noRelation).
type whenInference struct {
	e          env
	noRelation bool
}

// whenEnv infers r's when block once per pass: the checks that need it
// share the result, which they only read.
func (p *Pass) whenEnv(in *inferer, r *schema.Rule) whenInference {
	if w, ok := p.whens[r]; ok {
		return w
	}
	in.noRelation = false
	w := whenInference{in.block(r.When), in.noRelation}
	if p.whens == nil {
		p.whens = map[*schema.Rule]whenInference{}
	}
	p.whens[r] = w
	return w
}

const ruleSatisfiableDoc = `rule bodies no data can match

Type inference over the when block (as for rule-insertable) gives each
variable its possible types. When the statements about a variable leave
it none (it plays a role no type plays, owns an attribute no type owns,
or its "isa" type can do neither), the when can never be satisfied and
TypeDB refuses the rule at define time. Negations are not inferred over,
and a disjunction only counts when every branch leaves the variable no
type.`

func ruleSatisfiable(p *Pass) {
	m := p.Model
	in := &inferer{m: m}
	for _, r := range m.Rules() {
		if r.When == nil || hasUnknownLabels(m, r) {
			continue // rule-when and rule-labels report those
		}
		w := p.whenEnv(in, r)
		if w.noRelation {
			continue // a role no relation type relates: rule-labels reports it
		}
		e := w.e
		var none []string
		for v, s := range e {
			if s != nil && len(s) == 0 {
				none = append(none, v)
			}
		}
		if len(none) == 0 {
			continue
		}
		sort.Strings(none)
		p.Report(r.LabelRange, "rule %q can never be satisfied: no type in the schema can be %s with what its when block says of it", r.Label, strings.Join(none, " or ")).
			Detail = "Each statement narrows a variable's possible types (isa, has, the role it plays); together they leave none, and TypeDB refuses such a rule. Declare the plays or owns the rule relies on, or fix the roles and types it names."
	}
}

func insertableHas(p *Pass, in *inferer, r *schema.Rule, st *grammar.PatternStmt, e env) {
	m := p.Model
	h := st.Props[0].(*grammar.HasValueProp)
	if st.Var == nil || st.Var.Value {
		return
	}
	owners := concrete(m, e[st.Var.String()])
	var attrs []*schema.Type
	switch {
	case h.Attr != nil:
		a := in.label(h.Attr)
		if a == nil {
			return // rule-labels reports it
		}
		if a.Kind() != concept.Attribute {
			p.Report(rrng(r, h.Attr), "rule %q concludes \"has %s\", but %q is a %s type, not an attribute type", r.Label, a.Label, a.Label, a.Kind())
			return
		}
		if a.IsAbstract() {
			p.Report(rrng(r, h.Attr), "rule %q concludes abstract attribute type %q, which cannot have instances; conclude a concrete subtype", r.Label, a.Label)
			return
		}
		if h.Var != nil && !h.Var.Value {
			return // rule-has-var reports it
		}
		if h.Pred != nil {
			if lit, ok := h.Pred.Operand.(*grammar.Literal); ok {
				if vt, _ := a.ValueType(); vt != "" && !fits(lit.Kind, vt) {
					p.Report(rrng(r, lit), "rule %q concludes %s %s, but %q has value type %s; give a %s value", r.Label, a.Label, lit.Raw, a.Label, vt, vt)
				}
			}
		}
		attrs = []*schema.Type{a}
	case h.Var != nil:
		attrs = concrete(m, intersect(e[h.Var.String()], attributeTypes(m)))
	}
	for _, a := range attrs {
		var bad []*schema.Type
		for _, o := range owners {
			if own := o.OwnsOf(a.Label); own == nil {
				bad = append(bad, o)
			}
		}
		if len(bad) > 0 {
			p.Report(rrng(r, h), "rule %q concludes that %s has %s, but %s may be %s, which cannot own %q; constrain %s with \"isa\" in the when, or let those types own %q", r.Label, st.Var, a.Label, st.Var, labels(bad), a.Label, st.Var, a.Label)
		}
	}
}

func attributeTypes(m *schema.Model) typeSet {
	s := typeSet{}
	for _, t := range m.TypesOf(concept.Attribute) {
		s[t] = true
	}
	return s
}

// fits reports whether a literal of kind k can be a value of value type vt.
func fits(k grammar.LitKind, vt string) bool {
	switch k {
	case grammar.StringLit:
		return vt == "string"
	case grammar.IntLit:
		return vt == "long" || vt == "double"
	case grammar.RealLit:
		return vt == "double"
	case grammar.BoolLit:
		return vt == "boolean"
	case grammar.DateLit, grammar.DateTimeLit:
		return vt == "datetime"
	}
	return true
}

func insertableRelation(p *Pass, in *inferer, r *schema.Rule, st *grammar.PatternStmt, e env) {
	m := p.Model
	isa := st.Props[0].(*grammar.IsaProp)
	rel := in.label(isa.Type)
	if rel == nil {
		return // a variable type, or rule-labels reports it
	}
	if rel.Kind() != concept.Relation {
		p.Report(rrng(r, isa.Type), "rule %q concludes \"isa %s\" on a relation tuple, but %q is a %s type", r.Label, rel.Label, rel.Label, rel.Kind())
		return
	}
	if rel.IsAbstract() {
		p.Report(rrng(r, isa.Type), "rule %q concludes abstract relation type %q, which cannot have instances; conclude a concrete subtype", r.Label, rel.Label)
		return
	}
	for _, rp := range st.Tuple.Players {
		if rp.Role == nil || rp.Role.Var || rp.Player == nil {
			continue // rule-roles reports it
		}
		var role *schema.Type
		if rp.Role.Scope != "" {
			if sr := m.Type(rp.Role.Scope); sr != nil {
				role = sr.RoleByName(rp.Role.Name)
			}
			if role != nil && rel.RoleByName(role.Label) != role {
				p.Report(rrng(r, rp.Role), "rule %q concludes %s in a %q relation, which does not have that role", r.Label, rp.Role, rel.Label)
				continue
			}
		} else {
			role = rel.RoleByName(rp.Role.Name)
		}
		if role == nil {
			if rp.Role.Scope == "" {
				d := p.Report(rrng(r, rp.Role), "rule %q concludes a %q relation with role %q, which %q does not have", r.Label, rel.Label, rp.Role.Name, rel.Label)
				didYouMean(d, rel.SuggestRole(rp.Role.Name))
			}
			continue
		}
		var bad []*schema.Type
		for _, t := range concrete(m, e[rp.Player.String()]) {
			if t.PlaysRole(role) == nil {
				bad = append(bad, t)
			}
		}
		if len(bad) > 0 {
			p.Report(rrng(r, rp), "rule %q concludes %s playing %s, but %s may be %s, which cannot play %s; constrain %s with \"isa\" in the when, or add \"plays %s\"", r.Label, rp.Player, role.Key(), rp.Player, labels(bad), role.Key(), rp.Player, role.Key())
		}
	}
}

const ruleNegationCycleDoc = `rules that depend on themselves through a negation

A rule depends on every rule whose conclusion its when block can match;
TypeDB requires the rules to be stratifiable, so no cycle of dependencies
may pass through a negated pattern (RUW2 CONTRADICTORY_RULE_CYCLE). This
is checked when the transaction commits. A pattern depends only on the
rules whose conclusion unifies with it: an untyped "(role: $x)" on those
concluding a relation type that relates the role, and from 2.12 "has A
false" not on a rule concluding "has A true".`

// ruleRef is a type a rule body mentions, and whether it is negated. A
// rule concluding t or (unless exact) a subtype of t may supply it; pred,
// when set, is the constant the body asks of an owned attribute.
type ruleRef struct {
	t     *schema.Type
	neg   bool
	exact bool
	pred  *grammar.Predicate
}

func bodyRefs(m *schema.Model, r *schema.Rule) []ruleRef {
	var out []ruleRef
	in := &inferer{m: m}
	schema.WalkBlock(r.When, func(pat grammar.Pattern, outer []grammar.Pattern) {
		st, ok := pat.(*grammar.PatternStmt)
		if !ok {
			return
		}
		neg := false
		for _, o := range outer {
			if _, ok := o.(*grammar.Negation); ok {
				neg = true
			}
		}
		add := func(t *schema.Type) {
			if t != nil {
				out = append(out, ruleRef{t: t, neg: neg})
			}
		}
		typed := false
		for _, pr := range st.Props {
			switch pr := pr.(type) {
			case *grammar.IsaProp:
				if !pr.Type.Var {
					add(m.Type(pr.Type.Name))
					typed = true
				}
			case *grammar.HasValueProp:
				if pr.Attr != nil && !pr.Attr.Var {
					if t := m.Type(pr.Attr.Name); t != nil {
						out = append(out, ruleRef{t: t, neg: neg, pred: pr.Pred})
					}
				} else {
					add(m.Root(concept.Attribute))
				}
			}
		}
		if st.Tuple != nil && !typed {
			// An untyped tuple unifies only with conclusions of the relation
			// types that relate its roles (typedb/typedb@2.28.3:logic/
			// resolvable/Concludable.java Relation.unify, unificationSatisfiable
			// on the inferred types).
			rels, _ := in.tupleRels(st, nil)
			for _, t := range slices.SortedFunc(maps.Keys(rels), func(a, b *schema.Type) int { return strings.Compare(a.Label, b.Label) }) {
				out = append(out, ruleRef{t: t, neg: neg, exact: true})
			}
		}
	})
	return out
}

// conclusion returns the type rule r concludes and, for "$x has A lit",
// the constant it gives.
func conclusion(m *schema.Model, r *schema.Rule) (*schema.Type, *grammar.Predicate) {
	if r.Then == nil || len(r.Then.Patterns) != 1 {
		return nil, nil
	}
	st, ok := r.Then.Patterns[0].(*grammar.PatternStmt)
	if !ok {
		return nil, nil
	}
	switch thenForm(st) {
	case "has":
		if h := st.Props[0].(*grammar.HasValueProp); h.Attr != nil && !h.Attr.Var {
			return m.Type(h.Attr.Name), h.Pred
		}
		return m.Root(concept.Attribute), nil
	case "relation":
		if isa := st.Props[0].(*grammar.IsaProp); !isa.Type.Var {
			return m.Type(isa.Type.Name), nil
		}
		return m.Root(concept.Relation), nil
	}
	return nil, nil
}

// contradicts reports whether no value given by the constant concluded
// satisfies the body's predicate on it, so the two do not unify. TypeDB
// checks this from 2.12 (typedb/typedb@2.12.0:logic/resolvable/Unifier.java
// unificationSatisfiable, ValueConstraint.inconsistentWith; before, a TODO
// kept every pair): only a concluded "==" constant against a constant
// predicate of the same value kind is decided here, the rest may unify.
func contradicts(body, concluded *grammar.Predicate) bool {
	if body == nil || concluded == nil || (concluded.Op != "" && concluded.Op != "==" && concluded.Op != "=") {
		return false
	}
	bl, ok1 := body.Operand.(*grammar.Literal)
	cl, ok2 := concluded.Operand.(*grammar.Literal)
	if !ok1 || !ok2 {
		return false
	}
	c, ok := compareLiterals(cl, bl) // the concluded value against the bound
	if !ok {
		return false
	}
	switch body.Op {
	case "", "=", "==":
		return c != 0
	case "!=":
		return c == 0
	case "<":
		return c >= 0
	case "<=":
		return c > 0
	case ">":
		return c <= 0
	case ">=":
		return c < 0
	}
	return false
}

// boolRank orders false before true.
func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// compareLiterals compares two literals of the same value kind (numbers,
// strings or booleans): -1, 0 or 1, and false when they are not comparable.
func compareLiterals(a, b *grammar.Literal) (int, bool) {
	num := func(l *grammar.Literal) bool { return l.Kind == grammar.IntLit || l.Kind == grammar.RealLit }
	switch {
	case num(a) && num(b):
		x, err1 := strconv.ParseFloat(a.Raw, 64)
		y, err2 := strconv.ParseFloat(b.Raw, 64)
		if err1 != nil || err2 != nil {
			return 0, false
		}
		return cmp.Compare(x, y), true
	case a.Kind == grammar.StringLit && b.Kind == grammar.StringLit:
		x, ok1 := unquote(a.Raw)
		y, ok2 := unquote(b.Raw)
		return strings.Compare(x, y), ok1 && ok2
	case a.Kind == grammar.BoolLit && b.Kind == grammar.BoolLit:
		x, err1 := strconv.ParseBool(a.Raw)
		y, err2 := strconv.ParseBool(b.Raw)
		if err1 != nil || err2 != nil {
			return 0, false
		}
		return cmp.Compare(boolRank(x), boolRank(y)), true
	}
	return 0, false
}

func ruleNegationCycle(p *Pass) {
	m := p.Model
	rules := m.Rules()
	type edge struct {
		to  int
		neg bool
	}
	// concluders lists, for each type, the rules whose conclusion is that
	// type or a subtype of it, so that finding the rules a body depends on
	// does not compare every pair of rules.
	concluders := map[*schema.Type][]int{}
	concluded := make([]*schema.Type, len(rules))
	values := make([]*grammar.Predicate, len(rules))
	for j, s := range rules {
		c, v := conclusion(m, s)
		concluded[j], values[j] = c, v
		if c != nil {
			for _, t := range append([]*schema.Type{c}, c.Supertypes()...) {
				concluders[t] = append(concluders[t], j)
			}
		}
	}
	checkValues := p.Target.AtLeast("2.12")
	edges := make([][]edge, len(rules))
	for i, r := range rules {
		negTo := map[int]bool{} // rule j → through a negation
		for _, ref := range bodyRefs(m, r) {
			for _, j := range concluders[ref.t] {
				if ref.exact && concluded[j] != ref.t {
					continue
				}
				if checkValues && contradicts(ref.pred, values[j]) {
					continue
				}
				negTo[j] = negTo[j] || ref.neg
			}
		}
		for _, j := range slices.Sorted(maps.Keys(negTo)) {
			edges[i] = append(edges[i], edge{j, negTo[j]})
		}
	}
	// Tarjan's strongly connected components.
	index, low := make([]int, len(rules)), make([]int, len(rules))
	onStack := make([]bool, len(rules))
	for i := range index {
		index[i] = -1
	}
	var stack []int
	comp := make([]int, len(rules))
	next, ncomp := 0, 0
	var strong func(v int)
	strong = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, e := range edges[v] {
			if index[e.to] < 0 {
				strong(e.to)
				low[v] = min(low[v], low[e.to])
			} else if onStack[e.to] {
				low[v] = min(low[v], index[e.to])
			}
		}
		if low[v] == index[v] {
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp[w] = ncomp
				if w == v {
					break
				}
			}
			ncomp++
		}
	}
	for v := range rules {
		if index[v] < 0 {
			strong(v)
		}
	}
	reported := map[int]bool{}
	for v, es := range edges {
		for _, e := range es {
			if !e.neg || comp[v] != comp[e.to] || reported[comp[v]] {
				continue
			}
			reported[comp[v]] = true
			var members []string
			for w := range rules {
				if comp[w] == comp[v] {
					members = append(members, rules[w].Label)
				}
			}
			r := rules[v]
			if len(members) == 1 {
				p.Report(r.LabelRange, "rule %q negates a type that it concludes itself, a cycle through negation TypeDB cannot stratify; remove the negation or conclude another type", r.Label)
			} else {
				p.Report(r.LabelRange, "rules %s depend on each other through the negation in rule %q, a cycle TypeDB cannot stratify; break the cycle", strings.Join(members, ", "), r.Label)
			}
		}
	}
}

// hasUnknownLabels reports whether a rule mentions a type label that does
// not resolve.
func hasUnknownLabels(m *schema.Model, r *schema.Rule) bool {
	for _, l := range r.Labels() {
		if l.Ref.Scope != "" {
			if m.Type(l.Ref.Scope) == nil {
				return true
			}
		} else if !l.Role && m.Type(l.Ref.Name) == nil {
			return true
		}
	}
	return false
}
