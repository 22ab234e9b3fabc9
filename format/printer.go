package format

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/grammar"
)

// indentStep is the indentation of one nesting level, in spaces.
const indentStep = 4

// printer writes text line by line. Indentation is written lazily, when the
// first character of a line is, so blank lines never carry spaces.
type printer struct {
	cfg      config
	comments bool   // print Trivia (Preserve style)
	fileName string // name of the file being printed, for errors
	buf      bytes.Buffer
	indent   int  // current indentation in spaces
	bol      bool // at the beginning of a line, indentation not yet written
	// onComment records that a "#" comment ends the current line, so that
	// anything written after it must start a new line.
	onComment bool
}

func newPrinter(c config) *printer {
	return &printer{cfg: c, comments: c.style == Preserve, bol: true}
}

// bailout carries a printing error up through the recursive printer.
type bailout struct{ err error }

func (p *printer) catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			err = b.err
		}
	}()
	f()
	return nil
}

func (p *printer) fail(n grammar.Node, format string, args ...any) {
	e := &Error{File: p.fileName, Node: n, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Pos = n.Pos()
	}
	panic(bailout{e})
}

// langName names a target language in messages.
func langName(l int) string {
	switch l {
	case 1:
		return "Graql 1.x"
	case 2:
		return "TypeQL 2.x"
	case 3:
		return "TypeQL 3.x"
	}
	return fmt.Sprintf("language %d", l)
}

// need refuses n unless the target language is one of langs. Lang 0 (keep
// the tree's own language) accepts everything.
func (p *printer) need(n grammar.Node, what string, langs ...int) {
	if p.cfg.lang == 0 {
		return
	}
	for _, l := range langs {
		if l == p.cfg.lang {
			return
		}
	}
	p.fail(n, "%s cannot be printed as %s", what, langName(p.cfg.lang))
}

// str writes s on the current line, after the indentation. Text after a line
// comment goes to a new line, since the comment runs to the end of its line.
func (p *printer) str(s string) {
	if p.onComment {
		p.nl()
	}
	if p.bol {
		for i := 0; i < p.indent; i++ {
			p.buf.WriteByte(' ')
		}
		p.bol = false
	}
	p.buf.WriteString(s)
}

// raw writes verbatim source text, which may span lines.
func (p *printer) raw(s string) {
	p.str(s)
	if strings.HasSuffix(s, "\n") {
		p.bol = true
	}
}

func (p *printer) nl() {
	p.buf.WriteByte('\n')
	p.bol = true
	p.onComment = false
}

// blank ends the current line and makes sure one blank line follows, unless
// nothing has been printed yet.
func (p *printer) blank() {
	if !p.bol {
		p.nl()
	}
	b := p.buf.Bytes()
	if len(b) == 0 || bytes.HasSuffix(b, []byte("\n\n")) {
		return
	}
	p.nl()
}

// tv returns n's trivia, or empty trivia when comments are not printed.
func (p *printer) tv(n grammar.Commented) *grammar.Trivia {
	if !p.comments || n == nil {
		return &grammar.Trivia{}
	}
	return n.Comments()
}

// doc prints a doc comment group on lines of its own above the next node,
// keeping the blank lines between its comments and after it.
func (p *printer) doc(g *grammar.CommentGroup) {
	if !p.comments || g == nil {
		return
	}
	if !p.bol {
		p.nl()
	}
	for i, c := range g.List {
		if i > 0 && c.BlankBefore {
			p.blank()
		}
		p.str(c.Text)
		p.nl()
	}
	if g.BlankAfter {
		p.blank()
	}
}

// line prints a line comment group at the end of the current line. A group
// of several comments (possible when comments inside a node were collected
// into its Line) continues on the following lines.
func (p *printer) line(g *grammar.CommentGroup) {
	if !p.comments || g == nil {
		return
	}
	for _, c := range g.List {
		if !p.onComment && !p.bol {
			p.buf.WriteByte(' ')
		}
		p.str(c.Text)
		p.onComment = true
	}
}

// item prints a statement or a pattern on lines of its own, with the blank
// line before it, its doc comment and its line comment, then the line
// comment after of an enclosing node that ends on the same line.
func (p *printer) item(n grammar.Commented, after *grammar.CommentGroup, print func()) {
	t := p.tv(n)
	if t.BlankBefore {
		p.blank()
	}
	p.doc(t.Doc)
	print()
	p.line(t.Line)
	p.line(after)
	p.nl()
}

// last prints trailing comment groups (File.Last, DefineQuery.Last,
// Block.Last), each on lines of its own; after says whether anything
// precedes them in their container, so a leading blank line is meaningful.
func (p *printer) last(gs []*grammar.CommentGroup, after bool) {
	if !p.comments {
		return
	}
	for i, g := range gs {
		if g.BlankBefore && (after || i > 0) {
			p.blank()
		}
		p.doc(g)
	}
}

func (p *printer) file(f *grammar.File) {
	p.fileName = f.Name
	for _, q := range f.Queries {
		t := p.tv(q)
		if t.BlankBefore {
			p.blank()
		}
		p.doc(t.Doc)
		p.query(q)
	}
	p.last(f.Last, len(f.Queries) > 0)
}

// query prints a query and the newline that ends it.
func (p *printer) query(q grammar.Query) {
	t := p.tv(q)
	switch q := q.(type) {
	case *grammar.DefineQuery:
		if q.Kind == grammar.Redefine {
			p.need(q, "a redefine", 3)
		}
		if len(q.Stmts) == 0 {
			article := "a "
			if q.Kind == grammar.Undefine {
				article = "an "
			}
			p.need(q, article+q.Kind.String()+" with no statement", 3)
		}
		p.str(q.Kind.String())
		// The parser gives a comment after the last statement to the query,
		// which ends there too; an empty query's comment follows its keyword.
		if len(q.Stmts) == 0 {
			p.line(t.Line)
		}
		if len(q.Stmts) > 0 && opensQuery(q.Stmts[0]) && !hasTrivia(q.Stmts[0]) {
			// "define match sub entity;": a statement whose label is a
			// query keyword reads as one only right after "define".
			p.str(" ")
		} else {
			p.nl()
		}
		for i, s := range q.Stmts {
			var after *grammar.CommentGroup
			if i == len(q.Stmts)-1 {
				after = t.Line
			}
			p.item(s, after, func() { p.stmt(s) })
		}
		p.last(q.Last, len(q.Stmts) > 0)
	case *grammar.OtherQuery:
		p.raw(q.Text)
		p.line(t.Line)
		if !p.bol {
			p.nl()
		}
	default:
		p.fail(q, "unknown query type %T", q)
	}
}

// queryKeywords are the words that open a query when they start a line or
// follow a ";".
var queryKeywords = map[string]bool{
	"define": true, "undefine": true, "redefine": true, "insert": true, "match": true, "compute": true,
}

// opensQuery reports whether s starts with a label spelt like a query keyword.
func opensQuery(s grammar.Stmt) bool {
	ts, ok := s.(*grammar.TypeStmt)
	return ok && ts.Kind == "" && !ts.Subject.Var && ts.Subject.Quote == 0 && queryKeywords[ts.Subject.Name]
}

// stmt prints a statement up to its ";".
func (p *printer) stmt(s grammar.Stmt) {
	switch s := s.(type) {
	case *grammar.TypeStmt:
		p.typeStmt(s)
	case *grammar.RuleStmt:
		p.ruleStmt(s)
	case *grammar.FunStmt:
		p.need(s, `a function ("fun")`, 3)
		p.raw(s.Text)
	case *grammar.StructStmt:
		p.need(s, `a struct`, 3)
		p.structStmt(s)
	case *grammar.UndefineStmt:
		p.undefineStmt(s)
	case *grammar.BadStmt:
		p.raw(s.Text)
	default:
		p.fail(s, "unknown statement type %T", s)
	}
}

// structStmt prints a struct as written, comments inside included, or a
// built one from its fields: "struct s: a value T, b value U?;".
func (p *printer) structStmt(s *grammar.StructStmt) {
	if s.Text != "" {
		p.raw(s.Text)
		return
	}
	p.str("struct " + s.Name + ":")
	for i, f := range s.Fields {
		if i > 0 {
			p.str(",")
		}
		p.str(" " + f.Name + " value " + f.Type)
		if f.Optional {
			p.str("?")
		}
	}
	p.str(";")
}

// undefineStmt prints a 3.x undefine form: "owns A from T", "@key from T
// owns A", "as R from T relates R2", "fun f", "struct s".
func (p *printer) undefineStmt(s *grammar.UndefineStmt) {
	p.need(s, `a TypeQL 3 undefine ("… from …", fun or struct)`, 3)
	if s.Keyword != "" {
		p.str(s.Keyword)
		p.str(" ")
		p.typeRef(s.Name)
	}
	if s.Annot != nil {
		p.annotation(s.Annot)
	}
	if s.Cap != nil && s.CapFirst {
		p.prop(s.Cap)
	}
	if s.Type != nil {
		p.str(" from ")
		p.typeRef(s.Type)
	}
	if s.Cap != nil && !s.CapFirst {
		p.str(" ")
		p.prop(s.Cap)
	}
	p.str(";")
}

func (p *printer) typeStmt(s *grammar.TypeStmt) {
	if s.Kind == "" && len(s.Annotations) == 0 && len(s.Props) == 0 {
		p.need(s, `a label with no kind or property`, 3)
	}
	if s.Kind != "" {
		p.need(s, fmt.Sprintf("the kind keyword %q", s.Kind), 3)
		p.str(s.Kind)
		p.str(" ")
	}
	p.typeRef(s.Subject)
	for _, a := range s.Annotations {
		p.need(a, "an annotation after the label", 3)
		p.str(" ")
		p.annotation(a)
	}
	// 3.x: after annotations on the label, a comma must come before the
	// first capability, "sub" included ("entity a @abstract, sub b").
	p.endProps(p.props(s.Props, true, s.Kind != "" || len(s.Annotations) > 0, false, len(s.Annotations) > 0))
}

// endProps writes the ";" after the properties. A line comment of the last
// property stays on that property's line, so the ";" then starts the next
// line: after the ";" the parser would give the comment to the statement.
func (p *printer) endProps(last *grammar.CommentGroup) {
	p.line(last)
	p.str(";")
}

func (p *printer) ruleStmt(s *grammar.RuleStmt) {
	p.need(s, `a 2.x rule ("rule L: when … then …")`, 2)
	p.str("rule ")
	p.typeRef(s.Label)
	if s.When == nil && s.Then == nil {
		p.str(";")
		return
	}
	p.str(": when ")
	p.block(s.When, false)
	p.str(" then ")
	p.block(s.Then, false)
	p.str(";")
}

func isSub(pr grammar.Prop) bool {
	_, ok := pr.(*grammar.SubProp)
	return ok
}

func isRuleBlock(pr grammar.Prop) bool {
	switch pr.(type) {
	case *grammar.WhenProp, *grammar.ThenProp:
		return true
	}
	return false
}

// props prints the properties of a type statement or a pattern statement.
// lead says whether something (the subject) precedes them on the line; kind
// whether the statement opened with a 3.x kind keyword. A type statement with
// two or more properties puts every property after the first on a line of its
// own; a pattern statement does so only when its properties carry comments.
// props returns the line comment of the last property, for endProps.
//
// annotated says the statement has annotations after its label, so even a
// first "sub" takes a comma.
func (p *printer) props(props []grammar.Prop, lead, kind, pattern bool, annotated ...bool) *grammar.CommentGroup {
	if len(props) == 0 {
		return nil
	}
	multi := !pattern && len(props) > 1
	for i, pr := range props {
		t := p.tv(pr)
		if i > 0 && (t.Doc != nil || t.BlankBefore || p.tv(props[i-1]).Line != nil) {
			multi = true
		}
	}
	base := p.indent
	var pending *grammar.CommentGroup
	for i, pr := range props {
		t := p.tv(pr)
		onNewLine := false
		switch {
		case i == 0 && kind && (!isSub(pr) || len(annotated) > 0 && annotated[0]):
			p.str(",")
			onNewLine = multi || t.Doc != nil || t.BlankBefore
		case i == 0:
			onNewLine = t.Doc != nil || t.BlankBefore
		default:
			p.str(",")
			joined := isRuleBlock(props[i-1]) && isRuleBlock(pr) && pending == nil && t.Doc == nil && !t.BlankBefore
			onNewLine = multi && !joined
		}
		if onNewLine {
			p.line(pending)
			p.nl()
			if t.BlankBefore {
				p.blank()
			}
			p.indent = base + indentStep
			p.doc(t.Doc)
		} else if i > 0 || lead {
			p.str(" ")
		}
		p.prop(pr)
		pending = t.Line
	}
	p.indent = base
	return pending
}

func (p *printer) prop(pr grammar.Prop) {
	switch pr := pr.(type) {
	case *grammar.SubProp:
		if pr.Strict {
			p.str("sub! ")
		} else {
			p.str("sub ")
		}
		p.typeRef(pr.Type)
		p.annotations(pr.Annots, `an annotation on "sub"`)
	case *grammar.AbstractProp:
		if pr.Legacy {
			p.need(pr, `"is-abstract" (Grakn 1.0–1.4)`, 1)
			p.str("is-abstract")
			return
		}
		p.need(pr, `"abstract" (3.x writes @abstract)`, 1, 2)
		p.str("abstract")
	case *grammar.HasProp:
		p.need(pr, `1.x "has" (2.x writes owns)`, 1)
		p.str("has ")
		p.typeRef(pr.Attr)
	case *grammar.KeyProp:
		p.need(pr, `1.x "key" (2.x writes owns … @key)`, 1)
		p.str("key ")
		p.typeRef(pr.Attr)
	case *grammar.OwnsProp:
		p.need(pr, `"owns" (1.x writes has or key)`, 2, 3)
		p.str("owns ")
		p.typeRef(pr.Attr)
		if pr.List {
			p.need(pr, `an ordered "owns A[]"`, 3)
			p.str("[]")
		}
		if pr.As != nil {
			p.str(" as ")
			p.typeRef(pr.As)
		}
		p.ownsAnnotations(pr.Annots)
	case *grammar.PlaysProp:
		if pr.Role.Scope != "" || pr.As != nil {
			p.need(pr, `a scoped "plays rel:role"`, 2, 3)
		} else if !pr.Role.Var {
			p.need(pr, `an unscoped "plays role" (2.x writes plays rel:role)`, 1)
		}
		p.str("plays ")
		p.typeRef(pr.Role)
		if pr.As != nil {
			p.str(" as ")
			p.typeRef(pr.As)
		}
		p.annotations(pr.Annots, `an annotation on "plays"`)
	case *grammar.RelatesProp:
		p.str("relates ")
		p.typeRef(pr.Role)
		if pr.List {
			p.need(pr, `an ordered "relates R[]"`, 3)
			p.str("[]")
		}
		if pr.As != nil {
			p.str(" as ")
			p.typeRef(pr.As)
			if pr.List {
				p.str("[]")
			}
		}
		p.annotations(pr.Annots, `an annotation on "relates"`)
	case *grammar.ValueTypeProp:
		if pr.Legacy {
			p.need(pr, `"datatype" (Grakn 1.0–1.7)`, 1)
			p.str("datatype ")
		} else {
			p.str("value ")
		}
		p.valueType(pr)
		p.str(pr.Type)
		p.annotations(pr.Annots, `an annotation on "value"`)
	case *grammar.RegexProp:
		p.need(pr, `"regex" (3.x writes @regex(…))`, 1, 2)
		p.str("regex ")
		p.expr(pr.Pattern)
	case *grammar.WhenProp:
		p.need(pr, `a 1.x rule body ("X sub rule, when {…}")`, 1)
		p.str("when ")
		p.block(pr.Body, false)
	case *grammar.ThenProp:
		p.need(pr, `a 1.x rule head ("X sub rule, then {…}")`, 1)
		p.str("then ")
		p.block(pr.Body, false)
	case *grammar.TypeProp:
		if pr.Legacy {
			p.need(pr, `"label" (Grakn 1.0–1.4)`, 1)
			p.str("label ")
		} else {
			p.str("type ")
		}
		p.typeRef(pr.Label)
	case *grammar.IsaProp:
		if pr.Strict {
			p.str("isa! ")
		} else {
			p.str("isa ")
		}
		p.typeRef(pr.Type)
	case *grammar.HasValueProp:
		p.str("has")
		if pr.Attr != nil {
			p.str(" ")
			p.typeRef(pr.Attr)
		} else {
			p.need(pr, `"has $v" without an attribute type`, 2, 3)
		}
		if pr.Var != nil {
			p.str(" ")
			p.variable(pr.Var)
		}
		if pr.Pred != nil {
			p.str(" ")
			p.predicate(pr.Pred)
		}
		if pr.Via != nil {
			p.need(pr, `"via" (Grakn 1.0–1.7)`, 1)
			p.str(" via ")
			p.variable(pr.Via)
		}
	case *grammar.IDProp:
		if pr.IID {
			p.need(pr, `"iid"`, 2, 3)
			p.str("iid ")
		} else {
			p.need(pr, `1.x "id" (2.x writes iid)`, 1)
			p.str("id ")
		}
		p.str(pr.Value)
	case *grammar.IsProp:
		p.need(pr, `"is"`, 2, 3)
		p.str("is ")
		p.variable(pr.Var)
	case *grammar.LinksProp:
		p.need(pr, `"links"`, 3)
		p.str("links ")
		p.tuple(pr.Tuple)
	case *grammar.AnnotationProp:
		p.need(pr, "an annotation standing as a capability", 3)
		p.annotation(pr.Annot)
	case *grammar.AliasProp:
		p.need(pr, `"alias"`, 3)
		p.str("alias ")
		p.typeRef(pr.Label)
	default:
		p.fail(pr, "unknown property type %T", pr)
	}
}

// Value types each language can write.
var valueTypes = [4]map[string]bool{
	1: {"long": true, "double": true, "string": true, "boolean": true, "date": true, "datetime": true},
	2: {"long": true, "double": true, "string": true, "boolean": true, "datetime": true},
}

func (p *printer) valueType(pr *grammar.ValueTypeProp) {
	switch p.cfg.lang {
	case 1, 2:
		if !valueTypes[p.cfg.lang][pr.Type] {
			p.fail(pr, "value type %q cannot be printed as %s", pr.Type, langName(p.cfg.lang))
		}
	case 3:
		if pr.Type == "long" {
			p.fail(pr, `value type "long" cannot be printed as TypeQL 3.x (3.x writes integer)`)
		}
	}
}

func (p *printer) annotations(as []*grammar.Annotation, what string) {
	for _, a := range as {
		p.need(a, what, 3)
		p.str(" ")
		p.annotation(a)
	}
}

// ownsAnnotations allows 2.x's "@key" and "@unique" on owns.
func (p *printer) ownsAnnotations(as []*grammar.Annotation) {
	for _, a := range as {
		if !((a.Name == "key" || a.Name == "unique") && !a.HasParens) {
			p.need(a, fmt.Sprintf(`the annotation "@%s"`, a.Name), 3)
		}
		p.str(" ")
		p.annotation(a)
	}
}

func (p *printer) annotation(a *grammar.Annotation) {
	p.str("@")
	p.str(a.Name)
	if a.HasParens {
		p.str("(")
		p.str(a.Args)
		p.str(")")
	}
}

func (p *printer) typeRef(r *grammar.TypeRef) {
	if r == nil {
		p.fail(nil, "missing type label")
	}
	switch {
	case r.Var:
	case r.Quote != 0:
		p.need(r, "a quoted label (Grakn 1.0–1.5.1)", 1)
	case strings.HasPrefix(r.Name, "@"):
		p.need(r, fmt.Sprintf("the implicit type label %q (Grakn 1.0–1.7)", r.Name), 1)
	case r.Scope != "":
		p.need(r, fmt.Sprintf("the scoped label %q", r.String()), 2, 3)
	}
	p.str(r.String())
}

func (p *printer) variable(v *grammar.Var) {
	switch {
	case v.Value:
		p.need(v, fmt.Sprintf("the value variable %q (TypeQL 2.18+)", v.String()), 2)
	case v.Name == "":
		p.need(v, `a bare "$" variable`, 1)
	}
	p.str(v.String())
}

// block prints "{ … }". With inline set, a block holding one statement
// without comments goes on one line.
func (p *printer) block(b *grammar.Block, inline bool) {
	if b == nil {
		p.fail(nil, "missing block")
	}
	if inline && p.inlinable(b) {
		p.str("{ ")
		p.pattern(b.Patterns[0])
		p.str(" }")
		return
	}
	p.str("{")
	p.nl()
	base := p.indent
	p.indent = base + indentStep
	for _, pt := range b.Patterns {
		p.item(pt, nil, func() { p.pattern(pt) })
	}
	p.last(b.Last, len(b.Patterns) > 0)
	p.indent = base
	p.str("}")
}

// inlinable reports whether b can be printed on one line.
func (p *printer) inlinable(b *grammar.Block) bool {
	if len(b.Patterns) != 1 || (p.comments && len(b.Last) > 0) {
		return false
	}
	s, ok := b.Patterns[0].(*grammar.PatternStmt)
	if !ok {
		return false
	}
	if !p.comments {
		return true
	}
	if hasTrivia(s) {
		return false
	}
	for _, pr := range s.Props {
		if hasTrivia(pr) {
			return false
		}
	}
	return true
}

func hasTrivia(n grammar.Commented) bool {
	t := n.Comments()
	return t.Doc != nil || t.Line != nil || t.BlankBefore
}

// pattern prints a pattern up to its ";".
func (p *printer) pattern(pt grammar.Pattern) {
	switch pt := pt.(type) {
	case *grammar.PatternStmt:
		p.statement(pt)
	case *grammar.Conjunction:
		p.block(pt.Body, true)
		p.str(";")
	case *grammar.Disjunction:
		inline := true
		for _, alt := range pt.Alts {
			inline = inline && p.inlinable(alt)
		}
		for i, alt := range pt.Alts {
			if i > 0 {
				p.str(" or ")
			}
			p.block(alt, inline)
		}
		p.str(";")
	case *grammar.Negation:
		p.str("not ")
		p.block(pt.Body, true)
		p.str(";")
	default:
		p.fail(pt, "unknown pattern type %T", pt)
	}
}

func (p *printer) statement(s *grammar.PatternStmt) {
	lead := false
	sep := func() {
		if lead {
			p.str(" ")
		}
		lead = true
	}
	if s.Var != nil {
		sep()
		p.variable(s.Var)
	}
	if s.Type != nil {
		p.need(s.Type, `a relation type before its tuple ("marriage (…)")`, 3)
		sep()
		p.typeRef(s.Type)
	}
	if s.Tuple != nil {
		sep()
		p.tuple(s.Tuple)
	}
	if s.Value != nil {
		sep()
		p.predicate(s.Value)
	}
	p.endProps(p.props(s.Props, lead, false, true))
}

func (p *printer) tuple(t *grammar.RelTuple) {
	p.str("(")
	for i, rp := range t.Players {
		if i > 0 {
			p.str(", ")
		}
		if rp.Role != nil {
			p.typeRef(rp.Role)
			p.str(": ")
		}
		p.variable(rp.Player)
	}
	p.str(")")
}

func (p *printer) predicate(pr *grammar.Predicate) {
	if pr.Val.IsValid() {
		p.need(pr, `the ≤1.2 "val"`, 1)
		p.str("val ")
	}
	switch pr.Op {
	case "":
	case "!==":
		p.need(pr, fmt.Sprintf("the 1.x operator %q", pr.Op), 1)
	case "=":
		p.need(pr, `the operator "=" (3.x writes ==)`, 1, 2)
	}
	if pr.Op != "" {
		p.str(pr.Op)
		p.str(" ")
	}
	p.expr(pr.Operand)
}

func (p *printer) expr(e grammar.Expr) {
	switch e := e.(type) {
	case *grammar.Literal:
		if e.Kind == grammar.RegexLit {
			p.need(e, "a /slash/ regex (Grakn 1.0–1.4)", 1)
		}
		p.str(e.Raw)
	case *grammar.Var:
		p.variable(e)
	case *grammar.BinaryExpr:
		p.need(e, "an arithmetic expression", 2, 3)
		p.expr(e.X)
		p.str(" " + e.Op + " ")
		p.expr(e.Y)
	case *grammar.CallExpr:
		p.need(e, "a function call", 2, 3)
		p.str(e.Fun)
		p.str("(")
		for i, a := range e.Args {
			if i > 0 {
				p.str(", ")
			}
			p.expr(a)
		}
		p.str(")")
	case *grammar.ParenExpr:
		p.need(e, "a parenthesised expression", 2, 3)
		p.str("(")
		p.expr(e.X)
		p.str(")")
	default:
		p.fail(e, "unknown expression type %T", e)
	}
}

// node prints any node on its own, for Node.
func (p *printer) node(n grammar.Node) {
	switch n := n.(type) {
	case *grammar.File:
		p.file(n)
	case grammar.Query:
		p.doc(p.tv(n).Doc)
		p.query(n)
	case grammar.Stmt:
		p.doc(p.tv(n).Doc)
		p.stmt(n)
		p.line(p.tv(n).Line)
	case grammar.Prop:
		p.doc(p.tv(n).Doc)
		p.prop(n)
		p.line(p.tv(n).Line)
	case grammar.Pattern:
		p.doc(p.tv(n).Doc)
		p.pattern(n)
		p.line(p.tv(n).Line)
	case *grammar.Block:
		p.block(n, false)
	case *grammar.TypeRef:
		p.typeRef(n)
	case *grammar.RelTuple:
		p.tuple(n)
	case *grammar.Predicate:
		p.predicate(n)
	case *grammar.Annotation:
		p.annotation(n)
	case grammar.Expr:
		p.expr(n)
	case *grammar.CommentGroup:
		p.doc(n)
	case *grammar.Comment:
		p.str(n.Text)
	default:
		p.fail(n, "cannot print a %T on its own", n)
	}
}
