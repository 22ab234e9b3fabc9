package grammar

// Rewrites move, replace and delete nodes; these helpers move the nodes'
// comments with them, so that no rewrite loses one.

// MoveTrivia merges src's comments into dst, keeping dst's own: src's doc
// goes before dst's, src's line comment after dst's. A node that takes
// another's place calls it to inherit the other's comments.
func MoveTrivia(dst, src *Trivia) {
	if dst == src {
		return
	}
	dst.Doc = JoinGroups(src.Doc, dst.Doc)
	dst.Line = JoinGroups(dst.Line, src.Line)
	dst.BlankBefore = dst.BlankBefore || src.BlankBefore
}

// JoinGroups concatenates comment groups into one, skipping nil and empty
// ones; it returns nil when there is nothing to join.
func JoinGroups(gs ...*CommentGroup) *CommentGroup {
	var out *CommentGroup
	for _, g := range gs {
		if g == nil || len(g.List) == 0 {
			continue
		}
		if out == nil {
			out = &CommentGroup{BlankBefore: g.BlankBefore}
		}
		out.List = append(out.List, g.List...)
	}
	return out
}

// Groups returns t's doc and line comment groups that hold comments, in
// that order: what a container keeps when a node it held goes away.
func (t *Trivia) Groups() []*CommentGroup {
	var out []*CommentGroup
	for _, g := range []*CommentGroup{t.Doc, t.Line} {
		if g != nil && len(g.List) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// RemoveAt deletes list[i] and returns the shortened list (which shares
// list's array). The deleted node's comments stay in the tree: they join
// the doc comment of the next node, or, when it was the last node, go to
// spill, which gives them to the container (the query's trailing
// comments, say) or to the previous node (see AppendLine).
func RemoveAt[T Commented](list []T, i int, spill func(*Trivia)) []T {
	t := list[i].Comments()
	if i+1 < len(list) {
		next := list[i+1].Comments()
		next.Doc = JoinGroups(t.Doc, t.Line, next.Doc)
		next.BlankBefore = next.BlankBefore || t.BlankBefore
	} else {
		spill(t)
	}
	return append(list[:i], list[i+1:]...)
}

// AppendLine makes all of src's comments trail dst, after dst's own line
// comment: where the comments of a deleted last property go.
func AppendLine(dst, src *Trivia) { dst.Line = JoinGroups(dst.Line, src.Doc, src.Line) }
