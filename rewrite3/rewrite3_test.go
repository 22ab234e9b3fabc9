package rewrite3

import (
	"flag"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/txtar"
	"github.com/tqlmig/tqlmig/rewrite/rewritetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestRules runs every testdata/<rule>[.<case>].txtar archive: the files
// named in*.tql (TypeQL 2.x) or in*.gql (Graql 1.x) are converted together
// (with the counts of an optional "census" file as --data), and the
// printed schema and the report must equal out.tql and report. Every rule
// must have an archive whose report mentions it; the output must parse as
// TypeQL 3.x, print the same twice, and no rule may change it again.
func TestRules(t *testing.T) {
	covered := rewritetest.Goldens(t, *update, func(t *testing.T, ar *txtar.Archive) (string, diag.List) {
		opts := Options{}
		if spec := fileOf(ar, "census"); spec != "" {
			opts.Data = parseCensus(t, spec)
		}
		if c := fileOf(ar, "cardinality"); c != "" {
			var err error
			if opts.Cardinality, err = ParseCardinalityPolicy(strings.TrimSpace(c)); err != nil {
				t.Fatal(err)
			}
		}
		srcs := map[string][]byte{}
		var names []string
		for _, f := range ar.Files {
			if strings.HasPrefix(f.Name, "in") && (strings.HasSuffix(f.Name, ".tql") || strings.HasSuffix(f.Name, ".gql")) {
				srcs[f.Name] = f.Data
				names = append(names, f.Name)
			}
		}
		res, out := convertSources(t, opts, srcs, names...)
		checkOutput(t, out, opts)
		return out, res.Report
	})
	for _, r := range registry {
		if !covered[r.Name] {
			t.Errorf("rule %s has no golden case that reports it (add testdata/%s.txtar)", r.Name, r.Name)
		}
	}
}

// checkOutput parses out as TypeQL 3.x, prints it again, and runs every
// rule once more on it, which must change nothing.
func checkOutput(t *testing.T, out string, opts Options) {
	t.Helper()
	f, errs := grammar.Parse("out.tql", []byte(out))
	if errs.HasErrors() {
		t.Fatalf("output does not parse:\n%v\n%s", errs, out)
	}
	if f.Dialect()&grammar.TypeQL3 == 0 {
		t.Errorf("output is not TypeQL 3.x but %s", f.Dialect())
	}
	if again := print3(t, f); again != out {
		t.Errorf("printing is not idempotent:\n--- first\n%s--- second\n%s", out, again)
	}
	for _, q := range f.Queries {
		d, ok := q.(*grammar.DefineQuery)
		if !ok || d.Kind != grammar.Define {
			continue
		}
		for _, r := range registry {
			c := newConverter(Options{Target: DefaultTarget, Data: opts.Data, Cardinality: opts.Cardinality})
			c.model = modelOf(d)
			p := &Pass{Opts: c.opts, Schema: d, conv: c, rule: r}
			r.Apply(p)
			if p.Changed() {
				t.Errorf("rule %s is not idempotent: it changed its own output: %v", r.Name, c.Report)
			}
		}
	}
}

// parseCensus reads the test notation of a census (census.ParseText).
func parseCensus(t *testing.T, spec string) *census.Census {
	t.Helper()
	c, err := census.ParseText("data.typedb", spec)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fileOf returns the text of the archive's file called name, or "".
func fileOf(ar *txtar.Archive, name string) string {
	b, _ := ar.Get(name)
	return string(b)
}
