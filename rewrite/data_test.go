package rewrite

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/census"
	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/datafile/gen/genschema"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// dataSchema is a 1.x schema with concrete attribute supertypes (name,
// email) and keys, whose conversion the data decides.
const dataSchema = `define
name sub attribute, datatype string;
first-name sub name;
last-name sub name;
email sub attribute, datatype string;
work-email sub email;
code sub attribute, datatype long;
person sub entity, has name, key email, plays employee;
company sub entity, has name, key code, plays employer;
employment sub relation, relates employee, relates employer;
`

// TestDataDecisions generates a 1.x export of dataSchema, converts the
// schema with its census (convert --data), and checks the export against
// the result: each decision is the one the data asks for, is reported with
// its counts, and the check finds nothing.
func TestDataDecisions(t *testing.T) {
	for _, tc := range []struct {
		name string
		// spec adjusts the generated data: supertypes owned with their
		// subtypes (gen-data --supertype-values), or never instantiated.
		opt      genschema.Options
		abstract []string
		want     []string // lines of the converted schema
		decided  []string // parts of decision messages
	}{{
		name: "supertype values: flattened",
		opt:  genschema.Options{SupertypeValues: true},
		want: []string{"name sub attribute,\n    value string;", "first-name sub attribute,", "work-email sub attribute,", "owns email @key", "    owns first-name,\n"},
		decided: []string{
			"attribute type name kept concrete, its subtypes first-name, last-name made attribute types of their own; the data decides: data.grakn holds ",
			"person owns name: now also owns first-name, last-name",
			"key email on person kept: in data.grakn each of the ",
			"key code on company kept",
		},
	}, {
		name:     "values only in subtypes: abstract",
		opt:      genschema.Options{SupertypeValues: true},
		abstract: []string{"name", "email"},
		want:     []string{"name sub attribute,\n    abstract,", "first-name sub name;", "    owns work-email,\n", "owns code @key"},
		decided: []string{
			"attribute type name made abstract: it has subtypes (first-name, last-name); the data decides: data.grakn holds 0 values of name itself",
			// The generator keys no subtype: the key moved to the one
			// concrete subtype does not hold, and is dropped.
			"key work-email on person dropped: data.grakn breaks it: of ",
			"key code on company kept",
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			data := generate(t, dataSchema, tc.opt, tc.abstract...)
			f, _ := grammar.Parse("in.gql", []byte(dataSchema))
			c, err := census.Read("data.grakn", bytes.NewReader(data), CensusOptions(check.RegexMatcher, schema.Graql1, f))
			if err != nil {
				t.Fatal(err)
			}
			res, errs := Convert([]*grammar.File{f}, Options{Target: DefaultTarget, Data: c})
			if errs.HasErrors() {
				t.Fatal(errs)
			}
			var out bytes.Buffer
			if err := format.Print(&out, res.Schema, format.WithLang(2)); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output has no %q:\n%s", w, out.String())
				}
			}
			var decisions []string
			for _, d := range res.Decisions {
				decisions = append(decisions, d.Message)
			}
			all := strings.Join(decisions, "\n")
			for _, w := range tc.decided {
				if !strings.Contains(all, w) {
					t.Errorf("no decision says %q; decisions:\n%s", w, all)
				}
			}
			if rep := checkData(t, out.Bytes(), data); rep != "" {
				t.Errorf("check of the export against the converted schema:\n%s\nschema:\n%s", rep, out.String())
			}
		})
	}
}

// TestDataDecisionsWithoutData: auto without data keeps the abstract
// choice and says that data would decide; nothing is a decision.
func TestDataDecisionsWithoutData(t *testing.T) {
	f, _ := grammar.Parse("in.gql", []byte(dataSchema))
	res, errs := Convert([]*grammar.File{f}, Options{Target: DefaultTarget})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if len(res.Decisions) != 0 {
		t.Errorf("decisions without data: %v", res.Decisions)
	}
	found := false
	for _, d := range res.Report {
		if d.Code == "abstract-attribute-supertypes" && strings.Contains(d.Detail, "Data would decide: with --data EXPORT") {
			found = true
		}
	}
	if !found {
		t.Errorf("no report says that data would decide:\n%v", res.Report)
	}
}

// generate writes a 1.x export of src, with the attribute types named in
// abstract treated as abstract (no values of their own).
func generate(t *testing.T, src string, opt genschema.Options, abstract ...string) []byte {
	t.Helper()
	f, ds := grammar.Parse("in.gql", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	m, ds := schema.Build(schema.Graql1, f)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	spec, err := genschema.SpecWith(m, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i := range spec.Attributes {
		for _, a := range abstract {
			if spec.Attributes[i].Label == a {
				spec.Attributes[i].Abstract = true
			}
		}
	}
	var buf bytes.Buffer
	if _, err := gen.Generate(&buf, spec, gen.Options{Items: 2000, Seed: 3, Generation: gen.Gen1x}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkData checks export data against the TypeQL 2.x schema out for the
// default target and returns its errors as text, "" when there are none.
func checkData(t *testing.T, out, data []byte) string {
	t.Helper()
	f, ds := grammar.Parse("out.tql", out)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	m, _ := schema.Build(schema.TypeQL2, f)
	rep, err := check.Run(m, bytes.NewReader(data), check.Options{Target: DefaultTarget, Name: "data.grakn"})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if rep.Errors() > 0 {
		diag.WriteText(&b, rep.Diagnostics().Errors(), diag.TextOptions{})
	}
	return b.String()
}
