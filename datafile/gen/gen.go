package gen

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

// Generation selects how an exporter of that server line writes a file.
type Generation int

// Generations. The zero Options generate a 2.x file.
const (
	Gen2x Generation = iota // Base64 IIDs, scoped role labels, datetimes in milliseconds
	Gen1x                   // "V123" IDs, unscoped role labels, datetimes in milliseconds
	Gen3x                   // Base64 IIDs, scoped role labels, datetimes as seconds+nanos; attributes never own attributes or play roles
)

// Options control a generated file.
type Options struct {
	// Items is the number of items to write, header and checksums
	// included; at least 2. The file has exactly this many items unless
	// the spec gives no way to fill the budget (every owner type has keys
	// and there is no attribute type to pad with), a regex admits fewer
	// distinct values than planned (fewer items), or attribute types own
	// keys (theirs come on top).
	Items int64
	// Seed makes the output deterministic: the same spec, options and
	// seed always give the same bytes.
	Seed uint64
	// Generation picks the ID form, role label form and datetime encoding.
	Generation Generation
	// Version and Database fill the header; Version defaults to 1.8.4,
	// 2.29.1 or 3.4.0 by Generation, Database to "generated".
	Version, Database string
}

// Generate writes a valid export of spec to w, items ordered as a 1.x
// exporter orders them (header, attributes, entities, relations,
// checksums), and returns the counts written in the checksums item.
func Generate(w io.Writer, spec *Spec, opt Options) (datafile.Checksums, error) {
	dw := datafile.NewWriter(w)
	err := Items(spec, opt, func(it *datafile.Item) error {
		if it.Kind == concept.Checksums {
			return dw.WriteChecksums()
		}
		return dw.Write(it)
	})
	if err != nil {
		return datafile.Checksums{}, err
	}
	return dw.Counts(), dw.Flush()
}

// Items generates the items Generate writes and passes each to fn. The Item
// and its byte slices are reused after fn returns: Clone what you keep.
// The checksums item carries the counts of the items before it.
func Items(spec *Spec, opt Options, fn func(*datafile.Item) error) error {
	if opt.Items < 2 {
		return errors.New("gen: Items must be at least 2 (a header and a checksums item)")
	}
	if err := spec.validate(opt.Generation); err != nil {
		return err
	}
	g, err := newGenerator(spec, opt)
	if err != nil {
		return err
	}
	g.plan(opt.Items - 2)
	return g.emit(fn)
}

// thing is one concrete type with its planned instances.
type thing struct {
	kind  concept.Kind
	label []byte
	slot  int   // type number, part of the IIDs
	count int64 // instances: for attributes, pool + keys
	pool  int64 // attributes: instances shared by non-key owners
	base  int64 // global index of the first instance
	vt    ValueType
	owns  []ownRef
	roles []*role
	plays []RoleRef
	w     float64 // share of its kind's budget
	// keyNext is where the next owner type's key block starts in an
	// attribute type's key region while planning.
	keyNext int64
	// rx writes the values of a string attribute type with a regex.
	rx *regexValues
}

type ownRef struct {
	attr     *thing
	key      bool
	keyOff   int64 // start of this owner type's block in attr's key region
	min, max int   // non-key attributes per owner; max 0 is no bound
}

type role struct {
	label      []byte // as written in the file
	candidates []*thing
	min, max   int // players per instance; max 0 is no bound
}

type generator struct {
	opt     Options
	err     error // the first value that could not be written
	rng     *rand.Rand
	attrs   []*thing
	ents    []*thing
	rels    []*thing
	byName  map[string]*thing
	it      datafile.Item
	buf     []byte   // ids and values of the current item
	players [][]byte // role players of the current item
	words   []string
}

func newGenerator(spec *Spec, opt Options) (*generator, error) {
	g := &generator{opt: opt, rng: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)), byName: map[string]*thing{}}
	slot := 0
	add := func(list *[]*thing, kind concept.Kind, label string, abstract bool, vt ValueType, plays []RoleRef) *thing {
		slot++
		if abstract {
			return nil
		}
		t := &thing{kind: kind, label: []byte(label), slot: slot, vt: vt.canonical(), plays: plays, w: 0.5 + g.rng.Float64()}
		*list = append(*list, t)
		g.byName[label] = t
		return t
	}
	for _, a := range spec.Attributes {
		plays := a.Plays
		if opt.Generation == Gen3x {
			plays = nil
		}
		t := add(&g.attrs, concept.Attribute, a.Label, a.Abstract, a.ValueType, plays)
		if t != nil && len(a.Regexes) > 0 && t.vt == String {
			rx, err := newRegexValues(a.Regexes)
			if err != nil {
				return nil, fmt.Errorf("attribute %q: %v", a.Label, err)
			}
			t.rx = rx
		}
	}
	for _, e := range spec.Entities {
		add(&g.ents, concept.Entity, e.Label, e.Abstract, "", e.Plays)
	}
	for _, r := range spec.Relations {
		add(&g.rels, concept.Relation, r.Label, r.Abstract, "", r.Plays)
	}
	// Owns refer to concrete attribute types only: an abstract one has no
	// instances to own.
	resolve := func(label string, owns []Owns, keys bool) {
		t := g.byName[label]
		if t == nil {
			return
		}
		for _, o := range owns {
			if a := g.byName[o.Attribute]; a != nil && a.kind == concept.Attribute {
				t.owns = append(t.owns, ownRef{attr: a, key: o.Key && keys, min: o.Min, max: o.Max})
			}
		}
	}
	if opt.Generation != Gen3x {
		for _, a := range spec.Attributes {
			resolve(a.Label, a.Owns, true)
		}
	}
	for _, e := range spec.Entities {
		resolve(e.Label, e.Owns, true)
	}
	for _, r := range spec.Relations {
		resolve(r.Label, r.Owns, true)
		t := g.byName[r.Label]
		if t == nil {
			continue
		}
		for i, name := range r.Relates {
			ro := &role{label: []byte(roleLabel(r.Label, name, opt.Generation))}
			if i < len(r.RoleMax) {
				ro.max = r.RoleMax[i]
			}
			if i < len(r.RoleMin) {
				ro.min = r.RoleMin[i]
			}
			for _, c := range g.all() {
				for _, p := range c.plays {
					if p.Relation == r.Label && p.Role == name {
						ro.candidates = append(ro.candidates, c)
					}
				}
			}
			t.roles = append(t.roles, ro)
		}
	}
	g.pruneRelations()
	g.words = strings.Fields(lorem)
	return g, nil
}

func (g *generator) all() []*thing {
	return append(append(append([]*thing{}, g.attrs...), g.ents...), g.rels...)
}

// emitOrder is the order the imitated exporter writes types in: 1.x and
// 2.x attributes first, then entities and relations; 3.x entities, then
// relations, then attributes (typedb/typedb@3.10.4:
// server/service/grpc/migration/export_service.rs export), so that owners
// come before the attributes they own.
func (g *generator) emitOrder() []*thing {
	if g.opt.Generation == Gen3x {
		return append(append(append([]*thing{}, g.ents...), g.rels...), g.attrs...)
	}
	return g.all()
}

// pruneRelations drops relation types that could never get a player:
// a relation without role players is invalid in 2.x.
func (g *generator) pruneRelations() {
	live := map[*thing]bool{}
	for _, t := range g.attrs {
		live[t] = true
	}
	for _, t := range g.ents {
		live[t] = true
	}
	for changed := true; changed; {
		changed = false
		for _, r := range g.rels {
			if live[r] {
				continue
			}
			for _, ro := range r.roles {
				for _, c := range ro.candidates {
					if live[c] && c != r {
						live[r], changed = true, true
					}
				}
			}
		}
	}
	var rels []*thing
	for _, r := range g.rels {
		if live[r] {
			rels = append(rels, r)
		}
	}
	for _, r := range rels {
		for _, ro := range r.roles {
			var cs []*thing
			for _, c := range ro.candidates {
				if live[c] {
					cs = append(cs, c)
				}
			}
			ro.candidates = cs
		}
	}
	g.rels = rels
}

func roleLabel(relation, name string, gen Generation) string {
	if gen == Gen1x {
		if _, n, ok := strings.Cut(name, ":"); ok {
			return n
		}
		return name
	}
	if strings.Contains(name, ":") {
		return name
	}
	return relation + ":" + name
}

// plan shares n items between the types: about a quarter entities, a third
// relations, the rest attributes, with one key attribute per owner and key
// type, and the remainder as pools of shared attributes.
func (g *generator) plan(n int64) {
	type share struct {
		list []*thing
		f    float64
	}
	shares := []share{{g.ents, 0.25}, {g.rels, 0.30}}
	var poolTypes []*thing
	for _, a := range g.attrs {
		if !keyOnly(a, g.all()) {
			poolTypes = append(poolTypes, a)
		}
	}
	total := 0.45
	if len(poolTypes) == 0 {
		total = 0
	}
	for _, s := range shares {
		if len(s.list) > 0 {
			total += s.f
		}
	}
	scale := 1.0
	for {
		var owners, keys int64
		for _, s := range shares {
			if len(s.list) == 0 {
				continue
			}
			sum := 0.0
			for _, t := range s.list {
				sum += t.w
			}
			for _, t := range s.list {
				t.count = int64(float64(n) * scale * s.f / total * t.w / sum)
				owners += t.count
				for _, o := range t.owns {
					if o.key {
						keys += t.count
					}
				}
			}
		}
		pool := n - owners - keys
		if pool >= int64(len(poolTypes)) || scale < 1e-9 {
			g.fill(pool, poolTypes)
			break
		}
		scale /= 2
	}
	// Key regions follow each attribute type's pool, one block per owner
	// type; global indexes run attributes, entities, relations.
	g.settleCounts()
	g.capToRegexes()
	g.settleCounts()
	for _, a := range g.attrs {
		a.keyNext = a.pool
	}
	for _, t := range g.all() {
		for i := range t.owns {
			if o := &t.owns[i]; o.key && o.attr != t {
				o.keyOff = o.attr.keyNext
				o.attr.keyNext += t.count
			}
		}
	}
	var base int64
	for _, t := range g.all() {
		t.base = base
		base += t.count
	}
}

// settleCounts sets each attribute type's count: its pool and one key per
// instance of each type that keys on it, attribute owner types included,
// so the counts settle from the keyed types up (a key cycle stops after
// as many rounds as there are attribute types).
func (g *generator) settleCounts() {
	for range len(g.attrs) + 1 {
		changed := false
		for _, a := range g.attrs {
			n := a.pool
			for _, t := range g.all() {
				for _, o := range t.owns {
					if o.attr == a && o.key && t != a {
						n += t.count
					}
				}
			}
			if n != a.count {
				a.count, changed = n, true
			}
		}
		if !changed {
			break
		}
	}
}

// capToRegexes keeps every attribute type with a regex within the number
// of distinct values the regex admits: values are distinct within a type,
// so that keys are unique. Key owners come first; the shared pool gets
// what is left, and owner types that need more keys than there are values
// get fewer instances. The file is then shorter than asked for.
func (g *generator) capToRegexes() {
	for _, a := range g.attrs {
		if a.rx == nil {
			continue
		}
		limit := a.rx.size
		var keyed []*thing
		var keys int64
		for _, t := range g.all() {
			for _, o := range t.owns {
				if o.attr == a && o.key && t != a {
					keyed = append(keyed, t)
					keys += t.count
				}
			}
		}
		if keys > limit {
			left := limit
			for _, t := range keyed {
				t.count = t.count * limit / keys
				left -= t.count
			}
			keys = limit - left
		}
		a.pool = min(a.pool, limit-keys)
	}
}

// fill spreads pool attributes over the pool types, or when there are
// none, pads with extra instances of a keyless owner type.
func (g *generator) fill(pool int64, poolTypes []*thing) {
	if pool <= 0 {
		return
	}
	if len(poolTypes) == 0 {
		for _, t := range append(append([]*thing{}, g.ents...), g.rels...) {
			keys := int64(0)
			for _, o := range t.owns {
				if o.key {
					keys++
				}
			}
			if keys == 0 {
				t.count += pool
				return
			}
		}
		return
	}
	if pool < int64(len(poolTypes)) {
		for _, a := range poolTypes[:pool] {
			a.pool = 1
		}
		return
	}
	sum := 0.0
	for _, a := range poolTypes {
		sum += a.w
	}
	// Every type gets at least one; the loop then settles the rounding,
	// which always terminates as pool >= len(poolTypes).
	left := pool
	for _, a := range poolTypes {
		a.pool = max(1, int64(float64(pool)*a.w/sum))
		left -= a.pool
	}
	for i := 0; left != 0; i++ {
		a := poolTypes[i%len(poolTypes)]
		switch {
		case left > 0:
			a.pool++
			left--
		case a.pool > 1:
			a.pool--
			left++
		}
	}
}

// keyOnly reports whether a is owned, and only ever as a key: it then has
// no shared pool, only one attribute per owner.
func keyOnly(a *thing, all []*thing) bool {
	owned := false
	for _, t := range all {
		for _, o := range t.owns {
			if o.attr == a {
				if !o.key {
					return false
				}
				owned = true
			}
		}
	}
	return owned
}

func (g *generator) emit(fn func(*datafile.Item) error) error {
	version, db := g.opt.Version, g.opt.Database
	if version == "" {
		version = map[Generation]string{Gen1x: "1.8.4", Gen2x: "2.29.1", Gen3x: "3.4.0"}[g.opt.Generation]
	}
	if db == "" {
		db = "generated"
	}
	it := &g.it
	it.Reset()
	it.Kind = concept.Header
	it.Header = datafile.Header{Version: []byte(version), Database: []byte(db)}
	if err := fn(it); err != nil {
		return err
	}
	var counts datafile.Checksums
	for _, t := range g.emitOrder() {
		for j := range t.count {
			g.build(t, j)
			if g.err != nil {
				return g.err
			}
			counts.Add(it)
			if err := fn(it); err != nil {
				return err
			}
		}
	}
	it.Reset()
	it.Kind = concept.Checksums
	it.Checksums = counts
	return fn(it)
}

// maxID is the longest id appendID writes: "V" and 20 digits, or Base64
// of 13 bytes.
const maxID = 24

// build fills g.it with instance j of t.
func (g *generator) build(t *thing, j int64) {
	it := &g.it
	it.Reset()
	it.Kind = t.kind
	it.Label = t.label
	// Reserve room first: the slices below are views into g.buf and must
	// not move while the item is built.
	need := (2+3*len(t.owns)+3*len(t.roles))*maxID + 256
	if cap(g.buf) < need {
		g.buf = make([]byte, 0, 2*need)
	}
	g.buf = g.buf[:0]
	it.ID = g.id(t, j)
	for _, o := range t.owns {
		g.own(t, j, o)
	}
	switch t.kind {
	case concept.Attribute:
		it.HasValue = true
		g.value(t, j)
	case concept.Relation:
		for k, ro := range t.roles {
			if len(ro.candidates) == 0 {
				continue
			}
			n := 1
			switch p := g.rng.IntN(10); {
			case k == 0 && p >= 9:
				n = 3
			case p >= 7 && (k == 0 || p >= 9):
				n = 2
			}
			if ro.max > 0 {
				n = min(n, ro.max)
			}
			n = max(n, ro.min)
			start := len(g.players)
			for range n {
				if id := g.player(t, j, ro); id != nil {
					g.players = append(g.players, id)
				}
			}
			if len(g.players) > start {
				it.Roles = append(it.Roles, datafile.Role{Label: ro.label, Players: g.players[start:len(g.players):len(g.players)]})
			}
		}
		g.players = g.players[:0]
	}
}

// own adds the ownerships of instance j of owner t for one owned type.
func (g *generator) own(t *thing, j int64, o ownRef) {
	a := o.attr
	if o.key {
		if a != t { // an attribute does not own itself
			g.it.Owned = append(g.it.Owned, g.id(a, o.keyOff+j))
		}
		return
	}
	if a.pool == 0 || (t.kind == concept.Attribute && g.rng.IntN(2) == 0) {
		return
	}
	n := 1
	switch p := g.rng.IntN(20); {
	case p < 7:
		n = 0
	case p >= 17:
		n = 2
	}
	if o.max > 0 {
		n = min(n, o.max)
	}
	n = max(n, o.min)
	// Skewed choice: popular values are owned by many owners.
	u := g.rng.Float64()
	idx := int64(u * u * float64(a.pool))
	for range n {
		if a == t && idx == j {
			idx = (idx + 1) % a.pool // an attribute does not own itself
		}
		if a == t && idx == j {
			return
		}
		g.it.Owned = append(g.it.Owned, g.id(a, idx))
		idx = (idx + 1) % a.pool
	}
}

// player picks a player for a role of instance j of relation r: a type in
// proportion to its instances, then an instance.
func (g *generator) player(r *thing, j int64, ro *role) []byte {
	var total int64
	for _, c := range ro.candidates {
		total += c.count
	}
	if total == 0 {
		return nil
	}
	x := g.rng.Int64N(total)
	for _, c := range ro.candidates {
		if x < c.count {
			if c == r && x == j {
				if c.count == 1 {
					return nil // a relation does not play in itself
				}
				x = (x + 1) % c.count
			}
			return g.id(c, x)
		}
		x -= c.count
	}
	return nil
}

// id appends the id of instance j of t to g.buf and returns it.
func (g *generator) id(t *thing, j int64) []byte {
	start := len(g.buf)
	if g.opt.Generation == Gen1x {
		// JanusGraph-like vertex ids: V, then a multiple of 4096 plus a
		// small offset, unique by global index.
		g.buf = append(g.buf, 'V')
		g.buf = strconv.AppendInt(g.buf, (t.base+j+1)*4096+136, 10)
		return g.buf[start:len(g.buf):len(g.buf)]
	}
	// An IID: a prefix byte by kind, a type prefix and type number, (for
	// attributes a value-type byte), then the instance number.
	var iid [13]byte
	n := 12
	switch t.kind {
	case concept.Entity:
		iid[0] = 130
	case concept.Relation:
		iid[0] = 132
	default:
		iid[0] = 134
	}
	iid[1] = 20
	binary.BigEndian.PutUint16(iid[2:4], uint16(t.slot))
	if t.kind == concept.Attribute {
		iid[4] = byte(len(t.vt))
		binary.BigEndian.PutUint64(iid[5:], uint64(j))
		n = 13
	} else {
		binary.BigEndian.PutUint64(iid[4:], uint64(j))
	}
	g.buf = base64.StdEncoding.AppendEncode(g.buf, iid[:n])
	return g.buf[start:len(g.buf):len(g.buf)]
}

// value sets the value of attribute instance j of t. Values are distinct
// within a type, so keys are unique, except booleans, which have two.
func (g *generator) value(t *thing, j int64) {
	v := &g.it.Value
	const epochMillis = 946_684_800_000 // 2000-01-01
	switch t.vt {
	case String:
		v.Kind = datafile.ValueString
		start := len(g.buf)
		if t.rx != nil {
			// capToRegexes keeps count within the language's size, but
			// strings another pattern refuses (or repeated by an ambiguous
			// pattern) make fewer: then the file cannot be written.
			var ok bool
			g.buf, ok = t.rx.value(g.buf)
			if !ok && g.err == nil {
				g.err = fmt.Errorf("gen: attribute %q: found only %d distinct values that match all its regexes, fewer than the file needs", t.label, len(t.rx.seen))
			}
			v.Str = g.buf[start:len(g.buf):len(g.buf)]
			return
		}
		for k := range 1 + g.rng.IntN(6) {
			if k > 0 {
				g.buf = append(g.buf, ' ')
			}
			g.buf = append(g.buf, g.words[g.rng.IntN(len(g.words))]...)
		}
		g.buf = append(g.buf, " #"...)
		g.buf = strconv.AppendInt(g.buf, j, 10)
		v.Str = g.buf[start:len(g.buf):len(g.buf)]
	case Boolean:
		v.Kind, v.Int = datafile.ValueBoolean, j%2
	case Long:
		v.Kind, v.Int = datafile.ValueLong, j*7-1000
	case Double:
		v.Kind, v.Float = datafile.ValueDouble, float64(j)*1.25+0.5
	case Datetime:
		ms := epochMillis + j*60_000 + 123
		if g.opt.Generation == Gen3x {
			v.Kind, v.Int, v.Nanos = datafile.ValueDatetime, ms/1000, uint32(ms%1000)*1_000_000
		} else {
			v.Kind, v.Int = datafile.ValueDatetimeMillis, ms
		}
	case Decimal:
		v.Kind, v.Int, v.Uint = datafile.ValueDecimal, j, uint64(j%100)*100_000_000_000_000_000
	case Date:
		v.Kind, v.Int = datafile.ValueDate, 730_120+j
	case DatetimeTZ:
		v.Kind, v.Int, v.Nanos = datafile.ValueDatetimeTZ, epochMillis/1000+j*60, 0
		if j%2 == 0 {
			v.TZ, v.Str = datafile.TZNamed, []byte(zones[j/2%int64(len(zones))])
		} else {
			v.TZ, v.Offset = datafile.TZOffset, int32(j%24-12)*3600
		}
	case Duration:
		v.Kind, v.Months, v.Days, v.Uint = datafile.ValueDuration, uint32(j%12), uint32(j%28), uint64(j)*1_000_000
	}
}

var zones = []string{"Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney"}

// lorem feeds generated string values.
const lorem = `alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima
mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu
london paris tokyo nairobi lima quito oslo cairo delhi sydney toronto dublin
acme globex initech umbrella hooli stark wayne tyrell cyberdyne soylent`
