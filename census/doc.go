// Package census reads an export file once and counts what schema
// conversion decisions need: instances per type (attribute values per
// attribute type included), for each (owner, attribute type) and
// (relation, role) how many instances have one and the least and most one
// has, and for key candidates how many key values two owners share.
//
// Memory grows with the attributes of the file (8 bytes per attribute id,
// 16 more per value of a key candidate) and with the ownerships that name
// an attribute the stream has not reached yet, never with the file's size.
// As in check, decoding and the id tables run in two goroutines; the pass
// costs about what check of the same file costs (BenchmarkDataPass).
package census
