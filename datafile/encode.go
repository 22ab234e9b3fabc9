package datafile

import (
	"encoding/binary"
	"io"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tqlmig/tqlmig/concept"
)

// The encoder writes what protobuf-java writes: fields in ascending number
// order, proto3 scalars outside a oneof omitted when zero, oneof members and
// message fields written whenever they are set, even when empty or zero.
// Decoding canonical bytes and encoding the Item again gives the same bytes;
// unknown fields (Item.Unknown) are not kept.

func sizeVarint(v uint64) int { return protowire.SizeVarint(v) }

// sizeBytesField is the size of a tag byte plus a length-prefixed payload.
func sizeBytesField(n int) int { return 1 + sizeVarint(uint64(n)) + n }

func sizeOptString(s []byte) int {
	if len(s) == 0 {
		return 0
	}
	return sizeBytesField(len(s))
}

func appendOptString(b []byte, tag byte, s []byte) []byte {
	if len(s) == 0 {
		return b
	}
	return appendString(b, tag, s)
}

func appendString(b []byte, tag byte, s []byte) []byte {
	b = append(b, tag)
	b = protowire.AppendVarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendOptVarint(b []byte, tag byte, v uint64) []byte {
	if v == 0 {
		return b
	}
	return protowire.AppendVarint(append(b, tag), v)
}

func sizeOptVarint(v uint64) int {
	if v == 0 {
		return 0
	}
	return 1 + sizeVarint(v)
}

func sizeRef(id []byte) int { return sizeOptString(id) }

func sizeRole(r *Role) int {
	n := sizeOptString(r.Label)
	for _, p := range r.Players {
		n += sizeBytesField(sizeRef(p))
	}
	return n
}

func (it *Item) sizeThing() int {
	n := sizeOptString(it.ID) + sizeOptString(it.Label)
	for _, o := range it.Owned {
		n += sizeBytesField(sizeRef(o))
	}
	switch it.Kind {
	case concept.Attribute:
		if it.HasValue {
			n += sizeBytesField(it.Value.size())
		}
	case concept.Relation:
		for i := range it.Roles {
			n += sizeBytesField(sizeRole(&it.Roles[i]))
		}
	}
	return n
}

func (v *Value) size() int {
	switch v.Kind {
	case ValueNone:
		return 0
	case ValueString:
		return sizeBytesField(len(v.Str))
	case ValueBoolean, ValueLong, ValueDatetimeMillis:
		return 1 + sizeVarint(uint64(v.Int))
	case ValueDouble:
		return 9
	}
	return sizeBytesField(v.messageSize())
}

// messageSize is the size of the nested message of a 3.x value kind.
func (v *Value) messageSize() int {
	switch v.Kind {
	case ValueDecimal:
		return sizeOptVarint(protowire.EncodeZigZag(v.Int)) + sizeOptVarint(v.Uint)
	case ValueDate:
		return sizeOptVarint(encodeZigZag32(int32(v.Int)))
	case ValueDatetime:
		return sizeOptVarint(protowire.EncodeZigZag(v.Int)) + sizeOptVarint(uint64(v.Nanos))
	case ValueDatetimeTZ:
		dt := Value{Kind: ValueDatetime, Int: v.Int, Nanos: v.Nanos}
		n := sizeBytesField(dt.messageSize())
		switch v.TZ {
		case TZNamed:
			n += sizeBytesField(len(v.Str))
		case TZOffset:
			n += 1 + sizeVarint(encodeZigZag32(v.Offset))
		}
		return n
	case ValueDuration:
		return sizeOptVarint(uint64(v.Months)) + sizeOptVarint(uint64(v.Days)) + sizeOptVarint(v.Uint)
	case ValueStruct:
		return sizeOptString(v.Str)
	}
	return 0
}

func (v *Value) appendTo(b []byte) []byte {
	tag := byte(v.Kind) << 3
	switch v.Kind {
	case ValueNone:
		return b
	case ValueString:
		return appendString(b, tag|byte(protowire.BytesType), v.Str)
	case ValueBoolean, ValueLong, ValueDatetimeMillis:
		return protowire.AppendVarint(append(b, tag), uint64(v.Int))
	case ValueDouble:
		return binary.LittleEndian.AppendUint64(append(b, tag|byte(protowire.Fixed64Type)), floatBits(v.Float))
	}
	b = append(b, tag|byte(protowire.BytesType))
	b = protowire.AppendVarint(b, uint64(v.messageSize()))
	return v.appendMessage(b)
}

func (v *Value) appendMessage(b []byte) []byte {
	switch v.Kind {
	case ValueDecimal:
		b = appendOptVarint(b, 0x08, protowire.EncodeZigZag(v.Int))
		return appendOptVarint(b, 0x10, v.Uint)
	case ValueDate:
		return appendOptVarint(b, 0x08, encodeZigZag32(int32(v.Int)))
	case ValueDatetime:
		b = appendOptVarint(b, 0x08, protowire.EncodeZigZag(v.Int))
		return appendOptVarint(b, 0x10, uint64(v.Nanos))
	case ValueDatetimeTZ:
		dt := Value{Kind: ValueDatetime, Int: v.Int, Nanos: v.Nanos}
		b = append(b, 0x0a)
		b = protowire.AppendVarint(b, uint64(dt.messageSize()))
		b = dt.appendMessage(b)
		switch v.TZ {
		case TZNamed:
			b = appendString(b, 0x12, v.Str)
		case TZOffset:
			b = protowire.AppendVarint(append(b, 0x18), encodeZigZag32(v.Offset))
		}
		return b
	case ValueDuration:
		b = appendOptVarint(b, 0x08, uint64(v.Months))
		b = appendOptVarint(b, 0x10, uint64(v.Days))
		return appendOptVarint(b, 0x18, v.Uint)
	case ValueStruct:
		return appendOptString(b, 0x0a, v.Str)
	}
	return b
}

func (it *Item) appendThing(b []byte) []byte {
	b = appendOptString(b, 0x0a, it.ID)
	b = appendOptString(b, 0x12, it.Label)
	for _, o := range it.Owned {
		b = append(b, 0x1a)
		b = protowire.AppendVarint(b, uint64(sizeRef(o)))
		b = appendOptString(b, 0x0a, o)
	}
	switch it.Kind {
	case concept.Attribute:
		if it.HasValue {
			b = append(b, 0x22)
			b = protowire.AppendVarint(b, uint64(it.Value.size()))
			b = it.Value.appendTo(b)
		}
	case concept.Relation:
		for i := range it.Roles {
			r := &it.Roles[i]
			b = append(b, 0x22)
			b = protowire.AppendVarint(b, uint64(sizeRole(r)))
			b = appendOptString(b, 0x0a, r.Label)
			for _, p := range r.Players {
				b = append(b, 0x12)
				b = protowire.AppendVarint(b, uint64(sizeRef(p)))
				b = appendOptString(b, 0x0a, p)
			}
		}
	}
	return b
}

func (h *Header) size() int { return sizeOptString(h.Version) + sizeOptString(h.Database) }

func (c *Checksums) size() int {
	return sizeOptVarint(uint64(c.Entities)) + sizeOptVarint(uint64(c.Attributes)) +
		sizeOptVarint(uint64(c.Relations)) + sizeOptVarint(uint64(c.Roles)) +
		sizeOptVarint(uint64(c.Ownerships)) + sizeOptVarint(uint64(c.KeyOwnerships))
}

// memberSize is the size of the oneof member's message.
func (it *Item) memberSize() int {
	switch it.Kind {
	case concept.Header:
		return it.Header.size()
	case concept.Checksums:
		return it.Checksums.size()
	case concept.Unknown:
		return 0
	}
	return it.sizeThing()
}

// EncodedSize returns the size of the Item message AppendItem writes,
// without the length prefix.
func (it *Item) EncodedSize() int {
	n := it.memberSize()
	switch it.Kind {
	case concept.Unknown:
		return 0
	case concept.Checksums:
		return 2 + sizeVarint(uint64(n)) + n // two-byte tag 0x82 0x01
	}
	return sizeBytesField(n)
}

// AppendItem appends the Item message for it, without a length prefix.
func AppendItem(b []byte, it *Item) []byte {
	n := it.memberSize()
	switch it.Kind {
	case concept.Unknown:
		return b
	case concept.Attribute:
		b = append(b, 0x0a)
	case concept.Entity:
		b = append(b, 0x12)
	case concept.Relation:
		b = append(b, 0x1a)
	case concept.Header:
		b = append(b, 0x7a)
	case concept.Checksums:
		b = append(b, 0x82, 0x01)
	}
	b = protowire.AppendVarint(b, uint64(n))
	switch it.Kind {
	case concept.Header:
		b = appendOptString(b, 0x0a, it.Header.Version)
		b = appendOptString(b, 0x12, it.Header.Database)
	case concept.Checksums:
		c := &it.Checksums
		b = appendOptVarint(b, 0x08, uint64(c.Entities))
		b = appendOptVarint(b, 0x10, uint64(c.Attributes))
		b = appendOptVarint(b, 0x18, uint64(c.Relations))
		b = appendOptVarint(b, 0x20, uint64(c.Roles))
		b = appendOptVarint(b, 0x28, uint64(c.Ownerships))
		b = appendOptVarint(b, 0x30, uint64(c.KeyOwnerships))
	default:
		b = it.appendThing(b)
	}
	return b
}

// AppendDelimited appends the varint length prefix and the Item message.
func AppendDelimited(b []byte, it *Item) []byte {
	b = protowire.AppendVarint(b, uint64(it.EncodedSize()))
	return AppendItem(b, it)
}

// Writer writes an export stream and counts what it writes, so that
// WriteChecksums can close the stream with correct checksums. Output is
// buffered; call Flush at the end.
type Writer struct {
	w      io.Writer
	buf    []byte
	counts Checksums
	off    int64
	items  int64
	err    error
}

// writerBuffer is how much output the Writer gathers before a write call.
const writerBuffer = 256 << 10

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w, buf: make([]byte, 0, writerBuffer)}
}

// Write appends one item. Header and checksums items are written as given
// and not counted; the other kinds are counted for WriteChecksums.
func (w *Writer) Write(it *Item) error {
	if w.err != nil {
		return w.err
	}
	start := len(w.buf)
	w.buf = AppendDelimited(w.buf, it)
	w.off += int64(len(w.buf) - start)
	w.items++
	w.counts.Add(it)
	if len(w.buf) >= writerBuffer {
		return w.Flush()
	}
	return nil
}

// WriteHeader writes a header item.
func (w *Writer) WriteHeader(version, database string) error {
	return w.Write(&Item{Kind: concept.Header, Header: Header{Version: []byte(version), Database: []byte(database)}})
}

// WriteChecksums writes a checksums item holding the counts of everything
// written so far.
func (w *Writer) WriteChecksums() error {
	return w.Write(&Item{Kind: concept.Checksums, Checksums: w.counts})
}

// Counts returns the recount of the items written so far.
func (w *Writer) Counts() Checksums { return w.counts }

// Offset returns the number of bytes written so far, flushed or not.
func (w *Writer) Offset() int64 { return w.off }

// Items returns the number of items written so far.
func (w *Writer) Items() int64 { return w.items }

// Flush writes buffered output to the underlying writer.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if len(w.buf) > 0 {
		_, w.err = w.w.Write(w.buf)
		w.buf = w.buf[:0]
	}
	return w.err
}
