package remap

import (
	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/schema"
)

// FromModel adapts a schema model (1.x or 2.x) to Schema.
func FromModel(m *schema.Model) Schema { return modelSchema{m} }

type modelSchema struct{ m *schema.Model }

func (s modelSchema) TypeKind(label string) concept.Kind {
	t := s.m.Type(label)
	if t == nil || t.IsRoot() || t.Kind() == concept.Role {
		return concept.Unknown
	}
	return kindOf(t)
}

func (s modelSchema) RoleRelations(name string) []string {
	var out []string
	if s.m.Lang == schema.Graql1 {
		// 1.x roles are global: the relations that relate the one role.
		if r := s.m.Type(name); r != nil && !r.IsRoot() && r.Kind() == concept.Role {
			for _, rel := range s.m.RelationsRelating(r) {
				out = append(out, rel.Label)
			}
		}
		return out
	}
	// 2.x: each relation declaring a role of that name scopes one role type.
	for _, t := range s.m.Types() {
		if t.Kind() == concept.Role && t.Label == name && t.Scope != "" {
			out = append(out, t.Scope)
		}
	}
	return out
}

// ScopeRole implements RoleScoper for 2.x models: the declaring relation of
// the role named role among relation's own and inherited roles. 1.x models
// have no scopes.
func (s modelSchema) ScopeRole(relation, role string) (string, bool) {
	if s.m.Lang == schema.Graql1 {
		return "", false
	}
	t := s.m.Type(relation)
	if t == nil || t.Kind() != concept.Relation {
		return "", false
	}
	if r := t.RoleByName(role); r != nil && r.Scope != "" {
		return r.Scope, true
	}
	return "", false
}

// ScoperFromModel adapts a 2.x schema model to RoleScoper.
func ScoperFromModel(m *schema.Model) RoleScoper { return modelSchema{m} }
