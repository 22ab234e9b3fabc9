package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlanCommand(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		code   int
		stdout string // substring of stdout ("" means stdout must be empty)
		stderr string // substring of stderr ("" means stderr must be empty)
	}{
		{[]string{"plan", "--from", "1.8.4", "--to", "2.0.2", "--database", "social"}, exitOK,
			"grakn server import social $PWD/export.grakn $(cat remap.args)", ""},
		{[]string{"plan", "--from", "2.12.0", "--to", "2.29.1"}, exitOK,
			"typedb server import --database=DATABASE --port=1729 --schema=schema.tql --data=export.typedb", ""},
		{[]string{"plan", "--from", "1.4.0", "--to", "1.2"}, exitBad, "",
			"tqlmig plan: no migration path from Grakn 1.4.0"},
		{[]string{"plan", "--from", "2.29", "--to", "2.12"}, exitBad, "", "is not newer than --from 2.29"},
		{[]string{"plan", "--from", "2.29.1", "--to", "3.2"}, exitBad, "", "'database import' arrived in 3.4.0"},
		{[]string{"plan", "--to", "2.29"}, exitBad, "", "--from VERSION is required"},
		{[]string{"plan", "--from", "1.8.4"}, exitBad, "", "--to VERSION is required"},
		{[]string{"plan", "--from", "one", "--to", "2"}, exitBad, "", `--from: invalid version "one"`},
		{[]string{"plan", "--from", "1.8.4", "--to", "2", "--format", "yaml"}, exitBad, "", "--format must be text or json"},
		{[]string{"plan", "--from", "1.8.4", "--to", "2", "extra"}, exitBad, "", "takes no arguments"},
		{[]string{"plan", "--from", "1.8.4", "--to", "2.29.1", "--data", "/nonexistent/x.grakn"}, exitFindings,
			"data /nonexistent/x.grakn: problem:", ""},
	} {
		code, out, errs := runCmd(t, tc.args...)
		name := strings.Join(tc.args, " ")
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d (stderr %q)", name, code, tc.code, errs)
		}
		if tc.stdout == "" && out != "" || !strings.Contains(out, tc.stdout) {
			t.Errorf("%s: stdout %q, want it to contain %q", name, out, tc.stdout)
		}
		if tc.stderr == "" && errs != "" || !strings.Contains(errs, tc.stderr) {
			t.Errorf("%s: stderr %q, want it to contain %q", name, errs, tc.stderr)
		}
	}
}

func TestPlanJSON(t *testing.T) {
	code, out, errs := runCmd(t, "plan", "--from", "2.29.1", "--to", "3.x", "--database", "db", "--format", "json")
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var doc struct {
		From, To string
		Steps    []struct {
			N        int
			Title    string
			Commands []string
		}
		Warnings []struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if doc.From != "2.29.1" || doc.To != "3.x" || len(doc.Steps) == 0 {
		t.Fatalf("document = %+v", doc)
	}
	last := doc.Steps[len(doc.Steps)-1]
	want := `typedb console --address=localhost:1729 --username=admin --tls-disabled --command="database import db schema.tql import.typedb"`
	if len(last.Commands) != 1 || last.Commands[0] != want {
		t.Errorf("last step %+v, want the command %s", last, want)
	}
	codes := map[string]bool{}
	for _, w := range doc.Warnings {
		codes[w.Code] = true
	}
	for _, c := range []string{"attribute-owns-attribute", "attribute-players"} {
		if !codes[c] {
			t.Errorf("warning %s missing from %v", c, codes)
		}
	}
}

// TestPlanInlineChecks runs the checks on the real 1.8.4 export, whose
// seven attribute items owning attributes a 3.x import refuses.
func TestPlanInlineChecks(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "exports", "typedb-1.8.4-assembly")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("corpus not present")
	}
	schema, data := filepath.Join(dir, "schema.gql"), filepath.Join(dir, "simulation.grakn")
	code, out, _ := runCmd(t, "plan", "--from", "1.8.4", "--to", "2.29.1", "--schema", schema, "--data", data)
	if code != exitOK {
		t.Errorf("1.8.4→2.29.1 with the corpus export: exit %d, want 0\n%s", code, out)
	}
	for _, want := range []string{
		"1 query in graql-1.8, which --from 1.8.4 speaks",
		`written by 1.x, as expected from Grakn 1.8.4 (header "1.7.3", database "grakn")`,
		"all five counts match a recount (6720 entities, 15517 attributes, 8319 relations, 17338 role players, 28492 ownerships)",
		"tqlmig convert --to 2.29 -o schema.tql --remap-out remap.txt " + schema,
		"tqlmig inspect " + data,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCmd(t, "plan", "--from", "1.8.4", "--to", "3.x", "--data", data)
	if code != exitFindings || !strings.Contains(out, "7 attribute items own attributes") {
		t.Errorf("1.8.4→3.x: exit %d, want 1 and the attribute-owner finding\n%s", code, out)
	}
	code, out, _ = runCmd(t, "plan", "--from", "2.29.1", "--to", "3.x", "--data", data, "--schema", schema)
	if code != exitFindings || !strings.Contains(out, "written by 1.x, not by 2.3–2.29") || !strings.Contains(out, "but --from 2.29.1 speaks typeql-2") {
		t.Errorf("mismatched --from: exit %d, want 1 with producer and dialect problems\n%s", code, out)
	}
}
