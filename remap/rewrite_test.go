package remap

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/diag"
)

// scopeFunc adapts a function to RoleScoper.
type scopeFunc func(rel, role string) (string, bool)

func (f scopeFunc) ScopeRole(rel, role string) (string, bool) { return f(rel, role) }

func mustRemap(t testing.TB, pairs ...string) *Remap {
	t.Helper()
	r, ds := FromPairs(pairs...)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return r
}

func rewrite(t testing.TB, src []byte, r *Remap, opt RewriteOptions) ([]byte, *RewriteStats) {
	t.Helper()
	var out bytes.Buffer
	st, err := Rewrite(&out, bytes.NewReader(src), r, opt)
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), st
}

func inspect(t *testing.T, b []byte) *datafile.Summary {
	t.Helper()
	s, err := datafile.Inspect(bytes.NewReader(b), datafile.InspectOptions{Name: "x"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func labelCount(s *datafile.Summary, label string) int64 {
	for _, ts := range s.Types {
		if ts.Label == label {
			return ts.Count
		}
	}
	return 0
}

// TestRewriteCorpus is the acceptance test of issue 7: forename=first-name
// on the real 1.8.4 export keeps valid checksums, and the inverse remap
// gives back the original bytes.
func TestRewriteCorpus(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "corpus", "exports", "typedb-1.8.4-assembly", "simulation.grakn")
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Skip("corpus not present")
	}
	r := mustRemap(t, "forename=first-name")
	out, st := rewrite(t, orig, r, RewriteOptions{Name: "simulation.grakn"})
	before, after := inspect(t, orig), inspect(t, out)
	if after.Checksums == nil || !after.Checksums.Verified {
		t.Fatalf("checksums not verified after the rewrite: %+v", after.Checksums)
	}
	n := labelCount(before, "forename")
	if n == 0 || labelCount(after, "forename") != 0 || labelCount(after, "first-name") != n {
		t.Errorf("forename: %d before; after: %d forename, %d first-name", n, labelCount(after, "forename"), labelCount(after, "first-name"))
	}
	if st.Relabelled["forename=first-name"] != n || st.Changed != n || st.Items != before.Items {
		t.Errorf("stats %+v, want %d substitutions in %d items", st, n, before.Items)
	}
	if got, want := int64(len(out)), int64(len(orig))+n*int64(len("first-name")-len("forename")); got != want {
		t.Errorf("output is %d bytes, want %d", got, want)
	}
	inv, err := r.Inverse()
	if err != nil {
		t.Fatal(err)
	}
	back, _ := rewrite(t, out, inv, RewriteOptions{})
	if !bytes.Equal(back, orig) {
		t.Errorf("rewriting back is not byte-identical (%d vs %d bytes)", len(back), len(orig))
	}
}

// synthetic writes a small 1.x-style file by hand with protowire, with an
// unknown field in the entity and fields out of the usual order.
func synthetic() []byte {
	var file []byte
	item := func(b []byte) { file = protowire.AppendBytes(file, b) }
	var h []byte
	h = protowire.AppendTag(h, 1, protowire.BytesType)
	h = protowire.AppendString(h, "1.8.4")
	item(protowire.AppendBytes(protowire.AppendTag(nil, 15, protowire.BytesType), h))

	var ent []byte
	ent = protowire.AppendTag(ent, 9, protowire.VarintType) // unknown field, kept
	ent = protowire.AppendVarint(ent, 42)
	ent = protowire.AppendTag(ent, 2, protowire.BytesType) // label before id
	ent = protowire.AppendString(ent, "person")
	ent = protowire.AppendTag(ent, 1, protowire.BytesType)
	ent = protowire.AppendString(ent, "V1")
	item(protowire.AppendBytes(protowire.AppendTag(nil, 2, protowire.BytesType), ent))

	var role []byte
	role = protowire.AppendTag(role, 2, protowire.BytesType)
	role = protowire.AppendBytes(role, protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), "V1"))
	role = protowire.AppendTag(role, 1, protowire.BytesType) // label after the player
	role = protowire.AppendString(role, "staff")
	var rel []byte
	rel = protowire.AppendTag(rel, 4, protowire.BytesType) // role before label
	rel = protowire.AppendBytes(rel, role)
	rel = protowire.AppendTag(rel, 1, protowire.BytesType)
	rel = protowire.AppendString(rel, "V2")
	rel = protowire.AppendTag(rel, 2, protowire.BytesType)
	rel = protowire.AppendString(rel, "job")
	item(protowire.AppendBytes(protowire.AppendTag(nil, 3, protowire.BytesType), rel))

	var sums []byte
	for i, n := range []uint64{1, 0, 1, 1, 0} {
		if n > 0 {
			sums = protowire.AppendVarint(protowire.AppendTag(sums, protowire.Number(i+1), protowire.VarintType), n)
		}
	}
	item(protowire.AppendBytes(protowire.AppendTag(nil, 16, protowire.BytesType), sums))
	return file
}

func TestRewriteSynthetic(t *testing.T) {
	orig := synthetic()
	if s := inspect(t, orig); !s.Checksums.Verified {
		t.Fatalf("synthetic file is wrong: %+v", s.Checksums)
	}
	scope := scopeFunc(func(rel, role string) (string, bool) {
		if rel == "employment" && role == "employee" {
			return "employment", true
		}
		return "", false
	})
	r := mustRemap(t, "person=human", "job=employment", "staff=employee", "unused=x")
	out, st := rewrite(t, orig, r, RewriteOptions{Scope: scope})
	s := inspect(t, out)
	if !s.Checksums.Verified || labelCount(s, "human") != 1 || labelCount(s, "employment") != 1 {
		t.Fatalf("rewritten file: checksums %+v, types %+v", s.Checksums, s.Types)
	}
	if len(s.Roles) != 1 || s.Roles[0].Label != "employment:employee" {
		t.Errorf("roles after scoping = %+v", s.Roles)
	}
	if st.Scoped != 1 || st.Changed != 2 || len(st.Unused(r)) != 1 || st.Unused(r)[0].Old != "unused" {
		t.Errorf("stats = %+v, unused %v", st, st.Unused(r))
	}
	// The unknown field survives, in place.
	if !bytes.Contains(out, []byte{9 << 3, 42}) {
		t.Error("unknown field 9 was dropped")
	}
	// Without scoping, a remap and its inverse give back the same bytes,
	// field order and unknown field included.
	r2 := mustRemap(t, "person=human", "job=employment", "staff=employee")
	mid, _ := rewrite(t, orig, r2, RewriteOptions{})
	inv, _ := r2.Inverse()
	if back, _ := rewrite(t, mid, inv, RewriteOptions{}); !bytes.Equal(back, orig) {
		t.Errorf("round trip differs:\n got %x\nwant %x", back, orig)
	}
	// A scoper that knows nothing leaves the labels and says so.
	_, st = rewrite(t, orig, mustRemap(t), RewriteOptions{Scope: scopeFunc(func(string, string) (string, bool) { return "", false })})
	if got := st.UnscopableList(); len(got) != 1 || got[0] != "job staff" {
		t.Errorf("unscopable = %q", got)
	}
}

func TestRewriteDamaged(t *testing.T) {
	orig := synthetic()
	for _, tc := range []struct {
		name string
		in   []byte
		item int64
	}{
		{"truncated item", orig[:len(orig)-3], 3},
		{"truncated prefix", append(append([]byte{}, orig...), 0x80), 4},
		{"bad field", append(append([]byte{}, orig...), 2, 0x12, 0x7f), 4},
		{"huge length", append(append([]byte{}, orig...), 0xff, 0xff, 0xff, 0xff, 0x0f), 4},
	} {
		_, err := Rewrite(io.Discard, bytes.NewReader(tc.in), mustRemap(t, "person=human"), RewriteOptions{Name: "f"})
		var d *diag.Diagnostic
		if !errors.As(err, &d) || d.Data == nil || d.Data.Item != tc.item {
			t.Errorf("%s: error %v, want a diagnostic at item %d", tc.name, err, tc.item)
		}
	}
}

// TestRewriteLyingLength checks that a length prefix claiming 2 GiB on a
// short stream of unknown size is refused at that item, as over the
// Reader's per-item limit, before any of it is buffered.
func TestRewriteLyingLength(t *testing.T) {
	orig := synthetic()
	in := append(append(append([]byte{}, orig...), 0xff, 0xff, 0xff, 0xff, 0x07), bytes.Repeat([]byte{0x0a}, 100_000)...)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Rewrite(io.Discard, struct{ io.Reader }{bytes.NewReader(in)}, mustRemap(t, "person=human"), RewriteOptions{Name: "f"})
	runtime.ReadMemStats(&after)
	var d *diag.Diagnostic
	if !errors.As(err, &d) || d.Code != datafile.CodeTooLarge || d.Data.Item != 4 || d.Data.Offset != int64(len(orig)) {
		t.Errorf("error %v, want data-too-large at item 4, byte %d", err, len(orig))
	}
	// The rewriter's own buffers (two of 1 MiB) come on top of the input.
	if alloc, limit := after.TotalAlloc-before.TotalAlloc, uint64(4*len(in)+3<<20); alloc > limit {
		t.Errorf("allocated %d bytes for a %d-byte input (limit %d)", alloc, len(in), limit)
	}
}

func FuzzRewrite(f *testing.F) {
	f.Add(synthetic())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, src []byte) {
		r, _ := FromPairs("person=human", "staff=employee")
		inv, _ := r.Inverse()
		run := func(in []byte, r *Remap) ([]byte, error) {
			var out bytes.Buffer
			_, err := Rewrite(&out, bytes.NewReader(in), r, RewriteOptions{})
			return out.Bytes(), err
		}
		out1, err := run(src, r)
		if err != nil {
			return
		}
		// After one rewrite the stream is in canonical form: going back and
		// forth again must reproduce it exactly.
		back, err := run(out1, inv)
		if err != nil {
			t.Fatalf("rewritten output does not parse: %v", err)
		}
		out2, err := run(back, r)
		if err != nil || !bytes.Equal(out1, out2) {
			t.Fatalf("rewrite is not stable: %v\n%x\n%x", err, out1, out2)
		}
		// Dropping attribute ownerships and players is idempotent.
		drop := func(in []byte) ([]byte, error) {
			var out bytes.Buffer
			_, err := Rewrite(&out, bytes.NewReader(in), r, RewriteOptions{DropAttributeOwnerships: true, DropAttributePlayers: true})
			return out.Bytes(), err
		}
		d1, err := drop(out1)
		if err != nil {
			t.Fatalf("dropping fails on a stream that rewrites: %v", err)
		}
		if d2, err := drop(d1); err != nil || !bytes.Equal(d1, d2) {
			t.Fatalf("dropping twice differs: %v\n%x\n%x", err, d1, d2)
		}
	})
}

// benchFile is a generated 2.x export of about size bytes.
func benchFile(b *testing.B, size int) []byte {
	b.Helper()
	var buf bytes.Buffer
	items := int64(size / 60) // the sample averages about 60 bytes an item
	if _, err := gen.Generate(&buf, gen.Sample(), gen.Options{Items: items, Seed: 1, Generation: gen.Gen2x}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkRewrite rewrites a generated ~100 MB export with a remap that
// changes a type and a role label; BenchmarkScan is the bare decoding of
// the same bytes with datafile.Reader, for comparison.
func BenchmarkRewrite(b *testing.B) {
	src := benchFile(b, 100<<20)
	r := mustRemap(b, "person=human", "employment:employee=employment:worker")
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Rewrite(io.Discard, bytes.NewReader(src), r, RewriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScan(b *testing.B) {
	src := benchFile(b, 100<<20)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		rd := datafile.NewBytesReader(src)
		for {
			if _, err := rd.Next(); err != nil {
				if err != io.EOF {
					b.Fatal(err)
				}
				break
			}
		}
	}
}

// TestRewriteDropAttributeOwnerships: TypeDB 3.x refuses attribute items
// that own attributes, which 1.x and 2.x exports hold (the real 1.8.4 export
// has 7). Dropping them lowers the checksums' ownership count by as many,
// so the copy's checksums hold; everything else is kept.
func TestRewriteDropAttributeOwnerships(t *testing.T) {
	currency := attr("V2", "currency", "euro")
	currency.AddOwned([]byte("V1"))
	orig := exportOf(t, attr("V1", "code", "EUR"), currency, thing(concept.Entity, "V3", "country", "V1", "V2"))
	out, st := rewrite(t, orig, mustRemap(t), RewriteOptions{DropAttributeOwnerships: true})
	s := inspect(t, out)
	if !s.Checksums.Verified || s.Refs.AttributeOwners != 0 || s.Checksums.Declared.Ownerships != 2 {
		t.Errorf("after: checksums %+v, attribute owners %d", s.Checksums, s.Refs.AttributeOwners)
	}
	if st.DroppedOwnerships != 1 || st.Changed != 2 || st.Items != 5 {
		t.Errorf("stats %+v, want 1 ownership dropped from 1 item and the checksums changed", st)
	}
	// Without the option nothing changes.
	if same, _ := rewrite(t, orig, mustRemap(t), RewriteOptions{}); !bytes.Equal(same, orig) {
		t.Error("a rewrite without the option changed the file")
	}
}

// TestRewriteDropAttributePlayers: a 3.x import never resolves an
// attribute role player (1.x and 2.x attributes could play roles). Dropping
// them, and a role left without players, lowers the checksums' role count
// by as many, so the copy verifies.
func TestRewriteDropAttributePlayers(t *testing.T) {
	rel := thing(concept.Relation, "V4", "tagging")
	rel.AddRole([]byte("tagging:tagged"), []byte("V3"))
	rel.AddRole([]byte("tagging:tagged"), []byte("V1"))
	rel.AddRole([]byte("tagging:tag"), []byte("V2"))
	orig := exportOf(t, attr("V1", "word", "x"), attr("V2", "word", "y"), thing(concept.Entity, "V3", "post"), rel)
	if s := inspect(t, orig); s.Refs.AttributePlayers != 2 {
		t.Fatalf("the input has %d attribute players, want 2", s.Refs.AttributePlayers)
	}
	out, st := rewrite(t, orig, mustRemap(t), RewriteOptions{DropAttributePlayers: true})
	s := inspect(t, out)
	if !s.Checksums.Verified || s.Refs.AttributePlayers != 0 || s.Checksums.Declared.Roles != 1 {
		t.Errorf("after: checksums %+v, attribute players %d", s.Checksums, s.Refs.AttributePlayers)
	}
	if len(s.Roles) != 1 || s.Roles[0].Label != "tagging:tagged" {
		t.Errorf("roles after = %+v, want tagging:tagged alone", s.Roles)
	}
	if st.DroppedPlayers != 2 || st.Changed != 2 || st.PlayerlessRelations != 0 {
		t.Errorf("stats %+v, want 2 players dropped, the relation and the checksums changed", st)
	}
	// A relation whose players are all attributes is left with none.
	lone := thing(concept.Relation, "V5", "tagging")
	lone.AddRole([]byte("tagging:tag"), []byte("V1"))
	_, st = rewrite(t, exportOf(t, attr("V1", "word", "x"), lone), mustRemap(t), RewriteOptions{DropAttributePlayers: true})
	if st.PlayerlessRelations != 1 {
		t.Errorf("stats %+v, want 1 relation left without players", st)
	}
}
