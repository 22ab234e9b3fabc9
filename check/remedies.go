package check

import (
	"fmt"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/validate"
)

// vetRemedies applies each schema change a remedy suggests to a copy of
// the schema (its files, then the change as one more query) and vets the
// result for the target. A change that makes the target's checks report
// something new (making an attribute type with subtypes concrete, adding
// an ownership an override forbids) is not suggested: the remedy says
// what to do in the data instead, and why the schema change would fail.
//
// A TypeQL 3.x schema bound for 3.x is vetted by the 3.x checks, which
// refuse what 3.x cannot hold (an attribute type that owns attributes).
func (r *Report) vetRemedies(opt Options) {
	vet3 := opt.Target.Major == 3 && allDialect(opt.Schema, grammar.TypeQL3)
	if !vet3 && !allDialect(opt.Schema, grammar.TypeQL2) {
		return // vet checks TypeQL 2.x and 3.x schemas only
	}
	target := opt.Target
	if target.Major != 2 && !vet3 {
		target = validate.DefaultTarget
	}
	vet := func(files []*grammar.File) map[string]*diag.Diagnostic {
		var ds diag.List
		if vet3 {
			_, ds = validate.Vet3(files...)
		} else {
			_, ds = validate.Vet(validate.Options{Target: target}, files...)
		}
		out := map[string]*diag.Diagnostic{}
		for _, d := range ds {
			if d.Severity == diag.Error {
				out[d.Code+"|"+d.Message] = d
			}
		}
		return out
	}
	var base map[string]*diag.Diagnostic
	verdicts := map[string]*diag.Diagnostic{} // by edit: what it would break, or nil
	for _, G := range r.Groups {
		if G.edit == "" {
			continue
		}
		if base == nil {
			base = vet(opt.Schema)
		}
		broke, done := verdicts[G.edit]
		if !done {
			edit, pd := grammar.Parse("remedy.tql", []byte(G.edit))
			if pd.HasErrors() {
				broke = pd.Errors()[0]
			} else {
				for k, d := range vet(append(append([]*grammar.File(nil), opt.Schema...), edit)) {
					if base[k] == nil && (broke == nil || k < broke.Code+"|"+broke.Message) {
						broke = d
					}
				}
			}
			verdicts[G.edit] = broke
		}
		if broke != nil {
			G.Remedy = fmt.Sprintf("%s; changing the schema instead (%s) would fail vet for %s: %s [%s]", G.fallback, G.edit, target, broke.Message, broke.Code)
		}
	}
}

// allDialect reports whether every file parses as dialect d.
func allDialect(files []*grammar.File, d grammar.Dialect) bool {
	for _, f := range files {
		if f.Dialect()&d == 0 {
			return false
		}
	}
	return true
}
