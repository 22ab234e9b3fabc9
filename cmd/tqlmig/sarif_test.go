package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSubsetSchema is diag's JSON schema of the SARIF 2.1.0 subset tqlmig
// writes (see diag/sarif_schema_test.go).
var sarifSubsetSchema = filepath.Join("..", "..", "diag", "testdata", "sarif-2.1.0-subset.schema.json")

// TestFormatSARIF runs every command that reports findings with --format
// sarif on input that has findings, and validates the log against the
// SARIF 2.1.0 subset schema.
func TestFormatSARIF(t *testing.T) {
	f, err := os.Open(sarifSubsetSchema)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	old := write("old.gql", "define\nname sub attribute, datatype string;\nowns sub attribute, datatype string;\n"+
		"company sub entity, has name, has owns, plays employer;\nperson sub entity, has name, plays employee;\n"+
		"employment sub relation, relates employer, relates employee;\n")
	bad2x := write("bad.tql", "define\nperson sub entity, owns nmae;\nname sub attribute, value string;\n")
	data := filepath.Join(dir, "old.grakn")
	newSchema := filepath.Join(dir, "new.tql")
	truncated := filepath.Join(dir, "truncated.grakn")
	for _, args := range [][]string{
		{"gen-data", "--schema", old, "--items", "200", "-o", data},
		{"convert", "-o", newSchema, old},
	} {
		var out, errb bytes.Buffer
		if code := run(args, nil, &out, &errb); code > exitFindings {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
	}
	b, _ := os.ReadFile(data)
	os.WriteFile(truncated, b[:len(b)-7], 0o644)

	tests := []struct {
		name    string
		args    []string
		stderr  bool // the log is on stderr (convert: stdout carries the schema)
		results bool // the log must hold at least one result
	}{
		{"vet", []string{"vet", "--format", "sarif", bad2x}, false, true},
		{"convert", []string{"convert", "--format", "sarif", old}, true, true},
		{"check", []string{"check", "--format", "sarif", "--schema", newSchema, data}, false, true},
		{"inspect", []string{"inspect", "--format", "sarif", truncated}, false, true},
		{"rewrite-data", []string{"rewrite-data", "--format", "sarif", "--remap", "nosuch=other", data, "-o", filepath.Join(dir, "re.grakn")}, false, true},
		{"remap", []string{"remap", "--format", "sarif", "--remap", "nosuch=name", "--schema", newSchema, "--data", data}, false, true},
		{"migrate", []string{"migrate", "--cardinality", "tighten", "--format", "sarif", "--schema", old, "--data", data, "--to", "3.x", "-o", filepath.Join(dir, "out")}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tt.args, nil, &out, &errb)
			if code == exitBad {
				t.Fatalf("exit 2: %s", errb.String())
			}
			log := out.Bytes()
			if tt.stderr {
				log = errb.Bytes()
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
			if err != nil {
				t.Fatalf("not JSON: %v\n%s", err, log)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("SARIF does not validate: %v", err)
			}
			var l struct {
				Runs []struct {
					Results []json.RawMessage `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(log, &l); err != nil || len(l.Runs) != 1 {
				t.Fatalf("runs: %v", err)
			}
			if tt.results && len(l.Runs[0].Results) == 0 {
				t.Errorf("no results: the case tests nothing")
			}
		})
	}
}
