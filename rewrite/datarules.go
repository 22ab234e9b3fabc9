package rewrite

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// Where 1.x and 2.x differ in meaning, some choices are right for one
// database and wrong for another; Options.Data (a census of the export)
// lets the data decide. Every decision is reported with the counts that
// drove it, and listed in Result.Decisions.

// HierarchyPolicy says what becomes of a concrete attribute type with
// subtypes, which 2.x does not allow (TYW15).
type HierarchyPolicy int

const (
	// HierarchyAuto flattens when the export holds values of the
	// supertype itself and makes it abstract otherwise; without data it
	// makes it abstract.
	HierarchyAuto HierarchyPolicy = iota
	// HierarchyAbstract makes the supertype abstract: its own values
	// cannot be imported.
	HierarchyAbstract
	// HierarchyFlatten keeps the supertype concrete and makes each
	// subtype an attribute type of its own: every value imports, but
	// "has super" no longer matches the subtypes' values.
	HierarchyFlatten
)

// HierarchyPolicies are the names ParseHierarchyPolicy accepts, in order.
var HierarchyPolicies = []string{"auto", "abstract", "flatten"}

func (h HierarchyPolicy) String() string {
	if int(h) < len(HierarchyPolicies) {
		return HierarchyPolicies[h]
	}
	return fmt.Sprintf("HierarchyPolicy(%d)", int(h))
}

// ParseHierarchyPolicy reads a policy name.
func ParseHierarchyPolicy(s string) (HierarchyPolicy, error) {
	for i, n := range HierarchyPolicies {
		if s == n {
			return HierarchyPolicy(i), nil
		}
	}
	return 0, fmt.Errorf("attribute hierarchy policy %q: want %s", s, strings.Join(HierarchyPolicies, ", "))
}

// CensusOptions returns what a census of the data of files, written in
// model language lang (the loader's verdict: load.Lang.SchemaLang), must
// count for the conversion of files (census.Options.Keys and Regex): key
// uniqueness for every attribute type some type keys and its subtypes,
// where a key may move, and the values of each attribute type with a regex
// that do not match it, judged by the matcher regex makes of the regex
// literal (check.RegexMatcher, the check engine's reading).
func CensusOptions(regex func(literal string) func([]byte) (match, ok bool), lang schema.Lang, files ...*grammar.File) census.Options {
	m, _ := schema.Build(lang, files...)
	keys := map[string]bool{}
	regexes := map[string]func([]byte) (bool, bool){}
	if m != nil {
		for _, t := range m.Types() {
			if t.Regex != nil && t.Regex.Node != nil {
				regexes[t.Label] = regex(t.Regex.Node.Pattern.Raw)
			}
			for _, o := range t.Owns {
				if !o.Key && !o.Unique {
					continue
				}
				keys[o.Attr] = true
				if a := o.AttrType(); a != nil {
					for _, s := range a.Subtypes() {
						keys[s.Label] = true
					}
				}
			}
		}
	}
	return census.Options{
		Keys:  func(a string) bool { return keys[a] },
		Regex: func(a string) func([]byte) (bool, bool) { return regexes[a] },
	}
}

// Decide is Report for a choice made from the data: it is also listed in
// Result.Decisions.
func (p *Pass) Decide(n grammar.Node, class diag.Class, format string, args ...any) *diag.Diagnostic {
	d := p.Report(n, class, format, args...)
	p.conv.decisions = append(p.conv.decisions, d)
	return d
}

// data returns the census, or nil.
func (p *Pass) data() *census.Census { return p.Opts.Data }

// family is t and its subtypes.
func family(t *schema.Type) []*schema.Type { return append([]*schema.Type{t}, t.Subtypes()...) }

// instances counts the items of the types in ts.
func instances(c *census.Census, ts []*schema.Type) int64 {
	var n int64
	for _, t := range ts {
		n += c.Instances[t.Label]
	}
	return n
}

// ownership sums the ownership counts of owners ts for attributes as.
func ownership(c *census.Census, ts, as []*schema.Type) census.Count {
	var cnt census.Count
	for _, t := range ts {
		for _, a := range as {
			cnt.Merge(c.Owns[[2]string{t.Label, a.Label}])
		}
	}
	return cnt
}

// examples names the first items of label in the export, for a report.
func examples(c *census.Census, label string) string {
	var parts []string
	for _, ex := range c.Examples[label] {
		parts = append(parts, ex.String())
	}
	if n := c.Instances[label]; n > int64(len(parts)) && len(parts) > 0 {
		parts = append(parts, fmt.Sprintf("and %d more", n-int64(len(parts))))
	}
	return strings.Join(parts, "; ")
}

// dataNote is " (the export holds …)" with the count of what n items of
// what cover, or "" without data.
func (p *Pass) dataNote(n int64, what string) string {
	if p.data() == nil {
		return ""
	}
	return fmt.Sprintf("; %s holds %d %s", p.data().Name, n, what)
}

// implicitItems counts the export's items of implicit type label: its
// instances, and for a @has- or @key- relation's role the relations.
func (p *Pass) implicitItems(label string) int64 {
	if c := p.data(); c != nil {
		return c.Instances[label]
	}
	return 0
}

// ownershipNote is "; EXPORT holds N …" for owner's ownerships of attr and
// its subtypes, the export items a lost ownership or key covers, or "".
func (p *Pass) ownershipNote(owner, attr *schema.Type) string {
	c := p.data()
	if c == nil {
		return ""
	}
	cnt := ownership(c, family(owner), family(attr))
	return p.dataNote(cnt.With, fmt.Sprintf("%s instances with %s (of %d)", owner.Label, attr.Label, instances(c, family(owner))))
}

var keysFromData = &Rule{
	Name: "keys-from-data",
	Refs: "13, 14",
	Doc: `with --data, a key stays only where the export proves it

	person sub entity, owns email @key;   →   unchanged, when every person in the export
	                                          has exactly one email and no two share one
	                                      →   person sub entity, owns email @unique;
	                                          when no two share one (2.18+)
	                                      →   person sub entity, owns email;   otherwise

1.x enforced keys, yet an export can still break one (a key declared after
the data, a key moved onto a subtype by the conversion, attributes that
own attributes). With an export of the old database (--data), every
ownership with @key is checked against it: over the owner type and its
subtypes, each instance must have exactly one value of the key type and no
two instances of one type may share a value. A key the data proves stays,
reported with its counts. One that instances break only by holding no value
or several, while no two share one, becomes @unique on a target that has
it (2.18+; the same value types as @key). Any other broken key is dropped, reported lost with the owners that break
it, so that the import does not fail on them. Without data nothing
changes.`,
	Apply: func(p *Pass) {
		c := p.data()
		if c == nil {
			return
		}
		m := p.Current()
		for _, s := range p.Schema.Stmts {
			ts, ok := s.(*grammar.TypeStmt)
			if !ok || ts.Subject == nil || ts.Subject.Var {
				continue
			}
			owner := m.Type(ts.Subject.Name)
			if owner == nil {
				continue
			}
			for _, pr := range ts.Props {
				o, ok := pr.(*grammar.OwnsProp)
				if !ok || o.Attr.Var || !hasAnnot(o, "key") {
					continue
				}
				p.judgeKey(owner, o, c)
			}
		}
	},
}

// keyCounts are what an export says about a key: over the owner type and
// the subtypes that inherit its ownership, the instances, those without a
// value of the key type, those with more than one, and those sharing theirs
// with another instance of their type.
type keyCounts struct {
	n, without, multi, shared int64
}

func keyCountsOf(owner *schema.Type, attr string, c *census.Census) keyCounts {
	var k keyCounts
	for _, u := range family(owner) {
		if u != owner && u.OwnsOf(attr) != owner.OwnsOf(attr) {
			continue // u declares its own
		}
		nu := c.Instances[u.Label]
		cnt := c.Owns[[2]string{u.Label, attr}]
		if cnt == nil {
			cnt = &census.Count{}
		}
		k.n += nu
		k.without += max(0, nu-cnt.With)
		k.multi += cnt.Multi
		k.shared += c.Shared[[2]string{u.Label, attr}]
	}
	return k
}

// holds reports whether the export keeps the key: exactly one value per
// instance, none shared.
func (k keyCounts) holds() bool { return k.without == 0 && k.multi == 0 && k.shared == 0 }

// words puts the counts in words: "of 8 company instances, 2 have no code, 1
// shares its code with another", or "each of the 4 person instances has
// exactly one email, and no two share one".
func (k keyCounts) words(owner, attr string) string {
	if k.holds() {
		return fmt.Sprintf("each of the %d %s instances has exactly one %s, and no two share one", k.n, owner, attr)
	}
	var broken []string
	if k.without > 0 {
		broken = append(broken, fmt.Sprintf("%d %s no %s", k.without, verb(k.without, "has", "have"), attr))
	}
	if k.multi > 0 {
		broken = append(broken, fmt.Sprintf("%d %s more than one", k.multi, verb(k.multi, "has", "have")))
	}
	if k.shared > 0 {
		broken = append(broken, fmt.Sprintf("%d %s with another", k.shared, verb(k.shared, "shares its "+attr, "share their "+attr)))
	} else {
		broken = append(broken, fmt.Sprintf("no two share a %s", attr))
	}
	return fmt.Sprintf("of %d %s instances, %s", k.n, owner, strings.Join(broken, ", "))
}

// verb is one or many, as n asks.
func verb(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// judgeKey keeps the @key of ownership o of owner where the data proves
// it, turns it into @unique where the data breaks only "exactly one per
// instance" and the target has @unique (version.HasUnique), and drops it
// otherwise.
func (p *Pass) judgeKey(owner *schema.Type, o *grammar.OwnsProp, c *census.Census) {
	attr := o.Attr.Name
	k := keyCountsOf(owner, attr, c)
	if k.n == 0 {
		return // no owner in the data: nothing to prove or break
	}
	if k.holds() {
		p.Decide(o, diag.Translated, "key %s on %s kept: in %s %s", attr, owner.Label, c.Name, k.words(owner.Label, attr))
		return
	}
	target := p.Opts.Target
	vt := ""
	// The model the rule built once: rebuilding it per broken key made the
	// rule quadratic in the schema. Its changes (key to unique, a key
	// dropped) do not touch value types.
	if a := owner.Model().Type(attr); a != nil {
		vt, _ = a.ValueType()
	}
	if k.shared == 0 && version.HasUnique(target) && version.Keyable(target, vt) {
		for _, a := range o.Annots {
			if a.Name == "key" {
				a.Name = "unique"
			}
		}
		p.Decide(o, diag.Approximated, "key %s on %s written as @unique: %s breaks the key but not uniqueness: %s", attr, owner.Label, c.Name, k.words(owner.Label, attr)).
			Detail = fmt.Sprintf("@unique (TypeDB 2.18 and later) still keeps each %s value to one %s instance, but does not demand exactly one per instance, so every value imports. Fix the data and make it @key again if %s is meant to identify %s.", attr, owner.Label, attr, owner.Label)
		return
	}
	dropAnnot(o, "key")
	why := ""
	switch {
	case k.shared > 0:
	case !version.HasUnique(target):
		why = fmt.Sprintf("; @unique, which the data keeps, needs TypeDB 2.18 or later (target %s)", target)
	default:
		why = fmt.Sprintf("; @unique, which the data keeps, is refused on %s attributes like @key", vt)
	}
	p.Decide(o, diag.Lost, "key %s on %s dropped: %s breaks it: %s%s", attr, owner.Label, c.Name, k.words(owner.Label, attr), why).
		Detail = fmt.Sprintf("An import into \"owns %s @key\" would fail on those instances. The ownership is kept without @key, so every value imports; fix the data and add @key back if %s is meant to identify %s.", attr, attr, owner.Label)
}

// plural is "1 value" or "n values".
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

var regexFromData = &Rule{
	Name: "regex-from-data",
	Refs: "18",
	Doc: `with --data, a regex the export's values break is dropped

	code sub attribute, value string, regex "^[A-Z]+$";   →   unchanged, when every code matches
	                                                      →   code sub attribute, value string;  otherwise

An export can hold values a regex rejects (a regex defined after the
data, or changed since). With an export of the old database (--data),
each regex is checked against the values of its own attribute type, read
the way the server's Java regex reads them. A regex every value matches
stays; one that some values break is dropped and reported lost with the
count and the first such items, so that they import. Without data nothing
changes.`,
	Apply: func(p *Pass) {
		c := p.data()
		if c == nil {
			return
		}
		p.EachProp(func(s *grammar.TypeStmt, cur *Cursor[grammar.Prop]) {
			r, ok := cur.Node().(*grammar.RegexProp)
			if !ok {
				return
			}
			label := s.Subject.Name
			ms := c.Unmatched[label]
			if ms == nil || ms.N == 0 {
				if n := c.Instances[label]; n > 0 {
					p.Decide(r, diag.Translated, "regex %s on %s kept: the %s in %s match it", r.Pattern.Raw, label, plural(n, "value"), c.Name)
				}
				return
			}
			cur.Delete()
			var items []string
			for _, ex := range ms.Examples {
				items = append(items, ex.String())
			}
			p.Decide(r, diag.Lost, "regex %s on %s dropped: %d of the %s in %s do not match it", r.Pattern.Raw, label, ms.N, plural(c.Instances[label], "value"), c.Name).
				Detail = fmt.Sprintf("Kept, it would make the import fail on those values (first: %s). Without it they import; check them in the application, fix them and add the regex back if it still holds.", strings.Join(items, "; "))
		})
	},
}
