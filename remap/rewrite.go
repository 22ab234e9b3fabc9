package remap

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
)

// RoleScoper finds the relation that declares a role, for writing role
// labels as "relation:role" (what TypeDB 3.x requires).
type RoleScoper interface {
	// ScopeRole returns the relation type declaring the role named role
	// that relation type relation relates, itself or by inheritance.
	ScopeRole(relation, role string) (string, bool)
}

// RewriteOptions tunes Rewrite.
type RewriteOptions struct {
	// Name is the input's name in diagnostics.
	Name string
	// Scope, when set, rewrites every role label as declaring-relation:role
	// after the remap is applied.
	Scope RoleScoper
	// Progress, when set, is called with the bytes read so far, about once
	// per MiB.
	Progress func(read int64)
	// RecountChecksums drops every checksums item of the input and writes
	// one at the end holding the counts of the items written, so that an
	// export whose checksums item is missing, repeated or not last becomes
	// one an importer accepts. Stats.Recounted says what was written.
	RecountChecksums bool
	// DropAttributeOwnerships leaves out the ownerships of attribute items
	// (attributes owning attributes), which TypeDB 3.x refuses
	// (AttributesOwningAttributes), and lowers the ownership count of the
	// checksums item by as many. Stats.DroppedOwnerships counts them.
	DropAttributeOwnerships bool
	// DropAttributePlayers leaves out the role players that are attribute
	// items, which a TypeDB 3.x import never resolves (IncompleteRolesOnDone),
	// a role left with no player with them, and lowers the role count of the
	// checksums item by as many. An attribute is known as one when its item
	// comes before the relation, as 1.x and 2.x exporters write them.
	// Stats.DroppedPlayers counts them.
	DropAttributePlayers bool
}

// RewriteStats says what Rewrite changed.
type RewriteStats struct {
	Items   int64 `json:"items"`
	Bytes   int64 `json:"bytes"`   // bytes read
	Written int64 `json:"written"` // bytes written
	Changed int64 `json:"changed"` // items whose bytes changed
	// Relabelled counts substitutions per remap entry, keyed "old=new".
	Relabelled map[string]int64 `json:"relabelled"`
	// Scoped counts role labels that scoping changed.
	Scoped int64 `json:"scoped,omitempty"`
	// Unscopable counts role labels the scoper could not place, keyed
	// "relation role".
	Unscopable map[string]int64 `json:"unscopable,omitempty"`
	// Structure holds what the input's structure lacks or repeats (header
	// and checksums items: datafile.Reader.Diagnostics); the copy has the
	// same faults, but for the checksums with RecountChecksums.
	Structure diag.List `json:"-"`
	// Recounted is the checksums item written with RecountChecksums, and
	// Dropped the number of checksums items of the input left out.
	Recounted *datafile.Checksums `json:"recounted,omitempty"`
	Dropped   int64               `json:"droppedChecksums,omitempty"`
	// DroppedOwnerships counts the ownerships of attribute items left out
	// with DropAttributeOwnerships.
	DroppedOwnerships int64 `json:"droppedOwnerships,omitempty"`
	// DroppedPlayers counts the attribute role players left out with
	// DropAttributePlayers.
	DroppedPlayers int64 `json:"droppedPlayers,omitempty"`
	// PlayerlessRelations counts the relations DropAttributePlayers left
	// with no player at all. TypeDB 3.x deletes a relation written without
	// players when the import commits (typedb/typedb@3.10.4:concept/thing/
	// thing_manager.rs cleanup_relations), and its ownerships with it.
	PlayerlessRelations int64 `json:"playerlessRelations,omitempty"`
}

// Unused returns the remap entries that matched no label, in remap order.
func (s *RewriteStats) Unused(r *Remap) []Entry {
	var out []Entry
	for _, e := range r.Entries {
		if s.Relabelled[e.String()] == 0 && e.Old != e.New {
			out = append(out, e)
		}
	}
	return out
}

// UnscopableList returns the Unscopable keys, sorted.
func (s *RewriteStats) UnscopableList() []string {
	out := make([]string, 0, len(s.Unscopable))
	for k := range s.Unscopable {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Field numbers of the export format (export-format.md §1), stable from
// 1.7.3 to 3.x.
const (
	fItemAttribute = 1
	fItemEntity    = 2
	fItemRelation  = 3
	fItemChecksums = 16
	fThingLabel    = 2
	fThingOwned    = 3
	fRelationRole  = 4
	fRoleLabel     = 1
	fRolePlayer    = 2
	fSumRoles      = 4
	fSumOwnerships = 5
)

// Rewrite copies an export stream from src to dst, replacing type and role
// labels through r and, with opt.Scope, scoping role labels. Everything
// else is copied byte for byte: items without a changed label keep their
// exact bytes, and a changed item keeps every other field, unknown ones
// included, in its order. Checksums do not depend on labels and stay valid.
//
// An error is a *diag.Diagnostic with a DataPos when the input is damaged
// (the framing errors of datafile.Reader, or a malformed item); dst then
// holds a partial stream, so write it to a temporary file.
func Rewrite(dst io.Writer, src io.Reader, r *Remap, opt RewriteOptions) (*RewriteStats, error) {
	rw := &rewriter{
		r: r, opt: opt, in: datafile.NewReader(src, datafile.WithName(opt.Name), datafile.WithProgress(opt.Progress)), out: bufio.NewWriterSize(dst, 1<<20),
		stats: &RewriteStats{Relabelled: map[string]int64{}, Unscopable: map[string]int64{}},
		used:  make([]int64, len(r.Entries)),
	}
	err := rw.run()
	if err == nil && opt.RecountChecksums {
		err = rw.writeChecksums()
	}
	rw.stats.Bytes = rw.in.BytesRead()
	rw.stats.Structure = rw.in.Diagnostics()
	for i, n := range rw.used {
		if n > 0 {
			rw.stats.Relabelled[r.Entries[i].String()] = n
		}
	}
	if err != nil {
		return rw.stats, err
	}
	if err := rw.out.Flush(); err != nil {
		return rw.stats, err
	}
	return rw.stats, nil
}

type rewriter struct {
	r     *Remap
	opt   RewriteOptions
	in    *datafile.Reader
	out   *bufio.Writer
	stats *RewriteStats
	used  []int64 // substitutions per entry

	counts  datafile.Checksums // of the items written, for RecountChecksums
	counted datafile.Item      // an item decoded for counting
	buf     []byte             // rewritten item
	tbuf    []byte             // rewritten thing
	rbuf    []byte             // rewritten role
	scratch []byte
	off     int64 // offset of the current item's prefix

	// attrs holds the ids of the attribute items read so far, with
	// DropAttributePlayers; emptied is set when role drops every player.
	attrs   map[string]struct{}
	emptied bool
}

func (rw *rewriter) fail(format string, args ...any) error {
	return &diag.Diagnostic{
		Severity: diag.Error, Code: "rewrite-input",
		Data:    &diag.DataPos{File: rw.opt.Name, Offset: rw.off, Item: rw.stats.Items},
		Message: fmt.Sprintf(format, args...),
	}
}

func (rw *rewriter) run() error {
	for {
		rw.off = rw.in.Offset()
		frame, n, err := rw.in.NextRaw()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if rw.opt.RecountChecksums {
			if datafile.PeekKind(frame[n:]) == concept.Checksums {
				rw.stats.Dropped++
				continue
			}
		}
		if rw.opt.DropAttributePlayers && datafile.PeekKind(frame[n:]) == concept.Attribute {
			if err := datafile.DecodeItem(&rw.counted, frame[n:]); err != nil {
				return rw.fail("malformed item: %v", err)
			}
			if rw.attrs == nil {
				rw.attrs = map[string]struct{}{}
			}
			rw.attrs[string(rw.counted.ID)] = struct{}{}
		}
		out, changed, err := rw.item(frame[n:])
		if err != nil {
			return err
		}
		if rw.opt.RecountChecksums {
			if err := datafile.DecodeItem(&rw.counted, out); err != nil {
				return rw.fail("malformed item: %v", err)
			}
			rw.counts.Add(&rw.counted)
		}
		if changed {
			rw.stats.Changed++
			rw.scratch = protowire.AppendVarint(rw.scratch[:0], uint64(len(out)))
			rw.out.Write(rw.scratch)
			rw.stats.Written += int64(len(rw.scratch))
		} else {
			out = frame
		}
		if _, err := rw.out.Write(out); err != nil {
			return err
		}
		rw.stats.Written += int64(len(out))
		rw.stats.Items++
	}
}

// checksums rewrites the Checksums message b with its ownership and role
// counts lowered by the ownerships and players dropped so far; every other
// field is kept.
func (rw *rewriter) checksums(b []byte) ([]byte, bool, error) {
	if rw.stats.DroppedOwnerships == 0 && rw.stats.DroppedPlayers == 0 {
		return b, false, nil
	}
	drops := map[protowire.Number]uint64{fSumOwnerships: uint64(rw.stats.DroppedOwnerships), fSumRoles: uint64(rw.stats.DroppedPlayers)}
	var out []byte
	changed := false
	err := rw.fields(b, "checksums", func(num protowire.Number, typ protowire.Type, field []byte, tag int) error {
		drop := drops[num]
		if drop == 0 || typ != protowire.VarintType {
			out = append(out, field...)
			return nil
		}
		n, _ := protowire.ConsumeVarint(field[tag:])
		if n < drop { // a count that was wrong already: leave it
			out = append(out, field...)
			return nil
		}
		changed = true
		if n > drop {
			out = protowire.AppendVarint(protowire.AppendTag(out, num, typ), n-drop)
		}
		return nil
	})
	return out, changed, err
}

// writeChecksums ends the output with a checksums item of the counts of
// the items written.
func (rw *rewriter) writeChecksums() error {
	c := rw.counts
	b := datafile.AppendDelimited(nil, &datafile.Item{Kind: concept.Checksums, Checksums: c})
	if _, err := rw.out.Write(b); err != nil {
		return err
	}
	rw.stats.Written += int64(len(b))
	rw.stats.Items++
	rw.stats.Recounted = &c
	return nil
}

// fields calls fn for each field of message b with its number, wire type,
// whole bytes and the length of its tag; what names the message in errors.
func (rw *rewriter) fields(b []byte, what string, fn func(num protowire.Number, typ protowire.Type, field []byte, tag int) error) error {
	for i := 0; i < len(b); {
		num, typ, n := protowire.ConsumeTag(b[i:])
		if n < 0 {
			return rw.fail("malformed %s: %v", what, protowire.ParseError(n))
		}
		m := protowire.ConsumeFieldValue(num, typ, b[i+n:])
		if m < 0 {
			return rw.fail("malformed %s field %d: %v", what, num, protowire.ParseError(m))
		}
		if err := fn(num, typ, b[i:i+n+m], n); err != nil {
			return err
		}
		i += n + m
	}
	return nil
}

// item rewrites one Item message. It returns msg itself when nothing changed.
func (rw *rewriter) item(msg []byte) ([]byte, bool, error) {
	out := rw.buf[:0]
	changed := false
	err := rw.fields(msg, "item", func(num protowire.Number, typ protowire.Type, field []byte, tag int) error {
		sums := num == fItemChecksums && (rw.opt.DropAttributeOwnerships || rw.opt.DropAttributePlayers)
		if typ != protowire.BytesType || (num != fItemAttribute && num != fItemEntity && num != fItemRelation && !sums) {
			out = append(out, field...)
			return nil
		}
		body, _ := protowire.ConsumeBytes(field[tag:])
		var nb []byte
		var ch bool
		var err error
		if sums {
			nb, ch, err = rw.checksums(body)
		} else {
			nb, ch, err = rw.thing(body, num == fItemRelation, num == fItemAttribute)
		}
		if err != nil {
			return err
		}
		if !ch {
			out = append(out, field...)
			return nil
		}
		changed = true
		out = protowire.AppendBytes(protowire.AppendTag(out, num, protowire.BytesType), nb)
		return nil
	})
	rw.buf = out
	if err != nil || !changed {
		return msg, false, err
	}
	return out, true, nil
}

// thing rewrites an Entity, Attribute or Relation message.
func (rw *rewriter) thing(b []byte, relation, attribute bool) ([]byte, bool, error) {
	// The relation's own label, after the remap, scopes its roles; find it
	// first, since fields may come in any order.
	label := ""
	if relation && rw.opt.Scope != nil {
		err := rw.fields(b, "thing", func(num protowire.Number, typ protowire.Type, field []byte, tag int) error {
			if num == fThingLabel && typ == protowire.BytesType {
				v, _ := protowire.ConsumeBytes(field[tag:])
				label = string(v)
				if nl, ok := rw.relabel(v, false); ok {
					label = nl
				}
			}
			return nil
		})
		if err != nil {
			return nil, false, err
		}
	}
	out := rw.tbuf[:0]
	defer func() { rw.tbuf = out[:0] }()
	changed := false
	kept, emptied := 0, 0 // roles of a relation kept, and emptied by drops
	err := rw.fields(b, "thing", func(num protowire.Number, typ protowire.Type, field []byte, tag int) error {
		if typ != protowire.BytesType {
			out = append(out, field...)
			return nil
		}
		v, _ := protowire.ConsumeBytes(field[tag:])
		var nv []byte
		switch {
		case num == fThingOwned && attribute && rw.opt.DropAttributeOwnerships:
			rw.stats.DroppedOwnerships++
			changed = true
			return nil
		case num == fThingLabel:
			if s, ok := rw.relabel(v, true); ok && s != string(v) {
				nv = []byte(s)
			}
		case num == fRelationRole && relation:
			r, ch, err := rw.role(v, label)
			if err != nil {
				return err
			}
			if rw.emptied {
				emptied++
				changed = true
				return nil
			}
			kept++
			if ch {
				nv = r
			}
		}
		if nv == nil {
			out = append(out, field...)
			return nil
		}
		changed = true
		out = protowire.AppendBytes(protowire.AppendTag(out, num, protowire.BytesType), nv)
		return nil
	})
	if emptied > 0 && kept == 0 {
		rw.stats.PlayerlessRelations++
	}
	return out, changed, err
}

// role rewrites a Relation.Role message of a relation labelled relation
// (after the remap).
func (rw *rewriter) role(b []byte, relation string) ([]byte, bool, error) {
	out := rw.rbuf[:0]
	defer func() { rw.rbuf = out[:0] }()
	changed := false
	players, dropped := 0, 0
	rw.emptied = false
	err := rw.fields(b, "role", func(num protowire.Number, typ protowire.Type, field []byte, tag int) error {
		if num == fRolePlayer && typ == protowire.BytesType {
			players++
			if rw.attrs != nil && rw.isAttribute(field[tag:]) {
				dropped++
				changed = true
				return nil
			}
		}
		if num != fRoleLabel || typ != protowire.BytesType {
			out = append(out, field...)
			return nil
		}
		v, _ := protowire.ConsumeBytes(field[tag:])
		s, relabelled := rw.relabel(v, true)
		if !relabelled {
			if rw.opt.Scope == nil {
				out = append(out, field...)
				return nil
			}
			s = string(v)
		}
		if rw.opt.Scope != nil {
			_, name := SplitScoped(s)
			if decl, ok := rw.opt.Scope.ScopeRole(relation, name); ok {
				if sc := decl + ":" + name; sc != s {
					s = sc
					rw.stats.Scoped++
				}
			} else {
				rw.stats.Unscopable[relation+" "+name]++
			}
		}
		if s == string(v) {
			out = append(out, field...)
			return nil
		}
		changed = true
		out = protowire.AppendString(protowire.AppendTag(out, num, protowire.BytesType), s)
		return nil
	})
	rw.stats.DroppedPlayers += int64(dropped)
	rw.emptied = err == nil && dropped > 0 && dropped == players
	return out, changed, err
}

// isAttribute reports whether the Player message in field (its length
// prefix first) names an attribute item read before.
func (rw *rewriter) isAttribute(field []byte) bool {
	msg, n := protowire.ConsumeBytes(field)
	if n < 0 {
		return false
	}
	var id []byte
	for len(msg) > 0 {
		num, typ, m := protowire.ConsumeTag(msg)
		if m < 0 {
			return false
		}
		msg = msg[m:]
		if num == 1 && typ == protowire.BytesType {
			v, k := protowire.ConsumeBytes(msg)
			if k < 0 {
				return false
			}
			id, msg = v, msg[k:]
			continue
		}
		k := protowire.ConsumeFieldValue(num, typ, msg)
		if k < 0 {
			return false
		}
		msg = msg[k:]
	}
	_, ok := rw.attrs[string(id)]
	return ok
}

// relabel looks label up in the remap: its new label and true, or "" and
// false when the remap does not name it. count records the substitution
// (the scoping pre-pass looks labels up without counting).
func (rw *rewriter) relabel(label []byte, count bool) (string, bool) {
	i, ok := rw.r.index[string(label)]
	if !ok {
		return "", false
	}
	if count {
		rw.used[i]++
	}
	return rw.r.Entries[i].New, true
}

// The codes of Diagnostics.
const (
	CodeUnused     = "remap-unused"       // a remap entry that matched no label of the export
	CodeUnscopable = "rewrite-unscopable" // a role label scoping could not place
)

// Diagnostics turns what a rewrite of export file data found into
// findings: each entry of r that matched no label (with severity unused:
// a warning for entries the user wrote, a note for generated ones), and
// each role label that scoping could not place (an error: the target
// rejects it).
func (s *RewriteStats) Diagnostics(r *Remap, data string, unused diag.Severity) diag.List {
	var out diag.List
	for _, u := range s.Unused(r) {
		d := &diag.Diagnostic{Severity: unused, Code: CodeUnused, Message: fmt.Sprintf("remap entry %s matched no label in %s", u, data)}
		if rng := u.OldRange; rng.Start.IsValid() {
			d.Range = &rng
		}
		out.Add(d)
	}
	for _, k := range s.UnscopableList() {
		rel, role, _ := strings.Cut(k, " ")
		out.Add(&diag.Diagnostic{Severity: diag.Error, Code: CodeUnscopable,
			Message: fmt.Sprintf("role %q of relation %q is not in the target schema; %d labels left unscoped", role, rel, s.Unscopable[k]),
			Detail:  "The target (TypeDB 3.x) resolves only role labels scoped by the relation that declares them, and rejects an unscoped or unknown one (UnknownRoleType). Add the role to the schema, or rename it with a remap entry."})
	}
	return out
}
