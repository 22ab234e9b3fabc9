package check

// The tables below hold what a check needs about every thing of the file:
// its id (as a hash) and label, the first attribute item of each key
// value, and the (owner type, key attribute) pairs seen.
//
// They use extendible hashing: fixed-size buckets of open-addressing
// slots, found through a directory indexed by the top bits of the hash. A
// bucket that fills up splits in two, moving half its entries to one new
// bucket; only the small directory is ever reallocated. A table that
// doubled instead would hold its old and new slot arrays together, and
// leave the old ones as garbage until the next GC: the heap would peak at
// up to three times the live tables. Buckets split at 80% load and start
// at 40%, so the load averages about 60%.
//
// Hashes can collide. The id table keeps the top 52 bits of each id's
// 64-bit hash, so with n ids two distinct ones look alike with probability
// about n²/2⁵³: 10⁻⁴ for a million ids, 10⁻² for ten million. A collision
// can hide a dangling reference or report a duplicate id that is not one.

const (
	labBits  = 12
	maxLabel = 1<<labBits - 1 // label indexes above this share one slot value
	tagBits  = 64 - labBits
	idBucket = 1 << 12 // slots per id table bucket (32 KiB)
	kvBucket = 1 << 10 // slots per hashTable bucket
	splitNum = 4       // split a bucket when more than splitNum/splitDen full
	splitDen = 5
)

// idTable maps an id hash to the label index of its item: one uint64 per
// slot, the 52-bit tag (the hash's top bits, never 0) above the label.
type idTable struct {
	dir     []*idBuck
	depth   uint // the directory has 1<<depth entries
	n       int
	buckets int
	scratch []uint64
}

type idBuck struct {
	slots [idBucket]uint64
	n     int
	depth uint // the top depth bits of its tags are the same
}

func tagOf(h uint64) uint64 {
	t := h >> labBits
	if t == 0 {
		t = 1 // 0 marks an empty slot
	}
	return t
}

func (t *idTable) bucket(tag uint64) *idBuck {
	if t.dir == nil {
		t.dir = []*idBuck{new(idBuck)}
		t.buckets = 1
	}
	return t.dir[tag>>(tagBits-t.depth)&(1<<t.depth-1)]
}

// insert records h with label lab. It reports whether the id was already
// present, and then the label it had.
func (t *idTable) insert(h uint64, lab uint32) (dup bool, old uint32) {
	tag := tagOf(h)
	b := t.bucket(tag)
	for (b.n+1)*splitDen > idBucket*splitNum {
		t.split(b)
		b = t.bucket(tag)
	}
	for i := tag & (idBucket - 1); ; i = (i + 1) & (idBucket - 1) {
		v := b.slots[i]
		if v == 0 {
			b.slots[i] = tag<<labBits | uint64(min(lab, maxLabel))
			b.n++
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
	if t.n == 0 {
		return 0, false
	}
	tag := tagOf(h)
	b := t.bucket(tag)
	for i := tag & (idBucket - 1); ; i = (i + 1) & (idBucket - 1) {
		v := b.slots[i]
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
	if t.n == 0 {
		return 0
	}
	tag := tagOf(h)
	return t.bucket(tag).slots[tag&(idBucket-1)]
}

// split moves the entries of b whose next tag bit is 1 to a new bucket.
func (t *idTable) split(b *idBuck) {
	if b.depth == t.depth {
		t.dir = doubleDir(t.dir)
		t.depth++
	}
	nb := &idBuck{depth: b.depth + 1}
	b.depth++
	t.buckets++
	retarget(t.dir, t.depth, b, nb, func(x *idBuck) uint { return x.depth })
	t.scratch = append(t.scratch[:0], b.slots[:]...)
	clear(b.slots[:])
	b.n = 0
	shift := tagBits - b.depth
	for _, v := range t.scratch {
		if v == 0 {
			continue
		}
		tag := v >> labBits
		to := b
		if tag>>shift&1 == 1 {
			to = nb
		}
		i := tag & (idBucket - 1)
		for to.slots[i] != 0 {
			i = (i + 1) & (idBucket - 1)
		}
		to.slots[i] = v
		to.n++
	}
}

// doubleDir returns a directory twice as deep: entry i becomes 2i and 2i+1.
func doubleDir[B any](dir []*B) []*B {
	nd := make([]*B, 2*len(dir))
	for i, b := range dir {
		nd[2*i], nd[2*i+1] = b, b
	}
	return nd
}

// retarget points the second half of the directory entries that pointed
// at b (whose depth just grew by one) at nb.
func retarget[B any](dir []*B, depth uint, b, nb *B, depthOf func(*B) uint) {
	d := depthOf(b)
	for i := range dir {
		if dir[i] == b && (uint64(i)>>(depth-d))&1 == 1 {
			dir[i] = nb
		}
	}
}

// bytes is the memory the table holds.
func (t *idTable) bytes() int64 {
	return int64(t.buckets)*idBucket*8 + int64(len(t.dir))*8
}

// hashTable maps 64-bit keys to 64-bit values (or, with noVals, is a set),
// by extendible hashing as idTable does. Key 0 is stored as 1.
type hashTable struct {
	dir     []*kvBuck
	depth   uint
	noVals  bool
	n       int
	buckets int
	scratch []uint64
}

type kvBuck struct {
	keys  [kvBucket]uint64
	vals  []uint64 // nil for sets
	n     int
	depth uint
}

func nonzero(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

func (t *hashTable) newBucket(depth uint) *kvBuck {
	b := &kvBuck{depth: depth}
	if !t.noVals {
		b.vals = make([]uint64, kvBucket)
	}
	t.buckets++
	return b
}

func (t *hashTable) bucket(k uint64) *kvBuck {
	if t.dir == nil {
		t.dir = []*kvBuck{t.newBucket(0)}
	}
	return t.dir[k>>(64-t.depth)&(1<<t.depth-1)]
}

// slotFor finds k in b, or the empty slot where it goes.
func slotFor(b *kvBuck, k uint64) (int, bool) {
	for i := k & (kvBucket - 1); ; i = (i + 1) & (kvBucket - 1) {
		switch b.keys[i] {
		case 0:
			return int(i), false
		case k:
			return int(i), true
		}
	}
}

// put sets k to v and reports whether k was present (its value is then
// replaced).
func (t *hashTable) put(k, v uint64) (had bool) {
	i, b, had := t.find(k, true)
	if !t.noVals {
		b.vals[i] = v
	}
	return had
}

// putNew sets k to v unless k is present; it returns the value k has.
func (t *hashTable) putNew(k, v uint64) (uint64, bool) {
	i, b, had := t.find(k, true)
	if had {
		return b.vals[i], true
	}
	b.vals[i] = v
	return v, false
}

// find returns k's slot, adding k when add is set.
func (t *hashTable) find(k uint64, add bool) (int, *kvBuck, bool) {
	k = nonzero(k)
	b := t.bucket(k)
	for add && (b.n+1)*splitDen > kvBucket*splitNum {
		t.split(b)
		b = t.bucket(k)
	}
	i, had := slotFor(b, k)
	if !had && add {
		b.keys[i] = k
		b.n++
		t.n++
	}
	return i, b, had
}

// get returns the value of k.
func (t *hashTable) get(k uint64) (uint64, bool) {
	if t.n == 0 {
		return 0, false
	}
	i, b, had := t.find(k, false)
	if !had || t.noVals {
		return 0, had
	}
	return b.vals[i], true
}

func (t *hashTable) split(b *kvBuck) {
	if b.depth == t.depth {
		t.dir = doubleDir(t.dir)
		t.depth++
	}
	nb := t.newBucket(b.depth + 1)
	b.depth++
	retarget(t.dir, t.depth, b, nb, func(x *kvBuck) uint { return x.depth })
	t.scratch = append(t.scratch[:0], b.keys[:]...)
	if !t.noVals {
		t.scratch = append(t.scratch, b.vals...)
		clear(b.vals)
	}
	clear(b.keys[:])
	b.n = 0
	shift := 64 - b.depth
	for j, k := range t.scratch[:kvBucket] {
		if k == 0 {
			continue
		}
		to := b
		if k>>shift&1 == 1 {
			to = nb
		}
		i, _ := slotFor(to, k)
		to.keys[i] = k
		if !t.noVals {
			to.vals[i] = t.scratch[kvBucket+j]
		}
		to.n++
	}
}

func (t *hashTable) bytes() int64 {
	per := int64(kvBucket * 8)
	if !t.noVals {
		per *= 2
	}
	return int64(t.buckets)*per + int64(len(t.dir))*8
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
