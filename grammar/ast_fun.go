package grammar

// The parsed parts of a 3.x function definition (FunStmt). They are read
// by the checks, not printed: the printer writes a function's Text.

// FunSig is a function's signature: "NAME(ARG, …) -> OUTPUT".
type FunSig struct {
	NamePos Pos
	Args    []*FunArg
	// Stream is true for "-> { T, … }" (function_output_stream), false
	// for "-> T, …" (function_output_single).
	Stream bool
	Output []*FunType
}

// FunArg is "$x: T".
type FunArg struct {
	Var  *Var
	Type *FunType
}

// FunType is a type in a signature: "T", "T?" or "T[]".
type FunType struct {
	Name     string
	NamePos  Pos
	Optional bool // "T?"
	List     bool // "T[]"
}

func (t *FunType) Pos() Pos { return t.NamePos }
func (t *FunType) End() Pos { return advance(t.NamePos, t.Name) }

// FunStage is one stage of a function body: "match …", "insert …",
// "put …", "update …", "delete …", or a stream operator ("select",
// "sort", "offset", "limit", "require", "distinct", "reduce").
type FunStage struct {
	Keyword    string
	KeywordPos Pos
	// Patterns are the patterns of a match, insert, put or update stage.
	Patterns []*FunPattern
	// Vars are the variables the stage names outside its patterns (the
	// operators' and delete's), in order.
	Vars []*Var
}

// Aggregates reports whether the stage reduces or reorders the stream
// (sort, distinct, offset, limit, reduce).
func (s *FunStage) Aggregates() bool {
	switch s.Keyword {
	case "sort", "distinct", "offset", "limit", "reduce":
		return true
	}
	return false
}

// FunPatternKind tells the patterns of a stage apart.
type FunPatternKind int

const (
	FunStatement   FunPatternKind = iota // a statement: "$x isa person, has name $n"
	FunConjunction                       // "{ … }"
	FunDisjunction                       // "{ … } or { … }"
	FunNegation                          // "not { … }"
	FunTry                               // "try { … }"
)

// FunPattern is one pattern of a stage, from its first token to the ";"
// after it (exclusive).
type FunPattern struct {
	Kind  FunPatternKind
	Start Pos
	Stop  Pos
	// Vars are the variables of a statement, in order.
	Vars []*Var
	// Calls are the function calls of a statement ("let $n = f($x);").
	Calls []*FunCall
	// Blocks hold the nested patterns: one block for a conjunction,
	// negation or try, one per branch for a disjunction.
	Blocks [][]*FunPattern
}

func (p *FunPattern) Pos() Pos { return p.Start }
func (p *FunPattern) End() Pos { return p.Stop }

// FunReturn is the return statement: "return { $a, … };" (Form
// "stream"), "return first $a, …;" ("first"), "return last …;" ("last"),
// "return check;" ("check") or "return count($x), …;" ("reduce").
type FunReturn struct {
	ReturnPos Pos
	Form      string
	Vars      []*Var        // stream, first and last
	Reducers  []*FunReducer // reduce
	Semi      Pos
}

func (r *FunReturn) Pos() Pos { return r.ReturnPos }
func (r *FunReturn) End() Pos { return advance(r.Semi, ";") }

// Values is how many values the return statement gives.
func (r *FunReturn) Values() int {
	switch r.Form {
	case "check":
		return 1
	case "reduce":
		return len(r.Reducers)
	}
	return len(r.Vars)
}

// FunReducer is "count", "count($x)", "sum($x)", "list($x)" …
type FunReducer struct {
	Name    string
	NamePos Pos
	Var     *Var // nil for a bare "count"
}

// FunCall is a call of a function in a body: "f($x)" in an expression or
// "let $a in f($x)". Builtins (abs, round, len …) are calls too; the
// checks keep those naming a function.
type FunCall struct {
	Name    string
	NamePos Pos
	// Negated is true when the call stands inside a "not { … }".
	Negated bool
}

func (c *FunCall) Pos() Pos { return c.NamePos }
func (c *FunCall) End() Pos { return advance(c.NamePos, c.Name) }

// EachVar calls f for every variable of the body (stages and return), in
// source order within each stage.
func (s *FunStmt) EachVar(f func(*Var)) {
	var pats func([]*FunPattern)
	pats = func(ps []*FunPattern) {
		for _, p := range ps {
			for _, v := range p.Vars {
				f(v)
			}
			for _, b := range p.Blocks {
				pats(b)
			}
		}
	}
	for _, st := range s.Stages {
		pats(st.Patterns)
		for _, v := range st.Vars {
			f(v)
		}
	}
	if s.Return != nil {
		for _, v := range s.Return.Vars {
			f(v)
		}
		for _, r := range s.Return.Reducers {
			if r.Var != nil {
				f(r.Var)
			}
		}
	}
}
