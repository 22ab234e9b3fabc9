package validate

import (
	"maps"
	"slices"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

func init() {
	register3(
		&Check3{Name: "function-return", Doc: functionReturnDoc, Run: functionReturn,
			Source: "typedb/typedb@3.10.4:ir/translation/function.rs translate_function_block, check_consistent_return (FunctionRepresentationError::DeclaresStreamReturnsSingle, DeclaresSingleReturnsStream, InconsistentReturnLengths)"},
		&Check3{Name: "function-argument-unused", Doc: functionArgumentUnusedDoc, Run: functionArgumentUnused,
			Source: "typedb/typedb@3.10.4:ir/translation/function.rs (FunctionRepresentationError::FunctionArgumentUnused)"},
		&Check3{Name: "function-stratification", Doc: functionStratificationDoc, Run: functionStratification, AtCommit: true,
			Source: "typedb/typedb@3.10.4:function/function_manager.rs validate_no_cycles (FunctionError::StratificationViolation)"},
		&Check3{Name: "function-types", Doc: functionTypesDoc, Run: functionTypes, AtCommit: true,
			Source: "typedb/typedb@3.10.4:compiler/annotation/function.rs (FunctionAnnotationError::CouldNotResolveArgumentType, CouldNotResolveReturnType)"},
	)
}

// signature3 is what the 3.x checks read of a function: its arguments,
// its declared return, and its return statement, from the function's
// tokens (the parser keeps a function as text).
type signature3 struct {
	args      []funArg // "$x: person"
	stream    bool     // "-> { a, b }"
	returns   []funType
	body      []lexer.Token // from the ":" after the signature to the end
	retStream bool          // "return { $a, $b }"
	retCount  int           // values the return statement gives
	hasReturn bool
	// calls are the identifiers called in the body ("f(" ), with whether
	// the call stands inside a "not { … }".
	calls []funCall
	// aggregate is true when the body has a sort, distinct, offset, limit
	// or reduce stage.
	aggregate bool
}

type funCall struct {
	name    string
	negated bool
}

type funArg struct {
	name string
	typ  funType
}

// funType is a type in a signature and the offset of its token in the
// function's text.
type funType struct {
	label  string
	offset int
}

// readSignature3 tokenises f's text with the project's lexer.
func readSignature3(f *schema.Func3) (*signature3, bool) {
	lx, err := grammar.Lexer.(lexer.StringDefinition).LexString(f.At.File, f.Stmt.Text)
	if err != nil {
		return nil, false
	}
	syms := grammar.Lexer.Symbols()
	var toks []lexer.Token
	for {
		t, err := lx.Next()
		if err != nil || t.EOF() {
			break
		}
		if t.Type != syms["Whitespace"] && t.Type != syms["Comment"] {
			toks = append(toks, t)
		}
	}
	s := &signature3{}
	i := 0
	next := func() lexer.Token {
		if i < len(toks) {
			i++
			return toks[i-1]
		}
		return lexer.Token{}
	}
	// fun NAME ( $a: T, … ) -> RET :
	if next().Value != "fun" || next().Value == "" || next().Value != "(" {
		return nil, false
	}
	for i < len(toks) && toks[i].Value != ")" {
		v := next()
		if v.Type != syms["Var"] || next().Value != ":" {
			return nil, false
		}
		t := next()
		s.args = append(s.args, funArg{name: v.Value, typ: funType{t.Value, t.Pos.Offset}})
		for i < len(toks) && toks[i].Value != "," && toks[i].Value != ")" {
			i++ // "[]", "?"
		}
		if i < len(toks) && toks[i].Value == "," {
			i++
		}
	}
	if next().Value != ")" || next().Value != "-" || next().Value != ">" {
		return nil, false
	}
	if i < len(toks) && toks[i].Value == "{" {
		s.stream = true
		i++
	}
	for i < len(toks) && toks[i].Value != ":" && toks[i].Value != "}" {
		t := next()
		if t.Type == syms["Ident"] {
			s.returns = append(s.returns, funType{t.Value, t.Pos.Offset})
		}
	}
	if s.stream && next().Value != "}" {
		return nil, false
	}
	if next().Value != ":" {
		return nil, false
	}
	s.body = toks[i:]
	readCalls(s, syms["Ident"])
	// The return statement: the last "return" outside brackets.
	depth, ret := 0, -1
	for j, t := range s.body {
		switch t.Value {
		case "{", "(", "[":
			depth++
		case "}", ")", "]":
			depth--
		case "return":
			if depth == 0 && t.Type == syms["Ident"] {
				ret = j
			}
		}
	}
	if ret < 0 {
		return s, true
	}
	s.hasReturn = true
	rest := s.body[ret+1:]
	if len(rest) > 0 && rest[0].Value == "{" {
		s.retStream = true
		rest = rest[1:]
	} else if len(rest) > 0 && (rest[0].Value == "first" || rest[0].Value == "last") {
		rest = rest[1:]
	}
	depth, n, empty := 0, 1, true
	for _, t := range rest {
		switch t.Value {
		case "{", "(", "[":
			depth++
		case "}", ")", "]":
			depth--
		case ",":
			if depth == 0 {
				n++
			}
		}
		if t.Value != ";" && !(s.retStream && t.Value == "}" && depth < 0) {
			empty = false
		}
	}
	if empty {
		n = 0
	}
	s.retCount = n
	return s, true
}

// readCalls finds the calls and stages of s's body: an identifier before
// "(" is a call (the checks keep those naming a function), negated inside
// the braces that follow "not".
func readCalls(s *signature3, ident lexer.TokenType) {
	var negated []bool // per open brace
	inNot := func() bool {
		for _, n := range negated {
			if n {
				return true
			}
		}
		return false
	}
	for j, t := range s.body {
		switch {
		case t.Value == "{":
			negated = append(negated, j > 0 && s.body[j-1].Type == ident && s.body[j-1].Value == "not")
		case t.Value == "}" && len(negated) > 0:
			negated = negated[:len(negated)-1]
		case t.Type == ident && j+1 < len(s.body) && s.body[j+1].Value == "(":
			s.calls = append(s.calls, funCall{name: t.Value, negated: inNot()})
		case t.Type == ident && len(negated) == 0:
			switch t.Value {
			case "sort", "distinct", "offset", "limit", "reduce":
				s.aggregate = true
			}
		}
	}
}

func funcs3(p *Pass3, f func(*schema.Func3, *signature3)) {
	for _, name := range slices.Sorted(maps.Keys(p.Model.Funcs)) {
		fn := p.Model.Funcs[name]
		if s, ok := readSignature3(fn); ok {
			f(fn, s)
		}
	}
}

const functionReturnDoc = `return statements that do not match the function's signature

A function declared "-> { T, … }" returns a stream: "return { $a, … }".
One declared "-> T, …" returns a single row: "return first $a, …",
"return last …", "return check" or reductions ("return count($x)").
The number of values must match the signature.

  fun names() -> { name }: match $p has name $n; return first $n;   # error`

func functionReturn(p *Pass3) {
	funcs3(p, func(fn *schema.Func3, s *signature3) {
		if !s.hasReturn {
			return
		}
		switch {
		case s.stream && !s.retStream:
			p.Report(fn.At, "function %s declares a stream (-> { … }) but returns a single row", fn.Name)
		case !s.stream && s.retStream:
			p.Report(fn.At, "function %s declares a single row but returns a stream (return { … })", fn.Name)
		case s.retCount != len(s.returns) && s.retCount > 0:
			p.Report(fn.At, "function %s declares %d return values but returns %d", fn.Name, len(s.returns), s.retCount)
		}
	})
}

const functionArgumentUnusedDoc = `function arguments the body never uses

Every argument variable of a function must appear in its body.

  fun f($arg: person) -> { name }: match $other has name $n; return { $n };   # error`

func functionArgumentUnused(p *Pass3) {
	funcs3(p, func(fn *schema.Func3, s *signature3) {
		used := map[string]bool{}
		for _, t := range s.body {
			used[t.Value] = true
		}
		for _, a := range s.args {
			if !used[a.name] {
				p.Report(fn.At, "function %s: argument %s is unused", fn.Name, a.name)
			}
		}
	})
}

const functionTypesDoc = `function signatures that name no type

The types of a function's arguments and returns must be defined types or
value types (integer, string, …); an unknown label fails the commit.`

func functionTypes(p *Pass3) {
	funcs3(p, func(fn *schema.Func3, s *signature3) {
		check := func(what string, t funType) {
			if schema.BuiltinValueType3(t.label) || p.Model.Structs[t.label] != nil {
				return
			}
			if tt := p.Model.Type(t.label); tt != nil && tt.Kind != concept.Role {
				return
			}
			at := fn.At
			at.Start = advancePos(fn.Stmt.Start, fn.Stmt.Text, t.offset)
			at.End = advancePos(at.Start, t.label, len(t.label))
			p.Report(at, "function %s: %s type %s is not defined", fn.Name, what, t.label)
		}
		for _, a := range s.args {
			check("argument", a.typ)
		}
		for _, r := range s.returns {
			check("return", r)
		}
	})
}

// advancePos returns the position n bytes into text, which starts at pos.
func advancePos(pos diag.Pos, text string, n int) diag.Pos {
	for _, r := range text[:min(n, len(text))] {
		pos.Offset += len(string(r))
		if r == '\n' {
			pos.Line++
			pos.Col = 1
		} else {
			pos.Col++
		}
	}
	return pos
}

const functionStratificationDoc = `recursion through negation, a reduction or a single return

Functions may call each other recursively, but not through a call inside
"not { … }", nor through a function that reduces (reduce, sort, distinct,
offset, limit) or returns a single row: TypeDB cannot give such a cycle a
meaning, and the commit fails.

  fun last_number() -> integer:
  match let $n = last_number() + 1;
  return last $n;                      # error: single return in a cycle`

func functionStratification(p *Pass3) {
	type edge struct {
		to         string
		stratifies bool
	}
	graph := map[string][]edge{}
	funcs3(p, func(fn *schema.Func3, s *signature3) {
		lower := s.aggregate || (s.hasReturn && !s.retStream)
		for _, c := range s.calls {
			if p.Model.Funcs[c.name] != nil {
				graph[fn.Name] = append(graph[fn.Name], edge{c.name, c.negated || lower})
			}
		}
	})
	reaches := func(from, to string) bool {
		seen := map[string]bool{}
		stack := []string{from}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n == to {
				return true
			}
			if seen[n] {
				continue
			}
			seen[n] = true
			for _, e := range graph[n] {
				stack = append(stack, e.to)
			}
		}
		return false
	}
	for _, name := range slices.Sorted(maps.Keys(graph)) {
		for _, e := range graph[name] {
			if e.stratifies && reaches(e.to, name) {
				p.Report(p.Model.Funcs[name].At, "function %s is recursive through a negation, a reduction or a single return (it calls %s, which leads back to it)", name, e.to)
				break
			}
		}
	}
}
