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
Two different supertypes in one query are left for the checks to report.`,
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
