package diag

import (
	"strings"
	"testing"
)

func TestSort(t *testing.T) {
	at := func(file string, off int) *Range {
		return &Range{File: file, Start: Pos{Offset: off, Line: 1, Col: off + 1}}
	}
	l := List{
		{Code: "unplaced-1"},
		{Code: "b.tql@3", Range: at("b.tql", 3)},
		{Code: "data-2", Data: &DataPos{File: "a.tql", Item: 2}},
		{Code: "a.tql@9", Range: at("a.tql", 9)},
		{Code: "unplaced-2"},
		{Code: "a.tql@1", Range: at("a.tql", 1)},
		{Code: "data-0", Data: &DataPos{File: "a.tql", Item: 0}},
		{Code: "a.tql@1-again", Range: at("a.tql", 1)},
	}
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.Code)
	}
	want := "a.tql@1 a.tql@1-again a.tql@9 data-0 data-2 b.tql@3 unplaced-1 unplaced-2"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("Sort order\n got %s\nwant %s", g, want)
	}
}
