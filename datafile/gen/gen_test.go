package gen

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

var itemCmp = []cmp.Option{
	cmpopts.IgnoreFields(datafile.Item{}, "Offset", "Index", "Size"),
	cmpopts.IgnoreUnexported(datafile.Item{}, datafile.Role{}),
	cmpopts.EquateEmpty(),
}

// TestRoundTrip is the generator's property test: for several seeds, sizes
// and generations, the items generated, encoded and decoded again are the
// same items, and the file passes Inspect without a finding.
func TestRoundTrip(t *testing.T) {
	for _, g := range []Generation{Gen1x, Gen2x, Gen3x} {
		for seed := range uint64(4) {
			n := int64(2 + seed*700)
			t.Run(fmt.Sprintf("gen%d/seed%d/%d", g, seed, n), func(t *testing.T) {
				opt := Options{Items: n, Seed: seed, Generation: g}
				var want []*datafile.Item
				if err := Items(Sample(), opt, func(it *datafile.Item) error {
					want = append(want, it.Clone())
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				counts, err := Generate(&buf, Sample(), opt)
				if err != nil {
					t.Fatal(err)
				}
				r := datafile.NewBytesReader(buf.Bytes())
				var got []*datafile.Item
				for {
					it, err := r.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, it.Clone())
				}
				// cmp is slow on thousands of items: compare canonical
				// encodings first and diff only a mismatching item.
				for i := range min(len(want), len(got)) {
					a, b := datafile.AppendItem(nil, want[i]), datafile.AppendItem(nil, got[i])
					if !bytes.Equal(a, b) {
						t.Fatalf("item %d: decode(encode(x)) differs (-want +got):\n%s", i, cmp.Diff(want[i], got[i], itemCmp...))
					}
				}
				if int64(len(got)) != n || len(want) != len(got) {
					t.Errorf("decoded %d items, generated %d, want %d", len(got), len(want), n)
				}
				s, err := datafile.Inspect(bytes.NewReader(buf.Bytes()), datafile.InspectOptions{Name: "gen"})
				if err != nil {
					t.Fatal(err)
				}
				if s.Bad() || !s.Checksums.Verified || s.Counts != counts {
					t.Errorf("inspect: %v; checksums %+v; counts %+v vs %+v", s.Diagnostics, s.Checksums, s.Counts, counts)
				}
				wantGen := map[Generation]string{Gen1x: "1.x", Gen2x: "2.3–2.29", Gen3x: "3.x"}[g]
				if s.Producer.Generation != wantGen || len(s.Producer.Conflicts) > 0 {
					t.Errorf("producer %+v, want %s", s.Producer, wantGen)
				}
				checkKeys(t, got)
			})
		}
	}
}

// checkKeys checks that every owner has exactly one attribute of each key
// type and that no key attribute is shared by two owners.
func checkKeys(t *testing.T, items []*datafile.Item) {
	t.Helper()
	keyTypes := map[string][]string{"person": {"email"}, "company": {"company-number"}}
	labelOf := map[string]string{}
	for _, it := range items {
		if it.Kind == concept.Attribute {
			labelOf[string(it.ID)] = string(it.Label)
		}
	}
	keyOwner := map[string]string{}
	for _, it := range items {
		for _, kt := range keyTypes[string(it.Label)] {
			n := 0
			for _, o := range it.Owned {
				if labelOf[string(o)] != kt {
					continue
				}
				n++
				if prev, ok := keyOwner[string(o)]; ok {
					t.Errorf("key %s %q owned by %q and %q", kt, o, prev, it.ID)
				}
				keyOwner[string(o)] = string(it.ID)
			}
			if n != 1 {
				t.Errorf("%s %q owns %d %s keys", it.Label, it.ID, n, kt)
			}
		}
	}
}

// TestShapes checks the realistic shapes a larger file must have.
func TestShapes(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Generate(&buf, Sample(), Options{Items: 20000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	owners := map[string]int{}
	maxPlayers, nested := 0, 0
	relIDs := map[string]bool{}
	r := datafile.NewBytesReader(buf.Bytes())
	var players [][]byte
	for {
		it, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range it.Owned {
			owners[string(o)]++
		}
		if it.Kind == concept.Relation {
			relIDs[string(it.ID)] = true
			for _, ro := range it.Roles {
				maxPlayers = max(maxPlayers, len(ro.Players))
				for _, p := range ro.Players {
					players = append(players, bytes.Clone(p))
				}
			}
		}
	}
	for _, p := range players {
		if relIDs[string(p)] {
			nested++
		}
	}
	shared := 0
	for _, n := range owners {
		if n >= 3 {
			shared++
		}
	}
	if shared < 50 || maxPlayers < 2 || nested < 50 {
		t.Errorf("attributes with >= 3 owners: %d, most players in a role: %d, relation players: %d", shared, maxPlayers, nested)
	}
}

func TestDeterministic(t *testing.T) {
	gen := func(seed uint64) []byte {
		var buf bytes.Buffer
		if _, err := Generate(&buf, Sample(), Options{Items: 3000, Seed: seed, Generation: Gen3x}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(gen(7), gen(7)) {
		t.Error("the same seed gave different files")
	}
	if bytes.Equal(gen(7), gen(8)) {
		t.Error("different seeds gave the same file")
	}
}

func TestSpecErrors(t *testing.T) {
	tests := []struct {
		spec Spec
		opt  Options
		want string
	}{
		{Spec{Entities: []EntityType{{Label: "p", Owns: []Owns{{Attribute: "nope"}}}}}, Options{Items: 10},
			`invalid spec: "p" owns "nope", which is not an attribute type`},
		{Spec{Entities: []EntityType{{Label: "p", Plays: []RoleRef{{"r", "x"}}}}, Relations: []RelationType{{Label: "r", Relates: []string{"y"}}}}, Options{Items: 10},
			`invalid spec: "p" plays r:x, which "r" does not relate`},
		{Spec{Attributes: []AttributeType{{Label: "d", ValueType: Decimal}}}, Options{Items: 10, Generation: Gen2x},
			`invalid spec: attribute "d": value type decimal exists in 3.x only`},
		{Spec{Attributes: []AttributeType{{Label: "x", ValueType: "text"}}, Entities: []EntityType{{Label: "x"}}}, Options{Items: 10},
			`invalid spec: attribute "x": unknown value type "text"; label "x" is both an attribute and an entity type`},
		{Spec{}, Options{Items: 1}, "gen: Items must be at least 2 (a header and a checksums item)"},
	}
	for _, tc := range tests {
		err := Items(&tc.spec, tc.opt, func(*datafile.Item) error { return nil })
		if err == nil || err.Error() != tc.want {
			t.Errorf("got %v\nwant %s", err, tc.want)
		}
	}
}

// TestSmallBudgets checks item counts for tiny and awkward budgets: exact
// when the spec can fill them, never over.
func TestSmallBudgets(t *testing.T) {
	keysOnly := &Spec{Attributes: []AttributeType{{Label: "k", ValueType: Long}}, Entities: []EntityType{{Label: "e", Owns: []Owns{{Attribute: "k", Key: true}}}}}
	for _, n := range []int64{2, 3, 5, 17, 101, 1000} {
		count := func(spec *Spec) int64 {
			var items int64
			if err := Items(spec, Options{Items: n}, func(*datafile.Item) error { items++; return nil }); err != nil {
				t.Fatal(err)
			}
			return items
		}
		if got := count(Sample()); got != n {
			t.Errorf("sample: %d items for a budget of %d", got, n)
		}
		// Each entity costs two items (itself and its key), so an odd
		// remainder cannot be filled.
		if got := count(keysOnly); got != n && got != n-1 {
			t.Errorf("keys only: %d items for a budget of %d", got, n)
		}
		if got := count(&Spec{}); got != 2 {
			t.Errorf("empty spec: %d items for a budget of %d", got, n)
		}
	}
}

// TestOrder3x: a 3.x exporter writes entities, then relations, then
// attributes (typedb/typedb@3.10.4:server/service/grpc/migration/
// export_service.rs export), so owners come before what they own; 1.x and
// 2.x exporters write attributes first.
func TestOrder3x(t *testing.T) {
	for _, g := range []Generation{Gen2x, Gen3x} {
		var kinds []concept.Kind
		err := Items(Sample(), Options{Items: 500, Seed: 3, Generation: g}, func(it *datafile.Item) error {
			if it.Kind.IsThing() && (len(kinds) == 0 || kinds[len(kinds)-1] != it.Kind) {
				kinds = append(kinds, it.Kind)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []concept.Kind{concept.Attribute, concept.Entity, concept.Relation}
		if g == Gen3x {
			want = []concept.Kind{concept.Entity, concept.Relation, concept.Attribute}
		}
		if !slices.Equal(kinds, want) {
			t.Errorf("generation %v: kinds in the order %v, want %v", g, kinds, want)
		}
	}
}
