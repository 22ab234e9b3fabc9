package check

// The tables below hold what a check needs about every thing of the file:
// its id (as a hash) and label, the first attribute item of each key
// value, and the (owner type, key attribute) pairs seen.
//
// They use extendible hashing: buckets of open-addressing slots with
// linear probing, found through a directory indexed by the top bits of
// the hash. A bucket that fills up splits in two in place, moving about
// half its entries to one new bucket; only the small directory is ever
// reallocated, so growth leaves no garbage (a table that doubled would
// hold its old and new slices together, and keep the old one until the
// next GC: the heap would peak well above the live tables). The bucket
// headers sit in one dense slice apart from the slots, so a lookup reads
// the directory and a header, both in cache, and one slot line.
//
// Splitting still moves every entry about once. The id table avoids most
// of that by splitting, early, to the size the file's length projects
// (idTable.presize): with a good projection no bucket splits afterwards.
// Buckets split at 85% load; presizing aims at 70%.
//
// Hashes can collide. The id table keeps the top 52 bits of each id's
// 64-bit hash, so with n ids two distinct ones look alike with probability
// about n²/2⁵³: 10⁻⁴ for a million ids, 10⁻² for ten million. A collision
// can hide a dangling reference or report a duplicate id that is not one.

const (
	labBits  = 12                 // the low bits of an id table slot, below the tag
	takenBit = 1 << (labBits - 1) // see idTable
	maxLabel = takenBit - 1       // label indexes above this share one slot value

	bucketBits  = 12
	bucketSlots = 1 << bucketBits
	splitAt     = bucketSlots * 85 / 100 // a bucket with this many entries splits
	targetLoad  = 0.7                    // the load a presized table starts for
)

// extTable is the extendible hash table the id and key tables share. A
// slot is w uint64 words, 0 when empty: the first holds the key in the
// bits of mask (and, in the id table, a label in the others), the second,
// when w is 2, a value. Keys are never 0 and look uniformly random.
type extTable struct {
	dir     []int32 // bucket index, by the top depth bits of the key
	depth   uint
	bk      []bucket
	w       int
	mask    uint64
	n       int
	scratch []uint64
}

type bucket struct {
	s     []uint64 // bucketSlots slots of w words
	n     int
	depth uint // the top depth bits of its keys are the same
}

func newExtTable(w int, mask uint64) extTable { return extTable{w: w, mask: mask} }

// home is the slot key starts probing at: bits below any the directory
// could use for a table of reasonable size.
func home(key uint64) int { return int(key>>labBits) & (bucketSlots - 1) }

// at returns key's bucket.
func (t *extTable) at(key uint64) *bucket {
	return &t.bk[t.dir[key>>(64-t.depth)]]
}

// growTo makes the table at least want buckets, one or two depths apart.
// A table far smaller than that (presizing, early in the file) is laid out
// anew and its few entries put back, leaving its old buckets as a little
// garbage; a larger one splits its buckets, the shallowest first, which
// leaves none.
func (t *extTable) growTo(want int) {
	if len(t.bk) >= want {
		return
	}
	if 4*len(t.bk) <= want {
		old := t.bk
		t.layout(want)
		for _, b := range old {
			for k := 0; k < len(b.s); k += t.w {
				if v := b.s[k]; v != 0 {
					nb := t.at(v & t.mask)
					i, _ := t.find(nb, v&t.mask)
					copy(nb.s[i:i+t.w], b.s[k:k+t.w])
					nb.n++
				}
			}
		}
		return
	}
	for len(t.bk) < want {
		j, shallow := 0, ^uint(0)
		for i := 0; i < len(t.dir); {
			d := t.bk[t.dir[i]].depth
			if d < shallow {
				j, shallow = i, d
			}
			i += 1 << (t.depth - d)
		}
		t.split(j)
	}
}

// layout replaces the table with want empty buckets: a directory as deep
// as needed, some buckets one level deeper than others so that the count
// is want exactly.
func (t *extTable) layout(want int) {
	d := uint(0)
	for 1<<d < want {
		d++
	}
	t.depth = d
	t.dir = make([]int32, 1<<d)
	t.bk = make([]bucket, 0, want)
	if d == 0 {
		t.bk = append(t.bk, t.newBucket(0))
		return
	}
	// 2m buckets at depth d, 2^(d-1)-m at depth d-1.
	half := 1 << (d - 1)
	m := want - half
	for p := range half {
		if p < m {
			for j := 2 * p; j < 2*p+2; j++ {
				t.dir[j] = int32(len(t.bk))
				t.bk = append(t.bk, t.newBucket(d))
			}
			continue
		}
		t.dir[2*p], t.dir[2*p+1] = int32(len(t.bk)), int32(len(t.bk))
		t.bk = append(t.bk, t.newBucket(d-1))
	}
}

// bucketsFor is how many buckets hold n entries at targetLoad.
func (t *extTable) bucketsFor(n int64) int {
	return max(1, int(float64(n)/targetLoad/bucketSlots+0.5))
}

func (t *extTable) newBucket(depth uint) bucket {
	return bucket{s: make([]uint64, bucketSlots*t.w), depth: depth}
}

// find returns the index in b.s of key's slot, or of the empty slot where
// it goes.
func (t *extTable) find(b *bucket, key uint64) (int, bool) {
	s, w, mask := b.s, t.w, t.mask
	i := home(key) * w
	for {
		v := s[i]
		if v == 0 {
			return i, false
		}
		if v&mask == key {
			return i, true
		}
		if i += w; i == len(s) {
			i = 0
		}
	}
}

// slotPtr returns the slot key starts probing at, to prefetch.
func (t *extTable) slotPtr(key uint64) *uint64 {
	return &t.bk[t.dir[key>>(64-t.depth)]].s[home(key)*t.w]
}

// lookup returns key's slot and bucket, or false.
func (t *extTable) lookup(key uint64) (int, *bucket, bool) {
	if t.n == 0 {
		return 0, nil, false
	}
	b := t.at(key)
	i, ok := t.find(b, key)
	return i, b, ok
}

// insert stores word (key in its mask bits) unless key is present; it
// returns key's slot and bucket and whether it was present.
func (t *extTable) insert(key, word uint64) (int, *bucket, bool) {
	if t.bk == nil {
		t.layout(1)
	}
	b := t.at(key)
	for b.n >= splitAt {
		t.split(int(key >> (64 - t.depth)))
		b = t.at(key)
	}
	i, had := t.find(b, key)
	if !had {
		b.s[i] = word
		b.n++
		t.n++
	}
	return i, b, had
}

// split splits the bucket directory entry j points at, moving the entries
// whose next key bit is 1 to a new bucket.
func (t *extTable) split(j int) {
	bi := t.dir[j]
	if t.bk[bi].depth == t.depth {
		nd := make([]int32, 2*len(t.dir))
		for i, x := range t.dir {
			nd[2*i], nd[2*i+1] = x, x
		}
		t.dir = nd
		t.depth++
		j *= 2
	}
	old := t.bk[bi].depth
	d := old + 1
	nbi := int32(len(t.bk))
	t.bk = append(t.bk, t.newBucket(d))
	b, nb := &t.bk[bi], &t.bk[nbi]
	b.depth = d
	// The entries pointing at b are a run of 2^(depth-old); the second
	// half of it now points at nb.
	span := 1 << (t.depth - old)
	start := j &^ (span - 1)
	for k := start + span/2; k < start+span; k++ {
		t.dir[k] = nbi
	}
	// Take the entries out (a bucket split early, by growTo, holds few)
	// and put each back into b or nb.
	w, shift := t.w, 64-d
	t.scratch = t.scratch[:0]
	for k := 0; k < len(b.s); k += w {
		if b.s[k] != 0 {
			t.scratch = append(t.scratch, b.s[k:k+w]...)
			clear(b.s[k : k+w])
		}
	}
	b.n = 0
	for k := 0; k < len(t.scratch); k += w {
		v := t.scratch[k]
		key := v & t.mask
		to := b
		if key>>shift&1 == 1 {
			to = nb
		}
		i, _ := t.find(to, key)
		to.s[i] = v
		if w == 2 {
			to.s[i+1] = t.scratch[k+1]
		}
		to.n++
	}
}

// bytes is the memory the table holds.
func (t *extTable) bytes() int64 {
	return int64(len(t.bk))*bucketSlots*8*int64(t.w) + int64(cap(t.dir))*4 + int64(cap(t.bk))*40
}

// idTable maps an id hash to the label index of its item: one uint64 per
// slot, the 52-bit tag (the hash's top bits, never 0) above an 11-bit
// label and takenBit. The bit marks an attribute that an owner already has
// as its key (or @unique) value, when only one owner type may have it so
// (back.taken): the slot the ownership just looked up answers that
// without a table of its own.
type idTable struct{ extTable }

func newIDTable() idTable { return idTable{newExtTable(1, ^uint64(1<<labBits-1))} }

// keyOf returns the key h is stored under: its tag, shifted into place.
func keyOf(h uint64) uint64 {
	k := h &^ (1<<labBits - 1)
	if k == 0 {
		k = 1 << labBits // 0 marks an empty slot
	}
	return k
}

// presize makes room for n ids at targetLoad, n being the number the
// file's length projects.
func (t *idTable) presize(n int64) {
	t.growTo(t.bucketsFor(n))
}

// insert records h with label lab. It reports whether the id was already
// present, and then the label it had.
func (t *idTable) insert(h uint64, lab uint32) (dup bool, old uint32) {
	k := keyOf(h)
	i, b, had := t.extTable.insert(k, k|uint64(min(lab, maxLabel)))
	if had {
		return true, uint32(b.s[i] & maxLabel)
	}
	return false, 0
}

// get returns the label recorded for h.
func (t *idTable) get(h uint64) (uint32, bool) {
	p, ok := t.slot(h)
	if !ok {
		return 0, false
	}
	return uint32(*p & maxLabel), true
}

// slot returns the slot of h, to read its label and mark it taken.
func (t *idTable) slot(h uint64) (*uint64, bool) {
	i, b, ok := t.lookup(keyOf(h))
	if !ok {
		return nil, false
	}
	return &b.s[i], true
}

// hashTable maps 64-bit keys to 64-bit values (or, with noVals, is a
// set). Key 0 is stored as 1.
type hashTable struct{ extTable }

func newHashTable(noVals bool) hashTable {
	if noVals {
		return hashTable{newExtTable(1, ^uint64(0))}
	}
	return hashTable{newExtTable(2, ^uint64(0))}
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
	i, b, had := t.insert(k, k)
	if t.w == 2 {
		b.s[i+1] = v
	}
	return had
}

// putNew sets k to v unless k is present; it returns the value k has.
func (t *hashTable) putNew(k, v uint64) (uint64, bool) {
	k = nonzero(k)
	i, b, had := t.insert(k, k)
	if had {
		return b.s[i+1], true
	}
	b.s[i+1] = v
	return v, false
}

// get returns the value of k.
func (t *hashTable) get(k uint64) (uint64, bool) {
	i, b, ok := t.lookup(nonzero(k))
	if !ok || t.w == 1 {
		return 0, ok
	}
	return b.s[i+1], true
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
