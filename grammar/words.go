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

func (l *labelTok) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &l.Token, func(t *lexer.Token) bool {
		switch t.Type {
		case tokIdent, tokScoped, tokString, tokAtIdent, tokVar:
			return true
		}
		return false
	})
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
	predWords = words("contains", "like", "val")
	predPunct = words("==", "!==", "!=", "=", ">=", ">", "<=", "<")
	arithOps  = words("+", "-", "*", "/", "%", "^")
)

// refKeyword is "sub" | "sub!" | "key" | "type" | "label" | "isa" | "isa!" | "alias".
type refKeyword struct{ lexer.Token }

func (k *refKeyword) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &k.Token, isWord(refWords))
}

// capKeyword is "owns" | "plays" | "relates".
type capKeyword struct{ lexer.Token }

func (k *capKeyword) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &k.Token, isWord(capWords))
}

// predOp is "==" | "!==" | "!=" | "=" | ">=" | ">" | "<=" | "<" | "contains" | "like" | "val".
type predOp struct{ lexer.Token }

func (o *predOp) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &o.Token, func(t *lexer.Token) bool {
		return (t.Type == tokPunct && predPunct[t.Value]) || (t.Type == tokIdent && predWords[t.Value])
	})
}

// arithOp is "+" | "-" | "*" | "/" | "%" | "^".
type arithOp struct{ lexer.Token }

func (o *arithOp) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &o.Token, isPunctIn(arithOps))
}

// literalTok is Number | Date | String | Regex | "true" | "false".
type literalTok struct{ lexer.Token }

func (l *literalTok) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &l.Token, func(t *lexer.Token) bool {
		switch t.Type {
		case tokNumber, tokDate, tokString, tokRegex:
			return true
		case tokIdent:
			return t.Value == "true" || t.Value == "false"
		}
		return false
	})
}
