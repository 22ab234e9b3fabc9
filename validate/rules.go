package validate

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

func init() {
	register(
		&Check{Name: "rule-when", Doc: ruleWhenDoc, Run: ruleWhen,
			Source: "typedb/typeql@2.0.0:java/pattern/schema/Rule.java INVALID_RULE_WHEN_MISSING_PATTERNS, INVALID_RULE_WHEN_NESTED_NEGATION; typedb/typeql@2.28.6:java/pattern/schema/Rule.java INVALID_RULE_WHEN_NESTED_NEGATION"},
		&Check{Name: "rule-then", Doc: ruleThenDoc, Run: ruleThen,
			Source: "typedb/typeql@2.0.0:java/pattern/schema/Rule.java INVALID_RULE_THEN; typedb/typeql@2.28.6:java/pattern/schema/Rule.java INVALID_RULE_THEN"},
		&Check{Name: "rule-variables", Doc: ruleVariablesDoc, Run: ruleVariables,
			Source: "typedb/typeql@2.0.0:java/pattern/schema/Rule.java INVALID_RULE_THEN_VARIABLES; typedb/typeql@2.28.6:java/pattern/schema/Rule.java INVALID_RULE_THEN_VARIABLES"},
		&Check{Name: "rule-roles", Doc: ruleRolesDoc, Run: ruleRoles,
			Source: "typedb/typeql@2.28.6:java/pattern/schema/Rule.java INVALID_RULE_THEN_ROLES (roleType().isPresent(): a label or a variable), INVALID_RULE_THEN_RELATION_VARIABLE; typedb/typedb@2.28.3:logic/Rule.java Conclusion.Relation (a role variable takes the role bound in the when)"},
		&Check{Name: "rule-has-var", Doc: ruleHasVarDoc, Run: ruleHasVar,
			Source: "typedb/typeql@2.0.0:java/pattern/schema/Rule.java INVALID_RULE_THEN_HAS; typedb/typeql@2.28.6:java/pattern/schema/Rule.java INVALID_RULE_THEN_HAS"},
		&Check{Name: "rule-labels", Doc: ruleLabelsDoc, Run: ruleLabels,
			Source: "typedb/typedb@2.0.0:logic/tool/TypeResolver.java TYPE_NOT_FOUND; typedb/typedb@2.29.1:logic/tool/TypeInference.java TYPE_NOT_FOUND, ROLE_TYPE_NOT_FOUND"},
		&Check{Name: "rule-insertable", Doc: ruleInsertableDoc, Run: ruleInsertable,
			Source: "typedb/typedb@2.0.0:logic/Rule.java validateInsertable RULE_CAN_IMPLY_UNINSERTABLE_RESULTS; typedb/typedb@2.29.1:logic/Rule.java validateInsertable RULE_CONCLUSION_ILLEGAL_INSERT"},
		&Check{Name: "rule-satisfiable", Doc: ruleSatisfiableDoc, Run: ruleSatisfiable,
			Source: "typedb/typedb@2.0.0:logic/Rule.java validateSatisfiable RULE_WHEN_CANNOT_BE_SATISFIED; typedb/typedb@2.29.1:logic/Rule.java validateSatisfiable RULE_WHEN_INCOHERENT"},
		&Check{Name: "rule-negation-cycle", Doc: ruleNegationCycleDoc, Run: ruleNegationCycle, Phase: atCommit,
			Source: "typedb/typedb@2.0.0:logic/LogicManager.java CONTRADICTORY_RULE_CYCLE; typedb/typedb@2.29.1:logic/LogicManager.java CONTRADICTORY_RULE_CYCLE"},
	)
}

// rrng is the range of node n of rule r (in the rule's file).
func rrng(r *schema.Rule, n grammar.Node) diag.Range {
	return diag.Range{File: r.Range.File, Start: n.Pos(), End: n.End()}
}

const ruleWhenDoc = `rule bodies TypeDB rejects

The when block must not be empty, must not nest a negation inside a
negation, and may hold disjunctions (also inside a negation) only from
TypeDB 2.14. Every negation must share a variable with the patterns
around it, or it constrains nothing.`

func ruleWhen(p *Pass) {
	for _, r := range p.Model.Rules() {
		if r.When == nil || len(r.When.Patterns) == 0 {
			p.Report(r.LabelRange, "rule %q has an empty when block; add the patterns the rule matches", r.Label)
			continue
		}
		schema.WalkBlock(r.When, func(pat grammar.Pattern, outer []grammar.Pattern) {
			switch pat := pat.(type) {
			case *grammar.Negation:
				for _, o := range outer {
					if _, ok := o.(*grammar.Negation); ok {
						p.Report(rrng(r, pat), "rule %q nests a negation inside a negation; rewrite the inner \"not\" as a positive pattern", r.Label)
						return
					}
				}
			case *grammar.Disjunction:
				if p.Target.Before("2.14") {
					p.Report(rrng(r, pat), "rule %q uses a disjunction in its when, which TypeDB accepts only from 2.14 (target %s); split the rule into one rule per branch", r.Label, p.Target)
				}
			}
		})
		checkNegationsBound(p, r, r.When, map[string]bool{})
	}
}

// checkNegationsBound reports negations in b that share no variable with
// the variables bound around them (outer plus b's own trunk).
func checkNegationsBound(p *Pass, r *schema.Rule, b *grammar.Block, outer map[string]bool) {
	bound := map[string]bool{}
	for v := range outer {
		bound[v] = true
	}
	for v := range schema.TrunkVars(b) {
		bound[v] = true
	}
	for _, pat := range b.Patterns {
		switch pat := pat.(type) {
		case *grammar.Negation:
			shared := false
			for v := range schema.BlockVars(pat.Body) {
				if bound[v] {
					shared = true
				}
			}
			if !shared {
				p.Report(rrng(r, pat), "the negation in rule %q shares no variable with the rest of the when block, so it constrains nothing; use a variable bound outside it", r.Label)
			}
		case *grammar.Disjunction:
			for _, alt := range pat.Alts {
				checkNegationsBound(p, r, alt, bound)
			}
		case *grammar.Conjunction:
			checkNegationsBound(p, r, pat.Body, bound)
		}
	}
}

const ruleThenDoc = `rule heads that are not one has or one relation

The then block must hold exactly one statement that is either one
attribute ownership ("$x has A value", "$x has $v") or one relation with
its type ("(role: $x, …) isa R"). "$x isa T" heads, several conclusions,
comparisons and other constraints are rejected.`

func ruleThen(p *Pass) {
	for _, r := range p.Model.Rules() {
		if r.Then == nil || len(r.Then.Patterns) == 0 {
			p.Report(r.LabelRange, "rule %q has an empty then block; conclude one has or one relation", r.Label)
			continue
		}
		if n := len(r.Then.Patterns); n > 1 {
			p.Report(rrng(r, r.Then), "rule %q concludes %d statements; a rule concludes exactly one has or one relation, so split it into %d rules", r.Label, n, n)
			continue
		}
		st, ok := r.Then.Patterns[0].(*grammar.PatternStmt)
		if !ok {
			p.Report(rrng(r, r.Then.Patterns[0]), "rule %q must conclude a single statement, not a nested pattern", r.Label)
			continue
		}
		switch thenForm(st) {
		case "has", "relation":
			if st.Tuple == nil {
				h := st.Props[0].(*grammar.HasValueProp)
				if h.Pred != nil && h.Pred.Op != "" {
					p.Report(rrng(r, h.Pred), "rule %q concludes a comparison (%s); give the concluded attribute an exact value or a variable", r.Label, h.Pred.Op)
				}
			}
		case "isa":
			p.Report(rrng(r, st), "rule %q concludes \"isa\" only; a 2.x rule cannot create or retype things, it concludes one has or one relation", r.Label)
		default:
			p.Report(rrng(r, st), "rule %q must conclude exactly one attribute ownership (\"$x has A …\") or exactly one relation (\"(role: $x) isa R\")", r.Label)
		}
	}
}

// thenForm classifies a head statement: "has", "relation", "isa" or "".
func thenForm(st *grammar.PatternStmt) string {
	if st.Value != nil || st.Type != nil {
		return ""
	}
	if st.Tuple != nil {
		if len(st.Props) == 1 {
			if _, ok := st.Props[0].(*grammar.IsaProp); ok {
				return "relation"
			}
		}
		return ""
	}
	if len(st.Props) == 1 {
		switch st.Props[0].(type) {
		case *grammar.HasValueProp:
			return "has"
		case *grammar.IsaProp:
			return "isa"
		}
	}
	isa := len(st.Props) > 0
	for _, pr := range st.Props {
		if _, ok := pr.(*grammar.IsaProp); !ok {
			isa = false
		}
	}
	if isa {
		return "isa"
	}
	return ""
}

const ruleVariablesDoc = `rule head variables not bound in the body

Every variable of the then block must be bound in the when block; from
TypeDB 2.14 in the when's top-level conjunction, not only inside a
negation or one branch of a disjunction.`

func ruleVariables(p *Pass) {
	for _, r := range p.Model.Rules() {
		if r.When == nil || r.Then == nil {
			continue
		}
		bound := schema.BlockVars(r.When)
		where := "when block"
		if p.Target.AtLeast("2.14") {
			bound = schema.TrunkVars(r.When)
			where = "top level of the when block"
		}
		reported := map[string]bool{}
		schema.WalkBlock(r.Then, func(pat grammar.Pattern, _ []grammar.Pattern) {
			st, ok := pat.(*grammar.PatternStmt)
			if !ok {
				return
			}
			for _, v := range schema.StatementVars(st) {
				if st.Tuple != nil && st.Var != nil && v.Name == st.Var.Name {
					continue // the relation variable: rule-roles reports it
				}
				if bound[v.String()] || reported[v.String()] {
					continue
				}
				reported[v.String()] = true
				p.Report(rrng(r, v), "variable %s in the then of rule %q is not bound at the %s; bind it there", v, r.Label, where)
			}
		})
	}
}

const ruleRolesDoc = `relations concluded without explicit roles or with a name

From TypeDB 2.12 every role player in a concluded relation needs a role:
a label, or a role variable bound in the when ("$role type rel:r"); it
may not be left out. From 2.24 the concluded relation may not be named
with a variable ("$r (…) isa R").`

func ruleRoles(p *Pass) {
	for _, r := range p.Model.Rules() {
		if r.Then == nil || len(r.Then.Patterns) != 1 {
			continue
		}
		st, ok := r.Then.Patterns[0].(*grammar.PatternStmt)
		if !ok || st.Tuple == nil {
			continue
		}
		if p.Target.AtLeast("2.12") {
			// A role variable counts as a role: TypeQL only asks that one
			// be present, and the server takes the role bound in the when.
			for _, rp := range st.Tuple.Players {
				if rp.Role == nil {
					p.Report(rrng(r, rp), "rule %q concludes a relation in which %s has no role; from TypeDB 2.12 write the role, e.g. \"ROLE: %s\"", r.Label, rp.Player, rp.Player)
				}
			}
		}
		if st.Var != nil && p.Target.AtLeast("2.24") {
			p.Report(rrng(r, st.Var), "rule %q names the concluded relation %s; from TypeDB 2.24 leave the variable out: \"(…) isa …\"", r.Label, st.Var)
		}
	}
}

const ruleHasVarDoc = `rule heads that give both an attribute type and a variable

"$x has A $v" in a then block assigns both an attribute type and a
variable attribute; write "$x has $v" (the type comes from the when), or
from 2.18 use a value variable "$x has A ?v".`

func ruleHasVar(p *Pass) {
	for _, r := range p.Model.Rules() {
		schema.WalkBlock(r.Then, func(pat grammar.Pattern, _ []grammar.Pattern) {
			st, ok := pat.(*grammar.PatternStmt)
			if !ok {
				return
			}
			for _, pr := range st.Props {
				if h, ok := pr.(*grammar.HasValueProp); ok && h.Attr != nil && h.Var != nil && !h.Var.Value {
					p.Report(rrng(r, h), "rule %q concludes \"has %s %s\", giving both an attribute type and a variable; write \"has %s\"", r.Label, h.Attr, h.Var, h.Var)
				}
			}
		})
	}
}

const ruleLabelsDoc = `unknown types and roles in rules, and role aliases

Every type and role a rule mentions must exist (TYR3). From 2.25 a scoped
role "REL:R" must name the relation that declares R, not a sub-relation
that only inherits it.`

func ruleLabels(p *Pass) {
	m := p.Model
	for _, r := range p.Model.Rules() {
		relOf := relationTypesOfStatements(m, r)
		for _, l := range r.Labels() {
			ref := l.Ref
			switch {
			case ref.Scope != "":
				rel := m.Type(ref.Scope)
				if rel == nil {
					d := p.Report(rrng(r, ref), "rule %q uses %s, but relation %q is not defined", r.Label, ref, ref.Scope)
					didYouMean(d, m.Suggest(ref.Scope, concept.Relation))
					continue
				}
				role := rel.RoleByName(ref.Name)
				if role == nil {
					d := p.Report(rrng(r, ref), "rule %q uses %s, but relation %q has no role %q", r.Label, ref, ref.Scope, ref.Name)
					didYouMean(d, rel.SuggestRole(ref.Name))
				} else if role.Scope != ref.Scope && aliasesRejected(p.Target) {
					p.Report(rrng(r, ref), "rule %q uses %s, an alias of %s inherited by %q; write %s", r.Label, ref, role.Key(), ref.Scope, role.Key())
				}
			case l.Role:
				if !roleExists(m, ref.Name, relOf[ref], !l.Then) {
					d := p.Report(rrng(r, ref), "rule %q uses role %q, which no relation %s has", r.Label, ref.Name, describeRels(relOf[ref]))
					didYouMean(d, m.Suggest(ref.Name, concept.Role))
				}
			default:
				if m.Type(ref.Name) == nil || m.Type(ref.Name).Scope != "" {
					d := p.Report(rrng(r, ref), "rule %q uses type %q, which is not defined", r.Label, ref.Name)
					didYouMean(d, m.Suggest(ref.Name))
				}
			}
		}
	}
}

func describeRels(rels []*schema.Type) string {
	if len(rels) == 0 {
		return "in the schema"
	}
	var names []string
	for _, r := range rels {
		names = append(names, fmt.Sprintf("%q", r.Label))
	}
	return "of type " + strings.Join(names, " or ")
}

// roleExists reports whether a role named name exists in one of rels (or
// their subtypes), or in any relation when rels is empty. A match (sub
// true) also finds a relation through a role that specialises name: a
// when's role player is typed "sub" the role, so "(required: $x) isa R"
// matches R's "relates r as required" (typedb/typedb@2.28.3:logic/tool/
// TypeInference.java registerRelation: traversal.sub(roleVar, roleTypeVar)
// in a match, equalTypes in an insert).
func roleExists(m *schema.Model, name string, rels []*schema.Type, sub bool) bool {
	if len(rels) == 0 {
		for _, t := range m.TypesOf(concept.Role) {
			if t.Label == name {
				return true
			}
		}
		return false
	}
	for _, rel := range rels {
		for _, x := range append([]*schema.Type{rel}, rel.Subtypes()...) {
			if x.RoleByName(name) != nil {
				return true
			}
			if !sub {
				continue
			}
			for _, r := range x.Roles() {
				for _, s := range r.Supertypes() {
					if s.Scope != "" && s.Label == name {
						return true
					}
				}
			}
		}
	}
	return false
}

// relationTypesOfStatements maps each role label of a relation tuple to the
// relation type its statement names with "isa", when it names a known one.
func relationTypesOfStatements(model *schema.Model, r *schema.Rule) map[*grammar.TypeRef][]*schema.Type {
	m := map[*grammar.TypeRef][]*schema.Type{}
	for _, b := range []*grammar.Block{r.When, r.Then} {
		schema.WalkBlock(b, func(pat grammar.Pattern, _ []grammar.Pattern) {
			st, ok := pat.(*grammar.PatternStmt)
			if !ok || st.Tuple == nil {
				return
			}
			var rels []*schema.Type
			for _, pr := range st.Props {
				if isa, ok := pr.(*grammar.IsaProp); ok && !isa.Type.Var {
					if t := model.Type(isa.Type.Name); t != nil && t.Kind() == concept.Relation {
						rels = append(rels, t)
					}
				}
			}
			for _, rp := range st.Tuple.Players {
				if rp.Role != nil {
					m[rp.Role] = rels
				}
			}
		})
	}
	return m
}
