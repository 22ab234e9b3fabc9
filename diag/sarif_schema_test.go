package diag

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// subsetSchema is our own JSON schema for the part of SARIF 2.1.0 that
// WriteSARIF writes, written from the specification (see its description).
// The official schema is not in the repository: OASIS publishes it under
// its IPR policy, not an open-source licence. TestWriteSARIFOfficialSchema
// uses a copy of it when $SARIF_SCHEMA names one.
var subsetSchema = filepath.Join("testdata", "sarif-2.1.0-subset.schema.json")

// compileSchema compiles the JSON schema at path, asserting formats (uri,
// uri-reference), which the validator otherwise only annotates.
func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "file:///" + filepath.ToSlash(path)
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

func validateSARIF(t *testing.T, s *jsonschema.Schema, log []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(inst)
}

// sarifCases are the logs every schema must accept: the sample with every
// kind of location and optional part, and an empty run.
func sarifCases(t *testing.T) map[string][]byte {
	tool, rules, list := sarifSample()
	out := map[string][]byte{}
	for name, l := range map[string]List{"sample": list, "empty": nil} {
		var b bytes.Buffer
		if err := WriteSARIF(&b, tool, rules, l); err != nil {
			t.Fatal(err)
		}
		out[name] = b.Bytes()
	}
	return out
}

func TestWriteSARIFSchema(t *testing.T) {
	s := compileSchema(t, subsetSchema)
	for name, log := range sarifCases(t) {
		t.Run(name, func(t *testing.T) {
			if err := validateSARIF(t, s, log); err != nil {
				t.Errorf("SARIF output does not validate:\n%v", err)
			}
		})
	}
}

// TestSARIFSubsetSchemaRejects proves that the schema has teeth: each case
// breaks one rule of SARIF 2.1.0 in an otherwise valid log.
func TestSARIFSubsetSchemaRejects(t *testing.T) {
	s := compileSchema(t, subsetSchema)
	const valid = `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"level":"error","message":{"text":"m"},` +
		`"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.gql"},"region":{"startLine":1,"startColumn":1}}}]}]}]}`
	if err := validateSARIF(t, s, []byte(valid)); err != nil {
		t.Fatalf("the base log does not validate: %v", err)
	}
	tests := []struct{ name, old, new string }{
		{"version", `"2.1.0"`, `"2.0.0"`},
		{"level", `"error"`, `"fatal"`},
		{"no message", `"message":{"text":"m"},`, ``},
		{"message without text or id", `{"text":"m"}`, `{"markdown":"m"}`},
		{"line 0", `"startLine":1`, `"startLine":0`},
		{"column 0", `"startColumn":1`, `"startColumn":0`},
		{"no driver name", `{"name":"x"}`, `{}`},
		{"region without start", `"startLine":1,"startColumn":1`, `"byteLength":3`},
		{"column without line", `"startLine":1,"startColumn":1`, `"byteOffset":0,"startColumn":1`},
		{"unknown property", `"level":"error"`, `"level":"error","severity":"high"`},
		{"columnKind", `"tool":`, `"columnKind":"runes","tool":`},
		{"bad uri reference", `"a.gql"`, `"a b\\c%zz"`},
		{"empty fix", `"level":"error"`, `"level":"error","fixes":[{"artifactChanges":[]}]`},
		{"negative rule index", `"level":"error"`, `"level":"error","ruleIndex":-2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(valid, tt.old, tt.new, 1)
			if bad == valid {
				t.Fatalf("case does not change the log: %q", tt.old)
			}
			if validateSARIF(t, s, []byte(bad)) == nil {
				t.Errorf("accepted:\n%s", bad)
			}
		})
	}
}

// TestWriteSARIFOfficialSchema validates against the official SARIF 2.1.0
// schema when $SARIF_SCHEMA names a copy (see subsetSchema for why it is
// not shipped): https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json
func TestWriteSARIFOfficialSchema(t *testing.T) {
	path := os.Getenv("SARIF_SCHEMA")
	if path == "" {
		t.Skip("$SARIF_SCHEMA is not set; the subset schema test ran instead")
	}
	s := compileSchema(t, path)
	for name, log := range sarifCases(t) {
		t.Run(name, func(t *testing.T) {
			if err := validateSARIF(t, s, log); err != nil {
				t.Errorf("SARIF output does not validate against %s:\n%v", path, err)
			}
		})
	}
}
