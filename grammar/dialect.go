package grammar

import "strings"

// Dialect is a set of language versions, as a bit mask.
type Dialect uint8

const (
	Graql10 Dialect = 1 << iota // Grakn 1.0–1.4 (grammar in the server)
	Graql15                     // Grakn 1.5–1.7 (graql 1.0.0–1.0.6)
	Graql18                     // Grakn 1.8 (graql 1.0.7–1.0.8)
	TypeQL2                     // TypeDB 2.0–2.29
	TypeQL3                     // TypeDB 3.x

	AnyGraql1  = Graql10 | Graql15 | Graql18
	AnyDialect = AnyGraql1 | TypeQL2 | TypeQL3
)

var dialectNames = []struct {
	d    Dialect
	name string
}{
	{Graql10, "graql-1.0-1.4"},
	{Graql15, "graql-1.5-1.7"},
	{Graql18, "graql-1.8"},
	{TypeQL2, "typeql-2"},
	{TypeQL3, "typeql-3"},
}

// String lists the dialects in the set, e.g. "graql-1.5-1.7|graql-1.8".
func (d Dialect) String() string {
	if d == 0 {
		return "none"
	}
	var parts []string
	for _, n := range dialectNames {
		if d&n.d != 0 {
			parts = append(parts, n.name)
		}
	}
	return strings.Join(parts, "|")
}

// Is1x reports whether every dialect in d is a Graql 1.x dialect.
func (d Dialect) Is1x() bool { return d != 0 && d&^AnyGraql1 == 0 }

// Feature is one use of a construct that only some dialects accept, such as
// "datatype" (≤1.7) or "owns" (2.x). A file's dialect is the intersection of
// its features' dialects.
type Feature struct {
	Name     string // e.g. "datatype", "owns", "is-abstract", "quoted-label"
	Pos      Pos
	Dialects Dialect
}
