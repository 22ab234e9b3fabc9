package rewrite

import (
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

var hasToOwns = &Rule{
	Name: "has-to-owns",
	Refs: "12",
	Doc: `type-level has becomes owns

	person sub entity, has name;   →   person sub entity, owns name;

Thing-level has in rule bodies ($x has name $n) is unchanged.`,
	Apply: func(p *Pass) {
		p.EachProp(func(s *grammar.TypeStmt, c *Cursor[grammar.Prop]) {
			h, ok := c.Node().(*grammar.HasProp)
			if !ok {
				return
			}
			c.Replace(&grammar.OwnsProp{Owns: h.Has, Attr: h.Attr})
			p.Report(h, diag.Translated, "%s has %s written as owns", s.Subject.Name, h.Attr.Name)
		})
	},
}
