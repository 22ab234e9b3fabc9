package format

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
)

// TestLangCorpus prints each corpus schema in the language it is written
// in: the checks of Lang must not refuse anything that language has.
func TestLangCorpus(t *testing.T) {
	n := 0
	for _, s := range loadSamples() {
		lang := 0
		switch {
		case strings.Contains(s.name, "/v1/"), strings.Contains(s.name, ".v1"), strings.Contains(s.name, "typedb-1.8.4"):
			lang = 1
		case strings.Contains(s.name, "/v2/"), strings.Contains(s.name, ".v2"), strings.Contains(s.name, "typedb-2.29"):
			lang = 2
		case strings.Contains(s.name, ".v3"):
			lang = 3
		default:
			continue
		}
		f, diags := grammar.Parse(s.name, s.src)
		if diags.HasErrors() {
			continue
		}
		if err := Print(&bytes.Buffer{}, f, WithLang(lang)); err != nil {
			t.Errorf("%s as %s: %v", s.name, langName(lang), err)
		}
		n++
	}
	t.Logf("%d schemas printed in their own language", n)
}
