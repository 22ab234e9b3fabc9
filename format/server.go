package format

import (
	"fmt"
	"sort"

	"github.com/tqlmig/tqlmig/grammar"
)

// rootKinds maps the labels of the built-in root types to the kind of their
// subtypes. "thing" is left out: nothing may sub it directly.
var rootKinds = map[string]string{
	"entity":       "entity",
	"relation":     "relation",
	"relationship": "relation", // Grakn 1.0–1.4
	"attribute":    "attribute",
	"role":         "role",
	"rule":         "rule",
}

// Print order of the kinds, per language (roles standing alone, which no
// server export prints, come after the relations that should relate them).
var (
	kindOrder1 = []string{"attribute", "entity", "relation", "role", "rule"}
	kindOrder2 = []string{"attribute", "relation", "entity", "role", "rule"}
)

// tdef is everything the define queries say about one label, merged.
type tdef struct {
	key      string
	ref      *grammar.TypeRef // the label as first written
	sup      *grammar.TypeRef
	kind     string
	abstract *grammar.AbstractProp
	value    *grammar.ValueTypeProp
	regex    *grammar.RegexProp
	keys     []*grammar.TypeRef // 1.x
	has      []*grammar.TypeRef // 1.x
	owns     []*grammar.OwnsProp
	plays    []*grammar.PlaysProp
	relates  []*grammar.RelatesProp
	when     *grammar.Block // 1.x rule
	then     *grammar.Block
	rule     *grammar.RuleStmt // 2.x rule
	parent   *tdef
	subs     []*tdef
}

// model is the merged schema: a small private view of the type hierarchy,
// enough to order and prune a server-style print.
type model struct {
	defs  map[string]*tdef
	order []*tdef // by first mention
}

func refKey(r *grammar.TypeRef) string {
	if r.Scope != "" {
		return r.Scope + ":" + r.Name
	}
	return r.Name
}

func (m *model) get(r *grammar.TypeRef) *tdef {
	k := refKey(r)
	d := m.defs[k]
	if d == nil {
		d = &tdef{key: k, ref: r}
		m.defs[k] = d
		m.order = append(m.order, d)
	}
	return d
}

func (m *model) remove(key string) {
	if m.defs[key] == nil {
		return
	}
	delete(m.defs, key)
	for i, d := range m.order {
		if d.key == key {
			m.order = append(m.order[:i:i], m.order[i+1:]...)
			break
		}
	}
}

// server prints files as one merged schema in the server's export layout.
func (p *printer) server(files []*grammar.File) error {
	lang := p.cfg.lang
	if lang == 0 {
		lang = detectLang(files)
	}
	if lang == 3 {
		e := &Error{Msg: "server style is defined for Graql 1.x and TypeQL 2.x only, not TypeQL 3.x"}
		if len(files) > 0 {
			e.File = files[0].Name
		}
		return e
	}
	p.cfg.lang = lang
	// Refuse what the language cannot express before merging anything, by
	// printing every statement aside with the same checks as Preserve.
	chk := newPrinter(config{lang: lang, style: Server})
	err := chk.catch(func() {
		for _, f := range files {
			chk.fileName = f.Name
			for _, q := range f.Queries {
				if dq, ok := q.(*grammar.DefineQuery); ok {
					for _, s := range dq.Stmts {
						chk.stmt(s)
						chk.buf.Reset()
					}
				}
			}
		}
	})
	if err != nil {
		return err
	}
	return p.catch(func() {
		m := p.build(files)
		if len(m.order) == 0 {
			return // an empty "define" is not valid: print nothing
		}
		if lang == 1 {
			p.server1(m)
		} else {
			p.server2(m)
		}
	})
}

// detectLang picks the language of files from their dialect features, or
// failing that from the constructs they use; TypeQL 2 when nothing decides.
func detectLang(files []*grammar.File) int {
	d, seen := grammar.AnyDialect, false
	for _, f := range files {
		for _, ft := range f.Features {
			d &= ft.Dialects
			seen = true
		}
	}
	if seen {
		switch {
		case d.Is1x():
			return 1
		case d == grammar.TypeQL2:
			return 2
		case d == grammar.TypeQL3:
			return 3
		}
	}
	for _, f := range files {
		for _, q := range f.Queries {
			dq, ok := q.(*grammar.DefineQuery)
			if !ok {
				continue
			}
			for _, s := range dq.Stmts {
				switch s := s.(type) {
				case *grammar.RuleStmt:
					return 2
				case *grammar.TypeStmt:
					if s.Kind != "" {
						return 3
					}
					for _, pr := range s.Props {
						switch pr := pr.(type) {
						case *grammar.HasProp, *grammar.KeyProp, *grammar.WhenProp, *grammar.ThenProp:
							return 1
						case *grammar.OwnsProp:
							return 2
						case *grammar.ValueTypeProp:
							if pr.Legacy {
								return 1
							}
						case *grammar.PlaysProp:
							if pr.Role.Scope != "" {
								return 2
							}
							if !pr.Role.Var {
								return 1
							}
						}
					}
				}
			}
		}
	}
	return 2
}

// build merges the define and undefine queries of files, in order.
func (p *printer) build(files []*grammar.File) *model {
	m := &model{defs: map[string]*tdef{}}
	for _, f := range files {
		p.fileName = f.Name
		for _, q := range f.Queries {
			dq, ok := q.(*grammar.DefineQuery)
			if !ok {
				continue // data queries are not part of the schema
			}
			if dq.Kind == grammar.Redefine {
				p.fail(dq, "server style cannot merge a redefine")
				continue
			}
			for _, s := range dq.Stmts {
				if dq.Kind == grammar.Undefine {
					p.undefine(m, s)
					continue
				}
				switch s := s.(type) {
				case *grammar.TypeStmt:
					p.define(m, s)
				case *grammar.RuleStmt:
					d := m.get(s.Label)
					d.kind, d.rule = "rule", s
				default:
					p.fail(s, "server style cannot merge a %s", stmtName(s))
				}
			}
		}
	}
	p.link(m)
	return m
}

func stmtName(s grammar.Stmt) string {
	switch s.(type) {
	case *grammar.BadStmt:
		return "statement that failed to parse"
	case *grammar.FunStmt:
		return "function"
	case *grammar.StructStmt:
		return "struct"
	}
	return fmt.Sprintf("%T", s)
}

func (p *printer) define(m *model, s *grammar.TypeStmt) {
	if s.Subject.Var {
		p.fail(s.Subject, "server style needs a type label, not the variable %s", s.Subject)
	}
	d := m.get(s.Subject)
	for _, pr := range s.Props {
		switch pr := pr.(type) {
		case *grammar.SubProp:
			if d.sup != nil && refKey(d.sup) != refKey(pr.Type) {
				p.fail(pr, "%s has two supertypes: %s and %s", d.key, d.sup, pr.Type)
			}
			d.sup = pr.Type
		case *grammar.AbstractProp:
			if d.abstract == nil {
				d.abstract = pr
			}
		case *grammar.ValueTypeProp:
			if d.value != nil && d.value.Type != pr.Type {
				p.fail(pr, "%s has two value types: %s and %s", d.key, d.value.Type, pr.Type)
			}
			if d.value == nil {
				d.value = pr
			}
		case *grammar.RegexProp:
			if d.regex == nil {
				d.regex = pr
			}
		case *grammar.HasProp:
			d.has = append(d.has, pr.Attr)
		case *grammar.KeyProp:
			d.keys = append(d.keys, pr.Attr)
		case *grammar.OwnsProp:
			d.owns = append(d.owns, pr)
		case *grammar.PlaysProp:
			d.plays = append(d.plays, pr)
		case *grammar.RelatesProp:
			d.relates = append(d.relates, pr)
		case *grammar.WhenProp:
			d.when = pr.Body
		case *grammar.ThenProp:
			d.then = pr.Body
		case *grammar.TypeProp:
			// restates the label: nothing to merge
		default:
			p.fail(pr, "server style cannot merge a %T in a define statement", pr)
		}
	}
}

// undefine removes from m what s names: the whole type when s has "sub",
// else each listed property.
func (p *printer) undefine(m *model, s grammar.Stmt) {
	switch s := s.(type) {
	case *grammar.RuleStmt:
		m.remove(refKey(s.Label))
	case *grammar.UndefineStmt:
		p.fail(s, "server style cannot apply a TypeQL 3 undefine")
	case *grammar.TypeStmt:
		if len(s.Props) == 0 && len(s.Annotations) == 0 {
			p.fail(s, "server style cannot apply a TypeQL 3 undefine")
		}
		d := m.defs[refKey(s.Subject)]
		if d == nil {
			return
		}
		for _, pr := range s.Props {
			switch pr := pr.(type) {
			case *grammar.SubProp:
				m.remove(d.key)
				return
			case *grammar.AbstractProp:
				d.abstract = nil
			case *grammar.ValueTypeProp:
				d.value = nil
			case *grammar.RegexProp:
				d.regex = nil
			case *grammar.HasProp:
				d.has = dropRef(d.has, pr.Attr)
			case *grammar.KeyProp:
				d.keys = dropRef(d.keys, pr.Attr)
			case *grammar.OwnsProp:
				d.owns = dropProps(d.owns, refKey(pr.Attr), func(o *grammar.OwnsProp) string { return refKey(o.Attr) })
			case *grammar.PlaysProp:
				d.plays = dropProps(d.plays, refKey(pr.Role), func(o *grammar.PlaysProp) string { return refKey(o.Role) })
			case *grammar.RelatesProp:
				d.relates = dropProps(d.relates, refKey(pr.Role), func(o *grammar.RelatesProp) string { return refKey(o.Role) })
			case *grammar.WhenProp, *grammar.ThenProp:
				m.remove(d.key)
				return
			}
		}
	default:
		p.fail(s, "server style cannot apply an undefine of a %s", stmtName(s))
	}
}

func dropRef(rs []*grammar.TypeRef, r *grammar.TypeRef) []*grammar.TypeRef {
	return dropProps(rs, refKey(r), refKey)
}

func dropProps[T any](xs []T, key string, keyOf func(T) string) []T {
	var out []T
	for _, x := range xs {
		if keyOf(x) != key {
			out = append(out, x)
		}
	}
	return out
}

// link resolves supertypes, kinds and subtype lists.
func (p *printer) link(m *model) {
	for _, d := range m.order {
		if d.sup == nil || d.sup.Var {
			continue
		}
		if k, ok := rootKinds[d.sup.Name]; ok && d.sup.Scope == "" && d.sup.Quote == 0 {
			d.kind = k
		} else if par := m.defs[refKey(d.sup)]; par != nil {
			d.parent = par
		}
	}
	for _, d := range m.order {
		steps := 0
		for a := d.parent; a != nil; a = a.parent {
			if steps++; steps > len(m.order) {
				p.fail(d.sup, "the supertypes of %s form a cycle", d.key)
			}
		}
	}
	for _, d := range m.order {
		if d.kind == "" {
			d.kind = inferKind(d)
		}
		if d.parent != nil {
			d.parent.subs = append(d.parent.subs, d)
		}
	}
	for _, d := range m.order {
		sortDefs(d.subs)
	}
}

// inferKind finds the kind of a type whose hierarchy does not reach a root
// type in the files given (its supertype is defined elsewhere): from its
// nearest ancestor that reaches a root, else from the properties it has.
func inferKind(d *tdef) string {
	top := d
	for top.parent != nil {
		top = top.parent
	}
	if top != d && top.kind != "" {
		return top.kind
	}
	for a := d; a != nil; a = a.parent {
		switch {
		case a.when != nil || a.then != nil || a.rule != nil:
			return "rule"
		case len(a.relates) > 0:
			return "relation"
		case a.value != nil || a.regex != nil:
			return "attribute"
		}
	}
	return "entity"
}

func sortDefs(ds []*tdef) {
	sort.Slice(ds, func(i, j int) bool { return ds[i].key < ds[j].key })
}

// roots returns the types of kind k that have no parent in m, by label.
func (m *model) roots(k string) []*tdef {
	var out []*tdef
	for _, d := range m.order {
		if d.kind == k && d.parent == nil {
			out = append(out, d)
		}
	}
	sortDefs(out)
	return out
}

// preorder lists ds and their subtypes, each subtype right after its supertype.
func preorder(ds []*tdef, out []*tdef) []*tdef {
	for _, d := range ds {
		out = append(out, d)
		out = preorder(d.subs, out)
	}
	return out
}

// valueOf is d's value type, declared or inherited.
func valueOf(d *tdef) *grammar.ValueTypeProp {
	for a := d; a != nil; a = a.parent {
		if a.value != nil {
			return a.value
		}
	}
	return nil
}

// inherited collects the keys of what d's ancestors declare.
func inherited[T any](d *tdef, list func(*tdef) []T, keyOf func(T) string) map[string]bool {
	out := map[string]bool{}
	for a := d.parent; a != nil; a = a.parent {
		for _, x := range list(a) {
			out[keyOf(x)] = true
		}
	}
	return out
}

// own returns xs without duplicates and without what skip holds, in order.
func own[T any](xs []T, keyOf func(T) string, skip map[string]bool) []T {
	seen := map[string]bool{}
	var out []T
	for _, x := range xs {
		k := keyOf(x)
		if seen[k] || skip[k] {
			continue
		}
		seen[k] = true
		out = append(out, x)
	}
	return out
}

func playsKey(pl *grammar.PlaysProp) string    { return refKey(pl.Role) }
func relatesKey(r *grammar.RelatesProp) string { return refKey(r.Role) }
func ownsKey(o *grammar.OwnsProp) string       { return refKey(o.Attr) }

// emitter writes the properties of one definition in export layout:
// "label sub super," then one property per line.
type emitter struct {
	p     *printer
	base  int
	first bool // no property printed yet
}

func (p *printer) open(d *tdef, depth int) *emitter {
	p.indent = indentStep * depth
	p.typeRef(d.ref)
	e := &emitter{p: p, base: p.indent, first: true}
	if d.sup != nil {
		p.str(" sub ")
		p.typeRef(d.sup)
		e.first = false
	}
	return e
}

// next starts a property: after the subject on the first line when nothing
// else is there, else on a new line indented one level deeper.
func (e *emitter) next() {
	p := e.p
	if e.first {
		e.first = false
		p.str(" ")
		return
	}
	p.str(",")
	p.nl()
	p.indent = e.base + indentStep
}

func (e *emitter) text(s string) {
	e.next()
	e.p.str(s)
}

func (e *emitter) close() {
	e.p.str(";")
	e.p.nl()
	e.p.indent = e.base
}

// server1 prints m as Grakn 1.8's "grakn server schema" does.
func (p *printer) server1(m *model) {
	p.str("define")
	p.nl()
	p.nl()
	// key and has follow the order in which the attribute types are printed
	attrOrder := map[string]int{}
	for i, d := range preorder(m.roots("attribute"), nil) {
		attrOrder[d.key] = i
	}
	for _, k := range kindOrder1 {
		if k == "role" {
			p.roles(m, true)
			continue
		}
		for _, d := range m.roots(k) {
			p.def1(m, d, 0, attrOrder)
		}
	}
	p.nl()
	p.nl()
}

// roles prints the role types that no relation relates ("guardian sub
// role;"), which no server export shows but which must not be lost.
func (p *printer) roles(m *model, blank bool) {
	related := map[string]bool{}
	for _, d := range m.order {
		for _, r := range d.relates {
			related[relatesKey(r)] = true
			if r.As != nil {
				related[refKey(r.As)] = true
			}
		}
	}
	for _, d := range preorder(m.roots("role"), nil) {
		if related[d.key] {
			continue
		}
		e := p.open(d, 0)
		e.close()
		if blank {
			p.nl()
		}
	}
}

func (p *printer) def1(m *model, d *tdef, depth int, attrOrder map[string]int) {
	e := p.open(d, depth)
	if d.abstract != nil {
		e.next()
		p.prop(d.abstract)
	}
	if d.kind == "attribute" {
		if v := valueOf(d); v != nil {
			if v.Legacy {
				e.text("datatype " + v.Type)
			} else {
				e.text("value " + v.Type)
			}
		}
	}
	byAttr := func(rs []*grammar.TypeRef) {
		sort.SliceStable(rs, func(i, j int) bool {
			a, aok := attrOrder[refKey(rs[i])]
			b, bok := attrOrder[refKey(rs[j])]
			switch {
			case aok && bok:
				return a < b
			case aok != bok:
				return aok
			}
			return refKey(rs[i]) < refKey(rs[j])
		})
	}
	inhKeys := inherited(d, func(a *tdef) []*grammar.TypeRef { return a.keys }, refKey)
	keys := own(d.keys, refKey, inhKeys)
	byAttr(keys)
	for _, r := range keys {
		e.next()
		p.str("key ")
		p.typeRef(r)
	}
	inhHas := inherited(d, func(a *tdef) []*grammar.TypeRef { return append(a.has[:len(a.has):len(a.has)], a.keys...) }, refKey)
	for _, r := range keys {
		inhHas[refKey(r)] = true
	}
	has := own(d.has, refKey, inhHas)
	byAttr(has)
	for _, r := range has {
		e.next()
		p.str("has ")
		p.typeRef(r)
	}
	plays := own(d.plays, playsKey, inherited(d, func(a *tdef) []*grammar.PlaysProp { return a.plays }, playsKey))
	sort.SliceStable(plays, func(i, j int) bool { return playsKey(plays[i]) < playsKey(plays[j]) })
	for _, pl := range plays {
		e.next()
		p.prop(pl)
	}
	p.relates(m, e, d)
	p.ruleBlocks(e, d)
	e.close()
	p.nl()
	for _, s := range d.subs {
		p.def1(m, s, depth+1, attrOrder)
	}
}

// relates prints d's own roles by label. A role whose supertype was set by a
// standalone 1.x statement ("guardian sub parent-role;") prints as
// "relates guardian as parent-role", as relates-as would have set it.
func (p *printer) relates(m *model, e *emitter, d *tdef) {
	rel := own(d.relates, relatesKey, nil)
	// keep the first declaration, but prefer one that says "as"
	for i, r := range rel {
		if r.As != nil {
			continue
		}
		for _, r2 := range d.relates {
			if relatesKey(r2) == relatesKey(r) && r2.As != nil {
				rel[i] = r2
				break
			}
		}
	}
	sort.SliceStable(rel, func(i, j int) bool { return relatesKey(rel[i]) < relatesKey(rel[j]) })
	for _, r := range rel {
		e.next()
		p.prop(r)
		if r.As == nil {
			if rd := m.defs[relatesKey(r)]; rd != nil && rd.kind == "role" && rd.parent != nil {
				p.str(" as ")
				p.typeRef(rd.parent.ref)
			}
		}
	}
}

// ruleBlocks prints a 1.x rule's "when {…}, then {…}".
func (p *printer) ruleBlocks(e *emitter, d *tdef) {
	if d.when != nil {
		e.text("when ")
		p.block(d.when, false)
	}
	if d.then != nil {
		if d.when != nil {
			p.str(", ")
		} else {
			e.next()
		}
		p.str("then ")
		p.block(d.then, false)
	}
}

// server2 prints m as TypeDB 2.29's schema export does.
func (p *printer) server2(m *model) {
	p.str("define")
	p.nl()
	for _, k := range kindOrder2 {
		if k == "role" {
			p.roles(m, false)
			continue
		}
		for _, d := range preorder(m.roots(k), nil) {
			p.def2(m, d)
		}
	}
}

func hasAnnot(as []*grammar.Annotation, name string) bool {
	for _, a := range as {
		if a.Name == name {
			return true
		}
	}
	return false
}

func (p *printer) def2(m *model, d *tdef) {
	if d.rule != nil {
		p.indent = 0
		p.ruleStmt(d.rule)
		p.nl()
		return
	}
	e := p.open(d, 0)
	if d.abstract != nil {
		e.next()
		p.prop(d.abstract)
	}
	if d.kind == "attribute" {
		if v := valueOf(d); v != nil {
			e.text("value " + v.Type)
		}
		if d.regex != nil {
			e.next()
			p.prop(d.regex)
		}
	}
	// An inherited ownership is left out unless it is specialised here.
	inhOwns := inherited(d, func(a *tdef) []*grammar.OwnsProp { return a.owns }, ownsKey)
	for _, o := range d.owns {
		if o.As != nil || len(o.Annots) > 0 {
			delete(inhOwns, ownsKey(o))
		}
	}
	owns := own(d.owns, ownsKey, inhOwns)
	rank := func(o *grammar.OwnsProp) int {
		switch {
		case hasAnnot(o.Annots, "key"):
			return 0
		case hasAnnot(o.Annots, "unique"):
			return 1
		}
		return 2
	}
	sort.SliceStable(owns, func(i, j int) bool {
		if ri, rj := rank(owns[i]), rank(owns[j]); ri != rj {
			return ri < rj
		}
		return ownsKey(owns[i]) < ownsKey(owns[j])
	})
	for _, o := range owns {
		e.next()
		p.prop(o)
	}
	p.relates(m, e, d)
	inhPlays := inherited(d, func(a *tdef) []*grammar.PlaysProp { return a.plays }, playsKey)
	for _, pl := range d.plays {
		if pl.As != nil {
			delete(inhPlays, playsKey(pl))
		}
	}
	plays := own(d.plays, playsKey, inhPlays)
	sort.SliceStable(plays, func(i, j int) bool { return playsKey(plays[i]) < playsKey(plays[j]) })
	for _, pl := range plays {
		e.next()
		p.prop(pl)
	}
	p.ruleBlocks(e, d)
	e.close()
}
