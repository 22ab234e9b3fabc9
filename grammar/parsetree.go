package grammar

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// This file is the participle grammar: a private parse tree that lower.go
// turns into the public AST. participle parses every statement of every
// dialect with it; nothing else fills these structs (TestParseTreeOnlyParticiple).
// Keywords are lexed as identifiers and matched here as literals, so that a
// keyword can still be a label where the grammar expects one ("value sub
// attribute, value double;").
//
// A field of type tok receives the token itself, which gives its position
// and raw text without an extra struct.
//
// Grammar shape, for speed: participle has no first-token prediction and
// allocates as it goes: a branch (160 bytes) for every alternative, every
// ?/* iteration and every lookahead it tries; a struct for every
// production it tries; a deferred set, result slices and a conversion for
// every capture. So on the hot paths:
//   - tokens at a fixed place in a production (keywords, punctuation, a
//     label after its keyword) are matched without capture and read back
//     from the production's Tokens field, which participle fills at the
//     cost of one allocation (see the accessor methods below);
//   - productions always entered are embedded (pTypeStmt in pDefinable,
//     pThing in pPattern) and alternatives are inline rather than a
//     struct each (pProp), in order of frequency;
//   - a token class that starts an alternative is a zero-size one-token
//     Parseable node (refWord and the others in words.go): a failed attempt
//     at one allocates nothing, where a union of literals costs a branch
//     per literal.
// Parse splits the tokens into queries and statements itself (to
// recover after errors, to cap nesting and to keep data queries verbatim)
// and parses each statement with stmtParser.

type tok = lexer.Token

// pFile is the grammar of a whole file of define and undefine queries; it
// exists so that fileParser.String() documents the complete define grammar.
type pFile struct {
	Queries []*pQuery `parser:"@@*"`
}

type pQuery struct {
	Keyword tok           `parser:"@(\"define\" | \"undefine\" | \"redefine\")"`
	Stmts   []*pDefinable `parser:"@@+"`
}

// pDefinable is one statement of a define, undefine or redefine query:
// the fields of pTypeStmt (embedded, so that participle reads them as
// pDefinable's and allocates no struct of its own for them), or a rule,
// an undefine form or a struct. Type statements come first, being nearly all statements: a rule, an
// undefine form or a struct fails as a type statement within the two
// tokens of lookahead, so the order costs no error message.
type pDefinable struct {
	pTypeStmt
	Rule   *pRule     `parser:"| @@"`
	Undef  *pUndefine `parser:"| @@"`
	Struct *pStruct   `parser:"| @@"`
}

// pUndefine is a 3.x undefinable that names what to remove
// (typedb/typeql@3.10.4:rust/parser/typeql.pest undefinable, undefine_from,
// undefine_annotation_from_capability, undefine_annotation_from_type,
// undefine_capability, undefine_specialise, undefine_function,
// undefine_struct):
//
//	fun f;  struct s;
//	@A from T [capability];
//	as R from T relates R2;
//	capability from T;
//
// undefineHead at the start commits to this production only where no type
// statement of any dialect can start the same way, so a failed match never
// costs the type statement its error message. The bare "undefine T;" is a
// type statement without properties.
type pUndefine struct {
	Head  undefineHead `parser:"@@"`
	Kw    *tok         `parser:"( @(\"fun\" | \"struct\")"`
	Name  *labelTok    `parser:"  @@"`
	Annot *pAnnot      `parser:"| ( @@"`
	As    *tok         `parser:"  | @\"as\""`
	Role  *labelTok    `parser:"    @@"`
	Cap   *pUndefCap   `parser:"  | @@ )"`
	From  *tok         `parser:"  @\"from\""`
	Type  *labelTok    `parser:"  @@"`
	Tail  *pUndefCap   `parser:"  @@? )"`
	Semi  tok          `parser:"@\";\""`
}

// pUndefCap is a capability in an undefine (typeql.pest
// type_capability_base): lowering refuses the keywords and annotations
// the shared productions accept beyond it.
type pUndefCap struct {
	Ref   *pKwRef     `parser:"  @@"`
	Cap   *pCapProp   `parser:"| @@"`
	Value *pValueType `parser:"| @@"`
}

// pRule is the 2.x "rule L: when {…} then {…};", or "rule L;" in undefine.
// "rule" is Tokens[0], the label Tokens[1], ";" the last.
type pRule struct {
	Tokens []tok
	When   *pBlock `parser:"\"rule\" (Ident | Scoped | Var | String | AtIdent) ( \":\" \"when\" @@"`
	Then   *pBlock `parser:"  \"then\" @@ )? \";\""`
}

// pTypeStmt is "[kind] subject [annotations] [prop {[","] prop}] [","] ;".
// Its kind keyword, subject, trailing comma and ";" are read from Tokens
// (see kind, subject, comma and semi): uncaptured, they cost participle
// less.
// A kind keyword followed by a property keyword and that keyword's
// argument is a subject, as in 1.x "entity sub thing"; followed by a
// property keyword and anything else (",", ";", an annotation, or another
// property keyword with its argument) it is a 3.x kind and the keyword a
// label ("attribute value, value double;", "attribute value sub text;").
type pTypeStmt struct {
	Tokens []tok
	Kind   *kindWord   `parser:"( @@ (?= (Ident | Scoped | String)) (?! \"abstract\" | \"is-abstract\" | (\"sub\" | \"sub!\" | \"has\" | \"key\" | \"owns\" | \"plays\" | \"relates\" | \"value\" | \"datatype\" | \"regex\" | \"when\" | \"then\" | \"type\" | \"label\" | \"isa\" | \"isa!\" | \"id\" | \"iid\" | \"is\" | \"links\" | \"alias\") (?! (\"sub\" | \"sub!\" | \"has\" | \"key\" | \"owns\" | \"plays\" | \"relates\" | \"value\" | \"datatype\" | \"regex\" | \"when\" | \"then\" | \"type\" | \"label\" | \"isa\" | \"isa!\" | \"id\" | \"iid\" | \"is\" | \"links\" | \"alias\") (Ident | Scoped | String | Var | Regex | Number)) (Ident | Scoped | String | Var | Regex | Number)) )?"`
	Subj   subjectWord `parser:"@@"`
	Annots []*pAnnot   `parser:"@@*"`
	Props  []*pProp    `parser:"( (?! \";\") @@ )* \",\"? \";\""`
}

// pProp is one property, with the comma before it when there is one.
// Tokens holds every token of it: the keyword is Tokens[0], or Tokens[1]
// after a comma, and the label or value type after the keyword follows it
// (see keyword and arg). The alternatives are inline rather than a struct
// each, and keywords and labels are matched without capture: participle
// allocates for every struct it tries and for every capture, and a
// property is most of a statement. The alternatives are in order of
// frequency ("sub" and "isa" apart from the other keywords of pKwRef);
// a failed one costs a branch and nothing more, since each starts with a
// literal or a zero-size keyword class (words.go).
type pProp struct {
	Tokens  []tok
	SubAnns []*pAnnot `parser:"\",\"? ( \"sub\" (Ident | Scoped | Var | String | AtIdent) @@*"`
	CapKw   capWord   `parser:"| @@ (Ident | Scoped | Var | String | AtIdent)"`
	capTail
	IsaAnns  []*pAnnot `parser:"| \"isa\" (Ident | Scoped | Var | String | AtIdent) @@*"`
	ValKw    valueWord `parser:"| @@ Ident"`
	ValAnns  []*pAnnot `parser:"  @@*"`
	HasAt    hasAhead  `parser:"| \"has\" (Ident | Scoped | Var | String | AtIdent) ( @@"`
	HasVar   *tok      `parser:"  ( @Var"`
	HasPred  *pPred    `parser:"  | @@ ) )?"`
	Via      *tok      `parser:"  ( \"via\" @Var )?"`
	RefKw    refWord   `parser:"| @@ (Ident | Scoped | Var | String | AtIdent)"`
	RefAnns  []*pAnnot `parser:"  @@*"`
	Annot    *pAnnot   `parser:"| @@"`
	Abstract bool      `parser:"| @(\"abstract\" | \"is-abstract\")"`
	Body     *pBlock   `parser:"| (\"when\" | \"then\") @@"`
	Regex    *tok      `parser:"| \"regex\" @(String | Regex)"`
	ID       *tok      `parser:"| (\"id\" | \"iid\") @(Ident | Number | String)"`
	Is       *tok      `parser:"| \"is\" @Var"`
	Links    *pTuple   `parser:"| \"links\" @@"`
	ValueAt  predAhead `parser:"| @@"`
	Value    *pPred    `parser:"  @@ )"`
}

// kind returns the kind keyword of t, or nil.
func (t *pTypeStmt) kind() *tok {
	if t.Kind != nil {
		return &t.Tokens[0]
	}
	return nil
}

// subject returns the label t defines.
func (t *pTypeStmt) subject() tok {
	if t.Kind != nil {
		return t.Tokens[1]
	}
	return t.Tokens[0]
}

// comma returns the comma before the ";" of t, or nil. No property ends
// with a comma, so one there is the trailing comma.
func (t *pTypeStmt) comma() *tok {
	if n := len(t.Tokens); n > 2 && isPunctTok(t.Tokens[n-2], ",") {
		return &t.Tokens[n-2]
	}
	return nil
}

// semi returns the ";" that ends t.
func (t *pTypeStmt) semi() tok { return t.Tokens[len(t.Tokens)-1] }

// keyword returns the keyword of pp: its first token after the comma.
func (pp *pProp) keyword() tok {
	if isPunctTok(pp.Tokens[0], ",") {
		return pp.Tokens[1]
	}
	return pp.Tokens[0]
}

// arg returns the token after the keyword of pp: the label of sub, isa,
// has, owns, plays, relates and the other keywords of pKwRef, or the
// value type.
func (pp *pProp) arg() tok {
	if isPunctTok(pp.Tokens[0], ",") {
		return pp.Tokens[2]
	}
	return pp.Tokens[1]
}

// refAnns returns the annotations after sub, isa or another keyword of
// pKwRef.
func (pp *pProp) refAnns() []*pAnnot {
	switch {
	case pp.SubAnns != nil:
		return pp.SubAnns
	case pp.IsaAnns != nil:
		return pp.IsaAnns
	}
	return pp.RefAnns
}

// comma returns the comma before pp, or nil.
func (pp *pProp) comma() *tok {
	if isPunctTok(pp.Tokens[0], ",") {
		return &pp.Tokens[0]
	}
	return nil
}

// pKwRef is a keyword followed by one type reference: sub, sub!, key,
// type, label, isa, isa!, alias.
type pKwRef struct {
	Kw     refKeyword `parser:"@@"`
	Ref    labelTok   `parser:"@@"`
	Annots []*pAnnot  `parser:"@@*"`
}

// pCapProp is owns, plays or relates and what follows; the keyword is
// Tokens[0], the label Tokens[1].
type pCapProp struct {
	Tokens []tok
	Kw     capWord `parser:"@@ (Ident | Scoped | Var | String | AtIdent)"`
	capTail
}

// capTail is what follows the label of owns, plays or relates: the 3.x
// list marker, an "as" override and annotations. pProp and
// pCapProp embed it, and participle reads its fields as theirs. Most
// often none of them is there: capAhead lets the three be tried only
// when the next token can start one.
type capTail struct {
	TailAt  capAhead  `parser:"( @@"`
	List    *tok      `parser:"  ( @\"[\""`
	Rbrack  *tok      `parser:"    @\"]\" )?"`
	As      *labelTok `parser:"  ( \"as\" @@"`
	AsList  *tok      `parser:"    ( @\"[\""`
	AsEnd   *tok      `parser:"      @\"]\" )? )?"`
	CapAnns []*pAnnot `parser:"  @@* )?"`
}

type pValueType struct {
	Kw     tok       `parser:"@(\"value\" | \"datatype\")"`
	Type   tok       `parser:"@Ident"`
	Annots []*pAnnot `parser:"@@*"`
}

// pAnnot is "@name" or "@name(args)"; lowering keeps the arguments as
// source text and checks their shape per annotation (annotArgs).
type pAnnot struct {
	Tokens []tok
	Args   bool `parser:"AtIdent ( @\"(\" (~\")\")* \")\" )?"`
}

// at returns the "@name" token of a.
func (a *pAnnot) at() tok { return a.Tokens[0] }

// parens returns the "(" and ")" around the arguments of a, or nils.
func (a *pAnnot) parens() (lparen, rparen *tok) {
	if !a.Args {
		return nil, nil
	}
	return &a.Tokens[1], &a.Tokens[len(a.Tokens)-1]
}

// pPred is a value predicate: an operator (Tokens[0]) and an operand, or
// a bare literal. Both alternatives start with a node of size zero or a
// small struct, as a predicate is tried (and fails) after every pattern
// variable and every "has A".
type pPred struct {
	Tokens  []tok
	Val     bool      `parser:"@\"val\"?"`
	Op      *predWord `parser:"( ( @@"`
	Operand *pExpr    `parser:"    @@ )"`
	Bare    *pLit     `parser:"  | @@ )"`
}

// pExpr is a flat chain "term {op term}"; lowering applies precedence.
type pExpr struct {
	First *pTerm     `parser:"@@"`
	Rest  []*pOpTerm `parser:"@@*"`
}

type pOpTerm struct {
	Op   arithOp `parser:"@@"`
	Term *pTerm  `parser:"@@"`
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

// pLit is a literal; a sign before a number or date is part of it. The
// sign is Tokens[0] when there is one, the literal the last token.
type pLit struct {
	Tokens []tok
	Sign   *signWord   `parser:"( @@ (?= Number | Date) )?"`
	Lit    literalWord `parser:"@@"`
}

// parts returns the literal token of l and its sign, or nil.
func (l *pLit) parts() (lit tok, sign *tok) {
	if l.Sign != nil {
		return l.Tokens[1], &l.Tokens[0]
	}
	return l.Tokens[0], nil
}

// pTuple is "(" [player {"," player}] ")".
type pTuple struct {
	Tokens  []tok
	Players []*pPlayer `parser:"\"(\" ( @@ ( \",\" @@ )* )? \")\""`
}

// pPlayer is "[role :] $var": the role is Tokens[0] when there are three
// tokens, the variable the last. Match holds the production and captures
// nothing.
type pPlayer struct {
	Tokens []tok
	Match  struct{} `parser:"( (Ident | Scoped | Var | String | AtIdent) \":\" )? Var"`
}

// pBlock is "{" {pattern} "}".
type pBlock struct {
	Tokens   []tok
	Patterns []*pPattern `parser:"\"{\" ( (?! \"}\") @@ )* \"}\""`
}

// pPattern is a pattern statement (pThing, embedded: participle reads
// its fields as pPattern's and allocates no struct for them), a negation
// or a conjunction or disjunction of blocks.
type pPattern struct {
	pThing
	Neg  *pNeg  `parser:"| @@"`
	Disj *pDisj `parser:"| @@"`
}

// pNeg is "not" block ";".
type pNeg struct {
	Tokens []tok
	Body   *pBlock `parser:"\"not\" @@ \";\""`
}

// pDisj is block {"or" block} ";".
type pDisj struct {
	Tokens []tok
	First  *pBlock `parser:"@@"`
	Rest   []*pOr  `parser:"@@* \";\""`
}

// pOr is "or" block.
type pOr struct {
	Tokens []tok
	Body   *pBlock `parser:"\"or\" @@"`
}

// pThing is a pattern statement: "[$x | TYPE] [tuple] [predicate] {[","] prop} ;".
// The variable or type is Tokens[0] (see thingVar and thingType), ";" the last.
type pThing struct {
	Tokens []tok
	Head   thingHead `parser:"@@"`
	Tuple  *pTuple   `parser:"@@?"`
	PredAt predAhead `parser:"( @@"`
	Pred   *pPred    `parser:"  @@ )?"`
	Props  []*pProp  `parser:"( (?! \";\") @@ )* \";\""`
}

// thingVar returns the variable of t, or nil.
func (t *pThing) thingVar() *tok {
	if t.Tokens[0].Type == tokVar {
		return &t.Tokens[0]
	}
	return nil
}

// thingType returns the type of a typed tuple "TYPE (…)", or nil: a
// label before "(" is one, the grammar trying it first.
func (t *pThing) thingType() *tok {
	if k := t.Tokens[0].Type; (k == tokIdent || k == tokScoped) && len(t.Tokens) > 1 && isPunctTok(t.Tokens[1], "(") {
		return &t.Tokens[0]
	}
	return nil
}

// last returns the last token of toks: the ";", ")" or "}" that closes a
// production.
func last(toks []tok) tok { return toks[len(toks)-1] }

var (
	// fileParser is the whole define grammar, built once; its String() is
	// committed as testdata/graql.ebnf.
	fileParser = participle.MustBuild[pFile](
		participle.Lexer(Lexer),
		participle.Elide("Whitespace", "Comment"),
		participle.UseLookahead(2),
	)
	// stmtParser parses one statement of a define or undefine query.
	stmtParser = mustProduction[pDefinable](fileParser)
	// propParser parses one property, to place an error inside it.
	propParser = mustProduction[pProp](fileParser)
)

func mustProduction[P, G any](p *participle.Parser[G]) *participle.Parser[P] {
	pp, err := participle.ParserForProduction[P](p)
	if err != nil {
		panic(err)
	}
	return pp
}
