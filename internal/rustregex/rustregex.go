// Package rustregex answers, with Go's regexp, what it can of how the Rust
// regex crate TypeDB 3.x uses reads a pattern: whether the crate refuses it
// (vet: a 3.x define fails), and whether Go would read it differently
// (check: a value is then not judged). The crate is
// rust-lang/regex 1.12.3 with regex-syntax 0.8.10, as
// typedb/typedb@3.10.4:Cargo.lock pins them.
package rustregex

import (
	"errors"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// Refuses says why the crate would refuse pat, or "" when it accepts pat
// or Go's regexp cannot tell (regex-syntax-0.8.10:regex-syntax/src/ast/
// parse.rs parse_escape, parse_group).
func Refuses(pat string) string {
	for i := strings.Index(pat, `\Q`); i >= 0; i = nextIndex(pat, `\Q`, i) {
		if !escaped(pat, i) {
			return `\Q…\E quoting is Java's; Rust's regex has none`
		}
	}
	_, err := syntax.Parse(pat, syntax.Perl)
	var se *syntax.Error
	if err == nil || !errors.As(err, &se) {
		return ""
	}
	if strings.HasPrefix(se.Expr, `\p`) || strings.HasPrefix(se.Expr, `\P`) {
		return "" // a Unicode property Go does not know; the crate knows more
	}
	switch se.Code {
	case syntax.ErrMissingBracket, syntax.ErrMissingParen, syntax.ErrUnexpectedParen,
		syntax.ErrTrailingBackslash, syntax.ErrMissingRepeatArgument, syntax.ErrInvalidCharRange,
		syntax.ErrInvalidUTF8:
		return se.Error()
	case syntax.ErrInvalidPerlOp:
		for _, g := range []string{"(?=", "(?!", "(?<=", "(?<!", "(?>"} {
			if strings.HasPrefix(se.Expr, g) {
				return "look-around and atomic groups are Java's; Rust's regex has none (" + se.Expr + ")"
			}
		}
	case syntax.ErrInvalidEscape:
		if r, n := utf8.DecodeRuneInString(strings.TrimPrefix(se.Expr, `\`)); n > 0 && len(se.Expr) == 1+n &&
			(strings.ContainsRune(`0123456789hRXGZecQk`, r) || r >= utf8.RuneSelf) {
			return "Rust's regex has no escape " + se.Expr
		}
	}
	// Among the rest: a repetition of a repetition ("a**"), which Go
	// refuses and the crate reads as nested (parse_uncounted_repetition
	// refuses only a missing operand).
	return ""
}

// GoReadsOtherwise says why Go's regexp would read pat, which the crate
// accepts, differently, or "": inside a class the crate takes "[" as a
// nested class and "&&", "--" and "~~" as set operations, where Go takes
// them as literal characters (regex-syntax-0.8.10:regex-syntax/src/ast/
// parse.rs parse_set_class).
func GoReadsOtherwise(pat string) string {
	depth := 0
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch {
		case c == '\\':
			i++ // the escaped character
		case c == '[' && depth > 0 && strings.HasPrefix(pat[i:], "[:"):
			if end := strings.Index(pat[i:], ":]"); end > 0 {
				i += end + 1 // an ASCII class such as [:alpha:]
			}
		case c == '[':
			if depth > 0 {
				return "uses a nested character class"
			}
			depth++
			// A "]" or "^]" right after "[" is a literal.
			if strings.HasPrefix(pat[i+1:], "^") {
				i++
			}
			if strings.HasPrefix(pat[i+1:], "]") {
				i++
			}
		case c == ']' && depth > 0:
			depth--
		case depth > 0 && i+1 < len(pat) && (c == '&' || c == '-' || c == '~') && pat[i+1] == c:
			return "uses a character class set operation (" + pat[i:i+2] + ")"
		}
	}
	return ""
}

// nextIndex is the index of sub in s after the one at i, or -1.
func nextIndex(s, sub string, i int) int {
	if j := strings.Index(s[i+1:], sub); j >= 0 {
		return i + 1 + j
	}
	return -1
}

// escaped reports whether the byte at i of pat follows an odd number of
// backslashes, which make it a literal backslash.
func escaped(pat string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && pat[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}
