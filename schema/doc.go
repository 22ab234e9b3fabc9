// Package schema is the semantic model of a TypeDB/Grakn schema: types by
// kind, supertype chains, ownerships, roles and rules, built by applying
// define and undefine queries in order the way a console session would.
//
// The model is lenient on purpose: it records every fact with the source
// range that declared it, even facts that the server would reject (an owns
// of an unknown label, a relates on an entity type), and resolves labels
// lazily when asked. Checks (package validate) and rewrite rules (package
// rewrite) then decide what is wrong and what to change. Only problems that
// leave nothing to record, such as a variable subject in a define or an
// undefine of something that does not exist, are reported while applying.
//
// Two language generations are modelled, chosen explicitly with Lang:
//
//   - Graql1 (Grakn 1.x): roles are global types ("spouse"), role
//     hierarchies come from "R sub S;" or "relates R as S", sub-relations do
//     not inherit their parent's roles, and plays names a bare role.
//   - TypeQL2 (TypeDB 2.x): roles are scoped by the relation that declares
//     them ("marriage:spouse"), are inherited by sub-relations unless
//     overridden with "relates R as S", and owns/plays may override
//     inherited facts with "as".
//
// TypeQL 3.x has a model of its own, Model3 (BuildModel3): kinds, value
// types, annotations on each type and capability, role specialisation,
// functions and structs, with define, redefine and undefine applied as
// TypeDB 3.x does. BuildTypeQL3 instead lowers a 3.x schema to its 2.x
// meaning for the data checks, which read a Model.
package schema
