package rewrite

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/validate"
)

var targetChecks = &Rule{
	Name: "target-checks",
	Doc: `the output passes the target's checks or says what it left

	rule r: when { … } then { … };   →   # rule r: when { … } then { … };
	                                      (commented out when vet still rejects it)

After every other rule, convert prints its output, reads it back and runs
the checks of 'tqlmig vet' for the target on it. A rule the checks still
reject is written as a comment and reported lost, with the finding and
the server error it avoids: the server would refuse the whole define.
Other findings are reported lost at their statement, to finish by hand.
Rules converted without the types they use (a rules-only file) are kept
and reported once: convert the schema and rule files together.`,
	Apply: func(p *Pass) {
		reported := map[string]bool{}
		for range 4 {
			vd, out := p.vetOutput()
			if out == nil {
				return // the printer refuses it (convert reports that) or it does not parse (reported)
			}
			var errs diag.List
			for _, d := range vd {
				if d.Severity == diag.Error {
					errs = append(errs, d)
				}
			}
			if len(errs) == 0 {
				return
			}
			if p.rulesOnly() {
				p.rulesWithoutSchema(errs, reported)
				return
			}
			byRule := map[string]diag.List{}
			var others diag.List
			for _, d := range errs {
				if r := enclosingRule(out, d); r != "" {
					byRule[r] = append(byRule[r], d)
				} else {
					others = append(others, d)
				}
			}
			for _, d := range others {
				key := d.Code + "|" + d.Message
				if reported[key] {
					continue
				}
				reported[key] = true
				at := p.stmtNear(out, d)
				if p.conv.ReportedLost(at) {
					continue // an earlier rule said what it could not convert here
				}
				p.note(at, diag.Lost, "the output still fails %s's check %s: %s", p.Opts.Target, d.Code, d.Message).
					Detail = fmt.Sprintf("TypeDB %s would refuse the define (%s). No rule of convert repairs this; change the schema by hand (tqlmig explain %s).", p.Opts.Target, validateSource(d.Code), d.Code)
			}
			if len(byRule) == 0 {
				return
			}
			p.eachRule(func(r *grammar.RuleStmt, c *Cursor[grammar.Stmt]) {
				ds, ok := byRule[r.Label.Name]
				if !ok {
					return
				}
				p.commentOutRule(c, r, ds[0])
			})
		}
	},
}

// vetOutput prints the schema being converted as TypeQL 2.x, reads it back
// and vets it for the target. out is nil when it does not print or parse;
// output that does not parse is reported lost, since nothing vetted it.
func (p *Pass) vetOutput() (diag.List, *grammar.File) {
	size := 0
	for _, in := range p.conv.files {
		size += in.End().Offset
	}
	var b bytes.Buffer
	b.Grow(size) // the output is about as long as the input
	f := Assemble(p.Schema, p.Undefines, nil)
	if err := format.Print(&b, f, format.WithLang(2)); err != nil {
		return nil, nil
	}
	out, pd := grammar.Parse("converted.tql", b.Bytes())
	if pd.HasErrors() {
		p.note(p.Schema, diag.Lost, "the output does not read back as TypeQL 2.x (%s), so %s's checks did not run on it", pd.Errors()[0].Message, p.Opts.Target).
			Detail = "This is a fault of convert, not of the schema: please report it with the input. Check the output by hand before loading it."
		return nil, nil
	}
	_, vd := validate.Vet(validate.Options{Target: p.Opts.Target}, out)
	return vd, out
}

// enclosingRule returns the label of the rule of out that holds d, or "".
func enclosingRule(out *grammar.File, d *diag.Diagnostic) string {
	if d.Range == nil {
		return ""
	}
	at := d.Range.Start.Offset
	for _, q := range out.Queries {
		dq, ok := q.(*grammar.DefineQuery)
		if !ok {
			continue
		}
		for _, s := range dq.Stmts {
			if r, ok := s.(*grammar.RuleStmt); ok && r.Pos().Offset <= at && at < r.End().Offset && r.Label != nil {
				return r.Label.Name
			}
		}
	}
	return ""
}

// stmtNear returns the statement of the tree being converted whose
// subject is the subject of the statement of out that holds d, or the
// define itself.
func (p *Pass) stmtNear(out *grammar.File, d *diag.Diagnostic) grammar.Node {
	if d.Range == nil {
		return p.Schema
	}
	at := d.Range.Start.Offset
	label := ""
	for _, q := range out.Queries {
		if dq, ok := q.(*grammar.DefineQuery); ok {
			for _, s := range dq.Stmts {
				if ts, ok := s.(*grammar.TypeStmt); ok && ts.Pos().Offset <= at && at < ts.End().Offset && ts.Subject != nil {
					label = ts.Subject.Name
				}
			}
		}
	}
	for _, s := range p.Schema.Stmts {
		if ts, ok := s.(*grammar.TypeStmt); ok && label != "" && ts.Subject != nil && ts.Subject.Name == label {
			return ts
		}
	}
	return p.Schema
}

// commentOutRule replaces rule r by comment lines holding its text, with a
// line that says why, and reports it lost.
func (p *Pass) commentOutRule(c *Cursor[grammar.Stmt], r *grammar.RuleStmt, why *diag.Diagnostic) {
	var b bytes.Buffer
	one := &grammar.File{Queries: []grammar.Query{&grammar.DefineQuery{Keyword: r.Rule, Stmts: []grammar.Stmt{r}}}}
	if err := format.Print(&b, one, format.WithLang(2)); err != nil {
		return
	}
	text := strings.TrimSpace(b.String())
	text = strings.TrimSpace(strings.TrimPrefix(text, "define"))
	g := &grammar.CommentGroup{BlankBefore: true}
	add := func(s string) {
		g.List = append(g.List, &grammar.Comment{Hash: r.Rule, Text: "# " + s})
	}
	add(fmt.Sprintf("tqlmig: rule %s left out: TypeDB %s would refuse it (%s: %s)", r.Label.Name, p.Opts.Target, why.Code, why.Message))
	for _, l := range strings.Split(text, "\n") {
		add(strings.TrimRight(l, " "))
	}
	p.Schema.Last = append(p.Schema.Last, g)
	c.Delete()
	p.Report(r.Label, diag.Lost, "rule %s written as a comment: the checks of TypeDB %s reject it (%s: %s)", r.Label.Name, p.Opts.Target, why.Code, why.Message).
		Detail = fmt.Sprintf("The server would refuse the whole define (%s). Fix the rule by hand and uncomment it.", validateSource(why.Code))
}

// rulesOnly reports whether the define being converted holds rules and no
// type statement: a rule file given without its schema.
func (p *Pass) rulesOnly() bool {
	rules := 0
	for _, s := range p.Schema.Stmts {
		switch s.(type) {
		case *grammar.TypeStmt:
			return false
		case *grammar.RuleStmt:
			rules++
		}
	}
	return rules > 0
}

// rulesWithoutSchema reports, once, that the rules cannot be checked or
// converted faithfully without the types they use.
func (p *Pass) rulesWithoutSchema(errs diag.List, reported map[string]bool) {
	if reported["rules-only"] {
		return
	}
	reported["rules-only"] = true
	p.note(p.Schema, diag.Lost, "the input holds only rules: they refer to types it does not define, so they cannot be converted or checked alone (%d findings of TypeDB %s's checks, the first: %s)", len(errs), p.Opts.Target, errs[0].Message).
		Detail = "Give the schema and the rule files together, schema first, as a console session loads them: tqlmig convert schema.gql rules.gql. Role names, inferred types and renames come from the schema; the rules here are written as converted without it."
}

// validateSource is the upstream source of schema check code, for a
// detail line.
func validateSource(code string) string {
	if c := validate.Lookup(code); c != nil && c.Source != "" {
		return c.Source
	}
	return "see tqlmig explain " + code
}
