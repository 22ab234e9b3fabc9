package grammar

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types of the hand-written lexer. EOF is lexer.EOF (-1); ours follow
// it downwards, as participle's own lexers do.
const (
	tokWhitespace lexer.TokenType = -(iota + 2)
	tokComment
	tokIdent   // labels and keywords alike: keywords are matched as literals
	tokVar     // $x, $_, $ (1.x), ?v (2.18+)
	tokString  // "…" or '…', raw, may span lines
	tokRegex   // /…/ (≤1.4), only where a regex can stand
	tokNumber  // 42, 3.14 (unsigned: the sign is punctuation)
	tokDate    // 2020-01-31, 2020-01-31T10:00:00.000
	tokAtIdent // @has-name, @key, @card
	tokScoped  // marriage:spouse, one token with no spaces
	tokPunct   // ; , : { } ( ) [ ] = == != !== > >= < <= + - * / % ^ .. ! ?
	tokError   // anything the lexer cannot make sense of; Value says what
)

var tokenSymbols = map[string]lexer.TokenType{
	"EOF":        lexer.EOF,
	"Whitespace": tokWhitespace,
	"Comment":    tokComment,
	"Ident":      tokIdent,
	"Var":        tokVar,
	"String":     tokString,
	"Regex":      tokRegex,
	"Number":     tokNumber,
	"Date":       tokDate,
	"AtIdent":    tokAtIdent,
	"Scoped":     tokScoped,
	"Punct":      tokPunct,
	"Error":      tokError,
}

// lexDef is the hand-written lexer behind participle's lexer.Definition. It
// is several times faster than the equivalent regexp lexer (see
// refLexer in lexer_test.go, which it must agree with on valid input).
type lexDef struct{}

// Lexer is the hand-written Graql/TypeQL lexer as a participle lexer
// definition. Whitespace and comments come out as tokens of type
// "Whitespace" and "Comment"; invalid input is a *lexer.Error.
var Lexer lexer.Definition = lexDef{}

var _ lexer.StringDefinition = lexDef{}
var _ lexer.BytesDefinition = lexDef{}

func (lexDef) Symbols() map[string]lexer.TokenType { return tokenSymbols }

func (d lexDef) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

func (d lexDef) LexBytes(filename string, b []byte) (lexer.Lexer, error) {
	return d.LexString(filename, string(b))
}

func (lexDef) LexString(filename, src string) (lexer.Lexer, error) {
	return &streamLexer{s: newScanner(filename, src)}, nil
}

// streamLexer adapts scanner to lexer.Lexer, turning error tokens into errors.
type streamLexer struct{ s scanner }

func (l *streamLexer) Next() (lexer.Token, error) {
	t := l.s.next()
	if t.Type == tokError {
		return t, &lexer.Error{Msg: lexErrorMessage(t), Pos: t.Pos}
	}
	return t, nil
}

// sliceLexer replays already lexed tokens, ending with EOF at eof.
type sliceLexer struct {
	toks []lexer.Token
	i    int
	eof  lexer.Position
}

func (l *sliceLexer) Next() (lexer.Token, error) {
	if l.i < len(l.toks) {
		l.i++
		return l.toks[l.i-1], nil
	}
	return lexer.EOFToken(l.eof), nil
}

// scanner produces tokens from src one at a time. It keeps the two previous
// significant tokens because "/" starts a ≤1.4 regex only after "regex",
// after "has LABEL", or after a variable that opens a statement, and is the
// division operator (2.18+) everywhere else.
type scanner struct {
	src          string
	pos          lexer.Position
	prev1, prev2 lexer.Token
	done         bool
}

func newScanner(filename, src string) scanner {
	return scanner{src: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}
}

// scanAll lexes src, returning significant tokens (ending with EOF) and
// comment tokens separately. Whitespace is dropped.
func scanAll(filename, src string) (toks, comments []lexer.Token) {
	// Count first, then fill lists of the exact size: the token list is a
	// large file's largest allocation, and growing it would copy every
	// token again, with write barriers while the collector runs. The
	// counting pass also keeps the scanner's state at the start of each
	// part of a large file, so that the parts are filled side by side:
	// filling is the slower pass, and it runs before any statement can be
	// parsed.
	parts := 1
	if len(src) >= scanSplitMin {
		parts = min(runtime.GOMAXPROCS(0), scanMaxParts)
	}
	type mark struct {
		s      scanner
		nt, nc int // tokens and comments before the part
	}
	marks := make([]mark, 1, parts)
	marks[0].s = newScanner(filename, src)
	s := marks[0].s
	nt, nc := 0, 0
	for {
		if len(marks) < parts && s.pos.Offset >= len(marks)*len(src)/parts {
			marks = append(marks, mark{s, nt, nc})
		}
		t := s.next()
		if t.Type == tokComment {
			nc++
		} else if t.Type != tokWhitespace {
			nt++
		}
		if t.Type == lexer.EOF {
			break
		}
	}
	toks = make([]lexer.Token, nt)
	if nc > 0 {
		comments = make([]lexer.Token, nc)
	}
	fill := func(k int) {
		m := marks[k]
		s, i, j := m.s, m.nt, m.nc
		end := len(src) + 1 // the last part runs through EOF
		if k+1 < len(marks) {
			end = marks[k+1].s.pos.Offset
		}
		for s.pos.Offset < end {
			t := s.next()
			switch t.Type {
			case tokWhitespace:
			case tokComment:
				comments[j] = t
				j++
			default:
				toks[i] = t
				i++
			}
			if t.Type == lexer.EOF {
				return
			}
		}
	}
	var wg sync.WaitGroup
	for k := 1; k < len(marks); k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fill(k)
		}()
	}
	fill(0)
	wg.Wait()
	return toks, comments
}

const (
	// scanSplitMin is the smallest file whose token lists are filled in
	// parts; scanMaxParts caps the parts.
	scanSplitMin = 1 << 20
	scanMaxParts = 4
)

func (s *scanner) emit(typ lexer.TokenType, start lexer.Position, end int) lexer.Token {
	t := lexer.Token{Type: typ, Value: s.src[start.Offset:end], Pos: start}
	if typ != tokWhitespace && typ != tokComment {
		s.prev2, s.prev1 = s.prev1, t
	}
	return t
}

// advanceASCII moves over n bytes known to hold no newline and no
// multi-byte rune.
func (s *scanner) advanceASCII(n int) {
	s.pos.Offset += n
	s.pos.Column += n
}

// advanceTo moves to byte offset end, counting lines and rune columns.
func (s *scanner) advanceTo(end int) {
	for i := s.pos.Offset; i < end; {
		c := s.src[i]
		switch {
		case c == '\n':
			s.pos.Line++
			s.pos.Column = 1
			i++
		case c < utf8.RuneSelf:
			s.pos.Column++
			i++
		default:
			_, n := utf8.DecodeRuneInString(s.src[i:])
			s.pos.Column++
			i += n
		}
	}
	s.pos.Offset = end
}

func (s *scanner) next() lexer.Token {
	src := s.src
	i := s.pos.Offset
	start := s.pos
	if i >= len(src) {
		s.done = true
		return lexer.EOFToken(start)
	}
	c := src[i]
	switch {
	case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v':
		j := i
		for j < len(src) {
			c := src[j]
			if c == '\n' {
				s.pos.Line++
				s.pos.Column = 1
			} else if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				s.pos.Column++
			} else {
				break
			}
			j++
		}
		s.pos.Offset = j
		return s.emit(tokWhitespace, start, j)
	case c == '#':
		j := i
		for j < len(src) && src[j] != '\n' {
			j++
		}
		// The "\r" of a CRLF line end is whitespace, not comment text:
		// the printer writes its own line ends.
		for j > i+1 && src[j-1] == '\r' {
			j--
		}
		s.advanceTo(j)
		return s.emit(tokComment, start, j)
	case i == 0 && strings.HasPrefix(src, byteOrderMark):
		// A UTF-8 byte order mark, as some editors write, is whitespace.
		s.advanceTo(len(byteOrderMark))
		return s.emit(tokWhitespace, start, len(byteOrderMark))
	case c == '"' || c == '\'':
		j := i + 1
		for j < len(src) && src[j] != c {
			if src[j] == '\\' && j+1 < len(src) {
				j++
			}
			j++
		}
		if j >= len(src) {
			s.advanceTo(len(src))
			return s.emit(tokError, start, len(src))
		}
		s.advanceTo(j + 1)
		return s.emit(tokString, start, j+1)
	case c == '$' || c == '?':
		j := i + 1
		for j < len(src) {
			r, n := rune(src[j]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(src[j:])
			}
			if !isTail(r) || (r == utf8.RuneError && n == 1) {
				break
			}
			j += n
		}
		if c == '?' && j == i+1 {
			// A "?" without a name marks an optional value type in
			// 3.x ("value double?", typeql.pest value_type_optional).
			s.advanceASCII(1)
			return s.emit(tokPunct, start, j)
		}
		s.advanceTo(j)
		return s.emit(tokVar, start, j)
	case c == '@':
		j := s.scanTail(i + 1)
		if j == i+1 {
			s.advanceASCII(1)
			return s.emit(tokError, start, j)
		}
		s.advanceTo(j)
		return s.emit(tokAtIdent, start, j)
	case c >= '0' && c <= '9':
		return s.scanNumber(start)
	case c == '/' && s.regexAllowed():
		j := i + 1
		for j < len(src) && src[j] != '/' && src[j] != '\n' {
			if src[j] == '\\' && j+1 < len(src) && src[j+1] != '\n' {
				j++
			}
			j++
		}
		if j < len(src) && src[j] == '/' {
			s.advanceTo(j + 1)
			return s.emit(tokRegex, start, j+1)
		}
		s.advanceASCII(1)
		return s.emit(tokPunct, start, i+1)
	case c < utf8.RuneSelf && c != '_' && !isASCIILetter(c):
		n := punctLen(src[i:])
		s.advanceASCII(n)
		if n == 0 {
			s.advanceASCII(1)
			return s.emit(tokError, start, i+1)
		}
		return s.emit(tokPunct, start, i+n)
	}
	// An identifier, or a character we do not know.
	r, n := rune(c), 1
	if r >= utf8.RuneSelf {
		r, n = utf8.DecodeRuneInString(src[i:])
	}
	if !isHead(r) || (r == utf8.RuneError && n == 1) {
		s.advanceTo(i + n)
		return s.emit(tokError, start, i+n)
	}
	j := s.scanTail(i + n)
	typ := tokIdent
	word := src[i:j]
	if j < len(src) && src[j] == '!' && (j+1 >= len(src) || src[j+1] != '=') && (word == "sub" || word == "isa") {
		j++
	} else if j+1 < len(src) && src[j] == ':' && !(s.prev1.Type == tokIdent && (s.prev1.Value == "rule" || s.prev1.Value == "struct")) {
		// A scoped label "rel:role", except right after "rule" or
		// "struct", where a name is followed by its ":" ("rule r:when",
		// "struct s:a value string").
		r, n := rune(src[j+1]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(src[j+1:])
		}
		if isHead(r) && !(r == utf8.RuneError && n == 1) {
			j = s.scanTail(j + 1 + n)
			typ = tokScoped
		}
	}
	s.advanceTo(j)
	return s.emit(typ, start, j)
}

// byteOrderMark may open a UTF-8 file.
const byteOrderMark = "\uFEFF"

// regexAllowed reports whether a "/" here opens a ≤1.4 regex literal.
func (s *scanner) regexAllowed() bool {
	p1, p2 := s.prev1, s.prev2
	switch p1.Type {
	case tokIdent:
		return p1.Value == "regex" || (p2.Type == tokIdent && p2.Value == "has")
	case tokVar:
		return p2.Type == 0 || (p2.Type == tokPunct && (p2.Value == ";" || p2.Value == "{"))
	}
	return false
}

func (s *scanner) scanTail(j int) int {
	src := s.src
	for j < len(src) {
		c := src[j]
		if c < utf8.RuneSelf {
			if isASCIILetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' {
				j++
				continue
			}
			return j
		}
		r, n := utf8.DecodeRuneInString(src[j:])
		if !isTail(r) || (r == utf8.RuneError && n == 1) {
			return j
		}
		j += n
	}
	return j
}

func (s *scanner) scanNumber(start lexer.Position) lexer.Token {
	src := s.src
	i := start.Offset
	j := digits(src, i)
	typ := tokNumber
	switch {
	case j-i == 1 && src[i] == '0' && j < len(src) && (src[j] == 'x' || src[j] == 'X'):
		// A 2.x iid such as 0x966e80018000000000000000.
		k := j + 1
		for k < len(src) && isHex(src[k]) {
			k++
		}
		if k > j+1 {
			j = k
			typ = tokIdent
		}
	case isDateAt(src, j):
		j += 6
		typ = tokDate
		if j < len(src) && src[j] == 'T' && isTimeAt(src, j+1) {
			j += 6
			if j+2 < len(src) && src[j] == ':' && isDigit(src[j+1]) && isDigit(src[j+2]) {
				j += 3
				if j+1 < len(src) && src[j] == '.' && isDigit(src[j+1]) {
					j = digits(src, j+1)
				}
			}
		}
	case j+1 < len(src) && src[j] == '.' && isDigit(src[j+1]):
		j = digits(src, j+1)
	}
	// "1e5", "12abc": a number glued to letters is no number at all.
	if k := s.scanTail(j); k > j && typ != tokIdent {
		if c := src[j]; c != '-' {
			s.advanceTo(k)
			return s.emit(tokError, start, k)
		}
	}
	s.advanceTo(j)
	return s.emit(typ, start, j)
}

func digits(src string, i int) int {
	for i < len(src) && isDigit(src[i]) {
		i++
	}
	return i
}

// isDateAt reports whether src[j:] continues a year with "-MM-DD".
func isDateAt(src string, j int) bool {
	return j+5 < len(src) && src[j] == '-' && isDigit(src[j+1]) && isDigit(src[j+2]) &&
		src[j+3] == '-' && isDigit(src[j+4]) && isDigit(src[j+5])
}

// isTimeAt reports whether src[j:] starts with "hh:mm".
func isTimeAt(src string, j int) bool {
	return j+4 < len(src) && isDigit(src[j]) && isDigit(src[j+1]) && src[j+2] == ':' &&
		isDigit(src[j+3]) && isDigit(src[j+4])
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isHex(c byte) bool         { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }
func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// punctLen returns the length of the punctuation token at the start of s, or 0.
func punctLen(s string) int {
	switch s[0] {
	case ';', ',', ':', '{', '}', '(', ')', '[', ']', '+', '-', '*', '/', '%', '^':
		return 1
	case '=':
		if len(s) > 1 && s[1] == '=' {
			return 2
		}
		return 1
	case '!':
		if len(s) > 2 && s[1] == '=' && s[2] == '=' {
			return 3
		}
		if len(s) > 1 && s[1] == '=' {
			return 2
		}
		return 1
	case '>', '<':
		if len(s) > 1 && s[1] == '=' {
			return 2
		}
		return 1
	case '.':
		if len(s) > 1 && s[1] == '.' {
			return 2
		}
	}
	return 0
}

// ValidLabel reports whether s is a TypeQL 2.x/3.x label: a letter, then
// letters, digits, "_" and "-", with the character classes of the TypeQL
// grammar (the reference, §1.1). The lexer also reads a leading "_", which
// only Grakn ≤1.4 allowed.
func ValidLabel(s string) bool {
	for i, r := range s {
		if i == 0 && !IsLabelStart(r) || !IsLabelPart(r) {
			return false
		}
	}
	return s != ""
}

// IsLabelStart reports whether r may start a TypeQL 2.x/3.x label.
func IsLabelStart(r rune) bool { return r != '_' && isHead(r) }

// IsLabelPart reports whether r may continue a label.
func IsLabelPart(r rune) bool { return isTail(r) }

// isHead reports whether r may start a label: a letter (the ranges of graql
// 1.0.1+ and TypeQL 2.x) or "_" (≤1.4 and graql 1.0.0 only; the parser
// records that as a dialect feature).
func isHead(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIILetter(byte(r)) || r == '_'
	}
	switch {
	case r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD:
		return true
	}
	return false
}

// isTail reports whether r may continue a label or a variable name.
func isTail(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r)
		return isASCIILetter(c) || isDigit(c) || c == '_' || c == '-'
	}
	return isHead(r) || r == 0xB7 || (r >= 0x300 && r <= 0x36F) || r == 0x203F || r == 0x2040
}

// lexErrorMessage explains an error token.
func lexErrorMessage(t lexer.Token) string {
	v := t.Value
	switch {
	case v == "":
		return "unexpected end of input"
	case v[0] == '"' || v[0] == '\'':
		return "unterminated string literal"
	case isDigit(v[0]):
		return "invalid number literal " + quote(v) + ": numbers have no exponent, suffix or letters"
	case v == "@":
		return "\"@\" must be followed by a name"
	}
	if r, n := utf8.DecodeRuneInString(v); r == utf8.RuneError && n == 1 {
		return "invalid UTF-8 byte " + fmt.Sprintf("%#x", v[0])
	}
	return "unexpected character " + quote(v)
}
