package check

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// sampleModel is the schema of gen.Sample() in the language of g.
func sampleModel(t testing.TB, g gen.Generation) *schema.Model {
	t.Helper()
	if g == gen.Gen1x {
		return buildModel(t, schema.Graql1, parseFiles(t, filepath.Join("testdata", "sample.gql"))...)
	}
	return buildModel(t, schema.TypeQL2, parseFiles(t, filepath.Join("testdata", "sample.tql"))...)
}

// generate writes a generated export of gen.Sample().
func generate(t testing.TB, g gen.Generation, items int64, seed uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := gen.Generate(&buf, gen.Sample(), gen.Options{Items: items, Seed: seed, Generation: g}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkBytes runs a check over data in memory.
func checkBytes(t testing.TB, m *schema.Model, data []byte, opt Options) *Report {
	t.Helper()
	if opt.Name == "" {
		opt.Name = "data"
	}
	if opt.Target.Parts == 0 {
		opt.Target = version.MustParse("2.29")
	}
	rep, err := Run(m, bytes.NewReader(data), opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// specFromModel turns a schema into the generator's flat spec: inheritance
// resolved, abstract types kept (the generator makes no instances of
// them), 1.x implicit @has types left out (exports never hold them).
// Role names carry no scope; a 2.x role inherited from a supertype is
// written "super:role" so the file scopes it by its declaring relation.
func specFromModel(m *schema.Model) *gen.Spec {
	s := &gen.Spec{}
	owns := func(t *schema.Type) []gen.Owns {
		var out []gen.Owns
		for _, o := range t.OwnsAll() {
			if a := o.AttrType(); a != nil && !a.IsImplicit() {
				out = append(out, gen.Owns{Attribute: a.Label, Key: o.Key})
			}
		}
		return out
	}
	plays := func(t *schema.Type) []gen.RoleRef {
		var out []gen.RoleRef
		for _, p := range t.PlaysAll() {
			r := p.RoleType()
			if r == nil {
				continue
			}
			for _, rel := range m.RelationsRelating(r) {
				if rel.IsImplicit() {
					continue
				}
				name := r.Label
				if m.Lang == schema.TypeQL2 && r.Scope != rel.Label {
					name = r.Scope + ":" + r.Label
				}
				out = append(out, gen.RoleRef{Relation: rel.Label, Role: name})
			}
		}
		return out
	}
	for _, t := range m.Types() {
		if t.IsImplicit() {
			continue
		}
		switch t.Kind() {
		case schema.AttributeKind:
			vt, _ := t.ValueType()
			if vt == "date" {
				vt = "datetime"
			}
			s.Attributes = append(s.Attributes, gen.AttributeType{Label: t.Label, ValueType: gen.ValueType(vt), Abstract: t.IsAbstract(), Owns: owns(t), Plays: plays(t)})
		case schema.EntityKind:
			s.Entities = append(s.Entities, gen.EntityType{Label: t.Label, Abstract: t.IsAbstract(), Owns: owns(t), Plays: plays(t)})
		case schema.RelationKind:
			var relates []string
			for _, r := range t.Roles() {
				if m.Lang == schema.TypeQL2 && r.Scope != t.Label {
					relates = append(relates, r.Scope+":"+r.Label)
				} else {
					relates = append(relates, r.Label)
				}
			}
			s.Relations = append(s.Relations, gen.RelationType{Label: t.Label, Abstract: t.IsAbstract() || len(relates) == 0, Relates: relates, Owns: owns(t), Plays: plays(t)})
		}
	}
	return s
}
