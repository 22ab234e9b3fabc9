package rewrite3

import (
	"fmt"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// reserved3 is the 3.x grammar's reserved list (3.0.0 and later): words
// that cannot be labels. Root type names are keywords too.
var reserved3 = map[string]bool{
	"with": true, "match": true, "fetch": true, "update": true, "define": true, "undefine": true,
	"redefine": true, "insert": true, "put": true, "delete": true, "end": true, "entity": true,
	"relation": true, "attribute": true, "role": true, "asc": true, "desc": true, "struct": true,
	"fun": true, "return": true, "alias": true, "sub": true, "owns": true, "as": true, "plays": true,
	"relates": true, "iid": true, "isa": true, "links": true, "has": true, "is": true, "or": true,
	"not": true, "try": true, "in": true, "true": true, "false": true, "of": true, "from": true,
	"first": true, "last": true,
}

// IsReserved reports whether label cannot be a type, role or function
// label in TypeQL 3.x.
func IsReserved(label string) bool { return reserved3[label] }

var reservedLabels = &Rule{
	Name: "reserved-labels-3",
	Doc: `labels reserved in 3.x get a trailing _

	from sub attribute, value string;   →   attribute from_, value string;   (remap from=from_)
	move sub relation, relates to, relates from;  →   relation move, relates to @card(0..), relates from_ @card(0..);

Types and roles whose label is a TypeQL 3.x keyword (in, of, from, first,
last, end, try, links, alias, struct, fun, return, put, update, with…)
are renamed to the label followed by "_" (more "_" if taken). The rename
goes to the data remap; a role's rename is scoped by its relation.`,
	Apply: func(p *Pass) {
		m := p.Model()
		taken := map[string]bool{}
		for _, l := range m.Labels() {
			taken[l] = true
		}
		for _, t := range m.Types() {
			if t.IsRoot() || t.IsImplicit() {
				continue
			}
			name := t.Label
			if !IsReserved(name) {
				continue
			}
			var at grammar.Node
			if len(t.Stmts) > 0 {
				at = t.Stmts[0].Subject
			}
			if t.Kind() == concept.Role {
				if t.Decl != nil && t.Decl.Node != nil {
					at = t.Decl.Node.Role
				}
				n := uniqueLabel(name+"_", func(s string) bool { return t.Relation() != nil && t.Relation().DeclaredRole(s) != nil })
				p.Rename(at, t.Scope+":"+name, t.Scope+":"+n, fmt.Sprintf("%s is a keyword in TypeQL 3.x", name))
				continue
			}
			n := uniqueLabel(name+"_", func(s string) bool { return taken[s] })
			taken[n] = true
			p.Rename(at, name, n, fmt.Sprintf("%s is a keyword in TypeQL 3.x", name))
		}
	},
}

func uniqueLabel(l string, taken func(string) bool) string {
	for taken(l) {
		l += "_"
	}
	return l
}

var relabel = &Rule{
	Name: "relabel-3",
	Doc: `every reference to a renamed label is renamed

	from_ sub attribute;  person owns from;   →   person owns from_;

Applies the renames decided by earlier rules to subjects, supertypes,
owns, plays, relates and rule bodies, and reports how many references to
each label changed.`,
	Apply: func(p *Pass) {
		if len(p.conv.RenameMap()) == 0 {
			return
		}
		types := map[string]string{}
		roles := map[string]string{} // "rel:role" → new role name
		for old, n := range p.conv.RenameMap() {
			if s, r, ok := cutScope(old); ok {
				_, nr, _ := cutScope(n)
				roles[s+":"+r] = nr
			} else {
				types[old] = n
			}
		}
		m := p.Model()
		count := map[string]int{}
		var first = map[string]grammar.Node{}
		var order []string
		note := func(r *grammar.TypeRef, old string) {
			if count[old] == 0 {
				order = append(order, old)
				first[old] = r
			}
			count[old]++
			p.changed = true
		}
		ref := func(r *grammar.TypeRef, rel string) {
			if r == nil || r.Var {
				return
			}
			if r.Scope != "" {
				if n, ok := roles[r.Scope+":"+r.Name]; ok {
					note(r, r.Scope+":"+r.Name)
					r.Name = n
				}
				if n, ok := types[r.Scope]; ok {
					note(r, r.Scope)
					r.Scope = n
				}
				return
			}
			if rel != "" {
				// An unscoped role in a relates or a tuple: its
				// declaring relation decides.
				if t := m.Type(rel); t != nil {
					if rt := t.RoleByName(r.Name); rt != nil {
						if n, ok := roles[rt.Scope+":"+r.Name]; ok {
							note(r, rt.Scope+":"+r.Name)
							r.Name = n
						}
					}
				}
				return
			}
			if n, ok := types[r.Name]; ok {
				note(r, r.Name)
				r.Name = n
			}
		}
		for _, s := range p.Schema.Stmts {
			switch s := s.(type) {
			case *grammar.TypeStmt:
				subject := ""
				if s.Subject != nil && !s.Subject.Var {
					subject = s.Subject.Name
				}
				ref(s.Subject, "")
				for _, pr := range s.Props {
					switch pr := pr.(type) {
					case *grammar.SubProp:
						ref(pr.Type, "")
					case *grammar.OwnsProp:
						ref(pr.Attr, "")
						ref(pr.As, "")
					case *grammar.PlaysProp:
						ref(pr.Role, "")
						ref(pr.As, "")
					case *grammar.RelatesProp:
						ref(pr.Role, subject)
						ref(pr.As, subject)
					}
				}
			case *grammar.RuleStmt:
				for _, b := range []*grammar.Block{s.When, s.Then} {
					if b == nil {
						continue
					}
					schema.WalkBlock(b, func(pt grammar.Pattern, _ []grammar.Pattern) {
						st, ok := pt.(*grammar.PatternStmt)
						if !ok {
							return
						}
						rel := ""
						for _, pr := range st.Props {
							if isa, ok := pr.(*grammar.IsaProp); ok && !isa.Type.Var {
								rel = isa.Type.Name
							}
						}
						for _, pr := range st.Props {
							switch pr := pr.(type) {
							case *grammar.IsaProp:
								ref(pr.Type, "")
							case *grammar.SubProp:
								ref(pr.Type, "")
							case *grammar.HasValueProp:
								ref(pr.Attr, "")
							}
						}
						if st.Tuple != nil {
							for _, pl := range st.Tuple.Players {
								ref(pl.Role, rel)
							}
						}
					})
				}
			}
		}
		for _, old := range order {
			p.Report(first[old], diag.Translated, "%d references to %s now say %s", count[old], old, p.conv.RenameMap()[old])
		}
		// The model and the census follow the tree: later rules see the
		// new labels.
		p.conv.model = modelOf(p.Schema)
		p.Opts.Data = p.Opts.Data.Relabel(p.conv.RenameMap())
	},
}

func cutScope(l string) (scope, name string, ok bool) {
	for i := 0; i < len(l); i++ {
		if l[i] == ':' {
			return l[:i], l[i+1:], true
		}
	}
	return "", l, false
}
