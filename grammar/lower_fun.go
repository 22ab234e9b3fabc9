package grammar

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/tqlmig/tqlmig/diag"
)

// funEnd returns the index just after the function that starts at token s
// ("fun"): after the ";" that ends its return statement or, without one,
// where the function stops: before the next query, the next function or
// a statement after an unclosed "{", or at the end of input. A "match" or "insert" is a stage of the body
// (typeql.pest query_stage), not a new query. This only cuts the function
// out of its query; funParser parses it.
func (p *parser) funEnd(s int) int {
	depth, sawReturn := 0, false
	j := s
	for ; p.toks[j].Type != lexer.EOF; j++ {
		t := p.toks[j]
		if j > s && depth == 0 && t.Value != "match" && t.Value != "insert" && p.atQueryStart(j) {
			break
		}
		if j > s && !sawReturn && p.looksLikeFunStart(j) {
			break // the function has no return: end it before the next one
		}
		if depth > 0 && p.looksLikeStatementStart(j) {
			break // a "{" or "(" was never closed: end the broken function here
		}
		switch {
		case t.Type == tokPunct && (t.Value == "{" || t.Value == "(" || t.Value == "["):
			depth++
		case t.Type == tokPunct && (t.Value == "}" || t.Value == ")" || t.Value == "]"):
			depth = max(depth-1, 0) // a stray closer is the parser's to report
		case t.Type == tokIdent && t.Value == "return" && depth == 0:
			sawReturn = true
		case t.Type == tokPunct && t.Value == ";" && depth == 0 && sawReturn:
			return j + 1
		}
	}
	return j
}

// looksLikeFunStart reports whether token j opens a function definition
// on a line of its own after a ";".
func (p *parser) looksLikeFunStart(j int) bool {
	t, prev, next := p.toks[j], p.toks[j-1], p.toks[j+1]
	return t.Type == tokIdent && t.Value == "fun" && next.Type == tokIdent && isPunctTok(prev, ";") && t.Pos.Line > prev.Pos.Line
}

// funStmt parses the 3.x function that starts at token s ("fun") with
// funParser, appends it to q and returns the index after it.
func (p *parser) funStmt(q *DefineQuery, s int) int {
	e := p.funEnd(s)
	funTokens(p.toks[s:e])
	if p.spans != nil {
		// startAhead's listing pass: a function is no statement for the
		// workers, and parsing it here would parse it twice. funTokens
		// has run, so the real pass's rewrite of these tokens changes
		// nothing that a worker reads meanwhile.
		return e
	}
	if p.tooManyErrors(p.toks[s]) || p.checkStatement(s, e, -1) {
		p.badStmt(q, s, e)
		return e
	}
	pl, err := lexer.Upgrade(&sliceLexer{toks: p.joinTimeZones(p.toks[s:e]), eof: p.toks[e].Pos})
	var tree *pFunDef
	if err == nil {
		tree, err = funParser.ParseFromLexer(pl)
	}
	var f *FunStmt
	if err == nil {
		f, err = p.lowerFun(tree, s, e)
	}
	if err != nil {
		p.funSyntax(err, s, e)
		p.badStmt(q, s, e)
		return e
	}
	p.fromParticiple++
	p.opaque = append(p.opaque, [2]int{f.Start.Offset, f.Stop.Offset})
	p.feature("fun", f.Start)
	q.Stmts = append(q.Stmts, f)
	return e
}

// funSyntax reports a syntax error in the function of tokens [s, e).
func (p *parser) funSyntax(err error, s, e int) {
	var le *lowerError
	if errors.As(err, &le) {
		p.diags.Add(&diag.Diagnostic{Severity: diag.Error, Code: "syntax",
			Range: &diag.Range{File: p.file, Start: le.at, End: le.end}, Message: le.msg})
		return
	}
	var perr participle.Error
	if !errors.As(err, &perr) {
		p.errorAt(p.toks[s], "%v", err)
		return
	}
	k := p.tokenAt(perr.Position().Offset, s, e)
	t := p.toks[k]
	msg := "unexpected " + describe(t) + " in function " + describe(p.toks[s+1])
	switch exp := funExpected(perr.Message()); {
	case t.Type == tokVar && !isVar3(&t):
		msg += `: TypeQL 3 variables are "$name"`
	case exp != "":
		msg += ", expected " + exp
	}
	p.errorAt(t, "%s", msg)
}

// funWords names the productions of the function grammar in an error.
var funWords = map[string]string{
	"PNamedType":  "a type",
	"var3Tok":     `a variable ("$x")`,
	"typeRef3":    "a type or a variable",
	"PFunStage":   "a stage (match …)",
	"PFunPattern": "a pattern",
	"PFunValue":   "a value",
	"PFunExpr":    "an expression",
	"PFunReducer": "a reduction",
}

// funExpected words the first thing a participle message says the
// function grammar expected: a token, or a production named in funWords.
func funExpected(m string) string {
	if strings.Contains(m, `"first" | "last"`) {
		return `"{ $x, … }", "first", "last", "check" or a reduction after "return"`
	}
	i := strings.LastIndex(m, "(expected ")
	if i < 0 {
		return ""
	}
	first, _, _ := strings.Cut(strings.TrimLeft(m[i+len("(expected "):], "("), " ")
	first = strings.TrimRight(first, ")*+?")
	if len(first) >= 2 && first[0] == '"' && first[len(first)-1] == '"' {
		return first
	}
	return funWords[first]
}

// Tokens the shared lexer reads differently from typeql.pest, turned into
// what the function grammar expects.
var (
	// decimal_literal "1.5dec" and double_literal with an exponent
	// "1.5e10", "1.5e-10": the shared lexer refuses a number glued to
	// letters (no 1.x or 2.x literal has one).
	number3RE = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?dec$|^[0-9]+\.[0-9]+[eE]-?[0-9]+$`)
	// datetime_tz_literal with a "Z" offset: "2024-01-31T10:00:00Z".
	dateZRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?Z$`)
)

// funTokens turns, in place, the 3.x number and date literals that the
// shared lexer refuses into literals.
func funTokens(out []tok) {
	for i, t := range out {
		if t.Type != tokError {
			continue
		}
		switch {
		case number3RE.MatchString(t.Value):
			out[i].Type = tokNumber
		case dateZRE.MatchString(t.Value):
			out[i].Type = tokDate
		}
	}
}

// joinTimeZones returns toks with the time zone of each datetime_tz
// literal joined to its datetime (typeql.pest iso8601_timezone_offset
// "+01", "-0130", "+01:00", or a space and iana_timezone "Europe/London"),
// which the shared lexer reads as several tokens. It returns toks itself
// when there is none.
func (p *parser) joinTimeZones(toks []tok) []tok {
	var out []tok
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		n := 0
		if t.Type == tokDate && strings.IndexByte(t.Value, 'T') > 0 {
			n = p.timeZoneLen(toks[i+1:], t.Pos.Offset+len(t.Value))
		}
		if n == 0 {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]tok, 0, len(toks)), toks[:i]...)
		}
		last := toks[i+n]
		t.Value = p.src[t.Pos.Offset : last.Pos.Offset+len(last.Value)]
		out = append(out, t)
		i += n
	}
	if out == nil {
		return toks
	}
	return out
}

// timeZoneLen returns how many of toks, the tokens after a datetime that
// ends at byte offset end, spell its time zone, or 0.
func (p *parser) timeZoneLen(toks []tok, end int) int {
	// adjacent reports whether toks[0:k] follow one another with no space,
	// the first at byte offset at.
	adjacent := func(k, at int) bool {
		for _, t := range toks[:k] {
			if t.Pos.Offset != at {
				return false
			}
			at += len(t.Value)
		}
		return true
	}
	digits := func(t tok, n int) bool { return t.Type == tokNumber && len(t.Value) == n && isDigit(t.Value[0]) }
	switch {
	case len(toks) >= 2 && (isPunctTok(toks[0], "+") || isPunctTok(toks[0], "-")) && adjacent(2, end):
		if len(toks) >= 4 && digits(toks[1], 2) && isPunctTok(toks[2], ":") && digits(toks[3], 2) && adjacent(4, end) {
			return 4 // +01:00
		}
		if digits(toks[1], 2) || digits(toks[1], 4) {
			return 2 // +01, +0100
		}
	case len(toks) >= 1 && toks[0].Type == tokIdent && toks[0].Pos.Offset == end+1 && p.src[end] == ' ' &&
		toks[0].Value[0] >= 'A' && toks[0].Value[0] <= 'Z':
		k := 1 // Europe, Europe/London, America/Argentina/Buenos_Aires
		for r := 0; r < 2 && k+1 < len(toks) && isPunctTok(toks[k], "/") && toks[k+1].Type == tokIdent && adjacent(k+2, toks[0].Pos.Offset); r++ {
			k += 2
		}
		return k
	}
	return 0
}

// lowerFun builds the FunStmt of tree, the function of tokens [s, e).
func (p *parser) lowerFun(t *pFunDef, s, e int) (*FunStmt, error) {
	if t.Gt.Pos.Offset != t.Arrow.Pos.Offset+1 {
		return nil, &lowerError{at: toPos(t.Arrow.Pos), end: tokEnd(t.Gt), msg: `expected "->" after the arguments`}
	}
	if len(t.Stages) == 0 {
		at := p.toks[p.tokenAt(t.Colon.Pos.Offset, s, e)+1]
		return nil, &lowerError{at: toPos(at.Pos), end: tokEnd(at), msg: "expected a stage (match …) before the return statement"}
	}
	if t.Return == nil {
		return nil, &lowerError{at: toPos(p.toks[e].Pos), end: toPos(p.toks[e].Pos), msg: fmt.Sprintf("function %q has no return statement", t.Name.Value)}
	}
	if err := p.checkFunTree(t); err != nil {
		return nil, err
	}
	from, to := toPos(p.toks[s].Pos), tokEnd(p.toks[e-1])
	f := &FunStmt{Name: t.Name.Value, Text: p.src[from.Offset:to.Offset], Start: from, Stop: to,
		Sig: &FunSig{NamePos: toPos(t.Name.Pos), Stream: t.Output.Stream != nil}}
	for _, a := range t.Args {
		f.Sig.Args = append(f.Sig.Args, &FunArg{Var: var3(a.Var.Token), Type: funType(a.Type)})
	}
	out := t.Output.Single
	if f.Sig.Stream {
		out = t.Output.Types
	}
	for _, o := range out {
		f.Sig.Output = append(f.Sig.Output, funType(o))
	}
	for _, st := range t.Stages {
		f.Stages = append(f.Stages, p.lowerStage(f, st))
	}
	f.Return = lowerReturn(t.Return)
	return f, nil
}

func var3(t lexer.Token) *Var { return &Var{NamePos: toPos(t.Pos), Name: t.Value[1:]} }

func funType(t *pNamedType) *FunType {
	return &FunType{Name: t.Name.Value, NamePos: toPos(t.Name.Pos), Optional: t.Optional != nil, List: t.List != nil}
}

func (p *parser) lowerStage(f *FunStmt, st *pFunStage) *FunStage {
	switch {
	case st.Kw != nil:
		s := &FunStage{Keyword: st.Kw.Value, KeywordPos: toPos(st.Kw.Pos)}
		s.Patterns = p.lowerPatterns(f, st.Patterns, false)
		return s
	case st.Delete != nil:
		s := &FunStage{Keyword: "delete", KeywordPos: toPos(st.Delete.Kw.Pos)}
		s.Vars, _ = varsAndCalls(st.Delete)
		return s
	}
	op := st.Op
	kw := op.Kw
	for _, k := range []*tok{op.Sort, op.Skip, op.Uniq, op.Reduce} {
		if k != nil {
			kw = *k
		}
	}
	s := &FunStage{Keyword: kw.Value, KeywordPos: toPos(kw.Pos)}
	s.Vars, _ = varsAndCalls(op)
	return s
}

// lowerPatterns lowers the patterns of a stage or block; negated says
// whether they stand inside a "not { … }".
func (p *parser) lowerPatterns(f *FunStmt, ps []*pFunPattern, negated bool) []*FunPattern {
	out := make([]*FunPattern, 0, len(ps))
	for _, pt := range ps {
		var fp *FunPattern
		switch {
		case pt.Not != nil:
			kind, neg := FunNegation, true
			if pt.Not.Value == "try" {
				kind, neg = FunTry, negated
			}
			fp = &FunPattern{Kind: kind, Start: toPos(pt.Not.Pos), Stop: tokEnd(pt.Body.Rbrace),
				Blocks: [][]*FunPattern{p.lowerPatterns(f, pt.Body.Patterns, neg)}}
		case pt.Blocks != nil:
			fp = &FunPattern{Kind: FunConjunction, Start: toPos(pt.Blocks.Lbrace.Pos), Stop: tokEnd(pt.Blocks.Rbrace),
				Blocks: [][]*FunPattern{p.lowerPatterns(f, pt.Blocks.Patterns, negated)}}
			for _, b := range pt.Ors {
				fp.Kind = FunDisjunction
				fp.Stop = tokEnd(b.Rbrace)
				fp.Blocks = append(fp.Blocks, p.lowerPatterns(f, b.Patterns, negated))
			}
		default:
			vars, calls := varsAndCalls(pt.Stmt)
			fp = &FunPattern{Kind: FunStatement, Vars: vars}
			fp.Start, fp.Stop = toPos(pt.Stmt.Pos), p.endBefore(pt.Stmt.EndPos)
			for _, c := range calls {
				call := &FunCall{Name: c.Value, NamePos: toPos(c.Pos), Negated: negated}
				fp.Calls = append(fp.Calls, call)
				f.Calls = append(f.Calls, call)
			}
		}
		out = append(out, fp)
	}
	return out
}

func lowerReturn(r *pFunReturn) *FunReturn {
	out := &FunReturn{ReturnPos: toPos(r.Return.Pos), Semi: toPos(r.Semi.Pos)}
	switch {
	case r.Stream != nil:
		out.Form = "stream"
		for _, v := range r.Vars {
			out.Vars = append(out.Vars, var3(v.Token))
		}
	case r.Selector != nil:
		out.Form = r.Selector.Value
		for _, v := range r.Single {
			out.Vars = append(out.Vars, var3(v.Token))
		}
	case r.Check != nil:
		out.Form = "check"
	default:
		out.Form = "reduce"
		for _, rd := range r.Reducers {
			out.Reducers = append(out.Reducers, lowerReducer(rd))
		}
	}
	return out
}

func lowerReducer(rd *pFunReducer) *FunReducer {
	name, arg := rd.Name, rd.Arg
	if rd.Stat != nil {
		name, arg = *rd.Stat, rd.Of
	}
	out := &FunReducer{Name: name.Value, NamePos: toPos(name.Pos)}
	if arg != nil {
		out.Var = var3(arg.Token)
	}
	return out
}

var (
	tokType      = reflect.TypeFor[lexer.Token]()
	var3Type     = reflect.TypeFor[var3Tok]()
	typeRef3Type = reflect.TypeFor[typeRef3]()
	relRef3Type  = reflect.TypeFor[relTypeRef3]()
	callType     = reflect.TypeFor[pFunCall]()
)

// varsAndCalls returns the variables (in a variable or type reference
// position) and the names of the function calls (expression_function) of
// a parse-tree node, in source order. It walks the tree by reflection: a
// statement has a dozen shapes, and what is a variable or a call is
// decided by the token's production type, which is all this reads.
func varsAndCalls(node any) (vars []*Var, calls []tok) {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			switch v.Type() {
			case var3Type, typeRef3Type, relRef3Type:
				if t := v.Field(0).Interface().(lexer.Token); isVar3(&t) {
					vars = append(vars, var3(t))
				}
				return
			case callType:
				calls = append(calls, v.Field(0).Interface().(lexer.Token))
			case tokType:
				return
			}
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(node))
	sort.SliceStable(vars, func(i, j int) bool { return vars[i].NamePos.Offset < vars[j].NamePos.Offset })
	sort.SliceStable(calls, func(i, j int) bool { return calls[i].Pos.Offset < calls[j].Pos.Offset })
	return vars, calls
}

// endBefore returns the end of the last token before the token at end,
// the EndPos participle gives a node (the next token's start).
func (p *parser) endBefore(end lexer.Position) Pos {
	k := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].Pos.Offset >= end.Offset })
	if k == 0 {
		return toPos(end)
	}
	return tokEnd(p.toks[k-1])
}

// checkFunTree applies the parts of typeql.pest that the grammar leaves
// to lowering: a list range "$l[a..b]" is a whole expression
// (expression_list_subrange), never part of a value; "let … in" takes a
// function call or a list (statement_in); "has T[]" takes a comparison, a
// list or a variable (has_constraint); offset and limit take an
// integer_literal; an annotation is one of the 3.x
// annotations with its arguments (annotation, as annotArgs words them).
func (p *parser) checkFunTree(t *pFunDef) error {
	allowed := map[*pFunBase]bool{}
	// whole returns the one base of e's value, or nil.
	whole := func(e *pFunExpr) *pFunBase {
		if e == nil || e.Value == nil || len(e.Value.Rest) > 0 {
			return nil
		}
		return e.Value.First
	}
	var bad error
	fail := func(at tok, msg string) {
		if bad == nil {
			bad = &lowerError{at: toPos(at.Pos), end: tokEnd(at), msg: msg}
		}
	}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			switch n := v.Interface().(type) {
			case *pFunExpr:
				if b := whole(n); b != nil && b.Dots != nil {
					allowed[b] = true
				}
			case *pFunBase:
				if n.Dots != nil && !allowed[n] {
					fail(*n.Dots, `a list range "$l[from..to]" is a whole expression, not part of one`)
				}
			case *pFunLet:
				if n.In != nil && n.InExpr.New == nil {
					if b := whole(n.InExpr); b == nil || (b.Call == nil && b.Dots == nil) {
						fail(*n.In, `"let … in" takes a function call or a list`)
					}
				}
			case *pFunOperator:
				if n.Count != nil && strings.Trim(n.Count.Value, "0123456789") != "" {
					fail(*n.Count, n.Skip.Value+" takes an integer")
				}
			case *pFunAssignVar:
				if n.Optional != nil && n.Optional.Pos.Offset != n.Var.Pos.Offset+len(n.Var.Value) {
					fail(*n.Optional, `an optional variable is written "$x?", with no space`)
				}
			case *pFunReduce:
				if n.Optional != nil && n.Optional.Pos.Offset != n.Var.Pos.Offset+len(n.Var.Value) {
					fail(*n.Optional, `an optional variable is written "$x?", with no space`)
				}
			case *pFunAnnot:
				name := n.At.Value[1:]
				want, ok := annotArgs[name]
				switch {
				case !ok:
					fail(n.At, "unknown annotation "+quote(n.At.Value))
				case want.ok == nil && n.Lparen != nil, want.ok != nil && (n.Lparen == nil || !want.ok(p.tokensBetween(n.Lparen.Pos.Offset, n.Rparen.Pos.Offset))):
					fail(n.At, "invalid arguments for "+quote(n.At.Value)+": "+want.desc)
				}
			case *pFunHas:
				if n.LExpr != nil && n.LExpr.New == nil {
					if b := whole(n.LExpr); b == nil || b.Var == nil || (b.Index != nil && b.Dots == nil) {
						fail(*n.List, `"has T[]" takes a list, a variable or a comparison`)
					}
				}
			}
			walk(v.Elem())
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			if v.Type() == tokType {
				return
			}
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(t))
	return bad
}
