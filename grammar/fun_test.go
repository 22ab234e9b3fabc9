package grammar

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFun runs the txtar goldens in testdata/fun: each archive holds one
// .tql input whose functions parse, and "tree", the parsed signature,
// stages, patterns, return and calls of each function (dumpFun). -update
// rewrites the trees.
func TestFun(t *testing.T) {
	runGoldens(t, "fun", "tree", func(t *testing.T, name string, src []byte) string {
		f, diags := Parse(name, src)
		if diags.HasErrors() {
			t.Fatalf("%v", diags.Err())
		}
		for _, e := range append(checkTree(string(src), f), checkFuns(string(src), f)...) {
			t.Error(e)
		}
		var b strings.Builder
		for _, fn := range funStmts(f) {
			dumpFun(&b, fn)
		}
		return b.String()
	})
}

// TestFunPositions checks the positions of the parsed parts of every
// function of the corpus and of the 3.x behaviour suite (checkFuns).
func TestFunPositions(t *testing.T) {
	n := 0
	check := func(name, src string) {
		f, _ := Parse(name, []byte(src))
		for _, e := range checkFuns(src, f) {
			t.Errorf("%s: %s", name, e)
		}
		n += len(funStmts(f))
	}
	for _, name := range allCorpusFiles(t) {
		if b, err := os.ReadFile(name); err == nil {
			check(name, string(b))
		}
	}
	files, _ := filepath.Glob(filepath.Join(sharedDir, "corpus", "behaviour-3x", "*.feature"))
	for _, path := range files {
		for _, d := range readDocstrings(t, path) {
			check(fmt.Sprintf("%s:%d", d.file, d.line), d.text)
		}
	}
	if _, err := os.Stat(sharedDir); err == nil && n < 20 {
		t.Errorf("only %d functions in the corpus", n)
	}
	t.Logf("%d functions checked", n)
}

func funStmts(f *File) []*FunStmt {
	var out []*FunStmt
	for _, q := range f.Queries {
		if d, ok := q.(*DefineQuery); ok {
			for _, s := range d.Stmts {
				if fn, ok := s.(*FunStmt); ok {
					out = append(out, fn)
				}
			}
		}
	}
	return out
}

// checkFuns checks that every parsed part of every function of f lies
// inside the function, at a consistent position, where the source
// spells it.
func checkFuns(src string, f *File) []string {
	li := newLineIndex(src)
	var errs []string
	for _, fn := range funStmts(f) {
		at := func(what string, p Pos, want string) {
			switch {
			case p.Offset < fn.Start.Offset || p.Offset >= fn.Stop.Offset:
				errs = append(errs, fmt.Sprintf("function %s: %s at %v outside %v..%v", fn.Name, what, p, fn.Start, fn.Stop))
			case li.pos(p.Offset) != p:
				errs = append(errs, fmt.Sprintf("function %s: %s at %+v, want %+v", fn.Name, what, p, li.pos(p.Offset)))
			case !strings.HasPrefix(src[p.Offset:], want):
				errs = append(errs, fmt.Sprintf("function %s: %s: source at %v is %.20q, want %q", fn.Name, what, p, src[p.Offset:], want))
			}
		}
		if fn.Sig == nil {
			errs = append(errs, fmt.Sprintf("function %s at %v was not parsed", fn.Name, fn.Start))
			continue
		}
		at("name", fn.Sig.NamePos, fn.Name)
		for _, a := range fn.Sig.Args {
			at("argument", a.Var.Pos(), a.Var.String())
			at("argument type", a.Type.Pos(), a.Type.Name)
		}
		for _, o := range fn.Sig.Output {
			at("output type", o.Pos(), o.Name)
		}
		var pats func([]*FunPattern)
		pats = func(ps []*FunPattern) {
			for _, p := range ps {
				if p.Stop.Offset <= p.Start.Offset || p.Stop.Offset > fn.Stop.Offset || li.pos(p.Stop.Offset) != p.Stop {
					errs = append(errs, fmt.Sprintf("function %s: pattern %v..%v", fn.Name, p.Start, p.Stop))
				}
				at("pattern", p.Start, src[p.Start.Offset:p.Start.Offset+1])
				for _, b := range p.Blocks {
					pats(b)
				}
			}
		}
		for _, st := range fn.Stages {
			at("stage", st.KeywordPos, st.Keyword)
			pats(st.Patterns)
		}
		fn.EachVar(func(v *Var) { at("variable", v.Pos(), v.String()) })
		for _, c := range fn.Calls {
			at("call", c.NamePos, c.Name+"")
		}
		at("return", fn.Return.ReturnPos, "return")
		at("return ;", fn.Return.Semi, ";")
		for _, r := range fn.Return.Reducers {
			at("reducer", r.NamePos, r.Name)
		}
	}
	return errs
}

var funPatternKinds = [...]string{"statement", "conjunction", "disjunction", "negation", "try"}

// dumpFun writes what the parser read of fn, one fact a line.
func dumpFun(b *strings.Builder, fn *FunStmt) {
	types := func(ts []*FunType) string {
		var out []string
		for _, t := range ts {
			s := t.Name
			if t.Optional {
				s += "?"
			}
			if t.List {
				s += "[]"
			}
			out = append(out, s)
		}
		return strings.Join(out, ", ")
	}
	vars := func(vs []*Var) string {
		var out []string
		for _, v := range vs {
			out = append(out, v.String())
		}
		return strings.Join(out, " ")
	}
	fmt.Fprintf(b, "fun %s %d:%d\n", fn.Name, fn.Sig.NamePos.Line, fn.Sig.NamePos.Col)
	for _, a := range fn.Sig.Args {
		fmt.Fprintf(b, "  arg %s: %s\n", a.Var, types([]*FunType{a.Type}))
	}
	out := "single"
	if fn.Sig.Stream {
		out = "stream"
	}
	fmt.Fprintf(b, "  output %s %s\n", out, types(fn.Sig.Output))
	var pats func([]*FunPattern, string)
	pats = func(ps []*FunPattern, indent string) {
		for _, p := range ps {
			fmt.Fprintf(b, "%s%s %d:%d-%d:%d", indent, funPatternKinds[p.Kind], p.Start.Line, p.Start.Col, p.Stop.Line, p.Stop.Col)
			if len(p.Vars) > 0 {
				fmt.Fprintf(b, " vars %s", vars(p.Vars))
			}
			for _, c := range p.Calls {
				fmt.Fprintf(b, " call %s", c.Name)
			}
			b.WriteString("\n")
			for i, bl := range p.Blocks {
				if p.Kind != FunDisjunction {
					pats(bl, indent+"  ")
					continue
				}
				fmt.Fprintf(b, "%s  branch %d\n", indent, i+1)
				pats(bl, indent+"    ")
			}
		}
	}
	for _, st := range fn.Stages {
		fmt.Fprintf(b, "  stage %s %d:%d", st.Keyword, st.KeywordPos.Line, st.KeywordPos.Col)
		if len(st.Vars) > 0 {
			fmt.Fprintf(b, " vars %s", vars(st.Vars))
		}
		b.WriteString("\n")
		pats(st.Patterns, "    ")
	}
	r := fn.Return
	fmt.Fprintf(b, "  return %s %d:%d values %d", r.Form, r.ReturnPos.Line, r.ReturnPos.Col, r.Values())
	if len(r.Vars) > 0 {
		fmt.Fprintf(b, " vars %s", vars(r.Vars))
	}
	for _, rd := range r.Reducers {
		fmt.Fprintf(b, " %s", rd.Name)
		if rd.Var != nil {
			fmt.Fprintf(b, "(%s)", rd.Var)
		}
	}
	b.WriteString("\n")
	for _, c := range fn.Calls {
		neg := ""
		if c.Negated {
			neg = " negated"
		}
		fmt.Fprintf(b, "  call %s %d:%d%s\n", c.Name, c.NamePos.Line, c.NamePos.Col, neg)
	}
}

// TestFunHostile parses functions built to make a backtracking parser
// slow: funParser backs out of alternatives as typeql.pest's PEG does, so
// an alternative that re-parsed nested input would take exponential time.
// Each must end within a loose 2 s of CPU.
func TestFunHostile(t *testing.T) {
	const n = 999 // just under MaxNesting
	fun := func(body string) string {
		return "define\nfun f($l: integer[]) -> { integer }:\n  match " + body + "\n  return { $x };\n"
	}
	for _, tc := range []struct {
		name, src string
		want      string // start of the first diagnostic, "" for none
	}{
		{"nested calls and indexes", fun("let $x = " + strings.Repeat("f($l[", n/2) + "1" + strings.Repeat("])", n/2) + ";"), ""},
		{"nested calls and indexes, broken", fun("let $x = " + strings.Repeat("f($l[", n/2) + "1" + strings.Repeat("])", n/2-1) + "];"),
			`h.tql:3:3511: error[syntax]: unexpected ";" in function "f", expected ")"`},
		{"nested parentheses in a comparison", fun("$x == " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) + ";"), ""},
		{"nested not and or", fun(strings.Repeat("not { { $x isa a; } or { ", n/2) + "$x isa b;" + strings.Repeat(" }; };", n/2)), ""},
		{"nested not, too deep", fun(strings.Repeat("not { ", 100_000) + "$x isa b;" + strings.Repeat(" };", 100_000)),
			"h.tql:3:6013: error[syntax]: nesting deeper than 1000 levels"},
		{"5,000 functions", "define\n" + strings.Repeat("fun f($l: integer) -> { integer }: match let $x = $l + 1; return { $x };\n", 5_000), ""},
		{"20,000 functions without return", "define\n" + strings.Repeat("fun f() -> { integer }: match $x isa a;\n", 20_000),
			`h.tql:3:1: error[syntax]: function "f" has no return statement`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := cpuTime()
			_, diags := Parse("h.tql", []byte(tc.src))
			if el := cpuTime() - start; el > cpuBudget*2*time.Second {
				t.Errorf("took %v of CPU", el)
			}
			wantFirst(t, diags, tc.want)
		})
	}
}

// BenchmarkParseFunctions parses a 1 MB define of corpus-like 3.x
// functions.
func BenchmarkParseFunctions(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("define\n")
	for i := 0; sb.Len() < 1<<20; i++ {
		fmt.Fprintf(&sb, `fun friends_%[1]d($p: person) -> { person }:
  match
    $f isa friendship, links (friend: $p, friend: $q);  # both ways
    not { $q has status "blocked"; };
    let $n = len($q) + 1;
  return { $q };
fun count_%[1]d($p: person) -> integer:
  match $r isa employment (employee: $p);
  return count($r);
`, i)
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Parse("bench.tql", src); diags.HasErrors() {
			b.Fatal(diags.Err())
		}
	}
}

// TestFunBehaviourPreambles parses the functions that the 3.x behaviour
// suite defines in the "with" preamble of read queries
// (typeql.pest query_pipeline_preambled: preamble is "with"
// definition_function): more conformance data for the function grammar.
// Each must parse; what follows them (the pipeline) is not a schema query
// and is left to the caller.
func TestFunBehaviourPreambles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedDir, "corpus", "behaviour-3x", "*.feature"))
	if len(files) == 0 {
		t.Skip("../shared/corpus/behaviour-3x not present")
	}
	n := 0
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		for i := 0; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) != "with" {
				continue
			}
			// The function runs from the next line to the ";" of its
			// return statement, which Parse finds.
			src := "define\n" + strings.Join(lines[i+1:min(len(lines), i+200)], "\n")
			f, diags := Parse(filepath.Base(path), []byte(src))
			d := f.Queries[0].(*DefineQuery)
			if _, ok := d.Stmts[0].(*FunStmt); !ok {
				e := "no function"
				if len(diags) > 0 {
					e = diags[0].Error()
				}
				t.Errorf("%s:%d: %s", filepath.Base(path), i+2, e)
				continue
			}
			for _, e := range checkFuns(src, f) {
				t.Errorf("%s:%d: %s", filepath.Base(path), i+2, e)
			}
			n++
		}
	}
	if n == 0 {
		t.Error("no preamble found")
	}
	t.Logf("%d preamble functions parse", n)
}
