package diag

import (
	"strings"
	"unicode/utf8"
)

// Escape makes s safe to print on a terminal: every control character
// (C0 but tab, DEL, C1) becomes its Unicode control picture or U+FFFD, and
// every byte that is not UTF-8 becomes U+FFFD, so that text from an input
// file (a label, a value, a file name) cannot move the cursor, ring the
// bell or start an escape sequence. Each replaced character is one rune,
// so columns and carets still line up.
func Escape(s string) string {
	if isSafe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == '\t':
			b.WriteByte('\t')
		case r < 0x20:
			b.WriteRune(0x2400 + r) // ␀ … ␟
		case r == 0x7f:
			b.WriteRune(0x2421) // ␡
		case r >= 0x80 && r < 0xa0:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// EscapeText is Escape for text of several lines: line breaks are kept.
func EscapeText(s string) string {
	if isSafe(s) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Escape(l)
	}
	return strings.Join(lines, "\n")
}

// isSafe reports whether s needs no escaping: printable ASCII, tabs and
// valid UTF-8 outside the C1 range.
func isSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\t' {
			continue
		}
		if c < 0x80 {
			return false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || r < 0xa0 {
			return false
		}
		i += size - 1
	}
	return true
}

// escapeLine is Escape for a source line of a snippet.
func escapeLine(b []byte) string { return Escape(string(b)) }
