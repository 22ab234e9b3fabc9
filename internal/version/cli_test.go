package version

import (
	"strings"
	"testing"
)

// cliTable is export-format.md §8 transcribed by hand, one row per version
// range, with the optional parts ([--no-anim]) left out. Placeholders: <db>,
// <file>, <schema>, <port>, <remap>. Every version listed in a row is checked
// against the row, so a change to the generator that drifts from the
// reference fails here.
var cliTable = []struct {
	versions []string
	export   string
	schema   string // schema export, for versions whose data export lacks it
	load     string // schema load before import, "" where the import carries it
	imp      string
}{
	{
		versions: []string{"1.7.3"},
		export:   "grakn server export <db> <file>",
		schema:   "grakn server schema <db>",
		load:     "grakn console --keyspace <db> --file <schema>",
		imp:      "grakn server import <db> <file>",
	},
	{
		versions: []string{"1.8.1", "1.8.4", "1.8"},
		export:   "grakn server export <db> <file>",
		schema:   "grakn server schema <db>",
		load:     "grakn console --keyspace <db> --file <schema>",
		imp:      "grakn server import <db> <file> <remap>",
	},
	{
		versions: []string{"2.0.0", "2.0.2", "2.0"},
		export:   "grakn server export <db> <file>",
		schema:   `grakn console --command="database schema <db>" | tail -n +2`,
		load:     `grakn console --command="database create <db>" --command="transaction <db> schema write" --command="source <schema>" --command=commit`,
		imp:      "grakn server import <db> <file> <remap>",
	},
	{
		versions: []string{"2.1.0", "2.2.0", "2.3.0", "2.4.0", "2.5.0"},
		export:   "typedb server export <db> <file>",
		schema:   `typedb console --command="database schema <db>" | tail -n +2`,
		load:     `typedb console --command="database create <db>" --command="transaction <db> schema write" --command="source <schema>" --command=commit`,
		imp:      "typedb server import <db> <file> <remap>",
	},
	{
		versions: []string{"2.6.0", "2.8.0", "2.12.0", "2.18.0"},
		export:   "typedb server export --database=<db> --file=<file> --port=1729",
		schema:   `typedb console --command="database schema <db>" | tail -n +2`,
		load:     `typedb console --command="database create <db>" --command="transaction <db> schema write" --command="source <schema>" --command=commit`,
		imp:      "typedb server import --database=<db> --file=<file> --port=1729",
	},
	{
		versions: []string{"2.19.0", "2.25.7", "2.29.1", "2.29"},
		export:   "typedb server export --database=<db> --port=1729 --schema=<schema> --data=<file>",
		imp:      "typedb server import --database=<db> --port=1729 --schema=<schema> --data=<file>",
	},
	{
		versions: []string{"3.4.0", "3.8", "3.x"},
		export:   `typedb console --address=localhost:1729 --username=admin --tls-disabled --command="database export <db> <schema> <file>"`,
		imp:      `typedb console --address=localhost:1729 --username=admin --tls-disabled --command="database import <db> <schema> <file>"`,
	},
}

func TestCLITable(t *testing.T) {
	const db, file, schema, remap = "social", "/data/social.typedb", "/data/schema.tql", "$(cat remap.args)"
	fill := func(s string) string {
		return strings.NewReplacer("<db>", db, "<file>", file, "<schema>", schema, "<remap>", remap).Replace(s)
	}
	for _, row := range cliTable {
		for _, vs := range row.versions {
			v := MustParse(vs)
			check := func(what string, c Cmd, err error, want string) {
				t.Helper()
				if want == "" {
					if err == nil {
						t.Errorf("%s %s: got %q, want an error (the reference has no such step)", vs, what, c)
					}
					return
				}
				if err != nil {
					t.Errorf("%s %s: %v", vs, what, err)
					return
				}
				if got := c.String(); got != fill(want) {
					t.Errorf("%s %s:\n got %s\nwant %s", vs, what, got, fill(want))
				}
			}
			c, err := ExportData(v, db, file, schema)
			check("export", c, err, row.export)
			c, err = ExportSchema(v, db, "")
			check("schema export", c, err, row.schema)
			c, err = LoadSchema(v, db, schema)
			check("schema load", c, err, row.load)
			tail := ""
			if strings.Contains(row.imp, "<remap>") {
				tail = remap
			}
			c, err = ImportData(v, db, file, schema, tail)
			check("import", c, err, row.imp)
		}
	}
}

func TestCLIRelativePaths(t *testing.T) {
	for _, tc := range []struct {
		v, want string
	}{
		// 2.0–2.6.2 send the path to the server as written
		// (typedb@2.6.2:migrator/MigratorClient.java setFilename(filename)).
		{"2.0.2", "grakn server import db $PWD/data.grakn"},
		{"2.4.0", "typedb server import db $PWD/data.grakn"},
		{"2.6.2", "typedb server import --database=db --file=$PWD/data.grakn --port=1729"},
		// 1.x and 2.6.3+ make the path absolute themselves
		// (typedb@2.6.3:migrator/MigratorClient.java file.toAbsolutePath()).
		{"1.8.4", "grakn server import db data.grakn"},
		{"2.6.3", "typedb server import --database=db --file=data.grakn --port=1729"},
		{"2.7.1", "typedb server import --database=db --file=data.grakn --port=1729"},
		{"2.8.0", "typedb server import --database=db --file=data.grakn --port=1729"},
	} {
		c, err := ImportData(MustParse(tc.v), "db", "data.grakn", "s.tql", "")
		if err != nil || c.String() != tc.want {
			t.Errorf("ImportData(%s) = %q, %v; want %q", tc.v, c, err, tc.want)
		}
	}
}

func TestCLIErrors(t *testing.T) {
	if _, err := ImportData(MustParse("2.6.0"), "db", "f", "s", "a=b"); err == nil {
		t.Error("2.6.0 import accepted remap arguments")
	}
	if _, err := ImportData(MustParse("1.7.3"), "db", "f", "s", "a=b"); err == nil {
		t.Error("1.7.3 import accepted remap arguments")
	}
	for _, v := range []string{"1.6.2", "1.8.0", "3.3.0"} {
		if _, err := ExportData(MustParse(v), "db", "f", "s"); err == nil {
			t.Errorf("%s: export generated for a version without one", v)
		}
	}
}

func TestQuote(t *testing.T) {
	for _, tc := range []struct {
		argv []string
		want string
	}{
		{[]string{"a", "b c"}, `a "b c"`},
		{[]string{"--command=x y"}, `--command="x y"`},
		{[]string{"--command=say $x"}, `--command='say $x'`},
		{[]string{"it's"}, `"it's"`},
		{[]string{"it's $x"}, `'it'\''s $x'`},
		{[]string{"$PWD/a.grakn", "$HOME/a"}, `$PWD/a.grakn '$HOME/a'`},
		{[]string{"$PWD/my data.grakn"}, `"$PWD/my data.grakn"`},
		{[]string{"--file=$PWD/it's $x"}, `--file="$PWD/"'it'\''s $x'`},
		{[]string{""}, `""`},
	} {
		if got := (Cmd{Argv: tc.argv}).String(); got != tc.want {
			t.Errorf("quote %q = %s, want %s", tc.argv, got, tc.want)
		}
	}
	c := Cmd{Argv: []string{"x"}, Pipe: []string{"tail", "-n", "+2"}, Stdout: "out file"}
	if got, want := c.String(), `x | tail -n +2 > "out file"`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
