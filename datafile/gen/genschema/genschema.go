package genschema

import (
	"fmt"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/schema"
)

// Spec flattens m into the generator's Spec: every entity, relation and
// attribute type with the owns and plays it declares or inherits, and
// each relation's roles, declared or inherited.
//
// Abstract types are kept (the generator makes no instances of them), as
// is a relation type with no roles, marked abstract since no instance of
// it could be valid. Implicit types (the @has-… relations of Graql 1.x)
// are left out, with the roles they relate: exports never hold them.
// Role names carry no scope, except a TypeQL 2.x role that a relation type
// inherits, written "super:role" after the relation type that declares it,
// which is how a 2.x exporter scopes it.
//
// It fails on a concrete attribute type whose value type the generator
// cannot write; gen.Generate reports the rest of what it cannot
// instantiate, such as an owned attribute type the schema lacks.
func Spec(m *schema.Model) (*gen.Spec, error) { return SpecWith(m, Options{}) }

// Options change how SpecWith reads a schema.
type Options struct {
	// SupertypeValues writes what a Graql 1.x database with concrete
	// attribute supertypes held: an owner of an attribute type with
	// concrete subtypes owns values of the type itself and of those
	// subtypes (never as a key). Without it, owners own exactly the
	// attribute types they declare.
	SupertypeValues bool
	// TypeQL3 says m was built from a TypeQL 3.x schema (lowered): its
	// "date" is a date, not Graql ≤1.7's datetime, and decimal,
	// datetime-tz and duration exist.
	TypeQL3 bool
	// Model3, the TypeQL 3.x meaning of the same schema, bounds what each
	// owner owns and each relation's players by the @card of its owns and
	// relates, or 3.x's default of at most one (schema.Cap3.Card).
	Model3 *schema.Model3
}

// SpecWith is Spec with options.
func SpecWith(m *schema.Model, opt Options) (*gen.Spec, error) {
	spec := &gen.Spec{}
	// relatesEntry is how relation rel names role r in its Relates and in
	// plays.
	relatesEntry := func(rel, r *schema.Type) string {
		if d := r.Relation(); m.Lang == schema.TypeQL2 && d != nil && d != rel {
			return d.Label + ":" + r.Label
		}
		return r.Label
	}
	owns := func(t *schema.Type) []gen.Owns {
		var out []gen.Owns
		for _, o := range t.OwnsAll() {
			if a := o.AttrType(); a != nil && a.IsImplicit() {
				continue
			}
			// An attribute type the schema lacks stays in, for the
			// generator to report.
			// An @unique ownership gets one value of its own per owner,
			// as a key does, so no two owners share one.
			g := gen.Owns{Attribute: o.Attr, Key: o.Key || o.Unique}
			if !g.Key {
				var none bool
				g.Min, g.Max, none = capBounds(opt.Model3, t.Label, func(s *schema.Type3) []*schema.Cap3 { return s.Owns }, o.Attr)
				if none {
					continue // @card(0..0): no owner may have one
				}
			}
			out = append(out, g)
		}
		if opt.TypeQL3 {
			out = keySubtypes(m, out)
		}
		if !opt.SupertypeValues {
			return out
		}
		have := map[string]bool{}
		for _, o := range out {
			have[o.Attribute] = true
		}
		for _, o := range t.OwnsAll() {
			a := o.AttrType()
			if a == nil || a.IsImplicit() || a.IsAbstract() {
				continue
			}
			for _, s := range a.Subtypes() {
				if !s.IsAbstract() && !have[s.Label] {
					have[s.Label] = true
					out = append(out, gen.Owns{Attribute: s.Label})
				}
			}
		}
		return out
	}
	plays := func(t *schema.Type) []gen.RoleRef {
		var out []gen.RoleRef
		for _, p := range t.PlaysAll() {
			r := p.RoleType()
			if r == nil {
				continue
			}
			for _, rel := range m.RelationsRelating(r) {
				if !rel.IsImplicit() {
					out = append(out, gen.RoleRef{Relation: rel.Label, Role: relatesEntry(rel, r)})
				}
			}
		}
		return out
	}
	for _, t := range m.Types() {
		if t.Scope != "" || t.IsImplicit() {
			continue
		}
		switch t.Kind() {
		case concept.Attribute:
			vt, _ := t.ValueType()
			v, ok := valueTypes[vt]
			if opt.TypeQL3 {
				v, ok = valueTypes3[vt]
			}
			if !ok && !t.IsAbstract() {
				return nil, fmt.Errorf("attribute type %q: cannot generate values of type %q", t.Label, vt)
			}
			if !ok {
				v = gen.String // abstract: never instantiated
			}
			spec.Attributes = append(spec.Attributes, gen.AttributeType{Label: t.Label, ValueType: v, Abstract: t.IsAbstract(), Regexes: regexes(m, t), Owns: owns(t), Plays: plays(t)})
		case concept.Entity:
			spec.Entities = append(spec.Entities, gen.EntityType{Label: t.Label, Abstract: t.IsAbstract(), Owns: owns(t), Plays: plays(t)})
		case concept.Relation:
			rt := gen.RelationType{Label: t.Label, Abstract: t.IsAbstract(), Owns: owns(t), Plays: plays(t)}
			for _, r := range t.Roles() {
				if opt.Model3 != nil {
					lo, hi, none := capBounds(opt.Model3, t.Label, func(s *schema.Type3) []*schema.Cap3 {
						if rel := r.Relation(); rel == nil || s.Label != rel.Label {
							return nil
						}
						return s.Relates
					}, r.Label)
					if none {
						continue // @card(0..0): the role is never played
					}
					rt.RoleMin, rt.RoleMax = append(rt.RoleMin, lo), append(rt.RoleMax, hi)
				}
				rt.Relates = append(rt.Relates, relatesEntry(t, r))
			}
			if len(rt.Relates) == 0 {
				rt.Abstract = true
			}
			spec.Relations = append(spec.Relations, rt)
		}
	}
	return spec, nil
}

// valueTypes maps schema value types, as written in any dialect, to the
// generator's. Graql ≤1.7 "date" is a datetime.
var valueTypes = map[string]gen.ValueType{
	"string": gen.String, "boolean": gen.Boolean, "long": gen.Long, "integer": gen.Long,
	"double": gen.Double, "datetime": gen.Datetime, "date": gen.Datetime,
}

// keySubtypes moves each key on an abstract attribute type, which 3.x
// counts over its subtypes, to the first concrete subtype the owner owns,
// and drops the owner's other subtypes of it: every owner then has exactly
// one attribute among them (the docs' 2-to-3 migration schema keys
// "content owns id @key" on an abstract id so).
func keySubtypes(m *schema.Model, owns []gen.Owns) []gen.Owns {
	out := owns[:0:0]
	moved := map[string]bool{} // abstract key types already given a subtype
	keyOf := func(attr string) *schema.Type {
		a := m.Type(attr)
		for _, o := range owns {
			if k := m.Type(o.Attribute); o.Key && k != nil && k.IsAbstract() && a != nil && a != k && a.IsSubtypeOf(k) {
				return k
			}
		}
		return nil
	}
	for _, o := range owns {
		if a := m.Type(o.Attribute); o.Key && a != nil && a.IsAbstract() {
			continue // instances come from a subtype
		}
		if k := keyOf(o.Attribute); k != nil {
			if a := m.Type(o.Attribute); moved[k.Label] || a.IsAbstract() {
				continue
			}
			moved[k.Label] = true
			o = gen.Owns{Attribute: o.Attribute, Key: true}
		}
		out = append(out, o)
	}
	return out
}

// capBounds is the tightest bound the capabilities named label of type
// typ and its supertypes in m3 put on a count (caps picks owns or
// relates): the largest minimum and the smallest maximum, 0 for no
// maximum, and none when a maximum of 0 allows nothing. Bounds that
// contradict each other give the maximum. Without m3 there is no bound.
func capBounds(m3 *schema.Model3, typ string, caps func(*schema.Type3) []*schema.Cap3, label string) (lo, hi int, none bool) {
	t := m3Type(m3, typ)
	if t == nil {
		return 0, 0, false
	}
	for _, s := range append([]*schema.Type3{t}, t.Supertypes()...) {
		for _, c := range caps(s) {
			if c.Label != label || c.Annot("key") != nil {
				continue
			}
			cmin, cmax, ok := c.Card()
			if !ok {
				continue
			}
			lo = max(lo, int(cmin))
			none = none || cmax == 0
			if cmax > 0 && (hi == 0 || int(cmax) < hi) {
				hi = int(cmax)
			}
		}
	}
	if hi > 0 && lo > hi {
		lo = hi
	}
	return lo, hi, none
}

func m3Type(m3 *schema.Model3, label string) *schema.Type3 {
	if m3 == nil {
		return nil
	}
	return m3.Type(label)
}

// valueTypes3 maps TypeQL 3.x value types, as the lowered model spells
// them (integer as long), to the generator's.
var valueTypes3 = map[string]gen.ValueType{
	"string": gen.String, "boolean": gen.Boolean, "long": gen.Long, "integer": gen.Long,
	"double": gen.Double, "datetime": gen.Datetime, "date": gen.Date,
	"decimal": gen.Decimal, "datetime-tz": gen.DatetimeTZ, "duration": gen.Duration,
}

// regexes lists the patterns values of t must match: its own regex, and in
// Graql 1.x those of its supertypes too (a 1.x server checks each).
func regexes(m *schema.Model, t *schema.Type) []string {
	var out []string
	if t.Regex != nil {
		out = append(out, t.Regex.Source())
	}
	if m.Lang == schema.Graql1 {
		for _, s := range t.Supertypes() {
			if s.Regex != nil {
				out = append(out, s.Regex.Source())
			}
		}
	}
	return out
}
