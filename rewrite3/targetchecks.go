package rewrite3

import (
	"bytes"
	"fmt"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/validate"
)

var targetChecks3 = &Rule{
	Name: "target-checks-3",
	Doc: `the 3.x output passes vet --to 3 or says what it left

	entity sensor owns reading @key;   (reading value double)
	→ reported lost: TypeDB 3.x refuses @key on a double

After every other rule, convert prints its output as TypeQL 3.x, reads it
back and runs the checks of 'tqlmig vet --to 3' on it, as the 2.x
targets' target-checks rule does. Rules repair what they can
(abstract-under-concrete, inherited-capability, inherited-value-type);
every finding left is reported lost at its statement with the server
error it avoids, to finish by hand, so the output is never called exact
while TypeDB 3.x would refuse it.`,
	Apply: func(p *Pass) {
		var b bytes.Buffer
		if err := format.Print(&b, rewrite.Assemble(p.Schema, nil, nil), format.WithLang(3)); err != nil {
			return // convert reports what the printer refuses
		}
		out, pd := grammar.Parse("converted.tql", b.Bytes())
		if pd.HasErrors() {
			p.Note(p.Schema, diag.Lost, "the output does not read back as TypeQL 3.x (%s), so the 3.x checks did not run on it", pd.Errors()[0].Message).
				Detail = "This is a fault of convert, not of the schema: please report it with the input. Check the output by hand before loading it."
			return
		}
		_, vd := validate.Vet3(out)
		seen := map[string]bool{}
		for _, d := range vd.Errors() {
			key := d.Code + "|" + d.Message
			at := p.stmtNear(out, d)
			if !seen[key] && !p.conv.ReportedLost(at) { // an earlier rule said what it could not convert here
				seen[key] = true
				p.Note(at, diag.Lost, "the output still fails the 3.x check %s: %s", d.Code, d.Message).
					Detail = fmt.Sprintf("TypeDB 3.x would refuse the define (%s). No rule of convert repairs this; change the schema by hand (tqlmig explain %s).", source3(d.Code), d.Code)
			}
		}
	},
}

// source3 is the upstream source of a 3.x check's code.
func source3(code string) string {
	if c := validate.Lookup3(code); c != nil && c.Source != "" {
		return c.Source
	}
	return "see tqlmig explain " + code
}

// stmtNear returns the statement of the schema being converted about the
// subject of the statement of out that holds d, or the schema itself.
func (p *Pass) stmtNear(out *grammar.File, d *diag.Diagnostic) grammar.Node {
	if d.Range == nil {
		return p.Schema
	}
	at, label := d.Range.Start.Offset, ""
	for _, q := range out.Queries {
		if dq, ok := q.(*grammar.DefineQuery); ok {
			for _, s := range dq.Stmts {
				switch s := s.(type) {
				case *grammar.TypeStmt:
					if s.Pos().Offset <= at && at < s.End().Offset && s.Subject != nil {
						label = s.Subject.Name
					}
				case *grammar.FunStmt:
					if s.Pos().Offset <= at && at < s.End().Offset {
						label = "fun " + s.Name
					}
				}
			}
		}
	}
	for _, s := range p.Schema.Stmts {
		switch s := s.(type) {
		case *grammar.TypeStmt:
			if label != "" && s.Subject != nil && s.Subject.Name == label {
				return s
			}
		case *grammar.FunStmt:
			if label == "fun "+s.Name {
				return s
			}
		}
	}
	return p.Schema
}
