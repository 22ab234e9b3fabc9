package check

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/internal/txtar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// FuzzRun feeds arbitrary bytes to Run against the sample schema for a
// few targets: it must never panic, both engine modes must agree, and a
// report must hold only known checks. Seeds are the golden cases and a
// generated file of each generation.
func FuzzRun(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "checks", "*.txtar"))
	for _, p := range files {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range a.Files {
			if strings.HasSuffix(file.Name, ".data") {
				if data, err := buildData(string(file.Data)); err == nil {
					f.Add(data)
				}
			}
		}
	}
	for _, g := range []gen.Generation{gen.Gen1x, gen.Gen2x, gen.Gen3x} {
		f.Add(generate(f, g, 60, 1))
	}
	m2 := buildModel(f, schema.TypeQL2, parseFiles(f, filepath.Join("testdata", "sample.tql"))...)
	m1 := buildModel(f, schema.Graql1, parseFiles(f, filepath.Join("testdata", "sample.gql"))...)
	targets := []struct {
		m *schema.Model
		v version.V
	}{{m1, version.MustParse("1.8")}, {m2, version.MustParse("2.0")}, {m2, version.MustParse("2.29")}, {m2, version.MustParse("3.4")}}
	f.Fuzz(func(t *testing.T, data []byte) {
		tg := targets[len(data)%len(targets)]
		var out [2]string
		for i, w := range []int{1, 2} {
			rep, err := Run(tg.m, bytes.NewReader(data), Options{Target: tg.v, Name: "fuzz", Workers: w})
			if err != nil {
				return // not an export at all
			}
			for _, g := range rep.Groups {
				if Lookup(g.Check) == nil {
					t.Fatalf("unknown check %q", g.Check)
				}
			}
			out[i] = render(rep)
		}
		if out[0] != out[1] {
			t.Fatalf("one and two workers disagree:\n%s\nvs\n%s", out[0], out[1])
		}
	})
}
