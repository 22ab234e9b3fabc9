package rewrite3

import (
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// modelOf is the 2.x model of one merged 3.x define query.
func modelOf(q *grammar.DefineQuery) *schema.Model {
	m, _ := schema.BuildTypeQL3(&grammar.File{Name: "merged", Queries: []grammar.Query{q}})
	return m
}
