package validate

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

func atCommit(version.V) Phase { return AtCommit }

// atCommitFrom is the phase of a check that TypeDB moved from define time
// to commit time in version from.
func atCommitFrom(from string) func(version.V) Phase {
	return func(v version.V) Phase {
		if v.AtLeast(from) {
			return AtCommit
		}
		return AtDefine
	}
}

func init() {
	register(
		&Check{Name: "unknown-type", Doc: unknownTypeDoc, Run: unknownType,
			Source: "typedb/typedb@2.0.0:query/Definer.java TYPE_NOT_FOUND; typedb/typedb@2.29.1:concept/ConceptManager.java TYPE_NOT_FOUND"},
		&Check{Name: "sub-target", Doc: subTargetDoc, Run: subTarget,
			Source: "typedb/typedb@2.0.0:query/Definer.java INVALID_DEFINE_SUB; typedb/typedb@2.29.1:query/Definer.java INVALID_DEFINE_SUB"},
		&Check{Name: "sub-cycle", Doc: subCycleDoc, Run: subCycle,
			Source: "typedb/typedb@2.0.0:concept/type/impl/TypeImpl.java CYCLIC_TYPE_HIERARCHY; typedb/typedb@2.29.1:concept/type/impl/TypeImpl.java CYCLIC_TYPE_HIERARCHY"},
		&Check{Name: "root-type", Doc: rootTypeDoc, Run: rootType,
			Source: "typedb/typedb@2.0.0:concept/type/impl/EntityTypeImpl.java ROOT_TYPE_MUTATION; typedb/typedb@2.29.1:concept/type/impl/AttributeTypeImpl.java ROOT_TYPE_MUTATION"},
		&Check{Name: "reserved-label", Doc: reservedLabelDoc, Run: reservedLabel,
			Source: "typedb/typeql@2.0.0:grammar/Graql.g4 label, unreserved; typedb/typeql@2.28.6:grammar/TypeQL.g4 label, unreserved"},
		&Check{Name: "property-kind", Doc: propertyKindDoc, Run: propertyKind,
			Source: "typedb/typedb@2.0.0:query/Definer.java defineRelates asRelationType, defineOwns asAttributeType, ROLE_DEFINED_OUTSIDE_OF_RELATION"},
		&Check{Name: "value-type", Doc: valueTypeDoc, Run: valueType,
			Source: "typedb/typedb@2.0.0:query/Definer.java ATTRIBUTE_VALUE_TYPE_MISSING, ATTRIBUTE_VALUE_TYPE_DEFINED_NOT_ON_ATTRIBUTE_TYPE; typedb/typedb@2.29.1:query/Definer.java ATTRIBUTE_VALUE_TYPE_MODIFIED"},
		&Check{Name: "value-without-sub", Doc: valueWithoutSubDoc, Run: valueWithoutSub,
			Source: "typedb/typedb@2.0.0:query/Definer.java ATTRIBUTE_VALUE_TYPE_MODIFIED; typedb/typedb@2.29.1:query/Definer.java ATTRIBUTE_VALUE_TYPE_MODIFIED"},
		&Check{Name: "regex-type", Doc: regexTypeDoc, Run: regexType,
			Source: "typedb/typedb@2.0.0:query/Definer.java defineRegex asAttributeType().asString()"},
		&Check{Name: "abstract-supertype", Doc: abstractSupertypeDoc, Run: abstractSupertype,
			Source: "typedb/typedb@2.0.0:concept/type/impl/AttributeTypeImpl.java ATTRIBUTE_NEW_SUPERTYPE_NOT_ABSTRACT; typedb/typedb@2.29.1:concept/type/impl/AttributeTypeImpl.java ATTRIBUTE_NEW_SUPERTYPE_NOT_ABSTRACT"},
		&Check{Name: "abstract-owns", Doc: abstractOwnsDoc, Run: abstractOwns, Phase: atCommitFrom("2.27"),
			Source: "typedb/typedb@2.0.0:concept/type/impl/ThingTypeImpl.java OWNS_ABSTRACT_ATT_TYPE; typedb/typedb@2.29.1:concept/type/impl/ThingTypeImpl.java OWNS_ABSTRACT_ATTRIBUTE_TYPE"},
		&Check{Name: "key-annotation", Doc: keyAnnotationDoc, Run: keyAnnotation,
			Source: "typedb/typedb@2.0.0:concept/type/impl/ThingTypeImpl.java OWNS_KEY_VALUE_TYPE; typedb/typedb@2.18.0:concept/type/impl/ThingTypeImpl.java OWNS_ANNOTATION_DECLARATION_INCOMPATIBLE; typedb/typeql@2.18.0:grammar/TypeQL.g4 annotation"},
		&Check{Name: "role-alias", Doc: roleAliasDoc, Run: roleAlias,
			Source: "typedb/typedb@2.25.0:concept/ConceptManager.java ILLEGAL_ROLE_TYPE_ALIAS (absent at 2.24.17)"},
		&Check{Name: "override", Doc: overrideDoc, Run: override,
			Source: "typedb/typedb@2.0.0:concept/type/impl/ThingTypeImpl.java OVERRIDDEN_NOT_SUPERTYPE, OVERRIDE_NOT_AVAILABLE; typedb/typedb@2.29.1:concept/validation/DeclarationValidation.java OVERRIDDEN_OWNED_ATTRIBUTE_TYPE_NOT_SUPERTYPE"},
		&Check{Name: "redeclared", Doc: redeclaredDoc, Run: redeclared,
			Source: "typedb/typedb@2.0.0:concept/type/impl/RelationTypeImpl.java RELATION_RELATES_ROLE_FROM_SUPERTYPE; typedb/typedb@2.29.1:concept/validation/DeclarationValidation.java RELATION_RELATES_ROLE_FROM_SUPERTYPE"},
		&Check{Name: "redundant-plays", Doc: redundantPlaysDoc, Run: redundantPlays, Phase: atCommitFrom("2.27"),
			Source: "typedb/typedb@2.0.0:concept/type/impl/ThingTypeImpl.java setPlays PLAYS_ROLE_NOT_AVAILABLE; typedb/typedb@2.27.0:concept/type/impl/ThingTypeImpl.java exceptions validatePlaysAreNotRedeclared REDUNDANT_PLAYS_DECLARATION"},
		&Check{Name: "redundant-owns", Doc: redundantOwnsDoc, Run: redundantOwns, Phase: atCommitFrom("2.27"),
			Source: "typedb/typedb@2.0.0:concept/type/impl/ThingTypeImpl.java OWNS_ATT_NOT_AVAILABLE; typedb/typedb@2.27.0:concept/type/impl/ThingTypeImpl.java REDUNDANT_OWNS_DECLARATION"},
		&Check{Name: "abstract-role", Doc: abstractRoleDoc, Run: abstractRole,
			Source: "typedb/typedb@2.0.0:concept/type/impl/ThingTypeImpl.java PLAYS_ABSTRACT_ROLE_TYPE; typedb/typedb@2.21.1:concept/type/impl/RelationTypeImpl.java RELATION_ABSTRACT_ROLE"},
		&Check{Name: "relation-roles", Doc: relationRolesDoc, Run: relationRoles, Phase: atCommit,
			Source: "typedb/typedb@2.0.0:concept/type/impl/RelationTypeImpl.java RELATION_NO_ROLE; typedb/typedb@2.29.1:concept/type/impl/RelationTypeImpl.java RELATION_NO_ROLE"},
	)
}

// userTypes returns the entity, relation and attribute types (and types of
// unknown kind), without roles.
func userTypes(m *schema.Model) []*schema.Type {
	var out []*schema.Type
	for _, t := range m.Types() {
		if t.Scope == "" {
			out = append(out, t)
		}
	}
	return out
}

// inheritingTypes are the user types that inherit from a user supertype,
// left out those in a sub cycle: sub-cycle reports them, and inheritance is
// meaningless in a cycle.
func inheritingTypes(m *schema.Model) []*schema.Type {
	var out []*schema.Type
	for _, t := range userTypes(m) {
		if sup := t.Super(); !t.InCycle() && sup != nil && !sup.IsRoot() {
			out = append(out, t)
		}
	}
	return out
}

func didYouMean(d *diag.Diagnostic, s string) {
	if s != "" {
		d.Detail = fmt.Sprintf("Did you mean %q?", s)
	}
}

const unknownTypeDoc = `labels that name no type or role

Every label a define uses must name a type defined in the same query or an
earlier one (TYR3 "type does not exist"): supertypes, owned attribute
types, played relations and their roles. A type mentioned without "sub"
that is never defined is reported too.`

func unknownType(p *Pass) {
	m := p.Model
	for _, t := range userTypes(m) {
		if t.Sub == nil && t.Query < 0 && !t.IsRoot() {
			d := p.Report(t.Range(), "type %q is not defined; give it a supertype, e.g. \"%s sub entity\"", t.Label, t.Label)
			didYouMean(d, m.Suggest(t.Label))
		}
		if t.Sub != nil && t.Super() == nil && !t.IsRoot() {
			switch t.Sub.Super {
			case "role":
				p.Report(t.Sub.SuperRange, "%q cannot sub \"role\": roles are not types in TypeQL 2.x; declare the role inside a relation with \"relates %s\"", t.Label, t.Label)
			case "rule":
				p.Report(t.Sub.SuperRange, "%q cannot sub \"rule\"; write the rule as \"rule %s: when {…} then {…};\"", t.Label, t.Label)
			default:
				if m.Type(t.Sub.Super) == nil {
					d := p.Report(t.Sub.SuperRange, "supertype %q of %q is not defined", t.Sub.Super, t.Label)
					didYouMean(d, m.Suggest(t.Sub.Super))
				}
			}
		} else if t.Sub != nil {
			laterDef(p, t.Sub.Fact, t.Sub.SuperRange, m.Type(t.Sub.Super))
		}
		for _, o := range t.Owns {
			a := o.AttrType()
			if a == nil {
				d := p.Report(o.AttrRange, "%q owns %q, which is not defined", t.Label, o.Attr)
				didYouMean(d, m.Suggest(o.Attr, concept.Attribute))
				continue
			}
			laterDef(p, o.Fact, o.AttrRange, a)
		}
		for _, pl := range t.Plays {
			rel := m.Type(pl.Scope)
			if rel == nil {
				d := p.Report(pl.RoleRange, "%q plays %s, but relation %q is not defined", t.Label, pl.RoleLabel(), pl.Scope)
				didYouMean(d, m.Suggest(pl.Scope, concept.Relation))
				continue
			}
			if rel.Kind() != concept.Relation {
				continue // property-kind reports it
			}
			if rel.RoleByName(pl.Role) == nil {
				d := p.Report(pl.RoleRange, "%q plays %s, but relation %q has no role %q", t.Label, pl.RoleLabel(), pl.Scope, pl.Role)
				didYouMean(d, rel.SuggestRole(pl.Role))
				continue
			}
			laterDef(p, pl.Fact, pl.RoleRange, rel)
		}
	}
}

// laterDef reports a reference from fact to u when u is first defined in a
// later query than the reference: across queries, a define can only use
// types that already exist.
func laterDef(p *Pass, f schema.Fact, at diag.Range, u *schema.Type) {
	if u == nil || u.IsRoot() || u.Query <= f.Query {
		return
	}
	d := p.Report(at, "%q is used before the query that defines it", u.Key())
	d.Related = []diag.Related{{Range: u.DefRange(), Message: "defined here, in a later query"}}
}

const subTargetDoc = `supertypes that cannot be subtyped

A user type must sub entity, relation or attribute, or a user type of
those kinds (TYW31 INVALID_DEFINE_SUB): not thing, and not a role.`

func subTarget(p *Pass) {
	for _, t := range userTypes(p.Model) {
		s := t.Super()
		if t.Sub == nil || s == nil || t.IsRoot() {
			continue
		}
		switch {
		case s.Kind() == concept.Thing:
			p.Report(t.Sub.SuperRange, "%q cannot sub thing; sub entity, relation or attribute instead", t.Label)
		case s.Kind() == concept.Role:
			p.Report(t.Sub.SuperRange, "%q cannot sub role %s; roles are declared inside relations with \"relates\"", t.Label, s.Key())
		}
	}
}

const subCycleDoc = `cyclic type hierarchies

A type may not be its own supertype, directly or through others (TYW6).`

func subCycle(p *Pass) {
	done := map[*schema.Type]bool{}
	for _, t := range userTypes(p.Model) {
		if done[t] || t.Sub == nil || !t.InCycle() {
			continue
		}
		cycle := []string{t.Label}
		done[t] = true
		for s := t.Super(); s != nil && s != t; s = s.Super() {
			cycle = append(cycle, s.Label)
			done[s] = true
		}
		cycle = append(cycle, t.Label)
		p.Report(t.Sub.SuperRange, "type hierarchy cycle %s; one of these must sub a root type (entity, relation or attribute)", strings.Join(cycle, " → "))
	}
}

const rootTypeDoc = `properties on root types

The root types thing, entity, relation and attribute cannot be changed
(TYW1): they cannot own, play, relate, be abstract or get a value type.`

func rootType(p *Pass) {
	m := p.Model
	for _, k := range []concept.Kind{concept.Thing, concept.Entity, concept.Relation, concept.Attribute} {
		r := m.Root(k)
		if r == nil {
			continue
		}
		what := func(rng diag.Range, prop string) {
			p.Report(rng, "root type %q cannot be changed (%s); define a subtype of it and put the property there", r.Label, prop)
		}
		for _, o := range r.Owns {
			what(o.Range, "owns "+o.Attr)
		}
		for _, pl := range r.Plays {
			what(pl.Range, "plays "+pl.RoleLabel())
		}
		for _, rl := range r.Relates {
			what(rl.Range, "relates "+rl.Role)
		}
		if r.Abstract != nil {
			what(r.Abstract.Range, "abstract")
		}
		if r.Value != nil {
			what(r.Value.Range, "value "+r.Value.Type)
		}
		if r.Regex != nil {
			what(r.Regex.Range, "regex")
		}
		if r.Sub != nil {
			what(r.Sub.Range, "sub "+r.Sub.Super)
		}
	}
}

const reservedLabelDoc = `labels that the target version reserves or cannot lex

Type, role and rule labels must be valid 2.x labels (a letter, then
letters, digits, "_" or "-") and not a reserved word of the target's
grammar: owns, iid, is and the other keywords always; fetch from 2.25;
get, sort, limit, offset and group on 2.0; compute's centrality and using
before 2.8. "rule" is a label in every 2.x grammar.`

var validLabel = grammar.ValidLabel

func reservedLabel(p *Pass) {
	check := func(label string, at diag.Range, what string) {
		switch {
		case !validLabel(label):
			p.Report(at, "%s label %q is not a valid TypeQL 2.x label (a letter, then letters, digits, \"_\" or \"-\"); rename it and remap the data", what, label)
		case schema.IsReserved(label, p.Target):
			p.Report(at, "%s label %q is a reserved word in TypeQL %s; rename it (e.g. %q) and remap the data", what, label, p.Target, label+"_")
		}
	}
	for _, t := range p.Model.Types() {
		if t.IsRoot() {
			continue
		}
		if t.Scope != "" {
			if t.Decl != nil {
				check(t.Label, t.Decl.RoleRange, "role")
			}
			continue
		}
		if len(t.Ranges) > 0 {
			check(t.Label, t.Ranges[0], "type")
		}
	}
	for _, r := range p.Model.Rules() {
		check(r.Label, r.LabelRange, "rule")
	}
}

const propertyKindDoc = `properties that the type's kind cannot have

Only relation types relate roles; only attribute types can be owned;
played roles must be roles of a relation type. Defining "relates" on an
entity or attribute type, or owning an entity or relation type, is
rejected.`

func propertyKind(p *Pass) {
	m := p.Model
	for _, t := range userTypes(m) {
		k := t.Kind()
		if k != concept.Relation && k != concept.Unknown {
			for _, r := range t.Relates {
				p.Report(r.Range, "%s type %q cannot relate roles; only relation types can", k, t.Label)
			}
		}
		for _, o := range t.Owns {
			if a := o.AttrType(); a != nil && a.Kind() != concept.Attribute && a.Kind() != concept.Unknown {
				p.Report(o.AttrRange, "%q owns %q, which is a %s type; only attribute types can be owned", t.Label, o.Attr, a.Kind())
			}
		}
		for _, pl := range t.Plays {
			if rel := m.Type(pl.Scope); rel != nil && rel.Kind() != concept.Relation && rel.Kind() != concept.Unknown {
				p.Report(pl.RoleRange, "%q plays %s, but %q is a %s type, not a relation type", t.Label, pl.RoleLabel(), pl.Scope, rel.Kind())
			}
		}
	}
}

var valueTypes2 = map[string]bool{"long": true, "double": true, "string": true, "boolean": true, "datetime": true}

const valueTypeDoc = `missing, unknown, misplaced or conflicting value types

Every attribute type needs a value type, declared or inherited (TYW11);
it must be one of long, double, string, boolean, datetime; only attribute
types have one (TYW17); a subtype may only repeat its supertype's value
type (TYW10).`

func valueType(p *Pass) {
	for _, t := range userTypes(p.Model) {
		k := t.Kind()
		if t.Value != nil {
			if k != concept.Attribute && k != concept.Unknown {
				p.Report(t.Value.Range, "%s type %q cannot have a value type; only attribute types can", k, t.Label)
				continue
			}
			if !valueTypes2[t.Value.Type] {
				d := p.Report(t.Value.Range, "%q is not a TypeQL 2.x value type; use long, double, string, boolean or datetime", t.Value.Type)
				if t.Value.Type == "date" {
					d.Detail = "Graql 1.5–1.7 called it date; 1.8 and 2.x call it datetime."
				}
				continue
			}
			if s := t.Super(); s != nil {
				if vt, from := s.ValueType(); vt != "" && vt != t.Value.Type {
					d := p.Report(t.Value.Range, "attribute type %q has value type %s but its supertype %q has %s; a subtype must keep its supertype's value type", t.Label, t.Value.Type, from.Label, vt)
					d.Related = []diag.Related{{Range: from.Value.Range, Message: "supertype's value type"}}
				}
			}
		}
		if k == concept.Attribute && t.Value == nil {
			if vt, _ := t.ValueType(); vt == "" {
				p.Report(t.DefRange(), "attribute type %q has no value type; add one, e.g. \"%s sub %s, value string\"", t.Label, t.Label, superLabel(t))
			}
		}
	}
}

func superLabel(t *schema.Type) string {
	if s := t.Super(); s != nil {
		return s.Key()
	}
	return "attribute"
}

const valueWithoutSubDoc = `value types stated without the supertype

In 2.x a "value" property is only accepted together with "sub" in the
same statement or query (TYW12), even when it repeats the existing value
type: write "name sub attribute, value string", not "name value string".`

func valueWithoutSub(p *Pass) {
	for _, q := range p.Queries {
		if q.Q.Kind != grammar.Define {
			continue
		}
		withSub := map[string]bool{}
		for _, s := range typeStmts(q.Q) {
			if hasSub(s) {
				withSub[s.Subject.String()] = true
			}
		}
		for _, s := range typeStmts(q.Q) {
			if withSub[s.Subject.String()] {
				continue
			}
			for _, pr := range s.Props {
				if v, ok := pr.(*grammar.ValueTypeProp); ok {
					p.Report(Rng(q.File, v), "the value type of %q can only be given with its supertype; write \"%s sub …, value %s\"", s.Subject, s.Subject, v.Type)
				}
			}
		}
	}
}

const regexTypeDoc = `regex on a type that is not a string attribute type

A regex constrains string values only (REGEX_NOT_STRING): the type must be
an attribute type whose value type is string.`

func regexType(p *Pass) {
	for _, t := range userTypes(p.Model) {
		if t.Regex == nil {
			continue
		}
		if k := t.Kind(); k != concept.Attribute && k != concept.Unknown {
			p.Report(t.Regex.Range, "%s type %q cannot have a regex; only string attribute types can", k, t.Label)
			continue
		}
		if vt, _ := t.ValueType(); vt != "" && vt != "string" {
			p.Report(t.Regex.Range, "attribute type %q has value type %s; a regex needs value type string (remove the regex or change the value type)", t.Label, vt)
		}
	}
}

const abstractSupertypeDoc = `attribute types with subtypes that are not abstract

In 2.x an attribute type can be a supertype only if it is abstract (TYW15
ATTRIBUTE_NEW_SUPERTYPE_NOT_ABSTRACT).`

func abstractSupertype(p *Pass) {
	for _, t := range userTypes(p.Model) {
		if t.Kind() != concept.Attribute || t.IsRoot() || t.IsAbstract() {
			continue
		}
		subs := t.DirectSubtypes()
		if len(subs) == 0 {
			continue
		}
		var names []string
		for _, s := range subs {
			names = append(names, s.Label)
		}
		d := p.Report(t.DefRange(), "attribute type %q has subtypes (%s), so it must be abstract; add \"abstract\" to %q", t.Label, strings.Join(names, ", "), t.Label)
		d.Related = []diag.Related{{Range: subs[0].Sub.Range, Message: "subtype declared here"}}
	}
}

const abstractOwnsDoc = `concrete types that own abstract attribute types

A type that is not abstract cannot own an abstract attribute type (TYW7).
From 2.27 this is reported when the transaction commits.`

func abstractOwns(p *Pass) {
	for _, t := range userTypes(p.Model) {
		if t.IsAbstract() || t.Kind() == concept.Unknown {
			continue
		}
		for _, o := range t.OwnsAll() {
			a := o.AttrType()
			if a == nil || !a.IsAbstract() {
				continue
			}
			if o.Owner == t {
				p.Report(o.AttrRange, "%q is not abstract, so it cannot own abstract attribute type %q; make %q abstract or own a concrete subtype of %q", t.Label, o.Attr, t.Label, o.Attr)
			} else if o.Owner.IsAbstract() {
				d := p.Report(t.DefRange(), "%q is not abstract but inherits the ownership of abstract attribute type %q from %q; make %q abstract or override the ownership with a concrete subtype (\"owns SUBTYPE as %s\")", t.Label, o.Attr, o.Owner.Label, t.Label, o.Attr)
				d.Related = []diag.Related{{Range: o.Range, Message: "ownership declared here"}}
			}
		}
	}
}

const keyAnnotationDoc = `@key and @unique where value type or version forbid them

@key needs a keyable value type: long, string or datetime on 2.0–2.17, and
also boolean from 2.18; never double (TYW20 OWNS_KEY_VALUE_TYPE). @unique
exists from 2.18 with the same restriction, and cannot be combined with
@key on one ownership. Other annotations are TypeQL 3.x.`

func keyAnnotation(p *Pass) {
	for _, t := range userTypes(p.Model) {
		for _, o := range t.Owns {
			for _, a := range o.Annots {
				switch a {
				case "key":
				case "unique":
					if !version.HasUnique(p.Target) {
						p.Report(o.Range, "@unique on %q owns %q needs TypeDB 2.18 or later (target %s); remove it or raise the target", t.Label, o.Attr, p.Target)
					}
				default:
					p.Report(o.Range, "annotation @%s on %q owns %q is not TypeQL 2.x; remove it", a, t.Label, o.Attr)
				}
			}
			if o.Key && o.Unique {
				p.Report(o.Range, "%q owns %q with both @key and @unique; @key already implies uniqueness, so keep only @key", t.Label, o.Attr)
			}
			if !o.Key && !o.Unique {
				continue
			}
			a := o.AttrType()
			if a == nil {
				continue
			}
			ann := "@key"
			if !o.Key {
				ann = "@unique"
			}
			switch vt, _ := a.ValueType(); {
			case vt == "" || p.Target.Major != 2 || version.Keyable(p.Target, vt):
			case version.Keyable(version.MustParse("2"), vt):
				p.Report(o.Range, "%s on %q owns %q: %s attributes can be keys only from TypeDB 2.18 (target %s); drop %s or raise the target", ann, t.Label, o.Attr, vt, p.Target, ann)
			default:
				p.Report(o.Range, "%s on %q owns %q: attribute type %q has value type %s, which cannot be a key or unique; drop %s or change the value type", ann, t.Label, o.Attr, o.Attr, vt, ann)
			}
		}
	}
}

const roleAliasDoc = `roles named through a relation that only inherits them

"plays REL:R" must name the relation that declares R: a sub-relation that
inherits R does not make "SUB:R" a role of its own. TypeDB rejects the
alias from 2.25 (typedb-behaviour #265, October 2023); earlier servers
resolved it to the inherited role, so older targets are not checked.`

// aliasesRejected reports whether target rejects role type aliases.
func aliasesRejected(target version.V) bool { return target.AtLeast("2.25") }

func roleAlias(p *Pass) {
	if !aliasesRejected(p.Target) {
		return
	}
	m := p.Model
	for _, t := range userTypes(m) {
		for _, pl := range t.Plays {
			rel := m.Type(pl.Scope)
			if rel == nil {
				continue
			}
			if r := rel.RoleByName(pl.Role); r != nil && r.Scope != pl.Scope {
				p.Report(pl.RoleRange, "%s is not a role of its own: %q inherits role %q from %q; write \"plays %s\"", pl.RoleLabel(), pl.Scope, pl.Role, r.Scope, r.Key())
			}
		}
	}
}

const overrideDoc = `"as" overrides on owns, plays and relates that are invalid

"owns X as Y": Y must be a supertype of X that a supertype of the owner
owns, and not owned by the type itself (TYW8). "plays REL:R as S": S must
be a role that a supertype plays and R a sub-role of S (TYW9); from 2.27 a
type may not play a role its supertype hides by such an override
(PLAYS_ROLE_NOT_AVAILABLE_OVERRIDDEN). "relates R
as S": S must be a role of the supertype relation (TYW29).`

// hiddenBy returns the strict supertype of t that overrides role r with
// "plays R2 as r", hiding r from t, or nil.
func hiddenBy(t *schema.Type, r *schema.Type) *schema.Type {
	if r == nil {
		return nil
	}
	for _, s := range t.Supertypes() {
		for _, q := range s.Plays {
			if q.As != "" && q.AsRoleType() == r {
				return s
			}
		}
	}
	return nil
}

func override(p *Pass) {
	m := p.Model
	for _, t := range userTypes(m) {
		sup := t.Super()
		for _, o := range t.Owns {
			if o.As == "" {
				continue
			}
			x, y := o.AttrType(), o.AsType()
			switch {
			case y == nil:
				d := p.Report(o.AsRange, "%q owns %q as %q, but %q is not defined", t.Label, o.Attr, o.As, o.As)
				didYouMean(d, m.Suggest(o.As, concept.Attribute))
			case x != nil && (x == y || !x.IsSubtypeOf(y)):
				p.Report(o.AsRange, "%q owns %q as %q, but %q is not a supertype of %q; an override must name an inherited supertype", t.Label, o.Attr, o.As, o.As, o.Attr)
			case sup == nil || sup.OwnsOf(o.As) == nil:
				p.Report(o.AsRange, "%q owns %q as %q, but no supertype of %q owns %q; remove \"as %s\"", t.Label, o.Attr, o.As, t.Label, o.As, o.As)
			case declaresOwns(t, o.As):
				p.Report(o.AsRange, "%q owns %q as %q, but also owns %q itself; remove one of them", t.Label, o.Attr, o.As, o.As)
			}
		}
		for _, pl := range t.Plays {
			if pl.As == "" {
				if hider := hiddenBy(t, pl.RoleType()); hider != nil && p.Target.AtLeast("2.27") {
					p.Report(pl.Range, "%q plays %s, which its supertype %q hides by overriding it (plays … as %s); play the overriding role instead", t.Label, pl.RoleLabel(), hider.Label, pl.Role)
				}
				continue
			}
			s := pl.AsRoleType()
			r := pl.RoleType()
			switch {
			case s == nil:
				p.Report(pl.AsRange, "%q plays %s as %q, but no supertype of %q plays a role %q; remove \"as %s\"", t.Label, pl.RoleLabel(), pl.As, t.Label, pl.As, pl.As)
			case r != nil && (r == s || !r.IsSubtypeOf(s)):
				p.Report(pl.AsRange, "%q plays %s as %q, but %s is not a sub-role of %s", t.Label, pl.RoleLabel(), pl.As, pl.RoleLabel(), s.Key())
			}
		}
		for _, rl := range t.Relates {
			if rl.As == "" {
				continue
			}
			if rl.As == rl.Role {
				p.Report(rl.AsRange, "relation %q relates %q as itself; remove \"as %s\"", t.Label, rl.Role, rl.As)
				continue
			}
			if sup == nil || sup.IsRoot() || sup.RoleByName(rl.As) == nil {
				d := p.Report(rl.AsRange, "relation %q relates %q as %q, but its supertype %q has no role %q to override", t.Label, rl.Role, rl.As, superLabel(t), rl.As)
				if sup != nil && !sup.IsRoot() {
					didYouMean(d, sup.SuggestRole(rl.As))
				}
			}
		}
	}
}

func declaresOwns(t *schema.Type, attr string) bool {
	for _, o := range t.Owns {
		if o.Attr == attr {
			return true
		}
	}
	return false
}

const redeclaredDoc = `relates that repeat inherited roles

A relation may not declare a role named like a role of a supertype
relation (TYW28): roles are inherited in 2.x. (A repeated plays is
redundant-plays.)`

const redundantPlaysDoc = `plays that repeat an inherited plays

A type may not declare "plays REL:R" when a supertype already plays it
(TYW24 PLAYS_ROLE_NOT_AVAILABLE when defined; from 2.27
REDUNDANT_PLAYS_DECLARATION, reported when the transaction commits).`

func redundantPlays(p *Pass) {
	for _, t := range inheritingTypes(p.Model) {
		sup := t.Super()
		for _, pl := range t.Plays {
			r := pl.RoleType()
			if r == nil || pl.As != "" {
				continue
			}
			if q := sup.PlaysRole(r); q != nil {
				d := p.Report(pl.Range, "%q already inherits \"plays %s\" from %q; remove this line", t.Label, pl.RoleLabel(), q.Player.Label)
				d.Related = []diag.Related{{Range: q.Range, Message: "inherited from here"}}
			}
		}
	}
}

func redeclared(p *Pass) {
	for _, t := range inheritingTypes(p.Model) {
		sup := t.Super()
		for _, rl := range t.Relates {
			if rl.As == rl.Role {
				continue
			}
			if r := sup.RoleByName(rl.Role); r != nil {
				if rl.As != "" {
					p.Report(rl.RoleRange, "relation %q relates %q as %q, but %q is already a role of supertype %q; pick a new role name", t.Label, rl.Role, rl.As, rl.Role, r.Scope)
					continue
				}
				d := p.Report(rl.Range, "relation %q already inherits role %q from %q; remove this line (or override it with \"relates NEW as %s\")", t.Label, rl.Role, r.Scope, rl.Role)
				if r.Decl != nil {
					d.Related = []diag.Related{{Range: r.Decl.Range, Message: "inherited from here"}}
				}
			}
		}
	}
}

const redundantOwnsDoc = `ownerships that repeat an inherited ownership

Before 2.27 a type may not redeclare an ownership it inherits (TYW18). From
2.27 a redeclaration is accepted only when it makes the annotations
stricter; repeating inherited annotations, directly or on an "as"
override, fails when the transaction commits.`

func redundantOwns(p *Pass) {
	for _, t := range inheritingTypes(p.Model) {
		sup := t.Super()
		for _, o := range t.Owns {
			name := o.Attr
			if o.As != "" {
				name = o.As
			}
			inh := sup.OwnsOf(name)
			if inh == nil {
				continue
			}
			if o.As == "" && p.Target.Before("2.27") {
				d := p.Report(o.Range, "%q already inherits \"owns %s\" from %q; remove this line", t.Label, o.Attr, inh.Owner.Label)
				d.Related = []diag.Related{{Range: inh.Range, Message: "inherited from here"}}
				continue
			}
			var same []string
			for _, a := range o.Annots {
				for _, b := range inh.Annots {
					if a == b {
						same = append(same, "@"+a)
					}
				}
			}
			stricter := o.Key && !inh.Key || o.Unique && !inh.Unique && !inh.Key
			switch {
			case len(same) > 0:
				d := p.Report(o.Range, "%q repeats %s, which it already inherits on \"owns %s\" from %q; remove %s here", t.Label, strings.Join(same, " "), name, inh.Owner.Label, strings.Join(same, " "))
				d.Related = []diag.Related{{Range: inh.Range, Message: "inherited from here"}}
			case o.As == "" && !stricter:
				d := p.Report(o.Range, "%q already inherits \"owns %s\" from %q; remove this line (a redeclaration may only add a stricter annotation)", t.Label, o.Attr, inh.Owner.Label)
				d.Related = []diag.Related{{Range: inh.Range, Message: "inherited from here"}}
			}
		}
	}
}

const abstractRoleDoc = `roles of abstract relations before TypeDB 2.22

From 2.0 to 2.21 every role declared by an abstract relation is abstract:
a concrete type cannot play it (TYW25), and a concrete relation cannot
inherit it without overriding it (TYW27). 2.22 made roles always concrete.`

func abstractRole(p *Pass) {
	if p.Target.AtLeast("2.22") {
		return
	}
	m := p.Model
	for _, t := range userTypes(m) {
		if !t.IsAbstract() {
			for _, pl := range t.Plays {
				r := pl.RoleType()
				if r == nil {
					continue
				}
				if rel := r.Relation(); rel != nil && rel.IsAbstract() {
					p.Report(pl.RoleRange, "before TypeDB 2.22 the roles of abstract relation %q are abstract, so concrete %q cannot play %s; play the role of a concrete sub-relation, or target 2.22+", rel.Label, t.Label, r.Key())
				}
			}
		}
		if t.Kind() == concept.Relation && !t.IsAbstract() {
			for _, r := range t.Roles() {
				if rel := r.Relation(); rel != nil && rel != t && rel.IsAbstract() {
					p.Report(t.DefRange(), "before TypeDB 2.22 concrete relation %q cannot inherit role %s of abstract relation %q; override it with \"relates NEW as %s\", or target 2.22+", t.Label, r.Key(), rel.Label, r.Label)
				}
			}
		}
	}
}

const relationRolesDoc = `concrete relation types without roles

A relation type that is not abstract needs at least one role, declared or
inherited (TYW26); this is checked when the transaction commits.`

func relationRoles(p *Pass) {
	for _, t := range p.Model.TypesOf(concept.Relation) {
		if t.IsAbstract() || len(t.Roles()) > 0 {
			continue
		}
		p.Report(t.DefRange(), "relation type %q has no roles; add \"relates ROLE\" or make it abstract", t.Label)
	}
}

func typeStmts(q *grammar.DefineQuery) []*grammar.TypeStmt {
	var out []*grammar.TypeStmt
	for _, s := range q.Stmts {
		if ts, ok := s.(*grammar.TypeStmt); ok && ts.Subject != nil && !ts.Subject.Var {
			out = append(out, ts)
		}
	}
	return out
}

func hasSub(s *grammar.TypeStmt) bool {
	for _, p := range s.Props {
		if _, ok := p.(*grammar.SubProp); ok {
			return true
		}
	}
	return false
}
