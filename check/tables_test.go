package check

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestTables checks the id and key tables against Go maps, through
// presizing (too small, about right, too large; before the first insert
// or halfway) and bucket splits, with keys whose low bits are all zero and
// a key of 0.
func TestTables(t *testing.T) {
	for _, tc := range []struct {
		n       int
		presize int64
		at      int // keys inserted before presizing
	}{{0, 0, 0}, {1, 0, 0}, {5000, 0, 0}, {50_000, 0, 0}, {50_000, 10_000, 0}, {50_000, 50_000, 0}, {50_000, 400_000, 0},
		{50_000, 50_000, 25_000}, {50_000, 400_000, 40_000}} {
		t.Run(fmt.Sprintf("n=%d,presize=%d@%d", tc.n, tc.presize, tc.at), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(tc.n), uint64(tc.presize)))
			key := func(i int) uint64 {
				if i%97 == 3 {
					return uint64(i) << 40 // low bits zero
				}
				return r.Uint64()
			}
			ids := newIDTable()
			kv, set := newHashTable(false), newHashTable(true)
			wantID, wantKV := map[uint64]uint32{}, map[uint64]uint64{}
			keys := []uint64{0}
			for i := range tc.n {
				keys = append(keys, key(i))
			}
			for i, h := range keys {
				if i == tc.at {
					ids.presize(tc.presize)
				}
				lab := uint32(i % (maxLabel + 1))
				dup, old := ids.insert(h, lab)
				w, had := wantID[keyOf(h)]
				if dup != had || dup && old != w {
					t.Fatalf("insert %#x: got (%v, %d), want (%v, %d)", h, dup, old, had, w)
				}
				if !had {
					wantID[keyOf(h)] = lab
				}
				v := uint64(i) * 3
				first, had := kv.putNew(h, v)
				w2, had2 := wantKV[nonzero(h)]
				if had != had2 || had && first != w2 {
					t.Fatalf("putNew %#x: got (%d, %v), want (%d, %v)", h, first, had, w2, had2)
				}
				if !had {
					wantKV[nonzero(h)] = v
				}
				if set.put(h, 0) != had2 {
					t.Fatalf("put %#x: presence differs from the map", h)
				}
			}
			if ids.n != len(wantID) || kv.n != len(wantKV) || set.n != len(wantKV) {
				t.Fatalf("sizes %d, %d, %d; want %d, %d", ids.n, kv.n, set.n, len(wantID), len(wantKV))
			}
			for _, h := range keys {
				if lab, ok := ids.get(h); !ok || lab != wantID[keyOf(h)] {
					t.Fatalf("get %#x: got (%d, %v), want %d", h, lab, ok, wantID[keyOf(h)])
				}
				if v, ok := kv.get(h); !ok || v != wantKV[nonzero(h)] {
					t.Fatalf("kv get %#x: got (%d, %v)", h, v, ok)
				}
			}
			for range 1000 {
				h := r.Uint64()
				_, in := wantID[keyOf(h)]
				if _, ok := ids.get(h); ok != in {
					t.Fatalf("get of an absent %#x: %v", h, ok)
				}
				_, inKV := wantKV[nonzero(h)]
				if _, ok := set.get(h); ok != inKV {
					t.Fatalf("set get of %#x: %v, want %v", h, ok, inKV)
				}
			}
			if tc.n > 0 && tc.at == 0 && tc.presize >= int64(tc.n) && len(ids.bk) != ids.bucketsFor(tc.presize) {
				t.Errorf("a table presized for its size split: %d buckets, presized %d", len(ids.bk), ids.bucketsFor(tc.presize))
			}
		})
	}
}
