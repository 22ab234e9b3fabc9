package rewrite

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/txtar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/rewrite/rewritetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestRules runs every testdata/<rule>[.<case>].txtar archive: the files
// named in*.gql are converted together, and the printed schema and the
// report must equal out.tql and report. An optional "target" file holds the
// --to version, "census" the counts of an export (census.ParseText) as
// --data, and "policy" the --attribute-hierarchy policy. Every rule must have an archive whose report mentions it,
// every rule must be idempotent on the output, and the output must parse
// as TypeQL 2.x and print the same twice.
func TestRules(t *testing.T) {
	covered := rewritetest.Goldens(t, *update, func(t *testing.T, ar *txtar.Archive) (string, diag.List) {
		res, out, errs := runArchive(t, ar)
		if res == nil {
			return "", errs
		}
		checkOutput(t, res, out)
		return out, res.Report
	})
	for _, r := range registry {
		if !covered[r.Name] {
			t.Errorf("rule %s has no golden case that reports it (add testdata/%s.txtar)", r.Name, r.Name)
		}
	}
}

// runArchive converts the in*.gql files of ar and returns the result, the
// printed schema and the errors when conversion fails.
func runArchive(t *testing.T, ar *txtar.Archive) (*Result, string, diag.List) {
	t.Helper()
	opts := Options{Target: DefaultTarget}
	if v := strings.TrimSpace(fileOf(ar, "target")); v != "" {
		tv, err := version.Parse(v)
		if err != nil {
			t.Fatalf("target: %v", err)
		}
		opts.Target = tv
	}
	if spec := fileOf(ar, "census"); spec != "" {
		c, err := census.ParseText("data.grakn", spec)
		if err != nil {
			t.Fatal(err)
		}
		opts.Data = c
	}
	if v := strings.TrimSpace(fileOf(ar, "policy")); v != "" {
		h, err := ParseHierarchyPolicy(v)
		if err != nil {
			t.Fatal(err)
		}
		opts.AttributeHierarchy = h
	}
	var files []*grammar.File
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "in") && strings.HasSuffix(f.Name, ".gql") {
			file, ds := grammar.Parse(f.Name, f.Data)
			repaired, bad := SplitParse(ds)
			if bad.HasErrors() {
				t.Fatalf("input does not parse: %v", bad)
			}
			opts.Repaired = append(opts.Repaired, repaired...)
			files = append(files, file)
		}
	}
	res, errs := Convert(files, opts)
	if res == nil {
		return nil, "", errs
	}
	var buf bytes.Buffer
	if err := format.Print(&buf, res.Schema, format.WithLang(2)); err != nil {
		t.Fatalf("printing the output: %v", err)
	}
	return res, buf.String(), nil
}

// checkOutput parses the printed output as TypeQL 2.x, prints it again and
// runs every rule once more on it, which must change nothing.
func checkOutput(t *testing.T, res *Result, out string) {
	t.Helper()
	f, errs := grammar.Parse("out.tql", []byte(out))
	if errs.HasErrors() {
		t.Fatalf("output does not parse:\n%v\n%s", errs, out)
	}
	if f.Dialect()&grammar.TypeQL2 == 0 {
		t.Errorf("output is not TypeQL 2.x but %s", f.Dialect())
	}
	var again bytes.Buffer
	if err := format.Print(&again, f, format.WithLang(2)); err != nil {
		t.Fatalf("printing the parsed output: %v", err)
	}
	if again.String() != out {
		t.Errorf("printing is not idempotent:\n%s", rewritetest.Diff(out, again.String()))
	}
	for _, q := range res.Schema.Queries {
		d, ok := q.(*grammar.DefineQuery)
		if !ok || d.Kind != grammar.Define {
			continue
		}
		for _, r := range registry {
			// Idempotence is per target: a 2.0 output keeps "=" that a
			// 2.18+ conversion would write "==".
			c := &converter{Log: NewLog(), opts: Options{Target: res.Target}}
			p := &Pass{Opts: c.opts, Schema: d, conv: c, rule: r}
			r.Apply(p)
			if p.Changed() {
				t.Errorf("rule %s is not idempotent: it changed its own output: %v", r.Name, c.Report)
			}
		}
	}
}

// fileOf returns the text of the archive's file called name, or "".
func fileOf(ar *txtar.Archive, name string) string {
	b, _ := ar.Get(name)
	return string(b)
}
