package remap

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/schema"
)

// Usage is what an export file uses: its type labels with their kinds and
// its role labels with the relations that use them, as written in the file.
type Usage struct {
	Types []UsedType `json:"types"`
	Roles []UsedRole `json:"roles"`
}

// UsedType is one type label of an export file.
type UsedType struct {
	Label string       `json:"label"`
	Kind  concept.Kind `json:"kind"`
	Count int64        `json:"count"`
	// Values are the value kinds of an attribute's items ("string",
	// "long", "datetime-millis"…).
	Values []string `json:"values,omitempty"`
}

// UsedRole is one role label of an export file.
type UsedRole struct {
	Label     string   `json:"label"`
	Relations []string `json:"relations"`
	Players   int64    `json:"players"`
}

// UsageOf reads the labels out of an Inspect summary.
func UsageOf(s *datafile.Summary) *Usage {
	u := &Usage{}
	for _, t := range s.Types {
		k := concept.Unknown
		switch t.Kind {
		case concept.Entity:
			k = concept.Entity
		case concept.Relation:
			k = concept.Relation
		case concept.Attribute:
			k = concept.Attribute
		}
		ut := UsedType{Label: t.Label, Kind: k, Count: t.Count}
		for v := range t.Values {
			ut.Values = append(ut.Values, v)
		}
		slices.Sort(ut.Values)
		u.Types = append(u.Types, ut)
	}
	for _, r := range s.Roles {
		u.Roles = append(u.Roles, UsedRole{Label: r.Label, Relations: r.Relations, Players: r.Players})
	}
	return u
}

// Schema returns the file's labels as a Schema, the source side of
// Validate: a remap entry whose old label the file never writes matches
// nothing.
func (u *Usage) Schema() Schema {
	s := &StaticSchema{Types: map[string]concept.Kind{}, Roles: map[string][]string{}}
	for _, t := range u.Types {
		s.Types[t.Label] = t.Kind
	}
	for _, r := range u.Roles {
		scope, name := SplitScoped(r.Label)
		rels := r.Relations
		if scope != "" {
			rels = []string{scope} // a 2.x label names its declaring relation
		}
		for _, rel := range rels {
			if !slices.Contains(s.Roles[name], rel) {
				s.Roles[name] = append(s.Roles[name], rel)
			}
		}
	}
	return s
}

// FileRoles returns the role labels as the file writes them, for Args.
func (u *Usage) FileRoles() []string {
	out := []string{}
	for _, r := range u.Roles {
		out = append(out, r.Label)
	}
	slices.Sort(out)
	return out
}

// Missing is a label an export file uses that the target schema lacks
// once the remap is applied.
type Missing struct {
	// Label is as the file writes it.
	Label string       `json:"label"`
	Kind  concept.Kind `json:"kind"`
	// Remapped is what the remap makes of Label, when it has an entry.
	Remapped string `json:"remapped,omitempty"`
	// Relations are, for a role, the target relations that lack it.
	Relations []string `json:"relations,omitempty"`
	// Count is the number of items (types) or role players (roles).
	Count int64 `json:"count"`
	// Suggestions are remap entries that would resolve it, best first.
	Suggestions []Candidate `json:"suggestions,omitempty"`
}

// MissingOptions tune Usage.Missing.
type MissingOptions struct {
	// Proposal, when set, supplies the suggestions for the labels it has
	// candidates for (a schema match knows the structure).
	Proposal *Proposal
	// Evidence, when set, is what the file shows about the missing labels
	// (Gather); a suggestion is then ranked by how much of it the target
	// type would accept.
	Evidence *Evidence
}

// Missing lists the labels of the file that the target schema lacks after
// the remap r (nil for none): a type label without a type of that kind, or
// a role that a relation of the target neither declares nor inherits.
// Suggestions come from the options' proposal, else from the target's
// labels of the same kind that the file does not use, ranked by the
// evidence, the value kind and the name.
func (u *Usage) Missing(r *Remap, target *schema.Model, opt MissingOptions) []Missing {
	p := opt.Proposal
	if r == nil {
		r, _ = New()
	}
	tgt := newSide(target)
	used := map[string]bool{} // target type labels the file uses after the remap
	for _, t := range u.Types {
		used[r.Relabel(t.Label)] = true
	}
	var out []Missing
	fit := fitter{r: r, tgt: tgt, ev: opt.Evidence, u: u, missing: map[string]bool{}}
	for _, t := range u.Types {
		l := r.Relabel(t.Label)
		if x := tgt.by[l]; x != nil && kindOf(x) == t.Kind {
			continue
		}
		fit.missing[t.Label] = true
		m := Missing{Label: t.Label, Kind: t.Kind, Count: t.Count}
		if l != t.Label {
			m.Remapped = l
		}
		out = append(out, m)
	}
	var roles []Missing
	for _, ur := range u.Roles {
		ms := u.missingRole(r, tgt, ur, p)
		if len(ms) > 0 {
			fit.missing[" "+ur.Label] = true // a role: the key cannot clash with a type label
		}
		roles = append(roles, ms...)
	}
	// Two rounds: the second reads a missing neighbour (the owner of a
	// missing attribute, say) as its clear favourite of the first.
	for round := range 2 {
		for i := range out {
			m := &out[i]
			if m.Suggestions = fromProposal(p, m.Label); m.Suggestions == nil {
				m.Suggestions = suggestType(tgt, u.typeOf(m.Label), used, fit)
			}
		}
		if round == 0 && opt.Evidence != nil {
			fit.guess = map[string]string{}
			for _, m := range out {
				if s := m.Suggestions; len(s) == 1 || len(s) > 1 && s[0].Confidence > s[1].Confidence+0.1 {
					fit.guess[m.Label] = s[0].New
				}
			}
			continue
		}
		break
	}
	return append(out, roles...)
}

// missingRole checks one role label of the file in every relation that
// uses it.
func (u *Usage) missingRole(r *Remap, tgt *side, ur UsedRole, p *Proposal) []Missing {
	l := r.Relabel(ur.Label)
	_, name := SplitScoped(l)
	m := Missing{Label: ur.Label, Kind: concept.Role, Count: ur.Players}
	if l != ur.Label {
		m.Remapped = l
	}
	var lacking []*schema.Type
	for _, rel := range ur.Relations {
		t := tgt.by[r.Relabel(rel)]
		if t == nil || kindOf(t) != concept.Relation {
			continue // the relation itself is missing, reported as a type
		}
		if t.RoleByName(name) == nil {
			lacking = append(lacking, t)
			m.Relations = append(m.Relations, t.Label)
		}
	}
	if len(lacking) == 0 {
		return nil
	}
	m.Suggestions = fromProposal(p, ur.Label)
	if m.Suggestions == nil {
		m.Suggestions = u.suggestRole(r, tgt, ur, lacking)
	}
	return []Missing{m}
}

// fromProposal returns p's renames and questions for old label l.
func fromProposal(p *Proposal, l string) []Candidate {
	if p == nil {
		return nil
	}
	var out []Candidate
	for _, cs := range [][]Candidate{p.Renames, p.Questions} {
		for _, c := range cs {
			if c.Old == l {
				out = append(out, c)
			}
		}
	}
	return out
}

// suggestType ranks the target types of t's kind that the file does not
// use: by name, with attributes only when the value kinds fit. Data alone
// never gives a high-confidence rename.
func suggestType(tgt *side, t UsedType, used map[string]bool, fit fitter) []Candidate {
	var cands []*schema.Type
	for _, x := range tgt.types {
		if kindOf(x) != t.Kind || used[x.Label] || x.IsAbstract() {
			continue
		}
		if t.Kind == concept.Attribute && !valueKindsFit(t.Values, valueType(x)) {
			continue
		}
		cands = append(cands, x)
	}
	var out []Candidate
	for _, x := range cands {
		ns := nameSimilarity(t.Label, x.Label)
		reasons := []string{"unused " + t.Kind.String() + " of the target"}
		if t.Kind == concept.Attribute {
			reasons = append(reasons, "value kind fits "+valueType(x))
		}
		var c float64
		if f, why, ok := fit.of(t, x); ok {
			c = 0.2 + 0.5*f + 0.2*ns
			reasons = append(reasons, why)
			if len(cands) == 1 {
				c += 0.1
				reasons = append(reasons, "the only one")
			}
		} else {
			c = 0.25 + 0.45*ns
			if len(cands) == 1 {
				c += 0.2
				reasons = append(reasons, "the only one")
			}
		}
		if c = round2(min(c, 0.85)); c >= MinConfidence {
			out = append(out, Candidate{Old: t.Label, New: x.Label, Kind: t.Kind, Confidence: c, Source: FromData, Reasons: reasons})
		}
	}
	return best(out)
}

// suggestRole ranks the roles of the lacking relations that the file does
// not use there.
func (u *Usage) suggestRole(r *Remap, tgt *side, ur UsedRole, lacking []*schema.Type) []Candidate {
	usedIn := map[string]map[string]bool{} // target relation → role names the file uses in it
	for _, o := range u.Roles {
		_, n := SplitScoped(r.Relabel(o.Label))
		for _, rel := range o.Relations {
			rl := r.Relabel(rel)
			if usedIn[rl] == nil {
				usedIn[rl] = map[string]bool{}
			}
			usedIn[rl][n] = true
		}
	}
	_, name := SplitScoped(ur.Label)
	score := map[string]float64{}
	why := map[string][]string{}
	var order []string
	for _, t := range lacking {
		var free []*schema.Type
		for _, s := range t.Roles() {
			if !usedIn[t.Label][s.Label] {
				free = append(free, s)
			}
		}
		for _, s := range free {
			c := 0.3 + 0.4*nameSimilarity(name, s.Label)
			reasons := []string{"a role of " + t.Label + " the file does not use"}
			if len(free) == 1 {
				c += 0.2
				reasons = append(reasons, "the only one")
			}
			k := s.Key()
			if _, ok := score[k]; !ok {
				order = append(order, k)
			}
			score[k] = max(score[k], round2(min(c, 0.85)))
			why[k] = reasons
		}
	}
	var out []Candidate
	for _, k := range order {
		if score[k] >= MinConfidence {
			out = append(out, Candidate{Old: ur.Label, New: k, Kind: concept.Role, Confidence: score[k], Source: FromData, Reasons: why[k]})
		}
	}
	return best(out)
}

// valueKindsFit reports whether attribute values of the file's kinds can
// be imported into an attribute type of value type vt.
func valueKindsFit(kinds []string, vt string) bool {
	if vt == "" {
		return true
	}
	for _, k := range kinds {
		switch {
		case k == vt:
		case strings.HasPrefix(k, "datetime") && vt == "datetime":
		case k == "long" && vt == "integer", k == "integer" && vt == "long":
		default:
			return false
		}
	}
	return true
}

// fitter measures how much of what a file shows about a label a target
// type would accept.
type fitter struct {
	r   *Remap
	tgt *side
	ev  *Evidence
	u   *Usage
	// missing are the file's type labels the target lacks; facts about
	// them count only through guess, their likely new label.
	missing map[string]bool
	guess   map[string]string
}

// label translates a file label to the target's, or false when it is
// missing there and has no clear guess.
func (f fitter) label(l string) (string, bool) {
	if f.missing[l] {
		g, ok := f.guess[l]
		return g, ok
	}
	return f.r.Relabel(l), true
}

func (u *Usage) typeOf(label string) UsedType {
	for _, t := range u.Types {
		if t.Label == label {
			return t
		}
	}
	return UsedType{Label: label}
}

// of returns the share (0 to 1) of the file's facts about t that target
// type x accepts, a reason, and false when the file shows no fact.
func (f fitter) of(t UsedType, x *schema.Type) (float64, string, bool) {
	if f.ev == nil {
		return 0, "", false
	}
	total, ok := 0, 0
	check := func(accepted bool) {
		total++
		if accepted {
			ok++
		}
	}
	for owner := range f.ev.Owners[t.Label] {
		if l, known := f.label(owner); known {
			o := f.tgt.by[l]
			check(o != nil && o.OwnsOf(x.Label) != nil)
		}
	}
	for attr := range f.ev.Owns[t.Label] {
		if l, known := f.label(attr); known {
			check(x.OwnsOf(l) != nil)
		}
	}
	for rr := range f.ev.Plays[t.Label] {
		rel, role, _ := strings.Cut(rr, " ")
		if f.missing[" "+role] {
			continue // the role itself is missing: no evidence either way
		}
		if l, known := f.label(rel); known {
			check(f.plays(x, l, role))
		}
	}
	if t.Kind == concept.Relation {
		for _, ur := range f.u.Roles {
			if slices.Contains(ur.Relations, t.Label) {
				_, name := SplitScoped(f.r.Relabel(ur.Label))
				check(x.RoleByName(name) != nil)
			}
		}
	}
	if total == 0 {
		return 0, "", false
	}
	return float64(ok) / float64(total), fmt.Sprintf("accepts %d of the %d ownerships and roles the file shows", ok, total), true
}

// plays reports whether target type x plays the role the file writes as
// role in target relation rel.
func (f fitter) plays(x *schema.Type, rel, role string) bool {
	t := f.tgt.by[rel]
	if t == nil {
		return false
	}
	_, name := SplitScoped(f.r.Relabel(role))
	rt := t.RoleByName(name)
	return rt != nil && x.PlaysRole(rt) != nil
}
