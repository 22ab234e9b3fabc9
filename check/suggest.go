package check

import (
	"math"
	"slices"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/schema"
)

// suggestion is a remap entry that would resolve a group.
type suggestion struct {
	entry string // old=new, old as the file writes it
}

// maxPartners bounds the ownership pairs kept for suggestions.
const maxPartners = 4096

// partner records an ownership between two label entries when one of them
// did not resolve, so suggestions can compare owners and owned types.
func (b *back) partner(ownerLab, attrLab uint32) {
	if b.partners == nil {
		b.partners = map[uint64]struct{}{}
	}
	if len(b.partners) < maxPartners {
		b.partners[uint64(ownerLab)<<32|uint64(attrLab)] = struct{}{}
	}
}

// limit is how many edits a likely typo of s has (schema.Closest's rule).
func limit(s string) int {
	switch n := len([]rune(s)); {
	case n <= 3:
		return 1
	case n <= 8:
		return 2
	}
	return 3
}

// suggestions finds remap entries for unknown item labels and roles.
func (f *front) suggestions(b *back) map[groupKey]suggestion {
	out := map[groupKey]suggestion{}
	used := map[int32]bool{} // types some resolved label already names
	for _, le := range f.labels {
		if le.status == lsOK || le.status == lsAbstract {
			used[le.typ] = true
		}
	}
	// owners[l] / owned[l]: the schema types on the other side of label
	// entry l's ownerships.
	owners, owned := map[int32][]int32{}, map[int32][]int32{}
	for p := range b.partners {
		o, a := int32(p>>32), int32(uint32(p))
		if t := f.labels[a].typ; t >= 0 {
			owned[o] = append(owned[o], t)
		}
		if t := f.labels[o].typ; t >= 0 {
			owners[a] = append(owners[a], t)
		}
	}
	for i := range f.labels {
		le := &f.labels[i]
		if le.status != lsUnknown {
			continue
		}
		if c := f.suggestType(int32(i), le, used, owners[int32(i)], owned[int32(i)]); c >= 0 {
			out[groupKey{ck: ckUnknownLabel, label: labelIdx(i)}] = suggestion{entry: le.file + "=" + f.v.types[c].key}
		}
	}
	for i := range f.roles {
		re := &f.roles[i]
		if re.status != rsUnknown {
			continue
		}
		if s := f.suggestRole(re); s != "" && s != re.file {
			out[groupKey{ck: ckUnknownRole, role: roleIdx(i)}] = suggestion{entry: re.file + "=" + s}
		}
	}
	return out
}

// suggestType ranks the concrete schema types of the label's kind by edit
// distance, then by how well they fit what the data shows: the value
// kinds of an attribute, the owners and owned types, the role names of a
// relation; a type no other label uses is preferred, since a renamed type
// leaves its new name unused by the file.
func (f *front) suggestType(li int32, le *labelEntry, used map[int32]bool, owners, owned []int32) int32 {
	name := strings.ToLower(le.mapped)
	best, bestScore := int32(-1), math.Inf(1)
	var roleNames []string
	if le.kind == concept.Relation {
		for r := range f.relRoles[li] {
			_, n := remap.SplitScoped(f.relabel(r))
			roleNames = append(roleNames, n)
		}
		slices.Sort(roleNames)
	}
	for _, c := range f.v.types {
		if c.kind != le.kind || c.abstract || c.role {
			continue
		}
		if le.kind == concept.Attribute && le.values&^1 != 0 && le.values&^1&^c.values != 0 {
			continue // the data holds values this type refuses
		}
		d := schema.EditDistance(name, strings.ToLower(c.key))
		fit, evidence := 0.0, 0
		for _, o := range owners {
			evidence++
			if f.v.types[o].owns[c.idx] != 0 {
				fit++
			}
		}
		for _, a := range owned {
			evidence++
			if c.owns[a] != 0 {
				fit++
			}
		}
		for _, n := range roleNames {
			evidence++
			if f.v.roleNamed(c.idx, n) >= 0 {
				fit++
			}
		}
		s := 0.5
		if evidence > 0 {
			s = fit / float64(evidence)
		}
		close := d <= limit(le.mapped)
		// A perfect structural fit may differ more in spelling, as long as
		// the names still share about half their letters.
		if !close && !(s == 1 && evidence > 0 && !used[c.idx] && d <= max(len(name), len(c.key))/2) {
			continue
		}
		score := float64(d) + 2*(1-s)
		if used[c.idx] {
			score += 1.5
		}
		if score < bestScore {
			best, bestScore = c.idx, score
		}
	}
	return best
}

// suggestRole returns the label the role entry should be remapped to for
// the target's role lookup, or "".
func (f *front) suggestRole(re *roleEntry) string {
	rel := f.labels[re.rel].found
	if rel < 0 || f.v.types[rel].kind != concept.Relation {
		return ""
	}
	_, name := remap.SplitScoped(re.mapped)
	r := f.v.roleNamed(rel, name)
	if r < 0 {
		var names []string
		for _, x := range f.v.types[rel].relates {
			names = append(names, f.v.types[x].t.Label)
		}
		if c := schema.Closest(name, names); c != "" {
			r = f.v.roleNamed(rel, c)
		}
	}
	if r < 0 {
		return ""
	}
	t := f.v.types[r]
	switch f.v.roles {
	case version.RoleGlobal, version.RoleByName:
		return t.t.Label
	}
	return t.key
}
