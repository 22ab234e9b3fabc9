package validate

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/internal/rustregex"
	"github.com/tqlmig/tqlmig/schema"
)

// The sources below are read from typedb/typedb at tag 3.10.4 (the server
// the 3.x behaviour suite of ../shared/corpus/behaviour-3x is pinned to).
const (
	src3Op     = "typedb/typedb@3.10.4:concept/type_/type_manager/validation/operation_time_validation.rs "
	src3Commit = "typedb/typedb@3.10.4:concept/type_/type_manager/validation/commit_time_validation.rs "
	src3Common = "typedb/typedb@3.10.4:concept/type_/type_manager/validation/validation.rs "
)

func init() {
	register3(
		&Check3{Name: "annotation-target", Doc: annotationTargetDoc, Run: annotationTarget,
			Source: "typedb/typedb@3.10.4:concept/type_/{entity_type,relation_type,attribute_type,owns,plays,relates}.rs TryFrom<Annotation> (AnnotationError::UnsupportedAnnotationFor*); query/define.rs define_type_annotations, define_value_type_annotations, define_sub_annotations"},
		&Check3{Name: "card-arguments", Doc: cardArgumentsDoc, Run: cardArguments,
			Source: src3Op + "validate_cardinality_arguments (SchemaValidationError::InvalidCardinalityArguments); concept/type_/annotation.rs AnnotationCardinality::valid"},
		&Check3{Name: "regex-arguments", Doc: regexArgumentsDoc, Run: regexArguments,
			Source: "typedb/typedb@3.10.4:concept/type_/annotation.rs AnnotationRegex::validate (SchemaValidationError::InvalidRegexArguments); typedb/typeql@3.10.4:rust/value.rs StringLiteral::unescape_regex; typedb/typedb@3.10.4:Cargo.lock regex 1.12.3, regex-syntax 0.8.10 (whose regex-syntax/src/ast/parse.rs parse_escape and parse_group decide what the crate refuses)"},
		&Check3{Name: "annotation-value-type", Doc: annotationValueTypeDoc, Run: annotationValueType,
			Source: src3Op + "validate_annotation_regex_compatible_value_type, …range…, …values… (SchemaValidationError::ValueTypeIsNotCompatibleWith{Regex,Range,Values}Annotation); concept/type_/annotation.rs AnnotationRange::value_type_valid, AnnotationValues::value_type_valid, AnnotationValues::valid"},
		&Check3{Name: "key-value-type", Doc: keyValueTypeDoc, Run: keyValueType,
			Source: src3Op + "validate_owns_value_type_compatible_with_key_annotation, …unique… ; encoding/value/value_type.rs ValueType::keyable"},
		&Check3{Name: "annotation-conflict", Doc: annotationConflictDoc, Run: annotationConflict,
			Source: src3Op + "validate_declared_*_annotation_is_compatible_with_declared_annotations (SchemaValidationError::AnnotationIsNotCompatibleWithDeclaredAnnotation); concept/type_/annotation.rs AnnotationCategory::declarable_alongside"},
		&Check3{Name: "distinct-ordering", Doc: distinctOrderingDoc, Run: distinctOrdering,
			Source: src3Op + "validate_relates_distinct_constraint_ordering, validate_owns_distinct_constraint_ordering (SchemaValidationError::InvalidOrderingForDistinctAnnotation)"},
		&Check3{Name: "sub-cycle3", Doc: subCycle3Doc, Run: subCycle3,
			Source: src3Op + "validate_sub_does_not_create_cycle (SchemaValidationError::CycleFoundInTypeHierarchy)"},
		&Check3{Name: "abstract-supertype3", Doc: abstractSupertype3Doc, Run: abstractSupertype3,
			Source: src3Common + "validate_type_supertype_abstractness (SchemaValidationError::AbstractTypesSupertypeMustBeAbstract)"},
		&Check3{Name: "value-type-inherited", Doc: valueTypeInheritedDoc, Run: valueTypeInherited,
			Source: src3Op + "validate_value_type_compatible_with_inherited_value_type (SchemaValidationError::ValueTypeNotCompatibleWithInheritedValueType)"},
		&Check3{Name: "role-unique", Doc: roleUniqueDoc, Run: roleUnique,
			Source: src3Common + "validate_role_name_uniqueness_non_transitive (SchemaValidationError::RoleNameShouldBeUniqueForRelationTypeHierarchy)"},
		&Check3{Name: "specialise-inherited", Doc: specialiseInheritedDoc, Run: specialiseInherited,
			Source: src3Op + "validate_relates_specialises (SchemaValidationError::RelatesNotInheritedForSpecialisation)"},
		&Check3{Name: "value-type-required", Doc: valueTypeRequiredDoc, Run: valueTypeRequired, AtCommit: true,
			Source: src3Commit + "validate_attribute_type_value_type (SchemaValidationError::AttributeTypeWithoutValueTypeShouldBeAbstract)"},
		&Check3{Name: "value-type-redeclared", Doc: valueTypeRedeclaredDoc, Run: valueTypeRedeclared, AtCommit: true,
			Source: src3Commit + "validate_attribute_type_value_type (SchemaValidationError::CannotRedeclareInheritedValueTypeWithoutSpecialisation), validate_redundant_type_constraints (SchemaValidationError::CannotRedeclareConstraintOnSubtypeWithoutSpecialisation)"},
		&Check3{Name: "relation-roles3", Doc: relationRoles3Doc, Run: relationRoles3, AtCommit: true,
			Source: src3Commit + "validate_non_abstract_relation_type_has_relates (SchemaValidationError::NonAbstractRelationTypeMustRelateAtLeastOneRole)"},
		&Check3{Name: "capability-redeclared", Doc: capabilityRedeclaredDoc, Run: capabilityRedeclared, AtCommit: true,
			Source: src3Commit + "validate_redundant_capabilities (SchemaValidationError::CannotRedeclareInheritedCapabilityWithoutSpecialisation)"},
	)
}

// annotationPlaces lists, per place, the annotations TypeDB 3.x accepts
// there; every other annotation is rejected.
var annotationPlaces = map[string]map[string]bool{
	"entity":    {"abstract": true},
	"relation":  {"abstract": true, "cascade": true},
	"attribute": {"abstract": true, "independent": true},
	"value":     {"regex": true, "range": true, "values": true},
	"owns":      {"distinct": true, "unique": true, "key": true, "card": true, "regex": true, "range": true, "values": true},
	"plays":     {"card": true},
	"relates":   {"abstract": true, "distinct": true, "card": true},
	"sub":       {},
}

// places calls f with every annotation of m and the place it stands.
func places(m *schema.Model3, f func(place string, owner *schema.Type3, c *schema.Cap3, a *schema.Annot3)) {
	for _, t := range m.Types() {
		if t.Kind == concept.Role {
			continue
		}
		for _, a := range t.Annots {
			f(t.Kind.String(), t, nil, a)
		}
		for _, a := range t.ValueAnnots {
			f("value", t, nil, a)
		}
		for _, a := range t.SubAnnots {
			f("sub", t, nil, a)
		}
		for place, cs := range map[string][]*schema.Cap3{"owns": t.Owns, "plays": t.Plays, "relates": t.Relates} {
			for _, c := range cs {
				for _, a := range c.Annots {
					f(place, t, c, a)
				}
			}
		}
	}
}

const annotationTargetDoc = `annotations where TypeDB 3.x does not accept them

Each place takes its own annotations: entity types @abstract; relation
types @abstract and @cascade; attribute types @abstract and @independent;
value types @regex, @range and @values; owns @key, @unique, @card,
@distinct, @regex, @range and @values; plays @card; relates @abstract,
@distinct and @card; "sub" none. Anything else fails the define.

  entity person @independent;          # error
  attribute name @independent, value string;   # ok`

func annotationTarget(p *Pass3) {
	places(p.Model, func(place string, t *schema.Type3, c *schema.Cap3, a *schema.Annot3) {
		if !annotationPlaces[place][a.Name] {
			where := place
			if c != nil {
				where = place + " " + c.Label
			}
			p.Report(a.At, "@%s is not accepted on %s (of %s)", a.Name, where, t.Label)
		}
	})
}

// card is a parsed @card(min..max); max < 0 means unbounded.
type card struct{ min, max int64 }

func parseCard(args string) (card, bool) {
	s := normArgs(args)
	lo, hi, found := strings.Cut(s, "..")
	min, err := strconv.ParseInt(lo, 10, 64)
	if err != nil || min < 0 {
		return card{}, false
	}
	if !found {
		return card{min, min}, true
	}
	if hi == "" {
		return card{min, -1}, true
	}
	max, err := strconv.ParseInt(hi, 10, 64)
	if err != nil || max < 0 {
		return card{}, false
	}
	return card{min, max}, true
}

func normArgs(s string) string { return strings.Join(strings.Fields(s), "") }

const cardArgumentsDoc = `@card bounds that are not a range

@card(min..max) needs min ≤ max and a max above 0; "min.." is unbounded.
@card(2..1) and @card(0..0) fail the define.`

func cardArguments(p *Pass3) {
	places(p.Model, func(place string, t *schema.Type3, c *schema.Cap3, a *schema.Annot3) {
		if a.Name != "card" {
			return
		}
		cd, ok := parseCard(a.Args)
		switch {
		case !ok:
			p.Report(a.At, "@card(%s) is not a cardinality: write @card(min..max) or @card(min..)", a.Args)
		case cd.max >= 0 && cd.min > cd.max:
			p.Report(a.At, "@card(%s): the minimum is above the maximum", a.Args)
		case cd.max == 0:
			p.Report(a.At, "@card(%s): the maximum must be above 0", a.Args)
		}
	})
}

// literals splits raw annotation arguments at top-level commas.
func literals(args string) []string {
	var out []string
	var cur strings.Builder
	var quote rune
	esc := false
	for _, r := range args {
		switch {
		case esc:
			esc = false
		case quote != 0 && r == '\\':
			esc = true
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '"' || r == '\''):
			quote = r
		case quote == 0 && r == ',':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
			continue
		}
		cur.WriteRune(r)
	}
	if s := strings.TrimSpace(cur.String()); s != "" || len(out) > 0 {
		out = append(out, s)
	}
	return out
}

// unquote returns the text of a quoted string literal.
func unquote(lit string) (string, bool) {
	if len(lit) < 2 || (lit[0] != '"' && lit[0] != '\'') || lit[len(lit)-1] != lit[0] {
		return "", false
	}
	body := lit[1 : len(lit)-1]
	if lit[0] == '\'' {
		body = strings.ReplaceAll(strings.ReplaceAll(body, `\'`, `'`), `"`, `\"`)
	}
	s, err := strconv.Unquote(`"` + body + `"`)
	if err != nil {
		// An escape Go does not know (\d in a regex): keep the text.
		return body, true
	}
	return s, true
}

const regexArgumentsDoc = `@regex patterns that do not compile

The pattern of @regex must be one string that the Rust regex crate
compiles; @regex("[a-") fails the define. tqlmig reads patterns with Go's
regexp, whose syntax is close to the crate's: a pattern Go refuses is
reported only when the crate refuses it too (a broken bracket or group,
look-around, atomic groups, backreferences, escapes such as \Q, \h, \R,
\G, \Z), and one Go reads but the crate refuses (\Q…\E) is reported as
well. What the crate reads and Go does not (long Unicode property names
such as \p{Alphabetic}, \u escapes, \< and \>, the x flag, counts above
1000) is not judged.`

func regexArguments(p *Pass3) {
	places(p.Model, func(place string, t *schema.Type3, c *schema.Cap3, a *schema.Annot3) {
		if a.Name != "regex" {
			return
		}
		lits := literals(a.Args)
		if len(lits) != 1 {
			p.Report(a.At, "@regex takes one string pattern")
			return
		}
		pat, ok := schema.RegexSource3(lits[0])
		if !ok {
			p.Report(a.At, "@regex takes a string pattern, not %s", lits[0])
			return
		}
		if pat == "" {
			p.Report(a.At, "@regex pattern is empty")
			return
		}
		if why := rustregex.Refuses(pat); why != "" {
			p.Report(a.At, "@regex pattern does not compile: %s", why)
		}
	})
}

// valueTypeAt returns the value type an annotation at (t, c) constrains:
// the attribute's own for a value annotation, the owned attribute's for
// owns.
func valueTypeAt(m *schema.Model3, t *schema.Type3, c *schema.Cap3) string {
	if c == nil {
		vt, _ := t.EffectiveValueType()
		return vt
	}
	if at := m.Type(c.Label); at != nil {
		vt, _ := at.EffectiveValueType()
		return vt
	}
	return ""
}

// literalFits reports whether lit is a literal of value type vt.
func literalFits(lit, vt string) bool {
	if lit == "" {
		return true // an open end of a range
	}
	if _, ok := unquote(lit); ok {
		return vt == "string"
	}
	switch vt {
	case "boolean":
		return lit == "true" || lit == "false"
	case "integer":
		_, err := strconv.ParseInt(lit, 10, 64)
		return err == nil
	case "double", "decimal":
		_, err := strconv.ParseFloat(strings.TrimSuffix(lit, "dec"), 64)
		return err == nil
	case "date":
		return dateRx.MatchString(lit) && !strings.Contains(lit, "T")
	case "datetime":
		return dateRx.MatchString(lit) && !tzRx.MatchString(lit)
	case "datetime-tz":
		return dateRx.MatchString(lit) && tzRx.MatchString(lit)
	case "duration":
		return strings.HasPrefix(lit, "P")
	}
	return false
}

var (
	dateRx = regexp.MustCompile(`^[+-]?\d{4,}-\d\d-\d\d`)
	// tzRx matches the time zone of a datetime-tz literal: Z, an offset,
	// or an IANA name after a space.
	tzRx = regexp.MustCompile(`T[^ ]*(Z|[+-]\d\d:?\d\d)$|T\S* +\S+$`)
)

var rangeValueTypes = map[string]bool{"boolean": true, "integer": true, "double": true, "decimal": true,
	"date": true, "datetime": true, "datetime-tz": true, "string": true}

const annotationValueTypeDoc = `@regex, @range and @values that do not fit the value type

@regex needs a string attribute; @range an ordered value type (not
duration or a struct); @values any value type but a struct; and each
literal must be of the attribute's value type (a datetime has no time
zone, a datetime-tz has one), and @values lists each value once. An
attribute without a value type (an abstract one) takes none of them.

  attribute age value integer @regex("[0-9]+");    # error
  attribute age value integer @range(0..150);      # ok`

func annotationValueType(p *Pass3) {
	places(p.Model, func(place string, t *schema.Type3, c *schema.Cap3, a *schema.Annot3) {
		if a.Name != "regex" && a.Name != "range" && a.Name != "values" || place != "value" && place != "owns" {
			return
		}
		vt := valueTypeAt(p.Model, t, c)
		ok := vt != ""
		switch a.Name {
		case "regex":
			ok = vt == "string"
		case "range":
			ok = rangeValueTypes[vt]
		case "values":
			ok = ok && (schema.BuiltinValueType3(vt))
		}
		if !ok {
			if vt == "" {
				vt = "none"
			}
			p.Report(a.At, "@%s does not fit value type %s", a.Name, vt)
			return
		}
		var lits []string
		switch a.Name {
		case "range":
			lo, hi, found := strings.Cut(a.Args, "..")
			if !found || strings.TrimSpace(lo) == "" && strings.TrimSpace(hi) == "" {
				p.Report(a.At, "@range(%s) needs a start or an end: @range(min..max)", a.Args)
				return
			}
			lits = []string{strings.TrimSpace(lo), strings.TrimSpace(hi)}
		case "values":
			lits = literals(a.Args)
		default:
			return
		}
		seen := map[string]bool{}
		for _, l := range lits {
			if !literalFits(l, vt) {
				p.Report(a.At, "@%s: %s is not a %s value", a.Name, l, vt)
				return
			}
			if a.Name == "values" && seen[l] {
				p.Report(a.At, "@values lists %s twice", l)
				return
			}
			seen[l] = true
		}
	})
}

// keyable value types may carry @key and @unique: not double, not structs.
var keyable = map[string]bool{"boolean": true, "integer": true, "decimal": true, "date": true,
	"datetime": true, "datetime-tz": true, "duration": true, "string": true}

const keyValueTypeDoc = `@key and @unique on value types that cannot be keys

@key and @unique need a keyable value type: boolean, integer, decimal,
date, datetime, datetime-tz, duration or string. A double, a struct, or an
attribute without a value type fails the define.

  entity sensor owns reading @key;   # reading value double: error`

func keyValueType(p *Pass3) {
	for _, t := range p.Model.Types() {
		for _, c := range t.Owns {
			for _, name := range []string{"key", "unique"} {
				a := c.Annot(name)
				if a == nil {
					continue
				}
				if vt := valueTypeAt(p.Model, t, c); !keyable[vt] {
					if vt == "" {
						vt = "none"
					}
					p.Report(a.At, "@%s on %s owns %s: value type %s cannot be a key", name, t.Label, c.Label, vt)
				}
			}
		}
	}
}

const annotationConflictDoc = `@key beside @unique or @card on the same owns

@key already means unique and exactly one; TypeDB 3.x refuses it on an
owns that also declares @unique or @card.

  entity person owns email @key @card(0..1);   # error`

func annotationConflict(p *Pass3) {
	for _, t := range p.Model.Types() {
		for _, c := range t.Owns {
			k := c.Annot("key")
			if k == nil {
				continue
			}
			for _, other := range []string{"unique", "card"} {
				if c.Annot(other) != nil {
					p.Report(k.At, "@key cannot stand beside @%s on %s owns %s", other, t.Label, c.Label)
				}
			}
		}
	}
}

const distinctOrderingDoc = `@distinct on an owns or relates that is not a list

@distinct says the values of a list are distinct; it needs "owns A[]" or
"relates R[]".`

func distinctOrdering(p *Pass3) {
	for _, t := range p.Model.Types() {
		for _, cs := range [][]*schema.Cap3{t.Owns, t.Relates} {
			for _, c := range cs {
				if a := c.Annot("distinct"); a != nil && !c.List {
					p.Report(a.At, "@distinct needs a list: %s[]", c.Label)
				}
			}
		}
	}
}

const subCycle3Doc = `supertype chains that return to the type

"entity a sub b; entity b sub a;" fails the define: a type may not be its
own supertype.`

func subCycle3(p *Pass3) {
	for _, t := range p.Model.Types() {
		if t.Kind != concept.Role && p.inCycle(t) {
			p.Report(t.SuperAt, "%s is its own supertype through its sub chain", t.Label)
		}
	}
}

const abstractSupertype3Doc = `abstract types under a non-abstract supertype

In TypeDB 3.x an @abstract type needs an @abstract supertype (or none).

  entity animal; entity dog @abstract, sub animal;   # error`

func abstractSupertype3(p *Pass3) {
	for _, t := range p.Model.Types() {
		sup := t.SuperType()
		if t.Kind == concept.Role || sup == nil || p.inCycle(t) {
			continue
		}
		if a := t.Annot("abstract"); a != nil && !sup.Abstract() {
			p.Report(a.At, "%s is abstract but its supertype %s is not", t.Label, sup.Label)
		}
	}
}

const valueTypeInheritedDoc = `value types that differ from the inherited one

An attribute subtype keeps its supertype's value type; declaring another
one fails.

  attribute id value string; attribute code sub id, value integer;   # error`

func valueTypeInherited(p *Pass3) {
	for _, t := range p.Model.Types() {
		if t.Kind != concept.Attribute || t.ValueType == "" || p.inCycle(t) {
			continue
		}
		if sup := t.SuperType(); sup != nil {
			if vt, s := sup.EffectiveValueType(); vt != "" && vt != t.ValueType {
				p.Report(t.ValueAt, "%s declares value %s but inherits value %s from %s", t.Label, t.ValueType, vt, s.Label)
			}
		}
	}
}

const valueTypeRedeclaredDoc = `an inherited value type declared again without narrowing it

An attribute subtype that repeats its supertype's value type must narrow
it with a value annotation (@regex, @range, @values) of its own; repeating
it bare, or with only the constraints it inherits, fails the commit. Drop
the repeated "value T".`

func valueTypeRedeclared(p *Pass3) {
	for _, t := range p.Model.Types() {
		if t.Kind != concept.Attribute || t.ValueType == "" || p.inCycle(t) {
			continue
		}
		sup := t.SuperType()
		if sup == nil {
			continue
		}
		vt, from := sup.EffectiveValueType()
		if vt == "" {
			continue
		}
		var inherited []*schema.Annot3
		for _, s := range t.Supertypes() {
			inherited = append(inherited, s.ValueAnnots...)
		}
		if len(t.ValueAnnots) == 0 {
			p.Report(t.ValueAt, "%s repeats value %s inherited from %s; drop it", t.Label, vt, from.Label)
		} else if subset(t.ValueAnnots, inherited) {
			p.Report(t.ValueAt, "%s repeats value %s and its constraints inherited from %s; drop them", t.Label, vt, from.Label)
		}
	}
}

// subset reports whether every annotation of a is in b with the same
// arguments.
func subset(a, b []*schema.Annot3) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x.Name == y.Name && normArgs(x.Args) == normArgs(y.Args)
		}
		if !found {
			return false
		}
	}
	return true
}

const valueTypeRequiredDoc = `attribute types without a value type that are not abstract

Every attribute type that is not @abstract needs a value type, declared
or inherited; otherwise the commit fails.`

func valueTypeRequired(p *Pass3) {
	for _, t := range p.Model.Types() {
		if t.Kind != concept.Attribute || t.Abstract() {
			continue
		}
		if vt, _ := t.EffectiveValueType(); vt == "" {
			p.Report(t.Decl, "attribute %s has no value type and is not @abstract", t.Label)
		}
	}
}

const relationRoles3Doc = `relation types that relate no role

A relation type that is not @abstract must relate a role, declared or
inherited; otherwise the commit fails.`

func relationRoles3(p *Pass3) {
	for _, t := range p.Model.Types() {
		if t.Kind != concept.Relation || t.Abstract() {
			continue
		}
		if !t.RelatesAny() {
			p.Report(t.Decl, "relation %s relates no role", t.Label)
		}
	}
}

const roleUniqueDoc = `role names declared again in a relation hierarchy

A relation inherits the roles of its supertypes; relating a role of the
same name again fails. Specialise it instead: "relates r2 as r".`

func roleUnique(p *Pass3) {
	for _, t := range p.Model.Types() {
		if t.Kind != concept.Relation || p.inCycle(t) {
			continue
		}
		// RoleByName searches sup and all its supertypes, so asking sup
		// alone finds every inherited role, in one walk up the hierarchy.
		sup := t.SuperType()
		if sup == nil {
			continue
		}
		for _, c := range t.Relates {
			if sup.RoleByName(c.Label) != nil {
				p.Report(c.At, "%s relates %s, a role it already inherits from %s", t.Label, c.Label, sup.Label)
			}
		}
	}
}

const capabilityRedeclaredDoc = `owns or plays repeated from a supertype without narrowing it

A subtype inherits its supertype's owns and plays; declaring the same one
again is refused at commit unless it adds annotations that differ from
the supertype's. Drop the repeated owns or plays.`

func capabilityRedeclared(p *Pass3) {
	for _, t := range p.Model.Types() {
		sup := t.SuperType()
		if sup == nil || p.inCycle(t) {
			continue
		}
		for _, kind := range []string{"owns", "plays"} {
			for _, c := range caps3(t, kind) {
				sc, s := t.InheritedCap(kind, c.Label)
				if sc != nil && (len(c.Annots) == 0 || sameAnnots(c.Annots, sc.Annots)) {
					p.Report(c.At, "%s %s %s repeats what it inherits from %s", t.Label, kind, c.Label, s.Label)
				}
			}
		}
	}
}

func caps3(t *schema.Type3, kind string) []*schema.Cap3 {
	if kind == "owns" {
		return t.Owns
	}
	return t.Plays
}

func sameAnnots(a, b []*schema.Annot3) bool { return len(a) == len(b) && subset(a, b) }

const specialiseInheritedDoc = `specialising a role a supertype already specialised

"relates r as s" needs s inherited as it is: when a relation between
this one and the relation that declares s already specialises s, s is no
longer inherited and cannot be specialised again.

  relation family relates member @abstract;
  relation parentship sub family, relates parent as member;
  relation fathership sub parentship, relates father as member;   # error`

func specialiseInherited(p *Pass3) {
	for _, t := range p.Model.Types() {
		if t.Kind != concept.Relation || p.inCycle(t) {
			continue
		}
		for _, c := range t.Relates {
			if c.As == "" {
				continue
			}
		chain:
			for _, s := range t.Supertypes() {
				if s.DeclaresRole(c.As) {
					break // the declaring relation: inherited as it is
				}
				for _, sc := range s.Relates {
					if sc.As == c.As {
						p.Report(c.AsAt, "%s relates %s as %s, but %s already specialises %s, so it is not inherited", t.Label, c.Label, c.As, s.Label, c.As)
						break chain
					}
				}
			}
		}
	}
}
