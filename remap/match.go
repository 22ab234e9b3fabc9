package remap

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// Confidence thresholds of a proposed rename.
const (
	// HighConfidence is the confidence from which a rename is proposed
	// without asking: an explicit hint, a rename a conversion recorded, a
	// deterministic spelling pattern, or a unique exact structural match.
	HighConfidence = 0.9
	// MinConfidence is the confidence below which a candidate is not worth
	// a question.
	MinConfidence = 0.3
	// maxQuestions is how many candidates are listed for one old label.
	maxQuestions = 3
)

// Source says where a proposed rename comes from.
type Source string

const (
	FromHint      Source = "hint"      // given by the user (--rename, --remap)
	FromKnown     Source = "known"     // recorded by a conversion (tqlmig convert)
	FromPattern   Source = "pattern"   // a deterministic spelling change: reserved-word "_", quoted or "_"-label sanitising
	FromStructure Source = "structure" // same kind, value type, owners, players, roles, supertype
	FromData      Source = "data"      // a label of a data file the target lacks, matched by name and value kind
)

// Candidate is one proposed rename of a label, with how sure it is.
type Candidate struct {
	// Old is the label as a data file of the old schema writes it: a type
	// label, an unscoped 1.x role, or a scoped 2.x role "relation:role".
	Old string `json:"old"`
	// New is the label in the new schema: a type label, or a role label
	// scoped by its declaring relation when the new schema is 2.x.
	New        string       `json:"new"`
	Kind       concept.Kind `json:"kind"`
	Confidence float64      `json:"confidence"` // 0 to 1; HighConfidence and above is proposed without asking
	Source     Source       `json:"source"`
	// Reasons say, in a few words each, what agrees and what differs.
	Reasons []string `json:"reasons,omitempty"`
}

// Entry returns the candidate as a remap entry.
func (c Candidate) Entry() Entry { return Entry{Old: c.Old, New: c.New} }

func (c Candidate) String() string {
	return fmt.Sprintf("%s=%s (%s, %.2f)", c.Old, c.New, c.Source, c.Confidence)
}

// Label is a type or role that exists in only one of two schemas.
type Label struct {
	Label string       `json:"label"`
	Kind  concept.Kind `json:"kind"`
	// Relations are, for a role, the relations that relate it.
	Relations []string `json:"relations,omitempty"`
}

// Proposal is the outcome of matching an old schema to a new one.
type Proposal struct {
	// Renames are proposed without asking (confidence ≥ HighConfidence),
	// in the old schema's definition order, hints first.
	Renames []Candidate `json:"renames"`
	// Questions are weaker candidates for the user to confirm, best first
	// for each old label; an old label may have several.
	Questions []Candidate `json:"questions"`
	// Removed are the labels of the old schema that the new one lacks and
	// no rename covers (a question may still name them).
	Removed []Label `json:"removed"`
	// Added are the labels of the new schema that no old label has and no
	// rename produces.
	Added []Label `json:"added"`
	// Diags are problems with the hints.
	Diags diag.List `json:"-"`
}

// Remap returns the proposed renames as a remap.
func (p *Proposal) Remap() *Remap {
	var es []Entry
	for _, c := range p.Renames {
		es = append(es, c.Entry())
	}
	r, _ := New(es...)
	return r
}

// MatchOptions tune Match.
type MatchOptions struct {
	// Hints are renames the user gave; they win over anything found.
	Hints *Remap
	// Known are renames recorded by a conversion of the old schema (the
	// renames of tqlmig convert). They are taken when the new schema has
	// the new label with the same kind.
	Known []Entry
}

// Match proposes the renames that take the labels of the old schema to
// those of the new one. Labels present in both with the same kind are kept;
// every label that disappeared is matched against the labels that appeared,
// of the same kind:
//
//   - hints win, then renames a conversion recorded (MatchOptions.Known);
//   - a deterministic spelling pattern is high confidence: the old label
//     with "_" appended because it is reserved in TypeQL 2.x (owns → owns_),
//     or the same words spelt differently ("full name" → full-name,
//     _citizen-id → citizen-id, first_name → first-name);
//   - otherwise the structure is compared: value type (which must agree),
//     supertype, abstractness, owned attributes, owners, played roles,
//     related roles and direct subtypes, each translated through the
//     labels matched so far. An exact match on at least one non-empty set
//     that is unique both ways is high confidence. Anything weaker is a
//     question, with label similarity as a weak extra signal;
//   - roles are matched within each pair of matched relations, by players.
//
// Matching repeats while new renames are found, since a rename of an owner
// makes its attributes' owners agree. Implicit ≤1.7 types (@has-…) and
// rules are ignored: no export file holds them.
func Match(old, new *schema.Model, opt MatchOptions) *Proposal {
	mt := newMatcher(old, new)
	mt.hints(opt.Hints)
	mt.known(opt.Known)
	mt.patterns()
	for range 8 {
		mt.matchRoles(false)
		if !mt.structural() {
			break
		}
	}
	mt.matchRoles(true)
	return mt.proposal()
}

// side is one schema, restricted to what an export can hold.
type side struct {
	m     *schema.Model
	types []*schema.Type          // entity, relation and attribute types, definition order
	by    map[string]*schema.Type // label → type
	roles []*schema.Type          // role types, definition order
}

func newSide(m *schema.Model) *side {
	s := &side{m: m, by: map[string]*schema.Type{}}
	for _, t := range m.Types() {
		if t.IsImplicit() {
			continue
		}
		switch t.Kind() {
		case concept.Entity, concept.Relation, concept.Attribute:
			s.types = append(s.types, t)
			s.by[t.Label] = t
		case concept.Role:
			s.roles = append(s.roles, t)
		}
	}
	return s
}

// roleLabel is the label of role r as a data file of this schema writes it
// (1.x: the global role, 2.x: scoped by the declaring relation).
func (s *side) roleLabel(r *schema.Type) string { return r.Key() }

// relationsOf returns the relation labels that relate role r.
func (s *side) relationsOf(r *schema.Type) []string {
	var out []string
	for _, rel := range s.m.RelationsRelating(r) {
		if !rel.IsImplicit() {
			out = append(out, rel.Label)
		}
	}
	return out
}

// kindOf is the kind a remap names t by: Unknown for the thing root,
// which no remap renames.
func kindOf(t *schema.Type) concept.Kind {
	if k := t.Kind(); k != concept.Thing {
		return k
	}
	return concept.Unknown
}

// roleKey names a role within a relation: the relation's label and the
// role's name (unscoped).
type roleKey struct{ rel, name string }

type matcher struct {
	old, new *side
	// tmap takes old type labels to new ones: identities, hints, renames.
	tmap  map[string]string
	taken map[string]bool // new type labels some old label maps to
	// rmap takes a role of an old relation to the new role name in the
	// matched relation, for roles whose name changed.
	rmap   map[roleKey]string
	rtaken map[roleKey]bool // new (relation, role) pairs a renamed role maps to
	// accepted holds the non-identity renames in the order found.
	accepted []Candidate
	roleAcc  []roleCand
	diags    diag.List
	hinted   map[string]bool // old labels a hint covers
}

func newMatcher(old, new *schema.Model) *matcher {
	mt := &matcher{
		old: newSide(old), new: newSide(new),
		tmap: map[string]string{}, taken: map[string]bool{},
		rmap: map[roleKey]string{}, rtaken: map[roleKey]bool{},
		hinted: map[string]bool{},
	}
	for _, t := range mt.old.types {
		if u := mt.new.by[t.Label]; u != nil && kindOf(u) == kindOf(t) {
			mt.tmap[t.Label] = t.Label
			mt.taken[t.Label] = true
		}
	}
	return mt
}

// gone and came are the unmatched types on each side.
func (mt *matcher) gone() []*schema.Type {
	var out []*schema.Type
	for _, t := range mt.old.types {
		if _, ok := mt.tmap[t.Label]; !ok {
			out = append(out, t)
		}
	}
	return out
}

func (mt *matcher) came() []*schema.Type {
	var out []*schema.Type
	for _, t := range mt.new.types {
		if !mt.taken[t.Label] {
			out = append(out, t)
		}
	}
	return out
}

func (mt *matcher) accept(c Candidate) {
	mt.tmap[c.Old] = c.New
	mt.taken[c.New] = true
	mt.accepted = append(mt.accepted, c)
}

// hints applies the user's renames: type entries at once, role entries to
// every matched relation pair that relates the role.
func (mt *matcher) hints(h *Remap) {
	if h == nil {
		return
	}
	for _, e := range h.Entries {
		mt.hinted[e.Old] = true
		c := Candidate{Old: e.Old, New: e.New, Confidence: 1, Source: FromHint, Reasons: []string{"given"}}
		if t := mt.old.by[e.Old]; t != nil {
			c.Kind = kindOf(t)
			if u := mt.new.by[e.New]; u != nil && kindOf(u) != c.Kind {
				addAt(&mt.diags, diag.Warning, "remap-kind-change", e.NewRange,
					"hint %s: %s %q becomes %s %q", e, c.Kind, e.Old, kindOf(u), e.New)
			}
			if old, ok := mt.tmap[e.Old]; ok && old == e.Old {
				delete(mt.taken, old) // the identity gives way to the hint
			}
			mt.accept(c)
			continue
		}
		if rs := mt.oldRoles(e.Old); len(rs) > 0 {
			c.Kind = concept.Role
			_, name := SplitScoped(e.New)
			for _, r := range rs {
				for _, rel := range mt.old.m.RelationsRelating(r) {
					mt.rmap[roleKey{rel.Label, r.Label}] = name
				}
			}
			mt.accepted = append(mt.accepted, c)
			continue
		}
		addAt(&mt.diags, diag.Warning, "remap-unknown-source", e.OldRange,
			"hint %s: %q is not a type or role of the old schema", e, e.Old)
		mt.accepted = append(mt.accepted, c)
	}
}

// oldRoles resolves a role label of the old schema as a data file writes it.
func (mt *matcher) oldRoles(label string) []*schema.Type {
	var out []*schema.Type
	for _, r := range mt.old.roles {
		if r.Key() == label || (!IsScoped(label) && r.Label == label) {
			out = append(out, r)
		}
	}
	return out
}

// known takes the renames a conversion recorded, when the new schema has
// the new label with the old label's kind.
func (mt *matcher) known(es []Entry) {
	for _, e := range es {
		if mt.hinted[e.Old] {
			continue
		}
		t, u := mt.old.by[e.Old], mt.new.by[e.New]
		if t == nil || u == nil || kindOf(t) != kindOf(u) || mt.taken[e.New] {
			continue
		}
		if _, ok := mt.tmap[e.Old]; ok {
			continue
		}
		f := mt.compare(t, u)
		mt.accept(Candidate{Old: e.Old, New: e.New, Kind: kindOf(t), Confidence: 1, Source: FromKnown,
			Reasons: append([]string{"renamed by tqlmig convert"}, f.reasons...)})
	}
}

// patterns takes the deterministic spelling changes that are unique both
// ways and keep the kind and value type.
func (mt *matcher) patterns() {
	type pair struct {
		t, u *schema.Type
		why  string
	}
	var found []pair
	olds, news := map[string]int{}, map[string]int{}
	came := mt.came()
	for _, t := range mt.gone() {
		for _, u := range came {
			if kindOf(t) != kindOf(u) || !valueCompatible(t, u) {
				continue
			}
			if why := spellingPattern(t.Label, u.Label); why != "" {
				found = append(found, pair{t, u, why})
				olds[t.Label]++
				news[u.Label]++
			}
		}
	}
	for _, p := range found {
		if olds[p.t.Label] != 1 || news[p.u.Label] != 1 {
			continue // ambiguous: left to structure and questions
		}
		f := mt.compare(p.t, p.u)
		mt.accept(Candidate{Old: p.t.Label, New: p.u.Label, Kind: kindOf(p.t),
			Confidence: round2(HighConfidence + 0.1*f.structure), Source: FromPattern,
			Reasons: append([]string{p.why}, f.reasons...)})
	}
}

// reservedIn are the versions whose reserved words a label may have been
// renamed for: every 2.x word list is covered by the first and the last.
var reservedIn = []version.V{version.MustParse("2.0.0"), version.MustParse("2.29.1")}

// spellingPattern says how new is a deterministic respelling of old, or "".
func spellingPattern(old, new string) string {
	if strings.HasPrefix(new, old+"_") && strings.Trim(new[len(old):], "_") == "" {
		for _, v := range reservedIn {
			if schema.IsReserved(old, v) {
				return fmt.Sprintf("%q is reserved in TypeQL %d.x; the new label appends \"_\"", old, v.Major)
			}
		}
	}
	if co, cn := canonLabel(old), canonLabel(new); co != "" && (co == cn || "t-"+co == cn) {
		return "same words, spelt differently"
	}
	return ""
}

// rolePattern says how role new of a relation is a deterministic respelling
// of role old of relation rel, or "". Besides the label patterns, 1.x
// schemas often prefixed a role with its relation's name, since roles were
// global: employment_employee becomes employment:employee.
func rolePattern(rel, old, new string) string {
	if why := spellingPattern(old, new); why != "" {
		return why
	}
	if co := canonLabel(old); co != "" && co == canonLabel(rel+"-"+new) {
		return fmt.Sprintf("the old role repeated its relation's name (%s = %s + %s)", old, rel, new)
	}
	return ""
}

// stripRelation drops a leading "rel_" or "rel-" from a role name, the
// 1.x habit rolePattern knows, for comparing names.
func stripRelation(rel, role string) string {
	for _, sep := range []string{"_", "-"} {
		if rest, ok := strings.CutPrefix(role, rel+sep); ok && rest != "" {
			return rest
		}
	}
	return role
}

// hasCandidate reports whether old type t could still be matched: some
// unmatched new type has its kind.
func (mt *matcher) hasCandidate(t *schema.Type) bool {
	for _, u := range mt.came() {
		if kindOf(u) == kindOf(t) && valueCompatible(t, u) {
			return true
		}
	}
	return false
}

// canonLabel reduces a label to its words: lower case, every run of
// characters other than letters and digits one "-", none at the ends.
func canonLabel(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// structural accepts the exact structural matches that are unique both
// ways; it reports whether it accepted any.
func (mt *matcher) structural() bool {
	gone, came := mt.gone(), mt.came()
	exactOf := map[string][]string{}   // old → new labels matching exactly
	exactInto := map[string][]string{} // new → old labels matching exactly
	for _, t := range gone {
		for _, u := range came {
			if kindOf(t) != kindOf(u) {
				continue
			}
			if f := mt.compare(t, u); f.ok && f.exact {
				exactOf[t.Label] = append(exactOf[t.Label], u.Label)
				exactInto[u.Label] = append(exactInto[u.Label], t.Label)
			}
		}
	}
	any := false
	for _, t := range gone {
		ns := exactOf[t.Label]
		if len(ns) != 1 || len(exactInto[ns[0]]) != 1 {
			continue
		}
		u := mt.new.by[ns[0]]
		f := mt.compare(t, u)
		ns0 := nameSimilarity(t.Label, u.Label)
		mt.accept(Candidate{Old: t.Label, New: u.Label, Kind: kindOf(t),
			Confidence: round2(HighConfidence + 0.1*ns0), Source: FromStructure,
			Reasons: append([]string{"the only exact structural match both ways"}, f.reasons...)})
		any = true
	}
	return any
}

// facts is how two types compare.
type facts struct {
	ok        bool    // same kind and compatible value types: a candidate at all
	exact     bool    // every structural fact agrees, and at least one non-empty set does
	structure float64 // weighted agreement of the structural facts, 0 to 1
	reasons   []string
}

// Weights of the structural facts.
const (
	wValue    = 1.0
	wSuper    = 1.0
	wAbstract = 0.5
	wOwns     = 2.0
	wOwners   = 3.0
	wPlays    = 2.0
	wRelates  = 2.0
	wSubs     = 1.0
)

// compare weighs old type t against new type u.
func (mt *matcher) compare(t, u *schema.Type) facts {
	f := facts{ok: kindOf(t) == kindOf(u)}
	if !f.ok {
		return f
	}
	var sum, total float64
	informative := false
	allEqual := true
	part := func(w, s float64, reason string) {
		sum += w * s
		total += w
		if s < 1 {
			allEqual = false
		}
		if reason != "" {
			f.reasons = append(f.reasons, reason)
		}
	}
	if kindOf(t) == concept.Attribute {
		vt, vu := valueType(t), valueType(u)
		switch {
		case vt != vu && vt != "" && vu != "":
			f.ok = false
			f.reasons = append(f.reasons, fmt.Sprintf("value types differ: %s vs %s", vt, vu))
			return f
		case vt != "":
			part(wValue, 1, "same value type "+vt)
		}
	}
	st, su := superLabel(t), superLabel(u)
	if mst := mt.tr(st); mst == su {
		if su != "" {
			part(wSuper, 1, "same supertype "+su)
			informative = true
		} else {
			part(wSuper, 1, "")
		}
	} else {
		part(wSuper, 0, fmt.Sprintf("supertype differs: %s vs %s", orRoot(st, t), orRoot(su, u)))
	}
	if t.IsAbstract() == u.IsAbstract() {
		part(wAbstract, 1, "")
	} else {
		part(wAbstract, 0, "abstract on one side only")
	}
	sets := []struct {
		name string
		w    float64
		a, b []string
	}{
		{"owns", wOwns, mt.trAll(ownsOf(t)), ownsOf(u)},
		{"owners", wOwners, mt.trAll(ownersOf(mt.old, t)), ownersOf(mt.new, u)},
		{"plays", wPlays, mt.trPlays(mt.old, playsOf(mt.old, t)), playsOf(mt.new, u)},
		{"relates", wRelates, mt.trRoles(t.Label, roleNames(t)), roleNames(u)},
		{"subtypes", wSubs, mt.trAll(subsOf(t)), subsOf(u)},
	}
	for _, s := range sets {
		if len(s.a) == 0 && len(s.b) == 0 {
			continue
		}
		real, open, union := mt.overlap(s.a, s.b)
		reason := ""
		switch {
		case real+open == union:
			// Agreement that rests on open pairs alone is no evidence
			// by itself: another fact must agree for real.
			if real > 0 {
				informative = true
			}
			reason = fmt.Sprintf("same %s: %s", s.name, strings.Join(s.b, ", "))
			if open > 0 {
				reason = fmt.Sprintf("same %s if the unmatched ones correspond: %s vs %s", s.name, strings.Join(untr(s.a), ", "), strings.Join(s.b, ", "))
			}
		default:
			reason = fmt.Sprintf("%s differ: %s vs %s", s.name, listOrNone(untr(s.a)), listOrNone(s.b))
		}
		// Pairs of unmatched labels count half: they may correspond.
		j := (float64(real) + 0.5*float64(open)) / float64(union)
		if real+open == union {
			j = 1
		}
		part(s.w, j, reason)
	}
	if total > 0 {
		f.structure = sum / total
	}
	f.exact = allEqual && informative
	return f
}

// overlap compares a translated old set a with new set b: real elements
// in both, open pairs (an old element not matched yet against a new one
// that no old label maps to, which may be the same thing renamed), and the
// size of the union counting each open pair once.
func (mt *matcher) overlap(a, b []string) (real, open, union int) {
	inB := map[string]bool{}
	for _, y := range b {
		inB[y] = true
	}
	inA := map[string]bool{}
	unmatchedA := 0
	for _, x := range a {
		if inA[x] {
			continue
		}
		inA[x] = true
		switch {
		case inB[x]:
			real++
		case strings.HasPrefix(x, "\x00"):
			unmatchedA++
		}
	}
	openB := 0
	for y := range inB {
		if !inA[y] && mt.isOpen(y) {
			openB++
		}
	}
	open = min(unmatchedA, openB)
	union = len(inA) + len(inB) - real - open
	return real, open, union
}

// isOpen reports whether a new label (or the relation of a "relation:role"
// fact) is a type no old label maps to yet.
func (mt *matcher) isOpen(l string) bool {
	rel, _, _ := strings.Cut(l, ":")
	t := mt.new.by[rel]
	return t != nil && !mt.taken[rel]
}

// tr translates an old type label into the new schema's labels; labels not
// matched yet get a mark that equals no new label.
func (mt *matcher) tr(label string) string {
	if label == "" {
		return ""
	}
	if n, ok := mt.tmap[label]; ok {
		return n
	}
	return "\x00" + label
}

func (mt *matcher) trAll(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = mt.tr(l)
	}
	return out
}

// trRole translates a role name of old relation rel.
func (mt *matcher) trRole(rel, name string) string {
	if n, ok := mt.rmap[roleKey{rel, name}]; ok {
		return n
	}
	return name
}

func (mt *matcher) trRoles(rel string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = mt.trRole(rel, n)
	}
	return out
}

// trPlays translates "relation:role" facts.
func (mt *matcher) trPlays(_ *side, ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		rel, name := SplitScoped(p)
		out[i] = mt.tr(rel) + ":" + mt.trRole(rel, name)
	}
	return out
}

// untr strips the unmatched mark for messages.
func untr(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = strings.ReplaceAll(l, "\x00", "")
	}
	return out
}

func orRoot(label string, t *schema.Type) string {
	if label == "" {
		return kindOf(t).String()
	}
	return label
}

func listOrNone(ls []string) string {
	if len(ls) == 0 {
		return "none"
	}
	return strings.Join(ls, ", ")
}

// valueType is the attribute's value type with the 1.x name "date" read as
// the datetime it always was.
func valueType(t *schema.Type) string {
	v, _ := t.ValueType()
	if v == "date" {
		return "datetime"
	}
	return v
}

func valueCompatible(t, u *schema.Type) bool {
	vt, vu := valueType(t), valueType(u)
	return vt == vu || vt == "" || vu == ""
}

// superLabel is the direct supertype's label, "" for a root.
func superLabel(t *schema.Type) string {
	s := t.Super()
	if s == nil || s.IsRoot() {
		return ""
	}
	return s.Label
}

func ownsOf(t *schema.Type) []string {
	var out []string
	for _, o := range t.OwnsAll() {
		out = append(out, unquote(o.Attr))
	}
	return sortedSet(out)
}

// ownersOf lists the types that own attribute t, declared or inherited.
// (schema.Model.Owners is not used: a ≤1.4 owns of a quoted label keeps
// its quotes in Owns.Attr, so it would miss those owners.)
func ownersOf(s *side, t *schema.Type) []string {
	if t.Kind() != concept.Attribute {
		return nil
	}
	var out []string
	for _, o := range s.types {
		if slices.Contains(ownsOf(o), t.Label) {
			out = append(out, o.Label)
		}
	}
	return sortedSet(out)
}

// unquote strips the quotes a ≤1.4 label may keep in the model.
func unquote(l string) string {
	if len(l) >= 2 && (l[0] == '"' || l[0] == '\'') && l[len(l)-1] == l[0] {
		return l[1 : len(l)-1]
	}
	return l
}

// playsOf lists the roles t plays as "relation:role", one per relation
// that relates the role (1.x roles are global).
func playsOf(s *side, t *schema.Type) []string {
	var out []string
	for _, p := range t.PlaysAll() {
		r := p.RoleType()
		if r == nil {
			out = append(out, p.RoleLabel())
			continue
		}
		if s.m.Lang == schema.TypeQL2 {
			out = append(out, r.Key())
			continue
		}
		for _, rel := range s.relationsOf(r) {
			out = append(out, rel+":"+r.Label)
		}
	}
	return sortedSet(out)
}

func roleNames(t *schema.Type) []string {
	if t.Kind() != concept.Relation {
		return nil
	}
	var out []string
	for _, r := range t.Roles() {
		out = append(out, r.Label)
	}
	return sortedSet(out)
}

func subsOf(t *schema.Type) []string {
	var out []string
	for _, s := range t.DirectSubtypes() {
		if !s.IsImplicit() && s.Kind() != concept.Role {
			out = append(out, s.Label)
		}
	}
	return sortedSet(out)
}

func sortedSet(ss []string) []string {
	slices.Sort(ss)
	return slices.Compact(ss)
}

// jaccard is |a∩b| / |a∪b| of two sets (1 when both are empty).
func jaccard(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	in := map[string]bool{}
	for _, x := range a {
		in[x] = true
	}
	both, union := 0, len(in)
	seen := map[string]bool{}
	for _, y := range b {
		if seen[y] {
			continue
		}
		seen[y] = true
		if in[y] {
			both++
		} else {
			union++
		}
	}
	return float64(both) / float64(union)
}

// nameSimilarity is a weak 0–1 signal: the better of the edit-distance
// ratio and the share of words in common.
func nameSimilarity(a, b string) float64 {
	ca, cb := canonLabel(a), canonLabel(b)
	n := max(len([]rune(ca)), len([]rune(cb)))
	if n == 0 {
		return 0
	}
	ed := 1 - float64(schema.EditDistance(ca, cb))/float64(n)
	words := jaccard(strings.Split(ca, "-"), strings.Split(cb, "-"))
	return max(ed, words, 0)
}

func round2(x float64) float64 {
	return float64(int(x*100+0.5)) / 100
}

// questionConfidence is the confidence of a candidate that is not taken
// without asking: structure counts most, the name a little, and a
// structure without any shared fact is never better than a guess.
func questionConfidence(f facts, ns float64) float64 {
	c := 0.8*f.structure + 0.2*ns
	if f.exact {
		c = max(c, 0.6+0.2*ns) // exact but ambiguous
	}
	return round2(min(c, 0.85))
}

// roleCand is a role rename found within a pair of matched relations.
type roleCand struct {
	oldRel, newRel string
	old, new       *schema.Type // the role types
	conf           float64
	source         Source
	reasons        []string
}

// matchRoles compares the roles of every matched relation pair: role names
// that disappeared against those that appeared, by players. With final
// set it also records the weaker candidates as questions.
func (mt *matcher) matchRoles(final bool) {
	for _, t := range mt.old.types {
		if kindOf(t) != concept.Relation {
			continue
		}
		nl, ok := mt.tmap[t.Label]
		if !ok {
			continue
		}
		u := mt.new.by[nl]
		if u == nil || kindOf(u) != concept.Relation {
			continue
		}
		mt.matchRolesIn(t, u, final)
	}
}

func (mt *matcher) matchRolesIn(t, u *schema.Type, final bool) {
	newNames := map[string]*schema.Type{}
	for _, r := range u.Roles() {
		newNames[r.Label] = r
	}
	var gone []*schema.Type
	kept := map[string]bool{}
	for _, r := range t.Roles() {
		if n, ok := mt.rmap[roleKey{t.Label, r.Label}]; ok {
			kept[n] = true
			continue
		}
		if newNames[r.Label] != nil {
			kept[r.Label] = true
			continue
		}
		gone = append(gone, r)
	}
	var came []*schema.Type
	for _, r := range u.Roles() {
		if !kept[r.Label] && !mt.rtaken[roleKey{u.Label, r.Label}] {
			came = append(came, r)
		}
	}
	if len(gone) == 0 || len(came) == 0 {
		return
	}
	type scored struct {
		r, s    *schema.Type
		conf    float64
		exact   bool
		pattern string
		reasons []string
	}
	var all []scored
	exactOf, exactInto := map[*schema.Type]int{}, map[*schema.Type]int{}
	for _, r := range gone {
		// Players the new schema lost altogether say nothing about
		// which new role this is.
		var pa, lost []string
		for _, p := range mt.trAll(playersOf(mt.old, r)) {
			if strings.HasPrefix(p, "\x00") && mt.old.by[p[1:]] != nil && !mt.hasCandidate(mt.old.by[p[1:]]) {
				lost = append(lost, p[1:])
				continue
			}
			pa = append(pa, p)
		}
		for _, s := range came {
			pb := playersOf(mt.new, s)
			j := jaccard(pa, pb)
			sc := scored{r: r, s: s, pattern: rolePattern(t.Label, r.Label, s.Label)}
			switch {
			case len(pa) == 0 && len(pb) == 0:
				j = 0
				sc.reasons = append(sc.reasons, "no players on either side")
			case j == 1:
				sc.exact = true
				sc.reasons = append(sc.reasons, "same players: "+strings.Join(pb, ", "))
				exactOf[r]++
				exactInto[s]++
			default:
				sc.reasons = append(sc.reasons, fmt.Sprintf("players differ: %s vs %s", listOrNone(untr(pa)), listOrNone(pb)))
			}
			if len(lost) > 0 {
				sc.reasons = append(sc.reasons, "not counting players the new schema lacks: "+strings.Join(lost, ", "))
			}
			if len(gone) == 1 && len(came) == 1 {
				sc.reasons = append(sc.reasons, "the only role that changed in "+u.Label)
			}
			ns := nameSimilarity(stripRelation(t.Label, r.Label), s.Label)
			sc.conf = round2(min(0.85, 0.6*j+0.2*ns+oneToOne(len(gone), len(came))))
			all = append(all, sc)
		}
	}
	for _, sc := range all {
		high := sc.pattern != "" || (sc.exact && exactOf[sc.r] == 1 && exactInto[sc.s] == 1)
		switch {
		case high:
			conf, src, reasons := round2(HighConfidence+0.1*nameSimilarity(stripRelation(t.Label, sc.r.Label), sc.s.Label)), FromStructure, sc.reasons
			if sc.pattern != "" {
				conf, src, reasons = 1, FromPattern, append([]string{sc.pattern}, reasons...)
			}
			if _, done := mt.rmap[roleKey{t.Label, sc.r.Label}]; done || mt.rtaken[roleKey{u.Label, sc.s.Label}] {
				continue
			}
			mt.rmap[roleKey{t.Label, sc.r.Label}] = sc.s.Label
			mt.rtaken[roleKey{u.Label, sc.s.Label}] = true
			mt.roleAcc = append(mt.roleAcc, roleCand{oldRel: t.Label, newRel: u.Label, old: sc.r, new: sc.s, conf: conf, source: src, reasons: reasons})
		case final && sc.conf >= MinConfidence:
			mt.roleAcc = append(mt.roleAcc, roleCand{oldRel: t.Label, newRel: u.Label, old: sc.r, new: sc.s, conf: sc.conf, source: FromStructure, reasons: sc.reasons})
		}
	}
}

// oneToOne is the bonus when exactly one role changed in a relation.
func oneToOne(gone, came int) float64 {
	if gone == 1 && came == 1 {
		return 0.2
	}
	return 0
}

// playersOf lists the types that play role r.
func playersOf(s *side, r *schema.Type) []string {
	var out []string
	for _, p := range s.m.Players(r) {
		if !p.IsImplicit() {
			out = append(out, p.Label)
		}
	}
	return sortedSet(out)
}

// proposal collects the outcome.
func (mt *matcher) proposal() *Proposal {
	p := &Proposal{Diags: mt.diags}
	p.Renames = append(p.Renames, mt.accepted...)
	// Questions for every type left unmatched.
	came := mt.came()
	for _, t := range mt.gone() {
		var cs []Candidate
		for _, u := range came {
			f := mt.compare(t, u)
			if !f.ok {
				continue
			}
			c := questionConfidence(f, nameSimilarity(t.Label, u.Label))
			if c < MinConfidence {
				continue
			}
			cs = append(cs, Candidate{Old: t.Label, New: u.Label, Kind: kindOf(t), Confidence: c, Source: FromStructure, Reasons: f.reasons})
		}
		p.Questions = append(p.Questions, best(cs)...)
	}
	mt.roleProposal(p)
	mt.removedAdded(p)
	return p
}

// best sorts candidates by confidence, then label, and keeps the first few.
func best(cs []Candidate) []Candidate {
	slices.SortStableFunc(cs, func(a, b Candidate) int {
		switch {
		case a.Confidence > b.Confidence:
			return -1
		case a.Confidence < b.Confidence:
			return 1
		}
		return strings.Compare(a.New, b.New)
	})
	if len(cs) > maxQuestions {
		cs = cs[:maxQuestions]
	}
	return cs
}

// roleProposal turns role matches into remap candidates keyed by the
// labels a data file writes. A 1.x role is global: when the relations
// that relate it disagree on its new name, the entry becomes a question.
func (mt *matcher) roleProposal(p *Proposal) {
	type group struct {
		old   string
		cands []roleCand
	}
	var order []string
	groups := map[string]*group{}
	for _, rc := range mt.roleAcc {
		k := mt.old.roleLabel(rc.old)
		if mt.hinted[k] || mt.hinted[rc.old.Label] {
			continue
		}
		g := groups[k]
		if g == nil {
			g = &group{old: k}
			groups[k] = g
			order = append(order, k)
		}
		g.cands = append(g.cands, rc)
	}
	for _, k := range order {
		g := groups[k]
		var high, low []Candidate
		newLabels := map[string]bool{}
		for _, rc := range g.cands {
			c := Candidate{Old: k, New: mt.newRoleLabel(rc), Kind: concept.Role, Confidence: rc.conf, Source: rc.source,
				Reasons: append([]string{inRelation(rc.oldRel, rc.newRel)}, rc.reasons...)}
			if rc.conf >= HighConfidence {
				high = append(high, c)
				newLabels[rc.new.Label] = true
			} else {
				low = append(low, c)
			}
		}
		switch {
		case len(newLabels) == 1:
			c := high[0]
			for _, h := range high[1:] {
				if h.New != c.New {
					// The same new name declared by several relations: one
					// entry, unscoped; Args scopes it or says it cannot.
					c.New = unscopedNew(c.New)
				}
			}
			p.Renames = append(p.Renames, c)
		case len(newLabels) > 1:
			for _, rc := range g.cands {
				if rc.conf >= HighConfidence {
					delete(mt.rmap, roleKey{rc.oldRel, rc.old.Label})
					delete(mt.rtaken, roleKey{rc.newRel, rc.new.Label})
				}
			}
			for i := range high {
				high[i].Confidence = 0.85
				high[i].Reasons = append(high[i].Reasons, fmt.Sprintf("role %s is shared by several relations that rename it differently; one entry cannot say both", k))
			}
			p.Questions = append(p.Questions, high...)
		default:
			p.Questions = append(p.Questions, best(low)...)
		}
	}
}

func inRelation(old, new string) string {
	if old == new {
		return "in " + old
	}
	return "in " + old + " → " + new
}

func unscopedNew(l string) string {
	_, n := SplitScoped(l)
	return n
}

// newRoleLabel is the label of the new role as the new schema names it:
// scoped by its declaring relation in 2.x, global in 1.x.
func (mt *matcher) newRoleLabel(rc roleCand) string { return rc.new.Key() }

// removedAdded lists the types and roles present on one side only.
func (mt *matcher) removedAdded(p *Proposal) {
	renamed := map[string]bool{}
	for _, c := range p.Renames {
		renamed[c.Old] = true
	}
	for _, t := range mt.gone() {
		p.Removed = append(p.Removed, Label{Label: t.Label, Kind: kindOf(t)})
	}
	// An old role survives when some matched relation pair keeps or
	// renames it; a new role is old when some pair had it or renamed into it.
	oldKept := map[*schema.Type]bool{}
	newKept := map[*schema.Type]bool{}
	for _, t := range mt.old.types {
		nl, ok := mt.tmap[t.Label]
		if kindOf(t) != concept.Relation || !ok {
			continue
		}
		u := mt.new.by[nl]
		if u == nil || kindOf(u) != concept.Relation {
			continue
		}
		names := map[string]*schema.Type{}
		for _, s := range u.Roles() {
			names[s.Label] = s
		}
		for _, r := range t.Roles() {
			if s := names[mt.trRole(t.Label, r.Label)]; s != nil {
				oldKept[r] = true
				newKept[s] = true
			}
		}
	}
	for _, r := range mt.old.roles {
		if !oldKept[r] && !renamed[r.Key()] && !mt.hinted[r.Key()] {
			p.Removed = append(p.Removed, Label{Label: r.Key(), Kind: concept.Role, Relations: mt.old.relationsOf(r)})
		}
	}
	for _, t := range mt.came() {
		p.Added = append(p.Added, Label{Label: t.Label, Kind: kindOf(t)})
	}
	for _, r := range mt.new.roles {
		if !newKept[r] {
			p.Added = append(p.Added, Label{Label: r.Key(), Kind: concept.Role, Relations: mt.new.relationsOf(r)})
		}
	}
}
