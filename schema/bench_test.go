package schema_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// BenchmarkBuild builds the model of the largest 1.x corpus schema
// (social network), parsing excluded.
func BenchmarkBuild(b *testing.B) {
	path := filepath.Join(corpus(b), "v1", "examples-social-network", "social-network-schema.gql")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	f, _ := grammar.Parse(path, src)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		schema.Build(schema.Graql1, f)
	}
}

// BenchmarkEffective resolves every type's inherited owns, plays and roles
// in the same schema, the queries checks and rewrites make most.
func BenchmarkEffective(b *testing.B) {
	path := filepath.Join(corpus(b), "v1", "examples-social-network", "social-network-schema.gql")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	f, _ := grammar.Parse(path, src)
	m, _ := schema.Build(schema.Graql1, f)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range m.Types() {
			t.OwnsAll()
			t.PlaysAll()
			t.Roles()
		}
	}
}
