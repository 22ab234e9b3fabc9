package remap

import (
	"hash/maphash"
	"io"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

// DefaultSample is how many items of each label Gather follows.
const DefaultSample = 20000

// Evidence is what an export file shows about the items of some labels:
// the types that own them, the attributes they own and the roles they
// play, each with a count, in the file's own labels. It is gathered from a
// sample of the items, so counts are lower bounds.
type Evidence struct {
	Owners map[string]map[string]int64 // attribute label → owner label → ownerships
	Owns   map[string]map[string]int64 // owner label → attribute label → ownerships
	Plays  map[string]map[string]int64 // player label → "relation role" → role players
}

// Gather reads src twice (it seeks back to the start in between) and
// collects the evidence about the items labelled with one of labels,
// following at most sample items of each label (0: DefaultSample).
// Malformed items are skipped; a file that cannot be read at all is an
// error.
func Gather(src io.ReadSeeker, labels []string, sample int) (*Evidence, error) {
	if sample <= 0 {
		sample = DefaultSample
	}
	ev := &Evidence{Owners: map[string]map[string]int64{}, Owns: map[string]map[string]int64{}, Plays: map[string]map[string]int64{}}
	want := map[string]int{}
	for i, l := range labels {
		want[l] = i
	}
	seed := maphash.MakeSeed()
	hash := func(b []byte) uint64 { return maphash.Bytes(seed, b) }
	// Pass 1: the ids of the followed items, and the ids they own.
	ids := map[uint64]int{}     // id → label index
	owned := map[uint64][]int{} // owned id → owner label indexes
	seen := make([]int, len(labels))
	if err := scan(src, func(it *datafile.Item) {
		i, ok := want[string(it.Label)]
		if !ok || seen[i] >= sample {
			return
		}
		seen[i]++
		ids[hash(it.ID)] = i
		for _, o := range it.Owned {
			h := hash(o)
			owned[h] = append(owned[h], i)
		}
	}); err != nil {
		return nil, err
	}
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	add := func(m map[string]map[string]int64, a, b string) {
		if m[a] == nil {
			m[a] = map[string]int64{}
		}
		m[a][b]++
	}
	// Pass 2: who owns and plays with them, and what they own.
	err := scan(src, func(it *datafile.Item) {
		label := string(it.Label)
		if it.Kind == concept.Attribute {
			for _, i := range owned[hash(it.ID)] {
				add(ev.Owns, labels[i], label)
			}
		}
		for _, o := range it.Owned {
			if i, ok := ids[hash(o)]; ok {
				add(ev.Owners, labels[i], label)
			}
		}
		for _, r := range it.Roles {
			for _, p := range r.Players {
				if i, ok := ids[hash(p)]; ok {
					add(ev.Plays, labels[i], label+" "+string(r.Label))
				}
			}
		}
	})
	return ev, err
}

// scan calls fn for every well-formed thing item of src.
func scan(src io.Reader, fn func(*datafile.Item)) error {
	r := datafile.NewReader(src)
	for {
		it, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if datafile.Recoverable(err) {
				continue
			}
			if r.Index() > 0 {
				return nil // a truncated or damaged tail: use what was read
			}
			return err
		}
		switch it.Kind {
		case concept.Entity, concept.Relation, concept.Attribute:
			fn(it)
		}
	}
}
