package rewrite

import (
	"fmt"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// Model returns the semantic model of the merged schema as it stood just
// before has-to-owns (Convert takes it before rule modelAt runs; a rule that
// asks earlier gets it earlier). The rules of section C onwards share this
// one snapshot of the input's 1.x meaning, with the dialect normalised
// (quoted labels unquoted, relationship, datatype) but no label renamed
// yet. Roles are global 1.x roles and sub-relations
// inherit none (schema.Graql1). Rules must not edit the model; they read
// it to decide and edit the tree.
//
// When the schema is already TypeQL 2.x (the idempotence check runs every
// rule on the converted output), the model is a TypeQL2 one.
func (p *Pass) Model() *schema.Model {
	c := p.conv
	if c.model == nil {
		c.model = p.buildModel(langOfDefine(p.Schema))
	}
	return c.model
}

// Current returns a TypeQL 2.x model of the tree as it is now, for rules
// that need to see what earlier rules changed (owns, sub, abstract,
// value). Constructs still in 1.x form (unscoped plays, 1.x rules) are
// left out of it. The model is rebuilt only when the tree has changed
// since the last call: every change a rule makes goes through Report,
// MarkChanged or a cursor (Pass.edit), which the tests check (treeHash).
// Building it was a fifth of a large conversion, once per rule that asks.
func (p *Pass) Current() *schema.Model {
	c := p.conv
	if c.current != nil && c.currentAt == p.edits {
		if treeHash != nil && treeHash(p.Schema) != c.currentHash {
			panic(fmt.Sprintf("rewrite: the tree changed without Report, MarkChanged or a cursor since Current last built its model (seen in rule %s)", p.rule.Name))
		}
		return c.current
	}
	c.current, c.currentAt = p.buildModel(schema.TypeQL2), p.edits
	if treeHash != nil {
		c.currentHash = treeHash(p.Schema)
	}
	return c.current
}

// treeHash, set by the tests, fingerprints everything of a tree but its
// comments, so that Current can check that an unchanged edit count means
// an unchanged tree.
var treeHash func(*grammar.DefineQuery) uint64

func (p *Pass) buildModel(lang schema.Lang) *schema.Model {
	f := &grammar.File{Name: "merged", Queries: []grammar.Query{p.Schema}}
	m, _ := schema.Build(lang, f)
	return m
}

// langOfDefine tells a define query in TypeQL 2.x form (it has owns,
// scoped plays or 2.x rules, and no 1.x has/key/unscoped plays) from one in
// Graql 1.x form.
func langOfDefine(q *grammar.DefineQuery) schema.Lang {
	two, one := false, false
	for _, s := range q.Stmts {
		switch s := s.(type) {
		case *grammar.RuleStmt:
			two = true
		case *grammar.TypeStmt:
			for _, pr := range s.Props {
				switch pr := pr.(type) {
				case *grammar.OwnsProp:
					two = true
				case *grammar.HasProp, *grammar.KeyProp, *grammar.WhenProp:
					one = true
				case *grammar.PlaysProp:
					if pr.Role.Scope != "" {
						two = true
					} else if !pr.Role.Var {
						one = true
					}
				}
			}
		}
	}
	if two && !one {
		return schema.TypeQL2
	}
	return schema.Graql1
}

// Inputs returns the parsed input files, read-only: rules use them for the
// dialect features the parser recorded (grammar.File.Features). It is nil
// when the rules run on converted output.
func (p *Pass) Inputs() []*grammar.File { return p.conv.files }

// DeleteProp removes prop from statement s, moving its comments to a
// neighbour; a statement left without properties is removed as well.
// It reports whether prop was found.
func (p *Pass) DeleteProp(s *grammar.TypeStmt, prop grammar.Prop) bool {
	for i, pr := range s.Props {
		if pr != prop {
			continue
		}
		c := &Cursor[grammar.Prop]{list: &s.Props, i: i, pass: p, trail: true,
			spill: func(t *grammar.Trivia) { moveTrivia(&s.Trivia, t) }}
		c.Delete()
		if len(s.Props) == 0 && s.Kind == "" {
			p.DeleteStmt(s)
		}
		return true
	}
	return false
}

// DeleteStmt removes statement s from the merged define (or from the
// undefine query holding it), moving its comments to a neighbour.
func (p *Pass) DeleteStmt(s grammar.Stmt) bool {
	qs := append([]*grammar.DefineQuery{p.Schema}, p.Undefines...)
	for _, q := range qs {
		for i, x := range q.Stmts {
			if x != s {
				continue
			}
			c := &Cursor[grammar.Stmt]{list: &q.Stmts, i: i, pass: p,
				spill: func(t *grammar.Trivia) { q.Last = append(q.Last, t.Groups()...) }}
			c.Delete()
			return true
		}
	}
	return false
}

// InsertProp adds prop to s right after the property after, or at the end
// when after is nil or not in s.
func (p *Pass) InsertProp(s *grammar.TypeStmt, after, prop grammar.Prop) {
	at := len(s.Props)
	for i, pr := range s.Props {
		if pr == after {
			at = i + 1
			break
		}
	}
	s.Props = append(s.Props, nil)
	copy(s.Props[at+1:], s.Props[at:])
	s.Props[at] = prop
	p.adopt(prop, s)
	p.edit()
}

// adopt files node n, which a rule made, under the input file of from.
func (p *Pass) adopt(n, from any) {
	nn, ok1 := n.(grammar.Node)
	fn, ok2 := from.(grammar.Node)
	if ok1 && ok2 {
		p.conv.Adopt(nn, fn)
	}
}

// InsertStmtAfter adds stmt to the merged define right after the statement
// after (at the end when after is not there).
func (p *Pass) InsertStmtAfter(after, stmt grammar.Stmt) {
	q := p.Schema
	at := len(q.Stmts)
	for i, x := range q.Stmts {
		if x == after {
			at = i + 1
			break
		}
	}
	q.Stmts = append(q.Stmts, nil)
	copy(q.Stmts[at+1:], q.Stmts[at:])
	q.Stmts[at] = stmt
	p.adopt(stmt, after)
	p.edit()
}

// RuleBodies calls f for the when and then blocks of every rule, in 1.x
// form ("L sub rule, when {…}, then {…};") or 2.x form, with the rule's
// label and its statement.
func (p *Pass) RuleBodies(f func(label string, s grammar.Stmt, b *grammar.Block, then bool)) {
	for _, s := range p.Schema.Stmts {
		switch s := s.(type) {
		case *grammar.TypeStmt:
			for _, pr := range s.Props {
				switch pr := pr.(type) {
				case *grammar.WhenProp:
					f(s.Subject.Name, s, pr.Body, false)
				case *grammar.ThenProp:
					f(s.Subject.Name, s, pr.Body, true)
				}
			}
		case *grammar.RuleStmt:
			if s.When != nil {
				f(s.Label.Name, s, s.When, false)
			}
			if s.Then != nil {
				f(s.Label.Name, s, s.Then, true)
			}
		}
	}
}

// subProp returns the first "sub" property of s, or nil.
func subProp(s *grammar.TypeStmt) *grammar.SubProp {
	for _, pr := range s.Props {
		if sp, ok := pr.(*grammar.SubProp); ok {
			return sp
		}
	}
	return nil
}

// defStmt returns the statement that gives t its supertype (the first one
// when several do), else its first statement; nil for a type with none
// left in the tree.
func (p *Pass) defStmt(label string) *grammar.TypeStmt {
	var first *grammar.TypeStmt
	for _, s := range p.Schema.Stmts {
		ts, ok := s.(*grammar.TypeStmt)
		if !ok || ts.Subject == nil || ts.Subject.Var || ts.Subject.Scope != "" || ts.Subject.Name != label {
			continue
		}
		if subProp(ts) != nil {
			return ts
		}
		if first == nil {
			first = ts
		}
	}
	return first
}

// stmtsOfLabel returns every type statement whose subject is label.
func (p *Pass) stmtsOfLabel(label string) []*grammar.TypeStmt {
	var out []*grammar.TypeStmt
	for _, s := range p.Schema.Stmts {
		if ts, ok := s.(*grammar.TypeStmt); ok && ts.Subject != nil && !ts.Subject.Var && ts.Subject.Scope == "" && ts.Subject.Name == label {
			out = append(out, ts)
		}
	}
	return out
}

// label returns a plain type reference.
func label(name string) *grammar.TypeRef { return &grammar.TypeRef{Name: name} }
