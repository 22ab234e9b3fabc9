package census

import "github.com/tqlmig/tqlmig/internal/splitmix"

// idTable maps attribute id hashes to their label number, in open
// addressing kept at most half full, one 8-byte slot per id: the high bits
// of the hash and the label. The attributes of an export number in the
// millions, and a lookup is a cache miss, so one array is probed, not two.
type idTable struct {
	slots []uint64 // 0: empty
	n     int
}

// labelBits is how many labels an idTable tells apart.
const (
	labelBits = 20
	labelMask = 1<<labelBits - 1
	// MaxLabels is how many distinct labels a census counts.
	MaxLabels = labelMask
)

func newIDTable() idTable { return idTable{slots: make([]uint64, 1<<12)} }

// key turns an id hash into its slot key without the label bits, never 0.
func key(h uint64) uint64 {
	if k := h &^ labelMask; k != 0 {
		return k
	}
	return 1 << labelBits
}

// put records id hash h with label; a repeated id keeps its last label.
func (t *idTable) put(h uint64, label int32) {
	if (t.n+1)*2 > len(t.slots) {
		t.grow()
	}
	k := key(h)
	mask := uint64(len(t.slots) - 1)
	for i := k >> labelBits & mask; ; i = (i + 1) & mask {
		switch v := t.slots[i]; {
		case v == 0:
			t.slots[i] = k | uint64(label)
			t.n++
			return
		case v&^labelMask == k:
			t.slots[i] = k | uint64(label)
			return
		}
	}
}

// get returns the label of id hash h.
func (t *idTable) get(h uint64) (int32, bool) {
	k := key(h)
	mask := uint64(len(t.slots) - 1)
	for i := k >> labelBits & mask; ; i = (i + 1) & mask {
		switch v := t.slots[i]; {
		case v == 0:
			return 0, false
		case v&^labelMask == k:
			return int32(v & labelMask), true
		}
	}
}

// touch loads the first slot h probes, to bring it into the cache.
func (t *idTable) touch(h uint64) uint64 {
	return t.slots[key(h)>>labelBits&uint64(len(t.slots)-1)]
}

func (t *idTable) grow() {
	old := t.slots
	t.slots = make([]uint64, 2*len(old))
	mask := uint64(len(t.slots) - 1)
	for _, v := range old {
		if v == 0 {
			continue
		}
		i := v >> labelBits & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = v
	}
}

// valueTable maps nonzero value identities to the id hash of the first
// attribute item with that value, kept the same way.
type valueTable struct {
	keys, vals []uint64
	n          int
}

// putNew records id for value v unless v has one, and returns v's id.
func (t *valueTable) putNew(v, id uint64) uint64 {
	if (t.n+1)*2 > len(t.keys) {
		keys, vals := t.keys, t.vals
		size := max(2*len(keys), 1<<10)
		t.keys, t.vals, t.n = make([]uint64, size), make([]uint64, size), 0
		for i, k := range keys {
			if k != 0 {
				t.putNew(k, vals[i])
			}
		}
	}
	mask := uint64(len(t.keys) - 1)
	for i := splitmix.Mix(v) & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case 0:
			t.keys[i], t.vals[i] = v, id
			t.n++
			return id
		case v:
			return t.vals[i]
		}
	}
}

// hashSet is a set of nonzero 64-bit hashes, kept the same way.
type hashSet struct {
	keys []uint64
	n    int
}

func newHashSet() hashSet { return hashSet{keys: make([]uint64, 1<<10)} }

// add inserts h (nonzero) and reports whether it was new.
func (s *hashSet) add(h uint64) bool {
	if (s.n+1)*2 > len(s.keys) {
		old := s.keys
		s.keys, s.n = make([]uint64, 2*len(old)), 0
		for _, k := range old {
			if k != 0 {
				s.add(k)
			}
		}
	}
	mask := uint64(len(s.keys) - 1)
	for i := splitmix.Mix(h) & mask; ; i = (i + 1) & mask {
		switch s.keys[i] {
		case 0:
			s.keys[i] = h
			s.n++
			return true
		case h:
			return false
		}
	}
}
