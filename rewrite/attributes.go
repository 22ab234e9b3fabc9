package rewrite

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// Section C, attribute hierarchies (reference rules 11, 14–16, 18). The
// policy, after example 03: a whole attribute hierarchy shares one value
// type; every attribute type with subtypes is abstract; and ownership of an
// abstract attribute type moves to its concrete subtypes.

var rootKinds = &Rule{
	Name: "root-kinds",
	Refs: "11",
	Doc: `sub thing (invalid in 1.x and 2.x) gets a real root

	x sub thing, relates a;     →   x sub relation, relates a;
	y sub thing, value long;    →   y sub attribute, value long;
	z sub thing;                →   z sub entity;

The root is read off the statement: relates makes a relation, a value type
an attribute, anything else an entity. Roles (sub role) and rules (sub
rule) are left to their own rules.`,
	Apply: func(p *Pass) {
		kindOf := map[string]string{}
		for _, s := range p.Schema.Stmts {
			ts, ok := s.(*grammar.TypeStmt)
			if !ok || ts.Subject == nil {
				continue
			}
			for _, pr := range ts.Props {
				switch pr.(type) {
				case *grammar.RelatesProp:
					kindOf[ts.Subject.Name] = "relation"
				case *grammar.ValueTypeProp, *grammar.RegexProp:
					if kindOf[ts.Subject.Name] == "" {
						kindOf[ts.Subject.Name] = "attribute"
					}
				}
			}
		}
		p.EachProp(func(s *grammar.TypeStmt, c *Cursor[grammar.Prop]) {
			sp, ok := c.Node().(*grammar.SubProp)
			if !ok || sp.Type.Var || sp.Type.Name != "thing" || sp.Type.Scope != "" {
				return
			}
			k := kindOf[s.Subject.Name]
			if k == "" {
				k = "entity"
			}
			sp.Type = &grammar.TypeRef{NamePos: sp.Type.NamePos, Name: k}
			p.Report(sp, diag.Approximated, "%s sub thing written as sub %s", s.Subject.Name, k).
				Detail = fmt.Sprintf("Neither 1.x nor 2.x accepts a direct subtype of thing, so this statement never loaded. %s is made a%s %s from its properties; change the root if that is wrong.", s.Subject.Name, kindArticle(k), k)
		})
	},
}

func kindArticle(k string) string {
	if strings.HasPrefix(k, "a") || strings.HasPrefix(k, "e") {
		return "n"
	}
	return ""
}

var attributeValueTypes = &Rule{
	Name: "attribute-value-types",
	Refs: "15",
	Doc: `every attribute hierarchy gets one value type

	id sub attribute, abstract;          →   id sub attribute, abstract, value string;
	email sub id, value string;              email sub id, value string;

	identifier sub attribute, abstract;  →   (identifier dropped)
	email sub identifier, value string;      email sub attribute, value string;
	staff-number sub identifier, value long; staff-number sub attribute, value long;

	code sub attribute, value string;    →   code sub attribute, value string;
	num sub code, value long;                num sub attribute, value long;

2.x needs a value type on every direct subtype of attribute (TYW11) and
the same one down the hierarchy (TYW10). A type without one takes the
value type its subtypes agree on (string when none declares one). When they
disagree, the type is dropped: its subtypes move under attribute, take over
its own ownerships and roles, and its owners own the subtypes instead. A
subtype whose value type differs from its parent's moves under attribute.`,
	Apply: func(p *Pass) {
		m := p.Model()
		if m == nil {
			return
		}
		vt := map[*schema.Type]string{} // value types decided here
		own := func(t *schema.Type) string {
			if v, ok := vt[t]; ok {
				return v
			}
			if t.Value != nil {
				return t.Value.Type
			}
			return ""
		}
		for _, r := range m.TypesOf(concept.Attribute) {
			if r.IsImplicit() || r.Super() != m.Root(concept.Attribute) || r.Value != nil {
				continue
			}
			p.settleValueType(r, vt, own)
		}
		// Children whose value type differs from what they inherit.
		for _, c := range m.TypesOf(concept.Attribute) {
			sup := c.Super()
			if c.IsImplicit() || sup == nil || sup.IsRoot() || own(c) == "" || p.defStmt(c.Label) == nil {
				continue
			}
			inh := ""
			for _, s := range c.Supertypes() {
				if v := own(s); v != "" {
					inh = v
					break
				}
			}
			if inh == "" || inh == own(c) {
				continue
			}
			p.reparent(c, sup)
			p.Report(p.defStmt(c.Label).Subject, diag.Approximated, "%s (value %s) moved from under %s (value %s) to attribute", c.Label, own(c), sup.Label, inh).
				Detail = fmt.Sprintf("2.x requires a subtype to have its supertype's value type (TYW10). %s is now a direct subtype of attribute and keeps the ownerships and roles it inherited; queries that matched %s to find %s values must name %s as well.", c.Label, sup.Label, c.Label, c.Label)
		}
	},
}

// settleValueType gives root attribute type r (no value type of its own) a
// value type, or drops it when its subtypes disagree. It returns the labels
// that stand for r afterwards: r itself, or the subtypes that replace it.
func (p *Pass) settleValueType(r *schema.Type, vt map[*schema.Type]string, own func(*schema.Type) string) []string {
	seen := map[string]bool{}
	var kinds []string
	for _, s := range r.Subtypes() {
		if v := own(s); v != "" && !seen[v] {
			seen[v] = true
			kinds = append(kinds, v)
		}
	}
	def := p.defStmt(r.Label)
	if def == nil {
		return nil
	}
	switch len(kinds) {
	case 0, 1:
		v := "string"
		if len(kinds) == 1 {
			v = kinds[0]
		}
		vt[r] = v
		p.InsertProp(def, p.afterSubAbstract(def), &grammar.ValueTypeProp{Keyword: def.Semi, Type: v, TypePos: def.Semi})
		if len(kinds) == 1 {
			p.Report(def.Subject, diag.Translated, "%s given value %s, the value type of its subtypes", r.Label, v)
			return []string{r.Label}
		}
		p.Report(def.Subject, diag.Approximated, "%s given value string: neither it nor any subtype declares a value type", r.Label).
			Detail = fmt.Sprintf("2.x needs a value type on every attribute type (TYW11). %s could hold no values in 1.x, so string changes no data; pick another value type by hand if %s is meant to get values.", r.Label, r.Label)
		return []string{r.Label}
	}
	// The subtypes disagree: drop r.
	var children, stand []string
	for _, c := range r.DirectSubtypes() {
		if p.defStmt(c.Label) == nil {
			continue
		}
		children = append(children, c.Label)
		p.reparent(c, r)
		if own(c) == "" {
			stand = append(stand, p.settleValueType(c, vt, own)...)
		} else {
			stand = append(stand, c.Label)
		}
	}
	p.replaceOwners(r.Label, stand, r.Model())
	for _, s := range p.stmtsOfLabel(r.Label) {
		p.DeleteStmt(s)
	}
	p.Report(def.Subject, diag.Approximated, "attribute type %s dropped: its subtypes have different value types (%s)", r.Label, strings.Join(kinds, ", ")).
		Detail = fmt.Sprintf("2.x gives a whole attribute hierarchy one value type. %s now sub attribute directly and take over %s's ownerships and roles, and owners of %s own them instead. %s had no value type, so it had no instances and no data is lost; queries and rules that name %s must name the subtypes instead.", strings.Join(children, ", "), r.Label, r.Label, r.Label, r.Label)
	p.RuleBodies(func(rule string, _ grammar.Stmt, b *grammar.Block, _ bool) {
		blockRefs(b, func(ref *grammar.TypeRef, _ refKind, _ *grammar.TypeStmt) {
			if ref.Name == r.Label && ref.Scope == "" {
				p.Report(ref, diag.Lost, "rule %s names attribute type %s, which no longer exists", rule, r.Label).
					Detail = fmt.Sprintf("Rewrite the rule for each subtype of %s (%s), or with a disjunction over them (TypeDB 2.14+).", r.Label, strings.Join(children, ", "))
			}
		})
	})
	return stand
}

// reparent moves attribute type c from under old to directly under
// attribute, copying the ownerships and roles c inherited from old and its
// supertypes onto c.
func (p *Pass) reparent(c, old *schema.Type) {
	def := p.defStmt(c.Label)
	sp := subProp(def)
	if sp == nil {
		return
	}
	sp.Type = &grammar.TypeRef{NamePos: sp.Type.NamePos, Name: "attribute"}
	p.MarkChanged()
	have := map[string]bool{}
	for _, s := range p.stmtsOfLabel(c.Label) {
		for _, pr := range s.Props {
			have[propKey(pr)] = true
		}
	}
	if own, _ := c.ValueType(); own != "" && c.Value == nil {
		// It inherited its value type: state it.
		p.InsertProp(def, sp, &grammar.ValueTypeProp{Keyword: def.Semi, Type: own, TypePos: def.Semi})
	}
	for _, a := range append([]*schema.Type{old}, old.Supertypes()...) {
		if a.IsRoot() {
			break
		}
		for _, s := range p.stmtsOfLabel(a.Label) {
			for _, pr := range s.Props {
				var cp grammar.Prop
				switch pr := pr.(type) {
				case *grammar.OwnsProp:
					cp = &grammar.OwnsProp{Owns: def.Semi, Attr: label(pr.Attr.Name), Annots: cloneAnnots(pr.Annots)}
				case *grammar.HasProp:
					cp = &grammar.OwnsProp{Owns: def.Semi, Attr: label(pr.Attr.Name)}
				case *grammar.PlaysProp:
					cp = &grammar.PlaysProp{Plays: def.Semi, Role: &grammar.TypeRef{Scope: pr.Role.Scope, Name: pr.Role.Name}}
				default:
					continue
				}
				if k := propKey(cp); !have[k] {
					have[k] = true
					p.InsertProp(def, nil, cp)
				}
			}
		}
	}
}

// propKey identifies an ownership or played role for duplicate checks.
func propKey(pr grammar.Prop) string {
	switch pr := pr.(type) {
	case *grammar.OwnsProp:
		return "owns " + pr.Attr.Name
	case *grammar.HasProp:
		return "owns " + pr.Attr.Name
	case *grammar.KeyProp:
		return "owns " + pr.Attr.Name
	case *grammar.PlaysProp:
		return "plays " + pr.Role.String()
	}
	return ""
}

func cloneAnnots(as []*grammar.Annotation) []*grammar.Annotation {
	var out []*grammar.Annotation
	for _, a := range as {
		c := *a
		out = append(out, &c)
	}
	return out
}

// replaceOwners rewrites every "owns attr" of the merged define into one
// "owns S" per label in subs (see replaceOwnsAt).
func (p *Pass) replaceOwners(attr string, subs []string, m *schema.Model) {
	for _, s := range append([]grammar.Stmt(nil), p.Schema.Stmts...) {
		ts, ok := s.(*grammar.TypeStmt)
		if !ok || ts.Subject == nil || ts.Subject.Name == attr {
			continue
		}
		for _, pr := range append([]grammar.Prop(nil), ts.Props...) {
			if o, ok := pr.(*grammar.OwnsProp); ok && !o.Attr.Var && o.Attr.Name == attr {
				p.replaceOwnsAt(ts, o, subs, m)
			}
		}
	}
}

// afterSubAbstract returns the property after which a new value type or
// abstract goes: after "sub" and "abstract" when present.
func (p *Pass) afterSubAbstract(s *grammar.TypeStmt) grammar.Prop {
	var after grammar.Prop
	for _, pr := range s.Props {
		switch pr.(type) {
		case *grammar.SubProp, *grammar.AbstractProp:
			after = pr
		default:
			return after
		}
	}
	return after
}

var abstractAttributeSupertypes = &Rule{
	Name: "abstract-attribute-supertypes",
	Refs: "14",
	Doc: `attribute supertypes become abstract, or flattened by data

	event-date sub attribute, value datetime;   →   event-date sub attribute, abstract, value datetime;
	birth-date sub event-date;                      birth-date sub event-date;
	flattened:                                  →   event-date sub attribute, value datetime;
	                                                birth-date sub attribute, value datetime;

2.x lets only abstract attribute types have subtypes (TYW15), so a
concrete 1.x attribute type with subtypes changes in one of two ways:

  abstract  the supertype becomes abstract; values of the supertype itself
            cannot be imported; its owners own its concrete subtypes
            instead (abstract-attribute-owners)
  flatten   the supertype stays concrete and each direct subtype becomes
            an attribute type of its own, keeping what it inherited; every
            value imports, but "has event-date" no longer matches
            birth-date values; owners of the supertype also own the
            subtypes whose values they hold

--attribute-hierarchy chooses; its default, auto, lets an export of the old
database decide (--data): flatten when the supertype has values of its
own, abstract when only its subtypes do. Without data, auto makes it
abstract and says so. Each choice is reported with the counts behind it.`,
	Apply: func(p *Pass) {
		m := p.Current()
		for _, t := range m.TypesOf(concept.Attribute) {
			if t.IsAbstract() || len(t.DirectSubtypes()) == 0 {
				continue
			}
			def := p.defStmt(t.Label)
			if def == nil {
				continue
			}
			var subs []string
			for _, s := range t.DirectSubtypes() {
				subs = append(subs, s.Label)
			}
			flatten, why := p.hierarchyChoice(t)
			if flatten {
				p.flattenAttribute(t, def, subs, why)
				continue
			}
			p.InsertProp(def, subProp(def), &grammar.AbstractProp{Abstract: def.Semi})
			detail := fmt.Sprintf("2.x lets only abstract attribute types have subtypes (TYW15). Values of type %s itself (not of a subtype) cannot be imported: before exporting, move them to a subtype, or accept that the importer rejects them. Owners of %s now own its concrete subtypes.", t.Label, t.Label)
			c := p.data()
			if c == nil && p.Opts.AttributeHierarchy == HierarchyAuto {
				p.Report(def.Subject, diag.Approximated, "attribute type %s made abstract: it has subtypes (%s)", t.Label, strings.Join(subs, ", ")).
					Detail = detail + fmt.Sprintf(" Data would decide: with --data EXPORT, convert flattens the hierarchy instead when the export holds values of %s itself; --attribute-hierarchy flatten chooses that without data.", t.Label)
				continue
			}
			p.Decide(def.Subject, diag.Approximated, "attribute type %s made abstract: it has subtypes (%s); %s", t.Label, strings.Join(subs, ", "), why).
				Detail = detail
			if own := p.ownValues(t); own > 0 {
				p.Decide(def.Subject, diag.Lost, "%d values of %s itself will not import: %s is abstract", own, t.Label, t.Label).
					Detail = fmt.Sprintf("The items: %s. --attribute-hierarchy flatten (or auto, with this export) keeps them.", examples(c, t.Label))
			}
		}
	},
}

// hierarchyChoice decides whether concrete attribute type t, which has
// subtypes, is flattened, and says why.
func (p *Pass) hierarchyChoice(t *schema.Type) (flatten bool, why string) {
	c := p.data()
	counts := ""
	if c != nil {
		counts = fmt.Sprintf("%s holds %s of %s itself and %d of its subtypes", c.Name, plural(c.Instances[t.Label], "value"), t.Label, instances(c, t.Subtypes()))
	}
	switch p.Opts.AttributeHierarchy {
	case HierarchyAbstract, HierarchyFlatten:
		why = "--attribute-hierarchy " + p.Opts.AttributeHierarchy.String()
		if counts != "" {
			why += "; " + counts
		}
		return p.Opts.AttributeHierarchy == HierarchyFlatten, why
	}
	if c == nil {
		return false, ""
	}
	return p.ownValues(t) > 0, "the data decides: " + counts
}

// ownValues counts the values of t itself in the data (0 without data).
func (p *Pass) ownValues(t *schema.Type) int64 {
	if c := p.data(); c != nil {
		return c.Instances[t.Label]
	}
	return 0
}

// flattenAttribute keeps attribute type t concrete and makes each of its
// direct subtypes an attribute type of its own (reparent keeps what they
// inherited); owners of t also own the flattened subtypes whose values
// they hold (all of them, without data), and a key of t moves to the one
// subtype that holds all of an owner's key values.
func (p *Pass) flattenAttribute(t *schema.Type, def *grammar.TypeStmt, subs []string, why string) {
	for _, c := range t.DirectSubtypes() {
		if p.defStmt(c.Label) != nil {
			p.reparent(c, t)
		}
	}
	p.Decide(def.Subject, diag.Approximated, "attribute type %s kept concrete, its subtypes %s made attribute types of their own; %s", t.Label, strings.Join(subs, ", "), why).
		Detail = fmt.Sprintf("2.x lets only abstract attribute types have subtypes (TYW15). Flattening keeps every value of %s and of its subtypes importable under its own label, but \"has %s\" no longer matches values of %s: queries and rules that meant them must name them.", t.Label, t.Label, strings.Join(subs, ", "))
	m := t.Model()
	c := p.data()
	for _, s := range append([]grammar.Stmt(nil), p.Schema.Stmts...) {
		ts, ok := s.(*grammar.TypeStmt)
		if !ok || ts.Subject == nil || ts.Subject.Var || ts.Subject.Name == t.Label {
			continue
		}
		owner := m.Type(ts.Subject.Name)
		for _, pr := range append([]grammar.Prop(nil), ts.Props...) {
			o, ok := pr.(*grammar.OwnsProp)
			if !ok || o.Attr.Var || o.Attr.Name != t.Label || owner == nil {
				continue
			}
			p.ownFlattened(ts, o, owner, t, c)
		}
	}
}

// ownFlattened adds to owner's ownership o of flattened t the ownerships
// of t's former subtypes that owner's data holds.
func (p *Pass) ownFlattened(ts *grammar.TypeStmt, o *grammar.OwnsProp, owner, t *schema.Type, c *census.Census) {
	have := map[string]bool{}
	for _, s2 := range p.stmtsOfLabel(ts.Subject.Name) {
		for _, pr := range s2.Props {
			have[propKey(pr)] = true
		}
	}
	var added, held []string
	keyTo := ""
	after := grammar.Prop(o)
	for _, sub := range t.DirectSubtypes() {
		var n int64
		if c != nil {
			n = ownership(c, family(owner), family(sub)).With
			if n == 0 {
				continue
			}
			held = append(held, fmt.Sprintf("%d with %s", n, sub.Label))
		}
		if hasAnnot(o, "key") && c != nil && ownership(c, family(owner), []*schema.Type{t}).With == 0 && n == instances(c, family(owner)) {
			keyTo = sub.Label
		}
		if have["owns "+sub.Label] {
			continue
		}
		no := &grammar.OwnsProp{Owns: o.Owns, Attr: &grammar.TypeRef{NamePos: o.Attr.NamePos, Name: sub.Label}}
		p.InsertProp(ts, after, no)
		after = no
		added = append(added, sub.Label)
	}
	if keyTo != "" {
		for _, pr := range ts.Props {
			if no, ok := pr.(*grammar.OwnsProp); ok && no.Attr.Name == keyTo && !hasAnnot(no, "key") {
				no.Annots = append(no.Annots, &grammar.Annotation{At: o.Owns, Name: "key"})
			}
		}
		dropAnnot(o, "key")
	}
	switch {
	case len(added) == 0 && keyTo == "":
		return
	case c == nil:
		p.Decide(o, diag.Approximated, "%s owns %s: now also owns its flattened subtypes %s", owner.Label, t.Label, strings.Join(added, ", "))
	default:
		d := p.Decide(o, diag.Approximated, "%s owns %s: now also owns %s, whose values %s's instances hold in %s (%s)", owner.Label, t.Label, strings.Join(added, ", "), owner.Label, c.Name, strings.Join(held, ", "))
		if keyTo != "" {
			d.Message += fmt.Sprintf("; its key moves to %s, which holds every key value", keyTo)
		}
	}
}

var abstractAttributeOwners = &Rule{
	Name: "abstract-attribute-owners",
	Refs: "14, 16",
	Doc: `owners of abstract attribute types own the concrete subtypes

	person sub entity, owns event-date;   →   person sub entity, owns birth-date, owns death-date;

A type that is concrete (or has concrete subtypes) may not own an abstract
attribute type in 2.x (TYW07). Each such ownership becomes one ownership of
every concrete subtype the owner does not own yet. A @key carries over only
when there is one such subtype (and its value type allows a key): with
several, a key on each would demand one of every subtype, so the key is
dropped and reported lost. Abstract owners whose subtypes are all abstract
keep theirs.`,
	Apply: func(p *Pass) {
		m := p.Current()
		for _, s := range append([]grammar.Stmt(nil), p.Schema.Stmts...) {
			ts, ok := s.(*grammar.TypeStmt)
			if !ok || ts.Subject == nil || ts.Subject.Var {
				continue
			}
			owner := m.Type(ts.Subject.Name)
			if owner == nil || !needsConcreteOwns(owner) {
				continue
			}
			for _, pr := range append([]grammar.Prop(nil), ts.Props...) {
				o, ok := pr.(*grammar.OwnsProp)
				if !ok || o.Attr.Var {
					continue
				}
				a := m.Type(o.Attr.Name)
				if a == nil || !a.IsAbstract() || a.Kind() != concept.Attribute {
					continue
				}
				var conc []string
				for _, sub := range a.Subtypes() {
					if !sub.IsAbstract() {
						conc = append(conc, sub.Label)
					}
				}
				if len(conc) == 0 {
					p.DeleteProp(ts, o)
					p.Report(o, diag.Lost, "%s owns abstract attribute type %s, which has no concrete subtype: ownership dropped%s", owner.Label, a.Label, p.ownershipNote(owner, a)).
						Detail = fmt.Sprintf("A concrete type may not own an abstract attribute type in 2.x (TYW07), and %s has no concrete subtype to own instead. Make %s abstract, or define a concrete subtype of %s and own that.", a.Label, owner.Label, a.Label)
					continue
				}
				p.replaceOwnsAt(ts, o, conc, m)
				p.Report(o, diag.Approximated, "%s owns abstract attribute type %s: now owns its concrete subtypes %s", owner.Label, a.Label, strings.Join(conc, ", ")).
					Detail = fmt.Sprintf("A concrete type may not own an abstract attribute type in 2.x (TYW07). %s now owns each concrete subtype of %s; the ownerships are separate, and queries for \"has %s\" still find them all.", owner.Label, a.Label, a.Label)
			}
		}
	},
}

// needsConcreteOwns reports whether t, or a subtype of t, is concrete.
func needsConcreteOwns(t *schema.Type) bool {
	if !t.IsAbstract() {
		return true
	}
	for _, s := range t.Subtypes() {
		if !s.IsAbstract() {
			return true
		}
	}
	return false
}

// replaceOwnsAt replaces ownership o in ts by one "owns S" per label in
// subs, skipping those the owner already declares. A key carries over
// where the subtype's value type allows one (types are looked up in m).
func (p *Pass) replaceOwnsAt(ts *grammar.TypeStmt, o *grammar.OwnsProp, subs []string, m *schema.Model) {
	have := map[string]bool{}
	for _, s2 := range p.stmtsOfLabel(ts.Subject.Name) {
		for _, pr := range s2.Props {
			have[propKey(pr)] = true
		}
	}
	after := grammar.Prop(o)
	// A key on the supertype meant "exactly one of any subtype"; a @key on
	// each of several subtypes would demand one of every subtype, and the
	// import would fail with a missing key. Only a single subtype keeps it.
	key := hasAnnot(o, "key")
	keyOn := "" // the one subtype that keeps a key spread over several
	if key && len(subs) > 1 {
		if keyOn = p.keyHolder(ts.Subject.Name, subs, m); keyOn != "" {
			p.Decide(o, diag.Approximated, "key %s on %s moved to %s: in %s every %s key value is a %s", o.Attr.Name, ts.Subject.Name, keyOn, p.data().Name, ts.Subject.Name, keyOn).
				Detail = fmt.Sprintf("In 1.x each %s had exactly one %s, of any subtype; the export only uses %s, so the key stays on it (keys-from-data checks that it holds). Later %s values of another subtype are no key.", ts.Subject.Name, o.Attr.Name, keyOn, o.Attr.Name)
		} else {
			key = false
			p.Report(o, diag.Lost, "key %s on %s dropped: it spreads over %d subtypes (%s), and 2.x has no key across types", o.Attr.Name, ts.Subject.Name, len(subs), strings.Join(subs, ", ")).
				Detail = fmt.Sprintf("In 1.x each %s had exactly one %s, of any subtype. A @key on each of the %d subtypes would demand one of every subtype, so existing data would fail to import (THW06). The ownerships are kept without @key; enforce uniqueness in the application, or key a single concrete attribute type.", ts.Subject.Name, o.Attr.Name, len(subs))
		}
	}
	for _, sub := range subs {
		if have["owns "+sub] {
			continue
		}
		no := &grammar.OwnsProp{Owns: o.Owns, Attr: &grammar.TypeRef{NamePos: o.Attr.NamePos, Name: sub}}
		if key && (keyOn == "" || sub == keyOn) {
			vt := ""
			if t := m.Type(sub); t != nil {
				vt, _ = t.ValueType()
			}
			if why := unkeyable(vt, p.Opts); why == "" {
				no.Annots = []*grammar.Annotation{{At: o.Owns, Name: "key"}}
			} else {
				p.unkeyableLost(o, ts.Subject.Name, sub, vt, why)
			}
		}
		p.InsertProp(ts, after, no)
		after = no
	}
	p.DeleteProp(ts, o)
}

// keyHolder returns the one label of subs whose values owner's instances
// (and its subtypes') hold in the data, or "" when they hold several, none,
// or there is no data.
func (p *Pass) keyHolder(owner string, subs []string, m *schema.Model) string {
	c, ot := p.data(), m.Type(owner)
	if c == nil || ot == nil {
		return ""
	}
	holder := ""
	for _, sub := range subs {
		st := m.Type(sub)
		if st == nil || ownership(c, family(ot), []*schema.Type{st}).With == 0 {
			continue
		}
		if holder != "" {
			return ""
		}
		holder = sub
	}
	return holder
}

var regexOnString = &Rule{
	Name: "regex-on-string",
	Refs: "18",
	Doc: `regex stays only on string attribute types

	code sub attribute, value string, regex "^[A-Z]+$";   →   unchanged
	n sub attribute, value long, regex "^[0-9]+$";        →   n sub attribute, value long;

2.x accepts regex only on string attribute types (1.x rejected the others
too, with REGEX_NOT_STRING, so this only drops a constraint that never
loaded). A single-quoted regex stays single-quoted.`,
	Apply: func(p *Pass) {
		m := p.Current()
		p.EachProp(func(s *grammar.TypeStmt, c *Cursor[grammar.Prop]) {
			r, ok := c.Node().(*grammar.RegexProp)
			if !ok {
				return
			}
			t := m.Type(s.Subject.Name)
			if t == nil {
				return
			}
			vt, _ := t.ValueType()
			// A type no given file defines (Unknown) keeps its regex:
			// nothing says it is wrong, and the checks report the type.
			if t.Kind() == concept.Unknown || t.Kind() == concept.Attribute && (vt == "string" || vt == "") {
				return
			}
			c.Delete()
			what := "has value type " + vt
			if t.Kind() != concept.Attribute {
				what = "is no attribute type"
			}
			p.Report(r, diag.Lost, "regex %s dropped: %s %s", r.Pattern.Raw, s.Subject.Name, what).
				Detail = fmt.Sprintf("TypeDB only checks a regex on string attribute types. Check the values of %s in the application, or make it a string attribute type.", s.Subject.Name)
		})
	},
}
