package rewrite

import (
	"fmt"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

var defineInstances = &Rule{
	Name: "define-instances",
	Refs: "39",
	Doc: `statements about instances are removed from the define

	define $p isa person;                  →   (removed: insert it with a data query)
	define $p has name "Nessie";           →   (removed)

A define names types; "isa", a thing's "has A value" and "id" describe
instances, which Grakn 1.8 refused in a define (graknlabs/behaviour@bef5664
define.feature, "attempt to define a thing with 'isa' throws") and a
TypeQL 2.x define cannot even spell (typedb/typeql@2.28.6:grammar/
TypeQL.g4, definable: statement_type or schema_rule). Printed, the
statement would make the output unreadable as 2.x, so it goes, reported
lost: insert the instance with a data query once the schema is loaded.`,
	Apply: func(p *Pass) {
		for _, s := range append([]grammar.Stmt(nil), p.Schema.Stmts...) {
			ts, ok := s.(*grammar.TypeStmt)
			if !ok || ts.Subject == nil {
				continue
			}
			what := ""
			for _, pr := range ts.Props {
				what = instanceProp(pr)
				if what != "" {
					break
				}
			}
			if what == "" {
				continue
			}
			p.DeleteStmt(ts)
			p.Report(ts, diag.Lost, "statement about an instance (%s) removed from the define: 2.x defines only types", what).
				Detail = fmt.Sprintf("%s names an instance, not a type. Insert it with a data query (insert %s …;) once the schema is loaded.", ts.Subject, ts.Subject)
		}
	},
}

// instanceProp names pr when it describes an instance: "isa", "has" (with
// a value) or "id"; "" otherwise.
func instanceProp(pr grammar.Prop) string {
	switch pr.(type) {
	case *grammar.IsaProp:
		return "isa"
	case *grammar.HasValueProp:
		return "has"
	case *grammar.IDProp:
		return "id"
	}
	return ""
}
