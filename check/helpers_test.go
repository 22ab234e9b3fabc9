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
