// Package check proves, in one streaming pass over an export file, that a
// TypeDB (Grakn) import into a given schema and target version would
// succeed, and reports every problem at once, grouped by check and label.
//
// Each check is a small named unit in the ordered registry Checks, applying
// exactly what the target's importer enforces (the export reference §5 and
// §11.2); the wording of its findings is its own describe function, beside
// the named cases of its groups (describe.go). A finding is counted per (check, label) with its first examples
// and a remedy: the remap to add, the owns or plays line the schema lacks,
// the supertype to make concrete. Each check's level per version and its
// Source (the importer code it was read from) sit in the registry; for a
// TypeQL 2.x schema (Options.Schema), a suggested schema change is vetted
// on a copy of it first. Changes suggested for a 3.x schema are not vetted.
//
// Memory grows with the number of things, not with the file's size: item
// IDs are kept as hashes with their label in 8 bytes, in extendible hash
// tables sized from the file's length that grow without garbage when the
// estimate falls short; what needs the whole file (references
// to items defined later, key uniqueness) is resolved at the end from
// compact tables, and the few examples found there are read again for
// their offset and id. A decode goroutine feeds batches of compact records
// to a check goroutine.
package check
