package datafile

import (
	"hash/maphash"

	"github.com/tqlmig/tqlmig/concept"
)

// idSet records which item IDs a stream declared, and of what kind: a
// 62-bit hash with the kind in the low two bits, in an open-addressing table
// kept at most half full, so 8 to 16 bytes per ID. Real exports hold tens of
// millions of IDs, so keeping the strings is not an option.
//
// Hashes can collide. With n IDs the chance that any two of them share a
// hash is about n²/2⁶³: 10⁻⁵ for 10 million IDs. A collision makes two
// different IDs look like one: a duplicate reported that is not one, or a
// dangling reference missed (a false negative) because the missing ID
// collides with a present one. Both are accepted for the memory saved.
type idSet struct {
	seed  maphash.Seed
	slots []uint64
	n     int
}

const kindBits = 3

func newIDSet() *idSet {
	return &idSet{seed: maphash.MakeSeed(), slots: make([]uint64, 1024)}
}

func (s *idSet) hash(id []byte) uint64 {
	h := maphash.Bytes(s.seed, id) &^ kindBits
	if h == 0 {
		h = 4 // 0 marks an empty slot
	}
	return h
}

// kindCode packs a thing kind in two bits; 0 is never used so a lookup of a
// missing ID is distinguishable.
func kindCode(k concept.Kind) uint64 {
	switch k {
	case concept.Attribute:
		return 1
	case concept.Entity:
		return 2
	}
	return 3 // relation
}

func kindOf(code uint64) concept.Kind {
	switch code {
	case 1:
		return concept.Attribute
	case 2:
		return concept.Entity
	}
	return concept.Relation
}

// add records h with kind k and reports whether h was already present.
func (s *idSet) add(h uint64, k concept.Kind) (dup bool) {
	if (s.n+1)*2 > len(s.slots) { // at most half full: short probe runs
		s.grow()
	}
	mask := uint64(len(s.slots) - 1)
	for i := h >> 2 & mask; ; i = (i + 1) & mask {
		switch v := s.slots[i]; {
		case v == 0:
			s.slots[i] = h | kindCode(k)
			s.n++
			return false
		case v&^kindBits == h:
			return true
		}
	}
}

// lookup returns the kind recorded for h, or KindNone.
func (s *idSet) lookup(h uint64) concept.Kind {
	mask := uint64(len(s.slots) - 1)
	for i := h >> 2 & mask; ; i = (i + 1) & mask {
		switch v := s.slots[i]; {
		case v == 0:
			return concept.Unknown
		case v&^kindBits == h:
			return kindOf(v & kindBits)
		}
	}
}

func (s *idSet) grow() {
	old := s.slots
	s.slots = make([]uint64, 2*len(old))
	mask := uint64(len(s.slots) - 1)
	for _, v := range old {
		if v == 0 {
			continue
		}
		i := v >> 2 & mask
		for s.slots[i] != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = v
	}
}
