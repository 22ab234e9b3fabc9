package gen

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/datafile"
)

// TestRegexValues: every value matches the whole pattern (and every other
// pattern given), values are distinct, and a finite language gives exactly
// its strings.
func TestRegexValues(t *testing.T) {
	for _, tc := range []struct {
		patterns []string
		n        int
		size     int64 // the language size, or 0 for "at least n"
	}{
		{[]string{"^(USD|GBP|EUR|BRL|ZAR|RMB|AUD)$"}, 7, 7},
		{[]string{"(like|love|funny)"}, 3, 3},
		{[]string{`.*\.png$`}, 200, 0},
		{[]string{`[A-Z]{2}-[0-9]{3}`}, 500, 0},
		{[]string{`[^"\s]+@[a-z]+\.(com|org)`}, 300, 0},
		{[]string{`\d{4}-\d{2}-\d{2}`}, 100, 0},
		{[]string{`(a|a)b?`}, 2, 0}, // ambiguous: duplicates are skipped
		{[]string{`[a-z]+`, `.*[aeiou].*`}, 50, 0},
		{[]string{`x?`}, 2, 2},
	} {
		r, err := newRegexValues(tc.patterns)
		if err != nil {
			t.Fatal(err)
		}
		if tc.size != 0 && r.size != tc.size {
			t.Errorf("%q: size %d, want %d", tc.patterns, r.size, tc.size)
		}
		seen := map[string]bool{}
		var buf []byte
		for i := range tc.n {
			var ok bool
			start := len(buf)
			buf, ok = r.value(buf)
			if !ok {
				t.Fatalf("%q: exhausted after %d values", tc.patterns, i)
			}
			v := string(buf[start:])
			for _, p := range tc.patterns {
				if !regexp.MustCompile(`^(?:` + p + `)$`).MatchString(v) {
					t.Errorf("%q: value %q does not match %q", tc.patterns, v, p)
				}
			}
			if seen[v] {
				t.Errorf("%q: value %q twice", tc.patterns, v)
			}
			seen[v] = true
		}
		if tc.size != 0 {
			if _, ok := r.value(buf); ok {
				t.Errorf("%q: more than %d values", tc.patterns, tc.size)
			}
		}
	}
}

// TestRegexCapsCounts: a key attribute whose regex admits 3 values keys at
// most 3 owners, so no two owners share a key value.
func TestRegexCapsCounts(t *testing.T) {
	spec := &Spec{
		Attributes: []AttributeType{{Label: "code", ValueType: String, Regexes: []string{"^(A|B|C)$"}}, {Label: "note", ValueType: String}},
		Entities:   []EntityType{{Label: "thing", Owns: []Owns{{Attribute: "code", Key: true}, {Attribute: "note"}}}},
	}
	codes := map[string]int{}
	things := 0
	err := Items(spec, Options{Items: 100, Seed: 1}, func(it *datafile.Item) error {
		switch string(it.Label) {
		case "code":
			codes[string(it.Value.Str)]++
		case "thing":
			things++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) > 3 || things > 3 || things == 0 {
		t.Errorf("codes %v, things %d: want at most 3 of each", codes, things)
	}
	for c, n := range codes {
		if n != 1 {
			t.Errorf("code %q written %d times", c, n)
		}
	}
}

// TestRegexValuesExclusivePatterns: patterns no string satisfies together
// end the enumeration after maxMisses tries instead of walking the first
// pattern's whole language (26^12 strings here).
func TestRegexValuesExclusivePatterns(t *testing.T) {
	r, err := newRegexValues([]string{"[a-z]{12}", "[0-9]+"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.value(nil); ok {
		t.Fatal("a value matched two exclusive patterns")
	}
	if r.next > maxMisses {
		t.Errorf("tried %d indexes, more than %d", r.next, maxMisses)
	}
	if _, ok := r.value(nil); ok || r.next > maxMisses {
		t.Errorf("a second call went on (next %d)", r.next)
	}
}

// TestRegexTooFewValues: when the patterns of an attribute admit fewer
// strings than the file needs, Items fails instead of writing a value
// that breaks them.
func TestRegexTooFewValues(t *testing.T) {
	spec := &Spec{
		Attributes: []AttributeType{{Label: "code", ValueType: String, Regexes: []string{"[a-z]{3}", "[0-9]+"}}},
		Entities:   []EntityType{{Label: "thing", Owns: []Owns{{Attribute: "code"}}}},
	}
	err := Items(spec, Options{Items: 20, Seed: 1}, func(it *datafile.Item) error {
		if string(it.Label) == "code" {
			t.Errorf("wrote code %q, which no string of both patterns is", it.Value.Str)
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), `attribute "code"`) {
		t.Errorf("error %v, want one naming attribute code", err)
	}
}
