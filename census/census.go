package census

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"os"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/splitmix"
)

// Census is what an export file says about its types. Labels are the
// data's, unless relabelled (Relabel).
type Census struct {
	Name string
	// Items counts the thing items (entities, relations, attributes).
	Items int64
	// Instances counts the thing items per type label: entities and
	// relations, and attribute values per attribute type.
	Instances map[string]int64
	// Examples holds the first few items of each type label.
	Examples map[string][]diag.DataPos
	// Owns is keyed by owner label and attribute label; attributes that
	// own attributes (1.x and 2.x) are owners too.
	Owns map[[2]string]*Count
	// Roles is keyed by relation label and role name (the data's role
	// label without its scope).
	Roles map[[2]string]*Count
	// Shared is keyed like Owns, for the attribute types Options.Keys
	// names: how many ownerships name a value that an earlier owner of the
	// same owner label already has, so that a key on it would not be
	// unique. Attributes are told apart by type and value, as the database
	// does, not by id.
	Shared map[[2]string]int64
	// AttributeOwners counts attribute items that own attributes.
	AttributeOwners int64
	// Unmatched counts, per attribute label, the values that certainly do
	// not match the regexes Options.Regex gives for it, with the first few
	// of them.
	Unmatched map[string]*Misses
}

// Misses counts items and keeps the first few (MaxExamples).
type Misses struct {
	N        int64
	Examples []diag.DataPos
}

// MaxExamples is how many items per label Examples keeps.
const MaxExamples = 3

// Count is how many instances have at least one, the least and the most
// one of those has, and how many have more than one.
type Count struct {
	With     int64
	Min, Max int64
	Multi    int64
}

func (c *Count) add(n int64) {
	if n > 1 {
		c.Multi++
	}
	if c.With == 0 || n < c.Min {
		c.Min = n
	}
	if n > c.Max {
		c.Max = n
	}
	c.With++
}

// Merge adds the counts of o, instances of another type, to c.
func (c *Count) Merge(o *Count) {
	if o == nil || o.With == 0 {
		return
	}
	if c.With == 0 || o.Min < c.Min {
		c.Min = o.Min
	}
	if o.Max > c.Max {
		c.Max = o.Max
	}
	c.With += o.With
	c.Multi += o.Multi
}

// Options configure a census.
type Options struct {
	// Keys reports whether key uniqueness (Census.Shared) is counted for
	// an attribute label; nil counts none.
	Keys func(attr string) bool
	// Regex returns the matcher string values of an attribute label must
	// pass (ok false: cannot tell), or nil for none; nil checks none.
	Regex func(attr string) func(value []byte) (match, ok bool)
	// Progress, when set, is called with the bytes read so far.
	Progress func(read int64)
}

// ReadFile reads the export file at path once and returns its census.
func ReadFile(path string, opt Options) (*Census, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(path, f, opt)
}

// Read reads the export stream src once and returns its census. It fails
// when src is not an export or an item's framing is broken (the error is a
// *diag.Diagnostic placed in the file); items that do not decode are
// skipped, as check reports them.
//
// As in check, decoding (the front: labels, values, role players) and the
// id table (the back: which attribute each ownership names) run in two
// goroutines joined by batches of compact records.
func Read(name string, src io.Reader, opt Options) (*Census, error) {
	f := newFront(name, opt)
	b := newBack()
	const inFlight = 4
	free, full := make(chan *batch, inFlight), make(chan *batch, inFlight)
	for range inFlight {
		free <- &batch{}
	}
	done := make(chan struct{})
	go func() {
		for bt := range full {
			b.process(bt)
			bt.recs, bt.refs = bt.recs[:0], bt.refs[:0]
			free <- bt
		}
		close(done)
	}()
	err := f.read(datafile.NewReader(src, datafile.WithName(name), datafile.WithProgress(opt.Progress)), free, full)
	close(full)
	<-done
	if err != nil {
		return nil, err
	}
	b.finish()
	return f.census(b), nil
}

// rec is one thing item as the front hands it to the back.
type rec struct {
	label  int32
	attr   bool   // an attribute: h is its id hash
	h      uint64 // id hash (attributes)
	value  uint64 // value identity (attributes of tracked labels), else 0
	item   int64
	refLen int32 // owned ids, the next refLen of the batch's refs
}

type batch struct {
	recs []rec
	refs []uint64
}

const batchItems = 4096

// front decodes the stream and counts what needs only the item itself.
type front struct {
	c    *Census
	opt  Options
	seed maphash.Seed

	labels   []string
	labelIdx map[string]int32
	last     int32 // label of the previous item, tried first
	byLabel  []labelState

	roleIdx    map[string]int32 // role label as written → role name number
	roleByName map[string]int32 // role name → its number
	roleNames  []string
	roleCount  map[[2]int32]int32 // (relation label, role name) → role count number
	roles      []Count            // role counts, numbered
	roleKeys   [][2]int32         // (relation label, role name) of each
	per        []labelCount
}

// labelState is what the front keeps per label.
type labelState struct {
	n        int64
	examples []diag.DataPos
	tracked  bool                      // Options.Keys holds
	regex    func([]byte) (bool, bool) // Options.Regex
}

// slot maps a label or role number to a count number.
type slot struct{ key, count int32 }

type labelCount struct {
	label int32
	n     int64
}

func newFront(name string, opt Options) *front {
	return &front{c: &Census{Name: name}, opt: opt, seed: maphash.MakeSeed(), labelIdx: map[string]int32{}, last: -1,
		roleIdx: map[string]int32{}, roleByName: map[string]int32{}, roleCount: map[[2]int32]int32{}}
}

func (f *front) read(r *datafile.Reader, free <-chan *batch, full chan<- *batch) error {
	bt := <-free
	for {
		it, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if datafile.Recoverable(err) {
				continue
			}
			var d *diag.Diagnostic
			if errors.As(err, &d) {
				return d
			}
			return fmt.Errorf("reading %s: %w", f.c.Name, err)
		}
		f.item(it, bt)
		if len(bt.recs) >= batchItems {
			full <- bt
			bt = <-free
		}
	}
	full <- bt
	return nil
}

// label interns b; exports write the instances of a type together, so the
// previous label is tried first.
func (f *front) label(b []byte) int32 {
	if f.last >= 0 && string(b) == f.labels[f.last] {
		return f.last
	}
	i, ok := f.labelIdx[string(b)]
	if !ok {
		l := string(b)
		if len(f.labels) >= MaxLabels {
			l = "…" // one shared label past the limit
			if i, ok = f.labelIdx[l]; ok {
				f.last = i
				return i
			}
		}
		i = int32(len(f.labels))
		f.labels = append(f.labels, l)
		f.labelIdx[l] = i
		st := labelState{tracked: f.opt.Keys != nil && f.opt.Keys(l)}
		if f.opt.Regex != nil {
			st.regex = f.opt.Regex(l)
		}
		f.byLabel = append(f.byLabel, st)
	}
	f.last = i
	return i
}

func (f *front) item(it *datafile.Item, bt *batch) {
	if it.Kind != concept.Entity && it.Kind != concept.Relation && it.Kind != concept.Attribute {
		return
	}
	lab := f.label(it.Label)
	st := &f.byLabel[lab]
	f.c.Items++
	st.n++
	if len(st.examples) < MaxExamples {
		st.examples = append(st.examples, f.pos(it))
	}
	r := rec{label: lab, item: it.Index, refLen: int32(len(it.Owned))}
	if it.Kind == concept.Attribute {
		r.attr, r.h = true, hashID(f.seed, it.ID)
		if st.tracked {
			r.value = valueIdentity(f.seed, lab, &it.Value)
		}
		if st.regex != nil && it.HasValue && it.Value.Kind == datafile.ValueString {
			if m, ok := st.regex(it.Value.Str); ok && !m {
				f.miss(f.labels[lab], it)
			}
		}
		if len(it.Owned) > 0 {
			f.c.AttributeOwners++
		}
	}
	for _, id := range it.Owned {
		bt.refs = append(bt.refs, hashID(f.seed, id))
	}
	if r.attr || r.refLen > 0 {
		bt.recs = append(bt.recs, r)
	}
	if it.Kind == concept.Relation {
		f.players(it, lab)
	}
}

func hashID(seed maphash.Seed, id []byte) uint64 {
	if h := maphash.Bytes(seed, id); h != 0 {
		return h
	}
	return 1
}

func (f *front) pos(it *datafile.Item) diag.DataPos {
	return diag.DataPos{File: f.c.Name, Offset: it.Offset, Item: it.Index, ID: string(it.ID)}
}

// miss records a value of attribute label l that fails its regex.
func (f *front) miss(l string, it *datafile.Item) {
	if f.c.Unmatched == nil {
		f.c.Unmatched = map[string]*Misses{}
	}
	ms := f.c.Unmatched[l]
	if ms == nil {
		ms = &Misses{}
		f.c.Unmatched[l] = ms
	}
	ms.N++
	if len(ms.Examples) < MaxExamples {
		ms.Examples = append(ms.Examples, f.pos(it))
	}
}

// players counts the role players of relation item it per role name.
func (f *front) players(it *datafile.Item, rel int32) {
	f.per = f.per[:0]
	for _, r := range it.Roles {
		ri, ok := f.roleIdx[string(r.Label)]
		if !ok {
			if len(f.roleIdx) >= MaxLabels {
				ri = f.roleNumber("…") // one shared role past the limit
			} else {
				ri = f.roleNumber(roleName(string(r.Label)))
				f.roleIdx[string(r.Label)] = ri
			}
		}
		f.per = addCount(f.per, ri, int64(len(r.Players)))
	}
	for _, pc := range f.per {
		if pc.n == 0 {
			continue
		}
		k := [2]int32{rel, pc.label}
		i, ok := f.roleCount[k]
		if !ok {
			i = int32(len(f.roles))
			f.roles = append(f.roles, Count{})
			f.roleKeys = append(f.roleKeys, k)
			f.roleCount[k] = i
		}
		f.roles[i].add(pc.n)
	}
}

// roleNumber returns the number of role name; labels that share a name
// share its number.
func (f *front) roleNumber(name string) int32 {
	if i, ok := f.roleByName[name]; ok {
		return i
	}
	i := int32(len(f.roleNames))
	f.roleNames = append(f.roleNames, name)
	f.roleByName[name] = i
	return i
}

// addCount adds n to label's entry in per.
func addCount(per []labelCount, label int32, n int64) []labelCount {
	for j := range per {
		if per[j].label == label {
			per[j].n += n
			return per
		}
	}
	return append(per, labelCount{label: label, n: n})
}

// back holds the id table and counts ownerships.
type back struct {
	attrs idTable // attribute id hash → label
	// byValue maps the value identity of each tracked attribute to the id
	// of the first attribute item with it; alias maps the ids of later
	// items with the same value (rare) to that first id, so that owners
	// taking one value are told apart by id, without a lookup per
	// ownership.
	byValue valueTable
	alias   map[uint64]uint64
	tracked []bool       // by label: values of it are tracked
	taken   hashSet      // (owner label, attribute id) of tracked ownerships
	owns    [][]slot     // by owner label: attribute label → ownership count
	counts  []ownCount   // ownership counts, numbered
	keys    [][2]int32   // (owner, attribute) label of each count
	pend    []pendingRef // ownerships of owners with an attribute not seen yet
	per     []labelCount // the current owner's ownerships per attribute label
	found   []attrRef
	sink    uint64 // keeps the touching loads alive
}

type ownCount struct {
	Count
	shared int64
}

// attrRef is what the back knows of an attribute.
type attrRef struct {
	label int32
	id    uint64 // the id hash (of the first item with its value), tracked labels only
}

type pendingRef struct {
	item  int64
	owner int32
	h     uint64
}

func newBack() *back {
	return &back{attrs: newIDTable(), taken: newHashSet()}
}

// process works through one batch. The attribute table is not sized from
// a projection, as check's id table is: exports write attributes first
// (1.x) or last (3.x), so the first megabyte says little about their
// share, and doubling costs no more than the pass's reading.
func (b *back) process(bt *batch) {
	// Touch the table slots of a group of records before working on them:
	// the loads are independent, so their cache misses overlap instead of
	// stalling the probing loops one by one.
	const group = 32
	refs := bt.refs
	touched := refs
	for lo := 0; lo < len(bt.recs); lo += group {
		hi := min(lo+group, len(bt.recs))
		for i := lo; i < hi; i++ {
			r := &bt.recs[i]
			if r.attr {
				b.sink += b.attrs.touch(r.h)
			}
			for _, h := range touched[:r.refLen] {
				b.sink += b.attrs.touch(h)
			}
			touched = touched[r.refLen:]
		}
		refs = b.work(bt.recs[lo:hi], refs)
	}
}

// work does the records of one group, whose references start refs; it
// returns the references after them.
func (b *back) work(recs []rec, refs []uint64) []uint64 {
	for i := range recs {
		r := &recs[i]
		if r.attr {
			b.attrs.put(r.h, r.label)
			if r.value != 0 {
				for int(r.label) >= len(b.tracked) {
					b.tracked = append(b.tracked, false)
				}
				b.tracked[r.label] = true
				if first := b.byValue.putNew(r.value, r.h); first != r.h {
					if b.alias == nil {
						b.alias = map[uint64]uint64{}
					}
					b.alias[r.h] = first
				}
			}
		}
		if r.refLen > 0 {
			b.owned(r, refs[:r.refLen])
			refs = refs[r.refLen:]
		}
	}
	return refs
}

// owned counts the ownerships of owner record r, or keeps them all for the
// end when one names an attribute not seen yet: an owner's counts are
// taken over all its ownerships at once.
func (b *back) owned(r *rec, refs []uint64) {
	b.found = b.found[:0]
	for _, h := range refs {
		a, ok := b.attr(h)
		if !ok {
			for _, h := range refs {
				b.pend = append(b.pend, pendingRef{item: r.item, owner: r.label, h: h})
			}
			return
		}
		b.found = append(b.found, a)
	}
	for _, a := range b.found {
		b.own(r.label, a)
	}
	b.flushOwner(r.label)
}

// attr looks up the attribute of id hash h.
func (b *back) attr(h uint64) (attrRef, bool) {
	l, ok := b.attrs.get(h)
	if !ok {
		return attrRef{}, false
	}
	a := attrRef{label: l}
	if int(l) < len(b.tracked) && b.tracked[l] {
		a.id = h
		if first, ok := b.alias[h]; ok {
			a.id = first
		}
	}
	return a, true
}

// own records one ownership of the current owner, and for a tracked
// attribute whether an owner of the same label already took its value.
func (b *back) own(owner int32, a attrRef) {
	b.per = addCount(b.per, a.label, 1)
	if a.id == 0 {
		return
	}
	k := a.id ^ splitmix.Mix(uint64(owner)+1)
	if k == 0 {
		k = 1
	}
	if !b.taken.add(k) {
		b.count(owner, a.label).shared++
	}
}

// count returns the ownership count of (owner, attr) labels; an owner
// label owns few attribute labels, so a short list beats a map.
func (b *back) count(owner, attr int32) *ownCount {
	for int(owner) >= len(b.owns) {
		b.owns = append(b.owns, nil)
	}
	for _, sl := range b.owns[owner] {
		if sl.key == attr {
			return &b.counts[sl.count]
		}
	}
	i := int32(len(b.counts))
	b.counts = append(b.counts, ownCount{})
	b.keys = append(b.keys, [2]int32{owner, attr})
	b.owns[owner] = append(b.owns[owner], slot{key: attr, count: i})
	return &b.counts[i]
}

func (b *back) flushOwner(owner int32) {
	for _, pc := range b.per {
		b.count(owner, pc.label).add(pc.n)
	}
	b.per = b.per[:0]
}

// finish counts the ownerships kept for the end, owner by owner; an
// attribute id no item declared is not counted (check reports it).
func (b *back) finish() {
	for i := 0; i < len(b.pend); {
		j := i
		for j < len(b.pend) && b.pend[j].item == b.pend[i].item {
			if a, ok := b.attr(b.pend[j].h); ok {
				b.own(b.pend[i].owner, a)
			}
			j++
		}
		b.flushOwner(b.pend[i].owner)
		i = j
	}
	b.pend = nil
}

// census fills the Census maps from both halves.
func (f *front) census(b *back) *Census {
	c := f.c
	c.Instances, c.Examples = map[string]int64{}, map[string][]diag.DataPos{}
	c.Owns, c.Roles, c.Shared = map[[2]string]*Count{}, map[[2]string]*Count{}, map[[2]string]int64{}
	if c.Unmatched == nil {
		c.Unmatched = map[string]*Misses{}
	}
	for i, l := range f.labels {
		c.Instances[l] = f.byLabel[i].n
		c.Examples[l] = f.byLabel[i].examples
	}
	for i, k := range f.roleKeys {
		c.Roles[[2]string{f.labels[k[0]], f.roleNames[k[1]]}] = &f.roles[i]
	}
	for i, k := range b.keys {
		oc := &b.counts[i]
		key := [2]string{f.labels[k[0]], f.labels[k[1]]}
		if oc.With > 0 {
			cnt := oc.Count
			c.Owns[key] = &cnt
		}
		if oc.shared > 0 {
			c.Shared[key] = oc.shared
		}
	}
	return c
}

// valueIdentity hashes an attribute's type and value: attributes are unique
// by type and value, so equal identities are one attribute in the database.
func valueIdentity(seed maphash.Seed, label int32, v *datafile.Value) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	var b [8]byte
	put := func(x uint64) {
		for i := range b {
			b[i] = byte(x >> (8 * i))
		}
		h.Write(b[:])
	}
	put(uint64(label)<<8 | uint64(v.Kind))
	f := v.Float
	if f == 0 {
		f = 0 // -0 and +0 are one value
	}
	put(uint64(v.Int))
	put(v.Uint)
	put(math.Float64bits(f))
	put(uint64(v.Nanos) | uint64(v.Months)<<32)
	put(uint64(v.Days) | uint64(uint32(v.Offset))<<32 | uint64(v.TZ)<<63)
	h.Write(v.Str)
	if x := h.Sum64(); x != 0 {
		return x
	}
	return 1
}

// roleName drops the scope of a role label.
func roleName(label string) string {
	if i := strings.LastIndexByte(label, ':'); i >= 0 {
		return label[i+1:]
	}
	return label
}

// Relabel returns the census with labels renamed as a schema conversion
// renamed them: old=new for types, and "rel:role"=rel:new or a global
// 1.x role label for roles. Counts that meet under one label are merged.
func (c *Census) Relabel(renames map[string]string) *Census {
	if c == nil || len(renames) == 0 {
		return c
	}
	ren := func(l string) string {
		if n, ok := renames[l]; ok {
			return n
		}
		return l
	}
	out := &Census{Name: c.Name, Items: c.Items, Instances: map[string]int64{}, Examples: map[string][]diag.DataPos{},
		Owns: map[[2]string]*Count{}, Roles: map[[2]string]*Count{}, Shared: map[[2]string]int64{}, AttributeOwners: c.AttributeOwners,
		Unmatched: map[string]*Misses{}}
	for l, ms := range c.Unmatched {
		nl := ren(l)
		if out.Unmatched[nl] == nil {
			out.Unmatched[nl] = &Misses{}
		}
		out.Unmatched[nl].N += ms.N
		out.Unmatched[nl].Examples = append(out.Unmatched[nl].Examples, ms.Examples...)[:min(MaxExamples, len(out.Unmatched[nl].Examples)+len(ms.Examples))]
	}
	for l, n := range c.Instances {
		out.Instances[ren(l)] += n
	}
	for l, ex := range c.Examples {
		nl := ren(l)
		out.Examples[nl] = append(out.Examples[nl], ex...)[:min(MaxExamples, len(out.Examples[nl])+len(ex))]
	}
	for k, v := range c.Owns {
		nk := [2]string{ren(k[0]), ren(k[1])}
		if out.Owns[nk] == nil {
			out.Owns[nk] = &Count{}
		}
		out.Owns[nk].Merge(v)
	}
	for k, n := range c.Shared {
		out.Shared[[2]string{ren(k[0]), ren(k[1])}] += n
	}
	for k, v := range c.Roles {
		role := k[1]
		if n, ok := renames[k[0]+":"+role]; ok {
			role = roleName(n)
		} else if n, ok := renames[role]; ok {
			role = roleName(n)
		}
		nk := [2]string{ren(k[0]), role}
		if out.Roles[nk] == nil {
			out.Roles[nk] = &Count{}
		}
		out.Roles[nk].Merge(v)
	}
	return out
}
