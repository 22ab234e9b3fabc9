package grammar

import (
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// TestAheadSameResult parses files with the statements parsed ahead on
// worker goroutines and in order on one, and requires the same tree and
// the same diagnostics: good files, and broken ones whose statements
// split, fail, or exceed the error cap.
func TestAheadSameResult(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one core: no workers to compare with")
	}
	broken := "define\nperson sub entity,\n    hass name;\nname sub attribute, value string\nage sub attribute, value long;\n" +
		"rule r: when { $x isa person; ,\n  then { $x has name \"a\"; };\ncar sub entity; ;;;\n}\nx sub entity, plays (;\n"
	srcs := map[string]string{
		"gen1":   genSchema(100_000, false),
		"gen2":   genSchema(100_000, true),
		"broken": strings.Repeat(broken, 60),
		// Statements longer than the first window, among many short ones.
		"long": "define\n" + strings.Repeat("a sub entity;\n", aheadMinStmts) +
			"b sub entity" + strings.Repeat(", owns c", firstWindow) + ";\n" + strings.Repeat("d sub entity;\n", 10),
		// 3.x functions between type statements: the workers skip them,
		// and funTokens rewrites their "1.5dec" tokens in place.
		"funs": "define\n" + strings.Repeat("entity person, owns name @card(0..3);\nattribute name, value string;\n"+
			"fun f($p: person) -> { name? }:\n  match $p has name $n; let $d = 1.5dec;\n  return { $n };\n", aheadMinStmts),
		// Errors past the cap: the real pass stops taking trees.
		"capped": "define\n" + strings.Repeat("x sub entity, plays (;\n", MaxSyntaxErrors+50) + strings.Repeat("a sub entity;\n", 2*aheadChunk*aheadChunks),
	}
	for _, name := range corpusFiles(t) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		srcs[name] = string(b)
	}
	for name, src := range srcs {
		p := run(name, []byte(src))
		if p.ahead == nil && !strings.Contains(name, "/") {
			t.Fatalf("%s: no statements parsed ahead", name)
		}
		if strings.HasPrefix(name, "gen") && p.ahead.taken != len(p.ahead.spans) {
			t.Errorf("%s: %d of %d statements taken from the workers", name, p.ahead.taken, len(p.ahead.spans))
		}
		old := runtime.GOMAXPROCS(1)
		q := run(name, []byte(src))
		runtime.GOMAXPROCS(old)
		if q.ahead != nil {
			t.Fatalf("%s: statements parsed ahead on one core", name)
		}
		if !reflect.DeepEqual(p.out, q.out) || !reflect.DeepEqual(p.diags, q.diags) {
			t.Errorf("%s: result differs when statements are parsed ahead", name)
		}
	}
}
