package rewrite

import (
	"fmt"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
)

var hasToOwns = &Rule{
	Name: "has-to-owns",
	Refs: "12",
	Doc: `type-level has becomes owns

	person sub entity, has name;   →   person sub entity, owns name;

Thing-level has in rule bodies ($x has name $n) is unchanged; the
type-level "$t has name;" of a rule body is when-patterns' job.`,
	Apply: func(p *Pass) {
		p.EachProp(func(s *grammar.TypeStmt, c *Cursor[grammar.Prop]) {
			h, ok := c.Node().(*grammar.HasProp)
			if !ok || isImplicitLabel(s.Subject.Name) {
				return // implicit-types removes the statement
			}
			c.Replace(&grammar.OwnsProp{Owns: h.Has, Attr: h.Attr})
			p.Report(h, diag.Translated, "%s has %s written as owns", s.Subject.Name, h.Attr.Name)
		})
	},
}

var keyToOwnsKey = &Rule{
	Name: "key-to-owns-key",
	Refs: "13",
	Doc: `key becomes owns … @key where the value type allows it

	person sub entity, key email;        →   person sub entity, owns email @key;
	company has score, key score;        →   company owns score;           (score is double: key lost)
	company key verified;                →   company owns verified @key;   (boolean: 2.18+ only)

TypeDB 2.x keys long, string and datetime attributes, and boolean ones
from 2.18; never double (version.Keyable; @unique takes the same value
types, so it cannot stand in). With --data the report says whether the
export kept the key it drops. A type that has and keys the same attribute gets
one "owns A @key". When an override is ever written with a key, the order
is "owns A as B @key" (the printer's fixed order). "$t key email;" in a
rule body is when-patterns' job.`,
	Apply: func(p *Pass) {
		m := p.Model()
		keyed := map[string]map[string]bool{} // owner -> attr -> keyed
		p.EachProp(func(s *grammar.TypeStmt, c *Cursor[grammar.Prop]) {
			k, ok := c.Node().(*grammar.KeyProp)
			if !ok || isImplicitLabel(s.Subject.Name) {
				return
			}
			owner, attr := s.Subject.Name, k.Attr.Name
			vt := ""
			if t := m.Type(attr); t != nil {
				vt, _ = t.ValueType()
			}
			o := &grammar.OwnsProp{Owns: k.Key, Attr: k.Attr}
			if why := unkeyable(vt, p.Opts); why != "" {
				c.Replace(o)
				p.unkeyableLost(k, owner, attr, vt, why)
			} else {
				o.Annots = []*grammar.Annotation{{At: k.Key, Name: "key"}}
				c.Replace(o)
				p.Report(k, diag.Translated, "key %s on %s written as owns %s @key", attr, owner, attr)
				if keyed[owner] == nil {
					keyed[owner] = map[string]bool{}
				}
				keyed[owner][attr] = true
			}
		})
		// 1.x let "has A" stand next to "key A" (the server kept the key);
		// 2.x takes one ownership.
		p.EachProp(func(s *grammar.TypeStmt, c *Cursor[grammar.Prop]) {
			o, ok := c.Node().(*grammar.OwnsProp)
			if !ok || hasAnnot(o, "key") || !keyed[s.Subject.Name][o.Attr.Name] {
				return
			}
			c.Delete()
			p.Report(o, diag.Translated, "has %s merged into the key ownership of %s", o.Attr.Name, s.Subject.Name)
		})
	},
}

// unkeyable says why the target cannot key attributes of value type vt
// (version.Keyable), or "" when it can (or the value type is unknown).
func unkeyable(vt string, o Options) string {
	if vt == "" || version.Keyable(o.Target, vt) {
		return ""
	}
	if version.Keyable(version.MustParse("2"), vt) {
		return fmt.Sprintf("TypeDB before 2.18 cannot key a %s attribute", vt)
	}
	return fmt.Sprintf("TypeDB 2.x cannot key a %s attribute", vt)
}

// unkeyableLost reports the key at k (of owner on attr) dropped because the target cannot
// key its value type. With data, the report says whether the export kept
// the key, and it is a decision: @unique cannot stand in, since 2.x
// refuses it on the same value types (version.Keyable).
func (p *Pass) unkeyableLost(k grammar.Node, owner, attr, vt, why string) {
	var d *diag.Diagnostic
	ot, at := p.Model().Type(owner), p.Model().Type(attr)
	// The census counts ownerships by exact type: a key on a type with
	// subtypes (values of any of them) is not counted as one.
	if c := p.data(); c != nil && ot != nil && at != nil && len(at.Subtypes()) == 0 {
		counts := keyCountsOf(ot, attr, c)
		d = p.Decide(k, diag.Lost, "key %s on %s dropped: %s; written as owns %s; in %s: %s", attr, owner, why, attr, c.Name, counts.words(owner, attr))
	} else {
		d = p.Report(k, diag.Lost, "key %s on %s dropped: %s; written as owns %s", attr, owner, why, attr)
	}
	d.Detail = keyLostDetail(attr, vt, p.Opts)
}

func hasAnnot(o *grammar.OwnsProp, name string) bool {
	for _, a := range o.Annots {
		if a.Name == name {
			return true
		}
	}
	return false
}

// dropAnnot removes the first annotation called name from o.
func dropAnnot(o *grammar.OwnsProp, name string) {
	for i, a := range o.Annots {
		if a.Name == name {
			o.Annots = append(o.Annots[:i:i], o.Annots[i+1:]...)
			return
		}
	}
}

// keyLostDetail says what a key dropped for its value type vt means, and
// what keeps it.
func keyLostDetail(attr, vt string, o Options) string {
	d := "The ownership is kept without @key, so TypeDB no longer enforces that each owner has exactly one " + attr + " and that no two owners share one. Check that in the application, or give " + attr + " a keyable value type (long, string or datetime) and convert the data."
	switch {
	case version.Keyable(version.MustParse("2"), vt):
		d += fmt.Sprintf(" Converting with --to 2.18 or later keeps the key on a %s attribute.", vt)
	case version.HasUnique(o.Target):
		d += fmt.Sprintf(" @unique is no way out: TypeDB refuses it on %s attributes like @key.", vt)
	}
	return d
}
