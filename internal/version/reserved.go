package version

// reservedSource records where the reserved words of each 2.x grammar were
// read. A word is reserved when the grammar lexes it as a keyword token that
// the label rule does not accept (as LABEL_, schema_native, type_native or
// unreserved). The lists change at the tags named; the tags between were
// sampled (2.1.0, 2.3.0, 2.4.0; 2.9.0–2.17.0; 2.24.0–2.24.11; 2.25.8–2.28.6)
// and agree. TypeDB 2.8.0 is the first server on a grammar without compute
// (typeql commit 6d397958, first tagged in 2.8.0); TypeDB 2.29.1 runs
// typeql 2.28.6.
const reservedSource = "typedb/typeql@2.0.0:grammar/Graql.g4 label, schema_native, unreserved; " +
	"typedb/typeql@2.1.0:grammar/TypeQL.g4 unreserved; " +
	"typedb/typeql@2.8.0:grammar/TypeQL.g4 (compute removed); " +
	"typedb/typeql@2.25.0:grammar/TypeQL.g4 FETCH; " +
	"typedb/typeql@2.28.6:grammar/TypeQL.g4 label; " +
	"typedb/typedb@2.29.1:dependencies/vaticle/repositories.bzl vaticle_typeql"

// reserved2 are the keywords that no 2.x grammar accepts as a label.
var reserved2 = map[string]bool{
	"abstract": true, "as": true, "asc": true, "boolean": true, "compute": true, "datetime": true,
	"define": true, "delete": true, "desc": true, "double": true, "false": true, "has": true,
	"iid": true, "insert": true, "is": true, "isa": true, "isa!": true, "like": true, "long": true,
	"match": true, "not": true, "or": true, "owns": true, "plays": true, "regex": true,
	"relates": true, "string": true, "sub": true, "sub!": true, "then": true, "true": true,
	"type": true, "undefine": true, "when": true,
}

// ReservedWord reports whether the TypeQL grammar of a 2.x server at v
// lexes word as a keyword that a label cannot be. Root type names (thing,
// entity, ...) and "rule" are labels in every 2.x grammar.
func ReservedWord(word string, v V) bool {
	if reserved2[word] {
		return true
	}
	e := v.eval()
	switch word {
	case "get", "group", "limit", "offset", "sort":
		return e.Before("2.1") // unreserved in TypeQL.g4 from 2.1.0
	case "centrality", "using":
		return e.Before("2.8") // compute-only words, gone with compute
	case "fetch":
		return e.AtLeast("2.25")
	}
	return false
}
