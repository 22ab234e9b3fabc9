package version

import "fmt"

// This file answers the questions a migration asks of a server version. The
// facts come from ../shared/ref/export-format.md (section numbers in the
// comments) and, where that reference is silent, from the upstream tags named
// next to each fact.
//
// A version with a missing part ("2.29", "3.x") stands for its whole line.
// Facts are evaluated at the newest release of the line (Newest), which is
// what a user who writes "3.x" or "2.29" almost always runs; Varies tells a
// caller when the oldest release of the line would answer differently, so it
// can say so.

// wild is the number that stands for "the newest release" in a wild part.
const wild = 1 << 20

// Exact reports whether all three numbers were given.
func (v V) Exact() bool { return v.Parts == 3 }

// Oldest is the first release v stands for: missing parts are 0.
func (v V) Oldest() V {
	return V{Major: v.Major, Minor: v.Minor, Patch: v.Patch, Parts: 3}
}

// Newest is the last release v stands for: missing parts are a number larger
// than any real release. Use it only to evaluate facts, never to print.
func (v V) Newest() V {
	n := v.Oldest()
	switch v.Parts {
	case 1:
		n.Minor, n.Patch = wild, wild
	case 2:
		n.Patch = wild
	}
	return n
}

// eval is the point at which facts are evaluated.
func (v V) eval() V { return v.Newest() }

// Varies reports whether fact f gives a different answer for the oldest and
// the newest release that v stands for. It is always false for exact versions.
func Varies[T comparable](v V, f func(V) T) bool {
	return !v.Exact() && f(v.Oldest()) != f(v.Newest())
}

// Product is the server's product name at v: Grakn for 1.x and 2.0.x, TypeDB
// from 2.1.0 (PR #6315).
func Product(v V) string {
	if v.eval().Before("2.1") {
		return "Grakn"
	}
	return "TypeDB"
}

// Binary is the name of the server's command-line launcher at v.
func Binary(v V) string {
	if v.eval().Before("2.1") {
		return "grakn"
	}
	return "typedb"
}

// HasExport reports whether the server at v can export (and import) a data
// file: 1.7.3, 1.8.1–1.8.x, every 2.x, and 3.4+ (through Console). 1.8.0 has
// neither (the commands arrived in 1.8.1, PR #5862; checked at tag 1.8.0),
// nor have 1.7.0–1.7.2, 1.6 and older, or 3.0–3.3 (§0, PR #7477).
func HasExport(v V) bool {
	e := v.eval()
	return e.In("1.7.3", "1.7") || e.In("1.8.1", "1.8") || e.In("2.0", "2") || e.AtLeast("3.4")
}

// Hop returns the version whose server must open a copy of v's data directory
// and export it, when v itself cannot export: Grakn 1.5.0–1.7.2 share the
// storage level of 1.7.3 (1.x docs table, §10), and 1.8.0 that of 1.8.x.
func Hop(v V) (V, bool) {
	e := v.eval()
	switch {
	case e.In("1.5", "1.7.2"):
		return MustParse("1.7.3"), true
	case e.In("1.8.0", "1.8.0"):
		return MustParse("1.8.4"), true
	}
	return V{}, false
}

// SourceProblem says why data cannot be moved out of a server at v, or ""
// when it can (directly or through Hop).
func SourceProblem(v V) string {
	e := v.eval()
	switch {
	case e.Before("1.5"):
		return fmt.Sprintf("no migration path from Grakn %s: versions before 1.5 have no data export, and their storage cannot be opened by Grakn 1.7.3 (its data level covers 1.5.x–1.7.x); reload the data from its original source into 1.5 or later", v)
	case e.In("3.0", "3.3"):
		return fmt.Sprintf("TypeDB %s has no data export (Console 'database export' arrived in 3.4.0); upgrade that server to 3.4 or later first", v)
	}
	return ""
}

// TargetProblem says why a server at v cannot receive an export, or "".
func TargetProblem(v V) string {
	e := v.eval()
	switch {
	case e.Major == 1 && !e.In("1.8.1", "1.8"):
		return fmt.Sprintf("Grakn %s cannot be a migration target: tqlmig plans moves to 1.8.1+, 2.x and 3.4+", v)
	case e.In("3.0", "3.3"):
		return fmt.Sprintf("TypeDB %s cannot import export files (Console 'database import' arrived in 3.4.0); target 3.4 or later", v)
	}
	return ""
}

// RemapMode is how (and whether) an importer relabels types and roles from
// import-time arguments (§6).
type RemapMode int

const (
	// RemapNone: no import-time remap (1.7.3, 2.6+, 3.x); rewrite the file instead.
	RemapNone RemapMode = iota
	// RemapGlobal: 1.8.1–1.8.4. Roles are global; values must be unscoped role labels.
	RemapGlobal
	// RemapScoped: 2.0–2.2. A role value must equal a scoped name relation:role
	// among the relation's relates, so every unscoped 1.x role needs an entry.
	RemapScoped
	// RemapNameOnly: 2.3–2.5. Any scope in the value is ignored; only the role
	// name after ":" is looked up in the relation.
	RemapNameOnly
)

func (m RemapMode) String() string {
	switch m {
	case RemapNone:
		return "none"
	case RemapGlobal:
		return "global"
	case RemapScoped:
		return "scoped"
	case RemapNameOnly:
		return "name-only"
	}
	return fmt.Sprintf("RemapMode(%d)", int(m))
}

// Remap returns the remap mode of the importer at v.
func Remap(v V) RemapMode {
	e := v.eval()
	switch {
	case e.In("1.8.1", "1.8"):
		return RemapGlobal
	case e.In("2.0", "2.2"):
		return RemapScoped
	case e.In("2.3", "2.5"):
		return RemapNameOnly
	}
	return RemapNone
}

// RoleLookup is how the importer at v resolves a role label from the file.
type RoleLookup int

const (
	RoleGlobal     RoleLookup = iota // 1.7.3/1.8: global unscoped lookup; labels must be unscoped
	RoleExact                        // 2.0–2.2: exact scoped name among the relation's relates
	RoleByName                       // 2.3–2.29: scope ignored, name looked up in the relation
	RoleScopedOnly                   // 3.x: exact declaring-relation:role; unscoped labels fail
)

// Roles returns the role lookup of the importer at v (§5).
func Roles(v V) RoleLookup {
	e := v.eval()
	switch {
	case e.Major == 1:
		return RoleGlobal
	case e.In("2.0", "2.2"):
		return RoleExact
	case e.Major == 2:
		return RoleByName
	}
	return RoleScopedOnly
}

// ScopedRolesInExport reports whether exports written at v carry scoped
// role labels relation:role (2.x and 3.x) rather than bare 1.x labels.
func ScopedRolesInExport(v V) bool { return v.eval().Major >= 2 }

// HeaderFirst reports whether the importer at v requires a header as the
// first item (2.3–2.29, MISSING_HEADER; §5.3).
func HeaderFirst(v V) bool { return v.eval().In("2.3", "2.29") }

// ChecksumsRequired reports whether the importer at v fails without a
// checksums item: 2.3–2.29 (an NPE at the end, §5.3) and 3.x
// (NoClientChecksumsOnDone, §5.4).
func ChecksumsRequired(v V) bool {
	e := v.eval()
	return e.In("2.3", "2.29") || e.Major == 3
}

// ChecksumsVerified reports whether the importer at v compares the counts of
// a checksums item it finds: 1.7.3/1.8 when present, 2.3+ and 3.x; 2.0–2.2
// ignore them (§5.2).
func ChecksumsVerified(v V) bool { return !v.eval().In("2.0", "2.2") }

// IDForm is what an exporter writes as item IDs (§3).
type IDForm int

const (
	IDVertex IDForm = iota // 1.7.3/1.8: "V" + JanusGraph vertex id
	IDLossy                // 2.0–2.2: IID bytes through a lossy string conversion; may collide
	IDBase64               // 2.3+ and 3.x: Base64 of the IID
)

// ExportIDs returns the ID form of exports written at v.
func ExportIDs(v V) IDForm {
	e := v.eval()
	switch {
	case e.Major == 1:
		return IDVertex
	case e.In("2.0", "2.2"):
		return IDLossy
	}
	return IDBase64
}

// SchemaWithData reports whether export and import at v carry the schema
// file together with the data (2.19+, PR #6827; 3.4+ Console).
func SchemaWithData(v V) bool { return v.eval().AtLeast("2.19") }

// TargetMustBeEmpty reports whether import at v creates the database itself:
// on 2.19+ the target must not exist or must be empty (DATABASE_NOT_EMPTY),
// on 3.4+ Console creates a new database, so none of that name may exist.
// Before 2.19 the database must exist and hold the schema.
func TargetMustBeEmpty(v V) bool { return SchemaWithData(v) }

// ServerResolvesPath reports whether the file path given to the server CLI
// at v is sent as written and resolved by the server process, so a relative
// path means the server's working directory: 2.0–2.6.2. From 2.6.3 the
// migrator client sends file.toAbsolutePath() (the reference said 2.8);
// the 1.x CLI does so for a local server.
func ServerResolvesPath(v V) bool { return v.eval().In("2.0", "2.6.2") }

// Encoding returns the on-disk data encoding version of a 2.x server (§10):
// 0 for 2.0–2.5, 1 for 2.6.0–2.7.x, 2 for 2.8.0–2.29.x. ok is false outside 2.x.
func Encoding(v V) (n int, ok bool) {
	e := v.eval()
	switch {
	case e.In("2.0", "2.5"):
		return 0, true
	case e.In("2.6", "2.7"):
		return 1, true
	case e.In("2.8", "2"):
		return 2, true
	}
	return 0, false
}

// StorageLevel names the storage generation of v's data directory: "1.7"
// (1.5.x–1.7.x), "1.8", "2.x encoding N", or "" when unknown (1.4 and older, 3.x).
func StorageLevel(v V) string {
	e := v.eval()
	switch {
	case e.In("1.5", "1.7"):
		return "1.7"
	case e.In("1.8", "1.8"):
		return "1.8"
	}
	if n, ok := Encoding(v); ok {
		return fmt.Sprintf("2.x encoding %d", n)
	}
	return ""
}

// DirectoryCompatible reports whether a server at to can open a copy of the
// data directory of a server at from: same known storage level, and to is not
// older than from.
func DirectoryCompatible(from, to V) bool {
	l := StorageLevel(from)
	return l != "" && l == StorageLevel(to) && from.eval().Compare(to.eval()) <= 0
}

// DataDir is the default data directory of a server distribution at v,
// relative to its install directory ("server/db/" in 1.x grakn.properties,
// "server/data/" in 2.x), or "" when unknown.
func DataDir(v V) string {
	switch v.eval().Major {
	case 1:
		return "server/db/"
	case 2:
		return "server/data/"
	}
	return ""
}

// ImplicitRelations reports whether v stores ownership as implicit @has-…
// relations (1.x before 1.8), whose data is not migratable.
func ImplicitRelations(v V) bool {
	e := v.eval()
	return e.Major == 1 && e.Before("1.8")
}

// AttributesOwnAttributes reports whether attribute types may own attributes
// at v (1.x, 2.x; not 3.x, AttributesOwningAttributes).
func AttributesOwnAttributes(v V) bool { return v.eval().Major < 3 }

// AttributesPlayRoles reports whether attributes may play roles at v (1.x,
// 2.x; the 3.x importer never resolves an attribute player).
func AttributesPlayRoles(v V) bool { return v.eval().Major < 3 }

// SkippedRelationRisk reports whether the importer at v is expected to fail
// the checksum check on relations whose players are other relations: 2.3.0–
// 2.7.x create such "skipped" relations at the end without counting them
// (§5.3, from code reading).
func SkippedRelationRisk(v V) bool { return v.eval().In("2.3", "2.7") }

// SkippedRelationsLoseOwnerships reports whether the importer at v drops the
// ownerships of skipped relations (2.3.0–2.6.2, fixed by PR #6514 in 2.6.3).
func SkippedRelationsLoseOwnerships(v V) bool { return v.eval().In("2.3", "2.6.2") }

// StringMaxBytes is the largest string attribute value, in UTF-8 bytes, that
// a server at v stores, or 0 when tqlmig knows no limit. Every released 2.x
// rejects longer values with ILLEGAL_STRING_SIZE (65,535 bytes since commit
// f15a3ef5a5, first in 2.0.0-alpha; pre-release 2.0 builds before it allowed
// only 255 characters).
func StringMaxBytes(v V) int {
	if v.eval().Major == 2 {
		return 65535
	}
	return 0
}

// ConvertTarget is the value of `tqlmig convert --to` for a server at v: the
// newest feature level of convert that v supports (2.0, 2.18, 2.22, 2.25,
// 2.29 or 3), or "" for 1.x.
func ConvertTarget(v V) string {
	e := v.eval()
	switch {
	case e.Major == 3:
		return "3"
	case e.Major != 2:
		return ""
	case e.AtLeast("2.29"):
		return "2.29"
	case e.AtLeast("2.25"):
		return "2.25"
	case e.AtLeast("2.22"):
		return "2.22"
	case e.AtLeast("2.18"):
		return "2.18"
	}
	return "2.0"
}

// DefaultPort is the server's default client port at v: 48555 for 1.x gRPC,
// 1729 for 2.x and 3.x.
func DefaultPort(v V) int {
	if v.eval().Major == 1 {
		return 48555
	}
	return 1729
}

// DataExt is the customary extension of a data file exported at v: ".grakn"
// for 1.x and 2.0, ".typedb" from 2.1 (§2).
func DataExt(v V) string {
	if v.eval().Before("2.1") {
		return ".grakn"
	}
	return ".typedb"
}

// SchemaExt is the customary extension of a schema file for v.
func SchemaExt(v V) string {
	if v.eval().Major == 1 {
		return ".gql"
	}
	return ".tql"
}

// Keyable reports whether a 2.x server at v accepts @key (and, where it
// exists, @unique) on an ownership of an attribute type of value type vt
// (a 2.x name: long, double, string, boolean, datetime): long, string and
// datetime on every 2.x release, boolean from 2.18, double never. Before
// 2.18 the gate is ValueType.isKeyable; from 2.18 it is hasExactEquality,
// checked for @key and @unique alike, so @unique never admits a value type
// @key refuses. Other lines answer false.
func Keyable(v V, vt string) bool {
	e := v.eval()
	if e.Major != 2 {
		return false
	}
	switch vt {
	case "long", "string", "datetime":
		return true
	case "boolean":
		return e.AtLeast("2.18")
	}
	return false
}

// HasUnique reports whether the server at v has the @unique ownership
// annotation: TypeDB 2.18 and later (every 3.x).
func HasUnique(v V) bool { return v.eval().AtLeast("2.18") }
