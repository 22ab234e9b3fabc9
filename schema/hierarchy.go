package schema

import (
	"slices"
	"sort"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
)

// IsImplicit reports whether t is a ≤1.7 implicit type or role named
// "@has-A", "@key-A" or one of their roles "@has-A-owner"/"@has-A-value"
// (their supertypes are implicit too: relation and role).
func (t *Type) IsImplicit() bool {
	return t.m.Lang == Graql1 && (strings.HasPrefix(t.Label, "@has-") || strings.HasPrefix(t.Label, "@key-"))
}

// implicitRole tells "@has-A-owner" (a role) from "@has-A" where the
// attribute A itself ends in "-owner" or "-value": the latter is a relation
// whenever A is a defined type.
func (t *Type) implicitRole() bool {
	rest := t.Label[len("@has-"):]
	if t.m.Type(rest) != nil {
		return false
	}
	for _, suf := range []string{"-owner", "-value"} {
		if strings.HasSuffix(rest, suf) {
			return true
		}
	}
	return false
}

// Super returns the direct supertype, or nil for thing, the root role, and
// types whose supertype is missing or unknown. For a 2.x role declared with
// "relates R as S", the supertype is the role S that the relation's
// supertype declares or inherits.
func (t *Type) Super() *Type {
	m := t.m
	switch {
	case t.root == concept.Thing, t.root == concept.Role:
		return nil
	case t.root != concept.Unknown:
		return m.types["thing"]
	}
	if m.Lang == TypeQL2 && t.Scope != "" {
		if t.Decl == nil || t.Decl.As == "" {
			return m.Root(concept.Role)
		}
		sup := t.Decl.Relation.Super()
		if sup == nil {
			return nil
		}
		return sup.RoleByName(t.Decl.As)
	}
	if t.Sub == nil {
		switch {
		case t.impliedRole:
			return m.Root(concept.Role)
		case t.IsImplicit() && t.implicitRole():
			return m.Root(concept.Role)
		case t.IsImplicit():
			return m.Root(concept.Relation)
		}
		return nil
	}
	if m.Lang == TypeQL2 && t.Sub.Super == "role" {
		return nil // "role" is no thing type in 2.x; only "relation:role" is
	}
	return m.Type(t.Sub.Super)
}

// Supertypes returns the transitive supertypes of t, nearest first, ending
// at a root when the chain reaches one. It stops before repeating a type,
// so a cyclic hierarchy gives a finite list.
func (t *Type) Supertypes() []*Type {
	var out []*Type
	seen := map[*Type]bool{t: true}
	for s := t.Super(); s != nil && !seen[s]; s = s.Super() {
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// InCycle reports whether t's supertype chain leads back to t.
func (t *Type) InCycle() bool {
	seen := map[*Type]bool{}
	for s := t.Super(); s != nil; s = s.Super() {
		if s == t {
			return true
		}
		if seen[s] {
			return false // a cycle further up that t is not part of
		}
		seen[s] = true
	}
	return false
}

// IsSubtypeOf reports whether t is u or one of u's transitive subtypes.
func (t *Type) IsSubtypeOf(u *Type) bool {
	if t == u {
		return true
	}
	for _, s := range t.Supertypes() {
		if s == u {
			return true
		}
	}
	return false
}

// Subtypes returns every transitive subtype of t, in definition order.
func (t *Type) Subtypes() []*Type {
	x := t.m.index().hierarchy(t.m)
	// Every type whose supertype chain reaches t: a walk down the direct
	// subtypes (which finds t again only in a cycle), in definition order.
	var out []*Type
	seen := map[*Type]bool{t: true}
	stack := []*Type{t}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, v := range x.direct[u] {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
				stack = append(stack, v)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return x.pos[out[i]] < x.pos[out[j]] })
	return out
}

// DirectSubtypes returns the types whose direct supertype is t.
func (t *Type) DirectSubtypes() []*Type {
	var out []*Type
	for _, u := range t.m.index().hierarchy(t.m).direct[t] {
		if u != t {
			out = append(out, u)
		}
	}
	return out
}

// Kind returns the kind of root that t's supertype chain reaches.
func (t *Type) Kind() concept.Kind {
	if t.root != concept.Unknown {
		return t.root
	}
	if t.m.Lang == TypeQL2 && t.Scope != "" {
		return concept.Role
	}
	x := t.m.index()
	if k, ok := x.kind[t]; ok {
		return k
	}
	k := concept.Unknown
	for _, s := range t.Supertypes() {
		if s.root != concept.Unknown {
			k = s.root
			break
		}
	}
	if x.kind == nil {
		x.kind = map[*Type]concept.Kind{}
	}
	x.kind[t] = k
	return k
}

// IsAbstract reports whether t was declared abstract. (Roles of abstract
// relations before TypeDB 2.22 are abstract too; checks decide that, since
// it depends on the target version.)
func (t *Type) IsAbstract() bool { return t.Abstract != nil }

// ValueType returns the value type of an attribute type, declared or
// inherited from the nearest supertype that declares one, and the type
// that declares it; "" and nil when there is none.
func (t *Type) ValueType() (string, *Type) {
	if t.Value != nil {
		return t.Value.Type, t
	}
	for _, s := range t.Supertypes() {
		if s.Value != nil {
			return s.Value.Type, s
		}
	}
	return "", nil
}

// OwnsAll returns the ownerships t has, declared or inherited: the nearest
// declaration of each attribute type wins, and in 2.x an "owns X as Y" hides
// the inherited ownership of Y from t and its subtypes.
func (t *Type) OwnsAll() []*Owns {
	var out []*Owns
	have := map[string]bool{}
	hidden := map[string]bool{}
	for _, s := range append([]*Type{t}, t.Supertypes()...) {
		for _, o := range s.Owns {
			if have[o.Attr] || hidden[o.Attr] {
				continue
			}
			have[o.Attr] = true
			out = append(out, o)
		}
		for _, o := range s.Owns {
			if o.As != "" {
				hidden[o.As] = true
			}
		}
	}
	return out
}

// OwnsOf returns t's declared or inherited ownership of attr, or nil.
func (t *Type) OwnsOf(attr string) *Owns {
	for _, o := range t.OwnsAll() {
		if o.Attr == attr {
			return o
		}
	}
	return nil
}

// OwnsSubtypeOf reports whether t (or a supertype) owns attribute type a
// or a subtype of it: whether an instance of t can have an "a".
func (t *Type) OwnsSubtypeOf(a *Type) bool {
	if a == nil {
		return false
	}
	for _, o := range t.OwnsAll() {
		if at := o.AttrType(); at != nil && at.IsSubtypeOf(a) {
			return true
		}
	}
	return false
}

// Inherited returns the ownership of attr that t would inherit from its
// supertypes, ignoring its own declarations, or nil.
func (t *Type) InheritedOwns(attr string) *Owns {
	if s := t.Super(); s != nil {
		return s.OwnsOf(attr)
	}
	return nil
}

// AttrType resolves the owned attribute type, or nil.
func (o *Owns) AttrType() *Type { return o.Owner.m.Type(o.Attr) }

// AsType resolves the overridden attribute type, or nil.
func (o *Owns) AsType() *Type {
	if o.As == "" {
		return nil
	}
	return o.Owner.m.Type(o.As)
}

// AsRoleType resolves the role that "plays REL:R as S" overrides: the role
// named S that the player's supertypes play, or nil.
func (p *Plays) AsRoleType() *Type {
	if p.As == "" {
		return nil
	}
	sup := p.Player.Super()
	if sup == nil {
		return nil
	}
	for _, q := range sup.PlaysAll() {
		if r := q.RoleType(); r != nil && r.Label == p.As {
			return r
		}
	}
	return nil
}

func (p *Plays) key() string {
	if r := p.RoleType(); r != nil {
		return r.Key()
	}
	return p.RoleLabel()
}

// PlaysAll returns the roles t plays, declared or inherited: in 2.x a
// "plays REL:R as S" hides the inherited plays of S. The result holds the
// nearest declaration of each role.
func (t *Type) PlaysAll() []*Plays {
	out, _ := t.playsAll(map[*Type]bool{})
	return slices.Clip(slices.Clone(out))
}

// playsAll is PlaysAll; whole is false when the walk met a supertype
// cycle, whose result depends on where it started. Whole results are kept
// until the model changes (index): every type's list is its own plays and
// its supertype's list, so listing a chain's types one by one stays linear
// in what is listed instead of walking the chain again for each.
func (t *Type) playsAll(seen map[*Type]bool) (out []*Plays, whole bool) {
	x := t.m.index()
	if ps, ok := x.plays[t]; ok {
		return ps, true
	}
	if seen[t] {
		return nil, false
	}
	seen[t] = true
	defer func() {
		if whole {
			if x.plays == nil {
				x.plays = map[*Type][]*Plays{}
			}
			x.plays[t] = out
		}
	}()
	have := map[string]bool{}
	for _, p := range t.Plays {
		k := p.key()
		if !have[k] {
			have[k] = true
			out = append(out, p)
		}
	}
	sup := t.Super()
	if sup == nil {
		return out, true
	}
	inherited, whole := sup.playsAll(seen)
	hidden := map[string]bool{}
	for _, p := range t.Plays {
		if p.As == "" {
			continue
		}
		for _, q := range inherited {
			if r := q.RoleType(); (r != nil && r.Label == p.As) || q.Role == p.As {
				hidden[q.key()] = true
			}
		}
	}
	for _, q := range inherited {
		k := q.key()
		if have[k] || hidden[k] {
			continue
		}
		have[k] = true
		out = append(out, q)
	}
	return out, whole
}

// PlaysRole returns the declaration by which t (or a supertype) plays the
// role type r, or nil.
func (t *Type) PlaysRole(r *Type) *Plays {
	for _, p := range t.PlaysAll() {
		if p.RoleType() == r {
			return p
		}
	}
	return nil
}

// DeclaredRoles returns the role types t relates directly, in order.
func (t *Type) DeclaredRoles() []*Type {
	var out []*Type
	for _, r := range t.Relates {
		if rt := r.RoleType(); rt != nil {
			out = append(out, rt)
		}
	}
	return out
}

// Roles returns the roles of relation t. In 2.x these are its declared roles
// and the roles it inherits and does not override; in 1.x only the roles it
// relates directly, since sub-relations inherit none.
func (t *Type) Roles() []*Type {
	if t.m.Lang != TypeQL2 {
		return t.DeclaredRoles()
	}
	return t.roles2(map[*Type]bool{})
}

func (t *Type) roles2(seen map[*Type]bool) []*Type {
	if seen[t] || t.root != concept.Unknown {
		return nil
	}
	seen[t] = true
	out := t.DeclaredRoles()
	sup := t.Super()
	if sup == nil {
		return out
	}
	inherited := sup.roles2(seen)
	hidden := map[string]bool{}
	for _, r := range t.Relates {
		if r.As != "" {
			hidden[r.As] = true
		}
	}
	for _, r := range inherited {
		if !hidden[r.Label] {
			out = append(out, r)
		}
	}
	return out
}

// DeclaredRole returns the role named name that t relates directly, or nil.
func (t *Type) DeclaredRole(name string) *Type {
	for _, r := range t.Relates {
		if r.Role == name {
			return r.RoleType()
		}
	}
	return nil
}

// RoleByName resolves a role name the way the 2.3+ importer does
// (getRelates(name)): a role of that name that relation t declares, or one
// it inherits and does not override. In 1.x only declared roles count.
func (t *Type) RoleByName(name string) *Type {
	if r := t.DeclaredRole(name); r != nil {
		return r
	}
	if t.m.Lang != TypeQL2 || t.root != concept.Unknown {
		return nil
	}
	// The first role named name in Roles, found by walking up the chain
	// instead of listing every inherited role: a level's "relates R as
	// name" hides the inherited name. A walk longer than the model has
	// types went round a cycle, where Roles stops too.
	for cur, steps := t, 0; steps <= len(t.m.order); steps++ {
		if cur.hidesRole(name) {
			return nil
		}
		sup := cur.Super()
		if sup == nil || sup.root != concept.Unknown || sup == t {
			return nil
		}
		if r := sup.DeclaredRole(name); r != nil {
			return r
		}
		cur = sup
	}
	return nil
}

// hidesRole reports whether t relates a role "as name", which hides the
// role name it would inherit.
func (t *Type) hidesRole(name string) bool {
	for _, r := range t.Relates {
		if r.As == name {
			return true
		}
	}
	return false
}

// Relation returns the relation that declares role t: its scope in 2.x; in
// 1.x the first relation (in definition order) that relates it, or nil.
func (t *Type) Relation() *Type {
	if t.m.Lang == TypeQL2 {
		if t.Scope == "" || t.root != concept.Unknown {
			return nil
		}
		return t.m.Type(t.Scope)
	}
	if rs := t.m.RelationsRelating(t); len(rs) > 0 {
		return rs[0]
	}
	return nil
}

// RelationsRelating returns the relations whose roles include role r: in
// 1.x the relations that relate r directly (Decl(R) of the reference), in
// 2.x the relations that declare or inherit it.
func (m *Model) RelationsRelating(r *Type) []*Type {
	return append([]*Type(nil), m.index().relatingIndex(m)[r]...)
}

// Players returns the types that play role r, declared or inherited.
func (m *Model) Players(r *Type) []*Type {
	return append([]*Type(nil), m.index().playersIndex(m)[r]...)
}

// Owners returns the types that own attribute type a, declared or inherited.
func (m *Model) Owners(a *Type) []*Type {
	return append([]*Type(nil), m.index().ownersIndex(m)[a]...)
}
