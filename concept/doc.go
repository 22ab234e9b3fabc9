// Package concept names the kinds of TypeDB concepts, once, for every
// package: the schema model (a type's kind), the export-file codec (an
// item's kind) and remaps (the kind of a renamed label).
package concept
