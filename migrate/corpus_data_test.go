package migrate

import (
	"bufio"
	"os"
	"path/filepath"
	"testing"

	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/datafile/gen/genschema"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/load"
	"github.com/tqlmig/tqlmig/schema"
)

// TestRunCorpusGenerated migrates every Graql 1.x corpus schema that
// gen-data can instantiate, with a generated 1.x export whose owners of
// concrete attribute supertypes hold values of the supertype and of its
// subtypes (gen-data --supertype-values), to TypeDB 2.29: the conversion
// reads the export, so the data check passes. A directory's files are one
// schema when they build together, else each file is one.
func TestRunCorpusGenerated(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "corpus", "v1")
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Skip("no corpus:", err)
	}
	ran := 0
	for _, d := range dirs {
		files, _ := filepath.Glob(filepath.Join(root, d.Name(), "*.gql"))
		for _, set := range schemaSets(files) {
			name := d.Name()
			if len(set) == 1 && len(files) > 1 {
				name += "/" + filepath.Base(set[0])
			}
			t.Run(name, func(t *testing.T) {
				data, ok := generate1x(t, set)
				if !ok {
					t.Skip("gen-data cannot instantiate it")
				}
				ran++
				rep, _ := migrateTo(t, Options{Schemas: set, Data: data, Target: version.MustParse("2.29")})
				if st := rep.Step(StepCheck); st == nil || st.Status != StatusOK {
					t.Errorf("check: %+v\n%s", st, rep.Findings(StepCheck).Error())
				}
			})
		}
	}
	if ran == 0 {
		t.Error("no corpus schema could be instantiated")
	}
}

// schemaSets returns files as one schema when they build together, else
// each file alone.
func schemaSets(files []string) [][]string {
	if _, ok := build1x(files); ok {
		return [][]string{files}
	}
	var out [][]string
	for _, f := range files {
		out = append(out, []string{f})
	}
	return out
}

// build1x loads the files as every command does, as one Graql 1.x schema.
func build1x(paths []string) (*schema.Model, bool) {
	s, err := load.Files(paths, load.Options{Command: "test", Accept: []load.Lang{load.Graql1}, Model: true})
	if err != nil || !s.OK() {
		return nil, false
	}
	return s.Model, s.Model != nil && !s.ModelDiags.HasErrors()
}

// generate1x writes a 3000-item 1.x export of the schema files as gen-data
// --supertype-values would, or reports false when it cannot.
func generate1x(t *testing.T, paths []string) (string, bool) {
	m, ok := build1x(paths)
	if !ok {
		return "", false
	}
	spec, err := genschema.SpecWith(m, genschema.Options{SupertypeValues: true})
	if err != nil {
		return "", false
	}
	p := filepath.Join(t.TempDir(), "data.grakn")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	if _, err := gen.Generate(w, spec, gen.Options{Items: 3000, Seed: 1, Generation: gen.Gen1x}); err != nil {
		return "", false
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return p, true
}
