package rewrite

import (
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

var datatypeToValue = &Rule{
	Name: "datatype-to-value",
	Refs: "9",
	Doc: `datatype becomes value

	name sub attribute, datatype string;   →   name sub attribute, value string;`,
	Apply: func(p *Pass) {
		p.EachProp(func(s *grammar.TypeStmt, c *Cursor[grammar.Prop]) {
			if v, ok := c.Node().(*grammar.ValueTypeProp); ok && v.Legacy {
				v.Legacy = false
				p.Report(v, diag.Translated, "datatype %s written as value %s", v.Type, v.Type)
			}
		})
	},
}

var dateToDatetime = &Rule{
	Name: "date-to-datetime",
	Refs: "10",
	Doc: `value type date becomes datetime

	born sub attribute, datatype date;   →   born sub attribute, value datetime;

Both are Java LocalDateTime values, so data carries over unchanged.`,
	Apply: func(p *Pass) {
		p.EachProp(func(s *grammar.TypeStmt, c *Cursor[grammar.Prop]) {
			if v, ok := c.Node().(*grammar.ValueTypeProp); ok && v.Type == "date" {
				v.Type = "datetime"
				p.Report(v, diag.Translated, "value type date of %s written as datetime", s.Subject.Name)
			}
		})
	},
}
