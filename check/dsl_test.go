package check

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

// buildData turns the item language of the golden tests into an export
// file. One item per line; "#" starts a comment; "-" is an empty id:
//
//	header VERSION [DATABASE]
//	attribute ID LABEL KIND VALUE [owns ID…]   KIND: string long double boolean datetime decimal date none,
//	                                            or bytes: VALUE N is a string of N times "x"
//	entity ID LABEL [owns ID…]
//	relation ID LABEL [owns ID…] [role LABEL ID…]…
//	checksums auto | checksums E A R ROLES OWNERSHIPS
//	empty                                       an Item with no member
//	raw HEX…                                    an item's bytes, framed
//	cut N                                       drop the last N bytes of the file
func buildData(src string) ([]byte, error) {
	var out []byte
	var counts datafile.Checksums
	for n, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f, err := fields(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n+1, err)
		}
		if len(f) == 0 {
			continue
		}
		it := &datafile.Item{}
		bad := func(format string, args ...any) error {
			return fmt.Errorf("line %d: %s", n+1, fmt.Sprintf(format, args...))
		}
		id := func(s string) []byte {
			if s == "-" {
				return nil
			}
			return []byte(s)
		}
		switch f[0] {
		case "header":
			it.Kind = concept.Header
			it.Header.Version = []byte(f[1])
			if len(f) > 2 {
				it.Header.Database = []byte(f[2])
			}
		case "checksums":
			it.Kind = concept.Checksums
			if len(f) == 2 && f[1] == "auto" {
				it.Checksums = counts
				break
			}
			if len(f) != 6 {
				return nil, bad("checksums auto, or five counts")
			}
			var c [5]int64
			for i := range c {
				if c[i], err = strconv.ParseInt(f[i+1], 10, 64); err != nil {
					return nil, bad("%v", err)
				}
			}
			it.Checksums = datafile.Checksums{Entities: c[0], Attributes: c[1], Relations: c[2], Roles: c[3], Ownerships: c[4]}
		case "empty":
		case "raw":
			b, err := hex.DecodeString(strings.Join(f[1:], ""))
			if err != nil {
				return nil, bad("%v", err)
			}
			out = protowire.AppendVarint(out, uint64(len(b)))
			out = append(out, b...)
			continue
		case "cut":
			k, err := strconv.Atoi(f[1])
			if err != nil || k > len(out) {
				return nil, bad("cut N")
			}
			out = out[:len(out)-k]
			continue
		case "attribute", "entity", "relation":
			if len(f) < 3 {
				return nil, bad("%s ID LABEL …", f[0])
			}
			it.ID, it.Label = id(f[1]), []byte(f[2])
			rest := f[3:]
			switch f[0] {
			case "attribute":
				it.Kind = concept.Attribute
				if len(rest) < 1 {
					return nil, bad("attribute ID LABEL KIND VALUE")
				}
				if err := setValue(it, rest); err != nil {
					return nil, bad("%v", err)
				}
				if rest[0] == "none" {
					rest = rest[1:]
				} else {
					rest = rest[2:]
				}
			case "entity":
				it.Kind = concept.Entity
			case "relation":
				it.Kind = concept.Relation
			}
			mode := ""
			for _, w := range rest {
				switch w {
				case "owns":
					mode = w
					continue
				case "role":
					mode = w
					continue
				}
				switch mode {
				case "owns":
					it.Owned = append(it.Owned, id(w))
				case "role":
					it.AddRole([]byte(w))
					mode = "player"
				case "player":
					r := &it.Roles[len(it.Roles)-1]
					r.Players = append(r.Players, id(w))
				default:
					return nil, bad("unexpected %q", w)
				}
			}
			counts.Add(it)
		default:
			return nil, bad("unknown item %q", f[0])
		}
		out = datafile.AppendDelimited(out, it)
	}
	return out, nil
}

func setValue(it *datafile.Item, f []string) error {
	v := &it.Value
	if f[0] == "none" {
		return nil
	}
	it.HasValue = true
	if len(f) < 2 {
		return fmt.Errorf("%s needs a value", f[0])
	}
	var err error
	switch f[0] {
	case "string":
		v.Kind, v.Str = datafile.ValueString, []byte(f[1])
	case "bytes":
		var n int
		n, err = strconv.Atoi(f[1])
		v.Kind, v.Str = datafile.ValueString, []byte(strings.Repeat("x", n))
	case "long":
		v.Kind = datafile.ValueLong
		v.Int, err = strconv.ParseInt(f[1], 10, 64)
	case "datetime":
		v.Kind = datafile.ValueDatetimeMillis
		v.Int, err = strconv.ParseInt(f[1], 10, 64)
	case "double":
		v.Kind = datafile.ValueDouble
		v.Float, err = strconv.ParseFloat(f[1], 64)
	case "boolean":
		v.Kind = datafile.ValueBoolean
		if f[1] == "true" {
			v.Int = 1
		}
	case "decimal":
		v.Kind = datafile.ValueDecimal
		v.Int, err = strconv.ParseInt(f[1], 10, 64)
	case "date":
		v.Kind = datafile.ValueDate
		v.Int, err = strconv.ParseInt(f[1], 10, 64)
	default:
		return fmt.Errorf("unknown value kind %q", f[0])
	}
	return err
}

// fields splits a line on spaces, keeping Go-quoted strings whole.
func fields(line string) ([]string, error) {
	var out []string
	for {
		line = strings.TrimLeftFunc(line, unicode.IsSpace)
		if line == "" {
			return out, nil
		}
		if line[0] == '"' {
			q, err := strconv.QuotedPrefix(line)
			if err != nil {
				return nil, err
			}
			s, _ := strconv.Unquote(q)
			out = append(out, s)
			line = line[len(q):]
			continue
		}
		i := strings.IndexFunc(line, unicode.IsSpace)
		if i < 0 {
			i = len(line)
		}
		out = append(out, line[:i])
		line = line[i:]
	}
}
