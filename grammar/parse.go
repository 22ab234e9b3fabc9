package grammar

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/tqlmig/tqlmig/diag"
)

// Parse parses a Graql 1.x or TypeQL 2.x/3.x file. It always returns a whole
// *File: a statement that fails to parse becomes a *BadStmt and parsing
// resumes after the next top-level ";". The list holds every syntax
// diagnostic (Code "syntax", Severity Error). Parse never panics.
func Parse(filename string, src []byte) (f *File, diags diag.List) {
	p := run(filename, src)
	return p.out, p.diags
}

// run parses src and returns the parser's final state.
func run(filename string, src []byte) (p *parser) {
	p = &parser{file: filename, src: string(src)}
	defer func() {
		if r := recover(); r != nil {
			// A bug in the parser must not take the caller down: report it
			// as a diagnostic on an empty tree.
			p.out = &File{Name: filename, EOF: endPos(p.src)}
			p.diags = append(p.diags, &diag.Diagnostic{
				Severity: diag.Error, Code: "syntax",
				Range:   &diag.Range{File: filename, Start: Pos{Offset: 0, Line: 1, Col: 1}, End: Pos{Offset: 0, Line: 1, Col: 1}},
				Message: fmt.Sprintf("internal parser error: %v", r),
			})
		}
	}()
	p.toks, p.comments = scanAll(filename, p.src)
	p.out = &File{Name: filename, EOF: toPos(p.toks[len(p.toks)-1].Pos)}
	if p.ahead = p.startAhead(); p.ahead != nil {
		defer p.ahead.stop()
	}
	p.parseFile()
	if p.suppressed > 0 {
		p.errorAt(p.firstSuppressed, "too many syntax errors: the %d statements from here on were not parsed", p.suppressed)
	}
	p.dropDeclaredRoots()
	p.checkCommas()
	sort.SliceStable(p.features, func(i, j int) bool { return p.features[i].Pos.Offset < p.features[j].Pos.Offset })
	p.out.Features = p.features
	attachComments(p)
	p.diags.Sort()
	return p
}

// parser holds the state of one Parse call.
type parser struct {
	file     string
	src      string
	toks     []tok // significant tokens, EOF last
	comments []tok
	// ahead holds statement trees parsed on other goroutines (ahead.go);
	// spans, when not nil, makes statement only list the statements, for
	// startAhead.
	ahead    *ahead
	spans    []stmtSpan
	out      *File
	diags    diag.List
	features []Feature
	// opaque are the byte ranges kept verbatim (OtherQuery, BadStmt,
	// FunStmt, StructStmt): their comments live in their Text.
	opaque [][2]int
	// featureIdx indexes features by name; condUses lists every use of
	// the conditional (comma) features.
	featureIdx map[string]int
	condUses   []Feature
	// fromParticiple counts the statements lowered from a tree that
	// stmtParser built; tests check that it covers every statement.
	fromParticiple int
	// suppressed counts the statements left unparsed once the
	// diagnostics reached MaxSyntaxErrors; firstSuppressed is the first.
	suppressed      int
	firstSuppressed tok
	// undefining is set while the statements of an undefine query are
	// parsed: lowering accepts the 3.x undefine forms only there.
	undefining bool
	// redefining is set while the statements of a redefine query are
	// parsed: lowering holds them to typeql.pest redefinable.
	redefining bool
}

// MaxSyntaxErrors is how many diagnostics Parse reports before it gives up:
// the statements after that become BadStmt unparsed, and one last error
// says so. A file that broken is not converted anyway, and parsing and
// wording thousands of errors would make a garbage file slow.
const MaxSyntaxErrors = 100

// tooManyErrors reports whether the diagnostics are full, counting the
// statement at at as suppressed if so.
func (p *parser) tooManyErrors(at tok) bool {
	if len(p.diags) < MaxSyntaxErrors {
		return false
	}
	if p.suppressed == 0 {
		p.firstSuppressed = at
	}
	p.suppressed++
	return true
}

// queryKeywords open a top-level query.
var queryKeywords = map[string]bool{
	"define": true, "undefine": true, "redefine": true, "insert": true, "match": true, "compute": true,
}

func (p *parser) parseFile() {
	eof := len(p.toks) - 1
	for i := 0; i < eof; {
		t := p.toks[i]
		switch {
		case t.Type == tokIdent && (t.Value == "define" || t.Value == "undefine" || t.Value == "redefine"):
			i = p.defineQuery(i)
		case t.Type == tokIdent && queryKeywords[t.Value]:
			i = p.otherQuery(i)
		default:
			i = p.strayQuery(i)
		}
	}
}

// atQueryStart reports whether token i opens a new query: a query keyword
// after a ";" or first on its line.
func (p *parser) atQueryStart(i int) bool {
	t := p.toks[i]
	if t.Type != tokIdent || !queryKeywords[t.Value] {
		return false
	}
	if i == 0 {
		return true
	}
	prev := p.toks[i-1]
	return (prev.Type == tokPunct && prev.Value == ";") || t.Pos.Line > tokEnd(prev).Line
}

// otherQuery keeps a data query verbatim, up to the next query keyword at
// statement start. "match … insert …" (and "match … delete … insert …")
// is one query.
func (p *parser) otherQuery(i int) int {
	start := i
	kw := p.toks[i].Value
	sawDelete, sawInsert := kw == "delete", kw == "insert"
	depth := 0
	j := i + 1
	lastSemi := -1
loop:
	for ; p.toks[j].Type != lexer.EOF; j++ {
		t := p.toks[j]
		switch {
		case t.Type == tokPunct && t.Value == "{":
			depth++
		case t.Type == tokPunct && t.Value == "}":
			if depth > 0 {
				depth--
			}
		case t.Type == tokPunct && t.Value == ";":
			if depth == 0 {
				lastSemi = j
			}
		case depth == 0 && p.atQueryStart(j):
			if kw == "match" && t.Value == "insert" && !sawInsert {
				sawInsert = true
				continue
			}
			break loop
		case depth == 0 && kw == "match" && t.Type == tokIdent && t.Value == "delete" && !sawDelete && !sawInsert:
			sawDelete = true
		}
	}
	last := j - 1
	if lastSemi >= 0 && lastSemi < last {
		// Trailing tokens without ";" still belong to the query.
		lastSemi = last
	}
	if lastSemi < 0 {
		lastSemi = last
	}
	for k := start; k <= lastSemi; k++ {
		// Kept verbatim, but text the lexer cannot read (an unterminated
		// string runs to the end of the file) is still an error.
		if t := p.toks[k]; t.Type == tokError {
			p.errorAt(t, "%s", lexErrorMessage(t))
		}
	}
	from, to := toPos(p.toks[start].Pos), tokEnd(p.toks[lastSemi])
	q := &OtherQuery{Keyword: kw, Start: from, Stop: to, Text: p.src[from.Offset:to.Offset]}
	p.opaque = append(p.opaque, [2]int{from.Offset, to.Offset})
	p.out.Queries = append(p.out.Queries, q)
	return j
}

// strayQuery handles tokens before any query keyword: they are reported
// and kept verbatim as an OtherQuery with no keyword, up to the next ";".
func (p *parser) strayQuery(i int) int {
	j := i
	for ; p.toks[j].Type != lexer.EOF; j++ {
		if j > i && p.atQueryStart(j) {
			break
		}
		if t := p.toks[j]; t.Type == tokPunct && t.Value == ";" {
			j++
			break
		}
	}
	t := p.toks[i]
	switch {
	case p.tooManyErrors(t):
	case t.Type == tokError:
		p.errorAt(t, "%s", lexErrorMessage(t))
	case t.Type == tokIdent && suggest(t.Value, queryKeywordList) != "":
		d := p.errorAt(t, "unknown keyword %s", strconv.Quote(t.Value))
		s := suggest(t.Value, queryKeywordList)
		d.Detail = fmt.Sprintf("Did you mean %q?", s)
		d.Fix = &diag.Fix{Message: fmt.Sprintf("replace with %q", s), Edits: []diag.Edit{{Range: *d.Range, New: s}}}
	default:
		p.errorAt(t, "expected define, undefine, insert, match or compute, found %s", describe(t))
	}
	from, to := toPos(t.Pos), tokEnd(p.toks[j-1])
	p.opaque = append(p.opaque, [2]int{from.Offset, to.Offset})
	p.out.Queries = append(p.out.Queries, &OtherQuery{Start: from, Stop: to, Text: p.src[from.Offset:to.Offset]})
	return j
}

// defineQuery parses "define|undefine|redefine STMT…" starting at token i
// and returns the index of the first token after the query.
func (p *parser) defineQuery(i int) int {
	kw := p.toks[i]
	q := &DefineQuery{Keyword: toPos(kw.Pos), Kind: queryKind(kw.Value)}
	p.undefining, p.redefining = q.Kind == Undefine, q.Kind == Redefine
	if q.Kind == Redefine {
		p.feature("redefine", q.Keyword)
	}
	p.out.Queries = append(p.out.Queries, q)
	j := i + 1
	start, depth, stray := j, 0, -1
	for {
		t := p.toks[j]
		if t.Type == lexer.EOF {
			break
		}
		if p.atQueryStart(j) && (depth == 0 || t.Value != "compute") {
			break
		}
		if depth > 0 && p.looksLikeStatementStart(j) {
			// A "{" was never closed: end the broken statement here rather
			// than swallowing the rest of the query.
			p.statement(q, start, j, stray)
			start, stray, depth = j, -1, 0
		}
		if t.Type == tokPunct {
			switch t.Value {
			case "{":
				depth++
			case "}":
				if depth == 0 {
					if stray < 0 {
						stray = j
					}
				} else {
					depth--
				}
			case ";":
				if depth == 0 && start == j {
					// Empty statements: one diagnostic for the whole run, so
					// that a flood of ";" costs one step each.
					j = p.emptyStmts(q, j)
					start, stray = j, -1
					continue
				}
				if depth == 0 {
					p.statement(q, start, j+1, stray)
					start, stray = j+1, -1
				}
			}
		}
		if start == j && q.Kind != Undefine && t.Type == tokIdent && t.Value == "fun" && p.toks[j+1].Type == tokIdent && (!startsProp(p.toks[j+1]) || isPunctTok(p.toks[j+2], "(")) {
			j = p.funStmt(q, j)
			start = j
			continue
		}
		j++
	}
	if start < j {
		p.statement(q, start, j, stray)
	}
	if len(q.Stmts) == 0 {
		// typedb/typeql@3.10.4:rust/parser/typeql.pest definables,
		// undefinables and query_redefine may be empty; 1.x and 2.x want
		// a statement.
		p.feature("empty-query", q.Keyword)
	}
	return j
}

// looksLikeStatementStart reports whether token j, found inside braces,
// is more likely the start of a new define statement: after a ";", in the
// first column, a label followed by a label ("person sub …") or "rule"
// followed by a label. Patterns inside rule bodies start with a variable,
// "(", "{", "not" or a literal instead.
func (p *parser) looksLikeStatementStart(j int) bool {
	t, prev, next := p.toks[j], p.toks[j-1], p.toks[j+1]
	return t.Pos.Column == 1 && t.Type == tokIdent && prev.Type == tokPunct && prev.Value == ";" &&
		(next.Type == tokIdent || next.Type == tokScoped) && t.Pos.Line > prev.Pos.Line
}

// emptyStmts reports the run of ";" that starts at token j as one error
// and one BadStmt, and returns the index after the run.
func (p *parser) emptyStmts(q *DefineQuery, j int) int {
	e := j + 1
	for isPunctTok(p.toks[e], ";") {
		e++
	}
	if !p.tooManyErrors(p.toks[j]) {
		d := p.errorAt(p.toks[j], "unexpected \";\"")
		if n := e - j; n > 1 {
			d.Range.End = tokEnd(p.toks[e-1])
			d.Message = fmt.Sprintf("unexpected \";\" (%d empty statements)", n)
		}
	}
	p.badStmt(q, j, e)
	return e
}

func isPunctTok(t tok, v string) bool { return t.Type == tokPunct && t.Value == v }

// MaxNesting is how deeply blocks ("{", including those of not and or),
// parentheses and brackets may nest in one statement. Deeper input is a
// syntax error before it reaches the recursive parser, which keeps the
// stack and the time of a hostile file small; real schemas nest a few
// levels.
const MaxNesting = 1000

// checkStatement reports what makes tokens [s, e) unparsable before the
// grammar sees them: text the lexer could not read, a "}" with no "{"
// (stray, or -1), nesting deeper than MaxNesting. It reports whether the
// statement is bad.
func (p *parser) checkStatement(s, e, stray int) bool {
	depth := 0
	for k := s; k < e; k++ {
		t := p.toks[k]
		switch {
		case t.Type == tokError:
			p.errorAt(t, "%s", lexErrorMessage(t))
			return true
		case t.Type != tokPunct:
		case t.Value == "{" || t.Value == "(" || t.Value == "[":
			if depth++; depth > MaxNesting {
				d := p.errorAt(t, "nesting deeper than %d levels", MaxNesting)
				d.Detail = "Blocks, parentheses and brackets may nest at most " + strconv.Itoa(MaxNesting) + " levels deep in one statement."
				return true
			}
		case t.Value == "}" || t.Value == ")" || t.Value == "]":
			depth--
		}
	}
	if stray >= 0 {
		p.errorAt(p.toks[stray], "unexpected \"}\" with no matching \"{\"")
		return true
	}
	return false
}

// statement parses tokens [s, e) as one statement of q. When a ";" is
// missing, the part before it becomes a BadStmt and parsing goes on with
// the rest, in a loop (not recursion: a file of statements without ";"
// must not grow the stack).
func (p *parser) statement(q *DefineQuery, s, e, stray int) {
	if p.spans != nil {
		p.spans = append(p.spans, stmtSpan{s, e})
		return
	}
	toks := p.toks
	if p.tooManyErrors(toks[s]) || p.checkStatement(s, e, stray) {
		p.badStmt(q, s, e)
		return
	}
	for {
		d, err := p.parseStatement(s, e)
		if err == nil {
			var st Stmt
			st, err = p.lowerDefinable(d)
			if err == nil {
				p.fromParticiple++
				q.Stmts = append(q.Stmts, st)
				return
			}
		}
		split := p.reportSyntax(err, s, e)
		if split > s && split < e {
			p.badStmt(q, s, split)
			s = split
			if p.tooManyErrors(toks[s]) {
				p.badStmt(q, s, e)
				return
			}
			continue
		}
		p.badStmt(q, s, e)
		return
	}
}

// firstWindow is the number of tokens parseStatement first gives the
// grammar.
const firstWindow = 256

// windowMargin is how many tokens before a window's end a parse error
// may stand and still be the window's end: a repetition backs out of an
// element cut short by the window (at most the 2 tokens of lookahead),
// and participle reports what the repetition's successor expected there,
// as for ", owns" or ", a" (a struct field) at the end of a window.
const windowMargin = 8

// parseStatement parses tokens [s, e) as one statement with stmtParser.
// participle copies the tokens it is given, so a long broken statement is
// parsed in windows that double in size: a parse that fails well before
// the window's end (windowMargin) fails the same way on the whole
// statement (the grammar has not looked past the error), and the work
// stays linear in the tokens actually read, even when a file of
// statements without ";" is split one statement at a time.
func (p *parser) parseStatement(s, e int) (*pDefinable, error) {
	if p.ahead != nil {
		if d := p.ahead.take(s, e); d != nil {
			return d, nil
		}
	}
	for w := firstWindow; ; w *= 2 {
		end := s + w
		if end >= e {
			return parseAlone(p.toks[s:e], p.toks[e].Pos)
		}
		d, err := parseAlone(p.toks[s:end], p.toks[end].Pos)
		var perr participle.Error
		if err != nil && errors.As(err, &perr) && perr.Position().Offset < p.toks[end-windowMargin].Pos.Offset {
			return d, err
		}
	}
}

// parseAlone parses toks as one statement followed by EOF at eof.
func parseAlone(toks []tok, eof lexer.Position) (*pDefinable, error) {
	pl, err := lexer.Upgrade(&sliceLexer{toks: toks, eof: eof})
	if err != nil {
		return nil, err
	}
	return stmtParser.ParseFromLexer(pl)
}

func (p *parser) badStmt(q *DefineQuery, s, e int) {
	from, to := toPos(p.toks[s].Pos), tokEnd(p.toks[e-1])
	p.opaque = append(p.opaque, [2]int{from.Offset, to.Offset})
	q.Stmts = append(q.Stmts, &BadStmt{Start: from, Stop: to, Text: p.src[from.Offset:to.Offset]})
}

// lowerError is an error found while lowering a statement that parsed:
// something the grammar lets through but no dialect accepts.
type lowerError struct {
	at  Pos
	end Pos
	msg string
}

func (e *lowerError) Error() string { return e.msg }

// reportSyntax turns a parse error for tokens [s, e) into a diagnostic in
// plain words. It returns the index where a missing ";" was detected (the
// statement is then split there), or -1.
func (p *parser) reportSyntax(err error, s, e int) int {
	var le *lowerError
	if errors.As(err, &le) {
		p.diags.Add(&diag.Diagnostic{Severity: diag.Error, Code: "syntax",
			Range: &diag.Range{File: p.file, Start: le.at, End: le.end}, Message: le.msg})
		return -1
	}
	var perr participle.Error
	if !errors.As(err, &perr) {
		p.errorAt(p.toks[s], "%v", err)
		return -1
	}
	k := p.tokenAt(perr.Position().Offset, s, e)
	if k < e && startsProp(p.toks[k]) {
		// The statement parser backs out of a property that breaks
		// inside ("owns ;") and stops at its keyword; the property alone
		// says where it breaks.
		pl, lerr := lexer.Upgrade(&sliceLexer{toks: p.toks[k:e], eof: p.toks[e].Pos})
		if lerr == nil {
			_, err := propParser.ParseFromLexer(pl, participle.AllowTrailing(true))
			var inner participle.Error
			if errors.As(err, &inner) && inner.Position().Offset > p.toks[k].Pos.Offset {
				perr = inner
				k = p.tokenAt(perr.Position().Offset, s, e)
			}
		}
	}
	k, want := p.structErrorAt(k, s, e)
	t := p.toks[k]
	// Missing ";": the offending token starts a new line (or the input
	// ends), and everything before it is a complete statement. A line
	// that ends with "," goes on, so its next line holds the error.
	if k > s && (k == e || t.Pos.Line > tokEnd(p.toks[k-1]).Line) && !isPunctTok(p.toks[k-1], ",") {
		semi := tok{Type: tokPunct, Value: ";", Pos: tokEndLexer(p.toks[k-1])}
		prefix := append(append([]tok(nil), p.toks[s:k]...), semi)
		if _, err := parseAlone(prefix, semi.Pos); err == nil {
			at := tokEnd(p.toks[k-1])
			p.diags.Add(&diag.Diagnostic{Severity: diag.Error, Code: "syntax",
				Range:   &diag.Range{File: p.file, Start: at, End: at},
				Message: "missing \";\" after statement",
				Fix:     &diag.Fix{Message: "insert \";\"", Edits: []diag.Edit{{Range: diag.Range{File: p.file, Start: at, End: at}, New: ";"}}}})
			if k < e {
				return k
			}
			return -1
		}
	}
	if k == e {
		if i := unclosedBrace(p.toks[s:e]); i >= 0 {
			if p.closeMissingBefore(s+i, e) {
				return -1
			}
			open := p.toks[s+i]
			at := tokEnd(p.toks[e-1])
			p.diags.Add(&diag.Diagnostic{Severity: diag.Error, Code: "syntax",
				Range:   &diag.Range{File: p.file, Start: at, End: at},
				Message: fmt.Sprintf("missing \"}\" to close the \"{\" at %d:%d", open.Pos.Line, open.Pos.Column)})
			return -1
		}
	}
	if k == e && e > s && !(p.toks[e-1].Type == tokPunct && p.toks[e-1].Value == ";") {
		at := tokEnd(p.toks[e-1])
		p.diags.Add(&diag.Diagnostic{Severity: diag.Error, Code: "syntax",
			Range: &diag.Range{File: p.file, Start: at, End: at}, Message: "statement is incomplete: unexpected end of query"})
		return -1
	}
	if t.Type == tokIdent && !allKeywords[t.Value] {
		if s := suggest(t.Value, keywordList); s != "" {
			d := p.errorAt(t, "unknown keyword %s", strconv.Quote(t.Value))
			d.Detail = fmt.Sprintf("Did you mean %q?", s)
			d.Fix = &diag.Fix{Message: fmt.Sprintf("replace with %q", s), Edits: []diag.Edit{{Range: *d.Range, New: s}}}
			return -1
		}
	}
	msg := "unexpected " + describe(t)
	if want != "" {
		msg += ", expected " + want
	} else if exp := expected(perr.Message()); exp != "" {
		msg += ", expected " + exp
	}
	p.errorAt(t, "%s", msg)
	return -1
}

// startsProp reports whether t is a keyword that opens a property.
func startsProp(t tok) bool {
	return t.Type == tokIdent && (refWords[t.Value] || capWords[t.Value] || propOpeners[t.Value])
}

var propOpeners = words("has", "value", "datatype", "regex", "when", "then", "id", "iid", "is", "links")

// closeMissingBefore reports an unclosed block where it goes wrong: the
// first token at the start of a pattern of the block opened by open (token
// index) that no pattern can start with: a "," or the "then" or "when" of
// a rule, as in "when { $x isa person; , then {…};". The error is at that
// token, with a note at the "{". It reports whether it found one.
func (p *parser) closeMissingBefore(open, e int) bool {
	depth := 0
	for k := open + 1; k < e; k++ {
		t := p.toks[k]
		if t.Type == tokPunct {
			switch t.Value {
			case "{", "(", "[":
				depth++
				continue
			case "}", ")", "]":
				depth--
				continue
			}
		}
		if depth != 0 {
			continue
		}
		prev := p.toks[k-1]
		if !(k == open+1 || isPunctTok(prev, ";")) {
			continue
		}
		if isPunctTok(t, ",") || (t.Type == tokIdent && (t.Value == "then" || t.Value == "when")) {
			o := p.toks[open]
			d := p.errorAt(t, "unexpected %s inside the block opened at %d:%d", strconv.Quote(t.Value), o.Pos.Line, o.Pos.Column)
			d.Detail = "The block is not closed: a \"}\" is missing before " + strconv.Quote(t.Value) + "."
			d.Related = []diag.Related{{Range: diag.Range{File: p.file, Start: toPos(o.Pos), End: tokEnd(o)}, Message: "block opened here, never closed"}}
			d.Fix = &diag.Fix{Message: "insert \"}\"", Edits: []diag.Edit{{Range: diag.Range{File: p.file, Start: toPos(t.Pos), End: toPos(t.Pos)}, New: "} "}}}
			return true
		}
	}
	return false
}

// unclosedBrace returns the index of the innermost "{" of toks left open
// at the end, or -1.
func unclosedBrace(toks []tok) int {
	var open []int
	for i, t := range toks {
		if t.Type == tokPunct {
			switch t.Value {
			case "{":
				open = append(open, i)
			case "}":
				if len(open) > 0 {
					open = open[:len(open)-1]
				}
			}
		}
	}
	if len(open) == 0 {
		return -1
	}
	return open[len(open)-1]
}

// expected extracts a short "(expected X)" tail from a participle message.
func expected(m string) string {
	i := strings.LastIndex(m, "(expected ")
	if i < 0 || !strings.HasSuffix(m, ")") {
		return ""
	}
	e := m[i+len("(expected ") : len(m)-1]
	// Only show plain token lists such as `";"` or `"," | ";"`: anything
	// else names private grammar productions.
	for _, part := range strings.Split(e, " ") {
		if part != "|" && !(len(part) >= 2 && part[0] == '"' && part[len(part)-1] == '"') {
			return ""
		}
	}
	return e
}

// tokenAt returns the index in [s, e] of the token at byte offset off.
func (p *parser) tokenAt(off, s, e int) int {
	for k := s; k < e; k++ {
		if p.toks[k].Pos.Offset >= off {
			return k
		}
	}
	return e
}

func describe(t tok) string {
	v := t.Value
	// A megabyte of label in a message helps nobody.
	for i, n := 0, 0; i < len(v); n++ {
		if n == maxQuoted {
			v = v[:i] + "…"
			break
		}
		_, size := utf8.DecodeRuneInString(v[i:])
		i += size
	}
	switch t.Type {
	case lexer.EOF:
		return "end of input"
	case tokString:
		return "string " + v
	}
	return strconv.Quote(v)
}

// maxQuoted is how many runes of a token a message quotes.
const maxQuoted = 60

func (p *parser) errorAt(t tok, format string, args ...any) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Code: "syntax",
		Range:   &diag.Range{File: p.file, Start: toPos(t.Pos), End: tokEnd(t)},
		Message: fmt.Sprintf(format, args...)}
	p.diags.Add(d)
	return d
}

// feature records a use of a dialect feature. File.Features keeps the first
// use of each feature; the comma features keep every use, since each one
// may become an error (see checkCommas).
func (p *parser) feature(name string, at Pos) {
	d, ok := featureDialects[name]
	if !ok {
		panic("grammar: unknown feature " + name)
	}
	if isConditional(name) {
		p.condUses = append(p.condUses, Feature{Name: name, Pos: at, Dialects: d})
	}
	if i, seen := p.featureIdx[name]; seen {
		if at.Offset < p.features[i].Pos.Offset {
			p.features[i].Pos = at
		}
		return
	}
	if p.featureIdx == nil {
		p.featureIdx = map[string]int{}
	}
	p.featureIdx[name] = len(p.features)
	p.features = append(p.features, Feature{Name: name, Pos: at, Dialects: d})
}

func isConditional(name string) bool {
	for _, c := range conditional {
		if c.feature == name {
			return true
		}
	}
	return false
}

// conditional are the features that are syntax errors unless the file's
// dialect allows them: a comma left out between properties (1.0–1.4 only)
// and the commas 3.x tolerates around properties.
var conditional = []struct {
	feature string
	needs   Dialect
	msg     string
	detail  string
	fix     string // text to insert at the place, or "" to delete the comma
	// sev is Warning where the meaning is certain, so that a legacy file
	// with a slip its own server would have rejected can still be migrated.
	sev diag.Severity
}{
	{"no-comma", Graql10, "missing \",\" between properties",
		"Only Grakn 1.0–1.4 allowed properties without commas, and this file uses constructs from later versions, so its own server would reject this statement. tqlmig reads it as if the comma were there.", ",", diag.Warning},
	{"trailing-comma", TypeQL3, "unexpected \",\" before \";\"",
		"Only TypeQL 3.x allows a comma after the last property, and this file uses constructs from earlier versions.", "", diag.Error},
	{"comma-first", TypeQL3, "unexpected \",\" before the first property",
		"Only TypeQL 3.x allows a comma between the label and the first property, and this file uses constructs from earlier versions.", "", diag.Error},
}

// checkCommas reports each conditional feature the rest of the file rules
// out, and drops it from the features: it is an error, not evidence of a
// dialect.
func (p *parser) checkCommas() {
	for _, c := range conditional {
		var uses []Feature
		for _, f := range p.condUses {
			if f.Name == c.feature {
				uses = append(uses, f)
			}
		}
		// A rest already mixed says nothing about which reading is right:
		// the mixed-dialect error names the construct to fix, and the
		// commas are judged once the file reads as one dialect.
		if rest := dialectOf(p.features, c.feature); len(uses) == 0 || rest == 0 || rest&c.needs != 0 {
			continue
		}
		kept := p.features[:0]
		for _, f := range p.features {
			if f.Name != c.feature {
				kept = append(kept, f)
			}
		}
		p.features = kept
		for _, u := range uses {
			r := diag.Range{File: p.file, Start: u.Pos, End: u.Pos}
			fix := &diag.Fix{Message: "insert \",\"", Edits: []diag.Edit{{Range: r, New: c.fix}}}
			if c.fix == "" {
				r.End = advance(u.Pos, ",")
				fix = &diag.Fix{Message: "remove \",\"", Edits: []diag.Edit{{Range: r}}}
			}
			p.diags.Add(&diag.Diagnostic{Severity: c.sev, Code: "syntax",
				Range: &diag.Range{File: p.file, Start: r.Start, End: r.End}, Message: c.msg, Detail: c.detail, Fix: fix})
		}
	}
}

// dropDeclaredRoots drops the "relationship" feature (the ≤1.4 root) from
// a file that defines a type of that name: there "sub relationship" names
// the user's type, which every later dialect accepts, and is no evidence
// of Grakn ≤1.4. Declarations in other files are the loader's to weigh.
func (p *parser) dropDeclaredRoots() {
	declared := false
	for _, q := range p.out.Queries {
		d, ok := q.(*DefineQuery)
		if !ok || d.Kind != Define {
			continue
		}
		for _, st := range d.Stmts {
			if ts, ok := st.(*TypeStmt); ok && ts.Subject != nil && ts.Subject.Name == "relationship" && declares(ts) {
				declared = true
			}
		}
	}
	if !declared {
		return
	}
	kept := p.features[:0]
	for _, f := range p.features {
		if f.Name != "relationship" {
			kept = append(kept, f)
		}
	}
	p.features = kept
	uses := p.condUses[:0]
	for _, f := range p.condUses {
		if f.Name != "relationship" {
			uses = append(uses, f)
		}
	}
	p.condUses = uses
}

// declares reports whether ts defines its subject: a 3.x kind, or a sub.
func declares(ts *TypeStmt) bool {
	if ts.Kind != "" {
		return true
	}
	for _, pr := range ts.Props {
		if _, ok := pr.(*SubProp); ok {
			return true
		}
	}
	return false
}

func toPos(lp lexer.Position) Pos { return Pos{Offset: lp.Offset, Line: lp.Line, Col: lp.Column} }

// tokEnd returns the position just past t.
func tokEnd(t tok) Pos { return advance(toPos(t.Pos), t.Value) }

func tokEndLexer(t tok) lexer.Position {
	e := tokEnd(t)
	return lexer.Position{Filename: t.Pos.Filename, Offset: e.Offset, Line: e.Line, Column: e.Col}
}

func endPos(src string) Pos { return advance(Pos{Line: 1, Col: 1}, src) }
