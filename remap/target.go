package remap

import (
	"fmt"

	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/load"
)

// SchemaTargetProblem says why a schema of language lang cannot be the
// schema a server at target imports into, or "".
func SchemaTargetProblem(lang load.Lang, target version.V) string {
	switch {
	case lang == load.TypeQL3 && target.Major == 2:
		return fmt.Sprintf("the new schema is TypeQL 3.x, but %s %s reads TypeQL 2.x", version.Product(target), target)
	case lang == load.TypeQL3 && target.Major == 1:
		return fmt.Sprintf("the new schema is TypeQL 3.x, but %s %s reads Graql 1.x", version.Product(target), target)
	case lang == load.Graql1 && target.Major != 1:
		return fmt.Sprintf("the new schema is Graql 1.x, but %s %s needs a TypeQL schema; convert it first (tqlmig convert)", version.Product(target), target)
	case lang == load.TypeQL2 && target.Major == 1:
		return fmt.Sprintf("the new schema is TypeQL, but %s %s reads Graql 1.x", version.Product(target), target)
	}
	return ""
}
