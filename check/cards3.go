package check

import (
	"strconv"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/schema"
)

// Cases of cardinality groups.
const (
	cardBelow variant = iota // fewer than the bound's minimum
	cardAbove                // more than the bound's maximum
)

// addBounds3 records the cardinalities a 3.x import enforces: it relaxes
// every @card while it writes and restores them at the end, which checks
// each owner's and relation's counts against them. An ownership or role
// without @card has the default @card(0..1), a list one @card(0..). Keys
// are left to key-count. Owns bounds are counted in 2 bits (0, 1, 2, "3 or
// more"), so a minimum above 3 and a maximum above 2 are not judged.
func (v *view) addBounds3(m3 *schema.Model3) {
	for _, t3 := range m3.Types() {
		i, ok := v.byKey[t3.Label]
		if !ok || v.types[i].role || v.types[i].root || !t3.Kind.IsThing() {
			continue
		}
		ti := v.types[i]
		chain := append([]*schema.Type3{t3}, t3.Supertypes()...)
		for _, s := range chain {
			for _, c := range s.Owns {
				b, ok := capBound(c)
				a, known := v.byKey[c.Label]
				if !ok || !known || c.Annot("key") != nil || ti.owns[a] == 0 || !countable(b) || len(ti.keys) >= maxKeys {
					continue
				}
				ti.owns[a] |= ownCounted
				ti.keys = append(ti.keys, a)
				ti.bounds = append(ti.bounds, b)
			}
		}
		if ti.kind != concept.Relation {
			continue
		}
		// A role specialised by "relates r as s" below a type that
		// declares s is bounded by r's relates in that relation instead.
		specialised := map[string]bool{}
		for _, s := range chain {
			for _, c := range s.Relates {
				b, ok := capBound(c)
				r, known := v.byKey[s.Label+":"+c.Label]
				if ok && known && !specialised[c.Label] && b != (bound{0, -1}) {
					ti.roleBounds = append(ti.roleBounds, roleBound{role: r, bound: b})
				}
			}
			for _, c := range s.Relates {
				if c.As != "" {
					specialised[c.As] = true
				}
			}
		}
	}
}

// capBound is c.Card as a bound.
func capBound(c *schema.Cap3) (bound, bool) {
	min, max, ok := c.Card()
	return bound{min, max}, ok
}

// countable reports whether a 2-bit saturating count (0, 1, 2, 3 or
// more) can tell that owns bound b fails: a minimum of 1 to 3, or a
// maximum of at most 2. A larger maximum is not judged (see ownedBounds).
func countable(b bound) bool {
	return b.min >= 1 && b.min <= 3 || b.max >= 0 && b.max <= 2
}

// ownsBound is the first bound of owner type t on attribute type attr.
func (t *typeInfo) ownsBound(attr int32) bound {
	for i, k := range t.keys[t.nkeys:] {
		if k == attr {
			return t.bounds[i]
		}
	}
	return bound{0, -1}
}

// roleBoundOf is the first bound of relation type t on role type role.
func (t *typeInfo) roleBoundOf(role int32) bound {
	for _, rb := range t.roleBounds {
		if rb.role == role {
			return rb.bound
		}
	}
	return bound{0, -1}
}

// countOwned counts one owned attribute of type attr towards the key it
// is (exactly) and towards every bound on attr or a supertype of it. In
// 3.x a key is a bound too: "owns id @key" on an abstract id is met by one
// attribute of a subtype of id (the docs' 2-to-3 migration schema keys
// every content so).
func (v *view) countOwned(t *typeInfo, attr int32, key bool, counts *uint64) {
	if v.target.Major == 3 {
		for i, k := range t.keys {
			if k == attr || v.types[attr].t.IsSubtypeOf(v.types[k].t) {
				inc2(counts, i)
			}
		}
		return
	}
	if key {
		if i := t.keyPos(attr); i >= 0 && i < t.nkeys {
			inc2(counts, i)
		}
	}
	for j, k := range t.keys[t.nkeys:] {
		if k == attr || v.types[attr].t.IsSubtypeOf(v.types[k].t) {
			inc2(counts, t.nkeys+j)
		}
	}
}

// inc2 adds one to the i-th 2-bit saturating counter of counts.
func inc2(counts *uint64, i int) {
	if c := *counts >> (2 * i) & 3; c < 3 {
		*counts += 1 << (2 * i)
	}
}

// ownedBounds reports owner type ot's counted attributes whose count c
// (3 meaning 3 or more) is outside their bound.
func (b *back) ownedBounds(ot int32, counts uint64, l loc) {
	t := b.v.types[ot]
	for j, k := range t.keys[t.nkeys:] {
		c := int64(counts >> (2 * (t.nkeys + j)) & 3)
		bd := t.bounds[j]
		sub := cardBelow
		switch {
		case c < bd.min:
		case bd.max >= 0 && bd.max <= 2 && c > bd.max:
			sub = cardAbove
		default:
			continue
		}
		if e := b.hit(groupKey{ck: ckCardinality, owner: typeIdx(ot), member: typeIdx(k), sub: sub}, l); e != nil {
			e.note = strconv.FormatInt(c, 10) + " owned"
			if c == 3 {
				e.note = "3 or more owned"
			}
		}
	}
}

// relationBounds reports the roles of a relation item of type rt whose
// number of players is outside their bound; typs are the role types of
// the item's role entries, -1 for unresolved ones.
func (f *front) relationBounds(it *datafile.Item, rt int32, typs []int32) {
	for _, rb := range f.v.types[rt].roleBounds {
		var n int64
		for i, r := range typs {
			if r >= 0 && (r == rb.role || f.v.types[r].t.IsSubtypeOf(f.v.types[rb.role].t)) {
				n += int64(len(it.Roles[i].Players))
			}
		}
		if rb.holds(n) {
			continue
		}
		sub := cardBelow
		if n > rb.min {
			sub = cardAbove
		}
		if e := f.fs.hit(groupKey{ck: ckCardinality, owner: typeIdx(rt), member: typeIdx(rb.role), sub: sub}, it.Index, it.Offset, it.ID); e != nil {
			e.note = strconv.FormatInt(n, 10) + " players"
			if n == 1 {
				e.note = "1 player"
			}
		}
	}
}
