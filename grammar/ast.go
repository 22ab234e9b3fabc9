package grammar

import (
	"unicode/utf8"

	"github.com/tqlmig/tqlmig/diag"
)

// Pos is a position in the source: byte offset from 0, line and rune column from 1.
type Pos = diag.Pos

// Node is any node of the tree. Pos is the first byte of the node and End the
// byte after its last one (half-open), so End of a statement is just past its ";".
type Node interface {
	Pos() Pos
	End() Pos
}

// Comment is one "# ..." comment; Text includes the "#" and excludes the newline.
type Comment struct {
	Hash Pos // position of "#"
	Text string
	// BlankBefore records a blank line between this comment and the
	// previous comment of its group. Only a Doc group gathers comments
	// across blank lines (the paragraphs of comments above a node); the
	// printer keeps those blank lines.
	BlankBefore bool
}

func (c *Comment) Pos() Pos { return c.Hash }
func (c *Comment) End() Pos {
	return Pos{Offset: c.Hash.Offset + len(c.Text), Line: c.Hash.Line, Col: c.Hash.Col + runeLen(c.Text)}
}

// CommentGroup is a run of comments on consecutive lines with nothing else between them.
type CommentGroup struct {
	List []*Comment
	// BlankBefore records a blank line before the group (a new paragraph).
	BlankBefore bool
	// BlankAfter records, for a Doc group, a blank line between the group's
	// last comment and the node it documents.
	BlankAfter bool
}

func (g *CommentGroup) Pos() Pos { return g.List[0].Pos() }
func (g *CommentGroup) End() Pos { return g.List[len(g.List)-1].End() }

// Trivia is what a node carries besides its syntax: the comments that
// belong to it and whether a blank line came before it. Moving a node moves
// its Trivia with it, so rewrites never lose comments.
type Trivia struct {
	// Doc is the group of comments on the lines directly above the node.
	Doc *CommentGroup
	// Line is the comment that follows the node on the line where the node
	// ends. Comments found inside a node's range that no inner node takes
	// are appended here too, so that no comment is ever dropped.
	Line *CommentGroup
	// BlankBefore records a blank line between this node (or its Doc) and
	// whatever came before it.
	BlankBefore bool
}

// Comments returns the trivia for in-place edits.
func (t *Trivia) Comments() *Trivia { return t }

// Commented is any node that carries Trivia.
type Commented interface {
	Node
	Comments() *Trivia
}

// File is one parsed source file: a sequence of queries.
type File struct {
	Name    string
	Queries []Query
	// Last holds comments after the last query (or of a file without queries).
	Last []*CommentGroup
	// Features lists the dialect features the file uses, in source order
	// of first use; see Dialect.
	Features []Feature
	EOF      Pos // position just past the last byte
}

func (f *File) Pos() Pos {
	if len(f.Queries) > 0 {
		return f.Queries[0].Pos()
	}
	return Pos{Offset: 0, Line: 1, Col: 1}
}
func (f *File) End() Pos { return f.EOF }

// Query is a top-level query: *DefineQuery or *OtherQuery.
type Query interface {
	Commented
	queryNode()
}

// DefineQuery is a schema query, "define STMT...", "undefine STMT..." or
// (3.x) "redefine STMT...", as Kind says.
type DefineQuery struct {
	Trivia
	Keyword Pos // position of "define", "undefine" or "redefine"
	Kind    QueryKind
	Stmts   []Stmt
	// Last holds comments after the last statement that belong to this query.
	Last []*CommentGroup
}

func (q *DefineQuery) Pos() Pos { return q.Keyword }
func (q *DefineQuery) End() Pos {
	if len(q.Stmts) == 0 {
		return advance(q.Keyword, q.keyword())
	}
	return q.Stmts[len(q.Stmts)-1].End()
}
func (q *DefineQuery) keyword() string { return q.Kind.String() }

// QueryKind tells the three schema queries apart.
type QueryKind uint8

const (
	Define   QueryKind = iota // define: adds types, capabilities, rules, functions, structs
	Undefine                  // undefine: removes them
	// Redefine changes what 3.x has defined
	// (typedb/typeql@3.10.4:rust/parser/typeql.pest query_redefine).
	Redefine
)

// String returns the query's keyword.
func (k QueryKind) String() string {
	switch k {
	case Undefine:
		return "undefine"
	case Redefine:
		return "redefine"
	}
	return "define"
}

// OtherQuery is a data query (insert, match, delete, compute, get, fetch…)
// kept verbatim, so convert can move it to a side file untouched.
type OtherQuery struct {
	Trivia
	Keyword string // the first keyword: "insert", "match", "delete", "compute", …
	Text    string // the exact source text from Start to Stop
	Start   Pos
	Stop    Pos // just past the query's last ";"
}

func (q *OtherQuery) Pos() Pos { return q.Start }
func (q *OtherQuery) End() Pos { return q.Stop }

func (*DefineQuery) queryNode() {}
func (*OtherQuery) queryNode()  {}

// Stmt is a statement inside define or undefine: *TypeStmt, *RuleStmt,
// *FunStmt (3.x), *StructStmt (3.x) or *UndefineStmt (3.x undefine).
type Stmt interface {
	Commented
	stmtNode()
}

// TypeStmt is a type statement with its properties:
//
//	person sub entity, has name;            (1.x)
//	person sub entity has name;             (1.0–1.4, commas optional)
//	siblings sub rule, when {…}, then {…};  (1.x rule)
//	person sub entity, owns name @key;      (2.x)
//	entity person @abstract, owns name;     (3.x, with Kind)
type TypeStmt struct {
	Trivia
	// Kind is the 3.x kind keyword ("entity", "relation", "attribute") that
	// opens the statement, or "" when there is none.
	Kind    string
	KindPos Pos
	Subject *TypeRef
	// Annotations written right after the subject (3.x: "entity person @abstract").
	Annotations []*Annotation
	Props       []Prop
	Semi        Pos // position of ";"
}

func (s *TypeStmt) Pos() Pos {
	if s.Kind != "" {
		return s.KindPos
	}
	return s.Subject.Pos()
}
func (s *TypeStmt) End() Pos { return advance(s.Semi, ";") }

// RuleStmt is a 2.x rule, or in undefine just "rule L;" with no bodies:
//
//	rule L: when { … } then { … };
type RuleStmt struct {
	Trivia
	Rule  Pos // position of "rule"
	Label *TypeRef
	When  *Block // nil in "undefine rule L;"
	Then  *Block
	Semi  Pos
}

func (s *RuleStmt) Pos() Pos { return s.Rule }
func (s *RuleStmt) End() Pos { return advance(s.Semi, ";") }

// FunStmt is a 3.x function definition. The printer writes its Text,
// verbatim from "fun" through its final ";" (tqlmig prints functions it
// writes itself but never edits one); Sig, Stages, Return and Calls are
// the participle parse of that text (ast_fun.go), nil for a function built
// in memory.
type FunStmt struct {
	Trivia
	Name   string
	Text   string
	Start  Pos
	Stop   Pos
	Sig    *FunSig
	Stages []*FunStage
	Return *FunReturn
	Calls  []*FunCall
}

func (s *FunStmt) Pos() Pos { return s.Start }
func (s *FunStmt) End() Pos { return s.Stop }

// StructStmt is a 3.x struct definition
// (typedb/typeql@3.10.4:rust/parser/typeql.pest definition_struct):
//
//	struct coordinates: latitude value double, longitude value double?;
type StructStmt struct {
	Trivia
	Struct  Pos // position of "struct"
	Name    string
	NamePos Pos
	Fields  []*StructField
	Semi    Pos // position of ";"
	// Text is the source from "struct" through ";", comments included;
	// the printer prints it as written. Empty in a built tree, which is
	// printed from Fields.
	Text string
}

func (s *StructStmt) Pos() Pos { return s.Struct }
func (s *StructStmt) End() Pos { return advance(s.Semi, ";") }

// StructField is one field of a struct: "name value TYPE" or, when the
// field may be absent, "name value TYPE?". Type is a built-in value type
// or the name of another struct.
type StructField struct {
	NamePos  Pos
	Name     string
	Value    Pos // position of "value"
	Type     string
	TypePos  Pos
	Optional bool
	Question Pos // position of "?" when Optional
}

func (f *StructField) Pos() Pos { return f.NamePos }
func (f *StructField) End() Pos {
	if f.Optional {
		return advance(f.Question, "?")
	}
	return advance(f.TypePos, f.Type)
}

// UndefineStmt is a TypeQL 3.x undefine statement that names what to
// remove, not a type statement (typedb/typeql@3.10.4:rust/parser/typeql.pest
// undefinable, undefine_from, undefine_function, undefine_struct):
//
//	owns email from person;                    Cap owns email, Type person
//	plays employment:employee from person;     Cap (also sub, value, alias, relates)
//	@abstract from person;                     Annot, Type
//	@key from person owns email;               Annot, Type, Cap
//	as parent from fathership relates father;  Keyword "as", Name parent, Type, Cap
//	fun f;  struct s;                          Keyword "fun"/"struct", Name
//
// A bare "undefine person;" is a *TypeStmt without properties.
type UndefineStmt struct {
	Trivia
	// Keyword is "fun", "struct" or "as", or "" for the other forms.
	Keyword    string
	KeywordPos Pos
	// Name is the function or struct name, or the role that "as" names.
	Name *TypeRef
	// Annot is the annotation category removed (never with arguments).
	Annot *Annotation
	// Cap is the capability: what is removed ("owns email from person") or
	// where the annotation or specialisation sits ("… from person owns
	// email"); CapFirst tells the two apart. It is a *SubProp, *AliasProp,
	// *ValueTypeProp, *OwnsProp, *PlaysProp or *RelatesProp.
	Cap      Prop
	CapFirst bool
	From     Pos      // position of "from"; zero for fun and struct
	Type     *TypeRef // the type after "from"
	Semi     Pos      // position of ";"
}

func (s *UndefineStmt) Pos() Pos {
	switch {
	case s.Keyword != "":
		return s.KeywordPos
	case s.Annot != nil:
		return s.Annot.Pos()
	}
	return s.Cap.Pos()
}
func (s *UndefineStmt) End() Pos { return advance(s.Semi, ";") }

func (*TypeStmt) stmtNode()     {}
func (*RuleStmt) stmtNode()     {}
func (*FunStmt) stmtNode()      {}
func (*StructStmt) stmtNode()   {}
func (*UndefineStmt) stmtNode() {}

// TypeRef names a type or a role, or is a variable standing for one:
//
//	person            Name "person"
//	marriage:spouse   Scope "marriage", Name "spouse"
//	"full name"       Name "full name", Quote '"' (1.0–1.4 and graql 1.0.0)
//	@has-name         Name "@has-name" (≤1.7 implicit type)
//	$t                Var true, Name "t"
//	?v                Var and ValueVar true, Name "v" (a syntax error: a
//	                  value variable stands for no type, but the tree
//	                  keeps what was written)
type TypeRef struct {
	NamePos Pos
	Scope   string
	Name    string
	// Quote is '"' or '\'' for a quoted label; Name is then the raw text
	// between the quotes (escapes kept as written).
	Quote    byte
	Var      bool
	ValueVar bool
}

func (r *TypeRef) Pos() Pos { return r.NamePos }
func (r *TypeRef) End() Pos { return advance(r.NamePos, r.String()) }

// String returns the reference as written in source.
func (r *TypeRef) String() string {
	switch {
	case r.ValueVar:
		return "?" + r.Name
	case r.Var:
		return "$" + r.Name
	case r.Quote != 0:
		q := string(r.Quote)
		return q + r.Name + q
	case r.Scope != "":
		return r.Scope + ":" + r.Name
	}
	return r.Name
}

// Annotation is "@key", "@unique", or a 3.x annotation such as "@card(0..)"
// or "@regex(\"…\")". Args is the raw text between the parentheses, or ""
// when there are none (HasParens tells "@card()" from "@card").
type Annotation struct {
	At        Pos // position of "@"
	Name      string
	HasParens bool
	Args      string
	Rparen    Pos // position of ")" when HasParens
}

func (a *Annotation) Pos() Pos { return a.At }
func (a *Annotation) End() Pos {
	if a.HasParens {
		return advance(a.Rparen, ")")
	}
	return advance(a.At, "@"+a.Name)
}

// Prop is one property of a type statement or of a pattern statement.
type Prop interface {
	Commented
	propNode()
}

// SubProp is "sub T" or "sub! T".
type SubProp struct {
	Trivia
	Sub    Pos
	Strict bool // sub!
	Type   *TypeRef
	Annots []*Annotation // 3.x
}

// AbstractProp is "abstract", or "is-abstract" (1.0–1.4) when Legacy.
type AbstractProp struct {
	Trivia
	Abstract Pos
	Legacy   bool
}

// HasProp is the 1.x type-level "has A" (also "$t has A;" in patterns).
type HasProp struct {
	Trivia
	Has  Pos
	Attr *TypeRef
}

// KeyProp is the 1.x "key A".
type KeyProp struct {
	Trivia
	Key  Pos
	Attr *TypeRef
}

// OwnsProp is the 2.x "owns A [as B] [@key] [@unique]"; in 3.x also
// "owns A[]" (List) and any annotation.
type OwnsProp struct {
	Trivia
	Owns   Pos
	Attr   *TypeRef
	List   bool     // 3.x "owns A[]"
	Rbrack Pos      // position of "]" when List (zero in built trees)
	As     *TypeRef // overridden attribute type, or nil
	Annots []*Annotation
}

// PlaysProp is "plays R" (1.x, bare global role) or "plays REL:R [as S]" (2.x).
type PlaysProp struct {
	Trivia
	Plays  Pos
	Role   *TypeRef
	As     *TypeRef
	Annots []*Annotation // 3.x
}

// RelatesProp is "relates R [as S]"; in 3.x also "relates R[]".
type RelatesProp struct {
	Trivia
	Relates Pos
	Role    *TypeRef
	List    bool
	Rbrack  Pos // position of "]" when List (zero in built trees)
	// As is the specialised role; when List it is a list too, "relates
	// R[] as S[]", and AsRbrack is the position of its "]".
	As       *TypeRef
	AsRbrack Pos
	Annots   []*Annotation // 3.x
}

// ValueTypeProp is "value T" (1.8, 2.x, 3.x) or "datatype T" (≤1.7, Legacy).
// Type is the value type as written: long, double, string, boolean, date,
// datetime; in 3.x also integer, decimal, datetime-tz, duration or a struct name.
type ValueTypeProp struct {
	Trivia
	Keyword Pos
	Legacy  bool // datatype
	Type    string
	TypePos Pos
	Annots  []*Annotation // 3.x: "value string @regex(…)"
}

// RegexProp is "regex "…"" (1.5+ and 2.x) or "regex /…/" (≤1.4).
type RegexProp struct {
	Trivia
	Regex   Pos
	Pattern *Literal // Kind StringLit or RegexLit
}

// WhenProp is the 1.x rule body "when { … }".
type WhenProp struct {
	Trivia
	When Pos
	Body *Block
}

// ThenProp is the 1.x rule head "then { … }".
type ThenProp struct {
	Trivia
	Then Pos
	Body *Block
}

// TypeProp is "type L", or "label L" (≤1.4, Legacy).
type TypeProp struct {
	Trivia
	Type   Pos
	Legacy bool
	Label  *TypeRef
}

// IsaProp is "isa T" or "isa! T".
type IsaProp struct {
	Trivia
	Isa    Pos
	Strict bool
	Type   *TypeRef
}

// HasValueProp is a thing-level "has": "has A $v", "has A "lit"",
// "has A > 5", "has A contains "s"", "has $v" (2.x, Attr nil),
// optionally followed by "via $r" (≤1.7).
type HasValueProp struct {
	Trivia
	Has  Pos
	Attr *TypeRef   // nil in "has $v"
	Var  *Var       // "has A $v" or "has $v"; nil when Pred is set
	Pred *Predicate // "has A "lit"" (Op ""), "has A > 5"
	Via  *Var
}

// IDProp is "id V123" (1.x) or "iid 0x…" (2.x, IID set).
type IDProp struct {
	Trivia
	Keyword Pos
	IID     bool
	Value   string
	ValPos  Pos
}

// IsProp is the 2.x concept identity "is $y".
type IsProp struct {
	Trivia
	Is  Pos
	Var *Var
}

// LinksProp is the 3.x "links (role: $x, …)".
type LinksProp struct {
	Trivia
	Links Pos
	Tuple *RelTuple
}

// AnnotationProp is an annotation standing after a comma as a property of
// its own, as hand-written 3.x files sometimes have it ("entity person,
// @abstract;"). Annotations written right after what they annotate live
// on that node instead: TypeStmt.Annotations, OwnsProp.Annots,
// ValueTypeProp.Annots ("value string @regex(…)") and so on.
type AnnotationProp struct {
	Trivia
	Annot *Annotation
}

// AliasProp is the 3.x "alias L".
type AliasProp struct {
	Trivia
	Alias Pos
	Label *TypeRef
}

func (p *SubProp) Pos() Pos        { return p.Sub }
func (p *AbstractProp) Pos() Pos   { return p.Abstract }
func (p *HasProp) Pos() Pos        { return p.Has }
func (p *KeyProp) Pos() Pos        { return p.Key }
func (p *OwnsProp) Pos() Pos       { return p.Owns }
func (p *PlaysProp) Pos() Pos      { return p.Plays }
func (p *RelatesProp) Pos() Pos    { return p.Relates }
func (p *ValueTypeProp) Pos() Pos  { return p.Keyword }
func (p *RegexProp) Pos() Pos      { return p.Regex }
func (p *WhenProp) Pos() Pos       { return p.When }
func (p *ThenProp) Pos() Pos       { return p.Then }
func (p *TypeProp) Pos() Pos       { return p.Type }
func (p *IsaProp) Pos() Pos        { return p.Isa }
func (p *HasValueProp) Pos() Pos   { return p.Has }
func (p *IDProp) Pos() Pos         { return p.Keyword }
func (p *IsProp) Pos() Pos         { return p.Is }
func (p *LinksProp) Pos() Pos      { return p.Links }
func (p *AnnotationProp) Pos() Pos { return p.Annot.Pos() }
func (p *AliasProp) Pos() Pos      { return p.Alias }

func (p *SubProp) End() Pos { return lastEnd(p.Type.End(), p.Annots) }
func (p *AbstractProp) End() Pos {
	if p.Legacy {
		return advance(p.Abstract, "is-abstract")
	}
	return advance(p.Abstract, "abstract")
}
func (p *HasProp) End() Pos { return p.Attr.End() }
func (p *KeyProp) End() Pos { return p.Attr.End() }
func (p *OwnsProp) End() Pos {
	end := p.Attr.End()
	if p.List {
		end = listEnd(end, p.Rbrack)
	}
	if p.As != nil {
		end = p.As.End()
	}
	return lastEnd(end, p.Annots)
}
func (p *PlaysProp) End() Pos {
	end := p.Role.End()
	if p.As != nil {
		end = p.As.End()
	}
	return lastEnd(end, p.Annots)
}
func (p *RelatesProp) End() Pos {
	end := p.Role.End()
	if p.List {
		end = listEnd(end, p.Rbrack)
	}
	if p.As != nil {
		end = p.As.End()
		if p.List {
			end = listEnd(end, p.AsRbrack)
		}
	}
	return lastEnd(end, p.Annots)
}
func (p *ValueTypeProp) End() Pos { return lastEnd(advance(p.TypePos, p.Type), p.Annots) }
func (p *RegexProp) End() Pos     { return p.Pattern.End() }
func (p *WhenProp) End() Pos      { return p.Body.End() }
func (p *ThenProp) End() Pos      { return p.Body.End() }
func (p *TypeProp) End() Pos      { return p.Label.End() }
func (p *IsaProp) End() Pos       { return p.Type.End() }
func (p *HasValueProp) End() Pos {
	switch {
	case p.Via != nil:
		return p.Via.End()
	case p.Pred != nil:
		return p.Pred.End()
	case p.Var != nil:
		return p.Var.End()
	}
	return p.Attr.End()
}
func (p *IDProp) End() Pos         { return advance(p.ValPos, p.Value) }
func (p *IsProp) End() Pos         { return p.Var.End() }
func (p *LinksProp) End() Pos      { return p.Tuple.End() }
func (p *AnnotationProp) End() Pos { return p.Annot.End() }
func (p *AliasProp) End() Pos      { return p.Label.End() }

func (*SubProp) propNode()        {}
func (*AbstractProp) propNode()   {}
func (*HasProp) propNode()        {}
func (*KeyProp) propNode()        {}
func (*OwnsProp) propNode()       {}
func (*PlaysProp) propNode()      {}
func (*RelatesProp) propNode()    {}
func (*ValueTypeProp) propNode()  {}
func (*RegexProp) propNode()      {}
func (*WhenProp) propNode()       {}
func (*ThenProp) propNode()       {}
func (*TypeProp) propNode()       {}
func (*IsaProp) propNode()        {}
func (*HasValueProp) propNode()   {}
func (*IDProp) propNode()         {}
func (*IsProp) propNode()         {}
func (*LinksProp) propNode()      {}
func (*AnnotationProp) propNode() {}
func (*AliasProp) propNode()      {}

// Block is "{ PATTERN; … }", the body of when, then, not and disjunction branches.
type Block struct {
	Lbrace   Pos
	Patterns []Pattern
	Rbrace   Pos
	// Last holds comments after the last pattern, before "}".
	Last []*CommentGroup
}

func (b *Block) Pos() Pos { return b.Lbrace }
func (b *Block) End() Pos { return advance(b.Rbrace, "}") }

// Pattern is one element of a rule body or head: *PatternStmt, *Conjunction,
// *Disjunction or *Negation.
type Pattern interface {
	Commented
	patternNode()
}

// PatternStmt is a pattern statement: an optional subject followed by
// properties, ending in ";". Every part but Semi is optional, within what
// the grammar allows:
//
//	$x isa person, has name $n;          Var, Props
//	$r (spouse: $x) isa marriage;        Var, Tuple, Props
//	(parent: $p, child: $c) isa parentship;
//	$a "Bob" isa name;                   Var, Value (Op ""), Props
//	$a >= 18;  $x != $y;  $n !== "x";    Var, Value
//	?v = $n + 1;                         Var (value variable), Value
//	$t sub entity;  $t plays spouse;     Var, type Props
//	marriage (spouse: $x);               3.x: Type then Tuple
type PatternStmt struct {
	Trivia
	Var   *Var
	Type  *TypeRef // 3.x "marriage (spouse: $x)": the relation type before the tuple
	Tuple *RelTuple
	Value *Predicate
	Props []Prop
	Semi  Pos
}

func (s *PatternStmt) Pos() Pos {
	switch {
	case s.Var != nil:
		return s.Var.Pos()
	case s.Type != nil:
		return s.Type.Pos()
	case s.Tuple != nil:
		return s.Tuple.Pos()
	case s.Value != nil:
		return s.Value.Pos()
	case len(s.Props) > 0:
		return s.Props[0].Pos()
	}
	return s.Semi
}
func (s *PatternStmt) End() Pos { return advance(s.Semi, ";") }

// Conjunction is a braced group "{ … };" standing as a pattern.
type Conjunction struct {
	Trivia
	Body *Block
	Semi Pos
}

func (p *Conjunction) Pos() Pos { return p.Body.Pos() }
func (p *Conjunction) End() Pos { return advance(p.Semi, ";") }

// Disjunction is "{ … } or { … } [or { … }…];".
type Disjunction struct {
	Trivia
	Alts []*Block
	Ors  []Pos // position of each "or"
	Semi Pos
}

func (p *Disjunction) Pos() Pos { return p.Alts[0].Pos() }
func (p *Disjunction) End() Pos { return advance(p.Semi, ";") }

// Negation is "not { … };".
type Negation struct {
	Trivia
	Not  Pos
	Body *Block
	Semi Pos
}

func (p *Negation) Pos() Pos { return p.Not }
func (p *Negation) End() Pos { return advance(p.Semi, ";") }

func (*PatternStmt) patternNode() {}
func (*Conjunction) patternNode() {}
func (*Disjunction) patternNode() {}
func (*Negation) patternNode()    {}

// Var is a variable: "$x", "$_" (anonymous), or a 2.18+ value variable "?v".
type Var struct {
	NamePos Pos
	Name    string // without the sigil; "_" for "$_"; "" for a bare "$" (1.x)
	Value   bool   // "?v"
}

func (v *Var) Pos() Pos { return v.NamePos }
func (v *Var) End() Pos { return advance(v.NamePos, v.String()) }

// String returns the variable as written.
func (v *Var) String() string {
	if v.Value {
		return "?" + v.Name
	}
	return "$" + v.Name
}

// RelTuple is "(role: $p, $q, $rv: $z)".
type RelTuple struct {
	Lparen  Pos
	Players []*RolePlayer
	Rparen  Pos
}

func (t *RelTuple) Pos() Pos { return t.Lparen }
func (t *RelTuple) End() Pos { return advance(t.Rparen, ")") }

// RolePlayer is "role: $p", "$rv: $p" or just "$p" (Role nil).
type RolePlayer struct {
	Role   *TypeRef
	Player *Var
}

func (p *RolePlayer) Pos() Pos {
	if p.Role != nil {
		return p.Role.Pos()
	}
	return p.Player.Pos()
}
func (p *RolePlayer) End() Pos { return p.Player.End() }

// Predicate is a value constraint: an operator and its operand.
//
//	"Bob"          Op "" (a bare value)
//	== 5, = 5      value equality (== from 1.3 and 2.18; = ≤1.2 and 2.0–2.17)
//	!== "x"        1.x value inequality
//	!= $y          1.x concept inequality, 2.x value inequality, ≤1.2 value inequality
//	> >= < <=      comparisons
//	contains "s"   like "re"
//	/re/           ≤1.4 regex predicate (Op "", Operand a RegexLit)
//	val "a"        ≤1.2: "val" before any of these (Val), here a bare value
//	val < 5        ≤1.2: Val, then the comparison
type Predicate struct {
	Val     Pos // the ≤1.2 "val" before the predicate, or the zero Pos
	OpPos   Pos // position of the operator, or of the operand when Op is ""
	Op      string
	Operand Expr
}

func (p *Predicate) Pos() Pos {
	if p.Val.IsValid() {
		return p.Val
	}
	return p.OpPos
}
func (p *Predicate) End() Pos { return p.Operand.End() }

// Expr is a value: *Literal, *Var, or a 2.18+ arithmetic *BinaryExpr,
// *CallExpr or *ParenExpr.
type Expr interface {
	Node
	exprNode()
}

// LitKind is the lexical kind of a literal.
type LitKind int

const (
	StringLit   LitKind = iota + 1 // "…" or '…'
	IntLit                         // 42, -7
	RealLit                        // 3.14
	BoolLit                        // true, false
	DateLit                        // 2020-01-31
	DateTimeLit                    // 2020-01-31T10:00:00.000
	RegexLit                       // /…/ (≤1.4)
)

// Literal keeps a value exactly as written (quotes and escapes included),
// because string escapes mean different things in different versions.
type Literal struct {
	ValuePos Pos
	Kind     LitKind
	Raw      string
}

func (l *Literal) Pos() Pos { return l.ValuePos }
func (l *Literal) End() Pos { return advance(l.ValuePos, l.Raw) }

// BinaryExpr is "X op Y" for op in + - * / % ^.
type BinaryExpr struct {
	X     Expr
	OpPos Pos
	Op    string
	Y     Expr
}

func (e *BinaryExpr) Pos() Pos { return e.X.Pos() }
func (e *BinaryExpr) End() Pos { return e.Y.End() }

// CallExpr is "f(args…)", e.g. "round(?x)".
type CallExpr struct {
	FunPos Pos
	Fun    string
	Args   []Expr
	Rparen Pos
}

func (e *CallExpr) Pos() Pos { return e.FunPos }
func (e *CallExpr) End() Pos { return advance(e.Rparen, ")") }

// ParenExpr is "( X )".
type ParenExpr struct {
	Lparen Pos
	X      Expr
	Rparen Pos
}

func (e *ParenExpr) Pos() Pos { return e.Lparen }
func (e *ParenExpr) End() Pos { return advance(e.Rparen, ")") }

func (*Literal) exprNode()    {}
func (*Var) exprNode()        {}
func (*BinaryExpr) exprNode() {}
func (*CallExpr) exprNode()   {}
func (*ParenExpr) exprNode()  {}

// listEnd is the end of a "[]" list marker after a label ending at end:
// just past "]" when its position is known, else as if "[]" followed the
// label directly (a tree built by a rewrite).
func listEnd(end, rbrack Pos) Pos {
	if rbrack.IsValid() {
		return advance(rbrack, "]")
	}
	return advance(end, "[]")
}

func lastEnd(end Pos, annots []*Annotation) Pos {
	if len(annots) > 0 {
		return annots[len(annots)-1].End()
	}
	return end
}

// advance returns the position just past text s starting at p. Tokens never
// span lines except string literals, which may hold raw newlines.
func advance(p Pos, s string) Pos {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		p.Offset += n // n, not len(string(r)): an invalid byte is one byte
		if r == '\n' {
			p.Line++
			p.Col = 1
		} else {
			p.Col++
		}
	}
	return p
}

func runeLen(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// BadStmt stands for a statement that failed to parse, so that a broken
// file still gives a whole tree. The syntax diagnostic covers the same range.
type BadStmt struct {
	Trivia
	Start Pos
	Stop  Pos // just past the ";" where parsing resumed, or EOF
	Text  string
}

func (s *BadStmt) Pos() Pos { return s.Start }
func (s *BadStmt) End() Pos { return s.Stop }
func (*BadStmt) stmtNode()  {}
