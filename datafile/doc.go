// Package datafile reads and writes TypeDB (Grakn) data export files, the
// length-delimited stream of protobuf Item messages written by every exporter
// from Grakn 1.7.3 to TypeDB 3.x, and inspects them.
//
// The codec decodes by hand on top of protowire: a Reader reuses one Item and
// one buffer, so the hot path does not allocate per item or per field, and
// the strings of an Item are views into that buffer, valid until the next
// call to Next. A Writer emits the bytes a Java exporter would (ascending
// field numbers, oneof members written even when zero) and keeps the counts
// for the checksums item.
package datafile
