package schema

import "github.com/tqlmig/tqlmig/internal/version"

// rootLabels parse as labels but cannot name user types.
var rootLabels = map[string]bool{
	"thing": true, "entity": true, "attribute": true, "relation": true, "role": true,
}

// IsReserved reports whether label cannot be a user type or role label in
// TypeQL at target (a 2.x version): the reserved words of that version's
// grammar (version.ReservedWord, with its source) and the root type names.
func IsReserved(label string, target version.V) bool {
	return rootLabels[label] || version.ReservedWord(label, target)
}
