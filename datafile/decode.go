package datafile

import (
	"encoding/binary"
	"fmt"
	"math"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tqlmig/tqlmig/concept"
)

// decodeError is a malformed Item message. off is relative to the start of
// the message; path names the nested message, e.g. "relation.role[1]".
type decodeError struct {
	off  int
	path string
	msg  string
}

func (e *decodeError) Error() string {
	if e.path == "" {
		return e.msg
	}
	return "in " + e.path + ": " + e.msg
}

// within prefixes the error path with the enclosing message and shifts the
// offset by the nested message's start.
func within(err error, path string, base int) error {
	e := err.(*decodeError)
	e.off += base
	if e.path == "" {
		e.path = path
	} else {
		e.path = path + "." + e.path
	}
	return e
}

func malformed(off int, format string, args ...any) error {
	return &decodeError{off: off, msg: fmt.Sprintf(format, args...)}
}

// slowVarint decodes a varint that does not fit in one byte. It returns the
// index after it, or -1.
func slowVarint(b []byte, i int) (uint64, int) {
	v, n := protowire.ConsumeVarint(b[i:])
	if n < 0 {
		return 0, -1
	}
	return v, i + n
}

func varintError(b []byte, i int) error {
	_, n := protowire.ConsumeVarint(b[i:])
	if n == -3 { // errCodeOverflow
		return malformed(i, "varint longer than 10 bytes")
	}
	return malformed(i, "truncated varint")
}

// field reads a tag at b[i:] and returns the field number, wire type and
// the index after the tag.
func field(b []byte, i int) (protowire.Number, protowire.Type, int, error) {
	var tag uint64
	if c := b[i]; c < 0x80 {
		tag, i = uint64(c), i+1
	} else {
		start := i
		if tag, i = slowVarint(b, i); i < 0 {
			return 0, 0, 0, varintError(b, start)
		}
		if tag>>3 > uint64(protowire.MaxValidNumber) {
			return 0, 0, 0, malformed(start, "field number %d out of range", tag>>3)
		}
	}
	if tag>>3 == 0 {
		return 0, 0, 0, malformed(i-1, "field number 0 (tag byte %#02x)", b[i-1])
	}
	return protowire.Number(tag >> 3), protowire.Type(tag & 7), i, nil
}

// bytesField reads the length and payload of a length-delimited field at b[i:].
func bytesField(b []byte, i int) ([]byte, int, error) {
	var l uint64
	start := i
	if i < len(b) && b[i] < 0x80 {
		l, i = uint64(b[i]), i+1
	} else if l, i = slowVarint(b, i); i < 0 {
		return nil, 0, varintError(b, start)
	}
	if l > uint64(len(b)-i) {
		return nil, 0, malformed(start, "length %d exceeds the %d bytes left in the message", l, len(b)-i)
	}
	end := i + int(l)
	return b[i:end:end], end, nil
}

// varintField reads a varint value at b[i:].
func varintField(b []byte, i int) (uint64, int, error) {
	if i < len(b) && b[i] < 0x80 {
		return uint64(b[i]), i + 1, nil
	}
	v, j := slowVarint(b, i)
	if j < 0 {
		return 0, 0, varintError(b, i)
	}
	return v, j, nil
}

// skip skips the value of an unknown field at b[i:] and counts it.
func skip(b []byte, i int, num protowire.Number, typ protowire.Type, unknown *int) (int, error) {
	n := protowire.ConsumeFieldValue(num, typ, b[i:])
	if n >= 0 {
		*unknown++
		return i + n, nil
	}
	switch typ {
	case 6, 7:
		return 0, malformed(i-1, "invalid wire type %d for field %d", typ, num)
	case protowire.EndGroupType:
		return 0, malformed(i-1, "end-group marker for field %d without a start", num)
	}
	return 0, malformed(i, "unknown field %d (wire type %d): %v", num, typ, protowire.ParseError(n))
}

// DecodeItem decodes msg, one Item message without its length prefix, into
// it, reusing its slices; the byte slices of it point into msg. For callers
// that read with NextRaw and need some items decoded.
func DecodeItem(it *Item, msg []byte) error {
	it.clear()
	return decodeItem(it, msg)
}

// decodeItem decodes one Item message into it, which must have been reset.
// Repeated occurrences of the same oneof member merge, as protobuf merges
// them; a different member replaces the earlier one.
func decodeItem(it *Item, b []byte) error {
	for i := 0; i < len(b); {
		num, typ, j, err := field(b, i)
		if err != nil {
			return err
		}
		i = j
		var kind concept.Kind
		if typ == protowire.BytesType {
			switch num {
			case fieldAttribute:
				kind = concept.Attribute
			case fieldEntity:
				kind = concept.Entity
			case fieldRelation:
				kind = concept.Relation
			case fieldHeader:
				kind = concept.Header
			case fieldChecksums:
				kind = concept.Checksums
			}
		}
		if kind == concept.Unknown {
			if i, err = skip(b, i, num, typ, &it.Unknown); err != nil {
				return err
			}
			continue
		}
		sub, j, err := bytesField(b, i)
		if err != nil {
			return err
		}
		base := j - len(sub)
		i = j
		if it.Kind != kind {
			if it.Kind != concept.Unknown {
				it.resetContent()
			}
			it.Kind = kind
		}
		switch kind {
		case concept.Header:
			err = decodeHeader(it, sub)
		case concept.Checksums:
			err = decodeChecksums(it, sub)
		default:
			err = decodeThing(it, sub, kind)
		}
		if err != nil {
			return within(err, kind.String(), base)
		}
	}
	it.fixRoles()
	return nil
}

// thingTag returns the kind of an Item message made of exactly one thing
// member with a one- or two-byte length, which is every item but the
// header and checksums of a real export, and KindNone otherwise. The member
// is then the last thingLen(b) bytes.
func thingTag(b []byte) concept.Kind {
	if len(b) < 2 || b[0] < 0x0a || b[0] > 0x1a || b[0]&7 != 2 {
		return concept.Unknown
	}
	if l := b[1]; l < 0x80 {
		if int(l) != len(b)-2 {
			return concept.Unknown
		}
	} else if len(b) < 3 || b[2] >= 0x80 || int(l&0x7f)|int(b[2])<<7 != len(b)-3 {
		return concept.Unknown
	}
	return fieldKinds[b[0]>>3]
}

// thingLen is the length of the member of a message thingTag accepts.
func thingLen(b []byte) int {
	if b[1] < 0x80 {
		return len(b) - 2
	}
	return len(b) - 3
}

// fixRoles points each role at its players, once they stopped moving.
func (it *Item) fixRoles() {
	for k := range it.Roles {
		r := &it.Roles[k]
		r.Players = it.players[r.lo:r.hi:r.hi]
	}
}

// decodeThing decodes an Entity, Attribute or Relation message. Their
// fields 1–3 agree; field 4 is the value of an attribute and a role of a
// relation, and unknown for an entity.
func decodeThing(it *Item, b []byte, kind concept.Kind) error {
	for i := 0; i < len(b); {
		// Hot path: a one-byte tag and a length of one or two bytes, in
		// one dispatch; anything else goes through thingField.
		tag := b[i]
		if i+2 < len(b) {
			start, l := i+2, int(b[i+1])
			if l >= 0x80 {
				l, start = l&0x7f|int(b[i+2])<<7, i+3
				if b[i+2] >= 0x80 {
					l = len(b) // not two bytes: take the general path
				}
			}
			if end := start + l; end <= len(b) {
				s := b[start:end:end]
				switch {
				case tag == 0x0a:
					it.ID = s
					i = end
					continue
				case tag == 0x12:
					it.Label = s
					i = end
					continue
				case tag == 0x1a && len(s) >= 2 && s[0] == 0x0a && s[1] < 0x80 && int(s[1]) == len(s)-2:
					n := len(it.Owned)
					if n == cap(it.Owned) {
						it.Owned = grow(it.Owned)
					}
					it.Owned = it.Owned[:n+1]
					it.Owned[n] = s[2:]
					i = end
					continue
				case tag == 0x22 && kind == concept.Relation:
					if err := decodeRole(it, s); err != nil {
						return within(err, fmt.Sprintf("role[%d]", len(it.Roles)-1), start)
					}
					i = end
					continue
				case tag == 0x22 && kind == concept.Attribute && !it.HasValue:
					it.HasValue = true
					if err := decodeValue(&it.Value, s, &it.Unknown); err != nil {
						return within(err, "value", start)
					}
					i = end
					continue
				}
			}
		}
		var err error
		if i, err = thingField(it, b, i, kind); err != nil {
			return err
		}
	}
	return nil
}

// thingField decodes the field at b[i:] of a thing message, in general,
// and returns the index after it.
func thingField(it *Item, b []byte, i int, kind concept.Kind) (int, error) {
	tag := b[i]
	if !(tag == 0x0a || tag == 0x12 || tag == 0x1a || (tag == 0x22 && kind != concept.Entity)) {
		num, typ, j, err := field(b, i)
		if err != nil {
			return 0, err
		}
		return skip(b, j, num, typ, &it.Unknown)
	}
	s, end, err := bytesField(b, i+1)
	if err != nil {
		return 0, err
	}
	start := end - len(s)
	switch tag {
	case 0x0a:
		it.ID = s
	case 0x12:
		it.Label = s
	case 0x1a:
		id, err := decodeRef(it, s)
		if err != nil {
			return 0, within(err, fmt.Sprintf("attribute[%d]", len(it.Owned)), start)
		}
		if len(it.Owned) == cap(it.Owned) {
			it.Owned = grow(it.Owned)
		}
		it.Owned = append(it.Owned, id)
	case 0x22:
		if kind == concept.Attribute {
			if !it.HasValue {
				it.Value.reset()
				it.HasValue = true
			}
			if err := decodeValue(&it.Value, s, &it.Unknown); err != nil {
				return 0, within(err, "value", start)
			}
		} else if err := decodeRole(it, s); err != nil {
			return 0, within(err, fmt.Sprintf("role[%d]", len(it.Roles)-1), start)
		}
	}
	return end, nil
}

// decodeRef decodes an OwnedAttribute or Player message: its id.
func decodeRef(it *Item, b []byte) ([]byte, error) {
	// Fast path: exactly one id field, as every exporter writes it.
	if len(b) >= 2 && b[0] == 0x0a && b[1] < 0x80 && int(b[1]) == len(b)-2 {
		return b[2:], nil
	}
	var id []byte
	err := decodeStrings(b, &it.Unknown, &id)
	return id, err
}

// decodeStrings decodes a message whose known fields are strings numbered
// from 1: field k goes to *dst[k-1]. The last occurrence of a field wins.
func decodeStrings(b []byte, unknown *int, dst ...*[]byte) error {
	for i := 0; i < len(b); {
		num, typ, j, err := field(b, i)
		if err != nil {
			return err
		}
		if typ == protowire.BytesType && int(num) <= len(dst) {
			if *dst[num-1], i, err = bytesField(b, j); err != nil {
				return err
			}
			continue
		}
		if i, err = skip(b, j, num, typ, unknown); err != nil {
			return err
		}
	}
	return nil
}

// decodeRole decodes a Relation.Role message and appends it to it.Roles.
func decodeRole(it *Item, b []byte) error {
	if len(it.Roles) == cap(it.Roles) {
		it.Roles = grow(it.Roles)
	}
	it.Roles = append(it.Roles, Role{})
	r := &it.Roles[len(it.Roles)-1]
	r.lo = int32(len(it.players))
	for i := 0; i < len(b); {
		if tag := b[i]; tag == 0x0a || tag == 0x12 {
			var s []byte
			var end int
			if i+1 < len(b) && b[i+1] < 0x80 && int(b[i+1]) <= len(b)-i-2 {
				end = i + 2 + int(b[i+1])
				s = b[i+2 : end : end]
			} else {
				var err error
				if s, end, err = bytesField(b, i+1); err != nil {
					return err
				}
			}
			if tag == 0x0a {
				r.Label = s
			} else if len(s) >= 2 && s[0] == 0x0a && s[1] < 0x80 && int(s[1]) == len(s)-2 {
				if len(it.players) == cap(it.players) {
					it.players = grow(it.players)
				}
				it.players = append(it.players, s[2:])
			} else {
				id, err := decodeRef(it, s)
				if err != nil {
					return within(err, fmt.Sprintf("player[%d]", len(it.players)-int(r.lo)), end-len(s))
				}
				if len(it.players) == cap(it.players) {
					it.players = grow(it.players)
				}
				it.players = append(it.players, id)
			}
			i = end
			continue
		}
		num, typ, j, err := field(b, i)
		if err != nil {
			return err
		}
		if i, err = skip(b, j, num, typ, &it.Unknown); err != nil {
			return err
		}
	}
	r.hi = int32(len(it.players))
	// Valid unless a later role of the item grows it.players; decodeItem
	// then fixes every role.
	r.Players = it.players[r.lo:r.hi:r.hi]
	return nil
}

func decodeHeader(it *Item, b []byte) error {
	return decodeStrings(b, &it.Unknown, &it.Header.Version, &it.Header.Database)
}

func decodeChecksums(it *Item, b []byte) error {
	c := &it.Checksums
	for i := 0; i < len(b); {
		num, typ, j, err := field(b, i)
		if err != nil {
			return err
		}
		if typ == protowire.VarintType && num >= 1 && num <= 6 {
			v, end, err := varintField(b, j)
			if err != nil {
				return err
			}
			switch num {
			case 1:
				c.Entities = int64(v)
			case 2:
				c.Attributes = int64(v)
			case 3:
				c.Relations = int64(v)
			case 4:
				c.Roles = int64(v)
			case 5:
				c.Ownerships = int64(v)
			case 6:
				c.KeyOwnerships = int64(v)
			}
			i = end
			continue
		}
		if i, err = skip(b, j, num, typ, &it.Unknown); err != nil {
			return err
		}
	}
	return nil
}

// decodeValue decodes a ValueObject (1.x/2.x) or MigrationValue (3.x)
// message into v, merging with what v holds.
func decodeValue(v *Value, b []byte, unknown *int) error {
	// Fast path: a fresh value of one field of a 1.x/2.x kind, which is
	// what every exporter writes.
	if v.Kind == ValueNone && len(b) >= 2 {
		switch tag := b[0]; tag {
		case 0x0a:
			if b[1] < 0x80 && int(b[1]) == len(b)-2 {
				v.Kind, v.Str = ValueString, b[2:]
				return nil
			}
		case 0x10, 0x18, 0x28:
			if x, end := slowVarint(b, 1); end == len(b) {
				v.Kind, v.Int = ValueKind(tag>>3), int64(x)
				return nil
			}
		case 0x21:
			if len(b) == 9 {
				v.Kind, v.Float = ValueDouble, math.Float64frombits(binary.LittleEndian.Uint64(b[1:]))
				return nil
			}
		}
	}
	for i := 0; i < len(b); {
		num, typ, j, err := field(b, i)
		if err != nil {
			return err
		}
		kind := ValueKind(num)
		want := protowire.BytesType
		switch kind {
		case ValueBoolean, ValueLong, ValueDatetimeMillis:
			want = protowire.VarintType
		case ValueDouble:
			want = protowire.Fixed64Type
		case ValueString, ValueDecimal, ValueDate, ValueDatetime, ValueDatetimeTZ, ValueDuration, ValueStruct:
		default:
			want = -1
		}
		if typ != want {
			if i, err = skip(b, j, num, typ, unknown); err != nil {
				return err
			}
			continue
		}
		if v.Kind != kind {
			v.reset()
			v.Kind = kind
		}
		switch want {
		case protowire.VarintType:
			x, end, err := varintField(b, j)
			if err != nil {
				return err
			}
			v.Int = int64(x)
			i = end
		case protowire.Fixed64Type:
			if len(b)-j < 8 {
				return malformed(j, "truncated double")
			}
			v.Float = math.Float64frombits(uint64(b[j]) | uint64(b[j+1])<<8 | uint64(b[j+2])<<16 | uint64(b[j+3])<<24 |
				uint64(b[j+4])<<32 | uint64(b[j+5])<<40 | uint64(b[j+6])<<48 | uint64(b[j+7])<<56)
			i = j + 8
		default:
			s, end, err := bytesField(b, j)
			if err != nil {
				return err
			}
			if kind == ValueString {
				v.Str = s
			} else if err := decodeValueMessage(v, s, unknown); err != nil {
				return within(err, kind.String(), end-len(s))
			}
			i = end
		}
	}
	return nil
}

// decodeValueMessage decodes the nested message of a 3.x value kind. All of
// them are flat messages of varints, except datetime-tz (a nested datetime
// and a zone name) and struct (a name).
func decodeValueMessage(v *Value, b []byte, unknown *int) error {
	for i := 0; i < len(b); {
		num, typ, j, err := field(b, i)
		if err != nil {
			return err
		}
		switch {
		case typ == protowire.VarintType && validVarintField(v.Kind, num):
			x, end, err := varintField(b, j)
			if err != nil {
				return err
			}
			setVarint(v, num, x)
			i = end
		case typ == protowire.BytesType && ((v.Kind == ValueDatetimeTZ && (num == 1 || num == 2)) || (v.Kind == ValueStruct && num == 1)):
			s, end, err := bytesField(b, j)
			if err != nil {
				return err
			}
			switch {
			case v.Kind == ValueStruct:
				v.Str = s
			case num == 2:
				v.TZ, v.Offset, v.Str = TZNamed, 0, s
			default:
				dt := Value{Kind: ValueDatetime, Int: v.Int, Nanos: v.Nanos}
				if err := decodeValueMessage(&dt, s, unknown); err != nil {
					return within(err, "datetime", end-len(s))
				}
				v.Int, v.Nanos = dt.Int, dt.Nanos
			}
			i = end
		default:
			if i, err = skip(b, j, num, typ, unknown); err != nil {
				return err
			}
		}
	}
	return nil
}

func validVarintField(k ValueKind, num protowire.Number) bool {
	switch k {
	case ValueDecimal, ValueDatetime:
		return num == 1 || num == 2
	case ValueDate:
		return num == 1
	case ValueDatetimeTZ:
		return num == 3
	case ValueDuration:
		return num >= 1 && num <= 3
	}
	return false
}

func setVarint(v *Value, num protowire.Number, x uint64) {
	switch v.Kind {
	case ValueDecimal:
		if num == 1 {
			v.Int = protowire.DecodeZigZag(x) // sint64
		} else {
			v.Uint = x
		}
	case ValueDate:
		v.Int = int64(decodeZigZag32(x))
	case ValueDatetime:
		if num == 1 {
			v.Int = protowire.DecodeZigZag(x)
		} else {
			v.Nanos = uint32(x)
		}
	case ValueDatetimeTZ:
		v.TZ, v.Str, v.Offset = TZOffset, nil, decodeZigZag32(x)
	case ValueDuration:
		switch num {
		case 1:
			v.Months = uint32(x)
		case 2:
			v.Days = uint32(x)
		default:
			v.Uint = x
		}
	}
}

// decodeZigZag32 decodes a sint32 as protobuf does: only the low 32 bits count.
func decodeZigZag32(x uint64) int32 {
	u := uint32(x)
	return int32(u>>1) ^ -int32(u&1)
}

func encodeZigZag32(n int32) uint64 {
	return uint64(uint32(n<<1) ^ uint32(n>>31))
}

// grow doubles a slice's capacity. append grows large slices by a quarter
// at a time, which allocates about five times the final size on the way; a
// decoder must keep what it allocates within a small multiple of its input.
func grow[T any](s []T) []T {
	n := make([]T, len(s), max(8, 2*cap(s)))
	copy(n, s)
	return n
}

// fieldKinds maps the field numbers of the Item oneof's thing members to
// their kinds.
var fieldKinds = [...]concept.Kind{fieldAttribute: concept.Attribute, fieldEntity: concept.Entity, fieldRelation: concept.Relation}
