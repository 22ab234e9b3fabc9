package rewrite

import (
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

var redundantInherited = &Rule{
	Name: "redundant-inherited",
	Refs: "17",
	Doc: `owns and plays a supertype already gives are dropped

	person sub entity, has name, plays friend;   →   person sub entity, owns name, plays friend;
	student sub person, has name, plays friend;  →   student sub person;

2.x rejects re-declaring an inherited ownership (TYW18/19) or played role
(TYW24); 1.x accepted it and meant the same. A key on the subtype over an
inherited plain ownership is kept (2.x allows specialising it); a plain
ownership under an inherited key is dropped, since the key is inherited.
Ownerships, roles and abstract repeated for one type (1.x took a repeat
as a no-op; 2.x refuses "abstract" twice in a statement) are merged. Inherited relates are left to the role rules (reference rule 21).`,
	Apply: func(p *Pass) {
		m := p.Current()
		// Played roles, still unscoped 1.x roles here, by type label.
		plays := map[string]map[string]bool{}
		for _, s := range p.Schema.Stmts {
			if ts, ok := s.(*grammar.TypeStmt); ok && ts.Subject != nil {
				for _, pr := range ts.Props {
					if pl, ok := pr.(*grammar.PlaysProp); ok && !pl.Role.Var {
						if plays[ts.Subject.Name] == nil {
							plays[ts.Subject.Name] = map[string]bool{}
						}
						plays[ts.Subject.Name][pl.Role.String()] = true
					}
				}
			}
		}
		seen := map[string]bool{} // "label owns A" / "label plays R" already kept
		p.EachProp(func(s *grammar.TypeStmt, c *Cursor[grammar.Prop]) {
			if s.Subject == nil || s.Subject.Var {
				return
			}
			t := m.Type(s.Subject.Name)
			if t == nil {
				return
			}
			switch pr := c.Node().(type) {
			case *grammar.AbstractProp:
				key := s.Subject.Name + " abstract"
				if seen[key] {
					c.Delete()
					p.Report(pr, diag.Translated, "repeated abstract of %s merged", s.Subject.Name)
				}
				seen[key] = true
			case *grammar.OwnsProp:
				if pr.Attr.Var || pr.As != nil {
					return
				}
				key := s.Subject.Name + " owns " + pr.Attr.Name
				if seen[key] {
					c.Delete()
					p.Report(pr, diag.Translated, "repeated %s owns %s merged", s.Subject.Name, pr.Attr.Name)
					return
				}
				seen[key] = true
				if from, inh := inheritedOwns(t, pr.Attr.Name); inh != nil && (inh.Key || !hasAnnot(pr, "key")) {
					c.Delete()
					p.Report(pr, diag.Translated, "%s owns %s dropped: inherited from %s", s.Subject.Name, pr.Attr.Name, from.Label)
				}
			case *grammar.PlaysProp:
				if pr.Role.Var || pr.As != nil {
					return
				}
				key := s.Subject.Name + " plays " + pr.Role.String()
				if seen[key] {
					c.Delete()
					p.Report(pr, diag.Translated, "repeated %s plays %s merged", s.Subject.Name, pr.Role)
					return
				}
				seen[key] = true
				for _, sup := range t.Supertypes() {
					if sup.IsRoot() {
						break
					}
					if plays[sup.Label][pr.Role.String()] {
						c.Delete()
						p.Report(pr, diag.Translated, "%s plays %s dropped: inherited from %s", s.Subject.Name, pr.Role, sup.Label)
						return
					}
				}
			}
		})
	},
}

// inheritedOwns returns the nearest supertype of t that declares an
// ownership of attr, and that ownership.
func inheritedOwns(t *schema.Type, attr string) (*schema.Type, *schema.Owns) {
	for _, s := range t.Supertypes() {
		for _, o := range s.Owns {
			if o.Attr == attr {
				return s, o
			}
		}
	}
	return nil, nil
}
