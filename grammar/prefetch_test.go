package grammar

import (
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// TestPrefetchSameResult parses files with the statements parsed ahead on
// two goroutines and in order on one, and requires the same tree and the
// same diagnostics: good files, and broken ones whose statements split,
// fail, or exceed the error cap.
func TestPrefetchSameResult(t *testing.T) {
	srcs := map[string]string{
		"gen1": genSchema(100_000, false),
		"gen2": genSchema(100_000, true),
		"broken": strings.Repeat("define\nperson sub entity,\n    hass name;\nname sub attribute, value string\nage sub attribute, value long;\n"+
			"rule r: when { $x isa person; ,\n  then { $x has name \"a\"; };\ncar sub entity; ;;;\n}\nx sub entity, plays (;\n", 30),
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
		if p.pre == nil && !strings.Contains(name, "/") {
			t.Fatalf("%s: no statements parsed ahead", name)
		}
		old := runtime.GOMAXPROCS(1)
		q := run(name, []byte(src))
		runtime.GOMAXPROCS(old)
		if q.pre != nil {
			t.Fatalf("%s: statements parsed ahead on one core", name)
		}
		if !reflect.DeepEqual(p.out, q.out) || !reflect.DeepEqual(p.diags, q.diags) {
			t.Errorf("%s: result differs when statements are parsed ahead", name)
		}
	}
}
