package check

import "math/bits"

// The tables below hold what a check needs about every thing of the file:
// its id (as a hash) and label, the value identity of key attributes, and
// the (owner type, key value) pairs seen. They are open-addressing tables
// split into segments by the top bits of the hash, each growing on its
// own: a single table would briefly hold its old and new slot arrays when
// it doubles (three times its size), a segment only 1/segments of that, so
// peak memory stays close to the steady state.
//
// Hashes can collide. The id table compares 56 bits (8 select the segment,
// 48 are stored), so with n ids two distinct ones look alike with
// probability about n²/2⁵⁷: 10⁻³ for 10 million ids. A collision can hide
// a dangling reference or report a duplicate id that is not one.

const (
	segBits  = 8
	segments = 1 << segBits
	segShift = 64 - segBits
	minSeg   = 16 // initial slots per segment
	tagBits  = 48
	tagMask  = 1<<tagBits - 1
	labBits  = 16
	maxLabel = 1<<labBits - 1 // label indexes above this share one slot value
)

// Slots are found by multiply-shift range reduction, so a segment may have
// any size: segments grow by half when 80% full, keeping the load between
// 53% and 80%.
const (
	maxLoadNum, maxLoadDen = 4, 5
)

func full(n, size int) bool { return (n+1)*maxLoadDen > size*maxLoadNum }

func grownSize(size int) int { return max(minSeg, size+size/2) }

// slot maps the uniform 64-bit x to [0, size).
func slot(x uint64, size int) int {
	hi, _ := bits.Mul64(x, uint64(size))
	return int(hi)
}

// idTable maps an id hash to the label index of its item: one uint64 per
// slot, the 48-bit tag above the 16-bit label.
type idTable struct {
	segs [segments]idSeg
	n    int
}

type idSeg struct {
	slots []uint64
	n     int
}

func tagOf(h uint64) uint64 {
	t := h & tagMask
	if t == 0 {
		t = 1 // 0 marks an empty slot
	}
	return t
}

// insert records h with label lab. It reports whether the id was already
// present, and then the label it had.
func (t *idTable) insert(h uint64, lab uint32) (dup bool, old uint32) {
	s := &t.segs[h>>segShift]
	if full(s.n, len(s.slots)) {
		s.grow()
	}
	tag := tagOf(h)
	n := len(s.slots)
	for i := slot(tag<<labBits, n); ; i++ {
		if i == n {
			i = 0
		}
		v := s.slots[i]
		if v == 0 {
			s.slots[i] = tag<<labBits | uint64(min(lab, maxLabel))
			s.n++
			t.n++
			return false, 0
		}
		if v>>labBits == tag {
			return true, uint32(v & maxLabel)
		}
	}
}

// get returns the label recorded for h.
func (t *idTable) get(h uint64) (uint32, bool) {
	s := &t.segs[h>>segShift]
	if s.n == 0 {
		return 0, false
	}
	tag := tagOf(h)
	n := len(s.slots)
	for i := slot(tag<<labBits, n); ; i++ {
		if i == n {
			i = 0
		}
		v := s.slots[i]
		if v == 0 {
			return 0, false
		}
		if v>>labBits == tag {
			return uint32(v & maxLabel), true
		}
	}
}

// touch reads the slot h starts probing at, so that a later get or insert
// finds it in cache: a batch touches many slots in a row, and the CPU
// overlaps those independent memory loads.
func (t *idTable) touch(h uint64) uint64 {
	s := &t.segs[h>>segShift]
	if len(s.slots) == 0 {
		return 0
	}
	return s.slots[slot(tagOf(h)<<labBits, len(s.slots))]
}

func (s *idSeg) grow() {
	old := s.slots
	s.slots = make([]uint64, grownSize(len(old)))
	n := len(s.slots)
	for _, v := range old {
		if v == 0 {
			continue
		}
		i := slot(v&^maxLabel, n)
		for s.slots[i] != 0 {
			if i++; i == n {
				i = 0
			}
		}
		s.slots[i] = v
	}
}

// bytes is the memory the table holds.
func (t *idTable) bytes() int64 {
	var n int64
	for i := range t.segs {
		n += int64(len(t.segs[i].slots)) * 8
	}
	return n
}

// hashTable maps 64-bit keys to 64-bit values (or, with noVals, is a set).
// Key 0 is stored as 1.
type hashTable struct {
	segs   [segments]hashSeg
	noVals bool
	n      int
}

type hashSeg struct {
	keys, vals []uint64
	n          int
}

func nonzero(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

// put sets k to v and reports whether k was present (its value is then
// replaced).
func (t *hashTable) put(k, v uint64) (had bool) {
	k = nonzero(k)
	s := &t.segs[k>>segShift]
	if full(s.n, len(s.keys)) {
		s.grow(t.noVals)
	}
	n := len(s.keys)
	for i := slot(k<<segBits, n); ; i++ {
		if i == n {
			i = 0
		}
		switch s.keys[i] {
		case 0:
			s.keys[i] = k
			if !t.noVals {
				s.vals[i] = v
			}
			s.n++
			t.n++
			return false
		case k:
			if !t.noVals {
				s.vals[i] = v
			}
			return true
		}
	}
}

// putNew sets k to v unless k is present; it returns the value k has.
func (t *hashTable) putNew(k, v uint64) (uint64, bool) {
	k = nonzero(k)
	s := &t.segs[k>>segShift]
	if full(s.n, len(s.keys)) {
		s.grow(t.noVals)
	}
	n := len(s.keys)
	for i := slot(k<<segBits, n); ; i++ {
		if i == n {
			i = 0
		}
		switch s.keys[i] {
		case 0:
			s.keys[i], s.vals[i] = k, v
			s.n++
			t.n++
			return v, false
		case k:
			return s.vals[i], true
		}
	}
}

// get returns the value of k.
func (t *hashTable) get(k uint64) (uint64, bool) {
	k = nonzero(k)
	s := &t.segs[k>>segShift]
	if s.n == 0 {
		return 0, false
	}
	n := len(s.keys)
	for i := slot(k<<segBits, n); ; i++ {
		if i == n {
			i = 0
		}
		switch s.keys[i] {
		case 0:
			return 0, false
		case k:
			if t.noVals {
				return 0, true
			}
			return s.vals[i], true
		}
	}
}

func (s *hashSeg) grow(noVals bool) {
	oldK, oldV := s.keys, s.vals
	n := grownSize(len(oldK))
	s.keys = make([]uint64, n)
	if !noVals {
		s.vals = make([]uint64, n)
	}
	for j, k := range oldK {
		if k == 0 {
			continue
		}
		i := slot(k<<segBits, n)
		for s.keys[i] != 0 {
			if i++; i == n {
				i = 0
			}
		}
		s.keys[i] = k
		if !noVals {
			s.vals[i] = oldV[j]
		}
	}
}

func (t *hashTable) bytes() int64 {
	var n int64
	for i := range t.segs {
		n += int64(len(t.segs[i].keys)+len(t.segs[i].vals)) * 8
	}
	return n
}

// pending is a reference (or an owner's key summary) that could not be
// checked when its item was read, because the item it names comes later.
// It is resolved at the end of the file.
type pending struct {
	h    uint64 // the referenced id's hash; for pendSummary, the key counts
	meta uint64 // item index (40 bits) | aux (16 bits) | kind (8 bits)
}

// Kinds of pending records.
const (
	pendOwned   = 1 // aux: the owner's label
	pendPlayer  = 2 // aux: the role entry
	pendSummary = 3 // aux: the owner's label; h: key counts so far
)

const (
	itemBits = 40
	auxMask  = 1<<16 - 1
)

func packPending(item int64, aux uint32, kind uint8) uint64 {
	return uint64(item)&(1<<itemBits-1) | uint64(min(aux, auxMask))<<itemBits | uint64(kind)<<56
}

func (p pending) item() int64 { return int64(p.meta & (1<<itemBits - 1)) }
func (p pending) aux() uint32 { return uint32(p.meta>>itemBits) & auxMask }
func (p pending) kind() uint8 { return uint8(p.meta >> 56) }

// pendingList is an append-only list in fixed chunks: it never copies what
// it holds, so it costs 16 bytes a record and no more.
type pendingList struct {
	chunks [][]pending
	n      int
}

const pendChunk = 4096

func (l *pendingList) push(p pending) {
	if l.n%pendChunk == 0 {
		l.chunks = append(l.chunks, make([]pending, 0, pendChunk))
	}
	c := &l.chunks[len(l.chunks)-1]
	*c = append(*c, p)
	l.n++
}

func (l *pendingList) bytes() int64 { return int64(len(l.chunks)) * pendChunk * 16 }
