package grammar

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The participle grammar of a TypeQL 3.x function definition, lowered by
// lower_fun.go. It follows typedb/typeql@3.10.4:rust/parser/typeql.pest
// rule by rule; each production names the pest rules it stands for.
//
// pest grammars are PEG: an alternative that fails is backed out of,
// however far it got. funParser is built with participle.MaxLookahead so
// that participle backs out the same way (the statement alternatives of
// a match stage share long prefixes: "$x isa T" and "$x == 3" both start
// with a variable).
//
// Checked offline against a pest parser built from that grammar (rule
// eof_definition_function): every function of the corpus, of the 3.x
// behaviour suite and of testdata, and 54,600 variants of them with one
// token dropped, repeated, swapped or inserted, get the same verdict,
// except two where a minus sign touches a date ("- 2020-01-01",
// "2024-01-31T10:00:00- -0130"): pest reads integer arithmetic or a
// failed word boundary there, the shared lexer a date.

// pFunDef is definition_function, function_signature, function_arguments
// and function_block:
//
//	fun NAME ( [ARG {, ARG} [,]] ) -> OUTPUT : STAGE {STAGE} RETURN
//
// The stages and the return are optional here and required by lowering:
// a body that stops matching then leaves tokens over, and participle
// reports the deepest error it met (where the body really breaks) instead
// of the start of the stage it backed out of.
type pFunDef struct {
	Fun    tok          `parser:"@\"fun\""`
	Name   tok          `parser:"@Ident"`
	Lparen tok          `parser:"@\"(\""`
	Args   []*pFunArg   `parser:"( @@ ( \",\" @@ )* \",\"? )?"`
	Rparen tok          `parser:"\")\""`
	Arrow  tok          `parser:"@\"-\""`
	Gt     tok          `parser:"@\">\""`
	Output *pFunOutput  `parser:"@@"`
	Colon  tok          `parser:"@\":\""`
	Stages []*pFunStage `parser:"@@*"`
	Return *pFunReturn  `parser:"@@?"`
}

// pFunArg is function_argument: "$x: T".
type pFunArg struct {
	Var  var3Tok     `parser:"@@ \":\""`
	Type *pNamedType `parser:"@@"`
}

// pNamedType is named_type_any: a value type or a label, optionally
// followed by "?" (named_type_optional) or "[]" (named_type_list).
type pNamedType struct {
	Name     tok  `parser:"@Ident"`
	Optional *tok `parser:"( @\"?\""`
	List     *tok `parser:"| @\"[\" \"]\" )?"`
}

// pFunOutput is function_output: function_output_stream "{ T, … }" or
// function_output_single "T, …".
type pFunOutput struct {
	Stream *tok          `parser:"( @\"{\""`
	Types  []*pNamedType `parser:"  @@ ( \",\" @@ )* \",\"? \"}\""`
	Single []*pNamedType `parser:"| @@ ( \",\" @@ )* \",\"? )"`
}

// pFunStage is query_stage: clause_match, clause_insert, clause_put,
// clause_update (each a keyword and patterns), clause_delete, or
// operator_stream. The patterns stop before "return" followed by what
// only a return statement continues with; the guard saves trying every
// kind of pattern there (a quarter of the allocations of a short
// function), and no pattern starts that way ("return sub T" is still a
// type statement, as in typeql.pest, where a label may be any identifier).
type pFunStage struct {
	Kw       *tok           `parser:"( @(\"match\" | \"insert\" | \"put\" | \"update\")"`
	Patterns []*pFunPattern `parser:"  ( (?! \"return\" (\"{\" | \"first\" | \"last\" | \"check\" | \"count\" | \"max\" | \"min\" | \"mean\" | \"median\" | \"std\" | \"sum\" | \"list\")) @@ \";\" )+"`
	Delete   *pFunDelete    `parser:"| @@"`
	Op       *pFunOperator  `parser:"| @@ )"`
}

// pFunDelete is clause_delete: "delete" then statement_deletable or
// pattern_try_deletable, each with its ";".
type pFunDelete struct {
	Kw    tok             `parser:"@\"delete\""`
	Items []*pFunDeletion `parser:"( @@ \";\" )+"`
}

type pFunDeletion struct {
	Try   *tok             `parser:"( @\"try\" \"{\""`
	Inner []*pFunDeletable `parser:"  ( @@ \";\" )+ \"}\""`
	One   *pFunDeletable   `parser:"| @@ )"`
}

// pFunDeletable is statement_deletable: "[has] $a of $x",
// "[links] (…) of $x" or "$x".
type pFunDeletable struct {
	Has      *tok          `parser:"( @\"has\"?"`
	Attr     *var3Tok      `parser:"  @@ \"of\""`
	Owner    *var3Tok      `parser:"  @@"`
	Links    *tok          `parser:"| @\"links\"?"`
	Relation *pFunRelation `parser:"  @@ \"of\""`
	Rel      *var3Tok      `parser:"  @@"`
	Var      *var3Tok      `parser:"| @@ )"`
}

// pFunOperator is operator_stream: select, sort, offset, limit, require,
// distinct, reduce, each ending with ";".
type pFunOperator struct {
	Kw      tok           `parser:"( @(\"select\" | \"require\")"`
	Vars    []var3Tok     `parser:"  @@ ( \",\" @@ )* \",\"?"`
	Sort    *tok          `parser:"| @\"sort\""`
	Orders  []*pFunOrder  `parser:"  @@ ( \",\" @@ )* \",\"?"`
	Skip    *tok          `parser:"| @(\"offset\" | \"limit\")"`
	Count   *tok          `parser:"  @Number"`
	Uniq    *tok          `parser:"| @\"distinct\""`
	Reduce  *tok          `parser:"| @\"reduce\""`
	Assigns []*pFunReduce `parser:"  @@ ( \",\" @@ )* \",\"?"`
	GroupBy []var3Tok     `parser:"  ( \"groupby\" @@ ( \",\" @@ )* \",\"? )? )"`
	Semi    tok           `parser:"@\";\""`
}

// pFunOrder is var_order: "$x [asc|desc]".
type pFunOrder struct {
	Var   var3Tok `parser:"@@"`
	Order *tok    `parser:"@(\"asc\" | \"desc\")?"`
}

// pFunReduce is reduce_assign: "$x = REDUCER" ($x may be optional, "$x?").
type pFunReduce struct {
	Var      var3Tok      `parser:"@@"`
	Optional *tok         `parser:"@\"?\"? \"=\""`
	Reducer  *pFunReducer `parser:"@@"`
}

// pFunReducer is reducer: "count", "count($x)", or max, min, mean,
// median, std, sum or list of a variable.
type pFunReducer struct {
	Name tok      `parser:"( @\"count\" ( \"(\""`
	Arg  *var3Tok `parser:"  @@ \")\" )?"`
	Stat *tok     `parser:"| @(\"max\" | \"min\" | \"mean\" | \"median\" | \"std\" | \"sum\" | \"list\") \"(\""`
	Of   *var3Tok `parser:"  @@ \")\" )"`
}

// pFunReturn is return_statement: return_stream "return { $a, … }",
// return_single "return first|last $a, …", return_reduce "return check"
// or "return REDUCER, …"; then ";".
type pFunReturn struct {
	Return   tok            `parser:"@\"return\""`
	Stream   *tok           `parser:"( @\"{\""`
	Vars     []var3Tok      `parser:"  @@ ( \",\" @@ )* \",\"? \"}\""`
	Selector *tok           `parser:"| @(\"first\" | \"last\")"`
	Single   []var3Tok      `parser:"  @@ ( \",\" @@ )* \",\"?"`
	Check    *tok           `parser:"| @\"check\""`
	Reducers []*pFunReducer `parser:"| @@ ( \",\" @@ )* \",\"? )"`
	Semi     tok            `parser:"@\";\""`
}

// pFunPattern is pattern: pattern_negation, pattern_try,
// pattern_disjunction and pattern_conjunction (one block with no "or"),
// or a statement. pest tries the statement first; no statement starts
// with "not {", "try {" or "{", so the order makes no difference but
// speed ("not sub person" is still a type statement).
type pFunPattern struct {
	Not    *tok           `parser:"( @(\"not\" | \"try\")"`
	Body   *pFunBlock     `parser:"  @@"`
	Blocks *pFunBlock     `parser:"| @@"`
	Ors    []*pFunBlock   `parser:"  ( \"or\" @@ )*"`
	Stmt   *pFunStatement `parser:"| @@ )"`
}

// pFunBlock is "{ patterns }". No pattern starts with "}": the guard
// saves trying every kind of pattern at the end of each block.
type pFunBlock struct {
	Lbrace   tok            `parser:"@\"{\""`
	Patterns []*pFunPattern `parser:"( (?! \"}\") @@ \";\" )+"`
	Rbrace   tok            `parser:"@\"}\""`
}

// pFunStatement is statement, in the pest rule's order but for
// statement_thing_basic, the most frequent, which comes before
// statement_assignment and statement_in ("let …"): no text can start
// both ("let" is no variable). Then statement_is, statement_type,
// statement_comparison and statement_thing_relation_anonymous.
type pFunStatement struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Thing  *pFunThing    `parser:"  @@"`
	Let    *pFunLet      `parser:"| @@"`
	Is     *pFunIs       `parser:"| @@"`
	Type   *pFunTypeStmt `parser:"| @@"`
	Cmp    *pFunCompare  `parser:"| @@"`
	Anon   *pFunAnon     `parser:"| @@"`
}

// pFunLet is statement_assignment "let LEFT = EXPR" (LEFT is
// vars_assignment or struct_destructor) and statement_in
// "let $a, … in CALL|LIST" (lowering checks the shape after "in").
type pFunLet struct {
	Let    tok              `parser:"@\"let\""`
	Destr  *pFunDestructor  `parser:"( @@ \"=\""`
	DExpr  *pFunExpr        `parser:"  @@"`
	Vars   []*pFunAssignVar `parser:"| @@ ( \",\" @@ )* \",\"?"`
	Assign *pFunExpr        `parser:"  ( \"=\" @@"`
	In     *tok             `parser:"  | @\"in\""`
	InExpr *pFunExpr        `parser:"    @@ ) )"`
}

// pFunAssignVar is var_assignment: "$x" or "$x?".
type pFunAssignVar struct {
	Var      var3Tok `parser:"@@"`
	Optional *tok    `parser:"@\"?\"?"`
}

// pFunDestructor is struct_destructor: "{ key: $v }" or
// "{ key: { … } }".
type pFunDestructor struct {
	Lbrace tok             `parser:"@\"{\""`
	Key    tok             `parser:"@Ident \":\""`
	Var    *var3Tok        `parser:"( @@"`
	Inner  *pFunDestructor `parser:"| @@ )"`
	Rbrace tok             `parser:"\"}\""`
}

// pFunThing is statement_thing_basic: "$x [,] CONSTRAINT {, CONSTRAINT} [,]".
type pFunThing struct {
	Var  var3Tok                `parser:"@@ \",\"?"`
	Cons []*pFunThingConstraint `parser:"@@ ( \",\" @@ )* \",\"?"`
}

// pFunThingConstraint is thing_constraint: isa_constraint,
// iid_constraint, has_constraint or links_constraint.
type pFunThingConstraint struct {
	Isa   *pFunIsa      `parser:"  @@"`
	IID   *iid3         `parser:"| \"iid\" @@"`
	Has   *pFunHas      `parser:"| @@"`
	Links *pFunRelation `parser:"| \"links\" @@"`
}

// pFunIsa is isa_constraint: "isa|isa! TYPE [relation | expression |
// struct | comparison]". None of those starts with ";" or ",", the
// tokens that most often follow "isa T": the guard saves trying each
// (a third of the allocations of "$x isa T;").
type pFunIsa struct {
	Kw       tok            `parser:"@(\"isa\" | \"isa!\")"`
	Type     typeRef3       `parser:"@@"`
	Relation *pFunRelation  `parser:"( (?! \";\" | \",\") ( @@"`
	Expr     *pFunExpr      `parser:"| @@"`
	Struct   *pFunStructVal `parser:"| @@"`
	Cmp      *pFunCmp       `parser:"| @@ ) )?"`
}

// pFunHas is has_constraint: "has T[] (cmp | list | $v)",
// "has T (cmp | value | $v)" or "has $v". A value expression covers the
// bare variable; lowering checks that the list form has a list or a
// variable.
type pFunHas struct {
	Kw    tok        `parser:"@\"has\""`
	Type  *typeRef3  `parser:"( @@"`
	List  *tok       `parser:"  ( @\"[\" \"]\""`
	LCmp  *pFunCmp   `parser:"    ( @@"`
	LExpr *pFunExpr  `parser:"    | @@ )"`
	Cmp   *pFunCmp   `parser:"  | @@"`
	Val   *pFunValue `parser:"  | @@ )"`
	Var   *var3Tok   `parser:"| @@ )"`
}

// pFunRelation is relation: "( ROLEPLAYER {, ROLEPLAYER} [,] )".
type pFunRelation struct {
	Lparen  tok               `parser:"@\"(\""`
	Players []*pFunRolePlayer `parser:"@@ ( \",\" @@ )* \",\"?"`
	Rparen  tok               `parser:"@\")\""`
}

// pFunRolePlayer is role_player: "ROLE[]: $x", "ROLE: $x" or "$x".
type pFunRolePlayer struct {
	Role   *typeRef3 `parser:"( @@"`
	List   *tok      `parser:"  ( @\"[\" \"]\" )? \":\" )?"`
	Player var3Tok   `parser:"@@"`
}

// pFunIs is statement_is: "$x is $y".
type pFunIs struct {
	Left  var3Tok `parser:"@@ \"is\""`
	Right var3Tok `parser:"@@"`
}

// pFunTypeStmt is statement_type: "KIND TYPE [[,] CONSTRAINT {, …} [,]]"
// or "TYPE [,] CONSTRAINT {, CONSTRAINT} [,]".
type pFunTypeStmt struct {
	Kind *tok                  `parser:"( @(\"entity\" | \"relation\" | \"attribute\")"`
	KRef *typeRef3             `parser:"  @@"`
	KCon []*pFunTypeConstraint `parser:"  ( \",\"? @@ ( \",\" @@ )* \",\"? )?"`
	Ref  *typeRef3             `parser:"| @@ \",\"?"`
	Cons []*pFunTypeConstraint `parser:"  @@ ( \",\" @@ )* \",\"? )"`
}

// pFunTypeConstraint is type_constraint: sub_constraint,
// value_type_constraint, label_constraint, owns_constraint,
// relates_constraint or plays_constraint, then annotations.
type pFunTypeConstraint struct {
	Kw     tok          `parser:"( @(\"sub\" | \"sub!\" | \"plays\")"`
	Ref    *typeRef3    `parser:"  @@"`
	Value  *tok         `parser:"| @\"value\""`
	VType  *tok         `parser:"  @Ident"`
	Label  *tok         `parser:"| @\"label\""`
	Name   *tok         `parser:"  @(Scoped | Ident)"`
	Cap    *tok         `parser:"| @(\"owns\" | \"relates\")"`
	CRef   *typeRef3    `parser:"  @@"`
	CList  *tok         `parser:"  ( @\"[\" \"]\" )?"`
	As     *typeRef3    `parser:"  ( \"as\" @@"`
	AsList *tok         `parser:"    ( @\"[\" \"]\" )? )? )"`
	Annots []*pFunAnnot `parser:"@@*"`
}

// pFunAnnot is annotation: "@name" or "@name(args)"; the arguments are
// not read (a function's checks do not need them).
type pFunAnnot struct {
	At     tok  `parser:"@AtIdent"`
	Lparen *tok `parser:"( @\"(\" (~\")\")*"`
	Rparen *tok `parser:"  @\")\" )?"`
}

// pFunCompare is statement_comparison: "VALUE COMPARATOR VALUE".
type pFunCompare struct {
	Left *pFunValue `parser:"@@"`
	Cmp  *pFunCmp   `parser:"@@"`
}

// pFunCmp is comparison: "COMPARATOR VALUE".
type pFunCmp struct {
	Op    cmpOp3     `parser:"@@"`
	Right *pFunValue `parser:"@@"`
}

// pFunAnon is statement_thing_relation_anonymous:
// "[TYPE] (…) [[,] CONSTRAINT {, CONSTRAINT} [,]]", where TYPE is no
// reserved word.
type pFunAnon struct {
	Type     *relTypeRef3           `parser:"@@?"`
	Relation *pFunRelation          `parser:"@@"`
	Cons     []*pFunThingConstraint `parser:"( \",\"? @@ ( \",\" @@ )* \",\"? )?"`
}

// pFunExpr is expression: expression_list_new "[V, …]" or
// expression_value. expression_list_subrange "$l[FROM..TO]" is parsed as
// a value whose one base is a range (pFunBase), and lowering accepts a
// range only there: tried as an alternative before the value, as the pest
// rule orders it, every nested "$l[" would be parsed twice, in time
// exponential in the nesting.
type pFunExpr struct {
	New   *tok         `parser:"( @\"[\""`
	Items []*pFunValue `parser:"  @@ ( \",\" @@ )* \",\"? \"]\""`
	Value *pFunValue   `parser:"| @@ )"`
}

// pFunValue is expression_value: "BASE {OP BASE}".
type pFunValue struct {
	First *pFunBase     `parser:"@@"`
	Rest  []*pFunOpBase `parser:"@@*"`
}

type pFunOpBase struct {
	Op   arithOp   `parser:"@@"`
	Base *pFunBase `parser:"@@"`
}

// pFunBase is expression_base: expression_list_index "$l[i]",
// expression_parenthesis, expression_function, value_literal or a
// variable; or the list_range "$l[FROM..TO]" of expression_list_subrange.
type pFunBase struct {
	Var   *var3Tok   `parser:"( @@"`
	Index *pFunValue `parser:"  ( \"[\" @@"`
	Dots  *tok       `parser:"    ( @\"..\""`
	To    *pFunValue `parser:"      @@ )? \"]\" )?"`
	Paren *pFunValue `parser:"| \"(\" @@ \")\""`
	Call  *pFunCall  `parser:"| @@"`
	Lit   *pFunLit   `parser:"| @@ )"`
}

// pFunCall is expression_function: "NAME( [EXPR {, EXPR} [,]] )".
type pFunCall struct {
	Name tok         `parser:"@Ident \"(\""`
	Args []*pFunExpr `parser:"( @@ ( \",\" @@ )* \",\"? )?"`
	End  tok         `parser:"@\")\""`
}

// pFunLit is value_literal, with the sign of signed_integer,
// signed_double and signed_decimal.
type pFunLit struct {
	Sign *tok     `parser:"( @(\"-\" | \"+\") (?= Number) )?"`
	Tok  literal3 `parser:"@@"`
}

// pFunStructVal is expression_struct: "{ key: VALUE }".
type pFunStructVal struct {
	Lbrace tok            `parser:"@\"{\""`
	Key    tok            `parser:"@Ident \":\""`
	Value  *pFunValue     `parser:"( @@"`
	Inner  *pFunStructVal `parser:"| @@ )"`
	Rbrace tok            `parser:"\"}\""`
}

// funParser parses one function definition. Built on its own (the
// define grammar's statement parser never sees a function: Parse cuts a
// function out of its query and hands it here), with the lexer and
// elision of the others.
var funParser = participle.MustBuild[pFunDef](
	participle.Lexer(Lexer),
	participle.Elide("Whitespace", "Comment"),
	participle.UseLookahead(participle.MaxLookahead),
)
