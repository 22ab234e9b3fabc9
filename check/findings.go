package check

import "slices"

// groupKey identifies one output line: a check and up to three numbers
// whose meaning the check decides (a label entry, a schema type, a role
// entry, a value kind…). Names are looked up only when the report is built.
type groupKey struct {
	ck      checkID
	a, b, c int32
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
