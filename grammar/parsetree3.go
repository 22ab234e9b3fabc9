package grammar

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Productions of TypeQL 3.x that no earlier dialect has, beside the shared
// ones of parsetree.go.

// pStruct is a struct definition (typedb/typeql@3.10.4:rust/parser/typeql.pest
// definition_struct, definition_struct_fields): "struct NAME:" then fields
// separated by commas, an optional trailing comma and ";". Each field
// carries the comma before it, so that lowering can say where one is
// missing or extra.
type pStruct struct {
	Head   structHead      `parser:"@@"`
	Kw     tok             `parser:"@\"struct\""`
	Name   tok             `parser:"@Ident"`
	Colon  tok             `parser:"@\":\""`
	Fields []*pStructField `parser:"@@+"`
	Comma  *tok            `parser:"@\",\"?"`
	Semi   tok             `parser:"@\";\""`
}

// pStructField is "[,] NAME value TYPE [?]" (typeql.pest
// definition_struct_field, struct_field_value_type, value_type_optional).
type pStructField struct {
	Comma    *tok `parser:"@\",\"?"`
	Name     tok  `parser:"@Ident"`
	Value    tok  `parser:"@\"value\""`
	Type     tok  `parser:"@Ident"`
	Question *tok `parser:"@\"?\"?"`
}

// structHead matches no token: it lets pStruct go on only for "struct"
// followed by a name that does not open a property, or by a name and ":".
// "struct sub entity;" (a 1.x or 2.x type labelled struct) stays a type
// statement; "struct s;" is the 3.x undefine form, which pUndefine, tried
// first, takes.
type structHead struct{}

func (*structHead) Parse(lex *lexer.PeekingLexer) error {
	cp := lex.MakeCheckpoint()
	defer lex.LoadCheckpoint(cp)
	kw, name := *lex.Next(), *lex.Next()
	if structShaped(kw, name, *lex.Peek()) {
		return nil
	}
	return participle.NextMatch
}
