package rewrite

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// Section D: roles. 1.x roles are global schema concepts that any relation
// may relate and that sub-relations do not inherit; 2.x roles belong to the
// relation that declares them and are inherited. The decisions are made
// once, in roleplan.go; these rules apply them to the tree.

var roleDeclarations = &Rule{
	Name: "role-declarations",
	Refs: "19",
	Doc: `standalone role declarations are dropped

	guardian sub role;                 →   (dropped)
	legal-guardian sub guardian;       →   (dropped; see relates-inheritance)
	guardianship sub relation,         →   guardianship sub relation,
	    relates guardian;                      relates guardian;

2.x declares roles only with relates inside a relation. A role hierarchy
given by "R sub S" becomes "relates R as S" where the relation hierarchy
allows it (rule 21). Role abstractness has no 2.x form and is dropped; a
role that no relation relates cannot exist in 2.x (its plays go too).`,
	Apply: func(p *Pass) {
		m := p.Model()
		if m == nil || m.Lang != schema.Graql1 {
			return
		}
		p.EachTypeStmt(func(s *grammar.TypeStmt, c *Cursor[grammar.Stmt]) {
			t := roleTypeOf(m, s.Subject)
			if t == nil {
				return
			}
			var super string
			abstract := false
			for _, pr := range s.Props {
				switch pr := pr.(type) {
				case *grammar.SubProp:
					super = pr.Type.String()
				case *grammar.AbstractProp:
					abstract = true
				}
			}
			c.Delete()
			name := s.Subject.Name
			if len(m.RelationsRelating(t)) == 0 {
				p.Report(s.Subject, diag.Lost, "role %s dropped: no relation relates it, and a 2.x role exists only inside a relation", name).
					Detail = fmt.Sprintf("Its plays declarations are dropped too. If the role is needed, add \"relates %s\" to the relation that should hold it.", name)
			} else if super != "" && super != "role" {
				p.Report(s.Subject, diag.Translated, "standalone declaration of role %s dropped; its place under %s is kept by relates … as … where a supertype relation relates %s", name, super, super)
			} else {
				p.Report(s.Subject, diag.Translated, "standalone declaration of role %s dropped: 2.x declares roles with relates", name)
			}
			if abstract {
				p.Report(s.Subject, diag.Approximated, "abstract role %s is no longer abstract", name).
					Detail = "2.x has no abstract roles of its own (before 2.22 a role is abstract exactly when its relation is). Nothing now stops data from using the role directly."
			}
		})
	},
}

// roleTypeOf returns the 1.x role that a type statement's subject names,
// or nil when it names something else.
func roleTypeOf(m *schema.Model, ref *grammar.TypeRef) *schema.Type {
	if ref == nil || ref.Var || ref.Scope != "" {
		return nil
	}
	t := m.Type(ref.Name)
	if t == nil || t.IsRoot() || t.IsImplicit() || t.Kind() != concept.Role {
		return nil
	}
	return t
}

var relatesInheritance = &Rule{
	Name: "relates-inheritance",
	Refs: "20, 21",
	Doc: `relates follows 2.x role inheritance and overriding

	marriage sub relation, relates spouse;      →   (unchanged)
	arranged-marriage sub marriage,             →   arranged-marriage sub marriage;
	    relates spouse;
	court-guardianship sub guardianship,        →   court-guardianship sub guardianship,
	    relates legal-guardian, relates ward;           relates legal-guardian as guardian;
	    (legal-guardian sub guardian;)

Sub-relations inherit roles in 2.x, and re-declaring an inherited role is
TYW28, so such relates are dropped. A role whose 1.x hierarchy (relates R as
S, R sub S) reaches a role the supertype relation has overrides it; with no
such role the hierarchy is lost and reported. A role name a supertype
declared and then overrode is renamed. For TypeDB before 2.22, where an
abstract relation's roles are abstract, a concrete sub-relation's new roles
override the inherited abstract ones one to one (reported), and a role that
sub-relations re-relate by name moves out of the abstract relation.`,
	Apply: func(p *Pass) {
		rp := p.rolePlan()
		if rp == nil {
			return
		}
		seen := map[string]bool{}
		reported := map[*relatesPlan]bool{}
		p.EachProp(func(s *grammar.TypeStmt, c *Cursor[grammar.Prop]) {
			rel, ok := c.Node().(*grammar.RelatesProp)
			if !ok || rel.Role.Var || rel.Role.Scope != "" || s.Subject == nil {
				return
			}
			r := rp.rels[s.Subject.Name]
			if r == nil {
				return
			}
			role := rel.Role.Name
			pl := r.relates[role]
			if pl == nil {
				return
			}
			key := r.label() + ":" + role
			if seen[key] {
				c.Delete()
				p.Report(rel, diag.Translated, "repeated relates %s dropped from %s", role, r.label())
				return
			}
			seen[key] = true
			if pl.drop {
				c.Delete()
			} else if d := pl.decl; d.as == "" && rel.As != nil {
				rel.As = nil
				p.MarkChanged()
			} else if d.as != "" && (rel.As == nil || rel.As.Name != d.as || rel.As.Scope != "") {
				rel.As = &grammar.TypeRef{Name: d.as}
				p.MarkChanged()
			}
			if reported[pl] {
				return
			}
			reported[pl] = true
			for _, n := range pl.reports {
				var at grammar.Node = rel
				if n.onStatement {
					at = s.Subject
				}
				if n.renameTo != "" {
					p.Rename(rel.Role, key, r.label()+":"+n.renameTo, n.msg)
					continue
				}
				p.Report(at, n.class, "%s", n.msg).Detail = n.detail
			}
		})
	},
}

var playsScoped = &Rule{
	Name: "plays-scoped",
	Refs: "22",
	Doc: `plays names the relation that declares the role

	person sub entity,           →   person sub entity,
	    plays spouse;                    plays marriage:spouse,
	                                     plays civil-partnership:spouse;

A player of a 1.x role may play it in every relation that relates it, so
"plays R" becomes one "plays REL:R" for each relation whose 2.x definition
declares R (sub-relations that inherit REL:R need no entry). A plays that a
supertype already has is dropped (TYW24); a role no relation relates is
dropped and reported. Before TypeDB 2.22 a concrete type cannot play a role
of an abstract relation (TYW25): it plays the roles that override it in
concrete sub-relations instead.`,
	Apply: func(p *Pass) {
		rp := p.rolePlan()
		if rp == nil {
			return
		}
		m := rp.m
		cur := p.Current()
		emitted := map[string]map[string]bool{}
		p.EachProp(func(s *grammar.TypeStmt, c *Cursor[grammar.Prop]) {
			pl, ok := c.Node().(*grammar.PlaysProp)
			if !ok || pl.Role.Var || pl.Role.Scope != "" || strings.HasPrefix(pl.Role.Name, "@") || s.Subject == nil || s.Subject.Var {
				return
			}
			player, role := s.Subject.Name, pl.Role.Name
			t := m.Type(player)
			if t != nil {
				for _, sup := range t.Supertypes() {
					if sup.IsRoot() {
						break
					}
					if !onCurrentChain(cur, player, sup.Label) {
						continue // section C moved the type (attribute-value-types)
					}
					for _, q := range sup.Plays {
						if q.Role == role {
							c.Delete()
							p.Report(pl, diag.Translated, "plays %s dropped from %s: it inherits it from %s (TYW24)", role, player, sup.Label)
							return
						}
					}
				}
			}
			if len(rp.decl[role]) == 0 {
				c.Delete()
				p.Report(pl, diag.Lost, "plays %s dropped from %s: no relation relates %s", role, player, role).
					Detail = fmt.Sprintf("A 2.x role exists only inside a relation. Add \"relates %s\" to the relation it belongs to and \"plays REL:%s\" to %s.", role, role, player)
				return
			}
			out, routed, lost := rp.playedRoles(role, t == nil || !t.IsAbstract())
			via := map[*roleDecl]bool{}
			for _, d := range routed {
				for _, o := range rp.overriders(d, map[*roleDecl]bool{}) {
					via[o] = true
				}
			}
			if emitted[player] == nil {
				emitted[player] = map[string]bool{}
			}
			var props []grammar.Prop
			var names []string
			for _, d := range out {
				ref := scopedRole(d)
				if emitted[player][ref.String()] {
					continue
				}
				emitted[player][ref.String()] = true
				props = append(props, &grammar.PlaysProp{Plays: pl.Plays, Role: ref})
				if !via[d] {
					names = append(names, "plays "+ref.String())
				}
			}
			for _, d := range routed {
				var to []string
				for _, o := range rp.overriders(d, map[*roleDecl]bool{}) {
					to = append(to, o.rel.label()+":"+o.name)
				}
				p.Report(pl, diag.Approximated, "%s plays %s instead of the role %s:%s of abstract relation %s", player, strings.Join(to, ", "), d.rel.label(), d.name, d.rel.label()).
					Detail = fmt.Sprintf("Before TypeDB 2.22 a concrete type cannot play a role of an abstract relation (TYW25). %s had no instances in 1.x, so %s plays the roles that override %s in its concrete sub-relations. Target TypeDB 2.22 or later to keep plays %s:%s.", d.rel.label(), player, d.name, d.rel.label(), d.name)
			}
			for _, d := range lost {
				p.Report(pl, diag.Lost, "plays %s:%s dropped from concrete %s: the role of abstract relation %s is abstract before TypeDB 2.22 (TYW25)", d.rel.label(), d.name, player, d.rel.label()).
					Detail = fmt.Sprintf("No concrete sub-relation of %s overrides %s. Target TypeDB 2.22 or later, make %s abstract, or add a concrete sub-relation that overrides the role.", d.rel.label(), d.name, player)
			}
			if len(props) == 0 {
				c.Delete()
				if len(lost) == 0 {
					p.Report(pl, diag.Translated, "repeated plays %s dropped from %s", role, player)
				}
				return
			}
			c.Replace(props[0])
			for _, n := range props[1:] {
				c.InsertAfter(n)
			}
			if len(names) == 0 {
				return // routed only, reported above
			}
			msg := fmt.Sprintf("plays %s written as %s", role, strings.Join(names, ", "))
			if len(names) > 1 {
				msg += fmt.Sprintf(" (%d relations declare %s)", len(names), role)
			}
			p.Report(pl, diag.Translated, "%s", msg)
		})
	},
}

var rolePatterns = &Rule{
	Name: "role-patterns",
	Refs: "23",
	Doc: `role labels in rule type statements are scoped

	$t plays spouse;      →   $t plays marriage:spouse;
	$r sub spouse;        →   $r sub marriage:spouse;
	$t plays partner;     →   { $t plays a:partner; } or { $t plays b:partner; };

Role labels in relation tuples ((spouse: $x)) and in "$rel relates spouse"
stay unscoped: the relation type resolves them. A role that several
relations declare becomes a disjunction where the target allows one in a
rule (2.14+, not inside a negation); otherwise the first relation is used
and the change reported.`,
	Apply: func(p *Pass) {
		rp := p.rolePlan()
		if rp == nil {
			return
		}
		m := rp.m
		var drop []grammar.Stmt
		p.RuleBodies(func(label string, s grammar.Stmt, b *grammar.Block, _ bool) {
			eachPatternIn(b, false, func(blk *grammar.Block, i int, negated bool) {
				st, ok := blk.Patterns[i].(*grammar.PatternStmt)
				if !ok {
					return
				}
				for _, pr := range st.Props {
					var ref *grammar.TypeRef
					switch pr := pr.(type) {
					case *grammar.PlaysProp:
						ref = pr.Role
						if ref.Var || ref.Scope != "" || strings.HasPrefix(ref.Name, "@") {
							continue
						}
					case *grammar.SubProp:
						ref = pr.Type
					case *grammar.TypeProp:
						ref = pr.Label
					default:
						continue
					}
					if _, isPlays := pr.(*grammar.PlaysProp); !isPlays && roleTypeOf(m, ref) == nil {
						continue
					}
					decls := rp.decl[ref.Name]
					if len(decls) == 0 {
						drop = append(drop, s)
						p.Report(ref, diag.Lost, "rule %s dropped: it names role %s, which no relation relates", label, ref.Name).
							Detail = "A 2.x role exists only inside a relation, so the pattern has no 2.x form. Rewrite the rule by hand."
						return
					}
					old := ref.Name
					if len(decls) > 1 && len(st.Props) == 1 && st.Var != nil && !negated && !p.Opts.Target.Before("2.14") {
						if _, isPlays := pr.(*grammar.PlaysProp); isPlays {
							d := &grammar.Disjunction{Trivia: st.Trivia, Semi: st.Semi}
							var names []string
							for _, dc := range decls {
								v := *st.Var
								alt := &grammar.PatternStmt{Var: &v, Props: []grammar.Prop{&grammar.PlaysProp{Role: scopedRole(dc)}}}
								d.Alts = append(d.Alts, &grammar.Block{Patterns: []grammar.Pattern{alt}})
								names = append(names, scopedRole(dc).String())
							}
							blk.Patterns[i] = d
							p.Report(pr, diag.Translated, "plays %s written as a disjunction over %s", old, strings.Join(names, ", "))
							return
						}
					}
					*ref = *scopedRole(decls[0])
					if len(decls) == 1 {
						p.Report(pr, diag.Translated, "role %s written as %s", old, ref)
						continue
					}
					var others []string
					for _, dc := range decls[1:] {
						others = append(others, scopedRole(dc).String())
					}
					p.Report(pr, diag.Approximated, "role %s written as %s only", old, ref).
						Detail = fmt.Sprintf("%s is declared by several relations; the pattern now ignores %s. A disjunction would keep them all, but not here (TypeDB before 2.14, inside a negation, or next to other constraints).", old, strings.Join(others, ", "))
				}
			})
		})
		for _, s := range drop {
			p.DeleteStmt(s)
		}
	},
}

// eachPatternIn calls f for every pattern of b and of the blocks nested in
// it, with the block holding it, its index and whether it sits inside a
// negation. f may replace blk.Patterns[i].
func eachPatternIn(b *grammar.Block, negated bool, f func(blk *grammar.Block, i int, negated bool)) {
	if b == nil {
		return
	}
	for i := 0; i < len(b.Patterns); i++ {
		switch pt := b.Patterns[i].(type) {
		case *grammar.Conjunction:
			eachPatternIn(pt.Body, negated, f)
		case *grammar.Disjunction:
			for _, alt := range pt.Alts {
				eachPatternIn(alt, negated, f)
			}
		case *grammar.Negation:
			eachPatternIn(pt.Body, true, f)
		}
		f(b, i, negated)
	}
}

// note reports a problem a rule leaves in place: nothing in the tree
// changes, so running the rule again reports it again without counting as
// a change (the idempotence check).
func (p *Pass) note(n grammar.Node, class diag.Class, format string, args ...any) *diag.Diagnostic {
	was := p.changed
	d := p.Report(n, class, format, args...)
	p.changed = was
	return d
}

// onCurrentChain reports whether super is still a supertype of label in
// the tree as section C left it (m is Pass.Current).
func onCurrentChain(m *schema.Model, label, super string) bool {
	t := m.Type(label)
	if t == nil {
		return true
	}
	for _, s := range t.Supertypes() {
		if s.Label == super {
			return true
		}
	}
	return false
}
