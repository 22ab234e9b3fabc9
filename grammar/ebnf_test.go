package grammar

import (
	"os"
	"path/filepath"
	"testing"
)

// TestEBNF fails when a committed grammar (testdata/graql.ebnf, the
// participle grammar printed as EBNF, and testdata/fun.ebnf, that of a 3.x
// function) is stale; -update rewrites it, so
// grammar changes show up in review.
func TestEBNF(t *testing.T) {
	for path, got := range map[string]string{
		filepath.Join("testdata", "graql.ebnf"): fileParser.String() + "\n",
		filepath.Join("testdata", "fun.ebnf"):   funParser.String() + "\n",
	} {
		checkEBNF(t, path, got)
	}
}

func checkEBNF(t *testing.T, path, got string) {
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
