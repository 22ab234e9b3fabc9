package remap

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
)

// Validate checks the remap on its own and, when schemas are given, against
// the source schema (the one the data was exported from) and the target
// schema. Either schema may be nil.
//
//   - remap-chain: a=b with b=c. Importers look each label up once, so a
//     becomes b, not c.
//   - remap-cycle: a=b with b=a (or longer). Legal for an importer (it is a
//     swap) but almost always a mistake, and a rewrite cannot be undone.
//   - remap-kind-merge: two labels of different kinds become one label.
//   - remap-kind-change: a label becomes a label of another kind.
//   - remap-unknown-target: the new label is not in the target schema.
//   - remap-unknown-source: the old label is not in the source schema.
func (r *Remap) Validate(source, target Schema) diag.List {
	var ds diag.List
	r.checkChains(&ds)
	if source != nil {
		r.checkMerges(source, &ds)
	}
	for i := range r.Entries {
		e := &r.Entries[i]
		if e.Old == e.New {
			continue
		}
		var ko, kn concept.Kind
		if source != nil {
			if ko = KindOf(source, e.Old); ko == concept.Unknown {
				addAt(&ds, diag.Warning, "remap-unknown-source", e.OldRange,
					"%q is not a type or role of the source schema; this entry matches nothing", e.Old)
			}
		}
		if target != nil {
			if kn = KindOf(target, e.New); kn == concept.Unknown {
				d := addAt(&ds, diag.Error, "remap-unknown-target", e.NewRange,
					"%q is not a type or role of the target schema", e.New)
				if scope, name := SplitScoped(e.New); scope != "" {
					if rels := target.RoleRelations(name); len(rels) > 0 {
						d.Detail = fmt.Sprintf("A role %q is declared by %s; a scoped role label names the relation that declares it.", name, quoteList(rels))
					}
				}
			}
		}
		if ko != concept.Unknown && kn != concept.Unknown && ko != kn {
			addAt(&ds, diag.Error, "remap-kind-change", e.NewRange,
				"%s %q becomes %s %q", ko, e.Old, kn, e.New).Detail =
				"Importers look a label up among the types of the item's own kind, so the entry cannot work."
		}
	}
	return ds
}

// checkChains reports chains and cycles, once per entry that starts one.
func (r *Remap) checkChains(ds *diag.List) {
	inCycle := map[string]bool{}
	for _, e := range r.Entries {
		if e.Old == e.New || inCycle[e.Old] {
			continue
		}
		next, ok := r.Lookup(e.New)
		if !ok || next == e.New {
			continue
		}
		// Follow the chain from e to see whether it comes back.
		path := []string{e.Old, e.New}
		seen := map[string]bool{e.Old: true, e.New: true}
		cur := e.New
		cycle := false
		for {
			n, ok := r.Lookup(cur)
			if !ok || n == cur {
				break
			}
			path = append(path, n)
			if n == e.Old {
				cycle = true
				break
			}
			if seen[n] {
				break // a cycle further down the chain; reported from its own entries
			}
			seen[n] = true
			cur = n
		}
		if cycle {
			for _, l := range path {
				inCycle[l] = true
			}
			addAt(ds, diag.Error, "remap-cycle", e.OldRange, "remap cycle %s", strings.Join(path, " → ")).Detail =
				"Labels are swapped in one lookup each; if that is what you want, rewrite the file in two passes through an unused label instead."
			continue
		}
		j := r.index[e.New]
		d := addAt(ds, diag.Error, "remap-chain", e.NewRange, "remap chain %s", strings.Join(path, " → "))
		d.Detail = fmt.Sprintf("Importers look each label up once, so %q becomes %q, not %q. Write %s=%s if that is meant.",
			e.Old, e.New, path[len(path)-1], e.Old, path[len(path)-1])
		d.Related = []diag.Related{{Range: r.Entries[j].OldRange, Message: "entry for " + e.New}}
	}
}

// checkMerges reports labels of different kinds that become one label.
func (r *Remap) checkMerges(source Schema, ds *diag.List) {
	type first struct {
		e    Entry
		kind concept.Kind
	}
	byNew := map[string]first{}
	for _, e := range r.Entries {
		k := KindOf(source, e.Old)
		if k == concept.Unknown {
			continue
		}
		f, ok := byNew[e.New]
		if !ok {
			byNew[e.New] = first{e, k}
			continue
		}
		if f.kind != k {
			d := addAt(ds, diag.Error, "remap-kind-merge", e.NewRange,
				"%s %q and %s %q both become %q", f.kind, f.e.Old, k, e.Old, e.New)
			d.Related = []diag.Related{{Range: f.e.NewRange, Message: "first entry to " + e.New}}
		}
	}
}

func addAt(ds *diag.List, sev diag.Severity, code string, rng diag.Range, format string, args ...any) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)}
	if rng.Start.IsValid() || rng.File != "" {
		rr := rng
		d.Range = &rr
	}
	ds.Add(d)
	return d
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
