package plan

import (
	"fmt"
	"strings"

	v "github.com/tqlmig/tqlmig/internal/version"
)

// Options says what to plan.
type Options struct {
	From, To v.V
	// Database is the database (1.x keyspace) name; "" gives the placeholder
	// DATABASE in every command.
	Database string
	// SchemaFiles are the user's copy of the source schema (one or more
	// files loaded together), used in place of a schema export when given.
	SchemaFiles []string
	// DataFile is an export file that already exists, used in place of a data
	// export when given.
	DataFile string
}

// Placeholder stands for the database name when none is given.
const Placeholder = "DATABASE"

// Plan is the whole migration between two versions.
type Plan struct {
	From     string    `json:"from"`
	To       string    `json:"to"`
	FromName string    `json:"fromName"` // product and version, e.g. "Grakn 1.8.4"
	ToName   string    `json:"toName"`
	Database string    `json:"database"`
	Steps    []Step    `json:"steps"`
	Warnings []Warning `json:"warnings"`
	Notes    []string  `json:"notes"`
	Checks   []Check   `json:"checks,omitempty"`
}

// Step is one numbered step.
type Step struct {
	N     int    `json:"n"`
	Title string `json:"title"`
	// Where the commands run: "old server", "new server" or "any machine".
	Where    string   `json:"where"`
	Commands []string `json:"commands,omitempty"`
	Notes    []string `json:"notes,omitempty"`
}

// Warning is a risk that applies to this pair of versions. Code is stable.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Check is the outcome of an inline check on the files given with
// --schema/--data. Status is "ok", "problem" or "not run".
type Check struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	Detail string `json:"detail"`
}

// Check statuses.
const (
	CheckOK      = "ok"
	CheckProblem = "problem"
	CheckNotRun  = "not run"
)

// Where a step runs.
const (
	onOld = "old server"
	onNew = "new server"
	onAny = "any machine"
)

// Error is a pair of versions that has no plan; the caller shows it as a
// usage error.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Build plans the migration from opt.From to opt.To.
func Build(opt Options) (*Plan, error) {
	from, to := opt.From, opt.To
	if msg := v.SourceProblem(from); msg != "" {
		return nil, &Error{msg}
	}
	if msg := v.TargetProblem(to); msg != "" {
		return nil, &Error{msg}
	}
	if to.Major == 1 {
		return nil, &Error{fmt.Sprintf("--to %s: tqlmig plans moves to TypeDB 2.x and 3.x; within Grakn 1.x (1.7.3 to 1.8) the export and import commands are the same, but tqlmig convert does not write Graql 1.8", to)}
	}
	if from.Newest().Compare(to.Newest()) >= 0 {
		return nil, &Error{fmt.Sprintf("--to %s is not newer than --from %s; tqlmig plans upgrades only", to, from)}
	}
	b := &builder{opt: opt, db: opt.Database}
	if b.db == "" {
		b.db = Placeholder
	}
	b.plan = &Plan{From: from.String(), To: to.String(), FromName: name(from), ToName: name(to), Database: b.db}
	b.build()
	return b.plan, nil
}

type builder struct {
	opt  Options
	db   string
	plan *Plan

	exporter   v.V      // the server that exports: From, or the hop version
	oldSchema  []string // source schema files used by the later steps
	exportFile string   // data file used by the later steps
	// The files the export steps write. They never name a file the user
	// gave, so running an export cannot overwrite it.
	outSchema, outData string
	schema             string // schema file for the target
	remapFile          string // renames, from convert or the user; "" when none is made
	importFile         string // data file given to the import
	remapTail          string // remap arguments appended to the import command
}

func (b *builder) step(title, where string, commands []string, notes ...string) {
	b.plan.Steps = append(b.plan.Steps, Step{N: len(b.plan.Steps) + 1, Title: title, Where: where, Commands: commands, Notes: notes})
}

func (b *builder) warn(code, format string, args ...any) {
	b.plan.Warnings = append(b.plan.Warnings, Warning{Code: code, Message: fmt.Sprintf(format, args...)})
}

func (b *builder) note(format string, args ...any) {
	b.plan.Notes = append(b.plan.Notes, fmt.Sprintf(format, args...))
}

func must(c v.Cmd, err error) string {
	if err != nil {
		panic("plan: " + err.Error()) // Build checked the versions; a failure here is a bug
	}
	return c.String()
}

func name(x v.V) string { return v.Product(x) + " " + x.String() }

func (b *builder) build() {
	from := b.opt.From
	b.exporter = from
	if h, ok := v.Hop(from); ok {
		b.exporter = h
	}
	b.outSchema = "old-schema" + v.SchemaExt(from)
	b.outData = "export" + v.DataExt(b.exporter)
	b.oldSchema, b.exportFile = []string{b.outSchema}, b.outData
	if len(b.opt.SchemaFiles) > 0 {
		b.oldSchema = b.opt.SchemaFiles
	}
	if b.opt.DataFile != "" {
		b.exportFile = b.opt.DataFile
	}
	b.schema = "schema.tql"

	b.generalNotes()
	b.prepare()
	b.hop()
	b.exportSteps()
	b.schemaSteps()
	b.dataSteps()
	b.importSteps()
	b.warnings()
}

func (b *builder) generalNotes() {
	from, to := b.opt.From, b.opt.To
	if b.db == Placeholder {
		b.note("Replace %s with your database name, or pass --database.", Placeholder)
	}
	b.note("Commands assume each server runs on the machine where they are typed, at its default port; export and import files are read and written there.")
	for _, x := range []v.V{from, to} {
		if !x.Exact() {
			b.note("%s stands for every %s release; this plan follows the newest. Give the exact version for an exact plan.", x, x)
		}
	}
	if v.Varies(from, v.HasExport) {
		if h, ok := v.Hop(from.Oldest()); ok {
			b.note("%s has no data export; if you run it, copy its data directory into Grakn %s first, as for an older release.", name(from.Oldest()), h)
		}
	}
	if e, ok := v.Encoding(from); ok {
		if n, ok2 := v.Encoding(to); ok2 {
			b.note("Data encoding version (on-disk storage, not the export file): %s uses %d, %s uses %d. From 2.6 a server refuses a data directory of another encoding version (\"incompatible data version\").", name(from), e, name(to), n)
		} else {
			b.note("Data encoding version (on-disk storage, not the export file): %s uses %d; a %s server cannot open it, so the data must move by export and import.", name(from), e, name(to))
		}
	} else if n, ok := v.Encoding(to); ok {
		b.note("Data encoding version: %s writes encoding %d; a 1.x data directory cannot be opened by any 2.x server, so the data must move by export and import.", name(to), n)
	}
	if v.DirectoryCompatible(from, to) {
		b.note("%s and %s share the storage level %q: instead of exporting and importing, you may stop the old server and copy its %s into the new install. The steps below use export and import, which also re-checks the data against the schema.", name(from), name(to), v.StorageLevel(from), v.DataDir(from))
	}
}

func (b *builder) prepare() {
	from := b.opt.From
	var cmds []string
	if dir := v.DataDir(from); dir != "" {
		cmds = append(cmds, fmt.Sprintf(`du -sh "$OLD_HOME"/%s`, dir))
	}
	b.step("Check disk space and stop writes", onOld, cmds,
		fmt.Sprintf("OLD_HOME is the %s install directory.", name(from)),
		"Keep free space of about twice the database size: the export file plus the new database (and a rewritten copy of the export when a later step makes one).",
		"Stop the applications that write to the database; data written after the export is not migrated.")
}

func (b *builder) hop() {
	from := b.opt.From
	h, ok := v.Hop(from)
	if !ok || from.Newest().Compare(h) == 0 {
		return
	}
	dir := v.DataDir(from)
	b.step(fmt.Sprintf("Move the data directory to Grakn %s, which can export", h), onOld,
		[]string{
			`"$OLD_HOME"/grakn server stop`,
			fmt.Sprintf(`cp -R "$OLD_HOME"/%s. "$HOP_HOME"/%s`, dir, dir),
			`"$HOP_HOME"/grakn server start`,
		},
		fmt.Sprintf("%s has no export command; Grakn %s does, and opens the data directory of %s because both use storage level %q (1.x docs table; export-format.md §10).", name(from), h, from, v.StorageLevel(from)),
		fmt.Sprintf("HOP_HOME is a fresh Grakn %s install with an empty %s; the export steps below use its grakn.", h, dir),
	)
}

// old runs a command on the exporting server: after a hop, with the hop
// install's launcher.
func (b *builder) old(c v.Cmd, err error) string {
	s := must(c, err)
	if b.exporter != b.opt.From && strings.HasPrefix(s, "grakn ") {
		s = `"$HOP_HOME"/` + s
	}
	return s
}

func (b *builder) exportSteps() {
	e := b.exporter
	if len(b.opt.SchemaFiles) > 0 {
		b.note("The later steps use the schema file %s you gave; if it differs from the %s the export writes, use the export's.", strings.Join(b.oldSchema, " "), b.outSchema)
	}
	if !v.SchemaWithData(e) {
		notes := []string{}
		if e.Major == 1 {
			notes = append(notes, "Prints the schema in Graql 1.x syntax; tqlmig convert rewrites it in a later step.")
		} else {
			notes = append(notes, "The Console echoes each --command as its first output line (\"+ database schema …\"); tail drops it.")
		}
		b.step("Export the schema", onOld, []string{b.old(v.ExportSchema(e, b.db, b.outSchema))}, notes...)
	}
	var notes []string
	if v.SchemaWithData(e) {
		notes = append(notes, fmt.Sprintf("Writes the schema to %s and the data to %s.", b.outSchema, b.outData))
	}
	if v.ServerResolvesPath(e) {
		notes = append(notes, fmt.Sprintf("%s resolves a relative path in the server's own working directory, so the path is made absolute with $PWD.", name(e)))
	}
	if b.opt.DataFile != "" {
		notes = append(notes, fmt.Sprintf("You gave the export %s, which the later steps use; skip this step if it is complete and current.", b.exportFile))
	}
	if e.Major == 3 {
		notes = append(notes, "Console writes both files on the client machine and refuses to overwrite an existing file.")
	}
	b.step("Export the data", onOld, []string{b.old(v.ExportData(e, b.db, b.outData, b.outSchema))}, notes...)
	b.step("Inspect the export", onAny, []string{shell("tqlmig", "inspect", b.exportFile)},
		"Reports the header, counts per label and whether the checksums match a recount; a truncated or damaged export fails here rather than halfway through the import.")
}

// carryOver is the command that copies the old schema, in one file or
// several, to the new schema's file.
func (b *builder) carryOver() string {
	if len(b.oldSchema) > 1 {
		return v.Cmd{Argv: append([]string{"cat"}, b.oldSchema...), Stdout: b.schema}.String()
	}
	return shell("cp", b.oldSchema[0], b.schema)
}

// shell renders one command line with every argument quoted for a POSIX
// shell where it needs it (file names with spaces or quotes), the one way
// every command of a plan is written.
func shell(argv ...string) string { return v.Cmd{Argv: argv}.String() }

func (b *builder) schemaSteps() {
	from, to := b.opt.From, b.opt.To
	ct := v.ConvertTarget(to)
	switch {
	case from.Major == 1 || (from.Major == 2 && to.Major == 3):
		b.remapFile = "remap.txt"
		b.step("Convert the schema", onAny,
			[]string{shell(append([]string{"tqlmig", "convert", "--to", ct, "-o", b.schema, "--remap-out", b.remapFile}, b.oldSchema...)...)},
			fmt.Sprintf("Rewrites the schema for %s and records every renamed label in %s (old=new per line).", name(to), b.remapFile),
			"Read the report: anything approximated or lost needs a decision before the data moves.")
	default:
		b.step("Carry the schema over", onAny,
			[]string{b.carryOver()},
			fmt.Sprintf("Both sides speak TypeQL %d; edit %s where the next step finds something %s rejects.", to.Major, b.schema, name(to)),
			"If you rename a type or role while editing, list it in remap.txt (old=new per line) for the data steps.")
	}
	if to.Major == 2 || to.Major == 3 {
		b.step("Check the schema offline", onAny,
			[]string{shell("tqlmig", "vet", "--to", ct, b.schema)},
			fmt.Sprintf("Finds what %s would reject at define time, before any server is involved.", name(to)))
	}
}

func (b *builder) dataSteps() {
	to := b.opt.To
	mode := v.Remap(to)
	fileScoped := v.ScopedRolesInExport(b.exporter)
	b.importFile = b.exportFile
	remapFile := b.remapFile
	userRemap := remapFile == ""
	if userRemap {
		remapFile = "remap.txt"
	}
	switch {
	case mode != v.RemapNone:
		args := "remap.args"
		b.remapTail = "$(cat " + args + ")"
		notes := []string{
			fmt.Sprintf("Writes the import arguments for %s, one old=new per line (a remap file the check step reads too): %s.", name(to), remapModeNote(mode)),
			fmt.Sprintf("An empty %s is fine: the import then gets no remap arguments.", args),
		}
		if mode == v.RemapScoped && !fileScoped {
			notes = append(notes,
				fmt.Sprintf("A 1.x role played in several relations cannot be remapped for %s (remap-shared-role). If tqlmig reports one, run `%s` instead, import import%s, and drop the remap arguments.",
					name(to), shell("tqlmig", "rewrite-data", "--remap", remapFile, "--scope-roles", "--schema", b.schema, b.exportFile, "-o", "import"+v.DataExt(to)), v.DataExt(to)))
		}
		if userRemap {
			notes = append(notes, fmt.Sprintf("Only if you renamed labels: without %s, skip this step and drop the remap arguments.", remapFile))
		}
		b.step("Turn the renames into import arguments", onAny,
			[]string{shell("tqlmig", "remap", "--remap", remapFile, "--schema", b.schema, "--data", b.exportFile, "--to", to.String(), "-o", args)},
			notes...)
	default:
		scope := v.Roles(to) == v.RoleScopedOnly && !fileScoped
		out := "import" + v.DataExt(to)
		argv := []string{"tqlmig", "rewrite-data", "--remap", remapFile}
		if scope {
			argv = append(argv, "--scope-roles", "--schema", b.schema)
		}
		cmd := shell(append(argv, b.exportFile, "-o", out)...)
		notes := []string{fmt.Sprintf("%s has no import-time remap, so renamed labels are rewritten in the file; checksums stay valid.", name(to))}
		if scope {
			notes = append(notes, fmt.Sprintf("--scope-roles writes each role label as relation:role, which %s requires and a %s export lacks.", name(to), name(b.exporter)))
		}
		switch {
		case userRemap && !scope:
			notes = append(notes, fmt.Sprintf("Only if you renamed labels: otherwise skip this step and import %s itself.", b.exportFile))
			b.step("Rewrite renamed labels in the data file", onAny, []string{cmd}, notes...)
			b.note("If you ran the rewrite step, check and import %s instead of %s.", out, b.exportFile)
		default:
			if !scope {
				notes = append(notes, fmt.Sprintf("With an empty %s this only copies the file; you may then skip it and import %s itself.", remapFile, b.exportFile))
			}
			b.step("Rewrite the data file for the target", onAny, []string{cmd}, notes...)
			b.importFile = out
		}
	}
	check := []string{"tqlmig", "check", "--schema", b.schema, "--to", to.String()}
	if mode != v.RemapNone {
		check = append(check, "--remap", "remap.args")
	}
	b.step("Check the data against the new schema", onAny, []string{shell(append(check, b.importFile)...)},
		fmt.Sprintf("Applies what the %s importer enforces to every item and reports all problems at once; fix them before importing.", name(to)))
}

func remapModeNote(m v.RemapMode) string {
	switch m {
	case v.RemapGlobal:
		return "roles are global there, so role values stay unscoped"
	case v.RemapScoped:
		return "every role value must be its exact scoped name relation:role, so each role in a 1.x file gets an entry even when unchanged"
	case v.RemapNameOnly:
		return "the scope of a role is ignored there, so only renamed roles need an entry"
	}
	return "no remap"
}

func (b *builder) importSteps() {
	to := b.opt.To
	if !v.SchemaWithData(to) {
		notes := []string{fmt.Sprintf("The %s import adds data to an existing database that already holds the schema.", name(to))}
		if to.Major == 2 {
			notes = append(notes, "Console runs the --command arguments in order: create, open a schema write transaction, run the file's define, commit.")
		}
		b.step("Create the database and load the schema", onNew, []string{must(v.LoadSchema(to, b.db, b.schema))}, notes...)
	}
	var notes []string
	switch {
	case v.SchemaWithData(to) && to.Major == 3:
		// Console 3.4 "database import" always creates a new database.
		notes = append(notes, fmt.Sprintf("The import creates %s and defines %s in it first; no database of that name may exist.", b.db, b.schema))
	case v.SchemaWithData(to):
		notes = append(notes, fmt.Sprintf("The import creates %s and defines %s in it first; the database must not exist or must be empty.", b.db, b.schema))
	}
	if v.ServerResolvesPath(to) {
		notes = append(notes, fmt.Sprintf("%s resolves a relative path in the server's own working directory, so the path is made absolute with $PWD.", name(to)))
	}
	if to.Major == 3 {
		notes = append(notes, "Console asks for the admin password; the files are read on the client machine. Requires TypeDB 3.4 or later.")
	}
	switch {
	case v.ChecksumsRequired(to):
		notes = append(notes, "The importer verifies the checksums item against what it imported and fails on a mismatch.")
	case !v.ChecksumsVerified(to):
		notes = append(notes, fmt.Sprintf("%s ignores the checksums item: compare the counts from tqlmig inspect with the database yourself.", name(to)))
	default:
		notes = append(notes, "The importer compares the counts of the checksums item when the file has one.")
	}
	b.step("Import the data", onNew, []string{must(v.ImportData(to, b.db, b.importFile, b.schema, b.remapTail))}, notes...)
}

func (b *builder) warnings() {
	from, to, e := b.opt.From, b.opt.To, b.exporter
	if v.ImplicitRelations(from) {
		b.warn("implicit-relations", "%s stores ownership through implicit @has-…/@key-… relations. Their data (and anything that plays roles in them, or `via` in rules) is not migratable; ordinary ownerships are exported as such. tqlmig convert reports every schema use.", name(from))
	}
	if to.Major == 3 && from.Major < 3 {
		b.warn("attribute-owns-attribute", "TypeDB 3.x rejects attribute items that own attributes (AttributesOwningAttributes). Move such ownerships to entities or relations before exporting, or leave them out of the file with tqlmig rewrite-data --drop-attribute-ownerships; tqlmig convert reports them as lost.")
		b.warn("attribute-players", "TypeDB 3.x never resolves an attribute that plays a role; the import ends with IncompleteRolesOnDone. Remodel those roles before exporting, or leave those players out of the file with tqlmig rewrite-data --drop-attribute-players; tqlmig check --to 3 lists them.")
	}
	if limit := v.StringMaxBytes(to); limit > 0 {
		msg := fmt.Sprintf("%s rejects string values longer than %d UTF-8 bytes (ILLEGAL_STRING_SIZE), failing the import.", name(to), limit)
		if to.Newest().In("2.0", "2.0") {
			msg += " Pre-release 2.0 builds (before 2.0.0-alpha) allowed only 255 characters; reports of truncation around 250 characters concern those builds, so use a released 2.0.x and check long strings after the import."
		}
		b.warn("string-size", "%s", msg)
	}
	if v.ExportIDs(e) == v.IDLossy {
		b.warn("lossy-ids", "%s writes IDs through a lossy string conversion: two concepts can get the same ID and merge silently. tqlmig inspect reports duplicate IDs and IDs containing U+FFFD.", name(e))
	}
	if to.Newest().In("2.0", "2.2") {
		b.warn("lossy-import", "The %s importer keys its ID map by pre-commit IIDs, which change on commit (the reason 2.3 rewrote it): large imports are suspect. Prefer 2.3 or later where you can.", name(to))
	}
	if v.SkippedRelationRisk(to) {
		msg := fmt.Sprintf("The %s importer creates relations whose players are other relations in a last pass without counting them, so such data should end in a checksum mismatch after it is committed (from code reading).", name(to))
		if v.SkippedRelationsLoseOwnerships(to) {
			msg += " Before 2.6.3 those relations also lose their ownerships."
		}
		msg += " Prefer 2.8 or later, which imports nested and cyclic relations iteratively."
		b.warn("skipped-relations", "%s", msg)
	}
	switch {
	case v.TargetMustBeEmpty(to) && to.Major == 3:
		b.warn("target-not-empty", "%s imports only into a new database, which the import creates: drop or rename any database of that name first.", name(to))
	case v.TargetMustBeEmpty(to):
		b.warn("target-not-empty", "%s imports only into a database that does not exist or is empty (DATABASE_NOT_EMPTY otherwise).", name(to))
	}
	if from.Major == 1 && to.Major == 2 && v.Roles(to) == v.RoleExact {
		b.warn("unscoped-roles", "A 1.x export writes role labels unscoped, but %s looks roles up by exact scoped name: every role needs a remap argument (the remap step writes them).", name(to))
	}
	if !v.HasExport(to.Oldest()) && to.Major == 3 {
		b.warn("console-import", "Console 'database import' arrived in TypeDB 3.4.0; %s must be 3.4 or later.", to)
	}
}

// Commands returns every command of the plan, in order.
func (p *Plan) Commands() []string {
	var out []string
	for _, s := range p.Steps {
		out = append(out, s.Commands...)
	}
	return out
}

// Command returns the first command of the plan that starts with prefix, or "".
func (p *Plan) Command(prefix string) string {
	for _, c := range p.Commands() {
		if strings.HasPrefix(c, prefix) {
			return c
		}
	}
	return ""
}
