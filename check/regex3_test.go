package check

import (
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// TestRegex3Anywhere: a 3.x @regex accepts a value it matches anywhere in
// (typedb/typedb@3.10.4 AnnotationRegex::value_valid, Regex::is_match),
// and its "." matches "\r", as Go's does; testdata/checks/regex.txtar has
// the whole matches of 2.x, which stay whole for a 3.x target.
func TestRegex3Anywhere(t *testing.T) {
	const src = `define
attribute word, value string @regex("[a-z]+");
attribute digit, value string @regex("^\d$");
attribute dotty, value string @regex("^a.b$");
attribute nested, value string @regex("^[[^0-9]_]+$");
`
	f, ds := grammar.Parse("schema.tql", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	m, _ := schema.BuildTypeQL3(f)
	data, err := buildData(`header 3.4.0
attribute a1 word string "abc1"
attribute a2 word string "123"
attribute a3 digit string "7"
attribute a4 digit string "٣"
attribute a5 dotty string "a\rb"
attribute a6 nested string "ab"
checksums auto`)
	if err != nil {
		t.Fatal(err)
	}
	rep := checkBytes(t, m, data, Options{Target: version.MustParse("3.4"), Name: "data", Workers: 1})
	got := render(rep)
	want := `fails
data: item 2 at byte 31 (id "a2"): error[regex]: values of "word" hold no match of regex "[a-z]+" of "word" (TypeDB 3.x looks for one anywhere in the value) (1 occurrence)
    first: value "123"
    fix: fix the values, or relax the regex of "word"
data: item 4 at byte 70 (id "a4"): warning[regex]: values of "digit" not checked against regex "^\\d$" of "digit": values hold non-ASCII characters, which 3.x's Unicode \d, \w, \s or \b may match and Go's do not (1 occurrence)
    fix: check these values with the Rust regex crate before importing
data: item 6 at byte 111 (id "a6"): warning[regex]: values of "nested" not checked against regex "^[[^0-9]_]+$" of "nested": uses a nested character class (1 occurrence)
    fix: check these values with the Rust regex crate before importing
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
