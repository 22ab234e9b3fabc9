package format

import (
	"bytes"
	"errors"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
)

// TestServerCorpus prints every corpus schema in Server style: the output
// parses, and printing it in Server style again gives it back (the export
// layout is a fixed point). A schema the style cannot merge must fail with
// an *Error, not print something wrong.
func TestServerCorpus(t *testing.T) {
	n, refused := 0, 0
	for _, s := range loadSamples() {
		f, diags := grammar.Parse(s.name, s.src)
		if diags.HasErrors() {
			continue
		}
		var out bytes.Buffer
		if err := Print(&out, f, WithStyle(Server)); err != nil {
			var fe *Error
			if !errors.As(err, &fe) {
				t.Errorf("%s: %v (not an *Error)", s.name, err)
			}
			t.Logf("%s: refused: %v", s.name, err)
			refused++
			continue
		}
		n++
		f2, diags := grammar.Parse(s.name, out.Bytes())
		if diags.HasErrors() {
			t.Errorf("%s: server output does not parse: %v\n%s", s.name, diags, out.Bytes())
			continue
		}
		var again bytes.Buffer
		if err := Print(&again, f2, WithStyle(Server)); err != nil {
			t.Errorf("%s: printing the server output again: %v", s.name, err)
			continue
		}
		if !bytes.Equal(out.Bytes(), again.Bytes()) {
			t.Errorf("%s: server style is not a fixed point:\n%s", s.name, lineDiff(out.String(), again.String()))
		}
	}
	t.Logf("%d schemas printed in server style, %d refused", n, refused)
}
