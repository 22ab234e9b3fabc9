package schema

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/grammar"
)

// The scans the index replaces, kept as the definition it must match.

func scanDirectSubtypes(t *Type) []*Type {
	var out []*Type
	for _, u := range t.m.order {
		if u != t && u.Super() == t {
			out = append(out, u)
		}
	}
	return out
}

func scanSubtypes(t *Type) []*Type {
	var out []*Type
	for _, u := range t.m.order {
		if u != t && u.IsSubtypeOf(t) {
			out = append(out, u)
		}
	}
	return out
}

func scanRelationsRelating(m *Model, r *Type) []*Type {
	var out []*Type
	for _, t := range m.order {
		if t.root != concept.Unknown || len(t.Relates) == 0 && m.Lang == Graql1 {
			continue
		}
		if slices.Contains(t.Roles(), r) {
			out = append(out, t)
		}
	}
	return out
}

func scanPlayers(m *Model, r *Type) []*Type {
	var out []*Type
	for _, t := range m.Types() {
		if t.Scope == "" && t.PlaysRole(r) != nil {
			out = append(out, t)
		}
	}
	return out
}

func scanOwners(m *Model, a *Type) []*Type {
	var out []*Type
	for _, t := range m.Types() {
		if o := t.OwnsOf(a.Label); o != nil && o.AttrType() == a {
			out = append(out, t)
		}
	}
	return out
}

func scanTypesOf(m *Model, k concept.Kind) []*Type {
	var out []*Type
	for _, t := range m.order {
		if !t.IsRoot() && t.Kind() == k {
			out = append(out, t)
		}
	}
	return out
}

// checkIndex compares every indexed query of m with its scan.
func checkIndex(t *testing.T, name string, m *Model) {
	t.Helper()
	same := func(what string, x *Type, got, want []*Type) {
		if !slices.Equal(got, want) {
			t.Errorf("%s: %s(%v) = %v, want %v", name, what, x, got, want)
		}
	}
	for _, x := range m.order {
		same("DirectSubtypes", x, x.DirectSubtypes(), scanDirectSubtypes(x))
		same("Subtypes", x, x.Subtypes(), scanSubtypes(x))
		same("RelationsRelating", x, m.RelationsRelating(x), scanRelationsRelating(m, x))
		same("Players", x, m.Players(x), scanPlayers(m, x))
		same("Owners", x, m.Owners(x), scanOwners(m, x))
	}
	for _, k := range []concept.Kind{concept.Thing, concept.Entity, concept.Relation, concept.Attribute, concept.Role, concept.Unknown} {
		same("TypesOf", nil, m.TypesOf(k), scanTypesOf(m, k))
	}
}

// TestIndexMatchesScans builds the model of every corpus schema and of
// small schemas with cycles, overrides and undefines, and checks that the
// index answers as the scans would, also after the model changes.
func TestIndexMatchesScans(t *testing.T) {
	srcs := map[string]struct {
		lang Lang
		src  string
	}{
		"cycle":     {Graql1, "define a sub b; b sub c; c sub a; d sub a; e sub entity; f sub e, plays r; rel sub relation, relates r, has n; n sub attribute, datatype string; x sub rel;"},
		"overrides": {TypeQL2, "define n sub attribute, value string; m sub n; p sub entity, owns n, plays emp:employee; q sub p, owns m as n; emp sub relation, relates employee; emp2 sub emp, relates boss as employee; w sub q, plays emp2:boss as employee;"},
		"undefine":  {TypeQL2, "define n sub attribute, value string; p sub entity, owns n, plays r:a; r sub relation, relates a; s sub r; undefine p owns n; s sub r; r relates a;"},
	}
	dir := filepath.Join("..", "..", "shared", "corpus")
	for _, v := range []struct {
		sub  string
		lang Lang
	}{{"v1", Graql1}, {"v2", TypeQL2}} {
		filepath.WalkDir(filepath.Join(dir, v.sub), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".gql") || strings.HasSuffix(p, ".tql")) {
				if b, err := os.ReadFile(p); err == nil {
					srcs[p] = struct {
						lang Lang
						src  string
					}{v.lang, string(b)}
				}
			}
			return nil
		})
	}
	for name, s := range srcs {
		f, _ := grammar.Parse(name, []byte(s.src))
		m := New(s.lang)
		for _, q := range f.Queries {
			dq, ok := q.(*grammar.DefineQuery)
			if !ok {
				continue
			}
			if dq.Kind == grammar.Undefine {
				m.Undefine(dq)
			} else {
				m.Define(dq)
			}
			checkIndex(t, name, m)
		}
	}
}
