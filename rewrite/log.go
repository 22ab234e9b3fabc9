package rewrite

import (
	"fmt"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// Log is what a conversion records besides the edited tree: the report,
// the label renames in the order they were decided, and the input file of
// every node, so that a report at any node (even one a rule has since
// removed) points into the right file. Package rewrite3's 2.x → 3.x
// conversion keeps one too.
type Log struct {
	// Report lists every change and input error, in the order recorded.
	Report  diag.List
	renames map[string]string
	order   []string
	fileOf  map[grammar.Node]string
	cur     string // file of the statement being visited: the file of nodes rules create
	// only is the input when there is one file: every node is of that
	// file, and fileOf stays empty. Mapping each node of a large schema
	// doubled the memory a conversion holds (the tree's own size again).
	only *grammar.File
	// defineOf numbers the define query each statement of the merged
	// define came from (SplitQueries), for what loading them in order
	// meant.
	defineOf map[grammar.Stmt]int
	// inPlace are the renames whose rule rewrote the tree itself (see
	// RenameInPlace): they are for the import remap only.
	inPlace map[string]bool
}

// NewLog returns an empty log.
func NewLog() *Log {
	return &Log{renames: map[string]string{}, fileOf: map[grammar.Node]string{}}
}

// MapFiles records each file as the file of its queries and of every node
// in their statements.
func (l *Log) MapFiles(files ...*grammar.File) {
	if l.only == nil && len(l.fileOf) == 0 && len(files) == 1 {
		l.only, l.cur = files[0], files[0].Name
		return
	}
	if l.only != nil { // a second input after all: map the first one too
		files = append([]*grammar.File{l.only}, files...)
		l.only = nil
	}
	for _, f := range files {
		for _, q := range f.Queries {
			l.fileOf[q] = f.Name
			d, ok := q.(*grammar.DefineQuery)
			if !ok {
				continue
			}
			for _, s := range d.Stmts {
				grammar.Inspect(s, func(n grammar.Node) bool {
					if n != nil {
						l.fileOf[n] = f.Name
					}
					return true
				})
			}
		}
	}
}

// FileOf returns the input file n came from, "" when unknown. With a
// single input, every node is of that file, including those rules made.
func (l *Log) FileOf(n grammar.Node) string {
	if l.only != nil {
		return l.only.Name
	}
	return l.fileOf[n]
}

// Visit makes n's file, when known, the file of nodes that have none: the
// nodes a rule creates while it works on n.
func (l *Log) Visit(n grammar.Node) {
	if l.only != nil {
		return // cur is the one file
	}
	if file, ok := l.fileOf[n]; ok {
		l.cur = file
	}
}

// Adopt makes from's file, when known, the file of n and of the nodes
// under it that have none yet: a node a rule puts in place of (or beside)
// another belongs to that node's file, even when the rule iterates the
// statements itself and never visits them.
func (l *Log) Adopt(n, from grammar.Node) {
	file, ok := l.fileOf[from]
	if l.only != nil || n == nil || !ok {
		return
	}
	grammar.Inspect(n, func(m grammar.Node) bool {
		if m != nil {
			if _, known := l.fileOf[m]; !known {
				l.fileOf[m] = file
			}
		}
		return true
	})
}

// RangeOf returns n's range in its input file, or nil for a nil node.
func (l *Log) RangeOf(n grammar.Node) *diag.Range {
	if n == nil {
		return nil
	}
	file, ok := l.fileOf[n]
	if !ok {
		file = l.cur
	}
	return &diag.Range{File: file, Start: n.Pos(), End: n.End()}
}

// Change records a change that rule code made at node n. Class says
// whether the meaning was kept; the severity follows from it: translated
// is Info, approximated and lost are Warnings.
func (l *Log) Change(code string, n grammar.Node, class diag.Class, msg string) *diag.Diagnostic {
	sev := diag.Info
	if class == diag.Approximated || class == diag.Lost {
		sev = diag.Warning
	}
	d := &diag.Diagnostic{Severity: sev, Code: code, Class: class, Range: l.RangeOf(n), Message: msg}
	l.Report.Add(d)
	return d
}

// ReportedLost reports whether an earlier rule reported the construct at
// n (same file and start) as approximated or lost.
func (l *Log) ReportedLost(n grammar.Node) bool {
	r := l.RangeOf(n)
	for _, d := range l.Report {
		if (d.Class == diag.Lost || d.Class == diag.Approximated) && d.Range != nil && r != nil && d.Range.File == r.File && d.Range.Start == r.Start {
			return true
		}
	}
	return false
}

// Error records an input problem at node n that rule code cannot convert.
func (l *Log) Error(code string, n grammar.Node, msg string) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Code: code, Range: l.RangeOf(n), Message: msg}
	l.Report.Add(d)
	return d
}

// Rename records that label old becomes new in the target, and reports
// whether that is news: false when old was already renamed to new.
// Renaming a label again replaces the earlier decision, keeping its place
// in Renames.
func (l *Log) Rename(old, new string) bool {
	prev, ok := l.renames[old]
	if ok && prev == new {
		return false
	}
	if !ok {
		l.order = append(l.order, old)
	}
	l.renames[old] = new
	return true
}

// RenameInPlace records, for the import remap only, that label old became
// new in the tree, where the deciding rule has already changed it: old
// stays a label of the output for something else (a ≤1.4 type named
// relation, once relationship became the root relation), so no later rule
// may rename old by name.
func (l *Log) RenameInPlace(old, new string) bool {
	if l.inPlace == nil {
		l.inPlace = map[string]bool{}
	}
	l.inPlace[old] = true
	return l.Rename(old, new)
}

// Renamed returns the label the tree still has to give a source label:
// its rename, or the label itself when it is not renamed or was renamed
// in place (RenameInPlace), where the label now names something else.
func (l *Log) Renamed(label string) string {
	if n, ok := l.renames[label]; ok && !l.inPlace[label] {
		return n
	}
	return label
}

// RenameMap returns the renames to apply to the tree (those not made in
// place) as a map from old to new label. Callers must not change it.
func (l *Log) RenameMap() map[string]string {
	if len(l.inPlace) == 0 {
		return l.renames
	}
	out := map[string]string{}
	for old, n := range l.renames {
		if !l.inPlace[old] {
			out[old] = n
		}
	}
	return out
}

// Renames lists the renames in the order they were first decided.
func (l *Log) Renames() []Rename {
	var out []Rename
	for _, old := range l.order {
		out = append(out, Rename{Old: old, New: l.renames[old]})
	}
	return out
}

// Split is a conversion's input arranged the way reference rules 39 and 40
// want it: one define query, then the undefine queries, with the data
// queries set apart.
type Split struct {
	// Define holds the statements of every define query in order; its
	// Keyword is the zero Pos when the input had no define.
	Define    *grammar.DefineQuery
	Undefines []*grammar.DefineQuery
	Side      []*grammar.OtherQuery
	// Redefines are TypeQL 3.x queries, which no input language of a
	// conversion has: see RefuseRedefines.
	Redefines []*grammar.DefineQuery
}

// RefuseRedefines reports each redefine query of s as an input error: a
// conversion reads Graql 1.x or TypeQL 2.x, and redefine is TypeQL 3.x
// (typedb/typeql@3.10.4:rust/parser/typeql.pest query_redefine), so the
// file mixes languages.
func (l *Log) RefuseRedefines(s Split, code, reads string) diag.List {
	var errs diag.List
	for _, q := range s.Redefines {
		errs.Add(&diag.Diagnostic{Severity: diag.Error, Code: code, Range: l.RangeOf(q),
			Message: "a redefine query is TypeQL 3.x; convert reads " + reads})
	}
	return errs
}

// MovedAside reports data query q as moved out of the schema (reference
// rule 40); detail says what the target does with data queries.
func (l *Log) MovedAside(q *grammar.OtherQuery, detail string) {
	l.Report.Add(&diag.Diagnostic{
		Severity: diag.Warning, Code: "side-queries", Class: diag.Approximated,
		Range:   l.RangeOf(q),
		Message: fmt.Sprintf("%s query moved out of the schema", q.Keyword),
		Detail:  detail,
	})
}

// SplitQueries merges the define queries of qs into one: the first
// define's comments head it and a later one's go before its first
// statement. The merged query's file is the first define's (see MapFiles).
func (l *Log) SplitQueries(qs []grammar.Query) Split {
	s := Split{Define: &grammar.DefineQuery{}}
	merged := s.Define
	l.defineOf = map[grammar.Stmt]int{}
	defines := 0
	for _, q := range qs {
		switch q := q.(type) {
		case *grammar.DefineQuery:
			switch q.Kind {
			case grammar.Undefine:
				s.Undefines = append(s.Undefines, q)
				continue
			case grammar.Redefine:
				s.Redefines = append(s.Redefines, q)
				continue
			}
			if merged.Keyword.Line == 0 {
				merged.Keyword = q.Keyword
				merged.Trivia = q.Trivia
				if file, ok := l.fileOf[q]; ok {
					l.fileOf[merged] = file
				}
			} else if len(q.Stmts) > 0 {
				grammar.MoveTrivia(q.Stmts[0].Comments(), &q.Trivia)
			}
			defines++
			for _, st := range q.Stmts {
				l.defineOf[st] = defines
			}
			merged.Stmts = append(merged.Stmts, q.Stmts...)
			merged.Last = append(merged.Last, q.Last...)
		case *grammar.OtherQuery:
			s.Side = append(s.Side, q)
		}
	}
	return s
}

// Assemble builds the converted file "converted.tql": define, then the
// undefine queries, then last, the trailing comments of the inputs. A
// define left without statements (rules removed them all, each with its
// report) is left out, since an empty define does not parse, and so is an
// undefine left without statements; their comments are kept at the end of
// the file.
func Assemble(define *grammar.DefineQuery, undefines []*grammar.DefineQuery, last []*grammar.CommentGroup) *grammar.File {
	out := &grammar.File{Name: "converted.tql"}
	var tail []*grammar.CommentGroup
	if len(define.Stmts) > 0 {
		out.Queries = append(out.Queries, define)
	} else {
		tail = append(define.Groups(), define.Last...)
	}
	for _, u := range undefines {
		if len(u.Stmts) == 0 {
			// Every statement was one 2.x cannot write (reported by the
			// rule that removed it); 2.x has no empty undefine.
			tail = append(append(tail, u.Groups()...), u.Last...)
			continue
		}
		out.Queries = append(out.Queries, u)
	}
	out.Last = append(tail, last...)
	return out
}
