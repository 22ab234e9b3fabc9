package remap

import (
	"slices"

	"github.com/tqlmig/tqlmig/concept"
)

// Schema is what remap validation and argument generation need to know about
// a schema. Any schema model can provide it with a small adapter; StaticSchema
// is a ready-made one.
type Schema interface {
	// TypeKind returns the kind of the entity, relation or attribute type
	// labelled label, or NoKind when there is no such type.
	TypeKind(label string) concept.Kind
	// RoleRelations returns the relation types that declare a role named
	// name: in 2.x and 3.x the scopes of its scoped names ("employment" for
	// employment:employee), in 1.x the relations that relate the global
	// role. Inherited roles are not listed. Nil when no relation has one.
	RoleRelations(name string) []string
}

// KindOf returns the kind of label in s: a scoped label is a role when its
// relation declares it; an unscoped one is a type, else a role name some
// relation declares, else NoKind.
func KindOf(s Schema, label string) concept.Kind {
	if scope, name := SplitScoped(label); scope != "" {
		if slices.Contains(s.RoleRelations(name), scope) {
			return concept.Role
		}
		return concept.Unknown
	}
	if k := s.TypeKind(label); k != concept.Unknown {
		return k
	}
	if len(s.RoleRelations(label)) > 0 {
		return concept.Role
	}
	return concept.Unknown
}

// StaticSchema is a Schema held in two maps, for tests and for callers that
// already know the labels.
type StaticSchema struct {
	Types map[string]concept.Kind // type label → kind
	Roles map[string][]string     // role name → declaring relations, in order
}

// TypeKind implements Schema.
func (s *StaticSchema) TypeKind(label string) concept.Kind { return s.Types[label] }

// RoleRelations implements Schema.
func (s *StaticSchema) RoleRelations(name string) []string { return s.Roles[name] }

// AddRelation records relation rel declaring roles.
func (s *StaticSchema) AddRelation(rel string, roles ...string) {
	s.AddType(rel, concept.Relation)
	if s.Roles == nil {
		s.Roles = map[string][]string{}
	}
	for _, r := range roles {
		if !slices.Contains(s.Roles[r], rel) {
			s.Roles[r] = append(s.Roles[r], rel)
		}
	}
}

// AddType records a type.
func (s *StaticSchema) AddType(label string, k concept.Kind) {
	if s.Types == nil {
		s.Types = map[string]concept.Kind{}
	}
	s.Types[label] = k
}
