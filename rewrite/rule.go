package rewrite

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// Rule is one named 1.x → 2.x rewrite. Rules run in registry order over the
// whole merged schema; each is idempotent and reports every change it makes.
type Rule = RuleOf[Pass]

// RuleOf is a named rewrite over a pass of type P: a 1.x → 2.x Rule here,
// a 2.x → 3.x rewrite3.Rule there.
type RuleOf[P any] struct {
	// Name is stable and kebab-case ("has-to-owns"); reports and
	// `tqlmig explain` use it.
	Name string
	// Refs lists the numbered rules of the reference this rule implements
	// (typeql-1x-to-2x.md §4), e.g. "12".
	Refs string
	// Doc starts with a lower-case title of at most 60 characters, then a
	// blank line and a before/after table.
	Doc string
	// Source names the upstream code of the TypeDB fact the rule rests on,
	// as "owner/repo@tag:path symbol" ("; "-separated), when it rests on
	// one; explain prints it.
	Source string
	// Apply rewrites the pass's schema in place.
	Apply func(p *P)
}

// Title is the first line of Doc.
func (r *RuleOf[P]) Title() string {
	title, _, _ := strings.Cut(r.Doc, "\n")
	return title
}

// Pass is what a rule sees: the schema being rewritten, the options, and
// where to report.
type Pass struct {
	Opts Options
	// Schema is the single merged define query being rewritten in place.
	Schema *grammar.DefineQuery
	// Undefines are the undefine queries, rewritten by their own rules.
	Undefines []*grammar.DefineQuery

	rule    *Rule
	conv    *converter
	changed bool
	edits   int // changes so far, for Current's reuse of its model
}

// edit notes a change to the tree (or a report of one).
func (p *Pass) edit() {
	p.changed = true
	p.edits++
}

// Changed reports whether the rule made any change (used by the idempotence test).
func (p *Pass) Changed() bool { return p.changed }

// Report records a change made by the current rule at node n (which may be
// a node of the input that no longer exists in the output). Class says
// whether the meaning was kept; Severity follows from it: translated is
// Info, approximated and lost are Warnings.
func (p *Pass) Report(n grammar.Node, class diag.Class, format string, args ...any) *diag.Diagnostic {
	p.edit()
	return p.conv.Change(p.rule.Name, n, class, fmt.Sprintf(format, args...))
}

// ReportAt is Report for a place that is no node of the tree, such as a
// dialect feature the parser recorded (a missing comma).
func (p *Pass) ReportAt(r diag.Range, class diag.Class, format string, args ...any) *diag.Diagnostic {
	d := p.Report(nil, class, format, args...)
	d.Range = &r
	return d
}

// Error records an input problem the rule cannot convert at all (an invalid
// 1.x schema, say). It makes convert exit with status 2.
func (p *Pass) Error(n grammar.Node, format string, args ...any) *diag.Diagnostic {
	return p.conv.Log.Error(p.rule.Name, n, fmt.Sprintf(format, args...))
}

// Rename records that label old becomes new in the target (a type, role or
// rule label). The renames form the import remap; references are renamed
// by the final relabel rule, so rules in between still see old. Renaming a
// label again replaces the earlier decision (old stays the data's label).
// A scoped old label "rel:role" renames that relation's role only.
func (p *Pass) Rename(n grammar.Node, old, new, why string) {
	if !p.conv.Log.Rename(old, new) {
		return
	}
	p.Report(n, diag.Translated, "label %q renamed to %q: %s", old, new, why).
		Detail = fmt.Sprintf("Data exported from the old database still says %q; import it with the remap %s=%s or rewrite the file with tqlmig rewrite-data.", old, old, new)
}

// Renamed returns the target label for a source label.
func (p *Pass) Renamed(label string) string { return p.conv.Renamed(label) }

// MarkChanged notes a change that is reported elsewhere (or is pure layout).
func (p *Pass) MarkChanged() { p.edit() }

// EachStmt calls f for each statement of the merged define query. The cursor
// may replace, delete or insert after the current statement.
func (p *Pass) EachStmt(f func(c *Cursor[grammar.Stmt])) {
	eachIn(&p.Schema.Stmts, func(t *grammar.Trivia) { p.Schema.Last = append(p.Schema.Last, t.Groups()...) }, p,
		func(c *Cursor[grammar.Stmt]) {
			p.conv.Visit(c.Node())
			f(c)
		})
}

// EachTypeStmt calls f for each type statement.
func (p *Pass) EachTypeStmt(f func(s *grammar.TypeStmt, c *Cursor[grammar.Stmt])) {
	p.EachStmt(func(c *Cursor[grammar.Stmt]) {
		if s, ok := c.Node().(*grammar.TypeStmt); ok {
			f(s, c)
		}
	})
}

// EachProp calls f for each property of each type statement. When a
// statement loses all of its properties it is deleted, and its comments move
// to its neighbours.
func (p *Pass) EachProp(f func(s *grammar.TypeStmt, c *Cursor[grammar.Prop])) {
	p.EachStmt(func(sc *Cursor[grammar.Stmt]) {
		s, ok := sc.Node().(*grammar.TypeStmt)
		if !ok {
			return
		}
		eachIn(&s.Props, func(t *grammar.Trivia) { moveTrivia(&s.Trivia, t) }, p, func(c *Cursor[grammar.Prop]) {
			c.trail = true
			f(s, c)
		})
		if len(s.Props) == 0 && s.Kind == "" {
			sc.Delete()
		}
	})
}

// Cursor points at one element of a node list being rewritten.
type Cursor[T grammar.Commented] struct {
	list    *[]T
	i       int
	deleted bool
	spill   func(*grammar.Trivia)
	trail   bool // a property list: see Delete
	pass    *Pass
}

// Node is the current element.
func (c *Cursor[T]) Node() T { return (*c.list)[c.i] }

// Index is the current element's position in its list.
func (c *Cursor[T]) Index() int { return c.i }

// Replace puts n in the current element's place; n inherits the old
// element's comments and blank-line break unless it has its own.
func (c *Cursor[T]) Replace(n T) {
	old := (*c.list)[c.i]
	moveTrivia(n.Comments(), old.Comments())
	(*c.list)[c.i] = n
	c.pass.adopt(n, old)
	c.pass.edit()
}

// Delete removes the current element. Its comments move to the next
// element's doc comment; from the last element of a property list to the
// previous property's line comment; otherwise to the container (a deleted
// last statement's comments close the query, since they rarely describe
// the statement before it). No comment is lost.
func (c *Cursor[T]) Delete() {
	spill := c.spill
	if c.trail && c.i > 0 {
		prev := (*c.list)[c.i-1].Comments()
		spill = func(t *grammar.Trivia) { grammar.AppendLine(prev, t) }
	}
	*c.list = grammar.RemoveAt(*c.list, c.i, spill)
	c.deleted = true
	c.pass.edit()
}

// InsertAfter adds n after the current element; the iteration skips it.
func (c *Cursor[T]) InsertAfter(n T) {
	c.pass.adopt(n, (*c.list)[c.i])
	l := *c.list
	l = append(l, n)
	copy(l[c.i+2:], l[c.i+1:])
	l[c.i+1] = n
	*c.list = l
	c.i++ // the loop's increment then moves past n
	c.pass.edit()
}

func eachIn[T grammar.Commented](list *[]T, spill func(*grammar.Trivia), p *Pass, f func(*Cursor[T])) {
	c := &Cursor[T]{list: list, spill: spill, pass: p}
	for c.i = 0; c.i < len(*list); {
		c.deleted = false
		f(c)
		if !c.deleted {
			c.i++
		}
	}
}

var (
	moveTrivia = grammar.MoveTrivia
	joinGroups = grammar.JoinGroups
)
