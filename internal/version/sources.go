package version

import (
	"regexp"
	"strings"
)

// Fact names one claim this package makes about TypeDB versions and the
// upstream code it was read from. Source is one or more references
// "owner/repo@tag:path symbol", separated by "; ": the code that decides
// the fact at the releases where it changes. Facts are read from the code
// with tqlmig's fetch tool, never from documentation prose.
type Fact struct {
	Name   string // the function of this package that answers it
	Doc    string // one line
	Source string
}

// Facts lists every exported fact of this package. TestFactsHaveSources
// keeps it complete: an exported function of facts.go, cli.go or
// reserved.go without an entry fails it.
var Facts = []Fact{
	{"Product", "product name: Grakn before 2.1, TypeDB from 2.1",
		"typedb/typedb@2.0.0:server/conf/grakn.properties; typedb/typedb@2.1.0:test/integration/migrator/data.typedb"},
	{"Binary", "launcher name: grakn before 2.1, typedb from 2.1",
		"typedb/typedb@2.0.0:server/common/RunOptions.java; typedb/typedb-console@2.0.0:GraknConsole.java"},
	{"HasExport", "which releases can export and import a data file",
		"typedb/typedb@1.7.3:server/migrate/Export.java (absent at 1.7.2); typedb/typedb@1.8.1:server/migrate/Export.java (absent at 1.8.0); typedb/typedb@2.0.0:migrator/DataExporter.java; typedb/typedb@3.4.0:server/service/grpc/migration/export_service.rs (absent at 3.3.0)"},
	{"Hop", "the release that opens a data directory of a version without export",
		"typedb/typedb@1.7.3:server/migrate/Export.java; typedb/typedb@1.8.4:server/migrate/Export.java"},
	{"SourceProblem", "versions that data cannot leave",
		"typedb/typedb@1.7.2:server/migrate (absent); typedb/typedb@3.3.0:server/service/grpc/migration (absent)"},
	{"TargetProblem", "versions that cannot import",
		"typedb/typedb@1.8.0:server/migrate (absent); typedb/typedb@3.4.0:server/service/grpc/migration/import_service.rs"},
	{"Remap", "import-time relabelling per importer",
		"typedb/typedb@1.8.4:server/migrate/Import.java relabel; typedb/typedb@2.0.0:migrator/DataImporter.java relabel, getScopedRoleTypes; typedb/typedb@2.3.0:migrator/data/DataImporter.java getRelates(unscopedRoleLabel); typedb/typedb@2.5.0:migrator/data/DataImporter.java remapLabels (gone at 2.6.0)"},
	{"Roles", "how an importer resolves a role label",
		"typedb/typedb@1.8.4:server/migrate/Import.java insertRelation; typedb/typedb@2.0.0:migrator/DataImporter.java getScopedRoleTypes; typedb/typedb@2.29.1:migrator/database/DatabaseImporter.java getRoleType; typedb/typedb@3.4.0:database/migration/database_importer.rs process_related_roles get_role_type"},
	{"ScopedRolesInExport", "whether exports write scoped role labels",
		"typedb/typedb@1.8.4:server/migrate/Export.java role.label(); typedb/typedb@2.0.0:migrator/DataExporter.java getScopedLabel"},
	{"HeaderFirst", "importers that require the header first (MISSING_HEADER)",
		"typedb/typedb@2.3.0:migrator/data/DataImporter.java MISSING_HEADER; typedb/typedb@2.29.1:migrator/database/DatabaseImporter.java MISSING_HEADER"},
	{"ChecksumsRequired", "importers that fail without a checksums item",
		"typedb/typedb@2.3.0:migrator/data/DataImporter.java checksum.verify; typedb/typedb@3.4.0:database/migration/database_importer.rs NoClientChecksumsOnDone"},
	{"ChecksumsVerified", "importers that compare the checksums",
		"typedb/typedb@1.8.4:server/migrate/Import.java checkChecksums; typedb/typedb@2.0.0:migrator/DataImporter.java run (no comparison); typedb/typedb@2.3.0:migrator/data/DataImporter.java IMPORT_CHECKSUM_MISMATCH"},
	{"ExportIDs", "the form of item ids in exports",
		"typedb/typedb@1.8.4:server/migrate/Export.java id().toString(); typedb/typedb@2.0.0:migrator/DataExporter.java new String(getIID()); typedb/typedb@2.3.0:migrator/data/DataExporter.java toBase64String"},
	{"SchemaWithData", "exports that carry the schema",
		"typedb/typedb@2.19.0:migrator/database/DatabaseExporter.java schemaFile; typedb/typedb@3.4.0:server/service/grpc/migration/export_service.rs"},
	{"TargetMustBeEmpty", "imports that create the database (DATABASE_NOT_EMPTY)",
		"typedb/typedb@2.19.0:migrator/database/DatabaseImporter.java DATABASE_NOT_EMPTY; typedb/typedb@2.29.1:migrator/database/DatabaseImporter.java DATABASE_NOT_EMPTY"},
	{"ServerResolvesPath", "server CLIs that pass a relative file path unresolved",
		"typedb/typedb@2.6.2:migrator/MigratorClient.java importData setFilename(filename); typedb/typedb@2.6.3:migrator/MigratorClient.java importData setFilename(file.toAbsolutePath())"},
	{"Encoding", "on-disk encoding version of 2.x",
		"typedb/typedb@2.6.0:graph/common/Encoding.java ENCODING_VERSION; typedb/typedb@2.8.0:database/CoreDatabase.java ENCODING_VERSION"},
	{"StorageLevel", "storage generation of a data directory",
		"typedb/typedb@1.7.3:server/migrate/Export.java; typedb/typedb@2.6.0:graph/common/Encoding.java ENCODING_VERSION"},
	{"DirectoryCompatible", "whether a server opens another version's data directory",
		"typedb/typedb@2.6.0:rocks/RocksDatabase.java ENCODING_VERSION check"},
	{"DataDir", "default data directory",
		"typedb/typedb@1.8.4:server/conf/grakn.properties data-dir; typedb/typedb@2.0.0:server/conf/grakn.properties server.data"},
	{"ImplicitRelations", "1.x before 1.8 stores ownership as implicit relations",
		"typedb/typedb@1.7.3:core/Schema.java HAS \"@has-%s\"; typedb/typedb@1.8.4:core/Schema.java (no implicit types)"},
	{"AttributesOwnAttributes", "3.x refuses attributes that own attributes",
		"typedb/typedb@3.4.0:server/service/grpc/migration/import_service.rs AttributesOwningAttributes"},
	{"AttributesPlayRoles", "3.x resolves players among objects only",
		"typedb/typedb@3.4.0:database/migration/database_importer.rs process_related_roles objects.instance_id_mapping"},
	{"SkippedRelationRisk", "2.3–2.7 import relations with relation players last, uncounted",
		"typedb/typedb@2.3.0:migrator/data/DataImporter.java skippedRelations, importSkippedRelations; typedb/typedb@2.8.0:migrator/data/DataImporter.java skippedRelations (AtomicBoolean)"},
	{"SkippedRelationsLoseOwnerships", "2.3–2.6.2 drop ownerships of skipped relations",
		"typedb/typedb@2.3.0:migrator/data/DataImporter.java importSkippedRelations; typedb/typedb@2.6.3:migrator/data/DataImporter.java"},
	{"StringMaxBytes", "longest string value (ILLEGAL_STRING_SIZE)",
		"typedb/typedb@2.0.0:common/collection/Bytes.java ILLEGAL_STRING_SIZE; typedb/typedb@2.29.1:encoding/Encoding.java STRING_MAX_SIZE"},
	{"ConvertTarget", "feature level of convert a server supports",
		"typedb/typeql@2.18.0:grammar/TypeQL.g4 annotation; typedb/typeql@2.25.0:grammar/TypeQL.g4 FETCH; typedb/typeql@3.0.0:rust/parser/typeql.pest"},
	{"DefaultPort", "default client port",
		"typedb/typedb@1.8.4:server/conf/grakn.properties grpc.port; typedb/typedb@2.0.0:server/conf/grakn.properties server.port"},
	{"DataExt", "customary data file extension",
		"typedb/typedb@2.0.0:test/integration/migrator/data.grakn; typedb/typedb@2.3.0:test/integration/migrator/data.typedb"},
	{"SchemaExt", "customary schema file extension",
		"typedb/typedb@2.0.0:test/integration/migrator/schema.gql; typedb/typedb@2.3.0:test/integration/migrator/schema.tql"},
	{"Console3Argv", "3.x Console connection flags",
		"typedb/typedb-console@3.4.0:src/cli.rs username, tls-disabled"},
	{"ExportData", "the data export command line",
		"typedb/typedb@1.8.4:daemon/GraknDaemon.java export; typedb/typedb@2.0.0:server/common/RunOptions.java export; typedb/typedb@2.6.0:server/common/Command.java database, file; typedb/typedb@2.8.0:server/parameters/ServerSubcommandParser.java Export; typedb/typedb@2.19.0:server/parameters/CoreSubcommandParser.java; typedb/typedb-console@3.4.0:src/main.rs export"},
	{"ExportSchema", "the schema export command line",
		"typedb/typedb@1.8.4:daemon/GraknDaemon.java schema; typedb/typedb-console@2.0.0:command/ReplCommand.java schema"},
	{"LoadSchema", "the schema load command line",
		"typedb/typedb-console@1.0.8:GraknConsole.java keyspace, file; typedb/typedb-console@2.29.0:command/TransactionREPLCommand.java source, commit"},
	{"ImportData", "the data import command line",
		"typedb/typedb@1.8.4:daemon/GraknDaemon.java import; typedb/typedb@2.0.0:server/common/RunOptions.java import; typedb/typedb@2.6.0:server/common/Command.java database, file; typedb/typedb@2.8.0:server/parameters/ServerSubcommandParser.java Import; typedb/typedb@2.19.0:server/parameters/CoreSubcommandParser.java; typedb/typedb-console@3.4.0:src/main.rs import"},
	{"Keyable", "value types @key and @unique accept in 2.x",
		"typedb/typedb@2.0.0:graph/common/Encoding.java ValueType isKeyable; typedb/typedb@2.17.0:encoding/Encoding.java ValueType BOOLEAN isKeyable false; typedb/typedb@2.18.0:encoding/Encoding.java ValueType BOOLEAN hasExactEquality true; typedb/typedb@2.18.0:concept/type/impl/ThingTypeImpl.java OWNS_VALUE_TYPE_NO_EXACT_EQUALITY (KEY or UNIQUE); typedb/typedb@2.29.1:encoding/Encoding.java ValueType DOUBLE hasExactEquality false"},
	{"HasUnique", "@unique on owns exists",
		"typedb/typeql@2.18.0:grammar/TypeQL.g4 ANNOTATION_UNIQUE (absent at 2.17.0); typedb/typedb@2.18.0:concept/thing/impl/ThingImpl.java setHas THING_UNIQUE_TAKEN"},
	{"ReservedWord", "words a 2.x grammar keeps out of labels",
		reservedSource},
	{"DuplicateIDs", "what importers do with a repeated item id",
		"typedb/typedb@1.8.4:server/migrate/Import.java#L260,L276,L293 idMap.put; typedb/typedb@2.0.0:migrator/DataImporter.java#L159,L173,L229 idMap.put; typedb/typedb@2.3.0:migrator/data/DataImporter.java#L240,L246 recordCreated assert, IDMapper.put; typedb/typedb@2.29.1:migrator/database/DatabaseImporter.java#L286,L614 recordMapping assert, ConceptTracker.recordMapped; typedb/typedb@3.4.0:database/migration/database_importer.rs#L258 InstanceIDMapping::record"},
}

// sourceRef is the shape of one reference in a Source; samePlace that of
// a later reference in the same repository and tag as the one before it.
var (
	sourceRef = regexp.MustCompile(`^typedb/[a-z-]+@[0-9][0-9A-Za-z.\-]*:[^ ;]+`)
	samePlace = regexp.MustCompile(`^[A-Za-z0-9_{}.,*-]+(/[A-Za-z0-9_{}.,*-]+)*\.[a-z0-9]+\b`)
)

// ValidSource reports whether s is a non-empty list of references of the
// form "owner/repo@tag:path[ symbol…]" separated by "; ". A reference after
// the first may leave out "owner/repo@tag:" to mean the one before it.
func ValidSource(s string) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	for i, ref := range strings.Split(s, "; ") {
		ref = strings.TrimSpace(ref)
		if !sourceRef.MatchString(ref) && (i == 0 || !samePlace.MatchString(ref)) {
			return false
		}
	}
	return true
}

// FactSource returns the source of the fact named name, or "".
func FactSource(name string) string {
	for _, f := range Facts {
		if f.Name == name {
			return f.Source
		}
	}
	return ""
}
