package rewrite3

import (
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"strings"

	"github.com/tqlmig/tqlmig/datafile"
)

// Census is what an export file says about cardinalities: for each thing
// type how many instances it has, for each (owner type, attribute type)
// and (relation type, role name) how many instances have at least one and
// the least and most any of those has. Labels are the data's, unless
// relabelled (Relabel).
type Census struct {
	Name string
	// Instances counts entity and relation items per type label.
	Instances map[string]int64
	// Owns is keyed by owner label and attribute label.
	Owns map[[2]string]*Count
	// Roles is keyed by relation label and role name (the data's role
	// label without its scope).
	Roles map[[2]string]*Count
	// AttributeOwners counts attribute items that own attributes; their
	// ownerships are not counted in Owns (3.x has none).
	AttributeOwners int64
}

// Count is how many instances have at least one, and the least and the
// most one of those has.
type Count struct {
	With     int64
	Min, Max int64
}

func (c *Count) add(n int64) {
	if c.With == 0 || n < c.Min {
		c.Min = n
	}
	if n > c.Max {
		c.Max = n
	}
	c.With++
}

func (c *Count) merge(o *Count) {
	if o == nil || o.With == 0 {
		return
	}
	if c.With == 0 || o.Min < c.Min {
		c.Min = o.Min
	}
	if o.Max > c.Max {
		c.Max = o.Max
	}
	c.With += o.With
}

// ReadCensusFile reads the export file at path twice (attribute labels
// first, then ownerships and role players) and returns its census.
func ReadCensusFile(path string) (*Census, error) {
	return ReadCensus(path, func() (io.ReadCloser, error) { return os.Open(path) })
}

// ReadCensus reads the export stream that open returns twice: once for the
// label of every attribute id, once to count ownerships per owner and role
// players per relation. Memory grows with the number of attributes, not
// with the file.
func ReadCensus(name string, open func() (io.ReadCloser, error)) (*Census, error) {
	seed := maphash.MakeSeed()
	attrLabel := map[uint64]int32{}
	var labels []string
	labelIdx := map[string]int32{}
	intern := func(b []byte) int32 {
		if i, ok := labelIdx[string(b)]; ok {
			return i
		}
		i := int32(len(labels))
		s := string(b)
		labels = append(labels, s)
		labelIdx[s] = i
		return i
	}
	pass := func(f func(it *datafile.Item)) error {
		rc, err := open()
		if err != nil {
			return err
		}
		defer rc.Close()
		r := datafile.NewReader(rc, datafile.WithName(name))
		for {
			it, err := r.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				if datafile.Recoverable(err) {
					continue
				}
				return err
			}
			f(it)
		}
	}
	c := &Census{Name: name, Instances: map[string]int64{}, Owns: map[[2]string]*Count{}, Roles: map[[2]string]*Count{}}
	if err := pass(func(it *datafile.Item) {
		if it.Kind == datafile.KindAttribute {
			attrLabel[maphash.Bytes(seed, it.ID)] = intern(it.Label)
			if len(it.Owned) > 0 {
				c.AttributeOwners++
			}
		}
	}); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	per := map[int32]int64{}
	perRole := map[string]int64{}
	if err := pass(func(it *datafile.Item) {
		if it.Kind != datafile.KindEntity && it.Kind != datafile.KindRelation {
			return
		}
		owner := string(it.Label)
		c.Instances[owner]++
		clear(per)
		for _, id := range it.Owned {
			if a, ok := attrLabel[maphash.Bytes(seed, id)]; ok {
				per[a]++
			}
		}
		for a, n := range per {
			k := [2]string{owner, labels[a]}
			if c.Owns[k] == nil {
				c.Owns[k] = &Count{}
			}
			c.Owns[k].add(n)
		}
		if it.Kind != datafile.KindRelation {
			return
		}
		clear(perRole)
		for _, r := range it.Roles {
			perRole[roleName(string(r.Label))] += int64(len(r.Players))
		}
		for role, n := range perRole {
			if n == 0 {
				continue
			}
			k := [2]string{owner, role}
			if c.Roles[k] == nil {
				c.Roles[k] = &Count{}
			}
			c.Roles[k].add(n)
		}
	}); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return c, nil
}

// roleName drops the scope of a role label.
func roleName(label string) string {
	if i := strings.LastIndexByte(label, ':'); i >= 0 {
		return label[i+1:]
	}
	return label
}

// Relabel returns the census with labels renamed as a schema conversion
// renamed them: old=new for types, and "rel:role"=rel:new or a global
// 1.x role label for roles. Counts that meet under one label are merged.
func (c *Census) Relabel(renames map[string]string) *Census {
	if c == nil || len(renames) == 0 {
		return c
	}
	ren := func(l string) string {
		if n, ok := renames[l]; ok {
			return n
		}
		return l
	}
	out := &Census{Name: c.Name, Instances: map[string]int64{}, Owns: map[[2]string]*Count{}, Roles: map[[2]string]*Count{}, AttributeOwners: c.AttributeOwners}
	for l, n := range c.Instances {
		out.Instances[ren(l)] += n
	}
	for k, v := range c.Owns {
		nk := [2]string{ren(k[0]), ren(k[1])}
		if out.Owns[nk] == nil {
			out.Owns[nk] = &Count{}
		}
		out.Owns[nk].merge(v)
	}
	for k, v := range c.Roles {
		role := k[1]
		if n, ok := renames[k[0]+":"+role]; ok {
			role = roleName(n)
		} else if n, ok := renames[role]; ok {
			role = roleName(n)
		}
		nk := [2]string{ren(k[0]), role}
		if out.Roles[nk] == nil {
			out.Roles[nk] = &Count{}
		}
		out.Roles[nk].merge(v)
	}
	return out
}
