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
func Read(name string, src io.Reader, opt Options) (*Census, error) {
	s := newScan(name, opt)
	r := datafile.NewReader(src, datafile.WithName(name), datafile.WithProgress(opt.Progress))
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
				return nil, d
			}
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		s.item(it)
	}
	s.finish()
	return s.c, nil
}

// scan is the state of one pass.
type scan struct {
	c    *Census
	opt  Options
	seed maphash.Seed

	labels   []string
	labelIdx map[string]int32
	tracked  []bool                      // by label: Options.Keys holds
	regex    []func([]byte) (bool, bool) // by label: Options.Regex
	last     int32                       // label of the previous item, tried first

	attrs map[uint64]attr    // by id hash
	taken map[[2]uint64]bool // (owner label, value identity) of tracked ownerships
	pend  []pendingRef       // ownerships of owners with an attribute not seen yet
	per   []labelCount       // the current owner's ownerships per attribute label
	found []attr             // the current owner's attributes
	roles map[string]int64   // the current relation's players per role name
}

// attr is what the scan keeps of an attribute item.
type attr struct {
	label int32
	value uint64 // value identity, for tracked labels only
}

type pendingRef struct {
	item  int64
	owner int32
	h     uint64
}

type labelCount struct {
	label int32
	n     int64
}

func newScan(name string, opt Options) *scan {
	return &scan{
		c: &Census{Name: name, Instances: map[string]int64{}, Examples: map[string][]diag.DataPos{},
			Owns: map[[2]string]*Count{}, Roles: map[[2]string]*Count{}, Shared: map[[2]string]int64{}, Unmatched: map[string]*Misses{}},
		opt: opt, seed: maphash.MakeSeed(), labelIdx: map[string]int32{}, last: -1,
		attrs: map[uint64]attr{}, taken: map[[2]uint64]bool{}, roles: map[string]int64{},
	}
}

// label interns b; exports write the instances of a type together, so the
// previous label is tried first.
func (s *scan) label(b []byte) int32 {
	if s.last >= 0 && string(b) == s.labels[s.last] {
		return s.last
	}
	i, ok := s.labelIdx[string(b)]
	if !ok {
		i = int32(len(s.labels))
		l := string(b)
		s.labels = append(s.labels, l)
		s.labelIdx[l] = i
		s.tracked = append(s.tracked, s.opt.Keys != nil && s.opt.Keys(l))
		var rx func([]byte) (bool, bool)
		if s.opt.Regex != nil {
			rx = s.opt.Regex(l)
		}
		s.regex = append(s.regex, rx)
	}
	s.last = i
	return i
}

func (s *scan) item(it *datafile.Item) {
	if it.Kind != concept.Entity && it.Kind != concept.Relation && it.Kind != concept.Attribute {
		return
	}
	c := s.c
	lab := s.label(it.Label)
	l := s.labels[lab]
	c.Items++
	c.Instances[l]++
	if ex := c.Examples[l]; len(ex) < MaxExamples {
		c.Examples[l] = append(ex, diag.DataPos{File: c.Name, Offset: it.Offset, Item: it.Index, ID: string(it.ID)})
	}
	if it.Kind == concept.Attribute {
		a := attr{label: lab}
		if s.tracked[lab] {
			a.value = valueIdentity(s.seed, lab, &it.Value)
		}
		s.attrs[maphash.Bytes(s.seed, it.ID)] = a
		if rx := s.regex[lab]; rx != nil && it.HasValue && it.Value.Kind == datafile.ValueString {
			if m, ok := rx(it.Value.Str); ok && !m {
				s.miss(l, it)
			}
		}
		if len(it.Owned) > 0 {
			c.AttributeOwners++
		}
	}
	if len(it.Owned) > 0 {
		s.owned(it, lab)
	}
	if it.Kind == concept.Relation {
		s.players(it, l)
	}
}

// miss records a value of attribute label l that fails its regex.
func (s *scan) miss(l string, it *datafile.Item) {
	ms := s.c.Unmatched[l]
	if ms == nil {
		ms = &Misses{}
		s.c.Unmatched[l] = ms
	}
	ms.N++
	if len(ms.Examples) < MaxExamples {
		ms.Examples = append(ms.Examples, diag.DataPos{File: s.c.Name, Offset: it.Offset, Item: it.Index, ID: string(it.ID)})
	}
}

// owned counts the ownerships of owner item it, or keeps them all for the
// end when one names an attribute not seen yet: an owner's counts are
// taken over all its ownerships at once.
func (s *scan) owned(it *datafile.Item, owner int32) {
	s.found = s.found[:0]
	for _, id := range it.Owned {
		h := maphash.Bytes(s.seed, id)
		a, ok := s.attrs[h]
		if !ok {
			for _, id := range it.Owned {
				s.pend = append(s.pend, pendingRef{item: it.Index, owner: owner, h: maphash.Bytes(s.seed, id)})
			}
			return
		}
		s.found = append(s.found, a)
	}
	for _, a := range s.found {
		s.own(owner, a)
	}
	s.flushOwner(owner)
}

// own records one ownership of the current owner.
func (s *scan) own(owner int32, a attr) {
	found := false
	for j := range s.per {
		if s.per[j].label == a.label {
			s.per[j].n++
			found = true
			break
		}
	}
	if !found {
		s.per = append(s.per, labelCount{label: a.label, n: 1})
	}
	if a.value != 0 {
		k := [2]uint64{uint64(owner), a.value}
		if s.taken[k] {
			s.c.Shared[[2]string{s.labels[owner], s.labels[a.label]}]++
		}
		s.taken[k] = true
	}
}

func (s *scan) flushOwner(owner int32) {
	for _, pc := range s.per {
		k := [2]string{s.labels[owner], s.labels[pc.label]}
		cnt := s.c.Owns[k]
		if cnt == nil {
			cnt = &Count{}
			s.c.Owns[k] = cnt
		}
		cnt.add(pc.n)
	}
	s.per = s.per[:0]
}

func (s *scan) players(it *datafile.Item, rel string) {
	clear(s.roles)
	for _, r := range it.Roles {
		s.roles[roleName(string(r.Label))] += int64(len(r.Players))
	}
	for role, n := range s.roles {
		if n == 0 {
			continue
		}
		k := [2]string{rel, role}
		if s.c.Roles[k] == nil {
			s.c.Roles[k] = &Count{}
		}
		s.c.Roles[k].add(n)
	}
}

// finish counts the ownerships kept for the end, owner by owner; an
// attribute id no item declared is not counted (check reports it).
func (s *scan) finish() {
	for i := 0; i < len(s.pend); {
		j := i
		for j < len(s.pend) && s.pend[j].item == s.pend[i].item {
			if a, ok := s.attrs[s.pend[j].h]; ok {
				s.own(s.pend[i].owner, a)
			}
			j++
		}
		s.flushOwner(s.pend[i].owner)
		i = j
	}
	s.pend = nil
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
