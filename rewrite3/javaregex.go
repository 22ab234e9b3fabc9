package rewrite3

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// rustPattern is a 1.x/2.x regex (java.util.regex, judged on the whole
// value) rewritten for 3.x (the Rust regex crate, judged anywhere in the
// value). Both read the text between the quotes of the literal, so the
// rewrite works on that raw text and keeps every escape the literal needs
// (\" and \' stay, 3.x reads them as the quote).
type rustPattern struct {
	body     string   // raw literal text for 3.x, anchors not yet added
	anchored bool     // body already matches only whole values in 3.x
	changed  []string // constructs rewritten with the same meaning
	approx   []string // constructs 3.x reads slightly differently
	lost     []string // constructs 3.x refuses or reads differently, with no rewrite
}

// wholeMatch returns the raw text of a 3.x pattern that matches the values
// the Java pattern matched as a whole.
func (r *rustPattern) wholeMatch() string {
	if r.anchored {
		return r.body
	}
	// Rust's ^ and $ outside multi-line mode are the ends of the value
	// (no "before a final newline" as in Java), and flags set inside the
	// group end with it, so the anchors keep their meaning.
	return "^(?:" + r.body + ")$"
}

// regexFlags are the inline flags in effect at a point of a pattern.
type regexFlags struct{ i, m, s, x, u bool }

// javaDot is what Java's "." matches outside (?s): anything but its line
// terminators; Rust's "." only stops at \n.
const javaDot = `[^\n\r\x{85}\x{2028}\x{2029}]`

// javaPerl lists Java's ASCII-only shorthand classes in Rust class-item
// form; Rust's \d, \w and \s are Unicode-aware.
var javaPerl = map[byte]string{'d': `0-9`, 'w': `0-9A-Za-z_`, 's': `\t\n\x0B\f\r\x20`}

// javaVertical is Java's \v (a class since Java 8); Rust's \v is one
// character, the vertical tab.
const javaVertical = `\n\x0B\f\r\x{85}\x{2028}\x{2029}`

// javaPOSIX maps Java's ASCII \p{…} classes to Rust's ASCII classes,
// which have the same members.
var javaPOSIX = map[string]string{
	"Lower": "lower", "Upper": "upper", "ASCII": "ascii", "Alpha": "alpha", "Digit": "digit",
	"Alnum": "alnum", "Punct": "punct", "Graph": "graph", "Print": "print", "Blank": "blank",
	"Cntrl": "cntrl", "XDigit": "xdigit", "Space": "space",
}

// javaLostEscapes are Java escapes the Rust regex crate refuses (or reads
// as something else) and that have no short rewrite.
var javaLostEscapes = map[byte]string{
	'h': `\h (horizontal whitespace)`, 'H': `\H`, 'V': `\V`, 'R': `\R (a line break)`,
	'X': `\X (a grapheme cluster)`, 'G': `\G (end of the previous match)`,
	'Z': `\Z (end before a final line terminator)`, 'e': `\e`, 'c': `\c (a control character)`,
	'N': `\N{…} (a character by name)`, 'k': `\k<…> (a named backreference)`,
}

// javaToRust rewrites the raw text of a Java regex literal for 3.x.
func javaToRust(raw string) *rustPattern {
	s := &rxScan{src: raw, r: &rustPattern{}}
	s.run()
	return s.r
}

type rxScan struct {
	src    string
	i      int
	out    strings.Builder
	r      *rustPattern
	fl     regexFlags
	stack  []regexFlags // flags outside each open group
	topAlt bool         // a | outside every group
	endAt  int          // out length right after a top-level end anchor, or -1

	openComment bool // the pattern ends inside a (?x) comment
}

func (s *rxScan) note(list *[]string, what string) {
	for _, w := range *list {
		if w == what {
			return
		}
	}
	*list = append(*list, what)
}

func (s *rxScan) run() {
	s.endAt = -1
	startAnchor := strings.HasPrefix(s.src, "^") || strings.HasPrefix(s.src, `\A`)
	for s.i < len(s.src) {
		s.atom()
	}
	if s.openComment {
		s.note(&s.r.lost, "a (?x) comment that runs to the end of the pattern")
	}
	s.r.body = s.out.String()
	s.r.anchored = startAnchor && !s.topAlt && s.endAt == s.out.Len() && len(s.stack) == 0
}

func (s *rxScan) atom() {
	c := s.src[s.i]
	switch {
	case s.fl.x && c == '#':
		end := strings.IndexByte(s.src[s.i:], '\n')
		if end < 0 {
			// The comment would swallow the anchors written after it.
			end, s.openComment = len(s.src)-s.i, true
		}
		s.out.WriteString(s.src[s.i : s.i+end])
		s.i += end
		return
	case s.fl.x && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'):
		s.out.WriteByte(c)
		s.i++
		return
	}
	switch c {
	case '\\':
		s.escape(false)
	case '[':
		s.class()
	case '(':
		s.group()
	case ')':
		s.out.WriteByte(c)
		s.i++
		if n := len(s.stack); n > 0 {
			s.fl, s.stack = s.stack[n-1], s.stack[:n-1]
		}
	case '|':
		if len(s.stack) == 0 {
			s.topAlt = true
		}
		s.out.WriteByte(c)
		s.i++
	case '.':
		s.i++
		if s.fl.s {
			s.out.WriteByte('.')
		} else {
			s.out.WriteString(javaDot)
			s.note(&s.r.changed, `"." (it stops at \r, U+0085, U+2028 and U+2029 in Java too)`)
		}
	case '^':
		s.i++
		s.out.WriteByte(c)
		if s.fl.m {
			s.note(&s.r.approx, `^ and $ in (?m) mode (Java also breaks lines at \r, U+0085, U+2028 and U+2029; 3.x only at \n)`)
		}
	case '$':
		s.i++
		s.out.WriteByte(c)
		if s.fl.m {
			s.note(&s.r.approx, `^ and $ in (?m) mode (Java also breaks lines at \r, U+0085, U+2028 and U+2029; 3.x only at \n)`)
			return
		}
		if s.i < len(s.src) && s.src[s.i] != ')' && s.src[s.i] != '|' {
			s.note(&s.r.approx, `$ followed by more pattern (Java's $ also matches before a final line terminator)`)
		}
		if len(s.stack) == 0 {
			s.endAt = s.out.Len()
		}
		return
	case '*', '+', '?':
		s.out.WriteByte(c)
		s.i++
		s.quantSuffix()
	case '{':
		j := s.i + 1
		for j < len(s.src) && (s.src[j] >= '0' && s.src[j] <= '9' || s.src[j] == ',') {
			j++
		}
		if j < len(s.src) && s.src[j] == '}' && j > s.i+1 {
			s.out.WriteString(s.src[s.i : j+1])
			s.i = j + 1
			s.quantSuffix()
			return
		}
		s.out.WriteByte(c)
		s.i++
	default:
		_, n := utf8.DecodeRuneInString(s.src[s.i:])
		s.out.WriteString(s.src[s.i : s.i+n])
		s.i += n
	}
}

// quantSuffix handles what may follow a quantifier: ? (lazy, the same in
// both) or + (possessive, which Rust refuses).
func (s *rxScan) quantSuffix() {
	if s.i >= len(s.src) {
		return
	}
	switch s.src[s.i] {
	case '?':
		s.out.WriteByte('?')
		s.i++
	case '+':
		s.note(&s.r.lost, "a possessive quantifier (*+, ++, ?+, {n}+)")
		s.i++
	}
}

// group handles "(" and what may follow it.
func (s *rxScan) group() {
	rest := s.src[s.i+1:]
	push := func() { s.stack = append(s.stack, s.fl) }
	switch {
	case !strings.HasPrefix(rest, "?"):
		push()
		s.out.WriteByte('(')
		s.i++
	case strings.HasPrefix(rest, "?:"):
		push()
		s.out.WriteString("(?:")
		s.i += 3
	case strings.HasPrefix(rest, "?="), strings.HasPrefix(rest, "?!"),
		strings.HasPrefix(rest, "?<="), strings.HasPrefix(rest, "?<!"):
		push()
		s.note(&s.r.lost, "a lookaround ((?=…), (?!…), (?<=…) or (?<!…))")
		s.out.WriteString("(?:")
		s.i += 3
	case strings.HasPrefix(rest, "?>"):
		push()
		s.note(&s.r.lost, "an atomic group (?>…)")
		s.out.WriteString("(?:")
		s.i += 3
	case strings.HasPrefix(rest, "?<"):
		push()
		s.out.WriteString("(?<")
		s.i += 3
	default:
		s.flags()
	}
}

// flags handles "(?flags)" and "(?flags:". Java's u only widens (?i) to
// Unicode case folding, which Rust's (?i) always does, so it is dropped.
func (s *rxScan) flags() {
	j := s.i + 2
	var on, off strings.Builder
	nf, neg := s.fl, false
	for ; j < len(s.src) && s.src[j] != ')' && s.src[j] != ':'; j++ {
		f := s.src[j]
		set := func(p *bool, keep bool) {
			*p = !neg
			if keep && neg {
				off.WriteByte(f)
			} else if keep {
				on.WriteByte(f)
			}
		}
		switch f {
		case '-':
			neg = true
		case 'i':
			set(&nf.i, true)
		case 'm':
			set(&nf.m, true)
		case 's':
			set(&nf.s, true)
		case 'x':
			set(&nf.x, true)
		case 'u':
			set(&nf.u, false)
			s.note(&s.r.changed, "the u flag left out (3.x's (?i) always folds Unicode case)")
		case 'd':
			s.note(&s.r.lost, "the (?d) flag (Unix lines)")
		case 'U':
			s.note(&s.r.lost, "the (?U) flag (Unicode classes in Java, lazy quantifiers in 3.x)")
		default:
			s.note(&s.r.lost, "the group syntax (?"+string(f)+"…")
		}
	}
	if j >= len(s.src) {
		s.out.WriteString(s.src[s.i:])
		s.i = len(s.src)
		return
	}
	if nf.i && !nf.u {
		s.note(&s.r.approx, "(?i) (3.x also folds the case of non-ASCII letters; Java only with (?u))")
	}
	text := on.String()
	if off.Len() > 0 {
		text += "-" + off.String()
	}
	if s.src[j] == ':' {
		s.stack = append(s.stack, s.fl)
		s.out.WriteString("(?" + text + ":")
	} else if text != "" {
		s.out.WriteString("(?" + text + ")")
	}
	s.fl = nf
	s.i = j + 1
}

// class handles a bracketed class, nested ones included.
func (s *rxScan) class() {
	depth := 0
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '[':
			depth++
			s.out.WriteByte('[')
			s.i++
			if strings.HasPrefix(s.src[s.i:], "^") {
				s.out.WriteByte('^')
				s.i++
			}
			if strings.HasPrefix(s.src[s.i:], ":") {
				// [[:alpha:]] is an ASCII class in Rust, the characters
				// ":alph" in Java.
				s.out.WriteString(`\:`)
				s.i++
				s.note(&s.r.changed, `":" after "[" (a POSIX class in 3.x, a plain colon in Java)`)
			} else if strings.HasPrefix(s.src[s.i:], "]") {
				s.out.WriteByte(']')
				s.i++
			}
		case c == ']':
			depth--
			s.out.WriteByte(']')
			s.i++
			if depth == 0 {
				return
			}
		case c == '\\':
			s.escape(true)
		case strings.HasPrefix(s.src[s.i:], "--"), strings.HasPrefix(s.src[s.i:], "~~"):
			s.note(&s.r.lost, `"`+s.src[s.i:s.i+2]+`" in a class (a set operation in 3.x)`)
			s.out.WriteString(s.src[s.i : s.i+2])
			s.i += 2
		default:
			_, n := utf8.DecodeRuneInString(s.src[s.i:])
			s.out.WriteString(s.src[s.i : s.i+n])
			s.i += n
		}
	}
}

// escape handles a backslash sequence, inside a class or not.
func (s *rxScan) escape(inClass bool) {
	if s.i+1 >= len(s.src) {
		s.out.WriteByte('\\')
		s.i++
		return
	}
	c := s.src[s.i+1]
	seq := s.src[s.i : s.i+2]
	s.i += 2
	write := func(t string) { s.out.WriteString(t) }
	switch {
	case c == 'Q':
		// Quoted text runs to \E; none of it is a regex construct.
		end := strings.Index(s.src[s.i:], `\E`)
		if end < 0 {
			end = len(s.src) - s.i
		} else {
			end += 2
		}
		s.note(&s.r.lost, `\Q…\E quoting`)
		write(seq + s.src[s.i:s.i+end])
		s.i += end
	case c == 'u' && isHex(s.src[s.i:], 4):
		s.unicodeEscape()
	case c == 'x' && strings.HasPrefix(s.src[s.i:], "{"):
		// \x{h…h}: the same in both; its braces are no quantifier.
		end := strings.IndexByte(s.src[s.i:], '}') + 1
		if end == 0 {
			end = len(s.src) - s.i
		}
		write(seq + s.src[s.i:s.i+end])
		s.i += end
	case c >= '0' && c <= '9':
		s.note(&s.r.lost, "a backreference or octal escape (\\"+string(c)+"…)")
		write(seq)
	case javaLostEscapes[c] != "":
		s.note(&s.r.lost, javaLostEscapes[c])
		write(seq)
	case javaPerl[c] != "":
		if inClass {
			write(javaPerl[c])
		} else {
			write("[" + javaPerl[c] + "]")
		}
		s.note(&s.r.changed, seq+" (ASCII in Java, Unicode in 3.x)")
	case javaPerl[c+'a'-'A'] != "" && c >= 'A' && c <= 'Z':
		// A nested class is a union inside a class in Rust as in Java.
		write("[^" + javaPerl[c+'a'-'A'] + "]")
		s.note(&s.r.changed, seq+" (ASCII in Java, Unicode in 3.x)")
	case c == 'v':
		if inClass {
			write(javaVertical)
		} else {
			write("[" + javaVertical + "]")
		}
		s.note(&s.r.changed, `\v (vertical whitespace in Java, the vertical tab in 3.x)`)
	case c == 'b' || c == 'B':
		if strings.HasPrefix(s.src[s.i:], "{") {
			s.note(&s.r.lost, `\b{…} (a grapheme boundary in Java)`)
		} else {
			s.note(&s.r.approx, seq+" (Unicode word boundaries: Java and 3.x count some marks and connectors differently)")
		}
		write(seq)
	case c == 'p' || c == 'P':
		s.property(c == 'P', inClass)
	case c == 'z' || c == 'A':
		write(seq)
		if c == 'z' && !inClass && len(s.stack) == 0 {
			s.endAt = s.out.Len()
		}
	case c == '<' || c == '>':
		write(string(c))
		s.note(&s.r.changed, `\< and \> (a literal character in Java, a word boundary in 3.x)`)
	case c >= utf8.RuneSelf:
		_, n := utf8.DecodeRuneInString(s.src[s.i-1:])
		write(s.src[s.i-1 : s.i-1+n])
		s.i += n - 1
		s.note(&s.r.changed, `an escaped non-ASCII character (3.x refuses the escape)`)
	case c >= 'a' && c <= 'z' && !strings.ContainsRune("tnrfaxu", rune(c)),
		c >= 'A' && c <= 'Z':
		s.note(&s.r.lost, "the escape "+seq)
		write(seq)
	default:
		// \t \n \r \f \a \x… \u…, escaped punctuation and the quotes of
		// the literal mean the same in both.
		write(seq)
	}
}

// property handles \p and \P after the letter: \pL or \p{Name}.
func (s *rxScan) property(neg bool, inClass bool) {
	letter := `\p`
	if neg {
		letter = `\P`
	}
	name, end := "", s.i
	switch {
	case strings.HasPrefix(s.src[s.i:], "{"):
		k := strings.IndexByte(s.src[s.i:], '}')
		if k < 0 {
			s.out.WriteString(letter)
			return
		}
		name, end = s.src[s.i+1:s.i+k], s.i+k+1
	case s.i < len(s.src):
		name, end = s.src[s.i:s.i+1], s.i+1
	}
	orig := letter + s.src[s.i:end]
	s.i = end
	switch posix := javaPOSIX[name]; {
	case posix != "":
		cls := "[:" + posix + ":]"
		if neg {
			cls = "[:^" + posix + ":]"
		}
		if !inClass {
			cls = "[" + cls + "]"
		}
		s.out.WriteString(cls)
		s.note(&s.r.changed, orig+" (an ASCII class in Java, a Unicode property in 3.x)")
	case strings.HasPrefix(name, "java"), strings.HasPrefix(name, "In"),
		strings.HasPrefix(name, "block="), strings.HasPrefix(name, "blk="):
		s.note(&s.r.lost, orig+" (a Java-only class or a Unicode block)")
		s.out.WriteString(orig)
	case strings.HasPrefix(name, "Is") && len(name) > 2:
		// Rust ignores the prefix too; without it Go's regexp (vet --to 3)
		// reads the name as well.
		s.out.WriteString(letter + "{" + name[2:] + "}")
		s.note(&s.r.changed, orig+" written "+letter+"{"+name[2:]+"}")
	default:
		// Categories, scripts and binary properties: Rust reads the same
		// names.
		s.out.WriteString(orig)
	}
}

// unicodeEscape writes Java's \uhhhh (after the "\u") as \x{h…}: Rust reads
// both, Go's regexp (vet --to 3) only the second, and Java joins an escaped
// surrogate pair into one character, which Rust refuses as two escapes.
func (s *rxScan) unicodeEscape() {
	var r rune
	for _, h := range s.src[s.i : s.i+4] {
		r = r<<4 | rune(hexVal(byte(h)))
	}
	s.i += 4
	if r >= 0xD800 && r < 0xDC00 && strings.HasPrefix(s.src[s.i:], `\u`) && isHex(s.src[s.i+2:], 4) {
		var lo rune
		for _, h := range s.src[s.i+2 : s.i+6] {
			lo = lo<<4 | rune(hexVal(byte(h)))
		}
		if lo >= 0xDC00 && lo < 0xE000 {
			r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
			s.i += 6
		}
	}
	if r >= 0xD800 && r < 0xE000 {
		s.note(&s.r.lost, `a lone surrogate \u escape`)
	}
	s.out.WriteString(fmt.Sprintf(`\x{%X}`, r))
	s.note(&s.r.changed, `\uhhhh written \x{…}`)
}

func isHex(t string, n int) bool {
	if len(t) < n {
		return false
	}
	for i := 0; i < n; i++ {
		if hexVal(t[i]) < 0 {
			return false
		}
	}
	return true
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
