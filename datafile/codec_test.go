package datafile

import (
	"bytes"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tqlmig/tqlmig/concept"
)

// corpusDir is the shared corpus, relative to this package.
var corpusDir = filepath.Join("..", "..", "shared", "corpus")

// corpusFile returns a file of the shared corpus, or skips the test.
func corpusFile(t testing.TB, rel ...string) []byte {
	t.Helper()
	p := filepath.Join(append([]string{corpusDir}, rel...)...)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("corpus file absent: %v", err)
	}
	return b
}

func simulation(t testing.TB) []byte {
	return corpusFile(t, "exports", "typedb-1.8.4-assembly", "simulation.grakn")
}

// readAll decodes every item of b, cloning each.
func readAll(t testing.TB, r *Reader) []*Item {
	t.Helper()
	var items []*Item
	for {
		it, err := r.Next()
		if err == io.EOF {
			return items
		}
		if err != nil {
			t.Fatalf("item %d: %v", r.Index(), err)
		}
		items = append(items, it.Clone())
	}
}

// TestCorpusRoundTrip decodes the real 1.8.4 export and encodes every item
// again: the bytes must be identical, through both the io.Reader path with a
// small buffer (items straddle chunk boundaries) and the in-place path.
func TestCorpusRoundTrip(t *testing.T) {
	src := simulation(t)
	for _, tc := range []struct {
		name string
		r    *Reader
	}{
		{"bytes", NewBytesReader(src)},
		{"stream-4k", NewReader(onlyReader{bytes.NewReader(src)}, WithBufferSize(4096))},
		{"sized-1M", NewReader(bytes.NewReader(src))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			w := NewWriter(&out)
			var declared Checksums
			n := 0
			for {
				it, err := tc.r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if it.Unknown != 0 {
					t.Errorf("item %d: %d unknown fields", it.Index, it.Unknown)
				}
				if it.Kind == concept.Checksums {
					declared = it.Checksums
				}
				if err := w.Write(it); err != nil {
					t.Fatal(err)
				}
				n++
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), src) {
				i := firstDiff(out.Bytes(), src)
				t.Fatalf("re-encoded file differs from the original at byte %d (lengths %d, %d)", i, out.Len(), len(src))
			}
			if got := w.Counts(); got != declared {
				t.Errorf("writer recount %+v, checksums item %+v", got, declared)
			}
			if n != 30558 || len(tc.r.Diagnostics()) != 0 {
				t.Errorf("read %d items with diagnostics %v", n, tc.r.Diagnostics())
			}
		})
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// onlyReader hides every method but Read, so the Reader cannot learn the size.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// TestEncodeBytes pins the exact bytes of each shape against the examples
// of the format reference (§2), including oneof members written as zero.
func TestEncodeBytes(t *testing.T) {
	tests := []struct {
		name string
		it   Item
		want []byte
	}{
		{"header", Item{Kind: concept.Header, Header: Header{Version: []byte("1.7.3"), Database: []byte("grakn")}},
			[]byte("\x10\x7a\x0e\x0a\x051.7.3\x12\x05grakn")},
		{"long zero", Item{Kind: concept.Attribute, ID: []byte("V4232"), Label: []byte("age"), HasValue: true, Value: Value{Kind: ValueLong}},
			[]byte("\x12\x0a\x10\x0a\x05V4232\x12\x03age\x22\x02\x18\x00")},
		{"bool false", Item{Kind: concept.Attribute, HasValue: true, Value: Value{Kind: ValueBoolean}},
			[]byte("\x06\x0a\x04\x22\x02\x10\x00")},
		{"empty string value", Item{Kind: concept.Attribute, HasValue: true, Value: Value{Kind: ValueString}},
			[]byte("\x06\x0a\x04\x22\x02\x0a\x00")},
		{"double", Item{Kind: concept.Attribute, HasValue: true, Value: Value{Kind: ValueDouble, Float: 1}},
			[]byte("\x0d\x0a\x0b\x22\x09\x21\x00\x00\x00\x00\x00\x00\xf0\x3f")},
		{"negative long", Item{Kind: concept.Attribute, HasValue: true, Value: Value{Kind: ValueLong, Int: -1}},
			[]byte("\x0f\x0a\x0d\x22\x0b\x18\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01")},
		{"entity", Item{Kind: concept.Entity, ID: []byte("V6193288"), Label: []byte("city"), Owned: [][]byte{[]byte("V40972336")}},
			[]byte("\x1f\x12\x1d\x0a\x08V6193288\x12\x04city\x1a\x0b\x0a\x09V40972336")},
		{"relation", Item{Kind: concept.Relation, ID: []byte("r"), Label: []byte("l"), Roles: []Role{{Label: []byte("x"), Players: [][]byte{[]byte("p"), nil}}}},
			[]byte("\x14\x1a\x12\x0a\x01r\x12\x01l\x22\x0a\x0a\x01x\x12\x03\x0a\x01p\x12\x00")},
		{"checksums", Item{Kind: concept.Checksums, Checksums: Checksums{Entities: 6720, Attributes: 15517, Relations: 8319, Roles: 17338, Ownerships: 28492}},
			[]byte("\x14\x82\x01\x11\x08\xc0\x34\x10\x9d\x79\x18\xff\x40\x20\xba\x87\x01\x28\xcc\xde\x01")},
		{"zero checksums", Item{Kind: concept.Checksums}, []byte("\x03\x82\x01\x00")},
		{"empty item", Item{}, []byte("\x00")},
		{"empty id omitted", Item{Kind: concept.Entity, Label: []byte("e")}, []byte("\x05\x12\x03\x12\x01e")},
		{"3.x datetime", Item{Kind: concept.Attribute, HasValue: true, Value: Value{Kind: ValueDatetime, Int: -1, Nanos: 5}},
			[]byte("\x0a\x0a\x08\x22\x06\x4a\x04\x08\x01\x10\x05")},
		{"3.x datetime-tz offset 0", Item{Kind: concept.Attribute, HasValue: true, Value: Value{Kind: ValueDatetimeTZ, TZ: TZOffset}},
			[]byte("\x0a\x0a\x08\x22\x06\x52\x04\x0a\x00\x18\x00")},
		{"3.x decimal", Item{Kind: concept.Attribute, HasValue: true, Value: Value{Kind: ValueDecimal, Int: 1, Uint: 5}},
			[]byte("\x0a\x0a\x08\x22\x06\x32\x04\x08\x02\x10\x05")},
		{"3.x date", Item{Kind: concept.Attribute, HasValue: true, Value: Value{Kind: ValueDate, Int: -2}},
			[]byte("\x08\x0a\x06\x22\x04\x42\x02\x08\x03")},
		{"3.x duration", Item{Kind: concept.Attribute, HasValue: true, Value: Value{Kind: ValueDuration, Months: 1, Uint: 2}},
			[]byte("\x0a\x0a\x08\x22\x06\x5a\x04\x08\x01\x18\x02")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := AppendDelimited(nil, &tc.it)
			if !bytes.Equal(got, tc.want) {
				t.Fatalf("encoded\n% x\nwant\n% x", got, tc.want)
			}
			r := NewBytesReader(got)
			it, err := r.Next()
			if tc.it.Kind == concept.Unknown {
				if err == nil {
					t.Fatal("an empty first item was accepted")
				}
				return // the refusal itself is tested in TestSafety
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(&tc.it, it, itemCmp...); diff != "" {
				t.Errorf("decode(encode(x)) != x (-want +got):\n%s", diff)
			}
		})
	}
}

// itemCmp compares items by content: positions and the decoder's internal
// bookkeeping do not count, and nil equals empty.
var itemCmp = []cmp.Option{
	cmpopts.IgnoreFields(Item{}, "Offset", "Index", "Size", "players"),
	cmpopts.IgnoreUnexported(Role{}),
	cmpopts.EquateEmpty(),
	cmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }),
}

// randomItem builds an arbitrary item of any kind and value kind, valid for
// the encoder (fields meaningless for its kind left empty).
func randomItem(rng *rand.Rand) *Item {
	str := func() []byte {
		n := rng.IntN(6)
		if rng.IntN(10) == 0 {
			n = 200 + rng.IntN(300) // two-byte lengths
		}
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		return b
	}
	itemKinds := []concept.Kind{concept.Attribute, concept.Entity, concept.Relation, concept.Header, concept.Checksums}
	it := &Item{Kind: itemKinds[rng.IntN(len(itemKinds))]}
	switch it.Kind {
	case concept.Header:
		it.Header = Header{Version: str(), Database: str()}
		return it
	case concept.Checksums:
		v := func() int64 { return int64(rng.Uint64() >> rng.UintN(64)) }
		it.Checksums = Checksums{v(), v(), v(), v(), v(), v()}
		return it
	}
	it.ID, it.Label = str(), str()
	for range rng.IntN(4) {
		it.Owned = append(it.Owned, str())
	}
	switch it.Kind {
	case concept.Relation:
		for range rng.IntN(4) {
			r := Role{Label: str()}
			for range rng.IntN(4) {
				r.Players = append(r.Players, str())
			}
			it.Roles = append(it.Roles, r)
		}
	case concept.Attribute:
		it.HasValue = rng.IntN(8) != 0
		if it.HasValue {
			it.Value = randomValue(rng, str)
		}
	}
	return it
}

func randomValue(rng *rand.Rand, str func() []byte) Value {
	kinds := []ValueKind{ValueNone, ValueString, ValueBoolean, ValueLong, ValueDouble, ValueDatetimeMillis,
		ValueDecimal, ValueDate, ValueDatetime, ValueDatetimeTZ, ValueDuration, ValueStruct}
	i64 := func() int64 { return int64(rng.Uint64()) >> rng.UintN(64) }
	v := Value{Kind: kinds[rng.IntN(len(kinds))]}
	switch v.Kind {
	case ValueString, ValueStruct:
		v.Str = str()
	case ValueBoolean:
		v.Int = int64(rng.IntN(2))
	case ValueLong, ValueDatetimeMillis:
		v.Int = i64()
	case ValueDouble:
		v.Float = math.Float64frombits(rng.Uint64())
	case ValueDecimal:
		v.Int, v.Uint = i64(), rng.Uint64()>>rng.UintN(64)
	case ValueDate:
		v.Int = int64(int32(i64()))
	case ValueDatetime:
		v.Int, v.Nanos = i64(), rng.Uint32()
	case ValueDatetimeTZ:
		v.Int, v.Nanos = i64(), rng.Uint32()
		switch v.TZ = TZKind(rng.IntN(3)); v.TZ {
		case TZNamed:
			v.Str = str()
		case TZOffset:
			v.Offset = int32(i64())
		}
	case ValueDuration:
		v.Months, v.Days, v.Uint = rng.Uint32(), rng.Uint32(), rng.Uint64()>>rng.UintN(64)
	}
	return v
}

// TestRandomRoundTrip is the codec's property test: for random streams of
// items of every kind, encode → decode gives the same items, and encoding
// the decoded items gives the same bytes.
func TestRandomRoundTrip(t *testing.T) {
	for seed := range uint64(60) {
		rng := rand.New(rand.NewPCG(seed, 7))
		var want []*Item
		var buf bytes.Buffer
		w := NewWriter(&buf)
		w.WriteHeader("3.4.0", "db")
		want = append(want, &Item{Kind: concept.Header, Header: Header{Version: []byte("3.4.0"), Database: []byte("db")}})
		for range 1 + rng.IntN(40) {
			it := randomItem(rng)
			want = append(want, it)
			if err := w.Write(it); err != nil {
				t.Fatal(err)
			}
		}
		w.Flush()
		bufSize := 64 + rng.IntN(2000)
		got := readAll(t, NewReader(onlyReader{bytes.NewReader(buf.Bytes())}, WithBufferSize(bufSize)))
		if diff := cmp.Diff(want, got, itemCmp...); diff != "" {
			t.Fatalf("seed %d: decode(encode(items)) differs (-want +got):\n%s", seed, diff)
		}
		var again []byte
		for _, it := range got {
			again = AppendDelimited(again, it)
		}
		if !bytes.Equal(again, buf.Bytes()) {
			t.Fatalf("seed %d: re-encoding differs at byte %d", seed, firstDiff(again, buf.Bytes()))
		}
	}
}

// TestDecodeAnyOrder checks that fields in any order, unknown fields at
// every depth and merged repeated members decode as protobuf specifies.
func TestDecodeAnyOrder(t *testing.T) {
	// relation{role{player{id p; unknown 7:varint}; label x}; label l; 9: fixed32; id r}
	rel := []byte("\x22\x0a\x12\x05\x0a\x01p\x38\x01\x0a\x01x" + "\x12\x01l" + "\x4d\x01\x02\x03\x04" + "\x0a\x01r")
	msg := append([]byte{0x1a, byte(len(rel))}, rel...)
	msg = append(msg, 0x58, 0x05)                       // unknown top-level field 11, varint
	msg = append(msg, 0x1a, 0x04, 0x12, 0x02, 'l', '2') // the relation again: merges, label replaced
	it := &Item{}
	if err := decodeItem(it, msg); err != nil {
		t.Fatal(err)
	}
	want := &Item{Kind: concept.Relation, ID: []byte("r"), Label: []byte("l2"),
		Roles: []Role{{Label: []byte("x"), Players: [][]byte{[]byte("p")}}}, Unknown: 3}
	if diff := cmp.Diff(want, it, itemCmp...); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A different oneof member replaces the first: last one wins.
	it.Reset()
	if err := decodeItem(it, append(append([]byte{}, msg...), 0x12, 0x03, 0x12, 0x01, 'e')); err != nil {
		t.Fatal(err)
	}
	want = &Item{Kind: concept.Entity, Label: []byte("e")}
	if diff := cmp.Diff(want, it, itemCmp...); diff != "" {
		t.Errorf("last member wins (-want +got):\n%s", diff)
	}
	// Checksum field 6 (1.x key ownerships) is known; a wire-type mismatch is unknown.
	it.Reset()
	if err := decodeItem(it, []byte("\x82\x01\x07\x30\x07\x0a\x01x\x08\x02")); err != nil {
		t.Fatal(err)
	}
	want = &Item{Kind: concept.Checksums, Checksums: Checksums{Entities: 2, KeyOwnerships: 7}, Unknown: 1}
	if diff := cmp.Diff(want, it, itemCmp...); diff != "" {
		t.Errorf("checksums (-want +got):\n%s", diff)
	}
}
