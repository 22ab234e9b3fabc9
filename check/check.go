package check

import (
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
)

// Level is how the importer of a target version treats what a check finds.
type Level uint8

const (
	// Off: the target does not check this; nothing is reported.
	Off Level = iota
	// Warn: the import goes through, with a caveat worth knowing.
	Warn
	// Fail: the import fails (or corrupts data) on this.
	Fail
)

func (l Level) String() string {
	switch l {
	case Warn:
		return "warn"
	case Fail:
		return "fail"
	}
	return "off"
}

// severity is the diagnostic severity of a finding at level l.
func (l Level) severity() diag.Severity {
	if l == Fail {
		return diag.Error
	}
	return diag.Warning
}

// Check is one named data check. Its logic runs inside the streaming
// engine, at the point where what it needs is known (the item, a resolved
// reference, or the end of the file); the registry gives it a stable name,
// its documentation, and its level per target version.
type Check struct {
	// Name is the stable kebab-case name, used as the diagnostic code.
	Name string
	// Doc starts with a lower-case title line, then says what each
	// importer does about it.
	Doc string
	// Level returns how the importer at target treats a finding.
	Level func(target version.V) Level
	// Source names the importer code that decides the level:
	// "owner/repo@tag:path symbol" references separated by "; " (see
	// version.ValidSource).
	Source string

	id checkID
}

// checkID indexes Checks; the engine refers to checks by it.
type checkID uint8

const (
	ckRemap checkID = iota
	ckHeader
	ckChecksums
	ckMalformed
	ckMissingID
	ckUnknownLabel
	ckLabelKind
	ckAbstract
	ckUnknownRole
	ckRoleUnrelated
	ckValueKind
	ckRegex
	ckOwnership
	ckKeyCount
	ckKeyUnique
	ckUnique
	ckPlays
	ckNoPlayers
	ckAttributeOwns
	ckAttributePlayer
	ckDuplicateID
	ckDangling
	ckRefKind
	ckNestedRelation
	ckInvalidUTF8
	ckStringSize
	ckCardinality
	ckValueConstraint
	numChecks
)

func always(l Level) func(version.V) Level { return func(version.V) Level { return l } }

// is1x, is3x and in are the version tests the levels are written with.
func is1x(v version.V) bool { return v.Major == 1 }
func is3x(v version.V) bool { return v.Major == 3 }

// lenient1x is Warn on 1.8, whose importer disables commit validation, and
// Fail elsewhere: for rules a server checks only when a transaction commits.
func lenient1x(v version.V) Level {
	if is1x(v) {
		return Warn
	}
	return Fail
}

// Checks is the ordered registry.
var Checks = []*Check{
	ckRemap: {Name: "remap", Source: version.FactSource("Remap"), Level: always(Warn), Doc: `remap entries that match nothing or point nowhere

A remap entry old=new applies to item labels and role labels as written in
the file (one exact, case-sensitive lookup; types and roles share one key
space). An entry whose old label no item or role carries does nothing; one
whose new label is not in the schema cannot help. TypeDB 1.7.3, 2.6 and
later and 3.x have no import-time remap: the file must be rewritten with it.`},
	ckHeader: {Name: "header", Source: version.FactSource("HeaderFirst"), Level: func(v version.V) Level {
		if version.HeaderFirst(v) {
			return Fail
		}
		return Off
	}, Doc: `the header item is missing or not the first item

TypeDB 2.3 to 2.29 read the first item and fail with "the header is
missing" unless it is the header. Other importers only log the header.`},
	ckChecksums: {Name: "checksums", Source: version.FactSource("ChecksumsVerified") + "; " + version.FactSource("ChecksumsRequired"), Level: func(v version.V) Level {
		if version.ChecksumsVerified(v) {
			return Fail
		}
		return Off
	}, Doc: `the checksums item is missing, repeated or wrong

TypeDB 2.3+ and 3.x need exactly one checksums item and compare its five
counts (entities, attributes, relations, role players, ownerships) with
what they imported; Grakn 1.8 compares them when the item is present;
TypeDB 2.0–2.2 ignore it. Items after it are a warning on every target:
importers read them, but exporters write the checksums last
(typedb@2.29.1:migrator/database/DatabaseExporter.java writeData), so the
file was joined to another or damaged.`},
	ckMalformed: {Name: "malformed-item", Source: "typedb/typedb@1.8.4:server/migrate/Import.java PARSER; typedb/typedb@2.0.0:migrator/DataImporter.java ITEM_PARSER; typedb/typedb@2.29.1:migrator/database/DatabaseImporter.java ITEM_PARSER.parseDelimitedFrom; typedb/typedb@3.4.0:server/service/grpc/migration/import_service.rs", Level: always(Fail), Doc: `items that do not decode, and files that end inside an item

Every importer parses each item with protobuf and stops at the first one
that does not parse.`},
	ckMissingID: {Name: "missing-id", Source: version.FactSource("DuplicateIDs"), Level: always(Fail), Doc: `thing items without an id

Importers map each item's id to the concept they create; without one,
references cannot reach the item.`},
	ckUnknownLabel: {Name: "unknown-label", Source: "typedb/typedb@2.0.0:migrator/DataImporter.java TYPE_NOT_FOUND; typedb/typedb@2.29.1:migrator/database/DatabaseImporter.java TYPE_NOT_FOUND; typedb/typedb@3.4.0:database/migration/database_importer.rs UnknownEntityType", Level: always(Fail), Doc: `item labels that name no type of the schema, after the remap

Each entity, relation and attribute label, after the remap, must be a type
of the schema (TYPE_NOT_FOUND in 2.x, UnknownEntityType and friends in 3.x,
a NullPointerException in 1.8). Suggestions come from types of the same
kind, by edit distance, value type and owned attributes.`},
	ckLabelKind: {Name: "label-kind", Source: "typedb/typedb@2.0.0:migrator/DataImporter.java getEntityType, getRelationType; typedb/typedb@3.4.0:database/migration/database_importer.rs import_entity, import_relation", Level: always(Fail), Doc: `item labels that name a type of another kind

The importers look a label up among the types of the item's kind only: an
entity item labelled with a relation type is "not defined".`},
	ckAbstract: {Name: "abstract-type", Source: "typedb/typedb@2.29.1:concept/type/impl/TypeImpl.java ILLEGAL_ABSTRACT_WRITE", Level: always(Fail), Doc: `items of an abstract type

No server creates an instance of an abstract type (ILLEGAL_ABSTRACT_WRITE
in 2.x): make the type concrete or remap its items to a concrete subtype.`},
	ckUnknownRole: {Name: "unknown-role", Source: version.FactSource("Roles") + "; typedb/typedb@2.29.1:migrator/database/DatabaseImporter.java ROLE_TYPE_NOT_FOUND; typedb/typedb@3.4.0:database/migration/database_importer.rs UnknownRoleType", Level: always(Fail), Doc: `role labels that do not resolve as the target resolves them

1.8: a global, unscoped role label. 2.0–2.2: the exact scoped name
relation:role of a role the relation type relates (inherited included),
after the remap. 2.3–2.29: any scope is ignored and the relation type must
declare or inherit a role of that name. 3.x: a scoped label naming the
role by its declaring relation type.`},
	ckRoleUnrelated: {Name: "role-unrelated", Source: "typedb/typedb@2.29.1:concept/thing/impl/RelationImpl.java RELATION_ROLE_UNRELATED; typedb/typedb@1.8.4:server/migrate/Import.java newTransaction disableCommitValidation", Level: lenient1x, Doc: `roles the relation type does not relate

The role exists, but the relation type neither declares nor inherits it
(RELATION_ROLE_UNRELATED). Grakn 1.8 imports with commit validation
disabled, so there the relation is imported in breach of the schema.`},
	ckValueKind: {Name: "value-kind", Source: "typedb/typedb@2.0.0:migrator/DataImporter.java insertAttribute; typedb/typedb@2.29.1:migrator/database/DatabaseImporter.java AttributesAndChecksum asString().put; typedb/typedb@3.10.4:encoding/value/value_type.rs is_trivially_castable_to", Level: always(Fail), Doc: `values whose kind differs from the attribute's value type

The value case must match the attribute type's value type exactly: no
long-to-double coercion (TYR01 in 2.x). 3.x casts integer to double and
decimal, decimal to double and date to datetime, and reads 2.x datetime
millis as datetime. A missing value, or a 3.x-only value kind for a 1.x/2.x
target, fails too.`},
	ckRegex: {Name: "regex", Source: "typedb/typedb@2.29.1:concept/type/impl/AttributeTypeImpl.java ATTRIBUTE_VALUE_UNSATISFIES_REGEX; typedb/typedb@3.10.4:concept/type_/annotation.rs AnnotationRegex::value_valid", Level: always(Fail), Doc: `string values that do not match the attribute type's regex

Values must match the whole pattern (Java's Matcher.matches) of a 1.x or
2.x regex, and a 3.x @regex anywhere (the Rust regex crate's is_match).
Patterns Go's regexp cannot compile, or reads differently, are reported
as not checkable instead of guessed.`},
	ckOwnership: {Name: "ownership", Source: "typedb/typedb@2.29.1:concept/thing/impl/ThingImpl.java THING_CANNOT_OWN_ATTRIBUTE", Level: always(Fail), Doc: `ownerships the owner's type does not allow

The owner's type, or a supertype, must own the exact attribute type
(THING_CANNOT_OWN_ATTRIBUTE in 2.x; 1.8 refuses the implicit has relation).`},
	ckKeyCount: {Name: "key-count", Source: "typedb/typedb@2.29.1:concept/thing/impl/ThingImpl.java THING_KEY_OVER, THING_KEY_MISSING; typedb/typedb@1.8.4:server/migrate/Import.java disableCommitValidation; typedb/typedb@3.4.0:database/migration/database_importer.rs original_cardinalities_owns", Level: lenient1x, Doc: `owners without exactly one key of each key type

A second key of one type fails when written (THING_KEY_OVER) and a missing
key at commit (THING_KEY_MISSING). 1.8 disables commit validation; 3.x
relaxes keys during the import and restores them at the end.`},
	ckKeyUnique: {Name: "key-unique", Source: "typedb/typedb@2.29.1:concept/thing/impl/ThingImpl.java THING_KEY_TAKEN; typedb/typedb@1.8.4:server/migrate/Import.java disableCommitValidation", Level: lenient1x, Doc: `key values shared by two owners of the same type

Attributes are unique by type and value, so two owners of one type with
the same key value share one key attribute (THING_KEY_TAKEN).`},
	ckUnique: {Name: "unique", Source: "typedb/typedb@2.18.0:concept/thing/impl/ThingImpl.java THING_UNIQUE_TAKEN", Level: func(v version.V) Level {
		if version.HasUnique(v) {
			return Fail
		}
		return Off
	}, Doc: `@unique values owned by two owners of the same type

From TypeDB 2.18, "owns A @unique" lets no two owners of the type own the
same A.`},
	ckPlays: {Name: "plays", Source: "typedb/typedb@2.29.1:concept/thing/impl/RelationImpl.java THING_ROLE_UNPLAYED; typedb/typedb@1.8.4:server/migrate/Import.java disableCommitValidation", Level: lenient1x, Doc: `role players whose type does not play the role

The player's type, or a supertype, must play the role (THING_ROLE_UNPLAYED).
1.8 imports with commit validation disabled.`},
	ckNoPlayers: {Name: "no-players", Source: "typedb/typedb@2.29.1:concept/thing/impl/RelationImpl.java RELATION_PLAYER_MISSING; typedb/typedb@1.8.4:server/migrate/Import.java disableCommitValidation; typedb/typedb@3.4.0:database/migration/database_importer.rs", Level: func(v version.V) Level {
		if v.Major == 2 {
			return Fail
		}
		return Warn
	}, Doc: `relations without role players

TypeDB 2.x refuses them (NO_PLAYERS while importing, THW10 at commit). 1.8
disables commit validation; 3.x makes relation types independent for the
import only.`},
	ckAttributeOwns: {Name: "attribute-owns", Source: version.FactSource("AttributesOwnAttributes"), Level: func(v version.V) Level {
		if is3x(v) {
			return Fail
		}
		return Off
	}, Doc: `attributes owning attributes, which 3.x refuses

TypeDB 3.x rejects an attribute item with owned attributes
(AttributesOwningAttributes).`},
	ckAttributePlayer: {Name: "attribute-player", Source: version.FactSource("AttributesPlayRoles") + "; typedb/typedb@3.4.0:database/migration/database_importer.rs IncompleteRolesOnDone", Level: func(v version.V) Level {
		if is3x(v) {
			return Fail
		}
		return Off
	}, Doc: `attributes playing roles, which 3.x cannot import

The 3.x importer resolves players among entities and relations only; an
attribute player stays unresolved (IncompleteRolesOnDone).`},
	ckDuplicateID: {Name: "duplicate-id", Source: version.FactSource("DuplicateIDs"), Level: always(Warn), Doc: `ids that two items share: references to them rebind

No importer refuses a repeated id: each maps it to one of the items,
overwriting the mapping (1.8 and 2.0–2.2 put it in a map, so the item read
last wins; 2.3–2.29 assert the id is new, which production servers do not
check, then overwrite the mapping of the batch committed last; 3.x
overwrites its id cache). References resolved after the repeat, and those
waiting for an item read later, reach that item: the other loses them.
2.0–2.2 exports write lossy ids that can collide. The warning counts the references that rebind.`},
	ckDangling: {Name: "dangling-ref", Source: "typedb/typedb@2.3.0:migrator/data/DataImporter.java getImportedThing ILLEGAL_STATE; typedb/typedb@2.29.1:migrator/database/DatabaseImporter.java PLAYER_NOT_FOUND; typedb/typedb@3.4.0:database/migration/database_importer.rs IncompleteRolesOnDone", Level: always(Fail), Doc: `owned attribute or role player ids that no item has

Every OwnedAttribute and Player id must be the id of an item in the file;
the importers fail (or stop with unresolved references) otherwise.`},
	ckRefKind: {Name: "ref-kind", Source: "typedb/typedb@2.29.1:migrator/database/DatabaseImporter.java insertOwnerships asAttribute", Level: always(Fail), Doc: `references to an item of the wrong kind

An owned attribute id must be the id of an attribute item.`},
	ckNestedRelation: {Name: "nested-relation", Source: version.FactSource("SkippedRelationRisk"), Level: func(v version.V) Level {
		if version.SkippedRelationRisk(v) {
			return Warn
		}
		return Off
	}, Doc: `relations playing roles, imported as skipped ones by 2.3–2.7

From the importer's source: 2.3 to 2.7 create a relation whose players are
not all imported yet at the very end, without counting it, so the checksum
comparison is expected to fail after the data is committed.`},
	ckInvalidUTF8: {Name: "invalid-utf8", Source: "typedb/typedb@1.8.4:server/migrate/proto/data.proto syntax proto3; typedb/typedb@2.29.1:migrator/database/data.proto syntax proto3; typedb/typedb@3.12.3:Cargo.toml prost", Level: always(Fail), Doc: `items holding a string that is not valid UTF-8

Ids, labels and string values are proto3 string fields in every export
format (typedb@1.8.4:server/migrate/proto/data.proto,
typedb@2.29.1:migrator/database/data.proto: syntax = "proto3"), and the
parsers the importers use, protobuf-java and prost (typedb@3.12.3:Cargo.toml),
refuse a proto3 string that is not UTF-8, so no importer reads the item.`},
	ckStringSize: {Name: "string-size", Source: version.FactSource("StringMaxBytes"), Level: func(v version.V) Level {
		if version.StringMaxBytes(v) > 0 {
			return Fail
		}
		return Off
	}, Doc: `string values longer than the target stores

TypeDB 2.x rejects a string attribute value over 65,535 UTF-8 bytes
(typedb@2.29.1:encoding/Encoding.java ValueType.STRING_MAX_SIZE, thrown as
ILLEGAL_STRING_SIZE by common/collection/ByteArray.java; version.StringMaxBytes
has the history), failing the import. tqlmig knows no such limit for 1.8
and 3.x.`},
	ckCardinality: {Name: "cardinality", Source: "typedb/typedb@3.10.4:database/migration/database_importer.rs relax_capabilities_and_cardinalities, restore_capabilities_and_cardinalities; typedb/typedb@3.10.4:concept/thing/thing_manager/validation/validation.rs validate_owns_instances_cardinality_constraint, validate_relates_instances_cardinality_constraint; typedb/typedb@3.10.4:concept/type_/owns.rs DEFAULT_UNORDERED_CARDINALITY; typedb/typedb@3.10.4:concept/type_/relates.rs DEFAULT_UNORDERED_CARDINALITY", Level: func(v version.V) Level {
		if is3x(v) {
			return Fail
		}
		return Off
	}, Doc: `owners and relations outside a 3.x cardinality

A TypeDB 3.x import lifts every @card while it writes and restores them at
the end, which fails when an owner has more or fewer attributes of a type,
or a relation more or fewer players of a role, than the ownership's or
role's @card allows. Without @card an ownership or role allows at most one
(@card(0..1)); 2.x and 1.x data often have more (several names, two
players in one role). Checked when the schema given is TypeQL 3.x: every
relates bound, and of owns bounds a minimum up to 3 and a maximum up to 2
(a larger one is not judged); plays bounds are not checked. Keys are key-count's.
A role specialised in a subtype ("relates close as friend") is held to its
own bound there, not also to the bound of the role it specialises.`},
	ckValueConstraint: {Name: "value-constraint", Source: "typedb/typedb@3.10.4:concept/thing/thing_manager.rs create_attribute validate_attribute_range_constraints, validate_attribute_values_constraints; typedb/typedb@3.10.4:concept/type_/annotation.rs AnnotationRange value_valid, AnnotationValues", Level: func(v version.V) Level {
		if is3x(v) {
			return Fail
		}
		return Off
	}, Doc: `values outside a 3.x @values or @range of their type

TypeDB 3.x refuses to create an attribute whose value is not among the
attribute type's @values, or lies outside its @range (both ends
inclusive), with those of its supertypes; the import fails at that item.
Checked when the schema given is TypeQL 3.x, for string, integer, double,
boolean, date and datetime literals compared with values of the same kind;
@values and @range on an ownership ("owns status @values(...)") are not
checked.`},
}

func init() {
	for i, c := range Checks {
		c.id = checkID(i)
	}
	if len(Checks) != int(numChecks) {
		panic("check: registry and check ids disagree")
	}
}

// Lookup returns the check named name, or nil.
func Lookup(name string) *Check {
	for _, c := range Checks {
		if c.Name == name {
			return c
		}
	}
	return nil
}
