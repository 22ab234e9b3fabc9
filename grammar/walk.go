package grammar

import "fmt"

// A Visitor's Visit method is invoked for each node encountered by Walk. If
// the result visitor w is not nil, Walk visits each of the children of node
// with w, followed by a call of w.Visit(nil).
type Visitor interface {
	Visit(n Node) (w Visitor)
}

// Walk traverses the tree rooted at n depth-first: a node's Doc comments
// first, then its children, then (for containers) its Last comments, then
// its Line comments.
func Walk(v Visitor, n Node) {
	if v = v.Visit(n); v == nil {
		return
	}
	switch n := n.(type) {
	case *File:
		for _, q := range n.Queries {
			Walk(v, q)
		}
		walkGroups(v, n.Last)
	case *DefineQuery:
		walkDoc(v, &n.Trivia)
		for _, s := range n.Stmts {
			Walk(v, s)
		}
		walkGroups(v, n.Last)
		walkLine(v, &n.Trivia)
	case *OtherQuery:
		walkDoc(v, &n.Trivia)
		walkLine(v, &n.Trivia)
	case *TypeStmt:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Subject)
		for _, a := range n.Annotations {
			Walk(v, a)
		}
		walkProps(v, n.Props)
		walkLine(v, &n.Trivia)
	case *RuleStmt:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Label)
		if n.When != nil {
			Walk(v, n.When)
		}
		if n.Then != nil {
			Walk(v, n.Then)
		}
		walkLine(v, &n.Trivia)
	case *UndefineStmt:
		walkDoc(v, &n.Trivia)
		if n.Name != nil {
			Walk(v, n.Name)
		}
		if n.Annot != nil {
			Walk(v, n.Annot)
		}
		if n.Cap != nil && n.CapFirst {
			Walk(v, n.Cap)
		}
		if n.Type != nil {
			Walk(v, n.Type)
		}
		if n.Cap != nil && !n.CapFirst {
			Walk(v, n.Cap)
		}
		walkLine(v, &n.Trivia)
	case *FunStmt:
		walkDoc(v, &n.Trivia)
		walkLine(v, &n.Trivia)
	case *StructStmt:
		walkDoc(v, &n.Trivia)
		for _, f := range n.Fields {
			Walk(v, f)
		}
		walkLine(v, &n.Trivia)
	case *BadStmt:
		walkDoc(v, &n.Trivia)
		walkLine(v, &n.Trivia)
	case *TypeRef, *Annotation, *Var, *Literal, *Comment, *StructField:
		// leaves
	case *CommentGroup:
		for _, c := range n.List {
			Walk(v, c)
		}
	case *SubProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Type)
		walkAnnots(v, n.Annots)
		walkLine(v, &n.Trivia)
	case *AbstractProp:
		walkDoc(v, &n.Trivia)
		walkLine(v, &n.Trivia)
	case *HasProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Attr)
		walkLine(v, &n.Trivia)
	case *KeyProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Attr)
		walkLine(v, &n.Trivia)
	case *OwnsProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Attr)
		if n.As != nil {
			Walk(v, n.As)
		}
		walkAnnots(v, n.Annots)
		walkLine(v, &n.Trivia)
	case *PlaysProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Role)
		if n.As != nil {
			Walk(v, n.As)
		}
		walkAnnots(v, n.Annots)
		walkLine(v, &n.Trivia)
	case *RelatesProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Role)
		if n.As != nil {
			Walk(v, n.As)
		}
		walkAnnots(v, n.Annots)
		walkLine(v, &n.Trivia)
	case *ValueTypeProp:
		walkDoc(v, &n.Trivia)
		walkAnnots(v, n.Annots)
		walkLine(v, &n.Trivia)
	case *RegexProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Pattern)
		walkLine(v, &n.Trivia)
	case *WhenProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Body)
		walkLine(v, &n.Trivia)
	case *ThenProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Body)
		walkLine(v, &n.Trivia)
	case *TypeProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Label)
		walkLine(v, &n.Trivia)
	case *IsaProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Type)
		walkLine(v, &n.Trivia)
	case *HasValueProp:
		walkDoc(v, &n.Trivia)
		if n.Attr != nil {
			Walk(v, n.Attr)
		}
		if n.Var != nil {
			Walk(v, n.Var)
		}
		if n.Pred != nil {
			Walk(v, n.Pred)
		}
		if n.Via != nil {
			Walk(v, n.Via)
		}
		walkLine(v, &n.Trivia)
	case *IDProp:
		walkDoc(v, &n.Trivia)
		walkLine(v, &n.Trivia)
	case *IsProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Var)
		walkLine(v, &n.Trivia)
	case *LinksProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Tuple)
		walkLine(v, &n.Trivia)
	case *AnnotationProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Annot)
		walkLine(v, &n.Trivia)
	case *AliasProp:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Label)
		walkLine(v, &n.Trivia)
	case *Block:
		for _, p := range n.Patterns {
			Walk(v, p)
		}
		walkGroups(v, n.Last)
	case *PatternStmt:
		walkDoc(v, &n.Trivia)
		if n.Var != nil {
			Walk(v, n.Var)
		}
		if n.Type != nil {
			Walk(v, n.Type)
		}
		if n.Tuple != nil {
			Walk(v, n.Tuple)
		}
		if n.Value != nil {
			Walk(v, n.Value)
		}
		walkProps(v, n.Props)
		walkLine(v, &n.Trivia)
	case *Conjunction:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Body)
		walkLine(v, &n.Trivia)
	case *Disjunction:
		walkDoc(v, &n.Trivia)
		for _, b := range n.Alts {
			Walk(v, b)
		}
		walkLine(v, &n.Trivia)
	case *Negation:
		walkDoc(v, &n.Trivia)
		Walk(v, n.Body)
		walkLine(v, &n.Trivia)
	case *RelTuple:
		for _, p := range n.Players {
			Walk(v, p)
		}
	case *RolePlayer:
		if n.Role != nil {
			Walk(v, n.Role)
		}
		Walk(v, n.Player)
	case *Predicate:
		Walk(v, n.Operand)
	case *BinaryExpr:
		Walk(v, n.X)
		Walk(v, n.Y)
	case *CallExpr:
		for _, a := range n.Args {
			Walk(v, a)
		}
	case *ParenExpr:
		Walk(v, n.X)
	default:
		panic(fmt.Sprintf("grammar.Walk: unexpected node type %T", n))
	}
	v.Visit(nil)
}

func walkDoc(v Visitor, t *Trivia) {
	if t.Doc != nil {
		Walk(v, t.Doc)
	}
}

func walkLine(v Visitor, t *Trivia) {
	if t.Line != nil {
		Walk(v, t.Line)
	}
}

func walkGroups(v Visitor, gs []*CommentGroup) {
	for _, g := range gs {
		Walk(v, g)
	}
}

func walkProps(v Visitor, ps []Prop) {
	for _, p := range ps {
		Walk(v, p)
	}
}

func walkAnnots(v Visitor, as []*Annotation) {
	for _, a := range as {
		Walk(v, a)
	}
}

type inspector func(Node) bool

func (f inspector) Visit(n Node) Visitor {
	if f(n) {
		return f
	}
	return nil
}

// Inspect traverses the tree rooted at n in the order of Walk, calling f(n)
// for each node; if f returns true, Inspect visits the children of n and
// then calls f(nil).
func Inspect(n Node, f func(Node) bool) {
	Walk(inspector(f), n)
}
