package grammar

import (
	"sort"
)

// Comment attachment (STYLE §2 "Comments"): the lexer set comments aside;
// here each one is placed on the node it belongs to, by position.
//
//   - A comment on the line where a node ends (after its last token, or after
//     the "," that follows it) is the Line comment of the outermost node
//     ending there, short of a define query, which ends with its last
//     statement: the statement keeps the comment.
//   - The comments between two tokens otherwise belong to the outermost node
//     that starts at the next token: they become its Doc, blank lines between
//     paragraphs included.
//   - Comments before a "}" go to that block's Last, comments at the end of
//     the file to File.Last, and comments in the middle of a node (between
//     tokens where no node starts) to the Line of the innermost node around
//     them.
//   - Comments inside verbatim text (OtherQuery, BadStmt, FunStmt,
//     StructStmt) are part of that text and are not attached again.
//
// It runs in two passes: plan works out, for each run of comments, which
// offset it needs a node for; one walk of the tree then finds those nodes
// (and records blank lines before every node) with sweeping cursors, since
// preorder visits starts and postorder visits ends in increasing order.

// commentRun is a run of consecutive comments that go to the same place.
type commentRun struct {
	first, last int // indexes into parser.comments, inclusive
	trailing    bool
	anchor      int // trailing: end offset of the node to find; else start offset of the next token
	next        tok // the token after the run (not trailing)
	before      int // last line used by a token or comment before the run
	node        Commented
	block       *Block
}

func attachComments(p *parser) {
	runs := findNodes(p, planComments(p))
	f := p.out
	cs := p.comments
	for i := range runs {
		r := &runs[i]
		first := cs[r.first]
		switch {
		case r.trailing:
			appendLine(r.node.Comments(), newComment(first), false)
		case r.node != nil:
			if q, ok := r.node.(Query); ok {
				if prev := prevDefine(f, q); prev != nil {
					// Between a define query and the next query, the
					// paragraphs of comments separated from the next query
					// by a blank line close the define query.
					r.first, r.before = closeDefine(prev, cs, r)
					if r.first > r.last {
						continue
					}
					first = cs[r.first]
				}
			}
			tr := r.node.Comments()
			g := &CommentGroup{BlankBefore: r.before > 0 && first.Pos.Line-r.before > 1}
			last := r.before
			for k := r.first; k <= r.last; k++ {
				cm := newComment(cs[k])
				cm.BlankBefore = k > r.first && cs[k].Pos.Line-last > 1
				last = cs[k].Pos.Line
				g.List = append(g.List, cm)
			}
			g.BlankAfter = r.next.Pos.Line-last > 1
			if tr.Doc != nil && len(tr.Doc.List) > 0 {
				// A second run for the same node (the runs on both
				// sides of a ","): it follows the first.
				g.List[0].BlankBefore = g.BlankBefore
				tr.Doc.List = append(tr.Doc.List, g.List...)
				tr.Doc.BlankAfter = g.BlankAfter
				continue
			}
			tr.Doc = g
			tr.BlankBefore = g.BlankBefore
		default:
			var target *[]*CommentGroup
			var line *Trivia
			switch {
			case r.block != nil:
				target = &r.block.Last
			case r.next.Type != eofType:
				if n := innermostAround(f, cs[r.first].Pos.Offset); n != nil {
					if r.next.Type == tokPunct && (r.next.Value == ";" || r.next.Value == ",") {
						n = propBefore(n, cs[r.first].Pos.Offset)
					}
					line = n.Comments()
					break
				}
				target = &f.Last
			default:
				target = &f.Last
			}
			last := r.before
			for k := r.first; k <= r.last; k++ {
				c := cs[k]
				blank := last > 0 && c.Pos.Line-last > 1
				if line != nil {
					appendLine(line, newComment(c), blank)
				} else {
					if blank || k == r.first {
						*target = append(*target, &CommentGroup{BlankBefore: blank})
					}
					g := (*target)[len(*target)-1]
					g.List = append(g.List, newComment(c))
				}
				last = c.Pos.Line
			}
		}
	}
}

// eofType is lexer.EOF, untyped for comparisons with token types.
const eofType = -1

// prevDefine returns the define query just before q, or nil.
func prevDefine(f *File, q Query) *DefineQuery {
	for i, x := range f.Queries {
		if x == q && i > 0 {
			d, _ := f.Queries[i-1].(*DefineQuery)
			return d
		}
	}
	return nil
}

// closeDefine moves the comments of run r that are not directly above the
// next query (with no blank line between) to d.Last, and returns the index
// of the first comment left for the next query's Doc and the line before it.
func closeDefine(d *DefineQuery, cs []tok, r *commentRun) (first, before int) {
	keep := r.last + 1 // first comment of the Doc part
	if r.next.Pos.Line-cs[r.last].Pos.Line <= 1 {
		keep = r.last
		for keep > r.first && cs[keep].Pos.Line-cs[keep-1].Pos.Line <= 1 {
			keep--
		}
	}
	last := r.before
	for k := r.first; k < keep; k++ {
		blank := last > 0 && cs[k].Pos.Line-last > 1
		if blank || k == r.first {
			d.Last = append(d.Last, &CommentGroup{BlankBefore: blank})
		}
		g := d.Last[len(d.Last)-1]
		g.List = append(g.List, newComment(cs[k]))
		last = cs[k].Pos.Line
	}
	return keep, last
}

// planComments splits the comments into runs and says where each belongs.
func planComments(p *parser) []commentRun {
	toks, cs := p.toks, p.comments
	var runs []commentRun
	opaque, oi := p.opaque, 0
	ti := 0 // toks[ti] is the first token after the current comment
	for i := 0; i < len(cs); {
		c := cs[i]
		off := c.Pos.Offset
		for oi < len(opaque) && opaque[oi][1] <= off {
			oi++
		}
		if oi < len(opaque) && opaque[oi][0] <= off {
			i++ // part of verbatim text
			continue
		}
		for toks[ti].Type != eofType && toks[ti].Pos.Offset < off {
			ti++
		}
		prev := ti - 1
		if prev >= 0 && tokEnd(toks[prev]).Line == c.Pos.Line {
			t := prev
			if toks[t].Type == tokPunct && toks[t].Value == "," && t > 0 {
				t--
			}
			runs = append(runs, commentRun{first: i, last: i, trailing: true, anchor: tokEnd(toks[t]).Offset})
			i++
			continue
		}
		j := i
		for j+1 < len(cs) && cs[j+1].Pos.Offset < toks[ti].Pos.Offset {
			j++
		}
		before := 0
		if prev >= 0 {
			before = tokEnd(toks[prev]).Line
		}
		if i > 0 && cs[i-1].Pos.Line > before {
			before = cs[i-1].Pos.Line
		}
		runs = append(runs, commentRun{first: i, last: j, anchor: toks[ti].Pos.Offset, next: toks[ti], before: before})
		i = j + 1
	}
	return runs
}

// findNodes walks the tree once: it finds the node each run needs and
// records BlankBefore on every commented node. A trailing run whose anchor
// no node ends at becomes a Doc run for the next token.
func findNodes(p *parser, runs []commentRun) []commentRun {
	// Queries sorted by offset: starts (Doc runs), ends (trailing runs)
	// and "}" offsets (runs before the end of a block).
	var starts, ends, braces []int
	for i, r := range runs {
		if r.trailing {
			ends = append(ends, i)
		} else {
			starts = append(starts, i)
			if r.next.Type == tokPunct && r.next.Value == "}" {
				braces = append(braces, i)
			}
		}
	}
	byAnchor := func(ix []int) {
		sort.SliceStable(ix, func(a, b int) bool { return runs[ix[a]].anchor < runs[ix[b]].anchor })
	}
	byAnchor(ends)
	si, ei, bi := 0, 0, 0
	toks, cs := p.toks, p.comments
	ti, ci := 0, 0
	var stack []Node
	Inspect(p.out, func(n Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch top := top.(type) {
			case Commented:
				if d, ok := top.(*DefineQuery); ok && len(d.Stmts) > 0 {
					// A define query ends where its last statement does;
					// the comment after that ";" is the statement's, so
					// that it moves with the statement when convert
					// merges queries or a rule deletes statements.
					return true
				}
				end := top.End().Offset
				for ei < len(ends) && runs[ends[ei]].anchor < end {
					ei++
				}
				// Later in postorder means further out: overwrite.
				for k := ei; k < len(ends) && runs[ends[k]].anchor == end; k++ {
					runs[ends[k]].node = top
				}
			case *Block:
				rb := top.Rbrace.Offset
				for bi < len(braces) && runs[braces[bi]].anchor < rb {
					bi++
				}
				for k := bi; k < len(braces) && runs[braces[k]].anchor == rb; k++ {
					if runs[braces[k]].block == nil {
						runs[braces[k]].block = top
					}
				}
			}
			return true
		}
		stack = append(stack, n)
		c, ok := n.(Commented)
		if !ok {
			return true
		}
		start := c.Pos()
		for si < len(starts) && runs[starts[si]].anchor < start.Offset {
			si++
		}
		for k := si; k < len(starts) && runs[starts[k]].anchor == start.Offset; k++ {
			if runs[starts[k]].node == nil {
				runs[starts[k]].node = c // first in preorder is outermost
			}
		}
		// Blank line before the node: compare with the last token or
		// comment before it. A Doc overrides this when attached.
		for toks[ti].Type != eofType && toks[ti].Pos.Offset < start.Offset {
			ti++
		}
		for ci < len(cs) && cs[ci].Pos.Offset < start.Offset {
			ci++
		}
		line := 0
		if ti > 0 {
			line = tokEnd(toks[ti-1]).Line
		}
		if ci > 0 && cs[ci-1].Pos.Line > line {
			line = cs[ci-1].Pos.Line
		}
		c.Comments().BlankBefore = line > 0 && start.Line-line > 1
		return true
	})
	// Trailing comments with no node ending at their anchor (after
	// "define", "{", "(" …) go to the node that starts at the next token,
	// like any comment on a line of its own: re-plan those as Doc runs.
	redo := false
	for i := range runs {
		if runs[i].trailing && runs[i].node == nil {
			runs[i].trailing = false
			redo = true
		}
	}
	if redo {
		runs = fixUntrailed(p, runs)
	}
	return runs
}

// fixUntrailed turns the trailing runs that found no node into Doc runs
// for the next token, merging them with a Doc run that follows directly.
func fixUntrailed(p *parser, runs []commentRun) []commentRun {
	toks := p.toks
	ti := 0
	for i := range runs {
		r := &runs[i]
		if r.trailing || r.node != nil || r.block != nil || r.next.Type != 0 {
			continue
		}
		off := p.comments[r.first].Pos.Offset
		for toks[ti].Type != eofType && toks[ti].Pos.Offset < off {
			ti++
		}
		r.next, r.anchor = toks[ti], toks[ti].Pos.Offset
		if ti > 0 {
			r.before = tokEnd(toks[ti-1]).Line
		}
		r.node = startingAt(p.out, r.anchor)
		if t := toks[ti]; r.node == nil && t.Type == tokPunct && t.Value == "," && toks[ti+1].Type != eofType {
			// Between a subject and the "," before the first property
			// ("A0 # c\n, relates A;"): the comment goes with the
			// property, where the printer keeps it in order with that
			// property's own doc.
			if n := startingAt(p.out, toks[ti+1].Pos.Offset); n != nil {
				r.next, r.anchor, r.node = toks[ti+1], toks[ti+1].Pos.Offset, n
			}
		}
		if r.node != nil && i+1 < len(runs) && runs[i+1].node == r.node && !runs[i+1].trailing {
			// The next run documents the same node: one Doc holds both.
			runs[i+1].first, runs[i+1].before = r.first, r.before
			r.node = nil
			r.first, r.last = -1, -1
		}
	}
	// Drop the runs merged into the next one.
	k := 0
	for _, r := range runs {
		if r.first >= 0 {
			runs[k] = r
			k++
		}
	}
	return runs[:k]
}

// startingAt finds the outermost commented node that starts at off.
func startingAt(f *File, off int) Commented {
	var found Commented
	Inspect(f, func(n Node) bool {
		if found != nil || n == nil {
			return false
		}
		if n.End().Offset <= off && n != Node(f) {
			return false
		}
		if c, ok := n.(Commented); ok && c.Pos().Offset == off {
			found = c
			return false
		}
		return n.Pos().Offset <= off || n == Node(f)
	})
	return found
}

// innermostAround finds the innermost commented node whose range holds off.
func innermostAround(f *File, off int) Commented {
	var found Commented
	Inspect(f, func(n Node) bool {
		if n == nil {
			return false
		}
		if _, isFile := n.(*File); !isFile && (n.Pos().Offset > off || n.End().Offset <= off) {
			return false
		}
		if c, ok := n.(Commented); ok {
			found = c
		}
		return true
	})
	return found
}

// propBefore returns the property of statement n that ends last before off,
// or n itself. Comments on their own lines between a property and the ","
// or ";" after it join that property's Line: the printer writes a
// property's line comments there, so printing and parsing again keeps them
// in place.
func propBefore(n Commented, off int) Commented {
	var props []Prop
	switch s := n.(type) {
	case *TypeStmt:
		props = s.Props
	case *PatternStmt:
		props = s.Props
	default:
		return n
	}
	for i := len(props) - 1; i >= 0; i-- {
		if props[i].End().Offset <= off {
			return props[i]
		}
	}
	return n
}

func newComment(t tok) *Comment { return &Comment{Hash: toPos(t.Pos), Text: t.Value} }

// appendLine adds c to the Line group of t.
func appendLine(t *Trivia, c *Comment, blank bool) {
	if t.Line == nil {
		t.Line = &CommentGroup{}
	}
	c.BlankBefore = blank && len(t.Line.List) > 0
	t.Line.List = append(t.Line.List, c)
}
