package gen

import (
	"fmt"
	"strings"
)

// Spec is the schema a generated file instantiates. It is deliberately flat
// and independent of tqlmig's schema model: whoever converts a schema into a
// Spec resolves inheritance first, so each type lists every attribute it
// owns and every role it plays, inherited ones included, and only concrete
// (non-abstract) types get instances.
//
// Labels are written to the file exactly as given.
type Spec struct {
	Attributes []AttributeType
	Entities   []EntityType
	Relations  []RelationType
}

// AttributeType is an attribute type and its value type.
type AttributeType struct {
	Label     string
	ValueType ValueType
	Abstract  bool
	// Regexes are the patterns every value must match, as the server
	// compiles them (Go's regexp syntax must read them alike): the type's
	// own, and in 1.x its supertypes'. Values are generated from the first.
	Regexes []string
	// Owns lists attributes owned by this attribute type. Attributes owning
	// attributes exist in 1.x and 2.x only; 3.x output ignores it. Key flags
	// are ignored here: keys are generated for entity and relation owners.
	Owns []Owns
	// Plays lists the roles instances of this type play (1.x and 2.x only;
	// 3.x output ignores it).
	Plays []RoleRef
}

// EntityType is an entity type.
type EntityType struct {
	Label    string
	Abstract bool
	Owns     []Owns
	Plays    []RoleRef
}

// RelationType is a relation type. Relations may play roles in other
// relations (nested relations).
type RelationType struct {
	Label    string
	Abstract bool
	// Relates lists the role names this relation has, inherited ones
	// included. In 2.x and 3.x output a role is written scoped as
	// "Label:role"; write an inherited role as "super:role" to scope it by
	// the relation type that declares it (it is then written as given).
	Relates []string
	// RoleMin and RoleMax, when set, hold for each entry of Relates the
	// fewest and most players an instance gets in that role (a 3.x @card);
	// a RoleMax of 0 is no bound.
	RoleMin, RoleMax []int
	Owns             []Owns
	Plays            []RoleRef
}

// Owns is one owned attribute type. Each owner instance gets exactly one
// attribute of a Key type, with a value unique among all instances of that
// attribute type (so unique per owner type), and a few attributes of each
// non-key type, drawn from a shared pool so that popular values are owned
// by many owners.
type Owns struct {
	Attribute string
	Key       bool
	// Min and Max bound how many non-key attributes of the type each
	// owner gets (a TypeDB 3.x @card, or its default); Max 0 is no bound.
	Min, Max int
}

// RoleRef names a role: a relation type's label and an entry of its Relates.
type RoleRef struct {
	Relation string
	Role     string
}

// ValueType is an attribute value type as TypeQL names it.
type ValueType string

// Value types. Decimal, Date, DatetimeTZ and Duration exist in 3.x only;
// Datetime is written as epoch milliseconds for 1.x/2.x and as seconds and
// nanos (value field 9) for 3.x.
const (
	String     ValueType = "string"
	Boolean    ValueType = "boolean"
	Long       ValueType = "long" // "integer" in 3.x; both spellings are accepted
	Double     ValueType = "double"
	Datetime   ValueType = "datetime"
	Decimal    ValueType = "decimal"
	Date       ValueType = "date"
	DatetimeTZ ValueType = "datetime-tz"
	Duration   ValueType = "duration"
)

func (v ValueType) canonical() ValueType {
	if v == "integer" {
		return Long
	}
	return v
}

func (v ValueType) only3x() bool {
	switch v.canonical() {
	case Decimal, Date, DatetimeTZ, Duration:
		return true
	}
	return false
}

// validate checks that every reference in the spec names something that
// exists and that value types are known for the generation.
func (s *Spec) validate(g Generation) error {
	labels := map[string]string{}
	attrs := map[string]*AttributeType{}
	rels := map[string]*RelationType{}
	var errs []string
	seen := func(label, kind string) {
		if label == "" {
			errs = append(errs, fmt.Sprintf("%s type with an empty label", kind))
		} else if k, ok := labels[label]; ok {
			errs = append(errs, fmt.Sprintf("label %q is both %s and %s type", label, k, kind))
		}
		labels[label] = kind
	}
	for i := range s.Attributes {
		a := &s.Attributes[i]
		seen(a.Label, "an attribute")
		attrs[a.Label] = a
		switch vt := a.ValueType.canonical(); {
		case vt == String, vt == Boolean, vt == Long, vt == Double, vt == Datetime:
		case vt.only3x():
			if g != Gen3x && !a.Abstract {
				errs = append(errs, fmt.Sprintf("attribute %q: value type %s exists in 3.x only", a.Label, vt))
			}
		default:
			errs = append(errs, fmt.Sprintf("attribute %q: unknown value type %q", a.Label, a.ValueType))
		}
	}
	for i := range s.Entities {
		seen(s.Entities[i].Label, "an entity")
	}
	for i := range s.Relations {
		r := &s.Relations[i]
		seen(r.Label, "a relation")
		rels[r.Label] = r
		if len(r.Relates) == 0 && !r.Abstract {
			errs = append(errs, fmt.Sprintf("relation %q relates no role", r.Label))
		}
	}
	checkOwns := func(owner string, owns []Owns) {
		for _, o := range owns {
			if attrs[o.Attribute] == nil {
				errs = append(errs, fmt.Sprintf("%q owns %q, which is not an attribute type", owner, o.Attribute))
			}
		}
	}
	checkPlays := func(player string, plays []RoleRef) {
		for _, p := range plays {
			r := rels[p.Relation]
			switch {
			case r == nil:
				errs = append(errs, fmt.Sprintf("%q plays a role in %q, which is not a relation type", player, p.Relation))
			case !contains(r.Relates, p.Role):
				errs = append(errs, fmt.Sprintf("%q plays %s:%s, which %q does not relate", player, p.Relation, p.Role, p.Relation))
			}
		}
	}
	for _, a := range s.Attributes {
		checkOwns(a.Label, a.Owns)
		checkPlays(a.Label, a.Plays)
	}
	for _, e := range s.Entities {
		checkOwns(e.Label, e.Owns)
		checkPlays(e.Label, e.Plays)
	}
	for _, r := range s.Relations {
		checkOwns(r.Label, r.Owns)
		checkPlays(r.Label, r.Plays)
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid spec: %s", strings.Join(errs, "; "))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
