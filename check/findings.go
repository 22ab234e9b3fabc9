package check

import (
	"cmp"
	"slices"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

// groupKey identifies one output line: a check, which case of it, and
// what the finding is about. Each check fills only the fields its
// findings are about and leaves the others zero; names are looked up only
// when the report is built. It is a map key on the engine's hot path, so
// it stays a small value: indexes, no strings or pointers.
type groupKey struct {
	ck    checkID
	sub   variant            // which case of the check: one of its named constants
	value datafile.ValueKind // value-kind: the kind of the values found
	ref   concept.Kind       // ref-kind: the kind of the item an owned id names
	// label is the item label (the relation's, for dangling role players
	// and nested relations).
	label labelIdx
	role  roleIdx // the (relation, role) label of role checks
	// owner and member are the schema types of an ownership (owner type,
	// attribute type) or of a role player (player type, role type).
	owner, member typeIdx
	// nth is a position in a list the check names: the remap entry
	// (remap), the regex among those of the label's type (regex).
	nth int32
}

// labelIdx indexes the label entries (front.labels, back.labels), roleIdx
// the role entries (front.roles, back.roles), typeIdx the schema types of
// the view (view.types).
type (
	labelIdx int32
	roleIdx  int32
	typeIdx  int32
)

// variant is the case of a check a group holds; each check names its own
// (remapUnmatched, headerMissing…) beside its describe function.
type variant uint8

// compare orders the keys of groups that share a check and a label: by
// what they are about, then by case, then by list position (remap entries
// of one case in file order). A regex's two cases differ in severity,
// which the report compares first.
func (k groupKey) compare(o groupKey) int {
	return cmp.Or(cmp.Compare(k.ck, o.ck), cmp.Compare(k.label, o.label), cmp.Compare(k.role, o.role),
		cmp.Compare(k.owner, o.owner), cmp.Compare(k.member, o.member), cmp.Compare(k.value, o.value),
		cmp.Compare(k.ref, o.ref), cmp.Compare(k.sub, o.sub), cmp.Compare(k.nth, o.nth))
}

// example is one occurrence of a finding. off is -1 and id empty for
// occurrences found at the end of the file, until they are read again.
type example struct {
	item int64
	off  int64
	id   string
	note string
	ref  uint64 // hash of the referenced id, to find it when read again
}

type group struct {
	key   groupKey
	count int64
	ex    []example
}

// findings counts occurrences per group and keeps the first examples.
// Each goroutine of a run has its own.
type findings struct {
	max int
	m   map[groupKey]*group
}

func newFindings(max int) findings { return findings{max: max, m: map[groupKey]*group{}} }

// hit counts one occurrence and returns the example to fill in, or nil
// when the group has its examples already. Examples are the first
// occurrences in the order the engine meets them; merge sorts them.
func (f *findings) hit(k groupKey, item, off int64, id []byte) *example {
	g := f.m[k]
	if g == nil {
		g = &group{key: k}
		f.m[k] = g
	}
	g.count++
	if len(g.ex) >= f.max {
		// A deferred occurrence may come before a kept one in the file.
		if off >= 0 || item >= g.ex[len(g.ex)-1].item {
			return nil
		}
		g.ex = g.ex[:len(g.ex)-1]
	}
	g.ex = append(g.ex, example{item: item, off: off, id: string(id)})
	e := &g.ex[len(g.ex)-1]
	if off < 0 {
		// Keep the list ordered by item so the first examples survive.
		slices.SortStableFunc(g.ex, func(a, b example) int { return cmpInt(a.item, b.item) })
		for i := range g.ex {
			if g.ex[i].item == item && g.ex[i].off < 0 && g.ex[i].note == "" && g.ex[i].ref == 0 {
				e = &g.ex[i]
			}
		}
	}
	return e
}

// merge adds o's groups to f.
func (f *findings) merge(o *findings) {
	for k, g := range o.m {
		h := f.m[k]
		if h == nil {
			f.m[k] = g
			continue
		}
		h.count += g.count
		h.ex = append(h.ex, g.ex...)
		slices.SortStableFunc(h.ex, func(a, b example) int { return cmpInt(a.item, b.item) })
		if len(h.ex) > f.max {
			h.ex = h.ex[:f.max]
		}
	}
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
