package grammar

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestParseBehaviour3x is the 3.x parser conformance check of issue 14:
// every schema query of ../shared/corpus/behaviour-3x (TypeDB's 3.x
// behaviour suite at the commit typeql 3.10.4 tests against) that its
// scenario expects to parse should parse without a syntax error as TypeQL
// 3.x, and every "; parsing fails" query should get one or be read as
// another dialect only (the union grammar keeps 1.x and 2.x constructs, and
// their features tell the loader the file is not 3.x). The queries where tqlmig does not
// agree yet are listed in testdata/behaviour3x-disagree.txt, so that every
// change to the agreement, better or worse, shows in review; -update
// rewrites the list.
func TestParseBehaviour3x(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedDir, "corpus", "behaviour-3x", "*.feature"))
	if len(files) == 0 {
		t.Skip("../shared/corpus/behaviour-3x not present")
	}
	agree := 0
	var bad []string
	for _, path := range files {
		for _, d := range readDocstrings(t, path) {
			f, diags := Parse(d.file, []byte(d.text))
			where := d.file + ":" + strconv.Itoa(d.line) + ": " + d.scenario + ": "
			// A query that parses but only as another dialect is not
			// TypeQL 3.x: the loader refuses it for --to 3.
			not3 := !diags.HasErrors() && f.Dialect()&TypeQL3 == 0
			switch {
			case d.parseFails == (diags.HasErrors() || not3):
				agree++
			case d.parseFails:
				bad = append(bad, where+"parses, but the suite says parsing fails")
			case not3:
				bad = append(bad, where+"parses as "+f.Dialect().String()+", not TypeQL 3")
			default:
				e := diags.Errors()[0]
				bad = append(bad, where+e.Range.String()[len(d.file)+1:]+": "+e.Message)
			}
		}
	}
	sort.Strings(bad)
	got := strings.Join(bad, "\n") + "\n"
	path := filepath.Join("testdata", "behaviour3x-disagree.txt")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want, err := os.ReadFile(path); err != nil || string(want) != got {
		t.Errorf("the disagreements with the 3.x behaviour suite changed (%d now; run with -update and review the diff of %s)", len(bad), path)
	}
	t.Logf("%d of %d schema queries agree with the 3.x behaviour suite", agree, agree+len(bad))
}
