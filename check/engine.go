package check

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/splitmix"
	"github.com/tqlmig/tqlmig/remap"
)

// The engine has two halves joined by batches of compact records:
//
//   - the front reads and decodes items, resolves labels and roles through
//     the schema, checks values, and hashes ids; everything it checks needs
//     only the item itself;
//   - the back holds the id tables: duplicates, references, and what
//     depends on the type of a referenced item (ownerships, plays, keys).
//
// They run in two goroutines, or in one (Options.Workers = 1), with the
// same results. Each half owns its own state; the schema view is shared
// read-only, and new label and role entries travel in the batches.

// labelStatus is how an item label resolved.
type labelStatus uint8

const (
	lsOK labelStatus = iota
	lsUnknown
	lsKind
	lsAbstract
	lsOverflow // too many distinct labels to track one by one
)

// roleStatus is how a role label resolved.
type roleStatus uint8

const (
	rsOK roleStatus = iota
	rsUnknown
	rsUnrelated
	rsNoRelation // the relation's own label did not resolve
)

// labelEntry is one distinct (item kind, label) of the file.
type labelEntry struct {
	kind   concept.Kind
	file   string // as written
	mapped string // after the remap
	typ    int32  // schema type to check items against, -1 when none
	found  int32  // the type the label names whatever its kind, -1
	status labelStatus
	count  int64
	values uint32 // value kinds seen (attributes)
	regexN int64  // values the regexes could not judge
}

// roleEntry is one distinct (relation label, role label) of the file.
type roleEntry struct {
	rel    int32 // label entry of the relation
	file   string
	mapped string
	typ    int32 // role type, -1 when unresolved
	status roleStatus
	count  int64
}

// backLabel and backRole are what the back needs of the entries.
type backLabel struct {
	kind concept.Kind
	typ  int32
}

type backRole struct {
	rel int32
	typ int32
}

// rec is one thing item, as the front hands it to the back.
type rec struct {
	item, off    int64
	h            uint64 // id hash; 0 when the item has no id
	vh           uint64 // value identity of an attribute some owner keys on
	idOff, idLen int32  // the id's bytes in the batch arena
	lab          uint32
	refLo, refHi int32
}

// ref is an owned attribute (role < 0) or a role player.
type ref struct {
	h    uint64
	role int32
}

type batch struct {
	recs   []rec
	refs   []ref
	arena  []byte
	labels []backLabel // label entries new since the last batch
	roles  []backRole
	read   int64 // bytes of the stream read through the batch's last item
}

// A batch is full at batchItems items, batchRefs references or batchArena
// bytes of ids, whichever comes first; it is allocated once at that size
// (and a little more, for the item that fills it), so that filling it
// allocates nothing.
const (
	batchItems = 4096
	batchRefs  = 4 * batchItems
	batchArena = 64 * batchItems
	batchSlack = 1024
)

func newBatch() *batch {
	return &batch{
		recs:  make([]rec, 0, batchItems),
		refs:  make([]ref, 0, batchRefs+batchSlack),
		arena: make([]byte, 0, batchArena+16*batchSlack),
	}
}

func (b *batch) full() bool {
	return len(b.recs) >= batchItems || len(b.refs) >= batchRefs || len(b.arena) >= batchArena
}

func (b *batch) reset() {
	b.recs, b.refs, b.arena = b.recs[:0], b.refs[:0], b.arena[:0]
	b.labels, b.roles = b.labels[:0], b.roles[:0]
	b.read = 0
}

// run is the state of one Run shared by both halves (read-only).
type run struct {
	v     *view
	remap *remap.Remap
	level [numChecks]Level
	seed  maphash.Seed
	max   int
	name  string
	size  int64 // bytes of the stream, or -1 when unknown (datafile.SourceSize)
	// maxString is the target's largest string value in bytes, 0 when
	// unlimited or the string-size check is off.
	maxString int
}

func (r *run) on(c checkID) bool { return r.level[c] != Off }

func (r *run) hash(b []byte) uint64 { return nonzero(maphash.Bytes(r.seed, b)) }

// ---- front ----

type front struct {
	*run
	rd *datafile.Reader
	fs findings

	labels    []labelEntry
	labelIdx  [concept.Kinds]map[string]int32 // by item kind
	roles     []roleEntry
	relRoles  map[int32]map[string]int32 // relation label entry → role label → role entry
	sentL     int                        // label entries already sent to the back
	sentR     int
	lastLabel [concept.Kinds]lastEntry // by item kind
	lastRoles [4]lastEntry             // most recent first

	counts      datafile.Checksums
	headers     []diag.DataPos
	sums        []diag.DataPos
	declared    datafile.Checksums
	remapUsed   map[string]bool
	checkpoints []checkpoint // about every checkpointEvery items, for reread
	fatal       *diag.Diagnostic
	items       int64
	roleTyps    []int32 // role types of the relation item being read (cardinality)
}

const checkpointEvery = 1024

// checkpoint is an item's index and offset, where reading may restart.
type checkpoint struct{ item, off int64 }

func newFront(r *run, rd *datafile.Reader) *front {
	f := &front{run: r, rd: rd, fs: newFindings(r.max), relRoles: map[int32]map[string]int32{}, remapUsed: map[string]bool{}}
	for k := range f.labelIdx {
		f.labelIdx[k] = map[string]int32{}
	}
	return f
}

// relabel applies the remap and remembers which entries matched.
func (f *front) relabel(label string) string {
	if f.remap == nil {
		return label
	}
	if n, ok := f.remap.Lookup(label); ok {
		f.remapUsed[label] = true
		return n
	}
	return label
}

// label returns the entry of (k, b), creating it on first sight.
// Exports write the instances of a type together, so the last label of
// each kind is tried first.
func (f *front) label(k concept.Kind, b []byte) int32 {
	last := &f.lastLabel[k]
	if last.ok && string(b) == f.labels[last.idx].file {
		return last.idx
	}
	i := f.labelSlow(k, b)
	*last = lastEntry{idx: i, ok: true}
	return i
}

type lastEntry struct {
	idx int32
	rel int32 // for roles: the relation's label entry
	ok  bool
}

func (f *front) labelSlow(k concept.Kind, b []byte) int32 {
	m := f.labelIdx[k]
	if i, ok := m[string(b)]; ok {
		return i
	}
	if len(f.labels) >= maxLabel-4 { // room for the three overflow entries
		return f.overflow(k)
	}
	s := string(b)
	e := labelEntry{kind: k, file: s, mapped: f.relabel(s)}
	e.typ, e.found, e.status = f.v.lookupThing(k, e.mapped)
	i := int32(len(f.labels))
	f.labels = append(f.labels, e)
	m[s] = i
	return i
}

// overflow is the shared entry of kind k for labels past the limit.
func (f *front) overflow(k concept.Kind) int32 {
	key := "\x00overflow"
	m := f.labelIdx[k]
	if i, ok := m[key]; ok {
		return i
	}
	i := int32(len(f.labels))
	f.labels = append(f.labels, labelEntry{kind: k, file: "…", mapped: "…", typ: -1, found: -1, status: lsOverflow})
	m[key] = i
	return i
}

// role returns the entry of role label b in the relation of label entry
// rel, trying the last few roles first.
func (f *front) role(rel int32, b []byte) int32 {
	for j := range f.lastRoles {
		l := &f.lastRoles[j]
		if l.ok && l.rel == rel && string(b) == f.roles[l.idx].file {
			return l.idx
		}
	}
	i := f.roleSlow(rel, b)
	if i >= 0 {
		copy(f.lastRoles[1:], f.lastRoles[:len(f.lastRoles)-1])
		f.lastRoles[0] = lastEntry{idx: i, rel: rel, ok: true}
	}
	return i
}

func (f *front) roleSlow(rel int32, b []byte) int32 {
	m := f.relRoles[rel]
	if m == nil {
		m = map[string]int32{}
		f.relRoles[rel] = m
	}
	if i, ok := m[string(b)]; ok {
		return i
	}
	if len(f.roles) >= auxMask-1 {
		return -1
	}
	s := string(b)
	e := roleEntry{rel: rel, file: s, mapped: f.relabel(s), typ: -1, status: rsNoRelation}
	le := &f.labels[rel]
	if rt := le.found; rt >= 0 && f.v.types[rt].kind == concept.Relation {
		e.typ, e.status = f.v.lookupRole(rt, e.mapped)
	}
	i := int32(len(f.roles))
	f.roles = append(f.roles, e)
	m[s] = i
	return i
}

// read runs the front over the whole stream, handing full batches to emit.
// It returns the batch in progress, not yet emitted.
func (f *front) read(get func() *batch, emit func(*batch)) error {
	b := get()
	for {
		it, err := f.rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				return err
			}
			switch d.Code {
			case datafile.CodeEmpty, datafile.CodeCompressed, datafile.CodeNotExport, datafile.CodeRead:
				return d
			case datafile.CodeBadLength, datafile.CodeTooLarge:
				if f.rd.Index() == 0 {
					return d
				}
			}
			if e := f.fs.hit(groupKey{ck: ckMalformed, sub: malformedCase(d.Code)}, d.Data.Item, d.Data.Offset, []byte(d.Data.ID)); e != nil {
				e.note = d.Message
			}
			if datafile.Recoverable(err) {
				continue
			}
			f.fatal = d
			break
		}
		f.item(it, b)
		if b.full() {
			f.flush(b)
			emit(b)
			b = get()
		}
	}
	f.items = f.rd.Index()
	f.flush(b)
	emit(b)
	return nil
}

// flush moves the entries created since the last batch into b.
func (f *front) flush(b *batch) {
	for _, e := range f.labels[f.sentL:] {
		b.labels = append(b.labels, backLabel{kind: e.kind, typ: e.typ})
	}
	f.sentL = len(f.labels)
	for _, e := range f.roles[f.sentR:] {
		b.roles = append(b.roles, backRole{rel: e.rel, typ: e.typ})
	}
	f.sentR = len(f.roles)
	b.read = f.rd.Offset()
}

func (f *front) item(it *datafile.Item, b *batch) {
	if n := len(f.checkpoints); n == 0 || it.Index-f.checkpoints[n-1].item >= checkpointEvery {
		f.checkpoints = append(f.checkpoints, checkpoint{item: it.Index, off: it.Offset})
	}
	if len(f.sums) > 0 && it.Kind != concept.Checksums {
		f.fs.hit(groupKey{ck: ckChecksums, sub: checksumsNotLast}, it.Index, it.Offset, it.ID)
	}
	switch it.Kind {
	case concept.Header:
		f.headers = append(f.headers, diag.DataPos{Item: it.Index, Offset: it.Offset})
		return
	case concept.Checksums:
		if len(f.sums) == 0 {
			f.declared = it.Checksums
		}
		f.sums = append(f.sums, diag.DataPos{Item: it.Index, Offset: it.Offset})
		return
	case concept.Unknown:
		if e := f.fs.hit(groupKey{ck: ckMalformed, sub: malformedEmpty}, it.Index, it.Offset, nil); e != nil {
			e.note = "empty item"
		}
		return
	}
	f.counts.Add(it)
	lab := f.label(it.Kind, it.Label)
	le := &f.labels[lab]
	le.count++
	if f.on(ckInvalidUTF8) && !it.ValidUTF8() {
		f.fs.hit(groupKey{ck: ckInvalidUTF8, label: labelIdx(lab)}, it.Index, it.Offset, it.ID)
	}
	switch le.status {
	case lsUnknown, lsOverflow:
		f.fs.hit(groupKey{ck: ckUnknownLabel, label: labelIdx(lab)}, it.Index, it.Offset, it.ID)
	case lsKind:
		f.fs.hit(groupKey{ck: ckLabelKind, label: labelIdx(lab)}, it.Index, it.Offset, it.ID)
	case lsAbstract:
		f.fs.hit(groupKey{ck: ckAbstract, label: labelIdx(lab)}, it.Index, it.Offset, it.ID)
	}
	var h uint64
	if len(it.ID) == 0 {
		f.fs.hit(groupKey{ck: ckMissingID, label: labelIdx(lab)}, it.Index, it.Offset, nil)
	} else {
		h = f.hash(it.ID)
	}
	r := rec{item: it.Index, off: it.Offset, h: h, lab: uint32(lab), idOff: int32(len(b.arena)), idLen: int32(len(it.ID))}
	b.arena = append(b.arena, it.ID...)
	r.refLo = int32(len(b.refs))
	for _, o := range it.Owned {
		b.refs = append(b.refs, ref{h: f.hash(o), role: -1})
	}
	switch it.Kind {
	case concept.Attribute:
		r.vh = f.attribute(it, lab, le)
	case concept.Relation:
		f.relation(it, lab, b)
	}
	r.refHi = int32(len(b.refs))
	b.recs = append(b.recs, r)
}

// attribute checks an attribute item's value and returns its value
// identity when some owner keys on its type.
func (f *front) attribute(it *datafile.Item, lab int32, le *labelEntry) uint64 {
	if len(it.Owned) > 0 && f.on(ckAttributeOwns) {
		f.fs.hit(groupKey{ck: ckAttributeOwns, label: labelIdx(lab)}, it.Index, it.Offset, it.ID)
	}
	v := &it.Value
	kind := v.Kind
	if !it.HasValue {
		kind = datafile.ValueNone
	}
	le.values |= 1 << kind
	if le.typ < 0 {
		return 0
	}
	t := f.v.types[le.typ]
	if kind == datafile.ValueNone || t.values&(1<<kind) == 0 {
		if e := f.fs.hit(groupKey{ck: ckValueKind, label: labelIdx(lab), value: kind}, it.Index, it.Offset, it.ID); e != nil && kind != datafile.ValueNone {
			e.note = "value " + truncate(v.String(), 60)
		}
	} else if kind == datafile.ValueString && f.maxString > 0 && len(v.Str) > f.maxString {
		if e := f.fs.hit(groupKey{ck: ckStringSize, label: labelIdx(lab)}, it.Index, it.Offset, it.ID); e != nil {
			e.note = fmt.Sprintf("value of %d bytes", len(v.Str))
		}
	} else if kind == datafile.ValueString && len(t.regexes) > 0 && f.on(ckRegex) {
		for i, rx := range t.regexes {
			m, ok := rx.match(v.Str)
			switch {
			case !ok:
				le.regexN++
				f.fs.hit(groupKey{ck: ckRegex, label: labelIdx(lab), nth: int32(i), sub: regexUnchecked}, it.Index, it.Offset, it.ID)
			case !m:
				if e := f.fs.hit(groupKey{ck: ckRegex, label: labelIdx(lab), nth: int32(i), sub: regexMismatch}, it.Index, it.Offset, it.ID); e != nil {
					e.note = "value " + truncate(v.String(), 60)
				}
			}
		}
	}
	if len(t.cons) > 0 && kind != datafile.ValueNone && t.values&(1<<kind) != 0 && f.on(ckValueConstraint) {
		for i, c := range t.cons {
			if ok, judged := c.admits(v); judged && !ok {
				if e := f.fs.hit(groupKey{ck: ckValueConstraint, label: labelIdx(lab), nth: int32(i)}, it.Index, it.Offset, it.ID); e != nil {
					e.note = "value " + truncate(v.String(), 60)
				}
			}
		}
	}
	if !t.keyTarget {
		return 0
	}
	return valueIdentity(f.seed, le.typ, kind, v)
}

// valueIdentity hashes (attribute type, value): attributes are unique by
// type and value, so equal identities are one attribute in the database.
func valueIdentity(seed maphash.Seed, typ int32, kind datafile.ValueKind, v *datafile.Value) uint64 {
	x := splitmix.Mix(uint64(typ)<<8 | uint64(kind))
	switch kind {
	case datafile.ValueString, datafile.ValueStruct:
		x ^= maphash.Bytes(seed, v.Str)
	case datafile.ValueDouble:
		f := v.Float
		if f == 0 {
			f = 0 // -0 and +0 are one value
		}
		x ^= splitmix.Mix(math.Float64bits(f) + 1)
	default:
		x ^= splitmix.Mix(uint64(v.Int)+0x9e3779b97f4a7c15) ^ splitmix.Mix(v.Uint+uint64(v.Nanos)<<1+uint64(v.Months)<<33+uint64(v.Days)<<45+2)
		if kind == datafile.ValueDatetimeTZ {
			x ^= maphash.Bytes(seed, v.Str) ^ splitmix.Mix(uint64(v.Offset)+3)
		}
	}
	return nonzero(x)
}

func (f *front) relation(it *datafile.Item, lab int32, b *batch) {
	if it.RoleCount() == 0 && f.on(ckNoPlayers) {
		f.fs.hit(groupKey{ck: ckNoPlayers, label: labelIdx(lab)}, it.Index, it.Offset, it.ID)
	}
	rt := f.labels[lab].typ
	bounded := rt >= 0 && len(f.v.types[rt].roleBounds) > 0 && f.on(ckCardinality)
	f.roleTyps = f.roleTyps[:0]
	for i := range it.Roles {
		ro := &it.Roles[i]
		ri := f.role(lab, ro.Label)
		if bounded {
			typ := int32(-1)
			if ri >= 0 {
				typ = f.roles[ri].typ
			}
			f.roleTyps = append(f.roleTyps, typ)
		}
		if ri >= 0 {
			e := &f.roles[ri]
			e.count += int64(len(ro.Players))
			switch e.status {
			case rsUnknown:
				f.fs.hit(groupKey{ck: ckUnknownRole, role: roleIdx(ri)}, it.Index, it.Offset, it.ID)
			case rsUnrelated:
				if f.on(ckRoleUnrelated) {
					f.fs.hit(groupKey{ck: ckRoleUnrelated, role: roleIdx(ri)}, it.Index, it.Offset, it.ID)
				}
			}
		}
		for _, p := range ro.Players {
			b.refs = append(b.refs, ref{h: f.hash(p), role: ri})
		}
	}
	if bounded {
		f.relationBounds(it, rt, f.roleTyps)
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// ---- back ----

type back struct {
	*run
	fs     findings
	labels []backLabel
	roles  []backRole
	ids    idTable
	// byValue maps the value identity of each attribute some owner keys
	// on to the id of the first attribute item with it; alias maps the
	// ids of later items with the same value to that first id, so that
	// key values are told apart by attribute id.
	byValue hashTable
	alias   map[uint64]uint64
	keyOwn  hashTable // (owner type, key or unique attribute) seen
	pend    pendingList
	// dups maps the hash of each id that a second item repeats to the
	// label of that item, to count the references that then rebind.
	dups map[uint64]int32
	// partners are ownerships with an unresolved side, for suggestions.
	partners map[uint64]struct{}
	owns     [][]uint8 // by owner type, see ownsOf
	plays    [][]bool  // by player type, see playsOf
	presized bool      // the id table has been sized from a projection
	ptrs     []*uint64 // slots to prefetch
	sink     uint64    // keeps the loads of a portable prefetch alive
}

func newBack(r *run) *back {
	return &back{run: r, fs: newFindings(r.max), owns: make([][]uint8, len(r.v.types)), plays: make([][]bool, len(r.v.types)),
		ids: newIDTable(), byValue: newHashTable(false), keyOwn: newHashTable(true)}
}

// loc is where an occurrence is: off < 0 for a deferred one.
type loc struct {
	item, off int64
	id        []byte
	ref       uint64
}

func (b *back) hit(k groupKey, l loc) *example {
	e := b.fs.hit(k, l.item, l.off, l.id)
	if e != nil {
		e.ref = l.ref
	}
	return e
}

// process checks one batch, in item order.
func (b *back) process(bt *batch) {
	b.labels = append(b.labels, bt.labels...)
	b.roles = append(b.roles, bt.roles...)
	if b.ids.bk == nil {
		b.ids.layout(1)
	}
	if !b.presized && b.size > 0 && bt.read >= min(presizeAfter, b.size) {
		b.ids.presize(b.projectIDs(bt))
		b.presized = true
	}
	// Prefetch the id table slots of the items a few groups ahead, so that
	// their cache misses overlap each other and the checks of the items
	// before them, instead of stalling the probing loops one by one.
	const group, dist = 16, 2
	n := len(bt.recs)
	for lo := 0; lo < min(group*dist, n); lo += group {
		b.prefetch(bt, lo, min(lo+group, n))
	}
	for lo := 0; lo < n; lo += group {
		if next := lo + group*dist; next < n {
			b.prefetch(bt, next, min(next+group, n))
		}
		for i := lo; i < min(lo+group, n); i++ {
			b.rec(bt, &bt.recs[i])
		}
	}
}

// prefetch asks for the table slots that records lo to hi of bt will
// probe first.
func (b *back) prefetch(bt *batch, lo, hi int) {
	p := b.ptrs[:0]
	for i := lo; i < hi; i++ {
		r := &bt.recs[i]
		p = append(p, b.ids.slotPtr(keyOf(r.h)))
		if r.vh != 0 && b.byValue.n > 0 {
			p = append(p, b.byValue.slotPtr(nonzero(r.vh)))
		}
	}
	for _, rf := range bt.refs[bt.recs[lo].refLo:bt.recs[hi-1].refHi] {
		p = append(p, b.ids.slotPtr(keyOf(rf.h)))
	}
	b.sink += prefetch(p)
	b.ptrs = p
}

// The id table is sized once presizeAfter bytes are read: a smaller
// sample projects too noisily. No projection exceeds one id per
// minItemBytes of the stream, about the smallest item with an id, so that
// a sample of unusually small items cannot ask for a huge table.
const (
	presizeAfter = 1 << 20
	minItemBytes = 24
)

// projectIDs estimates the ids of the whole stream from the share of it
// read through bt, or returns 0 when the stream's size is not known.
func (b *back) projectIDs(bt *batch) int64 {
	if b.size <= 0 || bt.read <= 0 {
		return 0
	}
	n := float64(b.ids.n+len(bt.recs)) * float64(b.size) / float64(bt.read)
	return int64(min(n, float64(b.size/minItemBytes)))
}

// ownsOf returns owner type ot's ownership flags indexed by attribute
// type, built on first use (the view keeps them in a map; a slice is
// faster on this path).
func (b *back) ownsOf(ot int32) []uint8 {
	if d := b.owns[ot]; d != nil {
		return d
	}
	d := make([]uint8, len(b.v.types))
	for a, f := range b.v.types[ot].owns {
		d[a] = f
	}
	b.owns[ot] = d
	return d
}

// playsOf is ownsOf for the roles player type pt plays.
func (b *back) playsOf(pt int32) []bool {
	if d := b.plays[pt]; d != nil {
		return d
	}
	d := make([]bool, len(b.v.types))
	for r := range b.v.types[pt].plays {
		d[r] = true
	}
	b.plays[pt] = d
	return d
}

func (b *back) rec(bt *batch, r *rec) {
	id := bt.arena[r.idOff : r.idOff+r.idLen]
	if r.h != 0 {
		if dup, _ := b.ids.insert(r.h, r.lab); dup {
			if b.dups == nil {
				b.dups = map[uint64]int32{}
			}
			b.dups[r.h] = int32(r.lab)
			b.fs.hit(groupKey{ck: ckDuplicateID, label: labelIdx(r.lab), sub: dupRepeated}, r.item, r.off, id)
		}
		if r.vh != 0 {
			if first, had := b.byValue.putNew(r.vh, r.h); had && first != r.h {
				if b.alias == nil {
					b.alias = map[uint64]uint64{}
				}
				b.alias[r.h] = first
			}
		}
	}
	owner := b.labels[r.lab]
	var keys []int32
	if owner.typ >= 0 {
		keys = b.v.types[owner.typ].keys
	}
	var counts uint64
	deferred := false
	for _, rf := range bt.refs[r.refLo:r.refHi] {
		l := loc{item: r.item, off: r.off, id: id, ref: rf.h}
		slot, ok := b.ids.slot(rf.h)
		if ok && b.dups != nil {
			b.rebinds(rf.h, rf.role < 0, l)
		}
		if rf.role < 0 {
			if !ok {
				b.pend.push(pending{h: rf.h, meta: packPending(r.item, r.lab, pendOwned)})
				deferred = true
				continue
			}
			b.owned(r.lab, slot, rf.h, l, &counts)
			continue
		}
		if !ok {
			b.pend.push(pending{h: rf.h, meta: packPending(r.item, uint32(rf.role), pendPlayer)})
			continue
		}
		b.player(uint32(rf.role), uint32(*slot&maxLabel), l)
	}
	if len(keys) == 0 || !(b.on(ckKeyCount) || b.on(ckCardinality)) {
		return
	}
	if deferred {
		b.pend.push(pending{h: counts, meta: packPending(r.item, r.lab, pendSummary)})
		return
	}
	b.keyCounts(owner.typ, counts, loc{item: r.item, off: r.off, id: id})
}

// owned checks one ownership whose attribute id is known: slot is its id
// table slot.
func (b *back) owned(ownerLab uint32, slot *uint64, attrH uint64, l loc, counts *uint64) {
	attrLab := uint32(*slot & maxLabel)
	attr := b.labels[attrLab]
	if attr.kind != concept.Attribute {
		b.hit(groupKey{ck: ckRefKind, label: labelIdx(ownerLab), ref: attr.kind}, l)
		return
	}
	ot := b.labels[ownerLab].typ
	if ot < 0 || attr.typ < 0 {
		b.partner(ownerLab, attrLab)
		return
	}
	flags := b.ownsOf(ot)[attr.typ]
	if flags == 0 {
		b.hit(groupKey{ck: ckOwnership, owner: typeIdx(ot), member: typeIdx(attr.typ)}, l)
		return
	}
	if t := b.v.types[ot]; counts != nil && (flags&ownKey != 0 || len(t.bounds) > 0 || b.v.target.Major == 3 && t.nkeys > 0) {
		b.v.countOwned(t, attr.typ, flags&ownKey != 0, counts)
	}
	if flags&ownKey != 0 {
		if b.on(ckKeyUnique) {
			b.taken(ckKeyUnique, ot, attr.typ, attrH, slot, l)
		}
	}
	if flags&ownUnique != 0 && b.on(ckUnique) {
		b.taken(ckUnique, ot, attr.typ, attrH, slot, l)
	}
}

// taken records that an owner of type ot has the key (or unique) attribute
// attrH, whose id table slot is slot, and reports it when another owner of
// that type had its value. When ot is the only type that may have
// attributes of type at as a key or unique value, the attribute's takenBit
// says so; otherwise keyOwn has (ot, attribute) pairs.
func (b *back) taken(ck checkID, ot, at int32, attrH uint64, slot *uint64, l loc) {
	if a, ok := b.alias[attrH]; ok {
		attrH = a
		slot = nil
	}
	if b.v.types[at].oneTaker {
		if slot == nil {
			slot, _ = b.ids.slot(attrH)
		}
		if slot != nil {
			if *slot&takenBit != 0 {
				b.hit(groupKey{ck: ck, owner: typeIdx(ot), member: typeIdx(at)}, l)
			}
			*slot |= takenBit
			return
		}
	}
	salt := uint64(0)
	if ck == ckUnique {
		salt = 1
	}
	k := splitmix.Mix(uint64(ot)<<1|salt) ^ attrH
	if b.keyOwn.put(k, 0) {
		b.hit(groupKey{ck: ck, owner: typeIdx(ot), member: typeIdx(at)}, l)
	}
}

// keyCounts reports an owner without exactly one key of each key type.
func (b *back) keyCounts(ot int32, counts uint64, l loc) {
	t := b.v.types[ot]
	if b.on(ckCardinality) && len(t.bounds) > 0 {
		b.ownedBounds(ot, counts, l)
	}
	if !b.on(ckKeyCount) {
		return
	}
	for i, k := range t.keys[:t.nkeys] {
		c := counts >> (2 * i) & 3
		if c == 1 {
			continue
		}
		if e := b.hit(groupKey{ck: ckKeyCount, owner: typeIdx(ot), member: typeIdx(k), sub: keyCase(c)}, l); e != nil {
			switch c {
			case 0:
				e.note = "no key"
			case 2:
				e.note = "2 keys"
			default:
				e.note = "3 or more keys"
			}
		}
	}
}

// player checks one role player whose id is known.
func (b *back) player(role uint32, playerLab uint32, l loc) {
	ro := b.roles[role]
	pl := b.labels[playerLab]
	switch pl.kind {
	case concept.Attribute:
		if b.on(ckAttributePlayer) {
			b.hit(groupKey{ck: ckAttributePlayer, role: roleIdx(role)}, l)
			return
		}
	case concept.Relation:
		if b.on(ckNestedRelation) {
			b.hit(groupKey{ck: ckNestedRelation, label: labelIdx(ro.rel)}, l)
		}
	}
	if ro.typ < 0 || pl.typ < 0 {
		return
	}
	if !b.playsOf(pl.typ)[ro.typ] {
		b.hit(groupKey{ck: ckPlays, owner: typeIdx(pl.typ), member: typeIdx(ro.typ)}, l)
	}
}

// rebinds counts a reference to id hash h, resolved at l, when a second
// item has repeated h by then: the importers map the id to one of the
// items, so the reference reaches that one whichever it was meant for.
func (b *back) rebinds(h uint64, owned bool, l loc) {
	lab, ok := b.dups[h]
	if !ok {
		return
	}
	kind := rebindPlayer
	if owned {
		kind = rebindOwned
	}
	b.hit(groupKey{ck: ckDuplicateID, label: labelIdx(lab), sub: kind}, l)
}

// finish resolves the deferred references, in item order.
func (b *back) finish() {
	var accItem int64 = -1
	var acc uint64
	for _, ch := range b.pend.chunks {
		for _, p := range ch {
			item := p.item()
			l := loc{item: item, off: -1, ref: p.h}
			if k := p.kind(); k != pendSummary && b.dups != nil {
				b.rebinds(p.h, k == pendOwned, l)
			}
			switch p.kind() {
			case pendOwned:
				slot, ok := b.ids.slot(p.h)
				if !ok {
					b.hit(groupKey{ck: ckDangling, label: labelIdx(p.aux()), sub: danglingOwned}, l)
					continue
				}
				if accItem != item {
					accItem, acc = item, 0
				}
				b.owned(p.aux(), slot, p.h, l, &acc)
			case pendPlayer:
				target, ok := b.ids.get(p.h)
				if !ok {
					ro := b.roles[p.aux()]
					b.hit(groupKey{ck: ckDangling, label: labelIdx(ro.rel), sub: danglingPlayer}, l)
					continue
				}
				b.player(p.aux(), target, l)
			case pendSummary:
				counts := p.h
				if accItem == item {
					counts = addCounts(counts, acc)
				}
				if ot := b.labels[p.aux()].typ; ot >= 0 {
					b.keyCounts(ot, counts, loc{item: item, off: -1})
				}
			}
		}
	}
}

// addCounts adds two sets of 2-bit saturating counters.
func addCounts(a, b uint64) uint64 {
	var out uint64
	for i := 0; i < 64; i += 2 {
		out |= min(a>>i&3+b>>i&3, 3) << i
	}
	return out
}

func article(k concept.Kind) string {
	if k == concept.Entity || k == concept.Attribute {
		return "an " + k.String()
	}
	return "a " + k.String()
}
