package datafile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
)

// FuzzDecode feeds arbitrary bytes to the Reader. It must never panic,
// must allocate at most a small multiple of the input, and every item it
// decodes must survive encode → decode unchanged.
//
// The allocation bound: the Reader's buffer is the input size (known from
// the bytes.Reader), and the worst item is a run of empty roles ("22 00"):
// 2 input bytes give a 56-byte Role, and doubling growth allocates at most
// four times the bytes finally needed. 128 bytes per input byte plus a
// constant covers that with room; a length prefix that lies about the size
// costs nothing, as the safety tests check.
func FuzzDecode(f *testing.F) {
	f.Add([]byte{})
	f.Add(cat(hdrB, entB, enc(sums)))
	f.Add(cat(hdrB, badRel, entB))
	f.Add(cat(hdrB, []byte{0xff, 0xff, 0xff, 0xff, 0x07}, entB))
	f.Add(enc(&Item{Kind: concept.Attribute, ID: []byte("a"), HasValue: true, Value: Value{Kind: ValueDatetimeTZ, TZ: TZNamed, Str: []byte("Europe/Paris")}}))
	f.Add(enc(&Item{Kind: concept.Relation, ID: []byte("r"), Roles: []Role{{Label: []byte("x"), Players: [][]byte{[]byte("p"), []byte("q")}}}}))
	f.Add(bytes.Repeat([]byte{0x22, 0x00}, 64))
	if b, err := os.ReadFile(filepath.Join(corpusDir, "exports", "typedb-1.8.4-assembly", "simulation.grakn")); err == nil {
		f.Add(b[:4096])
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var items []*Item
		alloc := allocated(func() {
			r := NewReader(bytes.NewReader(in))
			for {
				it, err := r.Next()
				if err == io.EOF {
					return
				}
				if err != nil {
					if Recoverable(err) {
						continue
					}
					return
				}
				if len(items) < 64 {
					items = append(items, it.Clone())
				}
			}
		})
		if limit := uint64(128*len(in) + 64<<10); alloc > limit {
			t.Fatalf("decoding %d bytes allocated %d bytes (limit %d)", len(in), alloc, limit)
		}
		for _, it := range items {
			again := &Item{}
			if err := decodeItem(again, AppendItem(nil, it)); err != nil {
				t.Fatalf("re-decoding item %d: %v", it.Index, err)
			}
			if a, b := AppendItem(nil, it), AppendItem(nil, again); !bytes.Equal(a, b) {
				t.Fatalf("item %d is not stable under encode → decode:\n% x\n% x", it.Index, a, b)
			}
		}
	})
}
