package check

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/internal/rustregex"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// view is the schema compiled for one target: every type by index, with
// what the checks need resolved ahead of the pass. It is read-only once
// built, so both goroutines of a run share it.
type view struct {
	m      *schema.Model
	target version.V
	roles  version.RoleLookup
	types  []*typeInfo
	byKey  map[string]int32
}

// Ownership flags of typeInfo.owns.
const (
	ownAllowed = 1 << iota
	ownKey
	ownUnique
	ownCounted // 3.x: a cardinality bounds how many the owner has
)

// maxKeys is how many attribute types per owner type key-count and
// cardinality count (2 bits each): keys first, then 3.x bounds.
const maxKeys = 32

type typeInfo struct {
	t        *schema.Type
	idx      int32
	key      string       // "person", "marriage:spouse"
	kind     concept.Kind // the item kind its instances have; KindNone for roles and broken types
	role     bool
	abstract bool
	root     bool

	// attribute types
	vt        string // value type as written, "" when none
	values    uint32 // accepted value kinds, bit k for datafile.ValueKind k
	regexes   []*javaRegex
	cons      []*valueCon // 3.x @values and @range
	keyTarget bool        // some owner type has it as a key or @unique
	oneTaker  bool        // exactly one (owner type, key or @unique) pair has it

	// owner types
	owns map[int32]uint8 // attribute type → own* flags
	// keys are the key attribute types, then (3.x) the other attribute
	// types whose count per owner a cardinality bounds: at most maxKeys
	// in all, each counted in 2 bits. nkeys is how many are keys; bounds
	// holds the bound of each counted one, keys[nkeys+i] has bounds[i].
	keys   []int32
	nkeys  int
	bounds []bound
	// relation types (3.x): the bounded number of players per role
	roleBounds []roleBound
	// players
	plays map[int32]bool // role types played, declared or inherited
	// relation types
	relates []int32 // roles related, declared or inherited (1.x: declared)
}

// bound is a 3.x @card(min..max), explicit or the default; max < 0 is
// unbounded.
type bound struct{ min, max int64 }

func (b bound) holds(n int64) bool { return n >= b.min && (b.max < 0 || n <= b.max) }

func (b bound) String() string {
	if b.max < 0 {
		return fmt.Sprintf("@card(%d..)", b.min)
	}
	return fmt.Sprintf("@card(%d..%d)", b.min, b.max)
}

// roleBound bounds the players of role type role in one relation.
type roleBound struct {
	role int32
	bound
}

func (t *typeInfo) keyPos(attr int32) int {
	for i, k := range t.keys {
		if k == attr {
			return i
		}
	}
	return -1
}

// kindOf is the item kind of a type of kind k: Unknown for the thing
// root and roles, which no item has.
func kindOf(k concept.Kind) concept.Kind {
	if k.IsThing() {
		return k
	}
	return concept.Unknown
}

// newView compiles m for target.
func newView(m *schema.Model, target version.V) *view {
	v := &view{m: m, target: target, roles: version.Roles(target), byKey: map[string]int32{}}
	add := func(t *schema.Type) {
		ti := &typeInfo{t: t, idx: int32(len(v.types)), key: t.Key(), kind: kindOf(t.Kind()),
			role: t.Kind() == concept.Role, abstract: t.IsAbstract() || t.IsRoot(), root: t.IsRoot()}
		v.types = append(v.types, ti)
		v.byKey[ti.key] = ti.idx
	}
	for _, k := range []concept.Kind{concept.Thing, concept.Entity, concept.Relation, concept.Attribute} {
		if r := m.Root(k); r != nil {
			add(r)
		}
	}
	for _, t := range m.Types() {
		add(t)
	}
	for _, ti := range v.types {
		t := ti.t
		if ti.root || ti.role {
			continue
		}
		if ti.kind == concept.Attribute {
			ti.vt, _ = t.ValueType()
			ti.values = acceptedValues(ti.vt, target)
			ti.regexes = v.regexesOf(t)
		}
		ti.owns = map[int32]uint8{}
		for _, o := range t.OwnsAll() {
			a, ok := v.byKey[o.Attr]
			if !ok {
				continue
			}
			f := uint8(ownAllowed)
			if o.Key {
				f |= ownKey
				if len(ti.keys) < maxKeys {
					ti.keys = append(ti.keys, a)
					ti.nkeys++
				}
			}
			if o.Unique {
				f |= ownUnique
			}
			ti.owns[a] = f
			if o.Key || o.Unique {
				v.types[a].keyTarget = true
			}

		}
		ti.plays = map[int32]bool{}
		for _, p := range t.PlaysAll() {
			if r := p.RoleType(); r != nil {
				if i, ok := v.byKey[r.Key()]; ok {
					ti.plays[i] = true
				}
			}
		}
		if ti.kind == concept.Relation {
			for _, r := range t.Roles() {
				if i, ok := v.byKey[r.Key()]; ok {
					ti.relates = append(ti.relates, i)
				}
			}
		}
	}
	takers := make([]int, len(v.types))
	for _, ti := range v.types {
		for a, f := range ti.owns {
			if f&ownKey != 0 {
				takers[a]++
			}
			if f&ownUnique != 0 {
				takers[a]++
			}
		}
	}
	for i, n := range takers {
		v.types[i].oneTaker = n == 1
	}
	return v
}

// acceptedValues returns the value kinds an importer at target puts into an
// attribute type of value type vt, as a bit set.
func acceptedValues(vt string, target version.V) uint32 {
	bit := func(ks ...datafile.ValueKind) uint32 {
		var b uint32
		for _, k := range ks {
			b |= 1 << k
		}
		return b
	}
	if target.Major == 3 {
		return accepted3[vt]
	}
	switch vt {
	case "string":
		return bit(datafile.ValueString)
	case "boolean":
		return bit(datafile.ValueBoolean)
	case "long", "integer":
		return bit(datafile.ValueLong)
	case "double":
		return bit(datafile.ValueDouble)
	case "datetime", "date":
		// "date" is the ≤1.7 spelling of datetime.
		return bit(datafile.ValueDatetimeMillis)
	}
	return 0
}

// accepted3 are the value kinds a 3.x import puts into an attribute type of
// each value type: its own, the 2.x datetime millis read as a datetime
// (typedb/typedb@3.10.4:server/service/grpc/migration/item.rs
// decode_migration_value), and the values 3.x casts on write: integer to
// double and decimal, decimal to double, date to datetime
// (typedb/typedb@3.4.0 and @3.10.4:encoding/value/value_type.rs
// is_trivially_castable_to, checked by concept/thing/thing_manager/validation/
// operation_time_validation.rs validate_value_type_matches_attribute_type_for_write).
var accepted3 = map[string]uint32{
	"string":      1 << datafile.ValueString,
	"boolean":     1 << datafile.ValueBoolean,
	"long":        1 << datafile.ValueLong,
	"integer":     1 << datafile.ValueLong,
	"double":      1<<datafile.ValueDouble | 1<<datafile.ValueLong | 1<<datafile.ValueDecimal,
	"decimal":     1<<datafile.ValueDecimal | 1<<datafile.ValueLong,
	"date":        1 << datafile.ValueDate,
	"datetime":    1<<datafile.ValueDatetime | 1<<datafile.ValueDatetimeMillis | 1<<datafile.ValueDate,
	"datetime-tz": 1 << datafile.ValueDatetimeTZ,
	"duration":    1 << datafile.ValueDuration,
}

// lookupThing resolves a thing label (after the remap) for an item of kind
// k: the schema type to check the item against (or -1), the type the label
// names whatever its kind (or -1), and the label's status.
func (v *view) lookupThing(k concept.Kind, label string) (typ, found int32, st labelStatus) {
	i, ok := v.byKey[label]
	if !ok && v.m.Lang == schema.Graql1 && label == "relationship" {
		i, ok = v.byKey["relation"]
	}
	if !ok {
		return -1, -1, lsUnknown
	}
	t := v.types[i]
	switch {
	case t.kind != k:
		return -1, i, lsKind
	case t.abstract:
		return i, i, lsAbstract
	}
	return i, i, lsOK
}

// lookupRole resolves a role label (after the remap) in the relation type
// rel the way the target's importer does.
func (v *view) lookupRole(rel int32, label string) (int32, roleStatus) {
	r := v.types[rel]
	// byLabel looks the role up by its label among all roles, then asks
	// whether the relation type relates it.
	byLabel := func() (int32, roleStatus) {
		i, ok := v.byKey[label]
		if !ok || !v.types[i].role {
			return -1, rsUnknown
		}
		if !slices.Contains(r.relates, i) {
			return i, rsUnrelated
		}
		return i, rsOK
	}
	switch v.roles {
	case version.RoleGlobal:
		// 1.8: one global lookup of an unscoped label.
		if strings.Contains(label, ":") {
			return -1, rsUnknown
		}
		return byLabel()
	case version.RoleExact:
		for _, i := range r.relates {
			if v.types[i].key == label {
				return i, rsOK
			}
		}
		return -1, rsUnknown
	case version.RoleByName:
		name := label
		if _, n, ok := strings.Cut(label, ":"); ok {
			name = n
		}
		rt := r.t.RoleByName(name)
		if rt == nil {
			return -1, rsUnknown
		}
		if i, ok := v.byKey[rt.Key()]; ok {
			return i, rsOK
		}
		return -1, rsUnknown
	}
	// 3.x: Label::parse_from, then an exact lookup of name:scope.
	if !strings.Contains(label, ":") {
		return -1, rsUnknown
	}
	return byLabel()
}

// roleNamed returns the role of relation rel whose name is name, declared
// or inherited, for suggestions.
func (v *view) roleNamed(rel int32, name string) int32 {
	for _, i := range v.types[rel].relates {
		if v.types[i].t.Label == name {
			return i
		}
	}
	return -1
}

// ownsLine is the schema statement that lets owner own attr, in the
// schema's language.
func (v *view) ownsLine(owner, attr int32, key bool) string {
	o, a := v.types[owner].key, v.types[attr].key
	if v.m.Lang == schema.Graql1 {
		if key {
			return fmt.Sprintf("%s key %s;", o, a)
		}
		return fmt.Sprintf("%s has %s;", o, a)
	}
	if key {
		return fmt.Sprintf("%s owns %s @key;", o, a)
	}
	return fmt.Sprintf("%s owns %s;", o, a)
}

// playsLine is the schema statement that lets player play role.
func (v *view) playsLine(player, role int32) string {
	p, r := v.types[player], v.types[role]
	if v.m.Lang == schema.Graql1 {
		return fmt.Sprintf("%s plays %s;", p.key, r.t.Label)
	}
	return fmt.Sprintf("%s plays %s;", p.key, r.key)
}

// javaRegex is a regex constraint compiled with Go's regexp when Go reads
// the Java pattern the same way, or the reason it cannot be checked.
type javaRegex struct {
	owner string // the type that declares it
	src   string // the pattern as the server reads it
	re    *regexp.Regexp
	why   string // not checkable: why
	// rust marks a 3.x @regex, read by the Rust regex crate and matched
	// anywhere in the value; its \d \w \s \b are Unicode, Go's ASCII.
	rust, unicodePerl bool
}

// regexesOf returns the regexes values of t must match: its own in 2.x; its
// own and its supertypes' in 1.x, where every supertype's regex applies.
func (v *view) regexesOf(t *schema.Type) []*javaRegex {
	var out []*javaRegex
	add := func(s *schema.Type) {
		if s.Regex != nil {
			r := compileJava(s.Regex.Source())
			if s.Regex.Anywhere {
				r = compileRust(s.Regex.Source())
			}
			r.owner = s.Key()
			out = append(out, r)
		}
	}
	add(t)
	if v.m.Lang == schema.Graql1 {
		for _, s := range t.Supertypes() {
			add(s)
		}
	}
	return out
}

// javaOnly lists constructs Go's regexp either rejects or reads
// differently from java.util.regex, so a Go result would be a guess.
var javaOnly = []struct{ rx, why string }{
	{`&&`, "character class intersection (&&)"},
	{`\\v`, `\v (a vertical-whitespace class in Java, one character in Go)`},
	{`\(\?[a-zA-Z]*[uUdxc]`, "a Java-only embedded flag (?U, ?u, ?d, ?x or ?c)"},
}

var javaOnlyRx = func() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, j := range javaOnly {
		out = append(out, regexp.MustCompile(j.rx))
	}
	return out
}()

// compileJava compiles a Java pattern for whole-value matching
// (Matcher.matches), or says why it cannot.
func compileJava(p string) *javaRegex {
	r := &javaRegex{src: p}
	for i, rx := range javaOnlyRx {
		if rx.MatchString(p) {
			r.why = "uses " + javaOnly[i].why
			return r
		}
	}
	r.re, r.why = compileGo(`^(?:` + p + `)$`)
	return r
}

// compileGo compiles p with Go's regexp, or says why it cannot.
func compileGo(p string) (*regexp.Regexp, string) {
	re, err := regexp.Compile(p)
	if err != nil {
		msg := err.Error()
		if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "error parsing regexp") {
			msg = msg[i+2:]
		}
		return nil, "Go's regexp cannot compile it (" + msg + ")"
	}
	return re, ""
}

// perlClass finds \d, \w, \s, \b and their negations.
var perlClass = regexp.MustCompile(`\\[dDwWsSbB]`)

// compileRust compiles a 3.x @regex pattern for a match anywhere in the
// value (Regex::is_match), or says why it cannot. Go's regexp reads the
// syntax both share the same way, "." included (both stop only at \n).
func compileRust(p string) *javaRegex {
	r := &javaRegex{src: p, rust: true, unicodePerl: perlClass.MatchString(p)}
	if why := rustregex.Refuses(p); why != "" {
		r.why = "TypeDB 3.x refuses it: " + why
		return r
	}
	if why := rustregex.GoReadsOtherwise(p); why != "" {
		r.why = why
		return r
	}
	r.re, r.why = compileGo(p)
	return r
}

// valueWhy says why match could not judge some values.
func (r *javaRegex) valueWhy() string {
	if r.rust {
		return `values hold non-ASCII characters, which 3.x's Unicode \d, \w, \s or \b may match and Go's do not`
	}
	return "values hold line terminators Java's \".\" does not match"
}

// matchJava reports whether s matches r, and false for ok when the answer
// is not known: Java's "." also stops at \r, U+0085, U+2028 and U+2029,
// Go's only at \n; a 3.x regex with Unicode classes cannot be judged on
// a value with non-ASCII characters.
func (r *javaRegex) match(s []byte) (match, ok bool) {
	if r.re == nil {
		return false, false
	}
	m := r.re.Match(s)
	if r.rust {
		return m, !r.unicodePerl || isASCII(s)
	}
	if strings.Contains(r.src, ".") && containsJavaLineEnd(s) {
		return m, false
	}
	return m, true
}

func isASCII(s []byte) bool {
	for _, c := range s {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func containsJavaLineEnd(s []byte) bool {
	str := string(s)
	return strings.ContainsAny(str, "\r\u0085\u2028\u2029")
}

// RegexMatcher returns the whole-value matcher of a regex literal as a
// schema writes it ("…", '…' or ≤1.4 /…/), read the way the server's Java
// regex reads it, for other packages that judge values as check does: ok
// is false when Go cannot tell (see compileJava).
func RegexMatcher(literal string) func(value []byte) (match, ok bool) {
	return compileJava((&schema.Regex{Pattern: literal}).Source()).match
}
