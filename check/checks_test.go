package check

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/txtar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/schema"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/checks/*.txtar")

// TestChecks runs the golden cases of every check: testdata/checks/<check>.txtar
// holds cases "NAME.data" (the item language of buildData) with their
// expected report "NAME.want" (diagnostics as text). A case named
// "x@2.0.data" runs against target 2.0; others against the archive
// comment's "target:" line, or 2.29. The schema is the archive's
// schema.tql or schema.gql, else testdata/sample.tql (sample.gql for a
// 1.x target), whose keys become plain ownerships when the comment has a
// "nokeys" line; a "remap:" comment line gives remap entries. Every check
// must report something in at least one of its cases.
func TestChecks(t *testing.T) {
	for _, c := range Checks {
		t.Run(c.Name, func(t *testing.T) {
			path := filepath.Join("testdata", "checks", c.Name+".txtar")
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatalf("every check needs golden cases: %v", err)
			}
			target, pairs, nokeys := "2.29", []string(nil), false
			for _, l := range strings.Split(string(a.Comment), "\n") {
				if strings.TrimSpace(l) == "nokeys" {
					nokeys = true
				}
				if v, ok := strings.CutPrefix(l, "target:"); ok {
					target = strings.TrimSpace(v)
				}
				if v, ok := strings.CutPrefix(l, "remap:"); ok {
					pairs = strings.Fields(v)
				}
			}
			fired, changed := false, false
			var names []string
			for _, f := range a.Files {
				if n, ok := strings.CutSuffix(f.Name, ".data"); ok {
					names = append(names, n)
				}
			}
			sort.Strings(names)
			if len(names) == 0 {
				t.Fatal("no cases")
			}
			for _, name := range names {
				tgt := target
				if i := strings.LastIndex(name, "@"); i >= 0 {
					tgt = name[i+1:]
				}
				src, _ := a.Get(name + ".data")
				data, err := buildData(string(src))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				m, files3 := caseModel(t, a, version.MustParse(tgt), nokeys)
				opt := Options{Target: version.MustParse(tgt), Name: "data", Workers: 1, Schema: files3}
				if pairs != nil {
					rm, ds := remap.FromPairs(pairs...)
					if len(ds) > 0 {
						t.Fatal(ds)
					}
					opt.Remap = rm
				}
				rep := checkBytes(t, m, data, opt)
				// The pipeline gives the same report.
				opt.Workers = 2
				if rep2 := checkBytes(t, m, data, opt); render(rep2) != render(rep) {
					t.Errorf("%s: two workers report differently:\n%s\nvs one:\n%s", name, render(rep2), render(rep))
				}
				for _, g := range rep.Groups {
					if g.Check == c.Name {
						fired = true
					}
				}
				got := render(rep)
				want, _ := a.Get(name + ".want")
				if got != string(want) {
					if *update {
						a.Set(name+".want", []byte(got))
						changed = true
						continue
					}
					t.Errorf("%s@%s: report differs\n--- got\n%s--- want\n%s", name, tgt, got, want)
				}
			}
			if changed {
				if err := os.WriteFile(path, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if !fired {
				t.Errorf("no case makes %s report anything", c.Name)
			}
		})
	}
}

// render is the golden form of a report: its verdict and diagnostics.
func render(rep *Report) string {
	var b bytes.Buffer
	if rep.OK {
		b.WriteString("ok\n")
	} else {
		b.WriteString("fails\n")
	}
	diag.WriteText(&b, rep.Diagnostics(), diag.TextOptions{})
	return b.String()
}

// caseModel is the schema of a case. With nokeys, the sample schema's keys
// are plain ownerships, so cases about other things stay short.
//
// A TypeQL 3.x schema.tql comes back with its file too, for the checks
// that read 3.x's own meaning of it (Options.Schema).
func caseModel(t *testing.T, a *txtar.Archive, target version.V, nokeys bool) (*schema.Model, []*grammar.File) {
	t.Helper()
	for _, name := range []string{"schema.tql", "schema.gql"} {
		if src, ok := a.Get(name); ok {
			f, ds := grammar.Parse(name, src)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			if d := f.Dialect(); d&grammar.TypeQL3 != 0 && d&grammar.TypeQL2 == 0 {
				m, ds := schema.BuildTypeQL3(f)
				if ds.HasErrors() {
					t.Fatal(ds)
				}
				return m, []*grammar.File{f}
			}
			return buildModel(t, schema.LangOf(f.Dialect()), f), nil
		}
	}
	name, lang := "sample.tql", schema.TypeQL2
	if target.Major == 1 {
		name, lang = "sample.gql", schema.Graql1
	}
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if nokeys {
		s := strings.ReplaceAll(string(src), " @key", "")
		src = []byte(strings.ReplaceAll(s, "    key ", "    has "))
	}
	f, ds := grammar.Parse(name, src)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return buildModel(t, lang, f), nil
}

// TestNotSeekable: without io.ReaderAt, examples found at the end keep
// their item index and say nothing false about their offset.
func TestNotSeekable(t *testing.T) {
	data, err := buildData("header 2.29.1\nentity e1 city owns a9\nchecksums auto\n")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := caseModel(t, &txtar.Archive{}, version.MustParse("2.29"), true)
	rep, err := Run(m, struct{ io.Reader }{bytes.NewReader(data)}, Options{Target: version.MustParse("2.29"), Name: "pipe"})
	if err != nil {
		t.Fatal(err)
	}
	got := render(rep)
	want := "fails\nerror[dangling-ref]: entity items of \"city\" own attribute ids no item has (1 occurrence)\n    first: item 1\n    fix: the file is incomplete: export it again\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
