package rewrite3

import (
	"fmt"
	"strconv"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// Cardinality choices. 3.x defaults are owns 0..1, relates 0..1 and plays
// 0.. (unordered; a list, X[], defaults to 0..): see cardDefaultsSource.
// 2.x had no cardinalities, so every ownership (but a key) and every role
// could hold any number.
const (
	cardAny = "0.."  // what 2.x allowed
	cardOne = "0..1" // the 3.x default, written out
)

// cardDefaultsSource is where TypeDB 3.x sets the default cardinalities.
const cardDefaultsSource = "typedb/typedb@3.10.4:concept/type_/owns.rs Owns::DEFAULT_UNORDERED_CARDINALITY, get_default_cardinality; " +
	"typedb/typedb@3.10.4:concept/type_/relates.rs Relates::DEFAULT_UNORDERED_CARDINALITY; " +
	"typedb/typedb@3.10.4:concept/type_/plays.rs Plays::DEFAULT_CARDINALITY"

var ownsCardinality = &Rule{
	Name:   "owns-cardinality",
	Source: cardDefaultsSource,
	Doc: `ownerships keep 2.x's "any number" with @card(0..)

	person sub entity, owns name;          →   entity person, owns name @card(0..);
	person sub entity, owns email @key;    →   entity person, owns email @key;
	--data, --cardinality tighten: owns name seen 1..1 times →   owns name @card(1..1)

3.x's default for owns is @card(0..1): at most one. 2.x let an owner have
any number of attributes of a type, so every ownership gets @card(0..)
(a key stays @key, which means exactly one in both). With an export of
the old database (--data) and --cardinality tighten, each ownership gets
the tightest @card the data satisfies, reported as approximated (later
writes beyond it fail): the least and the most attributes of that type
any owner (the declaring type and the subtypes inheriting the ownership)
has, counting owners with none. Ownerships with no owner in the data keep
@card(0..).`,
	Apply: func(p *Pass) {
		m := p.Model()
		for _, ts := range p.TypeStmts() {
			t := m.Type(ts.Subject.Name)
			if t == nil || t.Kind() == concept.Attribute {
				continue
			}
			for _, pr := range ts.Props {
				o, ok := pr.(*grammar.OwnsProp)
				if !ok || o.Attr.Var || annot(o.Annots, "card") != nil || annot(o.Annots, "key") != nil {
					continue
				}
				card, why, class := p.ownsCard(t, o.Attr.Name)
				o.Annots = append(o.Annots, cardAnnot(o.Owns, card))
				p.Report(o, class, "owns %s of %s: @card(%s) %s", o.Attr, ts.Subject.Name, card, why)
			}
		}
	},
}

var relatesCardinality = &Rule{
	Name:   "relates-cardinality",
	Source: cardDefaultsSource,
	Doc: `roles keep 2.x's "any number of players" with @card(0..)

	friendship sub relation, relates friend;   →   relation friendship, relates friend @card(0..);
	--data, --cardinality tighten: two friends in each  →   relates friend @card(2..2)

3.x's default for relates is @card(0..1): at most one player per role in
each relation. 2.x allowed any number (a friendship has two friends), so
every role gets @card(0..). With --data and --cardinality tighten each
role gets the tightest @card the data satisfies over the relations of the
declaring type and the subtypes that inherit the role (approximated). plays keeps 3.x's default 0..,
which is what 2.x allowed.`,
	Apply: func(p *Pass) {
		m := p.Model()
		for _, ts := range p.TypeStmts() {
			t := m.Type(ts.Subject.Name)
			if t == nil || t.Kind() != concept.Relation {
				continue
			}
			for _, pr := range ts.Props {
				r, ok := pr.(*grammar.RelatesProp)
				if !ok || r.Role.Var || annot(r.Annots, "card") != nil {
					continue
				}
				card, why, class := p.relatesCard(t, r.Role.Name)
				r.Annots = append(r.Annots, cardAnnot(r.Relates, card))
				p.Report(r, class, "relates %s of %s: @card(%s) %s", r.Role, ts.Subject.Name, card, why)
			}
		}
	},
}

func cardAnnot(at grammar.Pos, card string) *grammar.Annotation {
	return &grammar.Annotation{At: at, Name: "card", HasParens: true, Args: card}
}

// ownsCard chooses the cardinality of owner's ownership of attr.
func (p *Pass) ownsCard(owner *schema.Type, attr string) (card, why string, class diag.Class) {
	decl := owner.OwnsOf(attr)
	return p.dataCard("keeps 2.x's any number (3.x's default would be 0..1)", "owner", attr, owner,
		func(u *schema.Type) bool { return u.OwnsOf(attr) == decl },
		func(c *census.Census, u *schema.Type) *census.Count { return c.Owns[[2]string{u.Label, attr}] })
}

// relatesCard chooses the cardinality of relation rel's role.
func (p *Pass) relatesCard(rel *schema.Type, role string) (card, why string, class diag.Class) {
	decl := rel.RoleByName(role)
	return p.dataCard("keeps 2.x's any number of players (3.x's default would be 0..1)", "relation", role+" players", rel,
		func(u *schema.Type) bool { return decl != nil && u.RoleByName(role) == decl },
		func(c *census.Census, u *schema.Type) *census.Count { return c.Roles[[2]string{u.Label, role}] })
}

// dataCard counts, over t and the subtypes for which same holds (they
// inherit t's declaration), the instances in the census and what count
// returns for each, and chooses the cardinality. Without a census the
// answer is 2.x's "any number".
func (p *Pass) dataCard(noData, what, of string, t *schema.Type, same func(*schema.Type) bool, count func(*census.Census, *schema.Type) *census.Count) (string, string, diag.Class) {
	c := p.Opts.Data
	if c == nil {
		return cardAny, noData, diag.Translated
	}
	if p.Opts.Cardinality != CardinalityTighten {
		return cardAny, noData + "; --cardinality tighten would choose from " + c.Name, diag.Translated
	}
	var n int64
	var cnt census.Count
	for _, u := range append([]*schema.Type{t}, t.Subtypes()...) {
		if u != t && !same(u) {
			continue // u declares its own
		}
		n += c.Instances[u.Label]
		cnt.Merge(count(c, u))
	}
	return chooseCard(n, cnt, noData, what, of, c.Name)
}

// chooseCard turns a count over n instances into the tightest @card
// argument it satisfies.
func chooseCard(n int64, cnt census.Count, noData, what, of, file string) (string, string, diag.Class) {
	if n == 0 {
		return cardAny, noData + fmt.Sprintf("; %s has no %s of this type", file, what), diag.Translated
	}
	if cnt.With == 0 {
		return cardOne, fmt.Sprintf("is 3.x's default, written out: none of the %d %ss in %s has %s; 2.x allowed any number, so later writes of more than one fail", n, what, file, of), diag.Approximated
	}
	lo := cnt.Min
	if cnt.With < n {
		lo = 0
	}
	hi := cnt.Max
	card := strconv.FormatInt(lo, 10) + ".." + strconv.FormatInt(hi, 10)
	if lo == 0 && hi <= 1 {
		card = cardOne
	}
	why := fmt.Sprintf("is the tightest %s allows: %d %ss, each with %d to %d %s; 2.x allowed any number, so later writes beyond it fail", file, n, what, lo, hi, of)
	return card, why, diag.Approximated
}

// CardinalityPolicy says how an ownership or role without a 2.x
// cardinality gets its 3.x @card.
type CardinalityPolicy int

const (
	// CardinalityKeep writes 2.x's "any number", @card(0..), whatever the
	// data holds: the converted schema accepts every write 2.x accepted.
	CardinalityKeep CardinalityPolicy = iota
	// CardinalityTighten writes, with an export (Options.Data), the
	// tightest @card the data satisfies: a narrower schema, reported as
	// approximated, since later writes beyond it fail.
	CardinalityTighten
)

// CardinalityPolicies are the names ParseCardinalityPolicy accepts, in order.
var CardinalityPolicies = []string{"keep", "tighten"}

// String names the policy as --cardinality spells it.
func (c CardinalityPolicy) String() string {
	if int(c) < len(CardinalityPolicies) {
		return CardinalityPolicies[c]
	}
	return "cardinality(" + strconv.Itoa(int(c)) + ")"
}

// ParseCardinalityPolicy reads a --cardinality value.
func ParseCardinalityPolicy(s string) (CardinalityPolicy, error) {
	for i, n := range CardinalityPolicies {
		if s == n {
			return CardinalityPolicy(i), nil
		}
	}
	return 0, fmt.Errorf("cardinality policy %q: want keep or tighten", s)
}
