package grammar

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// checkTree runs the position sanity walker and the comment census over f,
// parsed from src, and returns what it found wrong.
func checkTree(src string, f *File) []string {
	return append(checkPositions(src, f), checkComments(src, f)...)
}

// posAt computes the Pos of byte offset off in src.
type lineIndex struct {
	src    string
	starts []int
}

func newLineIndex(src string) *lineIndex {
	li := &lineIndex{src: src, starts: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

func (li *lineIndex) pos(off int) Pos {
	l := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	return Pos{Offset: off, Line: l + 1, Col: utf8.RuneCountInString(li.src[li.starts[l]:off]) + 1}
}

// checkPositions checks every node: Pos <= End, both inside the input and
// consistent (line and rune column match the byte offset), the node inside
// its parent, and the source at Pos starting with the node's first token.
func checkPositions(src string, f *File) []string {
	li := newLineIndex(src)
	var errs []string
	bad := func(n Node, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("%T at %v: %s", n, n.Pos(), fmt.Sprintf(format, args...)))
	}
	var stack []Node
	Inspect(f, func(n Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		p, e := n.Pos(), n.End()
		if p.Offset < 0 || e.Offset > len(src) || p.Offset > e.Offset {
			bad(n, "range %d..%d outside input of %d bytes or reversed", p.Offset, e.Offset, len(src))
			return true
		}
		if _, isFile := n.(*File); !isFile || len(f.Queries) > 0 {
			if li.pos(p.Offset) != p {
				bad(n, "Pos %+v, want %+v", p, li.pos(p.Offset))
			}
		}
		if li.pos(e.Offset) != e {
			bad(n, "End %+v, want %+v", e, li.pos(e.Offset))
		}
		if len(stack) > 1 {
			parent := stack[len(stack)-2]
			_, isFile := parent.(*File)
			_, isGroup := n.(*CommentGroup)
			_, isComment := n.(*Comment)
			// Doc and Line comments lie outside their node, by design.
			if !isFile && !isGroup && !isComment && (p.Offset < parent.Pos().Offset || e.Offset > parent.End().Offset) {
				bad(n, "range %d..%d outside parent %T %d..%d", p.Offset, e.Offset, parent, parent.Pos().Offset, parent.End().Offset)
			}
		}
		if first := firstToken(n); first != "" && !strings.HasPrefix(src[p.Offset:], first) {
			bad(n, "source at Pos is %.20q, want it to start with %q", src[p.Offset:], first)
		}
		if last := lastToken(n); last != "" && !strings.HasSuffix(src[:e.Offset], last) {
			bad(n, "source before End is %q, want it to end with %q", src[max(0, e.Offset-20):e.Offset], last)
		}
		return true
	})
	return errs
}

func firstToken(n Node) string {
	switch n := n.(type) {
	case *DefineQuery:
		return n.Kind.String()
	case *OtherQuery:
		return n.Text
	case *TypeStmt:
		if n.Kind != "" {
			return n.Kind
		}
		return n.Subject.String()
	case *RuleStmt:
		return "rule"
	case *FunStmt:
		return n.Text
	case *StructStmt:
		return "struct"
	case *StructField:
		return n.Name
	case *BadStmt:
		return n.Text
	case *TypeRef:
		return n.String()
	case *Var:
		return n.String()
	case *Literal:
		return n.Raw
	case *Annotation:
		return "@" + n.Name
	case *Comment:
		return n.Text
	case *CommentGroup:
		return "#"
	case *SubProp:
		return "sub"
	case *AbstractProp:
		if n.Legacy {
			return "is-abstract"
		}
		return "abstract"
	case *HasProp, *HasValueProp:
		return "has"
	case *KeyProp:
		return "key"
	case *OwnsProp:
		return "owns"
	case *PlaysProp:
		return "plays"
	case *RelatesProp:
		return "relates"
	case *ValueTypeProp:
		if n.Legacy {
			return "datatype"
		}
		return "value"
	case *RegexProp:
		return "regex"
	case *WhenProp:
		return "when"
	case *ThenProp:
		return "then"
	case *TypeProp:
		if n.Legacy {
			return "label"
		}
		return "type"
	case *IsaProp:
		return "isa"
	case *IDProp:
		if n.IID {
			return "iid"
		}
		return "id"
	case *IsProp:
		return "is"
	case *LinksProp:
		return "links"
	case *AliasProp:
		return "alias"
	case *AnnotationProp:
		return "@"
	case *Block, *Conjunction, *Disjunction:
		return "{"
	case *Negation:
		return "not"
	case *RelTuple, *ParenExpr:
		return "("
	case *Predicate:
		if n.Val.IsValid() {
			return "val"
		}
		if n.Op != "" {
			return n.Op
		}
	case *CallExpr:
		return n.Fun
	}
	return ""
}

func lastToken(n Node) string {
	switch n.(type) {
	case *TypeStmt, *RuleStmt, *PatternStmt, *Conjunction, *Disjunction, *Negation, *FunStmt, *StructStmt:
		return ";"
	case *Block:
		return "}"
	case *RelTuple, *CallExpr, *ParenExpr:
		return ")"
	}
	return ""
}

// checkComments checks that every comment of the source appears exactly
// once in the tree, in source order: attached to a node, or inside the
// verbatim text of an OtherQuery, BadStmt, FunStmt or StructStmt.
func checkComments(src string, f *File) []string {
	_, comments := scanAll("", src)
	var seen []int
	var stack []Node
	Inspect(f, func(n Node) bool {
		if n == nil {
			n, stack = stack[len(stack)-1], stack[:len(stack)-1]
			switch n.(type) {
			case *OtherQuery, *BadStmt, *FunStmt, *StructStmt:
				// The text's comments come after the Doc comments and
				// before the Line comments, which Walk has visited by now:
				// insert them in order.
				var inside []int
				for _, c := range comments {
					if c.Pos.Offset >= n.Pos().Offset && c.Pos.Offset < n.End().Offset {
						inside = append(inside, c.Pos.Offset)
					}
				}
				seen = append(seen, inside...)
				sort.Ints(seen[len(seen)-len(inside)-lineCount(n):])
			}
			return true
		}
		stack = append(stack, n)
		if c, ok := n.(*Comment); ok {
			seen = append(seen, c.Hash.Offset)
		}
		return true
	})
	var errs []string
	if !sort.IntsAreSorted(seen) {
		errs = append(errs, fmt.Sprintf("comments out of source order: %v", seen))
	}
	count := map[int]int{}
	for _, o := range seen {
		count[o]++
	}
	for _, c := range comments {
		if n := count[c.Pos.Offset]; n != 1 {
			errs = append(errs, fmt.Sprintf("comment %q at %d:%d appears %d times in the tree", c.Value, c.Pos.Line, c.Pos.Column, n))
		}
		delete(count, c.Pos.Offset)
	}
	for o := range count {
		errs = append(errs, fmt.Sprintf("tree holds a comment at offset %d that the source does not", o))
	}
	return errs
}

func lineCount(n Node) int {
	if l := n.(Commented).Comments().Line; l != nil {
		return len(l.List)
	}
	return 0
}
