package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMigrateFailureLeavesNothing breaks the export in the middle, where
// inspect reports findings but the rewrite (after writing part of
// data.typedb) fails: the run exits 2 and leaves neither the output
// directory nor its staging directory.
func TestMigrateFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	schemaPath := filepath.Join(dir, "s.gql")
	os.WriteFile(schemaPath, []byte("define\nname sub attribute, datatype string;\nowns sub attribute, datatype string;\n"+
		"company sub entity, has name, has owns;\n"), 0o644)
	data := filepath.Join(dir, "d.grakn")
	var out, errb bytes.Buffer
	if code := run([]string{"gen-data", "--schema", schemaPath, "--items", "400", "-o", data}, nil, &out, &errb); code != exitOK {
		t.Fatalf("gen-data: %s", errb.String())
	}
	b, _ := os.ReadFile(data)
	// The tag before a "company" label in the second half becomes wire
	// type 7, which no protobuf parser accepts.
	i := bytes.Index(b[len(b)/2:], []byte("\x07company"))
	if i < 0 {
		t.Fatal("no company label in the second half")
	}
	b[len(b)/2+i-1] = 0x07
	os.WriteFile(data, b, 0o644)

	outDir := filepath.Join(dir, "out")
	out.Reset()
	errb.Reset()
	code := run([]string{"migrate", "--schema", schemaPath, "--data", data, "-o", outDir}, nil, &out, &errb)
	if code != exitBad {
		t.Fatalf("exit %d, want 2; stdout:\n%s\nstderr:\n%s", code, out.String(), errb.String())
	}
	if !strings.Contains(errb.String(), "tqlmig migrate: cannot rewrite") || !strings.Contains(errb.String(), "nothing written") {
		t.Errorf("stderr:\n%s", errb.String())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "s.gql" && e.Name() != "d.grakn" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
