package rewrite3

import (
	"fmt"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/schema"
)

// Rule is one named 2.x → 3.x rewrite, with the shape of rewrite.Rule:
// rules run in registry order over the whole merged schema, each is
// idempotent and reports every change it makes. Refs stays empty: the
// reference numbers only the 1.x → 2.x rules.
type Rule = rewrite.RuleOf[Pass]

// Pass is what a rule sees: the schema being rewritten, the options, the
// model of the input's 2.x meaning, and where to report.
type Pass struct {
	Opts Options
	// Schema is the single merged define query being rewritten in place.
	Schema *grammar.DefineQuery
	// Undefines are the input's undefine queries.
	Undefines []*grammar.DefineQuery

	rule    *Rule
	conv    *converter
	changed bool
}

// Changed reports whether the rule made any change.
func (p *Pass) Changed() bool { return p.changed }

// Model returns the 2.x semantic model of the schema as it stood before
// the first rule ran. Rules read it to decide and edit the tree; they must
// not edit it. On a 3.x tree (the idempotence check runs every rule on
// converted output) it is the model of the tree lowered to 2.x (Lower).
func (p *Pass) Model() *schema.Model { return p.conv.model }

// Report records a change made by the current rule at node n. Translated
// changes are Info, approximated and lost ones Warnings.
func (p *Pass) Report(n grammar.Node, class diag.Class, format string, args ...any) *diag.Diagnostic {
	p.changed = true
	return p.conv.Change(p.rule.Name, n, class, fmt.Sprintf(format, args...))
}

// Note is Report for a finding that changes nothing in the tree (a
// problem the rule cannot fix), so it does not count as a change.
func (p *Pass) Note(n grammar.Node, class diag.Class, format string, args ...any) *diag.Diagnostic {
	was := p.changed
	d := p.Report(n, class, format, args...)
	p.changed = was
	return d
}

// Rename records that label old becomes new in the target. References are
// renamed by the final relabel rule; the renames form the data remap.
func (p *Pass) Rename(n grammar.Node, old, new, why string) {
	if !p.conv.Log.Rename(old, new) {
		return
	}
	p.Report(n, diag.Translated, "label %q renamed to %q: %s", old, new, why).
		Detail = fmt.Sprintf("Exported data still says %q; rewrite it with tqlmig rewrite-data --remap %s=%s (3.x has no import-time remap).", old, old, new)
}

// Renamed returns the target label for a source label.
func (p *Pass) Renamed(label string) string { return p.conv.Renamed(label) }

// TypeStmts returns the type statements of the merged define, in order.
// The slice is a copy, so rules may delete while ranging over it.
func (p *Pass) TypeStmts() []*grammar.TypeStmt {
	var out []*grammar.TypeStmt
	for _, s := range p.Schema.Stmts {
		if ts, ok := s.(*grammar.TypeStmt); ok && ts.Subject != nil && !ts.Subject.Var {
			out = append(out, ts)
		}
	}
	return out
}

// Props returns a copy of s's properties, for ranging while deleting.
func Props(s *grammar.TypeStmt) []grammar.Prop { return append([]grammar.Prop(nil), s.Props...) }

// DeleteProp removes prop from s, moving its comments to a neighbour
// (grammar.RemoveAt). A statement left with nothing to say (no kind, no
// annotation, no property) is removed too.
func (p *Pass) DeleteProp(s *grammar.TypeStmt, prop grammar.Prop) bool {
	for i, pr := range s.Props {
		if pr != prop {
			continue
		}
		owner := &s.Trivia // the last property's comments trail its neighbour, or else the statement
		if i > 0 {
			owner = s.Props[i-1].Comments()
		}
		s.Props = grammar.RemoveAt(s.Props, i, func(t *grammar.Trivia) { grammar.AppendLine(owner, t) })
		p.changed = true
		if len(s.Props) == 0 && s.Kind == "" && len(s.Annotations) == 0 {
			p.DeleteStmt(s)
		}
		return true
	}
	return false
}

// ReplaceStmt puts n in old's place in the merged define; n takes old's
// comments.
func (p *Pass) ReplaceStmt(old, n grammar.Stmt) {
	for i, x := range p.Schema.Stmts {
		if x == old {
			moveTrivia(n.Comments(), old.Comments())
			p.Schema.Stmts[i] = n
			p.changed = true
			return
		}
	}
}

// DeleteStmt removes s from the merged define, moving its comments to a
// neighbour or the query's trailing comments (grammar.RemoveAt).
func (p *Pass) DeleteStmt(s grammar.Stmt) bool {
	q := p.Schema
	for i, x := range q.Stmts {
		if x != s {
			continue
		}
		q.Stmts = grammar.RemoveAt(q.Stmts, i, func(t *grammar.Trivia) { q.Last = append(q.Last, t.Groups()...) })
		p.changed = true
		return true
	}
	return false
}

var (
	moveTrivia = grammar.MoveTrivia
	joinGroups = grammar.JoinGroups
)

// annot returns the annotation of that name in as, or nil.
func annot(as []*grammar.Annotation, name string) *grammar.Annotation {
	for _, a := range as {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// rootLabels are the 2.x root types, which 3.x replaces by kind keywords.
var rootLabels = map[string]concept.Kind{
	"entity": concept.Entity, "relation": concept.Relation, "attribute": concept.Attribute,
	"thing": concept.Thing,
}

// isRootRef reports whether r names a 2.x root type.
func isRootRef(r *grammar.TypeRef) bool {
	if r == nil || r.Var || r.Scope != "" {
		return false
	}
	_, ok := rootLabels[r.Name]
	return ok
}
