package schema

import (
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/grammar"
)

// Codes of applying a redefine (typedb/typedb@3.10.4:query/redefine.rs,
// RedefineError).
const (
	Code3RedefineNotDefined = "redefine3-not-defined"
	Code3RedefineSame       = "redefine3-same"
	Code3RedefineOne        = "redefine3-one-thing"
	Code3RedefineNothing    = "redefine3-nothing"
	Code3RedefineParamFree  = "redefine3-parameter-free"
)

func init() {
	Apply3Docs[Code3RedefineNotDefined] = "redefine of a supertype, value type, capability, annotation, specialisation or function that is not defined yet: define it instead (typedb/typedb@3.10.4:query/redefine.rs, RedefineError::*NotDefined)"
	Apply3Docs[Code3RedefineSame] = "redefine that changes nothing: the fact is already defined so (typedb/typedb@3.10.4:query/redefine.rs, RedefineError::*RemainsSame)"
	Apply3Docs[Code3RedefineOne] = "a redefine changes more than one schema element; TypeDB 3.x takes one per query (typedb/typedb@3.10.4:query/redefine.rs, RedefineError::CanOnlyRedefineOneThingPerQuery)"
	Apply3Docs[Code3RedefineNothing] = "a redefine that redefines nothing (typedb/typedb@3.10.4:query/redefine.rs, RedefineError::NothingRedefined)"
	Apply3Docs[Code3RedefineParamFree] = "redefine of an annotation without arguments (@abstract, @key, @unique, @independent, @distinct, @cascade): undefine or define it instead (typedb/typedb@3.10.4:query/redefine.rs error_if_not_redefinable)"
}

// redefiner counts what one redefine query changes: TypeDB 3.x takes
// exactly one change of the types per query.
type redefiner struct {
	*applier
	changed bool
}

func (r *redefiner) change(n grammar.Node) {
	if r.changed {
		r.errorf(Code3RedefineOne, n, "a redefine query changes one schema element; this is a second one")
	}
	r.changed = true
}

// redefine applies a redefine query. The parser has held its statements to
// the grammar's redefinable (a function, or a type with its annotations or
// one capability; no struct).
func (a *applier) redefine(d *grammar.DefineQuery) {
	r := &redefiner{applier: a}
	funcs := false
	for _, s := range d.Stmts {
		switch s := s.(type) {
		case *grammar.TypeStmt:
			r.redefineType(s)
		case *grammar.FunStmt:
			if a.m.Funcs[s.Name] == nil {
				a.errorf(Code3RedefineNotDefined, s, "function %s is not defined; define it first", s.Name)
				continue
			}
			a.m.Funcs[s.Name] = &Func3{Name: s.Name, Stmt: s, At: a.rng(s)}
			funcs = true
		}
	}
	if !r.changed && !funcs && len(a.out) == 0 && len(d.Stmts) > 0 {
		r.errorf(Code3RedefineNothing, d, "nothing is redefined")
	}
}

func (r *redefiner) redefineType(s *grammar.TypeStmt) {
	if s.Subject.Var {
		r.errorf(Code3UnknownType, s.Subject, "a redefine names types, not variables")
		return
	}
	t := r.m.types[s.Subject.Name]
	if t == nil || t.Kind == concept.Role {
		r.errorf(Code3UnknownType, s.Subject, "type %s is not defined", s.Subject.Name)
		return
	}
	if s.Kind != "" && kindOf3(s.Kind) != t.Kind {
		r.errorf(Code3KindChanged, s.Subject, "%s is %s, not %s", t.Label, kindPhrase(t.Kind), kindPhrase(kindOf3(s.Kind)))
		return
	}
	for _, an := range s.Annotations {
		r.redefineAnnot(&t.Annots, an, t.Label)
	}
	for _, pr := range s.Props {
		switch pr := pr.(type) {
		case *grammar.AnnotationProp:
			r.redefineAnnot(&t.Annots, pr.Annot, t.Label)
		case *grammar.SubProp:
			sup := r.lookup(pr.Type)
			switch {
			case sup == nil:
			case t.Super == "":
				r.errorf(Code3RedefineNotDefined, pr, "%s has no supertype to redefine; define it", t.Label)
			case t.Super == sup.Label:
				r.errorf(Code3RedefineSame, pr, "%s already has supertype %s", t.Label, sup.Label)
			case sup.Kind != t.Kind:
				r.errorf(Code3SubKind, pr.Type, "%s is %s and cannot be the supertype of %s %s", sup.Label, kindPhrase(sup.Kind), kindPhrase(t.Kind), t.Label)
			default:
				r.change(pr)
				t.Super, t.SuperAt = sup.Label, r.rng(pr)
			}
		case *grammar.ValueTypeProp:
			switch {
			case t.ValueType == "":
				r.errorf(Code3RedefineNotDefined, pr, "%s has no value type to redefine; define it", t.Label)
			case t.ValueType != pr.Type:
				if !builtinValueTypes3[pr.Type] && r.m.Structs[pr.Type] == nil {
					r.errorf(Code3UnknownType, pr, "value type %s is neither a built-in value type nor a defined struct", pr.Type)
					continue
				}
				r.change(pr)
				t.ValueType, t.ValueAt = pr.Type, r.rng(pr)
			}
			for _, an := range pr.Annots {
				r.redefineAnnot(&t.ValueAnnots, an, t.Label)
			}
		case *grammar.OwnsProp:
			r.redefineCap(t.Owns, pr.Attr.Name, pr.List, pr.Annots, pr, "owns")
		case *grammar.PlaysProp:
			label := pr.Role.String()
			if rel := r.m.types[pr.Role.Scope]; rel != nil && rel.Kind == concept.Relation {
				if role := rel.RoleByName(pr.Role.Name); role != nil {
					label = role.Label
				}
			}
			r.redefineCap(t.Plays, label, false, pr.Annots, pr, "plays")
		case *grammar.RelatesProp:
			c := r.redefineCap(t.Relates, pr.Role.Name, pr.List, pr.Annots, pr, "relates")
			if c != nil && pr.As != nil {
				switch {
				case c.As == "":
					r.errorf(Code3RedefineNotDefined, pr.As, "relates %s specialises no role; define the specialisation", c.Label)
				case c.As == pr.As.Name:
					r.errorf(Code3RedefineSame, pr.As, "relates %s already specialises %s", c.Label, c.As)
				default:
					r.change(pr.As)
					c.As, c.AsAt = pr.As.Name, r.rng(pr.As)
					if role := r.m.types[t.Label+":"+c.Label]; role != nil {
						for _, s := range t.Supertypes() {
							if in := s.RoleByName(pr.As.Name); in != nil {
								role.Super = in.Label
								break
							}
						}
					}
				}
			}
		default:
			r.errorf(Code3Unsupported, pr, "this property cannot be redefined")
		}
	}
}

// redefineCap redefines the ordering and annotations of an existing
// capability, which it returns (nil when there is none).
func (r *redefiner) redefineCap(caps []*Cap3, label string, list bool, annots []*grammar.Annotation, n grammar.Node, what string) *Cap3 {
	var c *Cap3
	for _, x := range caps {
		if x.Label == label {
			c = x
		}
	}
	if c == nil {
		r.errorf(Code3RedefineNotDefined, n, "%s %s is not defined; define it first", what, label)
		return nil
	}
	if c.List != list {
		r.change(n)
		c.List = list
	}
	for _, an := range annots {
		r.redefineAnnot(&c.Annots, an, what+" "+label)
	}
	return c
}

// redefineAnnot changes the arguments of an annotation that exists with
// other arguments.
func (r *redefiner) redefineAnnot(as *[]*Annot3, an *grammar.Annotation, where string) {
	if !an.HasParens {
		r.errorf(Code3RedefineParamFree, an, "@%s has no arguments to redefine; undefine or define it instead", an.Name)
		return
	}
	old := findAnnot(*as, an.Name)
	switch {
	case old == nil:
		r.errorf(Code3RedefineNotDefined, an, "@%s is not defined on %s; define it first", an.Name, where)
	case normArgs(old.Args) == normArgs(an.Args):
		r.errorf(Code3RedefineSame, an, "@%s(%s) is already defined on %s", an.Name, an.Args, where)
	default:
		r.change(an)
		for i, x := range *as {
			if x == old { // replaced, not changed: a clone of the model shares it
				(*as)[i] = &Annot3{Name: an.Name, Args: strings.TrimSpace(an.Args), HasArgs: true, At: r.rng(an)}
			}
		}
	}
}
