package validate

import (
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
)

// TestChecksHaveSources: every registered schema check names the upstream
// code that rejects what it finds.
func TestChecksHaveSources(t *testing.T) {
	for _, c := range Checks {
		if !version.ValidSource(c.Source) {
			t.Errorf("check %s: source %q is not a list of repo@tag:path references", c.Name, c.Source)
		}
	}
	for _, c := range Checks3 {
		if !version.ValidSource(c.Source) {
			t.Errorf("3.x check %s: source %q is not a list of repo@tag:path references", c.Name, c.Source)
		}
	}
}

// TestRuleIsALabel: "rule" is a label in every 2.x grammar (schema_native
// among label's alternatives in typedb/typeql@2.0.0:grammar/Graql.g4 up
// to 2.23, unreserved from typedb/typeql@2.24.0:grammar/TypeQL.g4), so a
// role or a type named rule vets clean on every 2.x target.
func TestRuleIsALabel(t *testing.T) {
	src := `define
membership sub relation, relates rule, relates member;
rule sub entity, plays membership:rule;
person sub entity, plays membership:member;
`
	for _, v := range []string{"2.0", "2.1", "2.8", "2.17", "2.18", "2.23", "2.24", "2.25", "2.28", "2.29"} {
		f, perr := grammar.Parse("s.tql", []byte(src))
		if len(perr) > 0 {
			t.Fatal(perr)
		}
		_, ds := Vet(Options{Target: version.MustParse(v)}, f)
		if len(ds) > 0 {
			t.Errorf("vet --target %s: %v", v, ds)
		}
	}
}
