package rewrite3

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
)

// TestReadCensus counts a small export: ownerships per owner and
// attribute type (owners with none are not in Owns; Instances has them),
// role players per relation and role name (scope dropped), and attributes
// owning attributes apart.
func TestReadCensus(t *testing.T) {
	var buf bytes.Buffer
	w := datafile.NewWriter(&buf)
	w.WriteHeader("2.29.1", "db")
	for _, it := range []*checkItem{
		// Owners first: references to attributes later in the file count.
		ent("p1", "person", "n1", "n2", "a1"),
		ent("p2", "person", "n3"),
		ent("p3", "person"),
		attr("n1", "name", str("a")), attr("n2", "name", str("b")), attr("n3", "name", str("c")),
		attr("a1", "age", datafile.Value{Kind: datafile.ValueLong, Int: 3}, "n1"),
		rel("f1", "friendship", "friendship:friend", "p1", "p2"),
		rel("f2", "friendship", "friend", "p3"),
	} {
		w.Write(it)
	}
	w.WriteChecksums()
	w.Flush()
	data := buf.Bytes()
	c, err := ReadCensus("mem", func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
	if err != nil {
		t.Fatal(err)
	}
	want := &Census{
		Name:            "mem",
		Instances:       map[string]int64{"person": 3, "friendship": 2},
		Owns:            map[[2]string]*Count{{"person", "name"}: {With: 2, Min: 1, Max: 2}, {"person", "age"}: {With: 1, Min: 1, Max: 1}},
		Roles:           map[[2]string]*Count{{"friendship", "friend"}: {With: 2, Min: 1, Max: 2}},
		AttributeOwners: 1,
	}
	if d := cmp.Diff(want, c); d != "" {
		t.Errorf("census (-want +got):\n%s", d)
	}
	// Relabel merges counts that meet under one label.
	r := c.Relabel(map[string]string{"person": "human", "friendship:friend": "friendship:pal"})
	if got := r.Owns[[2]string{"human", "name"}]; got == nil || *got != (Count{With: 2, Min: 1, Max: 2}) {
		t.Errorf("relabelled owns: %+v", got)
	}
	if got := r.Roles[[2]string{"friendship", "pal"}]; got == nil || got.With != 2 {
		t.Errorf("relabelled roles: %+v", r.Roles)
	}
}

// TestSimulationCardinalities converts the 1.8.4 simulation schema with
// the census of its export (convert --to 3 --data simulation.grakn): the
// cardinalities come from the data, and the data still checks as before.
func TestSimulationCardinalities(t *testing.T) {
	dir := filepath.Join(sharedSub(t, "corpus"), "exports", "typedb-1.8.4-assembly")
	c, err := ReadCensusFile(filepath.Join(dir, "simulation.grakn"))
	if err != nil {
		t.Fatal(err)
	}
	res, out := convertPaths(t, Options{Data: c}, filepath.Join(dir, "schema.gql"), filepath.Join(dir, "schema-pt2.gql"))
	checkOutput(t, out, Options{Data: c})
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
