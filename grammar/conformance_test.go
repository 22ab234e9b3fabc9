package grammar

import (
	"os"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// conformanceInputs gathers every valid and invalid input the tests know:
// corpus, examples, behaviour docstrings, error goldens, fuzz seeds and a
// generated schema in each dialect.
func conformanceInputs(t *testing.T) map[string]string {
	in := map[string]string{
		"gen-v1": genSchema(50_000, false),
		"gen-v2": genSchema(50_000, true),
	}
	for i, s := range fuzzSeeds(t) {
		in["seed-"+strconv.Itoa(i)] = s
	}
	if _, err := os.Stat(sharedDir); err == nil {
		files, _ := globFeatures()
		for _, path := range files {
			for _, d := range readDocstrings(t, path) {
				in[d.file+":"+strconv.Itoa(d.line)+d.scenario] = d.text
			}
		}
	}
	return in
}

// compareParsers parses src with the fast parser (hand-written hot
// productions) and the reference parser (the participle grammar alone):
// both must accept or reject it, and when they accept it they must build
// the same tree. (On broken input the two may stop at different tokens,
// since participle backtracks where the hand parser commits, so their
// BadStmt ranges can differ.)
func compareParsers(t *testing.T, name, src string) {
	fast, fd := parse(name, []byte(src), stmtParser)
	ref, rd := parse(name, []byte(src), refStmtParser)
	if fd.HasErrors() != rd.HasErrors() {
		t.Errorf("%s: fast parser diagnostics %v, reference %v", name, fd, rd)
		return
	}
	if rd.HasErrors() {
		return
	}
	if diff := cmp.Diff(ref, fast); diff != "" {
		t.Errorf("%s: trees differ (-reference +fast):\n%s", name, diff)
	}
}

func TestFastParserConformance(t *testing.T) {
	for name, src := range conformanceInputs(t) {
		compareParsers(t, name, src)
	}
}
