package schema

import (
	"sort"

	"github.com/tqlmig/tqlmig/concept"
)

// index holds what the model's queries would otherwise find by scanning
// every type: direct subtypes, the relations relating a role, the players
// of a role and the owners of an attribute. It is built on first use and
// dropped by changed, which every change to the types, their supertypes,
// owns, plays or relates must call; a model read after it is built answers
// each of those queries without a scan, so building the model and checking
// it stay linear in the schema.
type index struct {
	pos      map[*Type]int            // definition order
	direct   map[*Type][]*Type        // direct subtypes, in definition order
	kinds    map[concept.Kind][]*Type // non-root types by kind, in definition order
	kind     map[*Type]concept.Kind   // Kind, filled as asked
	relating map[*Type][]*Type        // role → relations whose roles include it
	players  map[*Type][]*Type        // role → types that play it
	owners   map[*Type][]*Type        // attribute → types that own it
	roleOf   map[*Plays]*Type         // Plays.RoleType, filled as asked
	plays    map[*Type][]*Plays       // PlaysAll, filled as asked (shared: copy before handing out)
}

// changed drops the index after a change to the model.
func (m *Model) changed() { m.idx = nil }

// index returns the model's index. Each part is built on first use, so
// that a query between two changes (while a define is applied) costs no
// more than the part it needs.
func (m *Model) index() *index {
	if m.idx == nil {
		m.idx = &index{}
	}
	return m.idx
}

// hierarchy builds the definition order and direct-subtype parts.
func (x *index) hierarchy(m *Model) *index {
	if x.direct != nil {
		return x
	}
	x.pos = make(map[*Type]int, len(m.order))
	x.direct = map[*Type][]*Type{}
	for i, u := range m.order {
		x.pos[u] = i
		if s := u.Super(); s != nil && s != u {
			x.direct[s] = append(x.direct[s], u)
		}
	}
	return x
}

// kindsIndex builds the kind → types part.
func (x *index) kindsIndex(m *Model) map[concept.Kind][]*Type {
	if x.kinds != nil {
		return x.kinds
	}
	x.kinds = map[concept.Kind][]*Type{}
	for _, t := range m.order {
		if !t.IsRoot() {
			k := t.Kind()
			x.kinds[k] = append(x.kinds[k], t)
		}
	}
	return x.kinds
}

// relatingIndex builds the role → relations part of the index.
func (x *index) relatingIndex(m *Model) map[*Type][]*Type {
	if x.relating != nil {
		return x.relating
	}
	x.relating = map[*Type][]*Type{}
	for _, t := range m.order {
		if t.root != concept.Unknown || len(t.Relates) == 0 && m.Lang == Graql1 {
			continue
		}
		seen := map[*Type]bool{}
		for _, r := range t.Roles() {
			if !seen[r] {
				seen[r] = true
				x.relating[r] = append(x.relating[r], t)
			}
		}
	}
	return x.relating
}

// playersIndex builds the role → players part of the index.
func (x *index) playersIndex(m *Model) map[*Type][]*Type {
	if x.players != nil {
		return x.players
	}
	x.players = map[*Type][]*Type{}
	for _, t := range m.order {
		if t.IsRoot() || t.Scope != "" {
			continue
		}
		seen := map[*Type]bool{}
		for _, p := range t.PlaysAll() {
			if r := p.RoleType(); !seen[r] {
				seen[r] = true
				x.players[r] = append(x.players[r], t)
			}
		}
	}
	return x.players
}

// ownersIndex builds the attribute → owners part of the index.
func (x *index) ownersIndex(m *Model) map[*Type][]*Type {
	if x.owners != nil {
		return x.owners
	}
	x.owners = map[*Type][]*Type{}
	for _, t := range m.order {
		if t.IsRoot() {
			continue
		}
		for _, o := range t.OwnsAll() {
			if a := o.AttrType(); a != nil && a.Label == o.Attr {
				x.owners[a] = append(x.owners[a], t)
			}
		}
	}
	return x.owners
}

// SortByDefinition sorts types of m in the order they were first mentioned
// (the order of Types), in place.
func (m *Model) SortByDefinition(ts []*Type) {
	pos := m.index().hierarchy(m).pos
	sort.SliceStable(ts, func(i, j int) bool { return pos[ts[i]] < pos[ts[j]] })
}
