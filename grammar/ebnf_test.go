package grammar

import (
	"os"
	"path/filepath"
	"testing"
)

// TestEBNF fails when the committed grammar (testdata/graql.ebnf, the
// participle grammar printed as EBNF) is stale; -update rewrites it, so
// grammar changes show up in review.
func TestEBNF(t *testing.T) {
	path := filepath.Join("testdata", "graql.ebnf")
	got := fileParser.String() + "\n"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestEBNF -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s is stale: run go test ./grammar -run TestEBNF -update", path)
	}
}
