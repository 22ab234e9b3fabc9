package check

import (
	"strconv"
	"strings"
	"time"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/schema"
)

// valueCon is a 3.x @values or @range of an attribute type, with literals
// tqlmig can compare; a constraint with another literal is not recorded.
type valueCon struct {
	owner  string // the attribute type that declares it
	src    string // as written, e.g. `@range(1..5)`
	set    []lit  // @values
	lo, hi *lit   // @range; nil is an open end
}

// lit is a TypeQL 3.x value literal, or an attribute value, by category.
type lit struct {
	cat litCat
	s   string
	i   int64
	f   float64
	t   time.Time
}

type litCat uint8

const (
	litNone litCat = iota
	litString
	litInteger
	litDouble
	litBoolean // i is 0 or 1
	litDate    // t at midnight UTC
	litDatetime
)

// addValueCons3 records the @values and @range of every attribute type of
// m3 and its supertypes (3.x keeps them as constraints on the type and its
// subtypes).
func (v *view) addValueCons3(m3 *schema.Model3) {
	for _, t3 := range m3.Types() {
		i, ok := v.byKey[t3.Label]
		if !ok || t3.Kind != concept.Attribute || v.types[i].kind != concept.Attribute {
			continue
		}
		ti := v.types[i]
		for _, s := range append([]*schema.Type3{t3}, t3.Supertypes()...) {
			for _, a := range s.ValueAnnots {
				if c, ok := parseValueCon(a); ok {
					c.owner = s.Label
					ti.cons = append(ti.cons, c)
				}
			}
		}
	}
}

// parseValueCon reads @values(l, …) or @range(l..l), either end open.
func parseValueCon(a *schema.Annot3) (*valueCon, bool) {
	c := &valueCon{src: a.String()}
	switch a.Name {
	case "values":
		for _, part := range splitOutsideQuotes(a.Args, ",") {
			l, ok := parseLit(part)
			if !ok {
				return nil, false
			}
			c.set = append(c.set, l)
		}
		return c, len(c.set) > 0
	case "range":
		ends := splitOutsideQuotes(a.Args, "..")
		if len(ends) != 2 {
			return nil, false
		}
		for i, end := range ends {
			if strings.TrimSpace(end) == "" {
				continue
			}
			l, ok := parseLit(end)
			if !ok {
				return nil, false
			}
			if i == 0 {
				c.lo = &l
			} else {
				c.hi = &l
			}
		}
		return c, c.lo != nil || c.hi != nil
	}
	return nil, false
}

// splitOutsideQuotes splits s at each sep that is not inside a string.
func splitOutsideQuotes(s, sep string) []string {
	var out []string
	var quote byte
	start := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0 && c == '\\':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case strings.HasPrefix(s[i:], sep):
			out = append(out, s[start:i])
			i += len(sep) - 1
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// datetimeLayouts are the datetime literals of TypeQL 3.x without a zone.
var datetimeLayouts = []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999"}

// parseLit reads a string, integer, double, boolean, date or datetime
// literal; other literals (decimal, datetime-tz, duration) are not read.
func parseLit(s string) (lit, bool) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return lit{}, false
	case s[0] == '"' || s[0] == '\'':
		if len(s) < 2 || s[len(s)-1] != s[0] {
			return lit{}, false
		}
		body := s[1 : len(s)-1]
		if s[0] == '\'' {
			body = strings.ReplaceAll(strings.ReplaceAll(body, `\'`, `'`), `"`, `\"`)
		}
		u, err := strconv.Unquote(`"` + body + `"`)
		return lit{cat: litString, s: u}, err == nil
	case s == "true" || s == "false":
		l := lit{cat: litBoolean}
		if s == "true" {
			l.i = 1
		}
		return l, true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return lit{cat: litInteger, i: n}, true
	}
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return lit{cat: litDate, t: t}, true
		}
		for _, layout := range datetimeLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return lit{cat: litDatetime, t: t}, true
			}
		}
		return lit{}, false
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "xXnNiIpP_") {
		return lit{cat: litDouble, f: f}, true
	}
	return lit{}, false
}

// valueLit is an attribute value as a literal of its category.
func valueLit(v *datafile.Value) (lit, bool) {
	switch v.Kind {
	case datafile.ValueString:
		return lit{cat: litString, s: string(v.Str)}, true
	case datafile.ValueLong:
		return lit{cat: litInteger, i: v.Int}, true
	case datafile.ValueDouble:
		return lit{cat: litDouble, f: v.Float}, true
	case datafile.ValueBoolean:
		return lit{cat: litBoolean, i: min(v.Int, 1)}, true
	case datafile.ValueDate:
		return lit{cat: litDate, t: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(v.Int)-1)}, true
	case datafile.ValueDatetimeMillis, datafile.ValueDatetime:
		t, _ := v.Time()
		return lit{cat: litDatetime, t: t}, true
	}
	return lit{}, false
}

// compare orders a and b of one category; ok is false across categories.
func compare(a, b lit) (c int, ok bool) {
	if a.cat != b.cat {
		return 0, false
	}
	switch a.cat {
	case litString:
		return strings.Compare(a.s, b.s), true
	case litDouble:
		switch {
		case a.f < b.f:
			return -1, true
		case a.f > b.f:
			return 1, true
		case a.f == b.f:
			return 0, true
		}
		return 0, false // NaN
	case litDate, litDatetime:
		return a.t.Compare(b.t), true
	}
	switch {
	case a.i < b.i:
		return -1, true
	case a.i > b.i:
		return 1, true
	}
	return 0, true
}

// admits reports whether c allows v; judged is false when tqlmig cannot
// compare v with c's literals.
func (c *valueCon) admits(v *datafile.Value) (ok, judged bool) {
	x, ok := valueLit(v)
	if !ok {
		return false, false
	}
	if c.set != nil {
		for _, l := range c.set {
			n, ok := compare(x, l)
			if !ok {
				return false, false
			}
			if n == 0 {
				return true, true
			}
		}
		return false, true
	}
	for i, end := range []*lit{c.lo, c.hi} {
		if end == nil {
			continue
		}
		n, ok := compare(x, *end)
		if !ok {
			return false, false
		}
		if i == 0 && n < 0 || i == 1 && n > 0 {
			return false, true
		}
	}
	return true, true
}
