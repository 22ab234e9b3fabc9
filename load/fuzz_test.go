package load

import "testing"

// FuzzLoad: any input loads without panicking, and a file that loads has
// a language and no error.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{v14, v18, valueDate, rel2, v3, g0, "", "# c\n", "insert $x isa p;\n"} {
		f.Add(s, v18)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		s := Load([]Input{{Name: "a", Src: []byte(a)}, {Name: "b", Src: []byte(b)}}, Options{Model: true})
		if s.OK() && (s.Verdict.Lang == NoLang || s.Verdict.Lang == Grakn0) {
			t.Errorf("loaded without error, yet the verdict is %v", s.Verdict)
		}
		if s.OK() && s.Model == nil {
			t.Error("loaded without error, yet no model")
		}
	})
}
