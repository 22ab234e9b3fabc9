package census

import (
	"bytes"
	"errors"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/diag"
)

// FuzzRead feeds arbitrary bytes to Read with key and regex counting on:
// it must never panic, fail only with a diagnostic placed in the data,
// and its counts must agree with each other.
func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	if _, err := gen.Generate(&buf, gen.Sample(), gen.Options{Items: 60, Seed: 1, Generation: gen.Gen1x}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(export(f, attrItem("n1", "name", "a"), thing(concept.Entity, "p1", "person", "n1", "zz")))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, in []byte) {
		opt := Options{
			Keys: func(string) bool { return true },
			Regex: func(string) func([]byte) (bool, bool) {
				return func(v []byte) (bool, bool) { return len(v)%2 == 0, true }
			},
		}
		c, err := Read("fuzz", bytes.NewReader(in), opt)
		if err != nil {
			var d *diag.Diagnostic
			if !errors.As(err, &d) || d.Data == nil {
				t.Fatalf("error %v is not a diagnostic placed in the data", err)
			}
			return
		}
		var n int64
		for _, v := range c.Instances {
			n += v
		}
		if n != c.Items {
			t.Errorf("instances sum to %d, items %d", n, c.Items)
		}
		for k, cnt := range c.Owns {
			if cnt.With > c.Instances[k[0]] || cnt.Min > cnt.Max || cnt.Multi > cnt.With {
				t.Errorf("owns %v: %+v with %d instances", k, cnt, c.Instances[k[0]])
			}
		}
	})
}
