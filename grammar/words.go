package grammar

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// One-token productions of the grammar in parsetree.go. Each matches a
// class of tokens in one step: written as a union of literals or token
// types, participle would try (and allocate for) one alternative after
// another. Each Parse consumes exactly one token or returns
// participle.NextMatch.

// oneOf consumes the next token into dst when ok accepts it.
func oneOf(lex *lexer.PeekingLexer, dst *lexer.Token, ok func(*lexer.Token) bool) error {
	if t := lex.Peek(); ok(t) {
		*dst = *lex.Next()
		return nil
	}
	return participle.NextMatch
}

// labelTok is a type reference: Ident | Scoped | String | AtIdent | Var.
type labelTok struct{ lexer.Token }

func (l *labelTok) Parse(lex *lexer.PeekingLexer) error { return oneOf(lex, &l.Token, isLabel) }

// Token classes, shared by the one-token nodes and the lookaheads.

// isLabel: Ident | Scoped | String | AtIdent | Var.
func isLabel(t *lexer.Token) bool {
	switch t.Type {
	case tokIdent, tokScoped, tokString, tokAtIdent, tokVar:
		return true
	}
	return false
}

// isSign: "-" | "+".
func isSign(t *lexer.Token) bool { return t.Type == tokPunct && (t.Value == "-" || t.Value == "+") }

// isPredOp: a comparison operator or "contains" | "like".
func isPredOp(t *lexer.Token) bool {
	return (t.Type == tokPunct && predPunct[t.Value]) || (t.Type == tokIdent && predWords[t.Value])
}

// isLiteral: Number | Date | String | Regex | "true" | "false".
func isLiteral(t *lexer.Token) bool {
	switch t.Type {
	case tokNumber, tokDate, tokString, tokRegex:
		return true
	case tokIdent:
		return t.Value == "true" || t.Value == "false"
	}
	return false
}

// words builds a set of keywords.
func words(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func isWord(set map[string]bool) func(*lexer.Token) bool {
	return func(t *lexer.Token) bool { return t.Type == tokIdent && set[t.Value] }
}

func isPunctIn(set map[string]bool) func(*lexer.Token) bool {
	return func(t *lexer.Token) bool { return t.Type == tokPunct && set[t.Value] }
}

var (
	refWords  = words("sub", "sub!", "key", "type", "label", "isa", "isa!", "alias")
	capWords  = words("owns", "plays", "relates")
	kindWords = words("entity", "relation", "attribute")
	predWords = words("contains", "like")
	predPunct = words("==", "!==", "!=", "=", ">=", ">", "<=", "<")
	arithOps  = words("+", "-", "*", "/", "%", "^")
)

// refKeyword is "sub" | "sub!" | "key" | "type" | "label" | "isa" | "isa!" | "alias".
type refKeyword struct{ lexer.Token }

func (k *refKeyword) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &k.Token, isWord(refWords))
}

// arithOp is "+" | "-" | "*" | "/" | "%" | "^".
type arithOp struct{ lexer.Token }

func (o *arithOp) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &o.Token, isPunctIn(arithOps))
}

// undefineHead matches no token: it lets pUndefine go on only when the
// tokens ahead have the shape of an undefine form, one of
//
//	("fun" | "struct") Ident ";"
//	AtIdent "from"
//	"as" Ident "from"
//	("sub" | "value" | "alias" | "owns" | "plays" | "relates") (Ident | Scoped) ["[" "]"] ["as" Ident ["[" "]"]] "from"
//
// Written as a participle lookahead group, the check cost every statement
// of every file a few allocations; this peeks without any.
type undefineHead struct{}

func (*undefineHead) Parse(lex *lexer.PeekingLexer) error {
	cp := lex.MakeCheckpoint()
	defer lex.LoadCheckpoint(cp)
	word := func(ws ...string) bool {
		t := lex.Peek()
		if t.Type != tokIdent {
			return false
		}
		for _, w := range ws {
			if t.Value == w {
				lex.Next()
				return true
			}
		}
		return false
	}
	kind := func(k lexer.TokenType) bool {
		if lex.Peek().Type == k {
			lex.Next()
			return true
		}
		return false
	}
	punct := func(v string) bool {
		if isPunctTok(*lex.Peek(), v) {
			lex.Next()
			return true
		}
		return false
	}
	list := func() bool { return !punct("[") || punct("]") }
	var ok bool
	switch {
	case word("fun", "struct"):
		ok = kind(tokIdent) && punct(";")
	case kind(tokAtIdent):
		ok = word("from")
	case word("as"):
		ok = kind(tokIdent) && word("from")
	case word("sub", "value", "alias", "owns", "plays", "relates"):
		ok = (kind(tokIdent) || kind(tokScoped)) && list() && (!word("as") || kind(tokIdent) && list()) && word("from")
	}
	if !ok {
		return participle.NextMatch
	}
	return nil
}

// Keyword classes of size zero: each consumes one keyword of its class and
// keeps nothing (the enclosing production's Tokens has the keyword). A
// failed attempt at a zero-size node costs participle no allocation.
type (
	refWord   struct{} // "sub" | "sub!" | "key" | "type" | "label" | "isa" | "isa!" | "alias"
	capWord   struct{} // "owns" | "plays" | "relates"
	valueWord struct{} // "value" | "datatype"
	kindWord  struct{} // "entity" | "relation" | "attribute"
	signWord  struct{} // "-" | "+"
	// predWord is "==" | "!==" | "!=" | "=" | ">=" | ">" | "<=" | "<" | "contains" | "like".
	predWord struct{}
	// literalWord is Number | Date | String | Regex | "true" | "false".
	literalWord struct{}
)

func (*refWord) Parse(lex *lexer.PeekingLexer) error   { return skipWord(lex, refWords) }
func (*capWord) Parse(lex *lexer.PeekingLexer) error   { return skipWord(lex, capWords) }
func (*valueWord) Parse(lex *lexer.PeekingLexer) error { return skipWord(lex, valueWords) }
func (*kindWord) Parse(lex *lexer.PeekingLexer) error  { return skipWord(lex, kindWords) }

func (*signWord) Parse(lex *lexer.PeekingLexer) error    { return skipIf(lex, isSign) }
func (*predWord) Parse(lex *lexer.PeekingLexer) error    { return skipIf(lex, isPredOp) }
func (*literalWord) Parse(lex *lexer.PeekingLexer) error { return skipIf(lex, isLiteral) }

// subjectWord is the subject of a type statement: Ident | Scoped | Var |
// String | AtIdent. It refuses "rule" before a label and ":" or ";",
// which starts a 2.x rule: tried as a type statement first, a rule cost
// participle a failed pass over every property keyword.
type subjectWord struct{}

func (*subjectWord) Parse(lex *lexer.PeekingLexer) error {
	if t := lex.Peek(); !isLabel(t) || t.Type == tokIdent && t.Value == "rule" && ruleHeadAhead(lex) {
		return participle.NextMatch
	}
	lex.Next()
	return nil
}

// ruleHeadAhead reports whether the tokens after the next one are a label
// and ":" or ";", as after "rule" in "rule L: when …" and "rule L;".
func ruleHeadAhead(lex *lexer.PeekingLexer) bool {
	cp := lex.MakeCheckpoint()
	defer lex.LoadCheckpoint(cp)
	lex.Next()
	if !isLabel(lex.Next()) {
		return false
	}
	t := lex.Peek()
	return isPunctTok(*t, ":") || isPunctTok(*t, ";")
}

// thingHead consumes the subject of a pattern statement when there is
// one: a variable, or a type label before "(" (a typed tuple); otherwise
// it consumes nothing and still matches, except before a block or
// "not {", which only pNeg and pDisj start: there it fails, before the
// statement tries every property keyword. Written as an optional group of
// alternatives, it cost every pattern a branch and a tuple pattern five.
type thingHead struct{}

func (*thingHead) Parse(lex *lexer.PeekingLexer) error {
	switch t := lex.Peek(); t.Type {
	case tokPunct:
		if t.Value == "{" {
			return participle.NextMatch // a disjunction or conjunction block
		}
	case tokVar:
		lex.Next()
	case tokIdent, tokScoped:
		cp := lex.MakeCheckpoint()
		lex.Next()
		next := lex.Peek()
		if !isPunctTok(*next, "(") {
			lex.LoadCheckpoint(cp)
			if t.Value == "not" && isPunctTok(*next, "{") {
				return participle.NextMatch // a negation
			}
		}
	}
	return nil
}

// Lookaheads of size zero: each consumes nothing and lets the production
// go on only when the next token can start what follows. A value
// predicate is tried after every pattern subject and every "has A", and
// is rarely there; trying pPred itself costs participle a struct, two
// alternatives and an optional sign, where a failed guard costs nothing.
type (
	predAhead struct{} // the first token of pPred
	hasAhead  struct{} // the first token of what may follow "has A": Var or pPred
	capAhead  struct{} // the first token of capTail: "[", "as" or an annotation
)

func (*capAhead) Parse(lex *lexer.PeekingLexer) error {
	return aheadIf(lex, func(t *lexer.Token) bool {
		return t.Type == tokAtIdent || isPunctTok(*t, "[") || (t.Type == tokIdent && t.Value == "as")
	})
}

func (*predAhead) Parse(lex *lexer.PeekingLexer) error { return aheadIf(lex, predStart) }

func (*hasAhead) Parse(lex *lexer.PeekingLexer) error {
	return aheadIf(lex, func(t *lexer.Token) bool { return t.Type == tokVar || predStart(t) })
}

// predStart reports whether t can start pPred: "val", an operator, a sign
// or a literal.
func predStart(t *lexer.Token) bool {
	return t.Type == tokIdent && t.Value == "val" || isPredOp(t) || isSign(t) || isLiteral(t)
}

// aheadIf succeeds, consuming nothing, when ok accepts the next token.
func aheadIf(lex *lexer.PeekingLexer, ok func(*lexer.Token) bool) error {
	if ok(lex.Peek()) {
		return nil
	}
	return participle.NextMatch
}

var valueWords = words("value", "datatype")

// skipWord consumes the next token if it is a keyword of set.
func skipWord(lex *lexer.PeekingLexer, set map[string]bool) error {
	return skipIf(lex, func(t *lexer.Token) bool { return t.Type == tokIdent && set[t.Value] })
}

// skipIf consumes the next token if ok accepts it.
func skipIf(lex *lexer.PeekingLexer, ok func(*lexer.Token) bool) error {
	if ok(lex.Peek()) {
		lex.Next()
		return nil
	}
	return participle.NextMatch
}
