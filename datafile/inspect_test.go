package datafile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
)

// TestInspectSimulation is the acceptance test of issue 5 on the real 1.8.4
// export.
func TestInspectSimulation(t *testing.T) {
	src := simulation(t)
	var progress []int64
	s, err := Inspect(bytes.NewReader(src), InspectOptions{Name: "simulation.grakn", Progress: func(n int64) { progress = append(progress, n) }})
	if err != nil {
		t.Fatal(err)
	}
	if s.Header == nil || s.Header.Version != "1.7.3" || s.Header.Database != "grakn" {
		t.Errorf("header %+v, want 1.7.3 / grakn", s.Header)
	}
	want := Checksums{Entities: 6720, Attributes: 15517, Relations: 8319, Roles: 17338, Ownerships: 28492}
	if s.Counts != want {
		t.Errorf("recount %+v, want %+v", s.Counts, want)
	}
	if s.Checksums == nil || !s.Checksums.Verified || s.Checksums.Declared != want || !s.Checksums.Last {
		t.Errorf("checksums %+v, want verified, last, equal to %+v", s.Checksums, want)
	}
	if s.Complete.Verdict != "complete" || s.Bytes != 2250362 || s.Items != 30558 {
		t.Errorf("verdict %q, %d bytes, %d items", s.Complete.Verdict, s.Bytes, s.Items)
	}
	if s.Producer.Generation != "1.x" || len(s.Producer.Conflicts) != 0 || s.IDs.Vertex != 30556 {
		t.Errorf("producer %+v, ids %+v", s.Producer, s.IDs)
	}
	if s.Bad() || s.IDs.Duplicates != 0 || s.Refs.DanglingOwnerships+s.Refs.DanglingPlayers != 0 {
		t.Errorf("unexpected findings: %v", s.Diagnostics)
	}
	// The corpus notes 17 attribute, 6 entity and 7 relation types, and
	// attributes owning attributes (currency).
	kinds := map[concept.Kind]int{}
	for _, ts := range s.Types {
		kinds[ts.Kind]++
	}
	if kinds[concept.Attribute] != 17 || kinds[concept.Entity] != 6 || kinds[concept.Relation] != 7 || s.Refs.AttributeOwners == 0 {
		t.Errorf("types per kind %v, attribute owners %d", kinds, s.Refs.AttributeOwners)
	}
	if len(progress) == 0 || progress[len(progress)-1] != int64(len(src)) {
		t.Errorf("progress calls %v, want the last to be %d", progress, len(src))
	}
	verdicts := map[string]Verdict{}
	for _, imp := range s.Importers {
		verdicts[imp.Target] = imp.Verdict
	}
	if verdicts["1.8.1–1.8.4"] != Yes || verdicts["2.0–2.2"] != Remap || verdicts["2.3–2.5"] != Risky || verdicts["2.19–2.29"] != Yes || verdicts["3.4+"] != Rewrite {
		t.Errorf("importers %v", verdicts)
	}
	var text bytes.Buffer
	if err := s.WriteText(&text, 10); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"header      version 1.7.3, database \"grakn\" (item 0)",
		"  attributes             15,517         15,517  ok",
		"  ownerships             28,492         28,492  ok",
		"checksums verified",
	} {
		if !strings.Contains(text.String(), line+"\n") {
			t.Errorf("text output lacks %q:\n%s", line, text.String())
		}
	}
	if _, err := json.Marshal(s); err != nil {
		t.Error(err)
	}
}

func attr(id, label string, v Value, owned ...string) *Item {
	it := &Item{Kind: concept.Attribute, ID: []byte(id), Label: []byte(label), HasValue: true, Value: v}
	for _, o := range owned {
		it.AddOwned([]byte(o))
	}
	return it
}

func entity(id, label string, owned ...string) *Item {
	it := &Item{Kind: concept.Entity, ID: []byte(id), Label: []byte(label)}
	for _, o := range owned {
		it.AddOwned([]byte(o))
	}
	return it
}

func relation(id, label string, roles ...string) *Item {
	it := &Item{Kind: concept.Relation, ID: []byte(id), Label: []byte(label)}
	for _, r := range roles {
		role, player, _ := strings.Cut(r, "=")
		it.AddRole([]byte(role), []byte(player))
	}
	return it
}

func header(v string) *Item {
	return &Item{Kind: concept.Header, Header: Header{Version: []byte(v), Database: []byte("db")}}
}

// withChecksums appends a correct checksums item.
func withChecksums(items ...*Item) []byte {
	var c Checksums
	for _, it := range items {
		c.Add(it)
	}
	return enc(append(items, &Item{Kind: concept.Checksums, Checksums: c})...)
}

func str(s string) Value { return Value{Kind: ValueString, Str: []byte(s)} }

// TestInspectFindings checks each finding on a small synthetic file.
func TestInspectFindings(t *testing.T) {
	tests := []struct {
		name  string
		in    []byte
		check func(*Summary) string
		codes []string // diagnostic codes, sorted as reported
	}{
		{"forward references resolve", withChecksums(header("2.29.1"),
			relation("cmVs", "rel:x", "rel:a=ZW50"), entity("ZW50", "e", "YXR0"), attr("YXR0", "a", str("v"))),
			func(s *Summary) string {
				return fmt.Sprintf("%s %d %d", s.Producer.Generation, s.Refs.DanglingPlayers, s.Refs.DanglingOwnerships)
			}, nil},
		{"dangling references", withChecksums(header("2.29.1"),
			entity("ZW50", "e", "bm9uZQ=="), relation("cmVs", "rel", "rel:a=Z29uZQ==")),
			func(s *Summary) string {
				return fmt.Sprintf("%d %d %v", s.Refs.DanglingOwnerships, s.Refs.DanglingPlayers, s.Bad())
			}, []string{CodeDanglingOwner, CodeDanglingPlayer}},
		{"wrong-kind ownership and attribute player", withChecksums(header("2.29.1"),
			entity("ZW50", "e", "ZW50"), attr("YXR0", "a", str("v")), relation("cmVs", "rel", "rel:a=YXR0")),
			func(s *Summary) string {
				return fmt.Sprintf("%d %d", s.Refs.WrongKindOwnership, s.Refs.AttributePlayers)
			}, []string{CodeWrongKindRef}},
		{"duplicate ids", withChecksums(header("2.29.1"), entity("ZW50", "e"), entity("ZW50", "e")),
			func(s *Summary) string { return fmt.Sprint(s.IDs.Duplicates) }, []string{CodeDuplicateID}},
		{"checksum mismatch", enc(header("1.8.4"), entity("V1", "e"), &Item{Kind: concept.Checksums, Checksums: Checksums{Entities: 2, Ownerships: 3}}),
			func(s *Summary) string {
				var bad []string
				for _, c := range s.Checksums.Counts {
					if !c.OK {
						bad = append(bad, c.Name)
					}
				}
				return fmt.Sprint(s.Checksums.Verified, bad)
			}, []string{CodeChecksumMismatch}},
		{"lossy 2.0 ids", withChecksums(header("2.0.2"), entity("\x01\uFFFD\uFFFDx", "e")),
			func(s *Summary) string { return s.Producer.Generation + " " + fmt.Sprint(s.IDs.Lossy) }, []string{CodeLossyID}},
		{"3.x values without header", withChecksums(attr("YXR0", "d", Value{Kind: ValueDatetime, Int: 5})),
			func(s *Summary) string { return s.Producer.Generation }, []string{CodeMissingHeader}},
		{"header disagrees with ids", withChecksums(header("1.8.4"), entity("ZW50", "e")),
			func(s *Summary) string { return strings.Join(s.Producer.Conflicts, "|") }, nil},
		{"truncated", withChecksums(header("1.8.4"), entity("V1", "e"))[:20],
			func(s *Summary) string { return s.Complete.Verdict + " " + fmt.Sprint(s.Items) }, []string{CodeTruncated, CodeMissingChecksums}},
		{"no value, no players, invalid utf-8", withChecksums(header("3.4.0"),
			&Item{Kind: concept.Attribute, ID: []byte("YXR0"), Label: []byte("a")}, relation("cmVs", "r"), entity("ZW50", "\xff")),
			func(s *Summary) string { return fmt.Sprint(s.Refs.NoPlayers) }, []string{CodeNoValue, CodeNoPlayers, CodeInvalidUTF8}},
		// A pre-release exporter writes its suffix into the header, as the
		// 2.0.0-alpha export typedb/typedb@0105c7e:test/integration/migrator/data.typedb does.
		{"pre-release header", withChecksums(header("3.10.0-rc2"), entity("ZW50", "e")),
			func(s *Summary) string {
				return s.Producer.Generation + " " + strings.Join(s.Producer.Conflicts, "|")
			}, nil},
	}
	want := []string{
		"2.3–2.29 0 0",
		"1 1 true",
		"1 1",
		"1",
		"false [entities ownerships]",
		"2.0–2.2 1",
		"3.x",
		"the header says 1.x but the IDs look like 2.3+",
		"truncated 1",
		"1",
		"3.x ",
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Inspect(bytes.NewReader(tc.in), InspectOptions{Name: "f"})
			if err != nil {
				t.Fatal(err)
			}
			if got := tc.check(s); got != want[i] {
				t.Errorf("got %q, want %q", got, want[i])
			}
			var codes []string
			for _, d := range s.Diagnostics {
				codes = append(codes, d.Code)
				if d.Data == nil {
					t.Errorf("%s has no data position", d.Code)
				}
			}
			if strings.Join(codes, " ") != strings.Join(tc.codes, " ") {
				t.Errorf("codes %v, want %v\n%v", codes, tc.codes, s.Diagnostics)
			}
			if s.Bad() != (len(tc.codes) > 0) {
				t.Errorf("Bad() = %v", s.Bad())
			}
		})
	}
}

// TestInspectBadInput checks that Inspect refuses what is not an export,
// and only that.
func TestInspectBadInput(t *testing.T) {
	for _, in := range [][]byte{nil, {0x1f, 0x8b, 0}, []byte("define person sub entity;")} {
		s, err := Inspect(bytes.NewReader(in), InspectOptions{})
		var d *diag.Diagnostic
		if s != nil || err == nil || !asDiag(err, &d) {
			t.Errorf("%q: got %v, %v", in, s, err)
		}
	}
}

func asDiag(err error, d **diag.Diagnostic) bool {
	var ok bool
	*d, ok = err.(*diag.Diagnostic)
	return ok
}
