package grammar

import (
	"sort"
)

// Comment attachment (STYLE §2 "Comments"): the lexer set comments aside;
// here each one is placed on the node it belongs to, by position.
//
//   - A comment on the line where a node ends (after its last token, or after
//     the "," that follows it) is that node's Line comment.
//   - The comments between two tokens otherwise belong to the node that
//     starts at the next token: they become its Doc, blank lines between
//     paragraphs included.
//   - Comments before a "}" go to that block's Last, comments at the end of
//     the file to File.Last, and comments in the middle of a node (between
//     tokens where no node starts) to that node's Line.
//   - Comments inside verbatim text (OtherQuery, BadStmt, FunStmt,
//     StructStmt) are part of that text and are not attached again.

type spanNode struct {
	start, end int
	n          Commented
}

type commentIndex struct {
	pre    []spanNode // commented nodes in preorder (starts nondecreasing)
	post   []spanNode // commented nodes in postorder (ends nondecreasing)
	blocks []*Block   // preorder
}

func buildIndex(f *File) *commentIndex {
	ix := &commentIndex{}
	var stack []Node
	Inspect(f, func(n Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if c, ok := top.(Commented); ok {
				ix.post = append(ix.post, spanNode{c.Pos().Offset, c.End().Offset, c})
			}
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case Commented:
			ix.pre = append(ix.pre, spanNode{n.Pos().Offset, n.End().Offset, n})
		case *Block:
			ix.blocks = append(ix.blocks, n)
		}
		return true
	})
	return ix
}

// startingAt returns the outermost commented node that starts at off.
func (ix *commentIndex) startingAt(off int) Commented {
	i := sort.Search(len(ix.pre), func(i int) bool { return ix.pre[i].start >= off })
	if i < len(ix.pre) && ix.pre[i].start == off {
		return ix.pre[i].n
	}
	return nil
}

// endingAt returns the outermost commented node that ends at off.
func (ix *commentIndex) endingAt(off int) Commented {
	i := sort.Search(len(ix.post), func(i int) bool { return ix.post[i].end > off }) - 1
	if i >= 0 && ix.post[i].end == off {
		return ix.post[i].n
	}
	return nil
}

func attachComments(p *parser) {
	f := p.out
	ix := buildIndex(f)
	toks := p.toks
	cs := p.comments

	// prevLine returns the last line used by a token or comment before off.
	prevLine := func(off int) int {
		line := 0
		if i := sort.Search(len(toks), func(i int) bool { return toks[i].Pos.Offset >= off }) - 1; i >= 0 {
			line = tokEnd(toks[i]).Line
		}
		if i := sort.Search(len(cs), func(i int) bool { return cs[i].Pos.Offset >= off }) - 1; i >= 0 && cs[i].Pos.Line > line {
			line = cs[i].Pos.Line
		}
		return line
	}

	var (
		opaque   = p.opaque
		oi       = 0
		blockIdx = 0
		blocks   []*Block // open blocks around the current comment
		nodeIdx  = 0
		open     []spanNode // open commented nodes around the current comment
	)
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
		// Keep the stacks of enclosing blocks and nodes up to date.
		for blockIdx < len(ix.blocks) && ix.blocks[blockIdx].Lbrace.Offset < off {
			blocks = append(blocks, ix.blocks[blockIdx])
			blockIdx++
		}
		for nodeIdx < len(ix.pre) && ix.pre[nodeIdx].start < off {
			open = append(open, ix.pre[nodeIdx])
			nodeIdx++
		}
		blocks = closeBlocks(blocks, off)
		open = closeNodes(open, off)

		prev := sort.Search(len(toks), func(i int) bool { return toks[i].Pos.Offset >= off }) - 1
		next := prev + 1
		if prev >= 0 && tokEnd(toks[prev]).Line == c.Pos.Line {
			t := prev
			if toks[t].Type == tokPunct && toks[t].Value == "," && t > 0 {
				t--
			}
			if n := ix.endingAt(tokEnd(toks[t]).Offset); n != nil {
				appendLine(n.Comments(), newComment(c), false)
				i++
				continue
			}
		}
		j := i
		for j < len(cs) && cs[j].Pos.Offset < toks[next].Pos.Offset {
			j++
		}
		run := cs[i:j]
		before := prevLine(off)
		nt := toks[next]
		if n := ix.startingAt(nt.Pos.Offset); n != nil && nt.Type != 0 {
			tr := n.Comments()
			g := &CommentGroup{BlankBefore: before > 0 && c.Pos.Line-before > 1}
			last := before
			for k, rc := range run {
				cm := newComment(rc)
				if k > 0 && rc.Pos.Line-last > 1 {
					cm.BlankBefore = true
				}
				last = rc.Pos.Line
				g.List = append(g.List, cm)
			}
			g.BlankAfter = nt.Pos.Line-last > 1
			tr.Doc = g
		} else {
			var target *[]*CommentGroup
			var line *Trivia
			switch {
			case nt.Type == -1:
				target = &f.Last
			case len(blocks) > 0 && nt.Type == tokPunct && nt.Value == "}" && blocks[len(blocks)-1].Rbrace.Offset == nt.Pos.Offset:
				target = &blocks[len(blocks)-1].Last
			case len(open) > 0:
				line = open[len(open)-1].n.Comments()
			default:
				target = &f.Last
			}
			last := before
			for _, rc := range run {
				blank := last > 0 && rc.Pos.Line-last > 1
				last = rc.Pos.Line
				if line != nil {
					appendLine(line, newComment(rc), blank)
					continue
				}
				if blank || len(*target) == 0 || rc.Pos.Line-1 != (*target)[len(*target)-1].List[len((*target)[len(*target)-1].List)-1].Pos().Line {
					*target = append(*target, &CommentGroup{BlankBefore: blank})
				}
				g := (*target)[len(*target)-1]
				g.List = append(g.List, newComment(rc))
			}
		}
		i = j
	}

	// Blank lines before nodes.
	for _, sn := range ix.pre {
		tr := sn.n.Comments()
		if tr.Doc != nil {
			tr.BlankBefore = tr.Doc.BlankBefore
			continue
		}
		pos := sn.n.Pos()
		if l := prevLine(pos.Offset); l > 0 && pos.Line-l > 1 {
			tr.BlankBefore = true
		}
	}
}

func closeBlocks(bs []*Block, off int) []*Block {
	for len(bs) > 0 && bs[len(bs)-1].End().Offset <= off {
		bs = bs[:len(bs)-1]
	}
	return bs
}

func closeNodes(ns []spanNode, off int) []spanNode {
	for len(ns) > 0 && ns[len(ns)-1].end <= off {
		ns = ns[:len(ns)-1]
	}
	return ns
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
