package main

import (
	"errors"
	"fmt"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/load"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/rewrite3"
)

// convertTo converts files for target: TypeQL 2.x with rewrite.Convert,
// TypeQL 3.x with rewrite3.ConvertAny (Graql 1.x input through 2.x, 2.x
// input directly), choosing cardinalities from the export file data when
// it is given.
func convertTo(target version.V, s *load.Schema, data string) (*rewrite.Result, diag.List) {
	if target.Major != 3 {
		return rewrite.Convert(s.Files, rewrite.Options{Target: target, Repaired: s.Repaired(), Dialects: s.Verdict.Files})
	}
	opts := rewrite3.Options{Target: target, Repaired: s.Repaired(), From: s.Verdict.Lang.SchemaLang(), Dialects: s.Verdict.Files}
	if data != "" {
		c, err := rewrite3.ReadCensusFile(data)
		if err != nil {
			var l diag.List
			if d := (*diag.Diagnostic)(nil); errors.As(err, &d) {
				l.Add(d) // placed in the export file already
			} else {
				l.Add(&diag.Diagnostic{Severity: diag.Error, Code: "data", Message: fmt.Sprintf("--%s: %v", convertFlagData, err)})
			}
			return nil, l
		}
		opts.Data = c
	}
	res, errs := rewrite3.ConvertAny(s.Files, opts)
	if res == nil {
		return nil, errs
	}
	return &res.Result, errs
}

// convertLang names the language convert writes, for the report.
func convertLang(f *convertFlags) string {
	if v, err := version.Parse(f.To); err == nil && v.Major == 3 {
		return "3.x"
	}
	return "2.x"
}
