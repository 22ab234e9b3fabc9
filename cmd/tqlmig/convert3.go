package main

import (
	"errors"
	"fmt"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/load"
	"github.com/tqlmig/tqlmig/migrate"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/rewrite3"
)

// convertTo converts the loaded schema s for target (migrate.Convert).
// With an export file (data), its census drives the choices the data can
// decide.
func convertTo(target version.V, s *load.Schema, data string, hierarchy rewrite.HierarchyPolicy, cards rewrite3.CardinalityPolicy) (*rewrite.Result, diag.List) {
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
	return migrate.Convert(s, migrate.ConvertOptions{Target: target, Data: c, AttributeHierarchy: hierarchy, Cardinality: cards})
}

// readCensus reads the export at path once for what the conversion of
// the schema s decides from data.
func readCensus(path string, s *load.Schema) (*census.Census, error) {
	return census.ReadFile(path, migrate.CensusOptions(s))
}

// convertLang names the language convert writes, for the report.
func convertLang(f *convertFlags) string {
	if v, err := version.Parse(f.To); err == nil && v.Major == 3 {
		return "3.x"
	}
	return "2.x"
}
