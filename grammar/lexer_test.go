package grammar

import (
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// Character classes of labels (typeql-1x-to-2x.md §1.1), for the regexp
// reference lexer.
const (
	refHead = `A-Za-z_\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{2FF}\x{370}-\x{37D}\x{37F}-\x{1FFF}\x{200C}-\x{200D}\x{2070}-\x{218F}\x{2C00}-\x{2FEF}\x{3001}-\x{D7FF}\x{F900}-\x{FDCF}\x{FDF0}-\x{FFFD}`
	refTail = refHead + `0-9\-\x{B7}\x{300}-\x{36F}\x{203F}-\x{2040}`
)

// refLexer is the regexp lexer the hand-written one replaces: simpler to
// read, several times slower. On valid input the two must agree token for
// token. It cannot see context, so it treats every "/…/" on one line as a
// regex and every "label:label" as a scoped label; the inputs it is
// compared on contain no division and no "rule x:when".
var refLexer = lexer.MustSimple([]lexer.SimpleRule{
	{Name: "Whitespace", Pattern: `\x{FEFF}|[ \t\r\n\f\v]+`}, // the hand lexer takes a BOM only at the start
	{Name: "Comment", Pattern: `#(?:[^\n\r]|\r+[^\n\r])*`},
	{Name: "String", Pattern: `"(?:[^"\\]|\\(?s:.))*"|'(?:[^'\\]|\\(?s:.))*'`},
	{Name: "Date", Pattern: `[0-9]+-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?`},
	{Name: "Ident", Pattern: `0[xX][0-9a-fA-F]+|(?:sub|isa)!|[` + refHead + `][` + refTail + `]*(?:\:[` + refHead + `][` + refTail + `]*)?`},
	{Name: "Number", Pattern: `[0-9]+(?:\.[0-9]+)?`},
	{Name: "Var", Pattern: `\$[` + refTail + `]*|\?[` + refTail + `]+`},
	{Name: "AtIdent", Pattern: `@[` + refTail + `]+`},
	{Name: "Regex", Pattern: `/(?:\\[^\n]|[^/\n\\])*/`},
	{Name: "Punct", Pattern: `!==|!=|==|>=|<=|\.\.|[;,:{}()\[\]=><+\-*/%^!?]`},
})

func lexAll(t *testing.T, def lexer.Definition, name, src string) []string {
	t.Helper()
	l, err := def.(lexer.StringDefinition).LexString(name, src)
	if err != nil {
		t.Fatal(err)
	}
	names := lexer.SymbolsByRune(def)
	var out []string
	for {
		tk, err := l.Next()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		typ := names[tk.Type]
		if typ == "Ident" && strings.Contains(tk.Value, ":") {
			typ = "Scoped" // the reference lexer has one rule for both
		}
		out = append(out, typ+" "+tk.Pos.String()+" "+tk.Value)
		if tk.EOF() {
			return out
		}
	}
}

func TestLexerConformance(t *testing.T) {
	inputs := map[string]string{
		"mixed": "define\n# c\n\"full name\" sub attribute, regex /a\\/b/;\n$x isa! y, has n >= -1.5; ?v = $a + 2;\n" +
			"m:r sub! @has-x; d == 2020-01-31T10:00:00.123; 'é' x-1 iid 0x1f; \"multi\nline\";\n",
		"bom-crlf": "\uFEFFdefine # c\r\nperson sub entity; #\r\r\n# a\rb\r\n#end\r",
	}
	for _, name := range corpusFiles(t) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		inputs[name] = string(b)
	}
	for name, src := range inputs {
		got := lexAll(t, Lexer, name, src)
		want := lexAll(t, refLexer, name, src)
		for i := 0; i < len(got) && i < len(want); i++ {
			if got[i] != want[i] {
				t.Errorf("%s: token %d: hand lexer %q, regexp lexer %q", name, i, got[i], want[i])
				break
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: hand lexer gave %d tokens, regexp lexer %d", name, len(got), len(want))
		}
	}
}

func TestLexerErrors(t *testing.T) {
	for _, tc := range []struct{ src, msg string }{
		{`"abc`, "unterminated string literal"},
		{`'abc\'`, "unterminated string literal"},
		{`1e5`, `invalid number literal "1e5": numbers have no exponent, suffix or letters`},
		{`12abc`, `invalid number literal "12abc": numbers have no exponent, suffix or letters`},
		{`a ~ b`, `unexpected character "~"`},
		{`@ x`, `"@" must be followed by a name`},
	} {
		l, _ := Lexer.(lexer.StringDefinition).LexString("x", tc.src)
		var err error
		for i := 0; i < 10 && err == nil; i++ {
			var tk lexer.Token
			tk, err = l.Next()
			if tk.EOF() {
				break
			}
		}
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: error %v, want %q", tc.src, err, tc.msg)
		}
	}
}

func TestLexerContext(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string // types of the significant tokens, EOF excluded
	}{
		{`regex /a/`, []string{"Ident", "Regex"}},
		{`$x /re/;`, []string{"Var", "Regex", "Punct"}},
		{`has name /re/`, []string{"Ident", "Ident", "Regex"}},
		{`?v = $a / $b / 2;`, []string{"Var", "Punct", "Var", "Punct", "Var", "Punct", "Number", "Punct"}},
		{`rule x:when`, []string{"Ident", "Ident", "Punct", "Ident"}},
		{`plays m:r`, []string{"Ident", "Scoped"}},
		{`(r: $x)`, []string{"Punct", "Ident", "Punct", "Var", "Punct"}},
		{`$x != $y`, []string{"Var", "Punct", "Var"}},
		{`isa!=`, []string{"Ident", "Punct"}},
		{`sub! x`, []string{"Ident", "Ident"}},
		{`@card(0..)`, []string{"AtIdent", "Punct", "Number", "Punct", "Punct"}},
		{`5-3`, []string{"Number", "Punct", "Number"}},
	} {
		toks, _ := scanAll("x", tc.src)
		names := lexer.SymbolsByRune(Lexer)
		var got []string
		for _, tk := range toks[:len(toks)-1] {
			got = append(got, names[tk.Type])
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%q: got %v, want %v", tc.src, got, tc.want)
		}
	}
}

func TestValidLabel(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"person", true},
		{"full-name", true},
		{"name_2", true},
		{"Été", true},
		{"", false},
		{"_legacy", false}, // ≤1.4 only
		{"2fa", false},
		{"-x", false},
		{"full name", false},
		{"a:b", false},
		{"@has-name", false},
	} {
		if got := ValidLabel(tc.s); got != tc.want {
			t.Errorf("ValidLabel(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// TestScanAllInParts fills the token lists of large files in parts, as on
// several cores, and requires the lists a one-part scan gives: parts
// begin inside strings, comments, regexes and long tokens as often as
// between statements.
func TestScanAllInParts(t *testing.T) {
	tricky := "define # a comment\nname sub attribute, datatype string, regex /[a-z]+/;\n" +
		"x sub entity, has name \"a string\nover two lines\";\n$v /2020-01-01T10:00:00 ; 'single' \"unterminated\n"
	var corpus strings.Builder
	for _, name := range corpusFiles(t) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		corpus.Write(b)
	}
	srcs := map[string]string{
		"gen1":    genSchema(scanSplitMin+1000, false),
		"gen2":    genSchema(scanSplitMin+1000, true),
		"tricky":  strings.Repeat(tricky, scanSplitMin/len(tricky)+7),
		"corpus":  corpus.String(),
		"oneline": strings.Repeat("x", scanSplitMin+3),
	}
	// A part that starts just after "regex", where "/" opens a regex only
	// because of the token before it.
	unit := "x sub attribute, regex /a b/;\n"
	after := strings.Index(unit, " /a b/")
	for pad := 0; ; pad++ {
		n := pad + (scanSplitMin/len(unit)+1)*len(unit)
		if (n/scanMaxParts-pad)%len(unit) == after {
			srcs["regex"] = strings.Repeat(" ", pad) + strings.Repeat(unit, (n-pad)/len(unit))
			break
		}
	}
	for name, src := range srcs {
		if len(src) < scanSplitMin {
			continue // no shared corpus here
		}
		old := runtime.GOMAXPROCS(1)
		wantT, wantC := scanAll(name, src)
		runtime.GOMAXPROCS(scanMaxParts)
		gotT, gotC := scanAll(name, src)
		runtime.GOMAXPROCS(old)
		if !reflect.DeepEqual(gotT, wantT) || !reflect.DeepEqual(gotC, wantC) {
			t.Errorf("%s: the tokens differ when scanned in %d parts", name, scanMaxParts)
		}
	}
}
