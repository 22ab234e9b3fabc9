package grammar

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// This file parses statements by hand (rules, type statements, properties,
// patterns, blocks, tuples, annotations, simple predicates) exactly as the
// grammar in parsetree.go describes them, building the same parse tree.
// Predicates with expressions go back to participle.
// TestFastParserConformance checks that the fast parser and the reference
// parser give the same trees.

// tokenSource is what the hand-written productions read: a cursor over the
// file's tokens on the fast path, or participle's PeekingLexer when
// participle calls them (inside rules).
type tokenSource interface {
	Peek() *lexer.Token
	Next() *lexer.Token
	mark() int   // a position to go back to with reset
	reset(m int) // back to a mark
	pos() int    // how many tokens were consumed, to compare positions
	pred() (*pPred, error)
}

// cursor reads the tokens of one statement; past the end it returns eof.
type cursor struct {
	toks []tok
	i    int
	eof  tok
}

func (c *cursor) Peek() *tok {
	if c.i < len(c.toks) {
		return &c.toks[c.i]
	}
	return &c.eof
}

func (c *cursor) Next() *tok {
	t := c.Peek()
	if c.i < len(c.toks) {
		c.i++
	}
	return t
}

func (c *cursor) mark() int   { return c.i }
func (c *cursor) reset(m int) { c.i = m }
func (c *cursor) pos() int    { return c.i }

// pred parses a predicate: the usual "op value" and bare-literal forms by
// hand, anything with an expression by participle (predParser) over the
// rest of the statement.
func (c *cursor) pred() (*pPred, error) {
	if pr, ok := c.simplePred(); ok {
		return pr, nil
	}
	rest := c.toks[c.i:]
	pl, err := lexer.Upgrade(&sliceLexer{toks: rest, eof: c.eof.Pos})
	if err != nil {
		return nil, err
	}
	pr, err := predParser.ParseFromLexer(pl, participle.AllowTrailing(true))
	if err != nil {
		return nil, err
	}
	c.i += pl.Cursor()
	return pr, nil
}

// simplePred parses "OP literal", "OP $var" and a bare literal when no
// arithmetic follows, building the same tree as predParser would.
func (c *cursor) simplePred() (*pPred, bool) {
	start := c.i
	pr := &pPred{}
	t := c.Peek()
	if isOp(t) {
		op := *c.Next()
		pr.Op = &op
		term := &pTerm{}
		if v := c.Peek(); v.Type == tokVar {
			vv := *c.Next()
			term.Var = &vv
		} else if l, ok := c.simpleLit(); ok {
			term.Lit = l
		} else {
			c.i = start
			return nil, false
		}
		pr.Operand = &pExpr{First: term}
	} else if l, ok := c.simpleLit(); ok {
		pr.Bare = l
	} else {
		c.i = start
		return nil, false
	}
	if n := c.Peek(); n.Type == tokPunct {
		switch n.Value {
		case "+", "-", "*", "/", "%", "^", "(":
			c.i = start
			return nil, false
		}
	}
	return pr, true
}

func (c *cursor) simpleLit() (*pLit, bool) {
	start := c.i
	l := &pLit{}
	t := c.Peek()
	if isPunct(t, "-") || isPunct(t, "+") {
		s := *c.Next()
		l.Sign = &s
		t = c.Peek()
		if t.Type != tokNumber && t.Type != tokDate {
			c.i = start
			return nil, false
		}
	}
	switch {
	case t.Type == tokNumber, t.Type == tokDate, t.Type == tokString, t.Type == tokRegex,
		t.Type == tokIdent && (t.Value == "true" || t.Value == "false"):
		l.Tok = *c.Next()
		return l, true
	}
	c.i = start
	return nil, false
}

func isOp(t *tok) bool {
	switch t.Type {
	case tokPunct:
		switch t.Value {
		case "==", "!==", "!=", "=", ">=", ">", "<=", "<":
			return true
		}
	case tokIdent:
		switch t.Value {
		case "contains", "like", "val":
			return true
		}
	}
	return false
}

// plSource adapts participle's PeekingLexer, for the productions
// participle hands to parseProp and parsePattern.
type plSource struct {
	*lexer.PeekingLexer
	marks []lexer.Checkpoint
}

func (s *plSource) mark() int {
	s.marks = append(s.marks, s.MakeCheckpoint())
	return len(s.marks) - 1
}
func (s *plSource) reset(m int) { s.LoadCheckpoint(s.marks[m]) }
func (s *plSource) pos() int    { return s.Cursor() }
func (s *plSource) pred() (*pPred, error) {
	return predParser.ParseFromLexer(s.PeekingLexer, participle.AllowTrailing(true))
}

// The hand-written productions as participle.ParseTypeWith wants them.
func propFromLexer(l *lexer.PeekingLexer) (propNode, error) {
	return parseProp(&plSource{PeekingLexer: l})
}
func patternFromLexer(l *lexer.PeekingLexer) (patternNode, error) {
	return parsePattern(&plSource{PeekingLexer: l})
}
func typeStmtFromLexer(l *lexer.PeekingLexer) (typeStmtNode, error) {
	return parseTypeStmt(&plSource{PeekingLexer: l})
}

// kindKeywords open a 3.x type statement; propKeywords open a property, so
// a kind keyword followed by one is a subject ("entity sub thing").
var (
	kindKeywords = map[string]bool{"entity": true, "relation": true, "attribute": true}
	propKeywords = map[string]bool{
		"sub": true, "sub!": true, "abstract": true, "is-abstract": true, "has": true, "key": true,
		"owns": true, "plays": true, "relates": true, "value": true, "datatype": true, "regex": true,
		"when": true, "then": true, "type": true, "label": true, "isa": true, "isa!": true, "id": true,
		"iid": true, "is": true, "links": true, "alias": true,
	}
)

// labelAfterKind reports whether the property keyword after a kind is a
// 3.x label: "attribute value, value double;" defines the attribute type
// value. It is one unless what follows it could be the keyword's argument
// (a label, a variable, a string, a regex or a number: "entity sub thing"
// keeps entity a subject); abstract and is-abstract, which take nothing,
// stay keywords. The reference grammar's lookahead on pTypeStmt.Kind says
// the same.
func labelAfterKind(lex tokenSource) bool {
	cp := lex.mark()
	defer lex.reset(cp)
	if w := lex.Next(); w.Value == "abstract" || w.Value == "is-abstract" {
		return false
	}
	switch lex.Peek().Type {
	case tokIdent, tokScoped, tokString, tokVar, tokRegex, tokNumber:
		return false
	}
	return true
}

// parseRule parses the 2.x "rule L: when {…} then {…};" or "rule L;".
func parseRule(lex tokenSource) (*pRule, error) {
	r := &pRule{}
	var err error
	if r.Rule, err = expectWord(lex, "rule"); err != nil {
		return nil, err
	}
	if r.Label, err = expectRef(lex); err != nil {
		return nil, err
	}
	if isPunct(lex.Peek(), ":") {
		c := *lex.Next()
		r.Colon = &c
		if _, err = expectWord(lex, "when"); err != nil {
			return nil, err
		}
		if r.When, err = parseBlock(lex); err != nil {
			return nil, err
		}
		if _, err = expectWord(lex, "then"); err != nil {
			return nil, err
		}
		if r.Then, err = parseBlock(lex); err != nil {
			return nil, err
		}
	}
	r.Semi, err = expect(lex, `";"`, tokPunct)
	return r, err
}

func expectWord(lex tokenSource, w string) (tok, error) {
	t := lex.Peek()
	if t.Type == tokIdent && t.Value == w {
		return *lex.Next(), nil
	}
	return tok{}, &participle.UnexpectedTokenError{Unexpected: *t, Expect: quote(w)}
}

// parseTypeStmt parses "[kind] subject {annotation} {prop} [","] ;".
func parseTypeStmt(lex tokenSource) (typeStmtNode, error) {
	s := &pTypeStmt{}
	t := lex.Peek()
	if t.Type == tokIdent && kindKeywords[t.Value] {
		cp := lex.mark()
		k := *lex.Next()
		n := lex.Peek()
		if (n.Type == tokIdent || n.Type == tokScoped || n.Type == tokString) && (!propKeywords[n.Value] || labelAfterKind(lex)) {
			s.Kind = &k
		} else {
			lex.reset(cp)
		}
	}
	var err error
	if s.Subject, err = expectRef(lex); err != nil {
		if s.Kind == nil {
			return nil, participle.NextMatch
		}
		return nil, err
	}
	if s.Annots, err = parseAnnots(lex); err != nil {
		return nil, err
	}
	if s.Props, err = parseProps(lex); err != nil {
		return nil, err
	}
	if isPunct(lex.Peek(), ",") {
		c := *lex.Next()
		s.Comma = &c
	}
	if s.Semi, err = expect(lex, `";"`, tokPunct); err != nil {
		return nil, err
	}
	return s, nil
}

// parseProp parses one property by hand, exactly as the grammar of pProp
// (in parsetree.go) describes it: an optional comma, then a property chosen
// by its first token. Nested productions (blocks, predicates, tuples) go
// back to participle. TestFastPropConformance checks that both parsers give
// the same tree.
// parseProps parses properties until the next token starts none.
func parseProps(lex tokenSource) ([]propNode, error) {
	var props []propNode
	for {
		pr, err := parseProp(lex)
		if err == participle.NextMatch {
			return props, nil
		}
		if err != nil {
			return nil, err
		}
		props = append(props, pr)
	}
}

func parseProp(lex tokenSource) (propNode, error) {
	cp := lex.mark()
	p := &pProp{}
	t := lex.Peek()
	if isPunct(t, ",") {
		c := *lex.Next()
		p.Comma = &c
		t = lex.Peek()
	}
	var err error
	switch {
	case t.Type == tokAtIdent:
		p.Annot, err = parseAnnot(lex)
	case t.Type != tokIdent:
		lex.reset(cp)
		return nil, participle.NextMatch
	default:
		switch t.Value {
		case "sub", "sub!", "key", "type", "label", "isa", "isa!", "alias":
			k := &pKwRef{Kw: *lex.Next()}
			p.Ref = k
			if k.Ref, err = expectRef(lex); err == nil {
				k.Annots, err = parseAnnots(lex)
			}
		case "owns", "plays", "relates":
			c := &pCapProp{Kw: *lex.Next()}
			p.Cap = c
			err = parseCap(lex, c)
		case "has":
			h := &pHas{Has: *lex.Next()}
			p.Has = h
			err = parseHas(lex, h)
		case "abstract", "is-abstract":
			a := *lex.Next()
			p.Abstract = &a
		case "value", "datatype":
			v := &pValueType{Kw: *lex.Next()}
			p.Value = v
			if v.Type, err = expect(lex, "a value type", tokIdent); err == nil {
				v.Annots, err = parseAnnots(lex)
			}
		case "regex":
			r := &pRegex{Kw: *lex.Next()}
			p.Regex = r
			r.Pattern, err = expect(lex, "a string", tokString, tokRegex)
		case "when", "then":
			b := &pBody{Kw: *lex.Next()}
			p.Body = b
			b.Body, err = parseBlock(lex)
		case "id", "iid":
			d := &pID{Kw: *lex.Next()}
			p.ID = d
			d.Value, err = expect(lex, "an id", tokIdent, tokNumber, tokString)
		case "is":
			i := &pIs{Kw: *lex.Next()}
			p.Is = i
			i.Var, err = expect(lex, "a variable", tokVar)
		case "links":
			l := &pLinks{Kw: *lex.Next()}
			p.Links = l
			l.Tuple, err = parseTuple(lex)
		default:
			lex.reset(cp)
			return nil, participle.NextMatch
		}
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

func parseCap(lex tokenSource, c *pCapProp) error {
	var err error
	if c.Ref, err = expectRef(lex); err != nil {
		return err
	}
	if isPunct(lex.Peek(), "[") {
		l := *lex.Next()
		r, err := expect(lex, `"]"`, tokPunct)
		if err != nil {
			return err
		}
		c.List, c.Rbrack = &l, &r
	}
	if t := lex.Peek(); t.Type == tokIdent && t.Value == "as" {
		lex.Next()
		as, err := expectRef(lex)
		if err != nil {
			return err
		}
		c.As = &as
	}
	c.Annots, err = parseAnnots(lex)
	return err
}

func parseHas(lex tokenSource, h *pHas) error {
	var err error
	if h.Ref, err = expectRef(lex); err != nil {
		return err
	}
	switch t := lex.Peek(); {
	case t.Type == tokVar:
		v := *lex.Next()
		h.Var = &v
	case startsPred(t):
		if h.Pred, err = lex.pred(); err != nil {
			return err
		}
	}
	if t := lex.Peek(); t.Type == tokIdent && t.Value == "via" {
		lex.Next()
		v, err := expect(lex, "a variable", tokVar)
		if err != nil {
			return err
		}
		h.Via = &v
	}
	return nil
}

// startsPred reports whether t can open a pPred.
func startsPred(t *tok) bool {
	switch t.Type {
	case tokString, tokNumber, tokDate, tokRegex:
		return true
	case tokPunct:
		switch t.Value {
		case "==", "!==", "!=", "=", ">=", ">", "<=", "<", "-", "+":
			return true
		}
	case tokIdent:
		switch t.Value {
		case "contains", "like", "val", "true", "false":
			return true
		}
	}
	return false
}

func parseAnnots(lex tokenSource) ([]*pAnnot, error) {
	var out []*pAnnot
	for lex.Peek().Type == tokAtIdent {
		a, err := parseAnnot(lex)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

func parseAnnot(lex tokenSource) (*pAnnot, error) {
	a := &pAnnot{At: *lex.Next()}
	if !isPunct(lex.Peek(), "(") {
		return a, nil
	}
	l := *lex.Next()
	a.Lparen = &l
	for {
		t := lex.Next()
		switch {
		case t.EOF():
			return nil, &participle.UnexpectedTokenError{Unexpected: *t, Expect: `")"`}
		case isPunct(t, ")"):
			r := *t
			a.Rparen = &r
			return a, nil
		}
	}
}

func expectRef(lex tokenSource) (tok, error) {
	return expect(lex, "a label or variable", tokIdent, tokScoped, tokString, tokAtIdent, tokVar)
}

// expect consumes the next token if it has one of the types; for tokPunct
// the description must be the quoted punctuation itself.
func expect(lex tokenSource, what string, types ...lexer.TokenType) (tok, error) {
	t := lex.Peek()
	for _, typ := range types {
		if t.Type == typ && (typ != tokPunct || `"`+t.Value+`"` == what) {
			return *lex.Next(), nil
		}
	}
	return tok{}, &participle.UnexpectedTokenError{Unexpected: *t, Expect: what}
}

func isPunct(t *tok, v string) bool { return t.Type == tokPunct && t.Value == v }

// parsePattern parses one pattern: "not {…};", "{…} [or {…}…];" or a
// statement.
func parsePattern(lex tokenSource) (patternNode, error) {
	t := lex.Peek()
	p := &pPattern{}
	var err error
	switch {
	case t.Type == tokIdent && t.Value == "not":
		n := &pNeg{Not: *lex.Next()}
		p.Neg = n
		if n.Body, err = parseBlock(lex); err == nil {
			n.Semi, err = expect(lex, `";"`, tokPunct)
		}
	case isPunct(t, "{"):
		d := &pDisj{}
		p.Disj = d
		if d.First, err = parseBlock(lex); err != nil {
			return nil, err
		}
		for t := lex.Peek(); t.Type == tokIdent && t.Value == "or"; t = lex.Peek() {
			or := &pOr{Or: *lex.Next()}
			if or.Body, err = parseBlock(lex); err != nil {
				return nil, err
			}
			d.Rest = append(d.Rest, or)
		}
		d.Semi, err = expect(lex, `";"`, tokPunct)
	default:
		return parseThing(lex, p)
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// parseThing parses "[$x | TYPE] [tuple] [predicate] {[","] prop} ;".
func parseThing(lex tokenSource, p *pPattern) (patternNode, error) {
	cp := lex.mark()
	start := lex.pos()
	th := &pThing{}
	t := lex.Peek()
	switch {
	case t.Type == tokVar:
		v := *lex.Next()
		th.Var = &v
	case t.Type == tokIdent || t.Type == tokScoped:
		lex.Next()
		if isPunct(lex.Peek(), "(") {
			v := *t
			th.Type = &v
		} else {
			lex.reset(cp)
		}
	}
	var err error
	if isPunct(lex.Peek(), "(") {
		if th.Tuple, err = parseTuple(lex); err != nil {
			return nil, err
		}
	}
	if startsPred(lex.Peek()) {
		if th.Pred, err = lex.pred(); err != nil {
			return nil, err
		}
	}
	if th.Props, err = parseProps(lex); err != nil {
		return nil, err
	}
	if !isPunct(lex.Peek(), ";") && lex.pos() == start {
		// Nothing matched: not a pattern at all (e.g. the "}" that closes
		// the block).
		return nil, participle.NextMatch
	}
	if th.Semi, err = expect(lex, `";"`, tokPunct); err != nil {
		return nil, err
	}
	p.Stmt = th
	return p, nil
}

// parseBlock parses "{ pattern… }".
func parseBlock(lex tokenSource) (*pBlock, error) {
	l, err := expect(lex, `"{"`, tokPunct)
	if err != nil {
		return nil, err
	}
	b := &pBlock{Lbrace: l}
	for {
		pt, err := parsePattern(lex)
		if err == participle.NextMatch {
			break
		}
		if err != nil {
			return nil, err
		}
		b.Patterns = append(b.Patterns, pt)
	}
	if b.Rbrace, err = expect(lex, `"}"`, tokPunct); err != nil {
		return nil, err
	}
	return b, nil
}

// parseTuple parses "( [role:] $p {, [role:] $p} )".
func parseTuple(lex tokenSource) (*pTuple, error) {
	l, err := expect(lex, `"("`, tokPunct)
	if err != nil {
		return nil, err
	}
	tu := &pTuple{Lparen: l}
	for !isPunct(lex.Peek(), ")") {
		if len(tu.Players) > 0 {
			if _, err := expect(lex, `","`, tokPunct); err != nil {
				return nil, err
			}
		}
		pl := &pPlayer{}
		t := lex.Peek()
		cp := lex.mark()
		switch t.Type {
		case tokIdent, tokScoped, tokString, tokAtIdent, tokVar:
			lex.Next()
			if isPunct(lex.Peek(), ":") {
				lex.Next()
				r := *t
				pl.Role = &r
			} else {
				lex.reset(cp)
			}
		}
		if pl.Player, err = expect(lex, "a variable", tokVar); err != nil {
			return nil, err
		}
		tu.Players = append(tu.Players, pl)
	}
	tu.Rparen = *lex.Next()
	return tu, nil
}
