package main

import (
	"errors"
	"fmt"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/load"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/rewrite3"
)

// convertTo converts files for target: TypeQL 2.x with rewrite.Convert,
// TypeQL 3.x with rewrite3.ConvertAny (Graql 1.x input through 2.x, 2.x
// input directly). With an export file (data), its census drives the
// choices the data can decide.
func convertTo(target version.V, s *load.Schema, data string, hierarchy rewrite.HierarchyPolicy) (*rewrite.Result, diag.List) {
	files, repaired := s.Files, s.Repaired()
	var c *census.Census
	if data != "" {
		var err error
		if c, err = readCensus(data, s); err != nil {
			var l diag.List
			if d := (*diag.Diagnostic)(nil); errors.As(err, &d) {
				l.Add(d) // placed in the export file already
			} else {
				l.Add(&diag.Diagnostic{Severity: diag.Error, Code: "data", Message: fmt.Sprintf("--%s: %v", convertFlagData, err)})
			}
			return nil, l
		}
	}
	if target.Major != 3 {
		return rewrite.Convert(files, rewrite.Options{Target: target, Repaired: repaired, Data: c, AttributeHierarchy: hierarchy, Dialects: s.Verdict.Files})
	}
	res, errs := rewrite3.ConvertAny(files, rewrite3.Options{Target: target, Repaired: repaired, Data: c, AttributeHierarchy: hierarchy,
		From: s.Verdict.Lang.SchemaLang(), Dialects: s.Verdict.Files})
	if res == nil {
		return nil, errs
	}
	return &res.Result, errs
}

// readCensus reads the export at path once for what the conversion of
// the schema s decides from data.
func readCensus(path string, s *load.Schema) (*census.Census, error) {
	return census.ReadFile(path, rewrite.CensusOptions(check.RegexMatcher, s.Verdict.Lang.SchemaLang(), s.Files...))
}

// convertLang names the language convert writes, for the report.
func convertLang(f *convertFlags) string {
	if v, err := version.Parse(f.To); err == nil && v.Major == 3 {
		return "3.x"
	}
	return "2.x"
}
