// Package remap reads, checks and renders label remaps: "old=new" lines that
// rename types and roles between an export file and its target schema, in
// the form each server version's importer accepts. It also proposes them:
// Match compares two schemas, and Usage.Missing an export with its target.
package remap
