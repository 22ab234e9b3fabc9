package rewrite3

import "testing"

// TestJavaToRust pins the whole-match rewrite of Java patterns for 3.x:
// the anchoring decision, the rewrites that keep a meaning, and what is
// approximated or lost. Each output was also compared with Java's
// Matcher.matches and the Rust regex crate's is_match on sample values
// while this was written.
func TestJavaToRust(t *testing.T) {
	tests := []struct {
		in, out      string
		approx, lost bool
	}{
		{in: `[a-z]+`, out: `^(?:[a-z]+)$`},
		{in: `a|b`, out: `^(?:a|b)$`},
		{in: `^a|b$`, out: `^(?:^a|b$)$`},
		{in: `^[a-z]+$`, out: `^[a-z]+$`},
		{in: `\A\d\z`, out: `\A[0-9]\z`},
		{in: `^(a|b)$`, out: `^(a|b)$`},
		{in: `^(a$)`, out: `^(?:^(a$))$`},
		{in: `^a\$`, out: `^(?:^a\$)$`},
		{in: `^a$|^b$`, out: `^(?:^a$|^b$)$`},
		{in: `(?m)^a$`, out: `^(?:(?m)^a$)$`, approx: true},
		{in: ``, out: `^(?:)$`},
		{in: `say \"hi\"`, out: `^(?:say \"hi\")$`},
		{in: `a\\`, out: `^(?:a\\)$`},
		{in: `[\]"]`, out: `^(?:[\]"])$`},
		{in: `.`, out: `^(?:` + javaDot + `)$`},
		{in: `(?s:.)x.`, out: `^(?:(?s:.)x` + javaDot + `)$`},
		{in: `[.]`, out: `^(?:[.])$`},
		{in: `\W`, out: `^(?:[^0-9A-Za-z_])$`},
		{in: `[^\s]`, out: `^(?:[^\t\n\x0B\f\r\x20])$`},
		{in: `\P{Alpha}`, out: `^(?:[[:^alpha:]])$`},
		{in: `\pL\p{IsLu}`, out: `^(?:\pL\p{Lu})$`},
		{in: `a{2}+`, out: `^(?:a{2})$`, lost: true},
		{in: `a{x`, out: `^(?:a{x)$`},
		{in: `\x{41}+`, out: `^(?:\x{41}+)$`},
		{in: `\x41{2}`, out: `^(?:\x41{2})$`},
		{in: `(?i)a`, out: `^(?:(?i)a)$`, approx: true},
		{in: `(?iu)a`, out: `^(?:(?i)a)$`},
		{in: `(?u)a`, out: `^(?:a)$`},
		{in: `(?u:a)`, out: `^(?:(?:a))$`},
		{in: `(?<year>\d{4})`, out: `^(?:(?<year>[0-9]{4}))$`},
		{in: `(?<=a)b`, lost: true},
		{in: `\k<x>`, lost: true},
		{in: `\0101`, lost: true},
		{in: `\y`, lost: true},
		{in: `\uD800`, lost: true},
		{in: `[a&&[^b]]`, out: `^(?:[a&&[^b]])$`},
		{in: `[a-]`, out: `^(?:[a-])$`},
		{in: `[+--]`, lost: true},
	}
	for _, tt := range tests {
		r := javaToRust(tt.in)
		if got := len(r.lost) > 0; got != tt.lost {
			t.Errorf("%q: lost = %v (%v), want %v", tt.in, got, r.lost, tt.lost)
			continue
		}
		if tt.lost {
			continue
		}
		if got := r.wholeMatch(); got != tt.out {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.out)
		}
		if got := len(r.approx) > 0; got != tt.approx {
			t.Errorf("%q: approximated = %v (%v), want %v", tt.in, got, r.approx, tt.approx)
		}
	}
}
