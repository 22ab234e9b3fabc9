package concept

import "strconv"

// Kind is what a concept is: the root type a type's supertype chain ends
// at, the kind of thing an export item holds, or a role.
type Kind uint8

const (
	// Unknown is no kind: a type whose supertype chain reaches no root (no
	// "sub", an unknown supertype, or a cycle), a label a schema lacks, or
	// an export item with no member set (the 3.x importer rejects it).
	Unknown Kind = iota
	Thing
	Entity
	Relation
	Attribute
	Role
	// Header and Checksums are the export-file items that hold no concept:
	// the first item (versions) and the last (counts per kind).
	Header
	Checksums
)

var names = [...]string{"unknown", "thing", "entity", "relation", "attribute", "role", "header", "checksums"}

// String names the kind as a root type label does ("entity", …).
func (k Kind) String() string {
	if int(k) < len(names) {
		return names[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText lets JSON output carry the name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// IsType reports whether k is the kind of a schema type or role (not an
// export-file item without a concept, and not Unknown).
func (k Kind) IsType() bool { return k >= Thing && k <= Role }

// IsThing reports whether k is the kind of a thing: an entity, relation
// or attribute (the export items that hold instances).
func (k Kind) IsThing() bool { return k == Entity || k == Relation || k == Attribute }

// Kinds is the number of kinds, to size arrays indexed by Kind.
const Kinds = int(Checksums) + 1
