package grammar

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// This file is the participle grammar: a private parse tree that lower.go
// turns into the public AST. Keywords are lexed as identifiers and matched
// here as literals, so that a keyword can still be a label where the
// grammar expects one ("value sub attribute, value double;").
//
// A field of type tok receives the token itself, which gives its position
// and raw text without an extra struct.

type tok = lexer.Token

// How Parse uses this grammar: it splits the tokens into queries and
// statements itself (to recover after errors and to keep data queries
// verbatim). Each statement is first parsed by the hand-written productions
// of fastparse.go, which follow this grammar exactly and build the same
// parse tree; participle parses the 2.18+ expressions in predicates, and
// re-parses a statement that the fast path rejects (stmtParser, a
// ParserForProduction per statement) to report the error. The tagged
// grammar (refParser) is the reference: TestFastParserConformance and
// FuzzParse check that both give the same trees and accept the same inputs.

// pFile is the grammar of a whole file of define and undefine queries; it
// exists so that refParser.String() documents the complete define grammar.
type pFile struct {
	Queries []*pQuery `parser:"@@*"`
}

type pQuery struct {
	Keyword tok           `parser:"@(\"define\" | \"undefine\")"`
	Stmts   []*pDefinable `parser:"@@+"`
}

// pDefinable is one statement of a define or undefine query.
type pDefinable struct {
	Rule *pRule       `parser:"@@"`
	Type typeStmtNode `parser:"| @@"`
}

// pRule is the 2.x "rule L: when {…} then {…};", or "rule L;" in undefine.
type pRule struct {
	Rule  tok     `parser:"@\"rule\""`
	Label tok     `parser:"@(Ident | Scoped | String | AtIdent | Var)"`
	Colon *tok    `parser:"( @\":\""`
	When  *pBlock `parser:"\"when\" @@"`
	Then  *pBlock `parser:"\"then\" @@ )?"`
	Semi  tok     `parser:"@\";\""`
}

// pTypeStmt is "[kind] subject [annotations] [prop {[","] prop}] [","] ;".
// A kind keyword followed by a property keyword and that keyword's
// argument is a subject, as in 1.x "entity sub thing"; followed by a
// property keyword and anything else (",", ";", an annotation) it is a 3.x
// kind and the keyword a label ("attribute value, value double;").
type pTypeStmt struct {
	Kind    *tok       `parser:"( @(\"entity\" | \"relation\" | \"attribute\") (?= (Ident | Scoped | String)) (?! \"abstract\" | \"is-abstract\" | (\"sub\" | \"sub!\" | \"has\" | \"key\" | \"owns\" | \"plays\" | \"relates\" | \"value\" | \"datatype\" | \"regex\" | \"when\" | \"then\" | \"type\" | \"label\" | \"isa\" | \"isa!\" | \"id\" | \"iid\" | \"is\" | \"links\" | \"alias\") (Ident | Scoped | String | Var | Regex | Number)) )?"`
	Subject tok        `parser:"@(Ident | Scoped | String | AtIdent | Var)"`
	Annots  []*pAnnot  `parser:"@@*"`
	Props   []propNode `parser:"@@*"`
	Comma   *tok       `parser:"@\",\"?"`
	Semi    tok        `parser:"@\";\""`
}

// typeStmtNode is a type statement in the parse tree: always a
// *pTypeStmt, parsed by its grammar in refParser and by parseTypeStmt in
// fileParser (see propNode).
type typeStmtNode interface{ isTypeStmt() }

func (*pTypeStmt) isTypeStmt() {}

// propNode is a property in the parse tree: always a *pProp. It is an
// interface only so that participle lets two parsers share the tree: the
// reference parser reads properties with the grammar of pProp (a union of
// one), the fast one with the hand-written parseProp (see fastprop.go).
type propNode interface{ isProp() }

func (*pProp) isProp() {}

// pProp is one property, with the comma before it when there is one.
type pProp struct {
	Comma    *tok        `parser:"@\",\"?"`
	Ref      *pKwRef     `parser:"( @@"`
	Cap      *pCapProp   `parser:"| @@"`
	Has      *pHas       `parser:"| @@"`
	Abstract *tok        `parser:"| @(\"abstract\" | \"is-abstract\")"`
	Value    *pValueType `parser:"| @@"`
	Regex    *pRegex     `parser:"| @@"`
	Body     *pBody      `parser:"| @@"`
	ID       *pID        `parser:"| @@"`
	Is       *pIs        `parser:"| @@"`
	Links    *pLinks     `parser:"| @@"`
	Annot    *pAnnot     `parser:"| @@ )"`
}

// pKwRef is a keyword followed by one type reference: sub, sub!, key,
// type, label, isa, isa!, alias.
type pKwRef struct {
	Kw     tok       `parser:"@(\"sub\" | \"sub!\" | \"key\" | \"type\" | \"label\" | \"isa\" | \"isa!\" | \"alias\")"`
	Ref    tok       `parser:"@(Ident | Scoped | String | AtIdent | Var)"`
	Annots []*pAnnot `parser:"@@*"`
}

// pCapProp is owns, plays or relates, with the 3.x list marker, an "as"
// override and annotations.
type pCapProp struct {
	Kw     tok       `parser:"@(\"owns\" | \"plays\" | \"relates\")"`
	Ref    tok       `parser:"@(Ident | Scoped | String | AtIdent | Var)"`
	List   *tok      `parser:"( @\"[\""`
	Rbrack *tok      `parser:"  @\"]\" )?"`
	As     *tok      `parser:"( \"as\" @(Ident | Scoped | String | AtIdent | Var) )?"`
	Annots []*pAnnot `parser:"@@*"`
}

// pHas is "has A", "has A $v", "has A <predicate>", "has $v", each
// optionally followed by "via $r".
type pHas struct {
	Has  tok    `parser:"@\"has\""`
	Ref  tok    `parser:"@(Ident | Scoped | String | AtIdent | Var)"`
	Var  *tok   `parser:"( @Var"`
	Pred *pPred `parser:"| @@ )?"`
	Via  *tok   `parser:"( \"via\" @Var )?"`
}

type pValueType struct {
	Kw     tok       `parser:"@(\"value\" | \"datatype\")"`
	Type   tok       `parser:"@Ident"`
	Annots []*pAnnot `parser:"@@*"`
}

type pRegex struct {
	Kw      tok `parser:"@\"regex\""`
	Pattern tok `parser:"@(String | Regex)"`
}

type pBody struct {
	Kw   tok     `parser:"@(\"when\" | \"then\")"`
	Body *pBlock `parser:"@@"`
}

type pID struct {
	Kw    tok `parser:"@(\"id\" | \"iid\")"`
	Value tok `parser:"@(Ident | Number | String)"`
}

type pIs struct {
	Kw  tok `parser:"@\"is\""`
	Var tok `parser:"@Var"`
}

type pLinks struct {
	Kw    tok     `parser:"@\"links\""`
	Tuple *pTuple `parser:"@@"`
}

// pAnnot is "@name" or "@name(args)"; the arguments are kept as source text.
type pAnnot struct {
	At     tok  `parser:"@AtIdent"`
	Lparen *tok `parser:"( @\"(\" (~\")\")*"`
	Rparen *tok `parser:"@\")\" )?"`
}

// pPred is a value predicate: an operator and an operand, or a bare literal.
type pPred struct {
	Op      *tok   `parser:"( @(\"==\" | \"!==\" | \"!=\" | \"=\" | \">=\" | \">\" | \"<=\" | \"<\" | \"contains\" | \"like\" | \"val\")"`
	Operand *pExpr `parser:"@@ )"`
	Bare    *pLit  `parser:"| @@"`
}

// pExpr is a flat chain "term {op term}"; lowering applies precedence.
type pExpr struct {
	First *pTerm     `parser:"@@"`
	Rest  []*pOpTerm `parser:"@@*"`
}

type pOpTerm struct {
	Op   tok    `parser:"@(\"+\" | \"-\" | \"*\" | \"/\" | \"%\" | \"^\")"`
	Term *pTerm `parser:"@@"`
}

type pTerm struct {
	Lit     *pLit    `parser:"(  @@"`
	Var     *tok     `parser:"| @Var"`
	Fun     *tok     `parser:"| @Ident \"(\""`
	Args    []*pExpr `parser:"( @@ ( \",\" @@ )* )?"`
	CallEnd *tok     `parser:"@\")\""`
	Lparen  *tok     `parser:"| @\"(\""`
	Inner   *pExpr   `parser:"@@"`
	Rparen  *tok     `parser:"@\")\" )"`
}

// pLit is a literal; a sign before a number or date is part of it.
type pLit struct {
	Sign *tok `parser:"( @(\"-\" | \"+\")?"`
	Tok  tok  `parser:"@(Number | Date) | @(String | Regex | \"true\" | \"false\") )"`
}

type pTuple struct {
	Lparen  tok        `parser:"@\"(\""`
	Players []*pPlayer `parser:"( @@ ( \",\" @@ )* )?"`
	Rparen  tok        `parser:"@\")\""`
}

type pPlayer struct {
	Role   *tok `parser:"( @(Ident | Scoped | String | AtIdent | Var) \":\" )?"`
	Player tok  `parser:"@Var"`
}

type pBlock struct {
	Lbrace   tok           `parser:"@\"{\""`
	Patterns []patternNode `parser:"@@*"`
	Rbrace   tok           `parser:"@\"}\""`
}

// patternNode is a pattern in the parse tree: always a *pPattern, parsed by
// the grammar of pPattern in refParser and by parsePattern in fileParser
// (see propNode).
type patternNode interface{ isPattern() }

func (*pPattern) isPattern() {}

type pPattern struct {
	Neg  *pNeg   `parser:"@@"`
	Disj *pDisj  `parser:"| @@"`
	Stmt *pThing `parser:"| @@"`
}

type pNeg struct {
	Not  tok     `parser:"@\"not\""`
	Body *pBlock `parser:"@@"`
	Semi tok     `parser:"@\";\""`
}

type pDisj struct {
	First *pBlock `parser:"@@"`
	Rest  []*pOr  `parser:"@@*"`
	Semi  tok     `parser:"@\";\""`
}

type pOr struct {
	Or   tok     `parser:"@\"or\""`
	Body *pBlock `parser:"@@"`
}

// pThing is a pattern statement: "[$x | TYPE] [tuple] [predicate] {[","] prop} ;".
type pThing struct {
	Var   *tok       `parser:"( @Var"`
	Type  *tok       `parser:"| @(Ident | Scoped) (?= \"(\") )?"`
	Tuple *pTuple    `parser:"@@?"`
	Pred  *pPred     `parser:"@@?"`
	Props []propNode `parser:"@@*"`
	Semi  tok        `parser:"@\";\""`
}

var (
	// refParser is the whole define grammar as participle struct tags,
	// built once; its String() is committed as testdata/graql.ebnf. It is
	// the reference the fast parser is tested against.
	refParser = participle.MustBuild[pFile](
		participle.Lexer(Lexer),
		participle.Elide("Whitespace", "Comment"),
		participle.UseLookahead(2),
		participle.Union[propNode](&pProp{}),
		participle.Union[patternNode](&pPattern{}),
		participle.Union[typeStmtNode](&pTypeStmt{}),
	)
	// fileParser is the same grammar with type statements, properties and
	// patterns, by far the most frequent productions, parsed by hand
	// (parseTypeStmt, parseProp, parsePattern): participle's backtracking
	// over their alternatives made most of the parse time and garbage.
	// Parse uses it only for statements the fast path rejects.
	fileParser = participle.MustBuild[pFile](
		participle.Lexer(Lexer),
		participle.Elide("Whitespace", "Comment"),
		participle.UseLookahead(2),
		participle.ParseTypeWith(propFromLexer),
		participle.ParseTypeWith(patternFromLexer),
		participle.ParseTypeWith(typeStmtFromLexer),
	)
	// stmtParser parses one statement of a define or undefine query.
	stmtParser    = mustProduction[pDefinable](fileParser)
	refStmtParser = mustProduction[pDefinable](refParser)
	// predParser parses the value predicates with 2.18+ expressions for
	// the hand-written productions (simple ones are parsed by hand).
	predParser = participle.MustBuild[pPred](
		participle.Lexer(Lexer),
		participle.Elide("Whitespace", "Comment"),
		participle.UseLookahead(2),
	)
)

func mustProduction[P, G any](p *participle.Parser[G]) *participle.Parser[P] {
	pp, err := participle.ParserForProduction[P](p)
	if err != nil {
		panic(err)
	}
	return pp
}
