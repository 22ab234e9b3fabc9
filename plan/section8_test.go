package plan

import (
	"regexp"
	"strings"
	"testing"

	v "github.com/tqlmig/tqlmig/internal/version"
)

// section8 is the CLI cheat-sheet of export-format.md §8, transcribed by
// hand: for each version range, the export and import command shapes as the
// reference writes them. Placeholders: <db>, <file>, <schema>, <port>;
// "[…]" parts are optional. A plan whose export or import line does not fit
// its row fails TestSection8, whatever the generator does.
var section8 = []struct {
	lo, hi      string // version range, hi covering its whole line when short
	export, imp string
}{
	{"1.7.3", "1.8", "grakn server export [--no-anim] <db> <file>.grakn", "grakn server import [--no-anim] <db> <file>.grakn [old=new …]"},
	{"2.0", "2.0", "grakn server export <db> <file>", "grakn server import <db> <file> [old=new …]"},
	{"2.1", "2.5", "typedb server export <db> <file>", "typedb server import <db> <file> [old=new …]"},
	{"2.6", "2.18", "typedb server export --database=<db> --file=<file> --port=<port>", "typedb server import --database=<db> --file=<file> --port=<port>"},
	{"2.19", "2.29", "typedb server export --database=<db> --port=<port> --schema=<schema>.tql --data=<file>.typedb", "typedb server import --database=<db> --port=<port> --schema=<schema>.tql --data=<file>.typedb"},
	{"3.4", "3", "database export <db> <schema> <file>", "database import <db> <schema> <file>"},
}

// shape turns a §8 command shape into a regular expression.
func shape(s string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^`)
	word := `(?:"\$HOP_HOME"/)?`
	if strings.HasPrefix(s, "database ") {
		// 3.x: a Console --command; the rest of the Console line is free.
		b.WriteString(`.*--command="`)
		word = ""
	}
	b.WriteString(word)
	for i, tok := range strings.Fields(s) {
		opt := strings.HasPrefix(tok, "[")
		tok = strings.Trim(tok, "[]")
		var re string
		switch {
		case tok == "…":
			continue
		case tok == "old=new":
			re = `\$\(cat remap\.args\)`
		default:
			// §2: extensions are customary, not checked; a 2.0 export
			// (.grakn) goes into 2.19+ as it is.
			tok = strings.NewReplacer("<file>.grakn", "<file>.EXT", "<file>.typedb", "<file>.EXT").Replace(tok)
			re = strings.ReplaceAll(regexp.QuoteMeta(tok), `\.EXT`, `\.(?:grakn|typedb)`)
			for _, ph := range []string{"<db>", "<file>", "<schema>", "<port>"} {
				re = strings.ReplaceAll(re, regexp.QuoteMeta(ph), `[^ "]+?`)
			}
		}
		if i > 0 {
			re = ` ` + re
		}
		if opt {
			re = `(?:` + re + `)?`
		}
		b.WriteString(re)
	}
	if word == "" {
		b.WriteString(`"`)
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

func row8(x v.V) int {
	e := x.Newest()
	for i, r := range section8 {
		if e.In(r.lo, r.hi) {
			return i
		}
	}
	return -1
}

// TestSection8 plans every pair of a spread of versions and checks each
// plan's export and import lines against the §8 row of their version.
func TestSection8(t *testing.T) {
	versions := []string{"1.5.9", "1.6.2", "1.7.3", "1.8.0", "1.8.4", "2.0.2", "2.1.0", "2.4.0", "2.5.0",
		"2.6.3", "2.8.0", "2.12.0", "2.18.0", "2.19.1", "2.25", "2.29.1", "3.4.0", "3.x"}
	planned := 0
	for _, fs := range versions {
		for _, ts := range versions {
			from, to := v.MustParse(fs), v.MustParse(ts)
			p, err := Build(Options{From: from, To: to, Database: "db"})
			if err != nil {
				continue // not a pair with a plan; TestBuildErrors covers those
			}
			planned++
			exporter := from
			if h, ok := v.Hop(from); ok {
				exporter = h
			}
			exp, imp := findLine(p, " export "), findLine(p, " import ")
			if r := row8(exporter); r < 0 || !shape(section8[r].export).MatchString(exp) {
				t.Errorf("%s→%s: export line %q does not fit §8 for %s", fs, ts, exp, exporter)
			}
			if r := row8(to); r < 0 || !shape(section8[r].imp).MatchString(imp) {
				t.Errorf("%s→%s: import line %q does not fit §8 for %s", fs, ts, imp, to)
			}
		}
	}
	if planned < 100 {
		t.Errorf("only %d pairs planned", planned)
	}
}

// findLine returns the server or Console export/import command of p.
func findLine(p *Plan, verb string) string {
	for _, c := range p.Commands() {
		if strings.HasPrefix(c, "tqlmig ") {
			continue
		}
		if strings.Contains(c, " server"+verb) || strings.Contains(c, "database"+verb) {
			return c
		}
	}
	return ""
}

func TestShapes(t *testing.T) {
	for _, tc := range []struct {
		shape, line string
		ok          bool
	}{
		{"grakn server import [--no-anim] <db> <file>.grakn [old=new …]", "grakn server import db export.grakn $(cat remap.args)", true},
		{"grakn server import [--no-anim] <db> <file>.grakn [old=new …]", "grakn server import --no-anim db export.grakn", true},
		{"grakn server import [--no-anim] <db> <file>.grakn [old=new …]", "grakn server import db export.typedb extra", false},
		{"grakn server import [--no-anim] <db> <file>.grakn [old=new …]", "grakn server import db export.tql", false},
		{"typedb server export --database=<db> --file=<file> --port=<port>", "typedb server export --database=db --port=1729 --file=f", false},
		{"database import <db> <schema> <file>", `typedb console --command="database import db s.tql d.typedb"`, true},
		{"database import <db> <schema> <file>", `typedb console --command="database import db s.tql"`, false},
	} {
		if got := shape(tc.shape).MatchString(tc.line); got != tc.ok {
			t.Errorf("shape %q matching %q = %v, want %v", tc.shape, tc.line, got, tc.ok)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"1.4.0", "1.2", "no migration path from Grakn 1.4.0"},
		{"1.4.0", "2.29", "no migration path"},
		{"1.8.4", "1.7.3", "cannot be a migration target"},
		{"1.7.3", "1.8.4", "tqlmig convert does not write Graql 1.8"},
		{"2.29.1", "2.12.0", "not newer"},
		{"2.29.1", "2.29.1", "not newer"},
		{"2.29.1", "3.2", "cannot import export files"},
		{"3.2.0", "3.x", "has no data export"},
		{"3.x", "2.29", "not newer"},
	} {
		_, err := Build(Options{From: v.MustParse(tc.from), To: v.MustParse(tc.to)})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Build(%s→%s) error = %v, want one containing %q", tc.from, tc.to, err, tc.want)
		}
	}
}
