package rewrite3

import (
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// Model is schema.BuildTypeQL3, kept so that callers written before the
// 3.x model moved to package schema (the loader) still build.
//
// Deprecated: call schema.BuildTypeQL3, or schema.BuildModel3 for the 3.x
// meaning itself.
func Model(files ...*grammar.File) (*schema.Model, diag.List) { return schema.BuildTypeQL3(files...) }

// modelOf is the 2.x model of one merged 3.x define query.
func modelOf(q *grammar.DefineQuery) *schema.Model {
	m, _ := schema.BuildTypeQL3(&grammar.File{Name: "merged", Queries: []grammar.Query{q}})
	return m
}
