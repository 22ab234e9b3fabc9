package rewrite

import (
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

var supertypeRedefined = &Rule{
	Name: "supertype-redefined",
	Refs: "39",
	Doc: `a later define's supertype replaces an earlier one's

	define genius sub person;            →   define genius sub apple-product;
	define genius sub apple-product;

Loaded in order (console -f a -f b), a define query that gives a type
another supertype moves the type there; Grakn 1.8 did so
(graknlabs/behaviour@bef5664 define.feature, "define new sub on entity
type changes its supertype"). Convert merges the define queries into one,
where two supertypes for one type conflict, so the earlier "sub" goes.
Two different supertypes in one query, and a move to another kind (or
under a type not defined), are left for the checks to report.`,
	Apply: func(p *Pass) {
		type sub struct {
			stmt *grammar.TypeStmt
			prop *grammar.SubProp
		}
		subs := map[string][]sub{}
		var labels []string
		for _, s := range p.Schema.Stmts {
			ts, ok := s.(*grammar.TypeStmt)
			if !ok || ts.Subject == nil || ts.Subject.Var {
				continue
			}
			for _, pr := range ts.Props {
				if sp, ok := pr.(*grammar.SubProp); ok && sp.Type != nil && !sp.Type.Var {
					if subs[ts.Subject.Name] == nil {
						labels = append(labels, ts.Subject.Name)
					}
					subs[ts.Subject.Name] = append(subs[ts.Subject.Name], sub{ts, sp})
				}
			}
		}
		// root follows the last sub of each label to a root type, "" when
		// it ends at an undefined label or a cycle.
		root := func(l string) string {
			for seen := map[string]bool{}; !seen[l]; {
				seen[l] = true
				if subRoots[l] {
					return l
				}
				ss := subs[l]
				if len(ss) == 0 {
					return ""
				}
				l = ss[len(ss)-1].prop.Type.Name
			}
			return ""
		}
		for _, l := range labels {
			ss := subs[l]
			last := ss[len(ss)-1]
			moved := false
			for _, e := range ss {
				moved = moved || e.prop.Type.Name != last.prop.Type.Name && p.conv.defineOf[e.stmt] < p.conv.defineOf[last.stmt]
			}
			if !moved {
				continue
			}
			// A move to another kind (entity to relation, say) is refused
			// by 1.x and 2.x alike: leave both subs for the checks.
			want := root(last.prop.Type.Name)
			other := want == ""
			for _, e := range ss[:len(ss)-1] {
				other = other || root(e.prop.Type.Name) != want
			}
			if other {
				continue
			}
			for _, e := range ss[:len(ss)-1] {
				if p.conv.defineOf[e.stmt] == p.conv.defineOf[last.stmt] {
					continue
				}
				p.DeleteProp(e.stmt, e.prop)
				if e.prop.Type.Name == last.prop.Type.Name {
					p.Report(e.prop, diag.Translated, "%s sub %s dropped: a later define query gives it again, after moving %s elsewhere", l, e.prop.Type.Name, l)
					continue
				}
				p.Report(e.prop, diag.Translated, "%s sub %s dropped: the last define query to give %s a supertype makes it sub %s", l, e.prop.Type.Name, l, last.prop.Type.Name)
			}
		}
	},
}

// subRoots are the root labels a 1.x sub can end at.
var subRoots = map[string]bool{"entity": true, "relation": true, "relationship": true, "attribute": true, "role": true, "rule": true, "thing": true}
