package rewrite3

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/diag"
)

// TestSimulationCardinalities converts the 1.8.4 simulation schema with
// the census of its export (convert --to 3 --data simulation.grakn): the
// cardinalities come from the data, and the data still checks as before.
func TestSimulationCardinalities(t *testing.T) {
	dir := filepath.Join(sharedSub(t, "corpus"), "exports", "typedb-1.8.4-assembly")
	c, err := census.ReadFile(filepath.Join(dir, "simulation.grakn"), census.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, out := convertPaths(t, Options{Data: c, Cardinality: CardinalityTighten}, filepath.Join(dir, "schema.gql"), filepath.Join(dir, "schema-pt2.gql"))
	checkOutput(t, out, Options{Data: c, Cardinality: CardinalityTighten})
	byClass := map[diag.Class]int{}
	for _, d := range res.Report {
		if d.Code == "owns-cardinality" || d.Code == "relates-cardinality" {
			byClass[d.Class]++
		}
	}
	// 26 ownerships and roles have instances in the data; the other 49
	// have none and keep @card(0..).
	if byClass[diag.Approximated] != 26 || byClass[diag.Translated] != 49 {
		t.Errorf("cardinalities: %d from the data, %d without instances; want 26, 49", byClass[diag.Approximated], byClass[diag.Translated])
	}
	for _, line := range []string{
		"owns forename @card(1..1)",            // every person has exactly one
		"owns language @card(1..2)",            // countries have one or two
		"owns age @card(0..1)",                 // some persons have none
		"owns date-of-marriage @card(0..1)",    // no marriage has one: 3.x's default
		"relates parentship_child @card(2..3)", // two or three children each
		"relates friendship_friend @card(0..)", // no friendship in the data
		"relates marriage_husband @card(1..1)", // one husband each
		"owns product-barcode @card(1..1)",     // key dropped in 2.x (double), one each
		"relates location-hierarchy_superior @card(1..1)",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("output has no %q", line)
		}
	}
}
