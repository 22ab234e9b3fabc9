package schema

import "github.com/tqlmig/tqlmig/concept"

// hier3 indexes the supertype forest of a Model3 that has stopped
// changing, so that the lookups the 3.x checks make once per type
// (inherited role, value type, subtypes) cost O(1) or O(candidates)
// instead of a walk up the chain each: a walk per type is quadratic in a
// deep hierarchy. It is built on the first lookup after the model last
// changed (Model3.index) and dropped whenever a query is applied.
//
// Types whose chain runs into a supertype cycle are left out (cyclic);
// lookups on them walk the chain as before.
type hier3 struct {
	cyclic   map[*Type3]bool // t's chain runs into a cycle
	onCycle  map[*Type3]bool // t's chain returns to t
	depth    map[*Type3]int  // 0 at a root
	in, out  map[*Type3]int  // depth-first entry and exit numbers: a is an ancestor of b iff in[a] <= in[b] && out[b] <= out[a]
	children map[*Type3][]*Type3
	value    map[*Type3]*Type3   // nearest of t and its supertypes that declares a value type
	relates  map[*Type3]bool     // t or a supertype relates a role
	roles    map[string][]*Type3 // role types by role name, for RoleByName
	caps     map[capKey][]*Type3 // types by the owns and plays they declare
}

type capKey struct{ kind, label string }

// index returns the hierarchy index, or nil while a query is being applied
// (the hierarchy may change under it then).
func (m *Model3) index() *hier3 {
	if m.applying > 0 {
		return nil
	}
	if m.hier == nil {
		m.hier = newHier3(m)
	}
	return m.hier
}

// changing marks the model as being changed until the returned function
// runs: no index is used meanwhile, and the old one is dropped.
func (m *Model3) changing() func() {
	m.applying++
	m.hier = nil
	return func() {
		m.applying--
		m.hier = nil
	}
}

func newHier3(m *Model3) *hier3 {
	n := len(m.order)
	h := &hier3{
		cyclic:   map[*Type3]bool{},
		onCycle:  map[*Type3]bool{},
		depth:    make(map[*Type3]int, n),
		in:       make(map[*Type3]int, n),
		out:      make(map[*Type3]int, n),
		children: map[*Type3][]*Type3{},
		value:    map[*Type3]*Type3{},
		relates:  map[*Type3]bool{},
		roles:    map[string][]*Type3{},
		caps:     map[capKey][]*Type3{},
	}
	// Chains that run into a cycle, found in one walk over the types.
	const onPath, done = 1, 2
	state := make(map[*Type3]int, n)
	var path []*Type3
	for _, t := range m.order {
		path = path[:0]
		s := t
		for s != nil && state[s] == 0 {
			state[s] = onPath
			path = append(path, s)
			s = s.SuperType()
		}
		if s != nil && state[s] == onPath {
			for i := len(path) - 1; i >= 0; i-- {
				h.onCycle[path[i]] = true
				if path[i] == s {
					break
				}
			}
		}
		bad := s != nil && (state[s] == onPath || h.cyclic[s])
		for _, q := range path {
			state[q] = done
			if bad {
				h.cyclic[q] = true
			}
		}
	}
	var roots []*Type3
	for _, t := range m.order {
		if h.cyclic[t] {
			continue
		}
		if s := t.SuperType(); s != nil {
			h.children[s] = append(h.children[s], t)
		} else {
			roots = append(roots, t)
		}
		if t.Kind == concept.Role {
			name := t.Label[len(scopeOf(t.Label))+1:]
			h.roles[name] = append(h.roles[name], t)
		}
		for _, c := range t.Owns {
			k := capKey{"owns", c.Label}
			h.caps[k] = append(h.caps[k], t)
		}
		for _, c := range t.Plays {
			k := capKey{"plays", c.Label}
			h.caps[k] = append(h.caps[k], t)
		}
	}
	// Depth-first numbering, without recursion: a chain may be thousands
	// of levels deep.
	clock := 0
	type frame struct {
		t    *Type3
		next int
	}
	var stack []frame
	for _, r := range roots {
		stack = append(stack[:0], frame{t: r})
		h.enter(r, nil, &clock)
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if kids := h.children[f.t]; f.next < len(kids) {
				c := kids[f.next]
				f.next++
				h.enter(c, f.t, &clock)
				stack = append(stack, frame{t: c})
				continue
			}
			clock++
			h.out[f.t] = clock
			stack = stack[:len(stack)-1]
		}
	}
	return h
}

// enter numbers t on the way down from its supertype sup (nil at a root)
// and records what it inherits from sup.
func (h *hier3) enter(t, sup *Type3, clock *int) {
	*clock++
	h.in[t] = *clock
	switch {
	case t.ValueType != "":
		h.value[t] = t
	case sup != nil:
		if v := h.value[sup]; v != nil {
			h.value[t] = v
		}
	}
	if sup != nil {
		h.depth[t] = h.depth[sup] + 1
	}
	h.relates[t] = len(t.Relates) > 0 || sup != nil && h.relates[sup]
}

// indexed reports whether h answers for t.
func (h *hier3) indexed(t *Type3) bool {
	return h != nil && !h.cyclic[t] && h.in[t] > 0
}

// ancestorOrSelf reports whether a is b or one of b's supertypes.
func (h *hier3) ancestorOrSelf(a, b *Type3) bool {
	return h.in[a] > 0 && h.in[a] <= h.in[b] && h.out[b] <= h.out[a]
}

// nearest returns the deepest of cands that is t or, strict, one of t's
// supertypes; declares says whether a type is a candidate. Each call costs
// the smaller of the candidates and t's depth: when a label is declared
// all along a chain, walking up finds it at once.
func (h *hier3) nearest(t *Type3, cands []*Type3, strict bool, declares func(*Type3) bool) *Type3 {
	if len(cands) > h.depth[t]+1 {
		s := t
		if strict {
			s = t.SuperType()
		}
		for ; s != nil; s = s.SuperType() {
			if declares(s) {
				return s
			}
		}
		return nil
	}
	var best *Type3
	for _, c := range cands {
		if !h.indexed(c) || (strict && c == t) || !h.ancestorOrSelf(c, t) {
			continue
		}
		if best == nil || h.depth[c] > h.depth[best] {
			best = c
		}
	}
	return best
}

// roleByName is RoleByName on the index: the role named name whose
// relation is t or its nearest supertype.
func (h *hier3) roleByName(t *Type3, name string) *Type3 {
	var rels []*Type3
	for _, r := range h.roles[name] {
		if rel := t.m.types[scopeOf(r.Label)]; rel != nil {
			rels = append(rels, rel)
		}
	}
	rel := h.nearest(t, rels, false, func(s *Type3) bool { return s.DeclaresRole(name) })
	if rel == nil {
		return nil
	}
	return t.m.types[rel.Label+":"+name]
}

// RelatesAny reports whether t relates a role, declared or inherited.
func (t *Type3) RelatesAny() bool {
	if len(t.Relates) > 0 {
		return true
	}
	if h := t.m.index(); h.indexed(t) {
		return h.relates[t]
	}
	for _, s := range t.Supertypes() {
		if len(s.Relates) > 0 {
			return true
		}
	}
	return false
}

// InheritedCap returns the owns or plays (kind "owns" or "plays") of
// label that t inherits: the one of its nearest supertype that declares
// it, with that supertype; nil when no supertype does.
func (t *Type3) InheritedCap(kind, label string) (*Cap3, *Type3) {
	declared := func(s *Type3) *Cap3 {
		cs := s.Plays
		if kind == "owns" {
			cs = s.Owns
		}
		for _, c := range cs {
			if c.Label == label {
				return c
			}
		}
		return nil
	}
	if h := t.m.index(); h.indexed(t) {
		s := h.nearest(t, h.caps[capKey{kind, label}], true, func(s *Type3) bool { return declared(s) != nil })
		if s == nil {
			return nil, nil
		}
		return declared(s), s
	}
	for _, s := range t.Supertypes() {
		if c := declared(s); c != nil {
			return c, s
		}
	}
	return nil, nil
}
