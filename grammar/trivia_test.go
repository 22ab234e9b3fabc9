package grammar

import (
	"strings"
	"testing"
)

func TestRemoveAt(t *testing.T) {
	grp := func(texts ...string) *CommentGroup {
		g := &CommentGroup{}
		for _, s := range texts {
			g.List = append(g.List, &Comment{Text: s})
		}
		return g
	}
	texts := func(g *CommentGroup) string {
		if g == nil {
			return ""
		}
		var out []string
		for _, c := range g.List {
			out = append(out, c.Text)
		}
		return strings.Join(out, " ")
	}
	// Three statements a, b, c, each with a doc and a line comment.
	stmts := func() []Stmt {
		var out []Stmt
		for _, n := range []string{"a", "b", "c"} {
			s := &TypeStmt{Subject: &TypeRef{Name: n}}
			s.Doc, s.Line = grp("#doc-"+n), grp("#line-"+n)
			out = append(out, s)
		}
		return out
	}
	for _, tc := range []struct {
		i                 int
		left              string
		wantDoc, wantLine [3]string // of what is left, by position
		wantSpill         string
	}{
		{i: 0, left: "b c", wantDoc: [3]string{"#doc-a #line-a #doc-b", "#doc-c"}, wantLine: [3]string{"#line-b", "#line-c"}},
		{i: 1, left: "a c", wantDoc: [3]string{"#doc-a", "#doc-b #line-b #doc-c"}, wantLine: [3]string{"#line-a", "#line-c"}},
		{i: 2, left: "a b", wantDoc: [3]string{"#doc-a", "#doc-b"}, wantLine: [3]string{"#line-a", "#line-b"}, wantSpill: "#doc-c #line-c"},
	} {
		var spilled []string
		got := RemoveAt(stmts(), tc.i, func(tr *Trivia) {
			for _, g := range tr.Groups() {
				spilled = append(spilled, texts(g))
			}
		})
		var names []string
		for k, s := range got {
			names = append(names, s.(*TypeStmt).Subject.Name)
			if d := texts(s.Comments().Doc); d != tc.wantDoc[k] {
				t.Errorf("RemoveAt(%d): doc of %s = %q, want %q", tc.i, names[k], d, tc.wantDoc[k])
			}
			if l := texts(s.Comments().Line); l != tc.wantLine[k] {
				t.Errorf("RemoveAt(%d): line of %s = %q, want %q", tc.i, names[k], l, tc.wantLine[k])
			}
		}
		if strings.Join(names, " ") != tc.left {
			t.Errorf("RemoveAt(%d) left %v, want %s", tc.i, names, tc.left)
		}
		if s := strings.Join(spilled, " "); s != tc.wantSpill {
			t.Errorf("RemoveAt(%d) spilled %q, want %q", tc.i, s, tc.wantSpill)
		}
	}
}

func TestMoveTrivia(t *testing.T) {
	dst := &Trivia{Doc: &CommentGroup{List: []*Comment{{Text: "#d1"}}}, Line: &CommentGroup{List: []*Comment{{Text: "#l1"}}}}
	src := &Trivia{Doc: &CommentGroup{List: []*Comment{{Text: "#d0"}}}, Line: &CommentGroup{List: []*Comment{{Text: "#l2"}}}, BlankBefore: true}
	MoveTrivia(dst, src)
	if len(dst.Doc.List) != 2 || dst.Doc.List[0].Text != "#d0" || dst.Doc.List[1].Text != "#d1" {
		t.Errorf("doc = %+v, want #d0 #d1", dst.Doc.List)
	}
	if len(dst.Line.List) != 2 || dst.Line.List[0].Text != "#l1" || dst.Line.List[1].Text != "#l2" {
		t.Errorf("line = %+v, want #l1 #l2", dst.Line.List)
	}
	if !dst.BlankBefore {
		t.Error("blank line before src was lost")
	}
	MoveTrivia(dst, dst) // a no-op, not a doubling
	if len(dst.Doc.List) != 2 {
		t.Errorf("MoveTrivia(t, t) changed the doc: %d comments", len(dst.Doc.List))
	}
}
