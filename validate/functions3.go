package validate

import (
	"maps"
	"slices"

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
			Source: "typedb/typedb@3.10.4:function/function_manager.rs validate_no_cycles (FunctionError::StratificationViolation); typedb/typedb@3.5.0:function/function_manager.rs has_non_stream_return (single returns, absent at 3.4.4)"},
		&Check3{Name: "function-types", Doc: functionTypesDoc, Run: functionTypes, AtCommit: true,
			Source: "typedb/typedb@3.10.4:compiler/annotation/function.rs (FunctionAnnotationError::CouldNotResolveArgumentType, CouldNotResolveReturnType)"},
	)
}

// funcs3 calls f for each function of the model that the parser parsed
// (a function built in memory has no parse), in name order.
func funcs3(p *Pass3, f func(*schema.Func3, *grammar.FunStmt)) {
	for _, name := range slices.Sorted(maps.Keys(p.Model.Funcs)) {
		fn := p.Model.Funcs[name]
		if fn.Stmt.Sig != nil && fn.Stmt.Return != nil {
			f(fn, fn.Stmt)
		}
	}
}

// within is fn's range narrowed to n, a node of its statement.
func within(fn *schema.Func3, n grammar.Node) diag.Range {
	at := fn.At
	at.Start, at.End = n.Pos(), n.End()
	return at
}

const functionReturnDoc = `return statements that do not match the function's signature

A function declared "-> { T, … }" returns a stream: "return { $a, … }".
One declared "-> T, …" returns a single row: "return first $a, …",
"return last …", "return check" or reductions ("return count($x)").
The number of values must match the signature.

  fun names() -> { name }: match $p has name $n; return first $n;   # error`

func functionReturn(p *Pass3) {
	funcs3(p, func(fn *schema.Func3, s *grammar.FunStmt) {
		stream, retStream := s.Sig.Stream, s.Return.Form == "stream"
		switch n := s.Return.Values(); {
		case stream && !retStream:
			p.Report(within(fn, s.Return), "function %s declares a stream (-> { … }) but returns a single row", fn.Name)
		case !stream && retStream:
			p.Report(within(fn, s.Return), "function %s declares a single row but returns a stream (return { … })", fn.Name)
		case n != len(s.Sig.Output):
			p.Report(within(fn, s.Return), "function %s declares %d return values but returns %d", fn.Name, len(s.Sig.Output), n)
		}
	})
}

const functionArgumentUnusedDoc = `function arguments the body never uses

Every argument variable of a function must appear in its body.

  fun f($arg: person) -> { name }: match $other has name $n; return { $n };   # error`

func functionArgumentUnused(p *Pass3) {
	funcs3(p, func(fn *schema.Func3, s *grammar.FunStmt) {
		used := map[string]bool{}
		s.EachVar(func(v *grammar.Var) { used[v.Name] = true })
		for _, a := range s.Sig.Args {
			if !used[a.Var.Name] {
				p.Report(within(fn, a.Var), "function %s: argument %s is unused", fn.Name, a.Var)
			}
		}
	})
}

const functionTypesDoc = `function signatures that name no type

The types of a function's arguments and returns must be defined types or
value types (integer, string, …); an unknown label fails the commit.`

func functionTypes(p *Pass3) {
	funcs3(p, func(fn *schema.Func3, s *grammar.FunStmt) {
		check := func(what string, t *grammar.FunType) {
			if schema.BuiltinValueType3(t.Name) || p.Model.Structs[t.Name] != nil {
				return
			}
			if tt := p.Model.Type(t.Name); tt != nil && tt.Kind != concept.Role {
				return
			}
			p.Report(within(fn, t), "function %s: %s type %s is not defined", fn.Name, what, t.Name)
		}
		for _, a := range s.Sig.Args {
			check("argument", a.Type)
		}
		for _, r := range s.Sig.Output {
			check("return", r)
		}
	})
}

const functionStratificationDoc = `recursion through negation, a reduction or a single return

Functions may call each other recursively, but not through a call inside
"not { … }", nor through a function that reduces (reduce, sort, distinct,
offset, limit) or returns a single row: TypeDB cannot give such a cycle a
meaning, and the commit fails. The single row counts from TypeDB 3.5.0;
3.0 to 3.4 accepted a recursive "return first".

  fun last_number() -> integer:
  match let $n = last_number() + 1;   # error: the call cycles through
  return last $n;                      # this single return`

func functionStratification(p *Pass3) {
	type edge struct {
		to   string
		why  string // what puts the callee in a lower stratum, or ""
		call *grammar.FunCall
	}
	graph := map[string][]edge{}
	funcs3(p, func(fn *schema.Func3, s *grammar.FunStmt) {
		lower := ""
		switch s.Return.Form {
		case "first", "last":
			// typedb/typedb@3.5.0:function/function_manager.rs
			// has_non_stream_return ("Enforce stratification through single
			// return functions"); 3.4.4 raised the stratum for reductions only.
			lower = "a single return, which TypeDB refuses from 3.5.0"
		case "check", "reduce":
			lower = "a reduction"
		}
		for _, st := range s.Stages {
			if st.Aggregates() {
				lower = "a reduction"
			}
		}
		for _, c := range s.Calls {
			if p.Model.Funcs[c.Name] != nil {
				why := lower
				if c.Negated {
					why = "a negation"
				}
				graph[fn.Name] = append(graph[fn.Name], edge{c.Name, why, c})
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
			if e.why != "" && reaches(e.to, name) {
				p.Report(within(p.Model.Funcs[name], e.call), "function %s is recursive through %s (it calls %s, which leads back to it)", name, e.why, e.to)
				break
			}
		}
	}
}
