package datafile

import (
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/tqlmig/tqlmig/concept"
)

// Field numbers of the Item oneof, the same in every version (§1.1, §1.3 of
// the format reference).
const (
	fieldAttribute = 1
	fieldEntity    = 2
	fieldRelation  = 3
	fieldHeader    = 15
	fieldChecksums = 16
)

// ValueKind says which member of the value oneof an attribute holds. Its
// numeric value is the protobuf field number of that member, so the 3.x
// kinds keep their gap at 7.
type ValueKind uint8

// Value kinds. 1–5 exist in every version; 6–12 are TypeDB 3.x only.
const (
	ValueNone           ValueKind = 0
	ValueString         ValueKind = 1  // string
	ValueBoolean        ValueKind = 2  // bool
	ValueLong           ValueKind = 3  // int64; "integer" in 3.x
	ValueDouble         ValueKind = 4  // IEEE 754 double
	ValueDatetimeMillis ValueKind = 5  // int64 milliseconds since the epoch, what 1.x/2.x write
	ValueDecimal        ValueKind = 6  // integer part + fractional part in 1e-19 units
	ValueDate           ValueKind = 8  // days, 0001-01-01 is day 1
	ValueDatetime       ValueKind = 9  // seconds + nanos since the epoch, what 3.x writes
	ValueDatetimeTZ     ValueKind = 10 // a datetime plus an IANA zone name or a fixed offset
	ValueDuration       ValueKind = 11 // months, days, nanos
	ValueStruct         ValueKind = 12 // a struct type name; unimplemented upstream
)

var valueKindNames = map[ValueKind]string{
	ValueNone:           "none",
	ValueString:         "string",
	ValueBoolean:        "boolean",
	ValueLong:           "long",
	ValueDouble:         "double",
	ValueDatetimeMillis: "datetime-millis",
	ValueDecimal:        "decimal",
	ValueDate:           "date",
	ValueDatetime:       "datetime",
	ValueDatetimeTZ:     "datetime-tz",
	ValueDuration:       "duration",
	ValueStruct:         "struct",
}

func (k ValueKind) String() string {
	if s, ok := valueKindNames[k]; ok {
		return s
	}
	return "value(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText lets JSON output carry the name.
func (k ValueKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Is3x reports whether only TypeDB 3.x writes and reads this kind.
func (k ValueKind) Is3x() bool { return k >= ValueDecimal }

// TZKind says which member of the datetime-tz timezone oneof is set.
type TZKind uint8

// Timezone kinds of a datetime-tz value.
const (
	TZNone   TZKind = iota
	TZNamed         // Value.Str holds an IANA zone name
	TZOffset        // Value.Offset holds a fixed offset in seconds
)

// Value is an attribute value. Which fields are meaningful depends on Kind:
//
//	string           Str
//	boolean          Int (0 is false; the raw varint is kept for byte-exact output)
//	long             Int
//	double           Float
//	datetime-millis  Int (milliseconds since the epoch)
//	decimal          Int (integer part), Uint (fractional part in 1e-19 units)
//	date             Int (days since the common era, 0001-01-01 is day 1)
//	datetime         Int (seconds since the epoch), Nanos
//	datetime-tz      Int, Nanos, and TZ with Str (zone name) or Offset (seconds)
//	duration         Months, Days, Uint (nanos)
//	struct           Str (struct type name)
//
// Str is a view into the Reader's buffer for decoded items.
type Value struct {
	Kind   ValueKind
	TZ     TZKind
	Int    int64
	Uint   uint64
	Float  float64
	Nanos  uint32
	Months uint32
	Days   uint32
	Offset int32
	Str    []byte
}

func (v *Value) reset() {
	v.Kind, v.TZ, v.Int, v.Uint, v.Float = 0, 0, 0, 0, 0
	v.Nanos, v.Months, v.Days, v.Offset, v.Str = 0, 0, 0, 0, nil
}

// Bool returns a boolean value.
func (v *Value) Bool() bool { return v.Int != 0 }

// Time returns a datetime-millis, datetime or datetime-tz value as a time
// (in UTC, or in the fixed offset of a datetime-tz; named zones are not
// loaded), and false for other kinds.
func (v *Value) Time() (time.Time, bool) {
	switch v.Kind {
	case ValueDatetimeMillis:
		return time.UnixMilli(v.Int).UTC(), true
	case ValueDatetime:
		return time.Unix(v.Int, int64(v.Nanos)).UTC(), true
	case ValueDatetimeTZ:
		t := time.Unix(v.Int, int64(v.Nanos)).UTC()
		if v.TZ == TZOffset {
			t = t.In(time.FixedZone("", int(v.Offset)))
		}
		return t, true
	}
	return time.Time{}, false
}

// String renders the value for people; it is not TypeQL syntax.
func (v *Value) String() string {
	switch v.Kind {
	case ValueString:
		return strconv.Quote(string(v.Str))
	case ValueBoolean:
		return strconv.FormatBool(v.Bool())
	case ValueLong:
		return strconv.FormatInt(v.Int, 10)
	case ValueDouble:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case ValueDatetimeMillis, ValueDatetime:
		t, _ := v.Time()
		return t.Format("2006-01-02T15:04:05.999999999")
	case ValueDatetimeTZ:
		t, _ := v.Time()
		s := t.Format("2006-01-02T15:04:05.999999999")
		if v.TZ == TZNamed {
			return s + " " + string(v.Str)
		}
		return s + t.Format("Z07:00")
	case ValueDecimal:
		return fmt.Sprintf("%d+%de-19dec", v.Int, v.Uint)
	case ValueDate:
		// Day 1 is 0001-01-01 (proleptic Gregorian).
		return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(v.Int)-1).Format("2006-01-02")
	case ValueDuration:
		return fmt.Sprintf("P%dM%dDT%dns", v.Months, v.Days, v.Uint)
	case ValueStruct:
		return "struct " + strconv.Quote(string(v.Str))
	}
	return "<no value>"
}

// Role is one role entry of a relation: a role label and its players' ids.
type Role struct {
	Label   []byte
	Players [][]byte
	lo, hi  int32 // span in Item.players while decoding
}

// Header is the content of a header item.
type Header struct {
	Version  []byte // grakn_version / typedb_version (field 1)
	Database []byte // original_database (field 2)
}

// Checksums is the content of a checksums item, and also a running recount
// of a stream (see Add). Counts follow §4.2 of the format reference.
type Checksums struct {
	Entities      int64 `json:"entities"`                // entity items
	Attributes    int64 `json:"attributes"`              // attribute items
	Relations     int64 `json:"relations"`               // relation items
	Roles         int64 `json:"roles"`                   // role players over all relations
	Ownerships    int64 `json:"ownerships"`              // owned-attribute entries over all items
	KeyOwnerships int64 `json:"keyOwnerships,omitempty"` // field 6; declared in 1.7.3–2.2, never set by an exporter
}

// Add counts one item the way exporters count for the checksums item.
func (c *Checksums) Add(it *Item) {
	switch it.Kind {
	case concept.Entity:
		c.Entities++
	case concept.Attribute:
		c.Attributes++
	case concept.Relation:
		c.Relations++
		for i := range it.Roles {
			c.Roles += int64(len(it.Roles[i].Players))
		}
	default:
		return
	}
	c.Ownerships += int64(len(it.Owned))
}

// Item is one decoded item of an export file. Items returned by a Reader are
// reused by the next call to Next: the byte slices are views into the
// Reader's buffer. Use the String accessors or Clone to keep anything.
//
// Which fields are meaningful depends on Kind: ID, Label and Owned for the
// three thing kinds, Roles for relations, Value (when HasValue) for
// attributes, Header and Checksums for those kinds.
type Item struct {
	Kind concept.Kind

	Offset int64 // byte offset of the item's length prefix in the stream
	Index  int64 // position of the item in the stream, counting from 0
	Size   int   // length of the Item message, without its prefix

	ID       []byte
	Label    []byte
	Owned    [][]byte // ids of the owned attributes (OwnedAttribute.id)
	Roles    []Role
	Value    Value
	HasValue bool // the attribute carries a value message (even an empty one)

	Header    Header
	Checksums Checksums

	// Unknown counts the fields, at any depth, that were skipped because
	// their number or wire type is unknown. Re-encoding drops them.
	Unknown int

	players [][]byte // backing array of Roles[i].Players for decoded items
}

// ValidUTF8 reports whether every string of the item (id, label, string
// value, owned ids, role labels and player ids) is valid UTF-8, as the
// proto3 parsers of every importer require.
func (it *Item) ValidUTF8() bool {
	ok := utf8.Valid(it.ID) && utf8.Valid(it.Label) && (it.Value.Kind != ValueString || utf8.Valid(it.Value.Str))
	for _, o := range it.Owned {
		ok = ok && utf8.Valid(o)
	}
	for i := range it.Roles {
		ok = ok && utf8.Valid(it.Roles[i].Label)
		for _, p := range it.Roles[i].Players {
			ok = ok && utf8.Valid(p)
		}
	}
	return ok
}

// Reset clears the item, keeping the capacity of its slices.
func (it *Item) Reset() {
	// Field by field: assigning a whole Item costs a bulk write barrier
	// per call, a quarter of the decoder's time.
	switch it.Kind {
	case concept.Header:
		it.Header = Header{}
	case concept.Checksums:
		it.Checksums = Checksums{}
	}
	it.Kind = concept.Unknown
	it.Offset, it.Index, it.Size, it.Unknown = 0, 0, 0, 0
	it.ID, it.Label = nil, nil
	it.Owned, it.Roles, it.players = it.Owned[:0], it.Roles[:0], it.players[:0]
	if it.HasValue || it.Value.Kind != ValueNone {
		it.Value = Value{}
		it.HasValue = false
	}
	// Items built by hand may carry fields that do not match their kind.
	if len(it.Header.Version)|len(it.Header.Database) != 0 {
		it.Header = Header{}
	}
	if it.Checksums != (Checksums{}) {
		it.Checksums = Checksums{}
	}
}

// clear is Reset for the Reader: a decoded item only carries the fields of
// its kind, so only those need clearing.
func (it *Item) clear() {
	switch it.Kind {
	case concept.Entity, concept.Relation, concept.Attribute:
		it.Kind, it.Unknown = concept.Unknown, 0
		it.ID, it.Label = nil, nil
		it.Owned, it.Roles, it.players = it.Owned[:0], it.Roles[:0], it.players[:0]
		if it.HasValue {
			it.Value.reset()
			it.HasValue = false
		}
	case concept.Unknown:
		if it.Unknown == 0 {
			return
		}
		fallthrough
	default:
		it.Reset()
	}
}

// resetContent clears what a oneof member carries, keeping the position.
func (it *Item) resetContent() {
	off, idx, size := it.Offset, it.Index, it.Size
	it.Reset()
	it.Offset, it.Index, it.Size = off, idx, size
}

// IDString returns a copy of the item's id.
func (it *Item) IDString() string { return string(it.ID) }

// LabelString returns a copy of the item's type label.
func (it *Item) LabelString() string { return string(it.Label) }

// RoleCount returns the number of role players over all roles.
func (it *Item) RoleCount() int {
	n := 0
	for i := range it.Roles {
		n += len(it.Roles[i].Players)
	}
	return n
}

// AddOwned appends an owned attribute id; the slice is not copied.
func (it *Item) AddOwned(id []byte) { it.Owned = append(it.Owned, id) }

// AddRole appends a role with its players; the slices are not copied.
func (it *Item) AddRole(label []byte, players ...[]byte) {
	it.Roles = append(it.Roles, Role{Label: label, Players: players})
}

// Clone returns a deep copy of the item that does not share memory with the
// Reader's buffer.
func (it *Item) Clone() *Item {
	n := &Item{
		Kind: it.Kind, Offset: it.Offset, Index: it.Index, Size: it.Size,
		ID: clone(it.ID), Label: clone(it.Label),
		Value: it.Value, HasValue: it.HasValue,
		Header:    Header{Version: clone(it.Header.Version), Database: clone(it.Header.Database)},
		Checksums: it.Checksums, Unknown: it.Unknown,
	}
	n.Value.Str = clone(it.Value.Str)
	if len(it.Owned) > 0 {
		n.Owned = make([][]byte, len(it.Owned))
		for i, o := range it.Owned {
			n.Owned[i] = clone(o)
		}
	}
	if len(it.Roles) > 0 {
		n.Roles = make([]Role, len(it.Roles))
		for i, r := range it.Roles {
			n.Roles[i].Label = clone(r.Label)
			if len(r.Players) > 0 {
				n.Roles[i].Players = make([][]byte, len(r.Players))
				for j, p := range r.Players {
					n.Roles[i].Players[j] = clone(p)
				}
			}
		}
	}
	return n
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append(make([]byte, 0, len(b)), b...)
}

// floatBits is math.Float64bits, named so encode and decode read alike.
func floatBits(f float64) uint64 { return math.Float64bits(f) }
