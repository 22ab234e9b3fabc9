package rewrite

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// Section F: rules. rule-header runs first and turns every 1.x rule into a
// 2.x RuleStmt; the other rules of the section work on RuleStmts only.

var ruleHeader = &Rule{
	Name: "rule-header",
	Refs: "28",
	Doc: `a rule is written rule L: when {…} then {…};

	siblings sub rule,         →   rule siblings:
	when { … },                    when { … } then { … };
	then { … };

The ≤1.4 form without commas is read the same way. Undefining a rule
("undefine L sub rule;") is done by undefine-blocks.`,
	Apply: func(p *Pass) {
		p.EachTypeStmt(func(s *grammar.TypeStmt, c *Cursor[grammar.Stmt]) {
			if !isLegacyRule(s) || s.Subject == nil || s.Subject.Var {
				return
			}
			r := &grammar.RuleStmt{Rule: s.Subject.Pos(), Label: s.Subject, Semi: s.Semi}
			var extra []string
			for _, pr := range s.Props {
				switch pr := pr.(type) {
				case *grammar.WhenProp:
					r.When = pr.Body
				case *grammar.ThenProp:
					r.Then = pr.Body
				case *grammar.SubProp:
				default:
					extra = append(extra, propKeyword(pr))
				}
				moveTrivia(&r.Trivia, pr.Comments())
			}
			if r.When == nil || r.Then == nil {
				c.Delete()
				p.Report(s.Subject, diag.Lost, "rule %s dropped: it has no %s block", s.Subject.Name, missingBlock(r)).
					Detail = "A rule needs both a when and a then block; 1.x would not have loaded it either."
				return
			}
			c.Replace(r)
			p.Report(s.Subject, diag.Translated, "rule %s written as rule %s: when {…} then {…}", s.Subject.Name, s.Subject.Name)
			if len(extra) > 0 {
				p.Report(s.Subject, diag.Lost, "%s dropped from rule %s", strings.Join(extra, ", "), s.Subject.Name).
					Detail = "A 2.x rule has only a label, a when and a then block."
			}
		})
	},
}

// isLegacyRule reports whether s is a 1.x rule: "L sub rule" or a
// statement with a when or then block.
func isLegacyRule(s *grammar.TypeStmt) bool {
	for _, pr := range s.Props {
		switch pr := pr.(type) {
		case *grammar.SubProp:
			if !pr.Type.Var && pr.Type.Scope == "" && pr.Type.Name == "rule" {
				return true
			}
		case *grammar.WhenProp, *grammar.ThenProp:
			return true
		}
	}
	return false
}

func missingBlock(r *grammar.RuleStmt) string {
	if r.When == nil {
		return "when"
	}
	return "then"
}

// propKeyword names a property for messages.
func propKeyword(pr grammar.Prop) string {
	switch pr.(type) {
	case *grammar.AbstractProp:
		return "abstract"
	case *grammar.HasProp:
		return "has"
	case *grammar.KeyProp:
		return "key"
	case *grammar.PlaysProp:
		return "plays"
	case *grammar.RelatesProp:
		return "relates"
	case *grammar.ValueTypeProp:
		return "value"
	case *grammar.RegexProp:
		return "regex"
	}
	return fmt.Sprintf("%T", pr)
}

// eachRule calls f for every 2.x rule of the merged define.
func (p *Pass) eachRule(f func(r *grammar.RuleStmt, c *Cursor[grammar.Stmt])) {
	p.EachStmt(func(c *Cursor[grammar.Stmt]) {
		if r, ok := c.Node().(*grammar.RuleStmt); ok && r.When != nil && r.Then != nil {
			f(r, c)
		}
	})
}

// dropRule deletes the rule at c and reports it lost.
// The comments of the last statement go after the define's statements
// rather than onto the line of the statement before.
func (p *Pass) dropRule(c *Cursor[grammar.Stmt], r *grammar.RuleStmt, at grammar.Node, detail, format string, args ...any) {
	if c.Index() == len(p.Schema.Stmts)-1 && len(p.Schema.Stmts) > 1 {
		t := r.Trivia
		p.Schema.Last = append(t.Groups(), p.Schema.Last...)
		r.Trivia = grammar.Trivia{}
	}
	c.Delete()
	p.Report(at, diag.Lost, "rule %s dropped: %s", r.Label.Name, fmt.Sprintf(format, args...)).Detail = detail
}

var whenPatterns = &Rule{
	Name: "when-patterns",
	Refs: "37, 12, 13",
	Doc: `when blocks keep what 2.x can match

	$t has name;                         →   $t owns name;
	$t key email;                        →   $t owns email @key;
	when { $x id V4128; … }              →   (the rule is dropped and reported)
	when { not { …; not { … }; }; }      →   (dropped)
	when { { … } or { … }; }             →   (dropped before TypeDB 2.14)

Type-level has and key in patterns follow rules 12 and 13. Instance ids
have no 2.x counterpart (iids are new values). A disjunction needs TypeDB
2.14 in a rule; nested negations and a disjunction inside a negation are
rejected by every 2.x (and were by 1.x). Role labels are role-patterns'
job, implicit types and via implicit-types'.`,
	Apply: func(p *Pass) {
		p.eachRule(func(r *grammar.RuleStmt, c *Cursor[grammar.Stmt]) {
			var why, detail string
			var at grammar.Node
			lose := func(n grammar.Node, d, format string, args ...any) {
				if why == "" {
					at, detail, why = n, d, fmt.Sprintf(format, args...)
				}
			}
			walkPatterns(r.When, 0, func(pt grammar.Pattern, negs, ors int) {
				switch pt := pt.(type) {
				case *grammar.Negation:
					if negs > 0 {
						lose(pt, "2.x rejects a negation inside a negation. Rewrite the condition without nesting.", "it nests a negation")
					}
				case *grammar.Disjunction:
					if negs > 0 {
						lose(pt, "2.x rejects a disjunction inside a negation (RUW3). Split the negation into one per branch.", "it has a disjunction inside a negation")
					} else if p.Opts.Target.Before("2.14") {
						lose(pt, "Rules accept disjunctions from TypeDB 2.14 (and 1.x rejected them too). Split the rule into one rule per branch, or target 2.18 or later.", "it has a disjunction, which TypeDB before 2.14 rejects in rules")
					}
				case *grammar.PatternStmt:
					for i, pr := range pt.Props {
						switch pr := pr.(type) {
						case *grammar.HasProp:
							o := &grammar.OwnsProp{Owns: pr.Has, Attr: pr.Attr}
							moveTrivia(o.Comments(), pr.Comments())
							pt.Props[i] = o
							p.Report(pr, diag.Translated, "type pattern has %s in rule %s written as owns", pr.Attr, r.Label.Name)
						case *grammar.KeyProp:
							o := &grammar.OwnsProp{Owns: pr.Key, Attr: pr.Attr, Annots: []*grammar.Annotation{{At: pr.Key, Name: "key"}}}
							moveTrivia(o.Comments(), pr.Comments())
							pt.Props[i] = o
							p.Report(pr, diag.Translated, "type pattern key %s in rule %s written as owns %s @key", pr.Attr, r.Label.Name, pr.Attr)
						case *grammar.IDProp:
							if !pr.IID {
								lose(pr, "Instance ids do not survive the migration: 2.x gives every instance a new iid. Match the instance by a key attribute instead and add the rule by hand.", "it matches the 1.x instance id %s", pr.Value)
							}
						}
					}
				}
			})
			if why != "" {
				p.dropRule(c, r, at, detail, "%s", why)
			}
		})
	},
}

// walkPatterns calls f for every pattern in b and in the blocks nested in
// it, with the number of enclosing negations and disjunctions.
func walkPatterns(b *grammar.Block, negs int, f func(pt grammar.Pattern, negs, ors int)) {
	walkPatternsIn(b, negs, 0, f)
}

func walkPatternsIn(b *grammar.Block, negs, ors int, f func(pt grammar.Pattern, negs, ors int)) {
	if b == nil {
		return
	}
	for _, pt := range b.Patterns {
		f(pt, negs, ors)
		switch pt := pt.(type) {
		case *grammar.Conjunction:
			walkPatternsIn(pt.Body, negs, ors, f)
		case *grammar.Disjunction:
			for _, alt := range pt.Alts {
				walkPatternsIn(alt, negs, ors+1, f)
			}
		case *grammar.Negation:
			walkPatternsIn(pt.Body, negs+1, ors, f)
		}
	}
}

var conceptInequality = &Rule{
	Name: "concept-inequality",
	Refs: "29",
	Doc: `concept inequality becomes a negated is

	$x != $y;    →   not { $x is $y; };

In 2.x "$x != $y" compares attribute values, which is wrong for entities and
relations. (≤1.2 value inequalities were rewritten by legacy-value-ops.)
Inside a negation the rewrite would nest negations, which 2.x rejects, so
such a rule is dropped and reported.`,
	Apply: func(p *Pass) {
		if m := p.Model(); m == nil || m.Lang != schema.Graql1 {
			return // in a 2.x schema, $x != $y is a value inequality already
		}
		p.eachRule(func(r *grammar.RuleStmt, c *Cursor[grammar.Stmt]) {
			var nested grammar.Node
			eachPatternIn(r.When, false, func(blk *grammar.Block, i int, negated bool) {
				st, ok := blk.Patterns[i].(*grammar.PatternStmt)
				if !ok || st.Var == nil || st.Var.Value || st.Value == nil || st.Value.Op != "!=" {
					return
				}
				y, ok := st.Value.Operand.(*grammar.Var)
				if !ok || y.Value {
					return
				}
				if negated {
					if nested == nil {
						nested = st
					}
					return
				}
				is := &grammar.PatternStmt{Var: st.Var, Props: []grammar.Prop{&grammar.IsProp{Is: st.Value.OpPos, Var: y}}, Semi: st.Semi}
				neg := &grammar.Negation{Trivia: st.Trivia, Not: st.Pos(), Body: &grammar.Block{Lbrace: st.Pos(), Patterns: []grammar.Pattern{is}, Rbrace: st.Semi}, Semi: st.Semi}
				blk.Patterns[i] = neg
				if len(st.Props) > 0 {
					rest := &grammar.PatternStmt{Var: st.Var, Props: st.Props, Semi: st.Semi}
					blk.Patterns = append(blk.Patterns[:i+1], append([]grammar.Pattern{rest}, blk.Patterns[i+1:]...)...)
				}
				p.Report(st, diag.Translated, "%s != %s written as not { %s is %s; }", st.Var, y, st.Var, y)
			})
			if nested != nil {
				p.dropRule(c, r, nested, "2.x writes concept inequality as a negation, and a negation cannot sit inside another. Rewrite the rule by hand (for attributes, a value comparison != may do).",
					"its concept inequality inside a negation has no 2.x form")
			}
		})
	},
}

// eachPredicate2 calls f for every value predicate of the rules' bodies.
func (p *Pass) eachRulePredicate(f func(r *grammar.RuleStmt, st *grammar.PatternStmt, pr *grammar.Predicate)) {
	p.eachRule(func(r *grammar.RuleStmt, _ *Cursor[grammar.Stmt]) {
		for _, b := range []*grammar.Block{r.When, r.Then} {
			walkStatements(b, func(st *grammar.PatternStmt) {
				if st.Value != nil {
					f(r, st, st.Value)
				}
				for _, pr := range st.Props {
					if h, ok := pr.(*grammar.HasValueProp); ok && h.Pred != nil {
						f(r, st, h.Pred)
					}
				}
			})
		}
	})
}

var valueInequality = &Rule{
	Name: "value-inequality",
	Refs: "30",
	Doc: `1.x value inequality !== is written !=

	$n !== "anonymous";    →   $n != "anonymous";
	$x has age !== 5;      →   $x has age != 5;`,
	Apply: func(p *Pass) {
		p.eachRulePredicate(func(r *grammar.RuleStmt, _ *grammar.PatternStmt, pr *grammar.Predicate) {
			if pr.Op == "!==" {
				pr.Op = "!="
				p.Report(pr, diag.Translated, "!== written as !=")
			}
		})
	},
}

var valueEquality = &Rule{
	Name: "value-equality",
	Refs: "31",
	Doc: `value equality == is written = before TypeDB 2.18

	$b == $a;             →   $b = $a;          (2.0–2.17; kept == from 2.18)
	$x has age == 5;      →   $x has age = 5;

From 2.18, "=" still works but is deprecated, so == stays. Comparisons
(> >= < <=, contains, like) are unchanged.`,
	Apply: func(p *Pass) {
		if !p.Opts.Target.Before("2.18") {
			return
		}
		p.eachRulePredicate(func(r *grammar.RuleStmt, _ *grammar.PatternStmt, pr *grammar.Predicate) {
			if pr.Op == "==" {
				pr.Op = "="
				p.Report(pr, diag.Translated, "== written as = (TypeDB before 2.18)")
			}
		})
	},
}

// thenStmt returns the single statement of a rule's then block, or nil.
func thenStmt(r *grammar.RuleStmt) *grammar.PatternStmt {
	if len(r.Then.Patterns) != 1 {
		return nil
	}
	st, _ := r.Then.Patterns[0].(*grammar.PatternStmt)
	return st
}

var thenShape = &Rule{
	Name: "then-shape",
	Refs: "35, 34",
	Doc: `then holds one has or one relation, or the rule is dropped

	then { $x isa adult; };                  →   (dropped and reported)
	then { $x has a 1; $x has b 2; };        →   (dropped and reported)

A 2.x rule concludes exactly one attribute ownership or one relation. 1.x
accepted an isa-only conclusion; there is no 2.x form for it.`,
	Apply: func(p *Pass) {
		p.eachRule(func(r *grammar.RuleStmt, c *Cursor[grammar.Stmt]) {
			st := thenStmt(r)
			if st == nil {
				p.dropRule(c, r, r.Then, "A 2.x rule concludes exactly one statement. Split it into one rule per conclusion.",
					"its then block holds %d patterns, not one statement", len(r.Then.Patterns))
				return
			}
			has, isa, other := 0, 0, 0
			var isaType string
			for _, pr := range st.Props {
				switch pr := pr.(type) {
				case *grammar.HasValueProp:
					has++
				case *grammar.IsaProp:
					isa++
					isaType = pr.Type.String()
				default:
					other++
				}
			}
			switch {
			case st.Tuple != nil:
			case isa > 0 && has == 0 && other == 0:
				p.dropRule(c, r, st, fmt.Sprintf("2.x rules cannot conclude a type. Give %s a relation or an attribute that says it (an is-%s flag set by the rule, say), or insert the fact with a match-insert query after loading.", st.Var, isaType),
					"it concludes only %s isa %s", st.Var, isaType)
			case st.Value != nil || other > 0 || has == 0 || st.Var == nil:
				p.dropRule(c, r, st, "A 2.x rule concludes exactly one has or one relation.", "its conclusion is neither an attribute ownership nor a relation")
			case has > 1 || isa > 0:
				p.dropRule(c, r, st, "A 2.x rule concludes exactly one attribute ownership. Split it into one rule per attribute.", "its conclusion holds %d constraints", len(st.Props))
			}
		})
	},
}

var thenRelation = &Rule{
	Name: "then-relation",
	Refs: "34",
	Doc: `a concluded relation has explicit roles and no variable

	then { $r (friend: $x, friend: $y) isa friendship; }   →   then { (friend: $x, friend: $y) isa friendship; }
	then { ($x, $y) isa siblingship; }                     →   then { (sibling: $x, sibling: $y) isa siblingship; }

The relation variable is rejected from TypeDB 2.24 and useless before. A
player without a role gets the relation's only role; with several roles it
is rejected from 2.12, so the rule is dropped (before 2.12 it is kept and
reported). Attributes on the concluded relation are a second conclusion,
which 2.x rejects: they are removed and reported.`,
	Apply: func(p *Pass) {
		m := p.Current()
		p.eachRule(func(r *grammar.RuleStmt, c *Cursor[grammar.Stmt]) {
			st := thenStmt(r)
			if st == nil || st.Tuple == nil {
				return
			}
			var isa *grammar.IsaProp
			var keep []grammar.Prop
			for _, pr := range st.Props {
				if i, ok := pr.(*grammar.IsaProp); ok && isa == nil {
					isa = i
					keep = append(keep, pr)
					continue
				}
				if h, ok := pr.(*grammar.HasValueProp); ok && h.Attr != nil {
					p.Report(pr, diag.Lost, "has %s removed from the relation that rule %s concludes", h.Attr, r.Label.Name).
						Detail = "A 2.x rule concludes one thing. Add a second rule whose when matches the concluded relation and whose then gives it the attribute."
				} else {
					p.Report(pr, diag.Lost, "%s removed from the relation that rule %s concludes", propKeyword(pr), r.Label.Name).
						Detail = "A 2.x rule concludes one relation with its isa and nothing else."
				}
			}
			st.Props = keep
			if isa == nil || isa.Type.Var {
				p.dropRule(c, r, st, "A concluded relation needs its relation type (isa T).", "its concluded relation has no relation type")
				return
			}
			rel := isa.Type.String()
			if st.Var != nil {
				p.Report(st.Var, diag.Translated, "relation variable %s removed from the then of rule %s", st.Var, r.Label.Name)
				st.Var = nil
			}
			for _, pl := range st.Tuple.Players {
				if pl.Role != nil {
					continue
				}
				var roles []string
				if t := m.Type(rel); t != nil {
					for _, rt := range t.Roles() {
						roles = append(roles, rt.Label)
					}
				}
				if len(roles) == 1 {
					pl.Role = &grammar.TypeRef{NamePos: pl.Player.NamePos, Name: roles[0]}
					p.Report(pl.Player, diag.Translated, "role %s filled in for %s: it is the only role of %s", roles[0], pl.Player, rel)
					continue
				}
				if p.Opts.Target.Before("2.12") {
					p.note(pl.Player, diag.Approximated, "%s keeps no role in the relation rule %s concludes", pl.Player, r.Label.Name).
						Detail = fmt.Sprintf("%s has %d roles, so the role cannot be guessed. TypeDB 2.0–2.11 accept it; from 2.12 every role in a then must be given (INVALID_RULE_THEN_ROLES).", rel, len(roles))
					continue
				}
				p.dropRule(c, r, pl.Player, fmt.Sprintf("From TypeDB 2.12 every role in a then must be given, and %s has %d roles (%s). Write the rule again with the role.", rel, len(roles), strings.Join(roles, ", ")),
					"%s has no role in the concluded %s", pl.Player, rel)
				return
			}
		})
	},
}

// varTypes returns, for each variable bound by a top-level statement of b
// (outside negations and disjunctions), the type labels it is bound to: by
// "isa T", or as the attribute in "has A $v".
func varTypes(b *grammar.Block) map[string][]string {
	out := map[string][]string{}
	add := func(v, t string) {
		for _, x := range out[v] {
			if x == t {
				return
			}
		}
		out[v] = append(out[v], t)
	}
	eachTopStatement(b, func(st *grammar.PatternStmt) {
		for _, pr := range st.Props {
			switch pr := pr.(type) {
			case *grammar.IsaProp:
				if st.Var != nil && !pr.Type.Var {
					add(st.Var.Name, pr.Type.String())
				}
			case *grammar.HasValueProp:
				if pr.Var != nil && pr.Attr != nil && !pr.Attr.Var {
					add(pr.Var.Name, pr.Attr.String())
				}
			}
		}
	})
	return out
}

// eachTopStatement calls f for the statements of b's top-level conjunction
// (nested braces included, negations and disjunctions not).
func eachTopStatement(b *grammar.Block, f func(st *grammar.PatternStmt)) {
	if b == nil {
		return
	}
	for _, pt := range b.Patterns {
		switch pt := pt.(type) {
		case *grammar.PatternStmt:
			f(pt)
		case *grammar.Conjunction:
			eachTopStatement(pt.Body, f)
		}
	}
}

// isSubtypeLabel reports whether type label t is label u or a subtype of it.
func isSubtypeLabel(m *schema.Model, t, u string) bool {
	if t == u {
		return true
	}
	tt, ut := m.Type(t), m.Type(u)
	return tt != nil && ut != nil && tt.IsSubtypeOf(ut)
}

var thenHasVariable = &Rule{
	Name: "then-has-variable",
	Refs: "32, 33",
	Doc: `a concluded has names its attribute once

	when { …; $p has age $a; } then { $c has age $a; }
	    →   when { …; $p has age $a; } then { $c has $a; }
	when { $x has name $n; } then { $x has nickname $n; }
	    →   when { $x has name $n; ?v = $n; } then { $x has nickname ?v; }   (2.18+)

2.x rejects "has TYPE $var" in a then. When $var is already that type (or
a subtype) the type goes. A copy into another attribute type needs a value
variable (TypeDB 2.18+); before 2.18 the rule has no 2.x form and is
dropped. Constants ("has nickname \"x\"") are unchanged (rule 33).`,
	Apply: func(p *Pass) {
		m := p.Current()
		p.eachRule(func(r *grammar.RuleStmt, c *Cursor[grammar.Stmt]) {
			st := thenStmt(r)
			if st == nil || len(st.Props) != 1 {
				return
			}
			h, ok := st.Props[0].(*grammar.HasValueProp)
			if !ok || h.Attr == nil || h.Attr.Var || h.Var == nil || h.Var.Value || h.Pred != nil {
				return
			}
			attr, v := h.Attr.String(), h.Var.Name
			bound := varTypes(r.When)[v]
			for _, b := range bound {
				if isSubtypeLabel(m, b, attr) {
					h.Attr = nil
					p.Report(h, diag.Translated, "has %s %s written as has %s: %s is already %s", attr, h.Var, h.Var, h.Var, article(attr))
					return
				}
			}
			if len(bound) == 0 {
				if !schema.TrunkVars(r.When)["$"+v] {
					return // unbound: then-variables drops the rule
				}
				h.Attr = nil
				isa := &grammar.PatternStmt{Var: &grammar.Var{NamePos: h.Var.NamePos, Name: v}, Props: []grammar.Prop{&grammar.IsaProp{Isa: h.Has, Type: &grammar.TypeRef{NamePos: h.Has, Name: attr}}}, Semi: r.Then.Lbrace}
				r.When.Patterns = append(r.When.Patterns, isa)
				p.Report(h, diag.Approximated, "has %s %s written as has %s, with %s isa %s added to the when", attr, h.Var, h.Var, h.Var, attr).
					Detail = fmt.Sprintf("The when did not say what %s is, and 2.x rejects has TYPE $var in a then. The rule now fires only where %s is %s.", h.Var, h.Var, article(attr))
				return
			}
			from := strings.Join(bound, "/")
			if p.Opts.Target.Before("2.18") {
				p.dropRule(c, r, h, fmt.Sprintf("1.x copied the value of %s %s into a new %s. TypeDB 2.0–2.17 cannot: target 2.18 or later (value variables), or keep one attribute type.", from, h.Var, attr),
					"it copies a %s value into %s, which needs TypeDB 2.18", from, attr)
				return
			}
			name := freshValueVar(r)
			val := &grammar.Var{NamePos: h.Var.NamePos, Name: name, Value: true}
			assign := &grammar.PatternStmt{Var: val, Value: &grammar.Predicate{OpPos: h.Var.NamePos, Op: "=", Operand: &grammar.Var{NamePos: h.Var.NamePos, Name: v}}, Semi: r.Then.Lbrace}
			r.When.Patterns = append(r.When.Patterns, assign)
			h.Var = &grammar.Var{NamePos: h.Var.NamePos, Name: name, Value: true}
			d := p.Report(h, diag.Translated, "value copy from %s into %s written with value variable %s", from, attr, val)
			if ft, at := valueTypeOf(m, bound[0]), valueTypeOf(m, attr); ft != "" && at != "" && ft != at {
				d.Class, d.Severity = diag.Approximated, diag.Warning
				d.Detail = fmt.Sprintf("%s holds %s values and %s holds %s values; check that TypeDB converts them as 1.x did.", from, ft, attr, at)
			}
		})
	},
}

func valueTypeOf(m *schema.Model, label string) string {
	if t := m.Type(label); t != nil {
		v, _ := t.ValueType()
		return v
	}
	return ""
}

func article(label string) string {
	if label != "" && strings.ContainsRune("aeiou", rune(label[0])) {
		return "an " + label
	}
	return "a " + label
}

// freshValueVar returns a name for a value variable used nowhere in r:
// "v", else "v2", "v3"…
func freshValueVar(r *grammar.RuleStmt) string {
	used := map[string]bool{}
	for _, b := range []*grammar.Block{r.When, r.Then} {
		for v := range schema.BlockVars(b) {
			used[v[1:]] = true // "$v" and "?v" may not share a name
		}
	}
	name := "v"
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("v%d", i)
	}
	return name
}

var thenVariables = &Rule{
	Name: "then-variables",
	Refs: "36",
	Doc: `every variable a then uses is bound in the when

	when { $x isa person; not { $y isa dog; }; } then { $x has owner $y; }
	    →   (dropped and reported: $y is bound only inside the negation)

2.x (from 2.14, in the top-level conjunction of the when) and 1.x both
require it; a rule that breaks it never loaded and has no 2.x form.`,
	Apply: func(p *Pass) {
		p.eachRule(func(r *grammar.RuleStmt, c *Cursor[grammar.Stmt]) {
			bound := schema.TrunkVars(r.When)
			var missing []string
			for v := range schema.BlockVars(r.Then) {
				if !bound[v] {
					missing = append(missing, v)
				}
			}
			if len(missing) == 0 {
				return
			}
			sort.Strings(missing)
			p.dropRule(c, r, r.Then, "Every variable of a then must be bound by the top level of the when (not only inside not or or). Bind it there, or remove it from the conclusion.",
				"%s in its then %s not bound in the top level of its when", strings.Join(missing, ", "), isAre(len(missing)))
		})
	},
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
