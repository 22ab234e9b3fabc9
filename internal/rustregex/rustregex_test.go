package rustregex

import "testing"

func TestRefuses(t *testing.T) {
	for _, tc := range []struct {
		pat  string
		want bool
	}{
		{`^[a-z]+$`, false},
		{`[a-`, true},
		{`(?=a)a`, true},
		{`(a)\1`, true},
		{`\Qa.b\E`, true},
		{`a\\Q`, false},   // a backslash, then Q
		{`a**`, false},    // nested repetition: the crate reads it
		{`(ab)*+`, false}, // likewise
		{`\p{Alphabetic}`, false},
		{`\u0041`, false},
		{`a{2000}`, false},
		{`\h`, true},
	} {
		if got := Refuses(tc.pat) != ""; got != tc.want {
			t.Errorf("Refuses(%q) = %q, want refused %v", tc.pat, Refuses(tc.pat), tc.want)
		}
	}
}

func TestGoReadsOtherwise(t *testing.T) {
	for _, tc := range []struct {
		pat  string
		want bool
	}{
		{`^[a-z]+$`, false},
		{`[[:alpha:]_]+`, false},
		{`[]a]`, false},
		{`[^]a]`, false},
		{`[a\[b]`, false},
		{`a-b--c`, false}, // outside a class
		{`[[^0-9]_]+`, true},
		{`[a-z[0-9]]`, true},
		{`[a-z--[aeiou]]`, true},
		{`[a-z&&[^x]]`, true},
		{`[a~~b]`, true},
	} {
		if got := GoReadsOtherwise(tc.pat) != ""; got != tc.want {
			t.Errorf("GoReadsOtherwise(%q) = %q, want %v", tc.pat, GoReadsOtherwise(tc.pat), tc.want)
		}
	}
}
