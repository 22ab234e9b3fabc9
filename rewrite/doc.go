// Package rewrite converts Graql 1.x schemas into TypeQL 2.x with small named
// rules, each reporting what it translated, approximated or lost.
//
// Convert merges the input files into one define query (reference rule 39),
// moves data queries aside (rule 40) and runs the registry (rules.go) over
// the tree in sections: A dialect normalisation, B value types, C types,
// ownership and keys, D roles, E implicit types, labels and variables, F
// rules, G undefine queries, and last relabel, which applies every label
// rename decided on the way. Each rule documents itself (Rule.Doc, shown by
// tqlmig explain) and has golden cases in testdata/.
//
// # Policies
//
// Where 2.x cannot say what 1.x said, convert applies one policy and
// reports each case:
//
//   - Attribute hierarchies (reference rules 14–16, example 03): a type
//     without a value type takes the one its subtypes agree on (string when
//     none has one); when they disagree it is dropped and its subtypes move
//     under attribute, taking over its ownerships, roles and owners. A
//     concrete attribute type with subtypes becomes abstract, or is
//     flattened (Options.AttributeHierarchy; by default the export in
//     Options.Data decides: flattened when it holds values of the type
//     itself), and every ownership of an abstract attribute type by a type
//     that is (or has) a concrete type becomes ownership of each concrete
//     subtype. Types are never made abstract to satisfy this, since their
//     data must still import.
//   - Keys (13): kept as @key where the target can key the value type (long,
//     string, datetime; boolean from 2.18); on double, and boolean before
//     2.18, the ownership stays without @key and the key is reported lost.
//     With Options.Data a key stays only where the export proves it, and a
//     key spread over subtypes moves to the one the data uses.
//   - Data decisions (datarules.go): with Options.Data (a census of the
//     export), each choice above, and a regex the values break, is made
//     from the data and reported with its counts (Result.Decisions); lost
//     constructs say how many export items they cover.
//   - Redundant declarations (17): an ownership or played role a supertype
//     already gives is dropped; a key over an inherited plain ownership
//     stays.
//   - Labels (6, 25, 26): quoted and "_"-labels are sanitised ("full name"
//     becomes full-name, _citizen-id becomes citizen-id); labels reserved in
//     the target get a trailing "_" (owns_). Every rename goes to
//     Result.Renames, the import remap.
//   - Implicit @has-/@key- types and via (24) are removed and reported lost,
//     with the reification (a relation of its own) as the remedy.
package rewrite
