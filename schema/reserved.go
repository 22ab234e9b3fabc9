package schema

import "github.com/tqlmig/tqlmig/internal/version"

// reserved2 lists the words every TypeQL 2.x grammar reserves (from the
// 2.8–2.17 table of the reference, which is the common core), plus the root
// type names, which parse as labels but cannot name user types.
var reserved2 = map[string]bool{
	"match": true, "define": true, "undefine": true, "insert": true, "delete": true, "compute": true,
	"asc": true, "desc": true, "type": true, "abstract": true, "sub": true, "sub!": true, "owns": true,
	"regex": true, "as": true, "plays": true, "relates": true, "when": true, "then": true, "iid": true,
	"isa": true, "isa!": true, "has": true, "is": true, "or": true, "not": true, "like": true,
	"long": true, "double": true, "string": true, "boolean": true, "datetime": true, "true": true, "false": true,
	"thing": true, "entity": true, "attribute": true, "relation": true, "role": true,
}

// IsReserved reports whether label cannot be a user type or role label in
// TypeQL at target (a 2.x version): the reserved words of that version's
// grammar and the root type names.
func IsReserved(label string, target version.V) bool {
	if reserved2[label] {
		return true
	}
	switch label {
	case "get", "offset", "limit", "sort", "group":
		return target.Before("2.1") // unreserved from 2.1
	case "centrality", "using":
		return target.Before("2.8") // compute words, deleted in 2.8
	case "rule":
		return target.Before("2.24") // moved to the unreserved keywords in 2.24
	case "fetch":
		return target.AtLeast("2.25")
	}
	return false
}
