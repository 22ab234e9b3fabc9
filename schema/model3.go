package schema

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// Model3 is the TypeQL 3.x meaning of a schema, as TypeDB 3.x keeps it:
// types by kind with their supertype, value type and annotations, and the
// owns, plays and relates capabilities each with its own annotations
// (cardinality, @key, @unique, @distinct, ...), plus functions and structs.
// Unlike Model (which lowers 3.x to 2.x for the data checks), nothing 3.x
// can say is left out.
//
// Like Model it is lenient: Apply3 reports what cannot be recorded at all
// (an unknown label, a kind change, a fact that contradicts one already
// defined) with codes "define3-…" and "undefine3-…" (Apply3Docs), and
// records everything else for the checks of package validate to judge.
type Model3 struct {
	types   map[string]*Type3 // roles by "relation:role"
	order   []*Type3
	Funcs   map[string]*Func3
	Structs map[string]*Struct3

	applying int    // queries being applied: the hierarchy may change
	hier     *hier3 // see hierarchy3.go; nil until asked, dropped on change
}

// Type3 is an entity, relation, attribute or role type of a Model3.
type Type3 struct {
	Label string // "person", or "employment:employee" for a role
	Kind  concept.Kind
	Decl  diag.Range // the statement that declared its kind (relates for a role)

	Super   string
	SuperAt diag.Range

	Annots    []*Annot3 // @abstract, @independent, @cascade
	SubAnnots []*Annot3 // annotations written on "sub" (TypeDB 3.x accepts none)

	ValueType   string
	ValueAt     diag.Range
	ValueAnnots []*Annot3 // @regex, @range, @values

	Owns    []*Cap3
	Plays   []*Cap3
	Relates []*Cap3 // Label is the role's name in this relation

	m *Model3
}

// Cap3 is one owns, plays or relates of a type.
type Cap3 struct {
	Label  string // attribute label, scoped role label, or (relates) role name
	List   bool   // "owns name[]", "relates r[]"
	As     string // "relates r as s": the name of the specialised role
	Annots []*Annot3
	At     diag.Range
	AsAt   diag.Range
}

// Annot3 is an annotation with its raw arguments.
type Annot3 struct {
	Name    string
	Args    string
	HasArgs bool
	At      diag.Range
}

// Func3 is a function definition, kept as written.
type Func3 struct {
	Name string
	Stmt *grammar.FunStmt
	At   diag.Range
}

// Struct3 is a struct definition: the statement that created it and the
// fields TypeDB keeps, which later defines of the struct may extend.
type Struct3 struct {
	Name   string
	Stmt   *grammar.StructStmt
	At     diag.Range
	Fields []*StructField3
}

// StructField3 is one field of a Struct3.
type StructField3 struct {
	Name     string
	Type     string // a built-in value type or a struct name
	Optional bool
	At       diag.Range
}

// Field returns the field of s named name, or nil.
func (s *Struct3) Field(name string) *StructField3 {
	for _, f := range s.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func (f *StructField3) same(g *grammar.StructField) bool {
	return f.Type == g.Type && f.Optional == g.Optional
}

func (f *StructField3) String() string {
	q := ""
	if f.Optional {
		q = "?"
	}
	return f.Name + " value " + f.Type + q
}

// Apply3Docs is the one-line doc of every code Apply3 reports, with the
// TypeDB 3.x code that raises the same error.
var Apply3Docs = map[string]string{
	Code3UnknownType:         "a label names no type declared so far (typedb/typedb@3.10.4:query/define.rs define_type, DefineError::SymbolResolution)",
	Code3KindChanged:         "a type is declared again with another kind (typedb/typedb@3.10.4:query/define.rs define_type, DefineError::TypeCreateError)",
	Code3Different:           "a define contradicts a fact already defined, which only redefine may change (typedb/typedb@3.10.4:query/define.rs, DefineError::*AlreadyDefinedButDifferent)",
	Code3SubKind:             "a type's supertype is of another kind (typedb/typedb@3.10.4:query/define.rs define_sub, DefineError::SetSupertype)",
	Code3RoleKind:            "relates on a type that is not a relation (typedb/typedb@3.10.4:query/define.rs define_relates_with_annotations, DefineError::CreateRelates)",
	Code3UnknownRole:         "plays or a specialisation names no role of the relation hierarchy (typedb/typedb@3.10.4:query/define.rs define_relates_specialise, DefineError::SymbolResolution)",
	Code3Duplicate:           "define names a function that already exists, whatever its body; only redefine may change it (typedb/typedb@3.10.4:function/function_manager.rs define_functions, FunctionError::FunctionAlreadyExists)",
	Code3FunctionRepeated:    "one define names a function twice: TypeDB checks only stored functions, so it accepts both and keeps the last (typedb/typedb@3.10.4:function/function_manager.rs define_functions)",
	Code3StructFieldsSkipped: "a struct statement stops at its first field already defined the same way (earlier or in the same statement), so later new fields are not added (typedb/typedb@3.10.4:query/define.rs define_struct_fields, DefinableStatus::ExistsSame)",
	Code3NotDefined:          "undefine of a type, function or struct that does not exist (typedb/typedb@3.10.4:query/undefine.rs, UndefineError::SymbolResolution)",
	Code3HasSubtypes:         "undefine of a type that still has subtypes (typedb/typedb@3.10.4:concept/type_/type_manager/validation/mod.rs, SchemaValidationError::CannotDeleteTypeWithExistingSubtypes)",
	Code3Unsupported:         "a query form or property the 3.x model does not apply: not TypeQL 3.x, or not modelled yet",
}

// Codes of Apply3.
const (
	Code3UnknownType         = "define3-unknown-type"
	Code3KindChanged         = "define3-kind-changed"
	Code3Different           = "define3-different"
	Code3SubKind             = "define3-sub-kind"
	Code3RoleKind            = "define3-relates-kind"
	Code3UnknownRole         = "define3-unknown-role"
	Code3Duplicate           = "define3-duplicate"
	Code3StructFieldsSkipped = "define3-struct-fields-skipped"
	Code3FunctionRepeated    = "define3-function-repeated"
	Code3NotDefined          = "undefine3-not-defined"
	Code3HasSubtypes         = "undefine3-has-subtypes"
	Code3Unsupported         = "apply3-unsupported"
)

// NewModel3 returns an empty 3.x model.
func NewModel3() *Model3 {
	return &Model3{types: map[string]*Type3{}, Funcs: map[string]*Func3{}, Structs: map[string]*Struct3{}}
}

// BuildModel3 applies the define and undefine queries of files in order.
func BuildModel3(files ...*grammar.File) (*Model3, diag.List) {
	m := NewModel3()
	var out diag.List
	for _, f := range files {
		for _, q := range f.Queries {
			out = append(out, m.ApplyQuery(f.Name, q)...)
		}
	}
	return m, out
}

// Clone returns a deep copy, so a failed query can be rolled back.
func (m *Model3) Clone() *Model3 {
	c := NewModel3()
	for _, t := range m.order {
		nt := *t
		nt.m = c
		nt.Annots = append([]*Annot3(nil), t.Annots...)
		nt.SubAnnots = append([]*Annot3(nil), t.SubAnnots...)
		nt.ValueAnnots = append([]*Annot3(nil), t.ValueAnnots...)
		nt.Owns = cloneCaps(t.Owns)
		nt.Plays = cloneCaps(t.Plays)
		nt.Relates = cloneCaps(t.Relates)
		c.types[t.Label] = &nt
		c.order = append(c.order, &nt)
	}
	for k, f := range m.Funcs {
		c.Funcs[k] = f
	}
	for k, s := range m.Structs {
		c.Structs[k] = s
	}
	return c
}

func cloneCaps(cs []*Cap3) []*Cap3 {
	out := make([]*Cap3, len(cs))
	for i, c := range cs {
		nc := *c
		nc.Annots = append([]*Annot3(nil), c.Annots...)
		out[i] = &nc
	}
	return out
}

// Type returns the type or role labelled label, or nil.
func (m *Model3) Type(label string) *Type3 { return m.types[label] }

// Types returns every type and role in declaration order.
func (m *Model3) Types() []*Type3 { return m.order }

// SuperType returns t's supertype, or nil.
func (t *Type3) SuperType() *Type3 {
	if t.Super == "" {
		return nil
	}
	return t.m.types[t.Super]
}

// Supertypes returns t's strict supertypes, nearest first, stopping at a
// cycle.
func (t *Type3) Supertypes() []*Type3 {
	if h := t.m.index(); h.indexed(t) {
		out := make([]*Type3, 0, h.depth[t])
		for s := t.SuperType(); s != nil; s = s.SuperType() {
			out = append(out, s)
		}
		return out
	}
	var out []*Type3
	seen := map[*Type3]bool{t: true}
	for s := t.SuperType(); s != nil && !seen[s]; s = s.SuperType() {
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// InCycle reports whether t's supertype chain returns to t.
func (t *Type3) InCycle() bool {
	if h := t.m.index(); h != nil {
		return h.onCycle[t]
	}
	seen := map[*Type3]bool{}
	for s := t.SuperType(); s != nil; s = s.SuperType() {
		if s == t {
			return true
		}
		if seen[s] {
			return false
		}
		seen[s] = true
	}
	return false
}

// Subtypes returns the types whose direct supertype is t.
func (t *Type3) Subtypes() []*Type3 {
	if h := t.m.index(); h.indexed(t) {
		return append([]*Type3(nil), h.children[t]...)
	}
	var out []*Type3
	for _, u := range t.m.order {
		if u.Super == t.Label && u != t {
			out = append(out, u)
		}
	}
	return out
}

// Annot returns t's type annotation named name, or nil.
func (t *Type3) Annot(name string) *Annot3 { return findAnnot(t.Annots, name) }

// Abstract reports whether t is declared @abstract.
func (t *Type3) Abstract() bool { return t.Annot("abstract") != nil }

// EffectiveValueType returns t's value type, declared or inherited, and the
// type that declares it.
func (t *Type3) EffectiveValueType() (string, *Type3) {
	if t.ValueType != "" {
		return t.ValueType, t
	}
	if h := t.m.index(); h.indexed(t) {
		if v := h.value[t]; v != nil {
			return v.ValueType, v
		}
		return "", nil
	}
	for _, s := range t.Supertypes() {
		if s.ValueType != "" {
			return s.ValueType, s
		}
	}
	return "", nil
}

// Annot returns c's annotation named name, or nil.
func (c *Cap3) Annot(name string) *Annot3 { return findAnnot(c.Annots, name) }

// Card returns the cardinality of an owns or relates: its @card(min..max)
// (max < 0 when unbounded), or without one TypeDB 3.x's default, at most
// one, or any number for a list (typedb/typedb@3.10.4:concept/type_/owns.rs
// and relates.rs DEFAULT_UNORDERED_CARDINALITY, DEFAULT_ORDERED_CARDINALITY).
// ok is false when the @card arguments are not a cardinality. A plays has
// another default (any number) and is not for Card.
func (c *Cap3) Card() (min, max int64, ok bool) {
	a := c.Annot("card")
	switch {
	case a == nil && c.List:
		return 0, -1, true
	case a == nil:
		return 0, 1, true
	}
	lo, hi, ranged := strings.Cut(strings.Join(strings.Fields(a.Args), ""), "..")
	min, err := strconv.ParseInt(lo, 10, 64)
	if err != nil || min < 0 {
		return 0, 0, false
	}
	switch {
	case !ranged:
		return min, min, true
	case hi == "":
		return min, -1, true
	}
	max, err = strconv.ParseInt(hi, 10, 64)
	return min, max, err == nil && max >= min
}

func findAnnot(as []*Annot3, name string) *Annot3 {
	for _, a := range as {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// DeclaresRole reports whether relation t itself relates a role named name.
func (t *Type3) DeclaresRole(name string) bool {
	r := t.m.types[t.Label+":"+name]
	return r != nil && r.Kind == concept.Role
}

// RoleByName finds the role named name that relation t declares or
// inherits, nearest first.
func (t *Type3) RoleByName(name string) *Type3 {
	if h := t.m.index(); h.indexed(t) {
		return h.roleByName(t, name)
	}
	for _, r := range append([]*Type3{t}, t.Supertypes()...) {
		if rt := t.m.types[r.Label+":"+name]; rt != nil && rt.Kind == concept.Role {
			return rt
		}
	}
	return nil
}

// applier holds the state of one query.
type applier struct {
	m    *Model3
	file string
	out  diag.List
}

func (a *applier) rng(n grammar.Node) diag.Range {
	return diag.Range{File: a.file, Start: n.Pos(), End: n.End()}
}

func (a *applier) errorf(code string, n grammar.Node, format string, args ...any) {
	r := a.rng(n)
	a.out.Addf(diag.Error, code, &r, format, args...)
}

// ApplyQuery applies one query of file: a define, an undefine or a
// redefine; other queries are ignored. The model is
// changed even when the query fails: clone it first to roll back.
func (m *Model3) ApplyQuery(file string, q grammar.Query) diag.List {
	defer m.changing()()
	a := &applier{m: m, file: file}
	switch q := q.(type) {
	case *grammar.DefineQuery:
		switch q.Kind {
		case grammar.Undefine:
			a.undefine(q)
		case grammar.Redefine:
			a.redefine(q)
		default:
			a.define(q)
		}
	}
	return a.out
}

var builtinValueTypes3 = map[string]bool{
	"boolean": true, "integer": true, "double": true, "decimal": true, "date": true,
	"datetime": true, "datetime-tz": true, "duration": true, "string": true,
}

// BuiltinValueType3 reports whether name is a TypeQL 3.x value type
// (typedb/typeql@3.10.4:rust/parser/typeql.pest value_type_primitive).
func BuiltinValueType3(name string) bool { return builtinValueTypes3[name] }

func (a *applier) define(q *grammar.DefineQuery) {
	m := a.m
	// Kinds first: a query may use a type before the statement declaring it.
	for _, s := range q.Stmts {
		switch s := s.(type) {
		case *grammar.TypeStmt:
			if s.Kind == "" || s.Subject.Var {
				continue
			}
			kind := kindOf3(s.Kind)
			if t := m.types[s.Subject.Name]; t != nil {
				if t.Kind != kind {
					a.errorf(Code3KindChanged, s.Subject, "%s is already defined as %s, not %s", t.Label, kindPhrase(t.Kind), kindPhrase(kind))
				}
				continue
			}
			if s.Kind == "role" || kind == concept.Unknown {
				a.errorf(Code3KindChanged, s.Subject, "a type cannot be declared with kind %q", s.Kind)
				continue
			}
			m.add(&Type3{Label: s.Subject.Name, Kind: kind, Decl: a.rng(s)})
		case *grammar.StructStmt:
			if m.Structs[s.Name] == nil {
				m.Structs[s.Name] = &Struct3{Name: s.Name, Stmt: s, At: a.rng(s)}
			}
		}
	}
	a.structFields(q)
	// Supertypes, then roles: plays may name a role the same query relates,
	// and "relates r as s" one a supertype declared in the same query relates.
	for _, pass := range []func(*Type3, grammar.Prop){a.subProp, a.relatesProp} {
		for _, s := range q.Stmts {
			if s, ok := s.(*grammar.TypeStmt); ok && !s.Subject.Var {
				if t := m.types[s.Subject.Name]; t != nil && t.Kind != concept.Role {
					for _, pr := range s.Props {
						pass(t, pr)
					}
				}
			}
		}
	}
	defined := map[string]bool{} // functions this query defines
	for _, s := range q.Stmts {
		switch s := s.(type) {
		case *grammar.TypeStmt:
			a.defineType(s)
		case *grammar.FunStmt:
			a.defineFunction(s, defined)
		}
	}
}

// defineFunction records a function as TypeDB 3.x defines it. A function
// that exists before the query is FunctionAlreadyExists whatever the body,
// even the same one: only redefine replaces a function. The check reads
// only stored functions, so a name repeated within one query passes, and
// the last definition is the one its name resolves to (the name index and
// the HashMapFunctionSignatureIndex keep the last)
// (typedb/typedb@3.10.4:function/function_manager.rs define_functions;
// ir/pipeline/function_signature.rs HashMapFunctionSignatureIndex::build).
func (a *applier) defineFunction(s *grammar.FunStmt, defined map[string]bool) {
	if old := a.m.Funcs[s.Name]; old != nil {
		if !defined[s.Name] {
			a.errorf(Code3Duplicate, s, "function %s is already defined; use redefine to change it", s.Name)
			return
		}
		r := a.rng(s)
		a.out.Addf(diag.Warning, Code3FunctionRepeated, &r,
			"function %s is defined twice in this query: TypeDB 3.x accepts both and keeps this one (the first at %s is lost)", s.Name, old.At.Start)
	}
	defined[s.Name] = true
	a.m.Funcs[s.Name] = &Func3{Name: s.Name, Stmt: s, At: a.rng(s)}
}

func kindOf3(k string) concept.Kind {
	switch k {
	case "entity":
		return concept.Entity
	case "relation":
		return concept.Relation
	case "attribute":
		return concept.Attribute
	}
	return concept.Unknown
}

// kindPhrase names a kind with its article: "an entity type".
func kindPhrase(k concept.Kind) string {
	switch k {
	case concept.Entity, concept.Attribute:
		return "an " + k.String() + " type"
	case concept.Unknown:
		return "a type of unknown kind"
	}
	return "a " + k.String() + " type"
}

func (m *Model3) add(t *Type3) {
	t.m = m
	m.types[t.Label] = t
	m.order = append(m.order, t)
}

func (a *applier) defineType(s *grammar.TypeStmt) {
	if s.Subject.Var {
		a.errorf(Code3UnknownType, s.Subject, "a define names types, not variables")
		return
	}
	t := a.m.types[s.Subject.Name]
	if t == nil || t.Kind == concept.Role {
		a.errorf(Code3UnknownType, s.Subject, "type %s is not defined; declare it with its kind: entity, relation or attribute %s", s.Subject.Name, s.Subject.Name)
		return
	}
	for _, an := range s.Annotations {
		a.annotate(&t.Annots, an, t.Label)
	}
	for _, pr := range s.Props {
		switch pr := pr.(type) {
		case *grammar.SubProp, *grammar.RelatesProp:
			// applied before the other properties
		case *grammar.ValueTypeProp:
			a.valueType(t, pr)
		case *grammar.OwnsProp:
			a.owns(t, pr)
		case *grammar.PlaysProp:
			a.plays(t, pr)
		case *grammar.AnnotationProp:
			a.annotate(&t.Annots, pr.Annot, t.Label)
		case *grammar.AbstractProp:
			a.annotate(&t.Annots, &grammar.Annotation{At: pr.Abstract, Name: "abstract"}, t.Label)
		default:
			a.errorf(Code3Unsupported, pr, "this property is not TypeQL 3.x")
		}
	}
}

// annotate adds an to *as; an annotation of the same name with other
// arguments is a different fact.
func (a *applier) annotate(as *[]*Annot3, an *grammar.Annotation, where string) {
	n := &Annot3{Name: an.Name, Args: strings.TrimSpace(an.Args), HasArgs: an.HasParens, At: a.rng(an)}
	if old := findAnnot(*as, an.Name); old != nil {
		if normArgs(old.Args) != normArgs(n.Args) {
			a.errorf(Code3Different, an, "a different @%s(%s) is already defined on %s; use redefine to change it", old.Name, old.Args, where)
		}
		return
	}
	*as = append(*as, n)
}

var spaceRx = regexp.MustCompile(`\s+`)

func normArgs(s string) string { return spaceRx.ReplaceAllString(s, "") }

func (a *applier) lookup(r *grammar.TypeRef) *Type3 {
	t := a.m.types[r.Name]
	if t == nil || t.Kind == concept.Role {
		a.errorf(Code3UnknownType, r, "type %s is not defined", r.Name)
		return nil
	}
	return t
}

func (a *applier) subProp(t *Type3, p grammar.Prop) {
	if pr, ok := p.(*grammar.SubProp); ok {
		a.sub(t, pr)
	}
}

func (a *applier) relatesProp(t *Type3, p grammar.Prop) {
	if pr, ok := p.(*grammar.RelatesProp); ok {
		a.relates(t, pr)
	}
}

func (a *applier) sub(t *Type3, pr *grammar.SubProp) {
	sup := a.lookup(pr.Type)
	if sup == nil {
		return
	}
	if sup.Kind != t.Kind {
		a.errorf(Code3SubKind, pr.Type, "%s is %s and cannot be the supertype of %s %s", sup.Label, kindPhrase(sup.Kind), kindPhrase(t.Kind), t.Label)
		return
	}
	if t.Super != "" && t.Super != sup.Label {
		a.errorf(Code3Different, pr, "a different '%s sub %s' is already defined; use redefine to change it", t.Label, t.Super)
		return
	}
	t.Super, t.SuperAt = sup.Label, a.rng(pr)
	for _, an := range pr.Annots {
		a.annotate(&t.SubAnnots, an, t.Label+" sub "+sup.Label)
	}
}

// structFields adds the fields of q's structs as TypeDB 3.x does: every
// struct of the query is created first, so a field may name a struct
// defined later in the query; then each struct statement in order goes
// field by field. A field naming no value type or struct is
// DefineError::SymbolResolution; a new field is added; one defined with
// another type or optionality is DefineError::StructFieldAlreadyDefinedButDifferent;
// and the first field already defined the same way ends the statement,
// so the fields after it are not added
// (typedb/typedb@3.10.4:query/define.rs process_struct_definitions,
// define_struct_fields; query/definable_status.rs get_struct_field_status).
func (a *applier) structFields(q *grammar.DefineQuery) {
	for _, s := range q.Stmts {
		s, ok := s.(*grammar.StructStmt)
		if !ok {
			continue
		}
		st := a.m.Structs[s.Name]
		for i, f := range s.Fields {
			if !builtinValueTypes3[f.Type] && a.m.Structs[f.Type] == nil {
				a.errorf(Code3UnknownType, f, "field %s of struct %s: value type %s is neither a built-in value type nor a defined struct", f.Name, s.Name, f.Type)
				continue
			}
			old := st.Field(f.Name)
			if old == nil {
				st.Fields = append(st.Fields, &StructField3{Name: f.Name, Type: f.Type, Optional: f.Optional, At: a.rng(f)})
				continue
			}
			if !old.same(f) {
				a.errorf(Code3Different, f, "struct %s already has a different field '%s'", s.Name, old)
				continue
			}
			a.skippedFields(st, f, s.Fields[i+1:])
			break
		}
	}
}

// skippedFields warns about the fields after stop, the first field of a
// struct statement already defined the same way, that TypeDB leaves out
// although they would change the struct.
func (a *applier) skippedFields(st *Struct3, stop *grammar.StructField, rest []*grammar.StructField) {
	var names []string
	var first *grammar.StructField
	for _, f := range rest {
		if old := st.Field(f.Name); old != nil && old.same(f) {
			continue
		}
		if first == nil {
			first = f
		}
		names = append(names, f.Name)
	}
	if first == nil {
		return
	}
	r := a.rng(first)
	a.out.Addf(diag.Warning, Code3StructFieldsSkipped, &r,
		"struct %s: field %s is already defined, and TypeDB 3.x stops at it, so %s not defined: define them before it or in a define of their own",
		st.Name, stop.Name, fieldList(names))
}

func fieldList(names []string) string {
	if len(names) == 1 {
		return "field " + names[0] + " is"
	}
	return "fields " + strings.Join(names, ", ") + " are"
}

func (a *applier) valueType(t *Type3, pr *grammar.ValueTypeProp) {
	if t.Kind != concept.Attribute {
		a.errorf(Code3SubKind, pr, "%s is %s; only attribute types have a value type", t.Label, kindPhrase(t.Kind))
		return
	}
	if !builtinValueTypes3[pr.Type] && a.m.Structs[pr.Type] == nil {
		a.errorf(Code3UnknownType, pr, "value type %s is neither a built-in value type nor a defined struct", pr.Type)
		return
	}
	if t.ValueType != "" && t.ValueType != pr.Type {
		a.errorf(Code3Different, pr, "a different 'value %s' is already defined on %s; use redefine to change it", t.ValueType, t.Label)
		return
	}
	t.ValueType, t.ValueAt = pr.Type, a.rng(pr)
	for _, an := range pr.Annots {
		a.annotate(&t.ValueAnnots, an, t.Label)
	}
}

// capability adds (or merges into) the capability of *caps named label.
func (a *applier) capability(caps *[]*Cap3, label string, list bool, annots []*grammar.Annotation, n grammar.Node, what string) *Cap3 {
	for _, c := range *caps {
		if c.Label == label {
			if c.List != list {
				a.errorf(Code3Different, n, "a different '%s %s' (ordering) is already defined; use redefine to change it", what, label)
				return c
			}
			for _, an := range annots {
				a.annotate(&c.Annots, an, what+" "+label)
			}
			return c
		}
	}
	c := &Cap3{Label: label, List: list, At: a.rng(n)}
	for _, an := range annots {
		a.annotate(&c.Annots, an, what+" "+label)
	}
	*caps = append(*caps, c)
	return c
}

func (a *applier) owns(t *Type3, pr *grammar.OwnsProp) {
	attr := a.lookup(pr.Attr)
	if attr == nil {
		return
	}
	if attr.Kind != concept.Attribute {
		a.errorf(Code3SubKind, pr.Attr, "%s is %s; only attribute types can be owned", attr.Label, kindPhrase(attr.Kind))
		return
	}
	if t.Kind == concept.Attribute {
		a.errorf(Code3SubKind, pr, "attribute type %s cannot own attributes", t.Label)
		return
	}
	c := a.capability(&t.Owns, attr.Label, pr.List, pr.Annots, pr, "owns")
	if pr.As != nil {
		c.As, c.AsAt = pr.As.Name, a.rng(pr.As)
	}
}

func (a *applier) plays(t *Type3, pr *grammar.PlaysProp) {
	if t.Kind == concept.Attribute {
		a.errorf(Code3SubKind, pr, "attribute type %s cannot play roles", t.Label)
		return
	}
	if pr.Role.Scope == "" {
		a.errorf(Code3UnknownRole, pr.Role, "plays names a role by its relation: relation:%s", pr.Role.Name)
		return
	}
	// The relation that declares the role, not one that inherits it:
	// "inherited role types cannot be played via role type aliases"
	// (behaviour-3x query/language/define.feature).
	role := a.m.types[pr.Role.Scope+":"+pr.Role.Name]
	if role == nil || role.Kind != concept.Role {
		a.errorf(Code3UnknownRole, pr.Role, "role %s is not defined (a role is named by the relation that declares it)", pr.Role)
		return
	}
	c := a.capability(&t.Plays, role.Label, false, pr.Annots, pr, "plays")
	if pr.As != nil {
		c.As, c.AsAt = pr.As.String(), a.rng(pr.As)
	}
}

func (a *applier) relates(t *Type3, pr *grammar.RelatesProp) {
	if t.Kind != concept.Relation {
		a.errorf(Code3RoleKind, pr, "%s is %s; only relation types relate roles", t.Label, kindPhrase(t.Kind))
		return
	}
	label := t.Label + ":" + pr.Role.Name
	if a.m.types[label] == nil {
		a.m.add(&Type3{Label: label, Kind: concept.Role, Decl: a.rng(pr), Super: "", m: a.m})
	}
	c := a.capability(&t.Relates, pr.Role.Name, pr.List, pr.Annots, pr, "relates")
	if pr.As == nil {
		return
	}
	if c.As != "" && c.As != pr.As.Name {
		a.errorf(Code3Different, pr.As, "a different 'relates %s as %s' is already defined; use redefine to change it", c.Label, c.As)
		return
	}
	c.As, c.AsAt = pr.As.Name, a.rng(pr.As)
	var inherited *Type3
	for _, s := range t.Supertypes() {
		if r := s.RoleByName(pr.As.Name); r != nil {
			inherited = r
			break
		}
	}
	if inherited == nil {
		a.errorf(Code3UnknownRole, pr.As, "%s inherits no role named %s to specialise", t.Label, pr.As.Name)
		return
	}
	a.m.types[label].Super = inherited.Label
}

// undefine hands the statements of a 3.x undefine query to Undefine: the
// bare "undefine person;" (a type, or a function or struct by its name)
// and the forms the parser reads as *grammar.UndefineStmt.
func (a *applier) undefine(q *grammar.DefineQuery) {
	var us []Undefinable
	for _, s := range q.Stmts {
		switch s := s.(type) {
		case *grammar.UndefineStmt:
			us = append(us, a.undefinable(s))
			continue
		case *grammar.TypeStmt:
			if len(s.Props) == 0 && len(s.Annotations) == 0 && s.Kind == "" {
				label := s.Subject.String()
				what := UndefineType
				switch {
				case a.m.Funcs[label] != nil:
					what = UndefineFunction
				case a.m.Structs[label] != nil:
					what = UndefineStruct
				}
				us = append(us, Undefinable{What: what, Type: label, At: a.rng(s.Subject)})
				continue
			}
		}
		a.errorf(Code3Unsupported, s, "this undefine form is not applied to the 3.x model yet")
	}
	a.out = append(a.out, a.m.Undefine(a.file, us)...)
}

// undefinable turns one parsed undefine form into the parser-independent
// Undefinable.
func (a *applier) undefinable(s *grammar.UndefineStmt) Undefinable {
	u := Undefinable{At: a.rng(s)}
	if s.Type != nil {
		u.Type = s.Type.String()
	}
	if s.Annot != nil {
		u.Annotation = s.Annot.Name
		u.What = UndefineTypeAnnotation
	}
	switch s.Keyword {
	case "fun":
		u.What, u.Type = UndefineFunction, s.Name.String()
		return u
	case "struct":
		u.What, u.Type = UndefineStruct, s.Name.String()
		return u
	}
	switch c := s.Cap.(type) {
	case *grammar.SubProp:
		u.What, u.Target = "sub", c.Type.String()
	case *grammar.AliasProp:
		u.What, u.Target = "alias", c.Label.String()
	case *grammar.ValueTypeProp:
		u.What, u.Target = "value", c.Type
	case *grammar.OwnsProp:
		u.What, u.Target, u.List = "owns", c.Attr.String(), c.List
	case *grammar.PlaysProp:
		u.What, u.Target = "plays", c.Role.String()
	case *grammar.RelatesProp:
		u.What, u.Target, u.List = "relates", c.Role.String(), c.List
	}
	if s.Keyword == "as" {
		u.What, u.Specialised = UndefineSpecialise, s.Name.String()
	}
	return u
}

func (m *Model3) remove(t *Type3) {
	gone := map[string]bool{t.Label: true}
	for _, r := range t.Relates {
		gone[t.Label+":"+r.Label] = true
	}
	var keep []*Type3
	for _, u := range m.order {
		if gone[u.Label] {
			delete(m.types, u.Label)
			continue
		}
		// Owns and plays of what is deleted go with it, unchecked, as in
		// TypeDB (typedb/typedb@3.10.4:concept/type_/type_manager.rs
		// delete_attribute_type, delete_role_type).
		u.Owns = dropCaps(u.Owns, gone)
		u.Plays = dropCaps(u.Plays, gone)
		keep = append(keep, u)
	}
	m.order = keep
}

// dropCaps returns cs without the capabilities on the labels in gone.
func dropCaps(cs []*Cap3, gone map[string]bool) []*Cap3 {
	out := cs[:0:0]
	for _, c := range cs {
		if !gone[c.Label] {
			out = append(out, c)
		}
	}
	return out
}

// String writes the annotation as TypeQL: @name or @name(args).
func (a *Annot3) String() string {
	if a.HasArgs {
		return "@" + a.Name + "(" + a.Args + ")"
	}
	return "@" + a.Name
}

// Describe returns a one-line summary of t, for tests and traces.
func (t *Type3) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", t.Kind, t.Label)
	for _, an := range t.Annots {
		b.WriteString(" " + an.String())
	}
	if t.Super != "" {
		fmt.Fprintf(&b, " sub %s", t.Super)
	}
	if t.ValueType != "" {
		fmt.Fprintf(&b, " value %s", t.ValueType)
	}
	for _, an := range t.ValueAnnots {
		b.WriteString(" " + an.String())
	}
	caps := func(what string, cs []*Cap3) {
		var ls []string
		for _, c := range cs {
			s := c.Label
			if c.List {
				s += "[]"
			}
			if c.As != "" {
				s += " as " + c.As
			}
			for _, an := range c.Annots {
				s += " " + an.String()
			}
			ls = append(ls, s)
		}
		sort.Strings(ls)
		for _, l := range ls {
			fmt.Fprintf(&b, ", %s %s", what, l)
		}
	}
	caps("owns", t.Owns)
	caps("plays", t.Plays)
	caps("relates", t.Relates)
	return b.String()
}
