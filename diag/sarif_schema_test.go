//go:build sarifschema

// This test needs github.com/santhosh-tekuri/jsonschema/v6 in go.mod and the
// SARIF 2.1.0 schema, which is published by OASIS under its IPR policy
// rather than an open-source licence and so is not shipped in this
// repository. Put it at diag/testdata/sarif-schema-2.1.0.json or name it in
// $SARIF_SCHEMA, then run: go test -tags sarifschema ./diag/
// (Schema: https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json)

package diag

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestWriteSARIFSchema(t *testing.T) {
	path := os.Getenv("SARIF_SCHEMA")
	if path == "" {
		path = filepath.Join("testdata", "sarif-schema-2.1.0.json")
	}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("no SARIF schema at %s (set $SARIF_SCHEMA)", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // check "uri" and "uri-reference" too
	if err := c.AddResource(SARIFSchema, schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(SARIFSchema)
	if err != nil {
		t.Fatal(err)
	}

	tool, rules, list := sarifSample()
	cases := map[string]List{"sample": list, "empty": nil}
	for name, l := range cases {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSARIF(&b, tool, rules, l); err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(&b)
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("SARIF output does not validate:\n%v", err)
			}
		})
	}

	// The validator must reject what the schema forbids, or the test above
	// proves nothing.
	bad, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"level":"fatal","message":{"text":"m"}}]}]}`)))
	if schema.Validate(bad) == nil {
		t.Error("a result with level \"fatal\" validated")
	}
}
