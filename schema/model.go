package schema

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// Lang is the language generation whose semantics the model applies.
type Lang int

const (
	// Graql1 is Grakn 1.x: global roles, no role inheritance, "has"/"key".
	Graql1 Lang = iota + 1
	// TypeQL2 is TypeDB 2.x: scoped roles, inheritance and overrides.
	TypeQL2
)

// String names the language.
func (l Lang) String() string {
	switch l {
	case Graql1:
		return "graql-1"
	case TypeQL2:
		return "typeql-2"
	}
	return fmt.Sprintf("lang(%d)", int(l))
}

// LangOf returns the generation of a parsed file's dialect: Graql1 when every
// feature the file uses is 1.x, TypeQL2 otherwise (a 3.x file is read
// through BuildTypeQL3 or BuildModel3, not Build).
func LangOf(d grammar.Dialect) Lang {
	if d.Is1x() {
		return Graql1
	}
	return TypeQL2
}

// Fact is what every recorded fact carries: where it was declared and in
// which query (counting from 0 in the order queries were applied).
type Fact struct {
	Range diag.Range // the whole property, e.g. "owns name @key"
	Query int
}

// Sub is "sub S" on a type, or (1.x) the "as S" of "relates R as S", which
// makes role R a sub-role of S.
type Sub struct {
	Fact
	Super      string     // the supertype's label (for 1.x roles, a role label)
	SuperRange diag.Range // the label after "sub" or "as"
	Node       grammar.Prop
}

// Flag is a property without arguments: "abstract".
type Flag struct {
	Fact
	Node grammar.Prop
}

// Value is "value T" (or ≤1.7 "datatype T").
type Value struct {
	Fact
	Type string // as written: long, double, string, boolean, date, datetime, …
	Node *grammar.ValueTypeProp
}

// Regex is "regex "…"" (or ≤1.4 "regex /…/").
type Regex struct {
	Fact
	Pattern string // the literal as written, quotes or slashes included
	Node    *grammar.RegexProp
	// Anywhere marks a 3.x @regex: a value passes when the pattern matches
	// anywhere in it (typedb/typedb@3.10.4:concept/type_/annotation.rs
	// AnnotationRegex::value_valid, Regex::is_match), where 1.x and 2.x need
	// the whole value to match.
	Anywhere bool
}

// Source is the pattern the server compiles: the literal's delimiters
// stripped ("…", '…' or ≤1.4 /…/) and nothing unescaped but \/ (Graql's
// and TypeQL's unescapeRegex), or for a 3.x @regex what RegexSource3
// gives.
func (r *Regex) Source() string {
	if r.Anywhere {
		if p, ok := RegexSource3(r.Pattern); ok {
			return p
		}
	}
	lit := r.Pattern
	if len(lit) >= 2 {
		switch q := lit[0]; q {
		case '"', '\'', '/':
			if lit[len(lit)-1] == q {
				lit = lit[1 : len(lit)-1]
			}
		}
	}
	return strings.ReplaceAll(lit, `\/`, `/`)
}

// RegexSource3 is the pattern TypeDB 3.x compiles from the quoted
// argument of @regex: the text between the quotes with only the backslash
// of \" dropped, so that "\d" stays \d and "\\d" is a backslash and a d
// (typedb/typeql@3.10.4:rust/value.rs StringLiteral::unescape_regex); ok
// is false when lit is no quoted string.
func RegexSource3(lit string) (pattern string, ok bool) {
	if len(lit) < 2 || (lit[0] != '"' && lit[0] != '\'') || lit[len(lit)-1] != lit[0] {
		return "", false
	}
	return strings.ReplaceAll(lit[1:len(lit)-1], `\"`, `"`), true
}

// Owns is an ownership: 2.x "owns A [as B] [@key] [@unique]", 1.x "has A"
// or "key A".
type Owns struct {
	Fact
	Owner     *Type
	Attr      string
	AttrRange diag.Range
	As        string // overridden attribute type, "" when none
	AsRange   diag.Range
	Key       bool
	Unique    bool
	// Annots lists every annotation name as written, "key" and "unique"
	// included, so that 3.x-only ones can be reported.
	Annots []string
	// Node is the *grammar.OwnsProp, *grammar.HasProp or *grammar.KeyProp
	// that declared the ownership (the last one, when it was repeated).
	Node grammar.Prop
	// Redecl holds the ranges of later statements that repeated it.
	Redecl []diag.Range
	// HasToo is set in 1.x when "has A" and "key A" were both declared.
	HasToo bool
}

// Plays is "plays R" (1.x global role) or "plays REL:R [as S]" (2.x).
type Plays struct {
	Fact
	Player    *Type
	Scope     string // 2.x: the relation named before ":"; "" in 1.x
	Role      string // the role label
	RoleRange diag.Range
	As        string
	AsRange   diag.Range
	Node      *grammar.PlaysProp
	Redecl    []diag.Range
}

// RoleLabel is the role as written: "marriage:spouse" or "spouse".
func (p *Plays) RoleLabel() string { return scoped(p.Scope, p.Role) }

// RoleType resolves the played role: in 2.x the role named Role that the
// relation Scope declares or inherits; in 1.x the global role Role. It
// returns nil when there is none.
func (p *Plays) RoleType() *Type {
	m := p.Player.m
	if m.Lang != TypeQL2 {
		return m.Type(p.Role)
	}
	// Asked for every inherited plays of every type, so kept until the
	// model changes (index).
	x := m.index()
	if r, ok := x.roleOf[p]; ok {
		return r
	}
	var r *Type
	if rel := m.Type(p.Scope); rel != nil {
		r = rel.RoleByName(p.Role)
	}
	if x.roleOf == nil {
		x.roleOf = map[*Plays]*Type{}
	}
	x.roleOf[p] = r
	return r
}

// Relates is "relates R [as S]".
type Relates struct {
	Fact
	Relation  *Type
	Role      string
	RoleRange diag.Range
	As        string
	AsRange   diag.Range
	Node      *grammar.RelatesProp
	Redecl    []diag.Range
}

// RoleType returns the role type the declaration created or names.
func (r *Relates) RoleType() *Type {
	m := r.Relation.m
	if m.Lang == TypeQL2 {
		return m.types[scoped(r.Relation.Label, r.Role)]
	}
	return m.types[r.Role]
}

// Rule is a rule: 2.x "rule L: when {…} then {…};" or 1.x
// "L sub rule, when {…}, then {…};".
type Rule struct {
	Fact
	Label      string
	LabelRange diag.Range
	When       *grammar.Block // nil when missing
	Then       *grammar.Block
	// Stmt is the *grammar.RuleStmt (2.x) or *grammar.TypeStmt (1.x form).
	Stmt grammar.Stmt
	// Legacy is set for the 1.x form.
	Legacy bool
}

// Type is a type: a root, an entity, relation or attribute type, or a role.
// Fields hold what was declared on the type itself; the methods resolve
// inheritance.
type Type struct {
	m *Model
	// Label is the type's label; for 2.x roles the role name alone.
	Label string
	// Scope is the declaring relation of a 2.x role, "" otherwise.
	Scope string
	root  concept.Kind
	// impliedRole marks a 1.x role created by "relates R" rather than by a
	// statement of its own.
	impliedRole bool

	// Stmts are the statements whose subject is this type, in order.
	Stmts []*grammar.TypeStmt
	// Ranges are the subject ranges of Stmts (for 2.x roles and 1.x roles
	// made by relates: the role label in the first relates).
	Ranges []diag.Range
	// Query is the query that first defined the type (with "sub" or, for
	// roles, "relates"); -1 when it has only been mentioned.
	Query int

	Sub      *Sub
	Abstract *Flag
	Value    *Value
	Regex    *Regex
	Owns     []*Owns
	Plays    []*Plays
	Relates  []*Relates
	// Decl is the "relates" that declares a 2.x role.
	Decl *Relates
}

// Model is a schema: its types, roles and rules.
type Model struct {
	Lang Lang
	// Source is the file name recorded in the ranges of facts applied next.
	Source string

	types   map[string]*Type
	order   []*Type
	rules   map[string]*Rule
	rorder  []*Rule
	queries int
	idx     *index // see index.go
}

// rootRoleScope is the scope of the 2.x root role type "relation:role".
const rootRoleScope = "relation"

// New returns a model holding only the root types of lang.
func New(lang Lang) *Model {
	m := &Model{Lang: lang, types: map[string]*Type{}, rules: map[string]*Rule{}}
	for _, r := range []struct {
		label string
		kind  concept.Kind
	}{{"thing", concept.Thing}, {"entity", concept.Entity}, {"relation", concept.Relation}, {"attribute", concept.Attribute}} {
		m.add(&Type{m: m, Label: r.label, root: r.kind, Query: -1})
	}
	if lang == TypeQL2 {
		m.add(&Type{m: m, Label: "role", Scope: rootRoleScope, root: concept.Role, Query: -1})
	} else {
		m.add(&Type{m: m, Label: "role", root: concept.Role, Query: -1})
	}
	return m
}

// reserve makes room for about n more types, so that building the model of
// a large schema does not grow its map and list step by step.
func (m *Model) reserve(n int) {
	if n <= 0 {
		return
	}
	types := make(map[string]*Type, len(m.types)+n)
	for k, t := range m.types {
		types[k] = t
	}
	m.types = types
	m.order = slices.Grow(m.order, n)
}

// stmtCount counts the statements of the define queries of files: about
// the number of types a model of them holds.
func stmtCount(files []*grammar.File) int {
	n := 0
	for _, f := range files {
		for _, q := range f.Queries {
			if dq, ok := q.(*grammar.DefineQuery); ok && dq.Kind == grammar.Define {
				n += len(dq.Stmts)
			}
		}
	}
	return n
}

func (m *Model) add(t *Type) {
	m.types[t.Key()] = t
	m.order = append(m.order, t)
	m.changed()
}

func (m *Model) remove(t *Type) {
	delete(m.types, t.Key())
	for i, u := range m.order {
		if u == t {
			m.order = append(m.order[:i], m.order[i+1:]...)
			break
		}
	}
	m.changed()
}

func scoped(scope, label string) string {
	if scope == "" {
		return label
	}
	return scope + ":" + label
}

// Key is the type's unique label in the model: "marriage:spouse" for a 2.x
// role, the plain label otherwise.
func (t *Type) Key() string { return scoped(t.Scope, t.Label) }

// String is Key, for %v in messages.
func (t *Type) String() string { return t.Key() }

// Model returns the model the type belongs to.
func (t *Type) Model() *Model { return t.m }

// IsRoot reports whether t is a root type (thing, entity, relation,
// attribute, or the root role).
func (t *Type) IsRoot() bool { return t.root != concept.Unknown }

// Range is where the type was first named as a subject (or, for roles,
// first related); the zero Range for root types.
func (t *Type) Range() diag.Range {
	if len(t.Ranges) > 0 {
		return t.Ranges[0]
	}
	return diag.Range{}
}

// DefRange is where the type was defined: the range of its "sub" when it
// has one, else its first mention.
func (t *Type) DefRange() diag.Range {
	if t.Sub != nil {
		return t.Sub.Range
	}
	if t.Decl != nil {
		return t.Decl.RoleRange
	}
	return t.Range()
}

// Type returns the type with the given key ("person", "marriage:spouse"),
// or nil. In 1.x "relationship" names the root relation.
func (m *Model) Type(key string) *Type {
	if t, ok := m.types[key]; ok {
		return t
	}
	if m.Lang == Graql1 && key == "relationship" {
		return m.types["relation"]
	}
	return nil
}

// Root returns the root type of kind k.
func (m *Model) Root(k concept.Kind) *Type {
	switch k {
	case concept.Role:
		if m.Lang == TypeQL2 {
			return m.types[scoped(rootRoleScope, "role")]
		}
		return m.types["role"]
	case concept.Unknown:
		return nil
	}
	return m.types[k.String()]
}

// Types returns every type but the roots, in the order they were first
// mentioned.
func (m *Model) Types() []*Type {
	var out []*Type
	for i, t := range m.order {
		if !t.IsRoot() {
			if out == nil {
				out = make([]*Type, 0, len(m.order)-i)
			}
			out = append(out, t)
		}
	}
	return out
}

// TypesOf returns the non-root types of kind k in definition order.
func (m *Model) TypesOf(k concept.Kind) []*Type {
	return append([]*Type(nil), m.index().kindsIndex(m)[k]...)
}

// Rules returns the rules in definition order.
func (m *Model) Rules() []*Rule { return append([]*Rule(nil), m.rorder...) }

// Rule returns the rule labelled label, or nil.
func (m *Model) Rule(label string) *Rule { return m.rules[label] }

// Queries returns how many define/undefine queries have been applied.
func (m *Model) Queries() int { return m.queries }

// Labels returns the keys of every non-root type, sorted, for suggestions
// and listings.
func (m *Model) Labels() []string {
	var out []string
	for _, t := range m.Types() {
		out = append(out, t.Key())
	}
	sort.Strings(out)
	return out
}

// Suggest returns the label closest to label among the types of the given
// kinds (all kinds when none are given) and rules, by edit distance, or ""
// when nothing is close enough to be a likely typo.
func (m *Model) Suggest(label string, kinds ...concept.Kind) string {
	var cands []string
	for _, t := range m.order {
		if t.Key() == label {
			continue
		}
		if len(kinds) > 0 && !containsKind(kinds, t.Kind()) {
			continue
		}
		cands = append(cands, t.Key())
	}
	return Closest(label, cands)
}

// SuggestRole returns the closest role name that rel declares or inherits.
func (t *Type) SuggestRole(name string) string {
	var cands []string
	for _, r := range t.Roles() {
		cands = append(cands, r.Label)
	}
	return Closest(name, cands)
}

func containsKind(ks []concept.Kind, k concept.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// Lookup returns the type labelled key, or an error that names the closest
// existing labels (of the given kinds, or any kind) when there is none.
func (m *Model) Lookup(key string, kinds ...concept.Kind) (*Type, error) {
	if t := m.Type(key); t != nil {
		return t, nil
	}
	if s := m.Suggest(key, kinds...); s != "" {
		return nil, fmt.Errorf("unknown type %q (did you mean %q?)", key, s)
	}
	return nil, fmt.Errorf("unknown type %q", key)
}

// Closest returns the candidate nearest to s by edit distance when it is
// close enough to be a likely typo (1 edit for labels of up to 3 runes, 2 up
// to 8, else 3), or "". Ties go to the candidate that sorts first.
func Closest(s string, cands []string) string {
	limit := 3
	switch n := len([]rune(s)); {
	case n <= 3:
		limit = 1
	case n <= 8:
		limit = 2
	}
	best, bestD := "", limit+1
	sorted := append([]string(nil), cands...)
	sort.Strings(sorted)
	for _, c := range sorted {
		if c == s {
			continue
		}
		d := grammar.EditDistance(strings.ToLower(s), strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// EditDistance is grammar.EditDistance, for callers that rank suggestions
// with more than spelling (package check).
func EditDistance(a, b string) int { return grammar.EditDistance(a, b) }
