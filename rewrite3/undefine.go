package rewrite3

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

var undefineApplied = &Rule{
	Name: "undefine-applied",
	Doc: `undefine queries are applied to the converted schema

	person sub entity, owns name, owns email;     →   entity person, owns name @card(0..);
	undefine person owns email;

The 3.x importer takes the schema as one define, so an undefine that
removes what the input defined is carried out on that define: the owns,
plays, relates, abstract or regex it names goes, and "undefine T sub S"
removes type T with every statement about it, and the ownerships of T and
the playing of T's roles that other types declare, as 2.x deleted them
with T (typedb/typedb@2.29.1:concept/type/impl/ThingTypeImpl.java delete
removes the vertex with its edges; RelationTypeImpl.delete its declared
roles); a rule's function goes with
"undefine rule R". What the undefine names but the input does not define
(a patch for a database loaded earlier) is reported lost with its 3.x
spelling (undefine owns email from person;), to run by hand. An undefine
followed in the same file by a define of the same fact is not applied.`,
	Apply: func(p *Pass) {
		for _, q := range p.Undefines {
			for _, st := range q.Stmts {
				applyUndefine(p, q, st)
			}
		}
	},
}

// unabstractSubtypes drops @abstract from the subtypes of label that an
// applied "undefine label abstract" left under a concrete supertype, and
// from theirs in turn, as abstract-under-concrete (which ran before the
// undefines) does, reporting each under that rule.
func unabstractSubtypes(p *Pass, label string) {
	prev := p.rule
	p.rule = abstractUnderConcrete
	defer func() { p.rule = prev }()
	concrete := map[string]bool{label: true}
	for changed := true; changed; {
		changed = false
		m, _ := schema.BuildModel3(&grammar.File{Queries: []grammar.Query{p.Schema}})
		for _, ts := range p.TypeStmts() {
			a := annot(ts.Annotations, "abstract")
			t := m.Type(ts.Subject.Name)
			if a == nil || t == nil || t.InCycle() || !concrete[t.Super] {
				continue
			}
			ts.Annotations = without(ts.Annotations, a)
			concrete[t.Label], changed = true, true
			p.Report(ts.Subject, diag.Approximated, "%s is no longer @abstract: its supertype %s is concrete once the undefine is applied, and TypeDB 3.x requires an abstract type's supertype to be abstract", ts.Subject.Name, t.Super)
		}
	}
}

// applyUndefine carries out one statement of an undefine query on the
// merged define, or reports it lost.
func applyUndefine(p *Pass, q *grammar.DefineQuery, st grammar.Stmt) {
	switch st := st.(type) {
	case *grammar.RuleStmt:
		name := p.Renamed(st.Label.Name)
		for _, s := range p.Schema.Stmts {
			if f, ok := s.(*grammar.FunStmt); ok && f.Name == name && !definedAfter(p, q, s) {
				p.DeleteStmt(s)
				p.Report(st, diag.Translated, "undefine rule %s applied: function %s left out", st.Label.Name, name)
				return
			}
		}
		undefineLost(p, st, fmt.Sprintf("undefine fun %s;", name))
	case *grammar.TypeStmt:
		if st.Subject.Var {
			undefineLost(p, st, "")
			return
		}
		for _, pr := range st.Props {
			applyUndefineProp(p, q, st, pr)
		}
	default:
		undefineLost(p, st, "")
	}
}

func applyUndefineProp(p *Pass, q *grammar.DefineQuery, st *grammar.TypeStmt, pr grammar.Prop) {
	label := p.Renamed(st.Subject.Name)
	stmts := p.stmtsOf(label)
	switch pr := pr.(type) {
	case *grammar.SubProp:
		// 2.x removes the type itself.
		if len(stmts) == 0 || anyDefinedAfter(p, q, stmts) {
			undefineLost(p, pr, fmt.Sprintf("undefine %s;", label))
			return
		}
		if subs := subtypesOf(p, q, label); len(subs) > 0 {
			// 2.x refuses to delete a type with subtypes (TYPE_HAS_SUBTYPES,
			// typedb/typedb@2.29.1:concept/type/impl/ThingTypeImpl.java
			// validateDelete), so the undefine never took effect.
			p.Note(pr, diag.Lost, "undefine %s sub %s left out: %s has subtypes (%s), so TypeDB 2.x refused it", st.Subject.Name, pr.Type, label, strings.Join(subs, ", ")).
				Detail = "Undefine the subtypes in the same query first, or leave the type; the 3.x schema keeps it."
			return
		}
		for _, s := range stmts {
			p.DeleteStmt(s)
		}
		d := p.Report(pr, diag.Translated, "undefine %s sub %s applied: type %s left out", st.Subject.Name, pr.Type, label)
		if refs := dropReferences(p, label); len(refs) > 0 {
			d.Message += fmt.Sprintf(", with %s", strings.Join(refs, ", "))
		}
		return
	case *grammar.AbstractProp:
		for _, s := range stmts {
			if a := annot(s.Annotations, "abstract"); a != nil && !definedAfter(p, q, s) {
				s.Annotations = without(s.Annotations, a)
				p.Report(pr, diag.Translated, "undefine %s abstract applied: %s is not @abstract", st.Subject.Name, label)
				unabstractSubtypes(p, label)
				return
			}
		}
		undefineLost(p, pr, fmt.Sprintf("undefine @abstract from %s;", label))
		return
	case *grammar.RegexProp:
		for _, s := range stmts {
			for _, x := range s.Props {
				if vt, ok := x.(*grammar.ValueTypeProp); ok && annot(vt.Annots, "regex") != nil && !definedAfter(p, q, s) {
					vt.Annots = without(vt.Annots, annot(vt.Annots, "regex"))
					p.Report(pr, diag.Translated, "undefine %s regex applied: the @regex of %s left out", st.Subject.Name, label)
					return
				}
			}
		}
		undefineLost(p, pr, fmt.Sprintf("undefine @regex from %s value …;", label))
		return
	}
	what, target, spelled := capabilityOf(p, pr)
	if what == "" {
		undefineLost(p, pr, "")
		return
	}
	for _, s := range stmts {
		for _, x := range s.Props {
			if w, t, _ := capabilityOf(p, x); w == what && t == target && !definedAfter(p, q, s) {
				p.DeleteProp(s, x)
				p.Report(pr, diag.Translated, "undefine %s %s %s applied: left out of %s", st.Subject.Name, what, spelled, label)
				return
			}
		}
	}
	undefineLost(p, pr, fmt.Sprintf("undefine %s %s from %s;", what, target, label))
}

// subtypesOf lists the types of the merged define declared "sub label",
// but for those undefine query q deletes too.
func subtypesOf(p *Pass, q *grammar.DefineQuery, label string) []string {
	gone := map[string]bool{}
	for _, st := range q.Stmts {
		if ts, ok := st.(*grammar.TypeStmt); ok && ts.Subject != nil {
			for _, x := range ts.Props {
				if _, ok := x.(*grammar.SubProp); ok {
					gone[p.Renamed(ts.Subject.Name)] = true
				}
			}
		}
	}
	var out []string
	for _, s := range p.TypeStmts() {
		for _, x := range s.Props {
			if sp, ok := x.(*grammar.SubProp); ok && sp.Type != nil && sp.Type.Name == label && s.Subject.Name != label && !gone[s.Subject.Name] {
				out = append(out, s.Subject.Name)
			}
		}
	}
	return out
}

// dropReferences removes what other types declare about type label, which
// 2.x deleted with the type (its ownerships, and the playing of its roles),
// and lists them as "person owns name".
func dropReferences(p *Pass, label string) []string {
	var out []string
	for _, s := range p.TypeStmts() {
		for _, x := range append([]grammar.Prop(nil), s.Props...) {
			w, t, _ := capabilityOf(p, x)
			if w == "owns" && t == label || w == "plays" && strings.HasPrefix(t, label+":") {
				p.DeleteProp(s, x)
				out = append(out, s.Subject.Name+" "+w+" "+t)
			}
		}
	}
	return out
}

// capabilityOf names an owns, plays or relates property with its target
// label in the output's spelling.
func capabilityOf(p *Pass, pr grammar.Prop) (what, target, asWritten string) {
	switch pr := pr.(type) {
	case *grammar.OwnsProp:
		return "owns", p.Renamed(pr.Attr.Name), pr.Attr.String()
	case *grammar.PlaysProp:
		t := p.Renamed(pr.Role.Name)
		if pr.Role.Scope != "" {
			t = p.Renamed(pr.Role.Scope) + ":" + t
		}
		return "plays", t, pr.Role.String()
	case *grammar.RelatesProp:
		return "relates", p.Renamed(pr.Role.Name), pr.Role.String()
	}
	return "", "", ""
}

// stmtsOf returns the type statements of the merged define about label.
func (p *Pass) stmtsOf(label string) []*grammar.TypeStmt {
	var out []*grammar.TypeStmt
	for _, s := range p.TypeStmts() {
		if s.Subject.Name == label {
			out = append(out, s)
		}
	}
	return out
}

// definedAfter reports whether statement s of the merged define comes after
// undefine query q in the same file: the define then wins, so the undefine
// is not applied.
func definedAfter(p *Pass, q *grammar.DefineQuery, s grammar.Node) bool {
	qr, sr := p.conv.RangeOf(q), p.conv.RangeOf(s)
	return qr != nil && sr != nil && qr.File == sr.File && sr.Start.Offset > qr.Start.Offset
}

func anyDefinedAfter(p *Pass, q *grammar.DefineQuery, stmts []*grammar.TypeStmt) bool {
	for _, s := range stmts {
		if definedAfter(p, q, s) {
			return true
		}
	}
	return false
}

func without(as []*grammar.Annotation, a *grammar.Annotation) []*grammar.Annotation {
	var out []*grammar.Annotation
	for _, x := range as {
		if x != a {
			out = append(out, x)
		}
	}
	return out
}

// undefineLost reports an undefine statement convert cannot carry out on
// the schema, with its 3.x spelling when there is one.
func undefineLost(p *Pass, n grammar.Node, spelled3 string) {
	d := p.Note(n, diag.Lost, "undefine left out: it removes nothing this schema defines, and the 3.x schema is one define")
	d.Detail = "Run it by hand on the 3.x database once the schema is loaded"
	if spelled3 != "" {
		d.Detail += ", written for 3.x: " + spelled3
	}
	d.Detail += "."
}
