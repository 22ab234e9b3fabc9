package rewrite3

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/schema"
)

// TestSimulationTo3 is the 3.x acceptance path on the real Grakn 1.8.4
// export: convert its schema (both files) to TypeQL 3.x; parse the printed
// schema again and build its model (Model), as check --target 3 --schema
// would; rewrite simulation.grakn with the conversion's renames and role
// scoping against that model (what tqlmig rewrite-data --remap …
// --scope-roles does); and check the result as a 3.x import. The check
// must list only losses the conversion reported. The outcome is pinned:
// the 7 currency attributes that own a currency-code, which 3.x refuses
// (reported lost by attribute-capabilities), and nothing else.
func TestSimulationTo3(t *testing.T) {
	dir := filepath.Join(sharedSub(t, "corpus"), "exports", "typedb-1.8.4-assembly")
	res, out := convertPaths(t, Options{}, filepath.Join(dir, "schema.gql"), filepath.Join(dir, "schema-pt2.gql"))
	m, errs := schema.BuildTypeQL3(parseOutput(t, out))
	if errs.HasErrors() {
		t.Fatalf("model of the 3.x schema: %v", errs)
	}
	var entries []remap.Entry
	for _, r := range res.Renames {
		entries = append(entries, remap.Entry{Old: r.Old, New: r.New})
	}
	rm, rerrs := remap.New(entries...)
	if rerrs.HasErrors() {
		t.Fatal(rerrs)
	}
	src, err := os.ReadFile(filepath.Join(dir, "simulation.grakn"))
	if err != nil {
		t.Fatal(err)
	}
	var rewritten bytes.Buffer
	stats, err := remap.Rewrite(&rewritten, bytes.NewReader(src), rm, remap.RewriteOptions{Name: "simulation.grakn", Scope: remap.ScoperFromModel(m)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Renames) != 0 || stats.Scoped != 16638 || len(stats.Unscopable) != 0 {
		t.Errorf("renames %v, %d role labels scoped, unscopable %v; want none, 16638 (every role player), none", res.Renames, stats.Scoped, stats.UnscopableList())
	}
	rep, err := check.Run(m, bytes.NewReader(rewritten.Bytes()), check.Options{Target: version.MustParse("3.x"), Name: "simulation.3x.grakn", Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range rep.Groups {
		got = append(got, fmt.Sprintf("%s %s %s ×%d", g.Check, g.Severity, g.Label, g.Count))
	}
	want := []string{
		"ownership error currency owns currency-code ×7",
		"attribute-owns error currency ×7",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("check --target 3 findings (-want +got):\n%s", d)
	}
	if rep.OK {
		t.Errorf("check passed; the currency ownerships must fail a 3.x import")
	}
	// Every finding is about a type whose loss convert reported.
	for _, g := range rep.Groups {
		typ, _, _ := strings.Cut(g.Label, " ")
		reported := false
		for _, d := range res.Report {
			if d.Class == diag.Lost && d.Code == "attribute-capabilities" && strings.HasPrefix(d.Message, "attribute "+typ+" ") {
				reported = true
			}
		}
		if !reported {
			t.Errorf("check finding %s %s is no loss convert reported", g.Check, g.Label)
		}
	}
}
