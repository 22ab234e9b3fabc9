package check

import (
	"bytes"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/datafile/gen/genschema"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/schema"
)

const example06 = "06-implicit-reserved-keys"

// exampleDir is ../shared/ref/examples; tests skip when it is absent.
func exampleDir(t *testing.T) string {
	dir := filepath.Join("..", "..", "shared", "ref", "examples")
	if _, err := filepath.Glob(dir); err != nil {
		t.Skip(err)
	}
	return dir
}

// export06 is a generated export of the 1.x example, labels as 1.x
// writes them: few items, so that the boolean key "verified" stays
// unique (two values, one per company).
func export06(t *testing.T) []byte {
	fs := parseFilesOrSkip(t, filepath.Join(exampleDir(t), example06+".v1.gql"))
	v1 := buildModel(t, schema.Graql1, fs...)
	var buf bytes.Buffer
	spec, err := genschema.Spec(v1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gen.Generate(&buf, spec, gen.Options{Items: 14, Seed: 3, Generation: gen.Gen1x}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// unknownLabels returns the remaps suggested by unknown-label groups,
// sorted; every such group must have one.
func unknownLabels(t *testing.T, rep *Report) []string {
	var out []string
	for _, g := range rep.Groups {
		if g.Check != "unknown-label" {
			continue
		}
		if g.Remap == "" {
			t.Errorf("unknown label %q has no remap suggestion", g.Label)
		}
		out = append(out, g.Remap)
	}
	slices.Sort(out)
	return out
}

// TestExample06Reference checks the generated 1.x export against the
// reference conversion (06-…v2.tql): the three labels renamed for being
// reserved in 2.x are unknown, each with the remap the example's header
// names; with that remap the file passes.
func TestExample06Reference(t *testing.T) {
	data := export06(t)
	v2 := buildModel(t, schema.TypeQL2, parseFilesOrSkip(t, filepath.Join(exampleDir(t), example06+".v2.tql"))...)
	opt := Options{Target: version.MustParse("2.29")}
	rep := checkBytes(t, v2, data, opt)
	got := unknownLabels(t, rep)
	want := []string{"fetch=fetch_", "iid=iid_", "owns=owns_"}
	if !slices.Equal(got, want) {
		t.Errorf("suggested remaps %q, want %q\n%s", got, want, summary(rep))
	}
	for _, g := range rep.Groups {
		if g.Check != "unknown-label" && g.Severity == 0 {
			t.Errorf("unexpected error: %s: %s", g.Check, g.Message)
		}
	}
	rm, ds := remap.FromPairs(want...)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	opt.Remap = rm
	rep = checkBytes(t, v2, data, opt)
	if !rep.OK {
		t.Errorf("with the remap the file should pass:\n%s", summary(rep))
	}
}

// TestExample06Convert does the same against what rewrite.Convert writes
// for the example, with the remap built from its renames. It pins the
// outcome: every unknown label is suggested the remap convert decided, and
// with convert's remap the file passes.
func TestExample06Convert(t *testing.T) {
	data := export06(t)
	fs := parseFilesOrSkip(t, filepath.Join(exampleDir(t), example06+".v1.gql"))
	res, errs := rewrite.Convert(fs, rewrite.Options{Target: version.MustParse("2.29")})
	if errs.HasErrors() {
		t.Fatalf("convert: %v", errs)
	}
	var out bytes.Buffer
	if err := format.Print(&out, res.Schema, format.WithLang(2)); err != nil {
		t.Fatalf("print: %v", err)
	}
	f, ds := grammar.Parse("converted.tql", out.Bytes())
	if ds.HasErrors() {
		t.Fatalf("the converted schema does not parse: %v\n%s", ds, out.Bytes())
	}
	v2 := buildModel(t, schema.TypeQL2, f)
	renames := map[string]string{}
	var pairs []string
	for _, r := range res.Renames {
		renames[r.Old] = r.New
		pairs = append(pairs, r.Old+"="+r.New)
	}
	t.Logf("convert renames: %s", strings.Join(pairs, " "))
	rep := checkBytes(t, v2, data, Options{Target: version.MustParse("2.29")})
	got := unknownLabels(t, rep)
	for _, s := range got {
		old, nw, _ := strings.Cut(s, "=")
		if renames[old] != nw {
			t.Errorf("suggested %s; convert renamed %q to %q", s, old, renames[old])
		}
	}
	// Every renamed label the data carries is reported.
	labels := dataLabels(t, data)
	for _, p := range pairs {
		old, _, _ := strings.Cut(p, "=")
		if labels[old] && !slices.Contains(got, p) {
			t.Errorf("renamed label %q is in the data but %s was not suggested", old, p)
		}
	}
	rm, dl := remap.FromPairs(pairs...)
	if len(dl) > 0 {
		t.Fatal(dl)
	}
	rep = checkBytes(t, v2, data, Options{Target: version.MustParse("2.29"), Remap: rm})
	if !rep.OK {
		t.Errorf("with convert's remap the file should pass:\n%s", summary(rep))
	}
}

// dataLabels returns the item labels of an export.
func dataLabels(t *testing.T, data []byte) map[string]bool {
	out := map[string]bool{}
	r := datafile.NewBytesReader(data)
	for {
		it, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(it.Label) > 0 {
			out[string(it.Label)] = true
		}
	}
}
