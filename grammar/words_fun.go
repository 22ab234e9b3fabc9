package grammar

import (
	"regexp"

	"github.com/alecthomas/participle/v2/lexer"
)

// One-token productions of the function grammar (parsetree_fun.go), like
// those of words.go.

// var3Tok is var: "$name" or "$_" (a 3.x variable; "?v" and a bare "$"
// are 1.x/2.x only).
type var3Tok struct{ lexer.Token }

func (v *var3Tok) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &v.Token, isVar3)
}

func isVar3(t *lexer.Token) bool {
	return t.Type == tokVar && len(t.Value) > 1 && t.Value[0] == '$'
}

// typeRef3 is type_ref: label_scoped, label or var.
type typeRef3 struct{ lexer.Token }

func (r *typeRef3) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &r.Token, func(t *lexer.Token) bool {
		return t.Type == tokIdent || t.Type == tokScoped || isVar3(t)
	})
}

// relTypeRef3 is the type_ref of statement_thing_relation_anonymous,
// which may not be a reserved word (typeql.pest "!reserved").
type relTypeRef3 struct{ lexer.Token }

func (r *relTypeRef3) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &r.Token, func(t *lexer.Token) bool {
		return (t.Type == tokIdent && !reserved3[t.Value]) || t.Type == tokScoped || isVar3(t)
	})
}

// reserved3 is typeql.pest reserved (typedb/typeql@3.10.4).
var reserved3 = words("with", "match", "fetch", "update", "define", "undefine", "redefine", "insert", "put",
	"delete", "end", "entity", "relation", "attribute", "role", "asc", "desc", "struct", "fun", "return",
	"alias", "sub", "sub!", "owns", "as", "plays", "relates", "iid", "isa", "isa!", "links", "has", "is", "or",
	"not", "try", "in", "true", "false", "of", "from", "first", "last")

// cmpOp3 is comparator: == != >= > <= < contains like.
type cmpOp3 struct{ lexer.Token }

var cmpPunct3 = words("==", "!=", ">=", ">", "<=", "<")

func (o *cmpOp3) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &o.Token, func(t *lexer.Token) bool {
		return (t.Type == tokPunct && cmpPunct3[t.Value]) || (t.Type == tokIdent && (t.Value == "contains" || t.Value == "like"))
	})
}

// literal3 is the token of value_literal: a string, number, date or
// datetime, boolean or duration ("P1Y2M", "PT1H").
type literal3 struct{ lexer.Token }

// durationRE is duration_literal.
var durationRE = regexp.MustCompile(`^P(\d+W|(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?)$`)

func (l *literal3) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &l.Token, func(t *lexer.Token) bool {
		switch t.Type {
		case tokNumber, tokDate, tokString:
			return true
		case tokIdent:
			return t.Value == "true" || t.Value == "false" || (len(t.Value) > 1 && t.Value[0] == 'P' && t.Value != "P" && t.Value != "PT" && durationRE.MatchString(t.Value))
		}
		return false
	})
}

// iid3 is iid_value: "0x" and hexadecimal digits (the shared lexer reads
// it as an identifier).
type iid3 struct{ lexer.Token }

func (v *iid3) Parse(lex *lexer.PeekingLexer) error {
	return oneOf(lex, &v.Token, func(t *lexer.Token) bool {
		if t.Type != tokIdent || len(t.Value) < 3 || t.Value[:2] != "0x" {
			return false
		}
		for i := 2; i < len(t.Value); i++ {
			if !isHex(t.Value[i]) {
				return false
			}
		}
		return true
	})
}
