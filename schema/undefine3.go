package schema

import (
	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
)

// Undefinable is one thing a TypeQL 3.x undefine query removes, in a form
// that does not depend on how the parser represents it:
//
//	undefine person;                              {What: UndefineType, Type: "person"}
//	undefine owns email from person;              {What: "owns", Type: "person", Target: "email"}
//	undefine sub parent from child;               {What: "sub", Type: "child", Target: "parent"}
//	undefine value string from name;              {What: "value", Type: "name", Target: "string"}
//	undefine @abstract from person;               {What: UndefineTypeAnnotation, Type: "person", Annotation: "abstract"}
//	undefine @key from person owns email;         {What: "owns", Type: "person", Target: "email", Annotation: "key"}
//	undefine @regex from name value string;       {What: "value", Type: "name", Target: "string", Annotation: "regex"}
//	undefine as parent from fathership relates father;
//	                                              {What: UndefineSpecialise, Type: "fathership", Target: "father", Specialised: "parent"}
//	undefine fun f;  undefine struct s;           {What: UndefineFunction / UndefineStruct, Type: "f"}
type Undefinable struct {
	What        string
	Type        string
	Target      string
	Annotation  string
	Specialised string
	// List marks the list form of the target ("owns email[] from person",
	// "relates role[] from group"): it must match the declaration.
	List bool
	At   diag.Range
}

// Undefinable.What values besides the capabilities "owns", "plays",
// "relates", "sub" and "value".
const (
	UndefineType           = "type"
	UndefineTypeAnnotation = "type-annotation"
	UndefineSpecialise     = "as"
	UndefineFunction       = "fun"
	UndefineStruct         = "struct"
)

// Code3UndefineUsed is an undefine of a role that another relation's role
// specialises.
const Code3UndefineUsed = "undefine3-used"

// Code3ValueTypeAbstract is an undefine of a value type that leaves a
// non-abstract attribute type without one.
const Code3ValueTypeAbstract = "undefine3-value-type-abstract"

// Code3RelationNoRoles is an undefine that leaves a relation type that is
// not abstract without a role: of its @abstract, or of its supertype when
// it declares no role itself.
const Code3RelationNoRoles = "undefine3-relation-no-roles"

func init() {
	Apply3Docs[Code3RelationNoRoles] = "undefine of @abstract from a relation type that relates no role, or of the supertype of a relation type that is not abstract and declares no role (typedb/typedb@3.10.4:concept/type_/type_manager/validation/operation_time_validation.rs validate_relation_type_has_role_types_to_unset_abstract, validate_non_abstract_relation_type_has_role_types_after_supertype_unset)"
	Apply3Docs[Code3ValueTypeAbstract] = "undefine of a value type that leaves an attribute type that is not @abstract without one (typedb/typedb@3.10.4:concept/type_/type_manager/validation/operation_time_validation.rs validate_value_type_can_be_unset, AttributeTypeWithoutValueTypeShouldBeAbstract)"
	Apply3Docs[Code3UndefineUsed] = "undefine of a role that another relation's role specialises (typedb/typedb@3.10.4:concept/type_/type_manager.rs validate_delete_type; query/undefine.rs UndefineError::TypeDeleteError, DeleteRoleTypeError)"
}

// Undefine applies the undefinables of one 3.x undefine query in the order
// TypeDB does (typedb/typedb@3.10.4:query/undefine.rs execute): functions,
// specialisations, capability annotations, capabilities, type annotations,
// types, structs. Everything undefined must be defined, and declared on
// the type named (not inherited).
func (m *Model3) Undefine(file string, us []Undefinable) diag.List {
	defer m.changing()()
	a := &applier{m: m, file: file}
	order := []func(Undefinable) bool{
		func(u Undefinable) bool { return u.What == UndefineFunction },
		func(u Undefinable) bool { return u.What == UndefineSpecialise },
		func(u Undefinable) bool { return isCapability(u.What) && u.Annotation != "" },
		func(u Undefinable) bool { return isCapability(u.What) && u.Annotation == "" },
		func(u Undefinable) bool { return u.What == UndefineTypeAnnotation },
		func(u Undefinable) bool { return u.What == UndefineType },
		func(u Undefinable) bool { return u.What == UndefineStruct },
	}
	types := map[string]bool{}
	for _, u := range us {
		if u.What == UndefineType {
			types[u.Type] = true
		}
	}
	for _, in := range order {
		for _, u := range us {
			if in(u) {
				a.undefineOne(u, types)
			}
		}
	}
	return a.out
}

func isCapability(what string) bool {
	switch what {
	case "owns", "plays", "relates", "sub", "value":
		return true
	}
	return false
}

func (a *applier) notDefined(u Undefinable, format string, args ...any) {
	r := u.At
	a.out.Addf(diag.Error, Code3NotDefined, &r, format, args...)
}

func (a *applier) undefineOne(u Undefinable, goingTypes map[string]bool) {
	m := a.m
	switch u.What {
	case UndefineFunction:
		if m.Funcs[u.Type] == nil {
			a.notDefined(u, "function %s is not defined", u.Type)
			return
		}
		delete(m.Funcs, u.Type)
		return
	case UndefineStruct:
		if m.Structs[u.Type] == nil {
			a.notDefined(u, "struct %s is not defined", u.Type)
			return
		}
		delete(m.Structs, u.Type)
		return
	}
	t := m.types[u.Type]
	if t == nil || t.Kind == concept.Role {
		a.notDefined(u, "type %s is not defined", u.Type)
		return
	}
	switch u.What {
	case UndefineType:
		for _, s := range t.Subtypes() {
			if !goingTypes[s.Label] {
				r := u.At
				a.out.Addf(diag.Error, Code3HasSubtypes, &r, "%s cannot be undefined while %s is its subtype", t.Label, s.Label)
				return
			}
		}
		m.remove(t)
	case UndefineTypeAnnotation:
		if u.Annotation == "abstract" && t.Kind == concept.Relation && t.Abstract() && !t.RelatesAny() {
			// typedb/typedb@3.10.4:concept/type_/type_manager/validation/
			// operation_time_validation.rs validate_relation_type_has_role_types_to_unset_abstract
			r := u.At
			a.out.Addf(diag.Error, Code3RelationNoRoles, &r, "%s cannot stop being abstract: it relates no role", t.Label)
			return
		}
		if !dropAnnot(&t.Annots, u.Annotation) {
			a.notDefined(u, "@%s is not defined on %s", u.Annotation, t.Label)
		}
	case "sub":
		if t.Super != u.Target {
			a.notDefined(u, "%s sub %s is not defined", t.Label, u.Target)
			return
		}
		if t.Kind == concept.Relation && !t.Abstract() && len(t.Relates) == 0 {
			r := u.At
			a.out.Addf(diag.Error, Code3RelationNoRoles, &r, "%s cannot lose its supertype: it would relate no role", t.Label)
			return
		}
		t.Super, t.SuperAt, t.SubAnnots = "", diag.Range{}, nil
	case "value":
		switch {
		case t.ValueType != u.Target:
			a.notDefined(u, "%s value %s is not defined", t.Label, u.Target)
		case u.Annotation != "":
			if !dropAnnot(&t.ValueAnnots, u.Annotation) {
				a.notDefined(u, "@%s is not defined on %s value %s", u.Annotation, t.Label, u.Target)
			}
		default:
			if a.loseValueType(u, t) {
				t.ValueType, t.ValueAt, t.ValueAnnots = "", diag.Range{}, nil
			}
		}
	case "owns", "plays", "relates":
		caps := map[string]*[]*Cap3{"owns": &t.Owns, "plays": &t.Plays, "relates": &t.Relates}[u.What]
		i := capIndex(*caps, u.Target)
		if i < 0 {
			a.notDefined(u, "%s does not declare %s %s", t.Label, u.What, u.Target)
			return
		}
		if u.What != "plays" && (*caps)[i].List != u.List {
			// OwnsDefinedButDifferent, RelatesDefinedButDifferent
			// (typedb/typedb@3.10.4:query/undefine.rs): the ordering differs.
			a.notDefined(u, "%s declares %s %s with a different list notation", t.Label, u.What, listLabel((*caps)[i]))
			return
		}
		if u.Annotation != "" {
			if !dropAnnot(&(*caps)[i].Annots, u.Annotation) {
				a.notDefined(u, "@%s is not defined on %s %s %s", u.Annotation, t.Label, u.What, u.Target)
			}
			return
		}
		if u.What == "relates" {
			role := m.types[t.Label+":"+u.Target]
			if role != nil {
				if user := m.specialiserOf(role, goingTypes); user != "" {
					r := u.At
					a.out.Addf(diag.Error, Code3UndefineUsed, &r, "role %s cannot be undefined while %s specialises it", role.Label, user)
					return
				}
				m.remove(role)
			}
		}
		*caps = append((*caps)[:i:i], (*caps)[i+1:]...)
	case UndefineSpecialise:
		i := capIndex(t.Relates, u.Target)
		if i < 0 || t.Relates[i].As != u.Specialised {
			a.notDefined(u, "%s relates %s as %s is not defined", t.Label, u.Target, u.Specialised)
			return
		}
		t.Relates[i].As, t.Relates[i].AsAt = "", diag.Range{}
		if role := m.types[t.Label+":"+u.Target]; role != nil {
			role.Super = ""
		}
	default:
		r := u.At
		a.out.Addf(diag.Error, Code3Unsupported, &r, "undefine of %q is not modelled", u.What)
	}
}

// loseValueType reports whether t may give up its declared value type:
// unless a supertype has one for it to inherit, t and every subtype that
// inherits t's value type must be @abstract
// (typedb/typedb@3.10.4:concept/type_/type_manager/validation/
// operation_time_validation.rs validate_value_type_can_be_unset,
// validate_value_type_compatible_with_abstractness).
func (a *applier) loseValueType(u Undefinable, t *Type3) bool {
	if s := t.SuperType(); s != nil {
		if vt, _ := s.EffectiveValueType(); vt != "" {
			return true
		}
	}
	var check func(x *Type3) bool
	check = func(x *Type3) bool {
		if !x.Abstract() {
			r := u.At
			a.out.Addf(diag.Error, Code3ValueTypeAbstract, &r, "attribute type %s without a value type should be abstract", x.Label)
			return false
		}
		for _, sub := range x.Subtypes() {
			if sub.ValueType == "" && !check(sub) {
				return false
			}
		}
		return true
	}
	return check(t)
}

// specialiserOf returns the relation, not being undefined, whose role
// specialises role (a subtype of it), or "". TypeDB refuses to delete a
// type with subtypes, roles included; owns and plays of a deleted type
// are unset without a check (typedb/typedb@3.10.4:concept/type_/
// type_manager.rs validate_delete_type, delete_attribute_type,
// delete_role_type).
func (m *Model3) specialiserOf(role *Type3, going map[string]bool) string {
	for _, u := range m.order {
		if u.Kind == concept.Role && u.Super == role.Label && !going[scopeOf(u.Label)] {
			return scopeOf(u.Label)
		}
	}
	return ""
}

func scopeOf(label string) string {
	for i := 0; i < len(label); i++ {
		if label[i] == ':' {
			return label[:i]
		}
	}
	return ""
}

// listLabel is the capability's label as written, with "[]" for a list.
func listLabel(c *Cap3) string {
	if c.List {
		return c.Label + "[]"
	}
	return c.Label
}

func capIndex(cs []*Cap3, label string) int {
	for i, c := range cs {
		if c.Label == label {
			return i
		}
	}
	return -1
}

// dropAnnot removes the annotation named name from *as, reporting whether
// there was one.
func dropAnnot(as *[]*Annot3, name string) bool {
	for i, x := range *as {
		if x.Name == name {
			*as = append((*as)[:i:i], (*as)[i+1:]...)
			return true
		}
	}
	return false
}
