package version

import (
	"fmt"
	"strconv"
	"strings"
)

// This file writes the server and Console command lines of each version
// (export-format.md §8, checked against the upstream CLI parsers: 1.7.3 and
// 1.8.4 GraknDaemon, 2.0 RunOptions, 2.8/2.29 subcommand parsers; Console
// options from typedb-console at 1.0.x, 2.x and 3.4.0).
//
// Every command assumes a server on the same machine at its default port.

// Cmd is one shell command line: argv, optionally piped through Pipe and
// redirected to Stdout.
type Cmd struct {
	Argv []string
	// Tail is appended verbatim after the quoted argv, for shell expansions
	// such as "$(cat remap.args)". Empty in most commands.
	Tail   string
	Pipe   []string // a filter command the output goes through
	Stdout string   // file the output is written to; "" for the terminal
}

// String renders the command for a POSIX shell. Arguments are quoted only
// when needed; a value after "--flag=" is quoted on its own so that the flag
// stays readable. A leading "$PWD/" is left for the shell to expand.
func (c Cmd) String() string {
	var b strings.Builder
	for i, a := range c.Argv {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(quoteArg(a))
	}
	if c.Tail != "" {
		b.WriteByte(' ')
		b.WriteString(c.Tail)
	}
	if len(c.Pipe) > 0 {
		b.WriteString(" |")
		for _, a := range c.Pipe {
			b.WriteByte(' ')
			b.WriteString(quoteArg(a))
		}
	}
	if c.Stdout != "" {
		b.WriteString(" > ")
		b.WriteString(quoteArg(c.Stdout))
	}
	return b.String()
}

func quoteArg(a string) string {
	if strings.HasPrefix(a, "--") {
		if name, val, ok := strings.Cut(a, "="); ok && safeWord(name) {
			return name + "=" + quoteWord(val)
		}
	}
	return quoteWord(a)
}

func quoteWord(s string) string {
	if rest, ok := strings.CutPrefix(s, "$PWD/"); ok {
		// $PWD must still expand when the file name needs quoting.
		switch {
		case safeWord(rest):
			return s
		case !strings.ContainsAny(rest, "\"$`\\!"):
			return `"` + s + `"`
		}
		return `"$PWD/"` + quoteWord(rest)
	}
	if s != "" && safeWord(s) {
		return s
	}
	if !strings.ContainsAny(s, "\"$`\\!") {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func safeWord(s string) bool {
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		case strings.ContainsRune("_@%+=:,./-", r):
		default:
			return false
		}
	}
	return true
}

// serverPath is how a data or schema file path must be passed to the server
// CLI at v: servers that resolve relative paths themselves get "$PWD/" so the
// file is found where the user stands.
func serverPath(v V, p string) string {
	if ServerResolvesPath(v) && !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "$") {
		return "$PWD/" + p
	}
	return p
}

// Console3Argv is the start of a TypeDB 3.x Console invocation against a
// local server: --address and --username are required by the 3.x Console
// (the password is asked for), and a local CE server runs without TLS.
func Console3Argv() []string {
	return []string{"typedb", "console", "--address=localhost:1729", "--username=admin", "--tls-disabled"}
}

// consoleArgv starts a Console invocation at v with the given commands.
func consoleArgv(v V, commands ...string) []string {
	var argv []string
	if v.eval().Major == 3 {
		argv = Console3Argv()
	} else {
		argv = []string{Binary(v), "console"}
	}
	for _, c := range commands {
		argv = append(argv, "--command="+c)
	}
	return argv
}

// ExportData is the command that exports database db at v: its data to
// dataFile and, where the export carries it (2.19+, 3.4+), the schema to
// schemaFile.
func ExportData(v V, db, dataFile, schemaFile string) (Cmd, error) {
	if !HasExport(v) {
		return Cmd{}, fmt.Errorf("%s %s has no data export", Product(v), v)
	}
	e := v.eval()
	port := "--port=" + strconv.Itoa(DefaultPort(v))
	switch {
	case e.Major == 1:
		return Cmd{Argv: []string{"grakn", "server", "export", db, dataFile}}, nil
	case e.Before("2.6"):
		return Cmd{Argv: []string{Binary(v), "server", "export", db, serverPath(v, dataFile)}}, nil
	case e.Before("2.19"):
		return Cmd{Argv: []string{"typedb", "server", "export", "--database=" + db, "--file=" + serverPath(v, dataFile), port}}, nil
	case e.Major == 2:
		return Cmd{Argv: []string{"typedb", "server", "export", "--database=" + db, port, "--schema=" + schemaFile, "--data=" + dataFile}}, nil
	}
	return Cmd{Argv: consoleArgv(v, "database export "+db+" "+schemaFile+" "+dataFile)}, nil
}

// ExportSchema is the command that writes the schema of db at v to out, for
// versions whose data export does not carry it (1.7.3–2.18). The 2.x Console
// echoes each --command as "+ …" on its first output line, which the pipe
// drops.
func ExportSchema(v V, db, out string) (Cmd, error) {
	e := v.eval()
	switch {
	case SchemaWithData(v):
		return Cmd{}, fmt.Errorf("%s %s exports the schema with the data", Product(v), v)
	case e.Major == 1:
		if !HasExport(v) {
			return Cmd{}, fmt.Errorf("Grakn %s has no schema export", v)
		}
		return Cmd{Argv: []string{"grakn", "server", "schema", db}, Stdout: out}, nil
	}
	return Cmd{Argv: consoleArgv(v, "database schema "+db), Pipe: []string{"tail", "-n", "+2"}, Stdout: out}, nil
}

// LoadSchema is the Console command that creates db at v and loads the
// schema file into it, for versions whose import needs an existing database
// holding the schema (1.8, 2.0–2.18).
func LoadSchema(v V, db, schemaFile string) (Cmd, error) {
	e := v.eval()
	switch {
	case SchemaWithData(v):
		return Cmd{}, fmt.Errorf("%s %s creates the database and loads the schema during import", Product(v), v)
	case e.Major == 1:
		// The 1.x Console creates the keyspace on first use and commits a loaded file.
		return Cmd{Argv: []string{"grakn", "console", "--keyspace", db, "--file", schemaFile}}, nil
	}
	return Cmd{Argv: consoleArgv(v,
		"database create "+db,
		"transaction "+db+" schema write",
		"source "+schemaFile,
		"commit")}, nil
}

// ImportData is the command that imports dataFile into db at v. schemaFile is
// used where the import carries the schema (2.19+, 3.4+). remapTail, when not
// empty, is appended verbatim as the remap arguments (for example
// "$(cat remap.args)"); it is an error where v has no remap.
func ImportData(v V, db, dataFile, schemaFile, remapTail string) (Cmd, error) {
	if !HasExport(v) {
		return Cmd{}, fmt.Errorf("%s %s has no data import", Product(v), v)
	}
	if remapTail != "" && Remap(v) == RemapNone {
		return Cmd{}, fmt.Errorf("%s %s has no import-time remap", Product(v), v)
	}
	e := v.eval()
	port := "--port=" + strconv.Itoa(DefaultPort(v))
	switch {
	case e.Major == 1:
		return Cmd{Argv: []string{"grakn", "server", "import", db, dataFile}, Tail: remapTail}, nil
	case e.Before("2.6"):
		return Cmd{Argv: []string{Binary(v), "server", "import", db, serverPath(v, dataFile)}, Tail: remapTail}, nil
	case e.Before("2.19"):
		return Cmd{Argv: []string{"typedb", "server", "import", "--database=" + db, "--file=" + serverPath(v, dataFile), port}}, nil
	case e.Major == 2:
		return Cmd{Argv: []string{"typedb", "server", "import", "--database=" + db, port, "--schema=" + schemaFile, "--data=" + dataFile}}, nil
	}
	return Cmd{Argv: consoleArgv(v, "database import "+db+" "+schemaFile+" "+dataFile)}, nil
}
