package migrate

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/atomicfile"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/rewrite3"
	"github.com/tqlmig/tqlmig/schema"
)

// renSchema is a Grakn 1.5–1.7 schema whose attribute "owns" is a reserved
// word in TypeQL 2.x, so convert renames it and the data needs the rename.
const renSchema = `define

name sub attribute, datatype string;
owns sub attribute, datatype string;

company sub entity,
    has name,
    has owns,
    plays employer;

person sub entity,
    has name,
    plays employee;

employment sub relation,
    relates employer,
    relates employee;
`

// renSpec instantiates renSchema as a 1.x export would.
var renSpec = &gen.Spec{
	Attributes: []gen.AttributeType{{Label: "name", ValueType: gen.String}, {Label: "owns", ValueType: gen.String}},
	Entities: []gen.EntityType{
		{Label: "company", Owns: []gen.Owns{{Attribute: "name"}, {Attribute: "owns"}}, Plays: []gen.RoleRef{{Relation: "employment", Role: "employer"}}},
		{Label: "person", Owns: []gen.Owns{{Attribute: "name"}}, Plays: []gen.RoleRef{{Relation: "employment", Role: "employee"}}},
	},
	Relations: []gen.RelationType{{Label: "employment", Relates: []string{"employer", "employee"}}},
}

// fixture writes renSchema and a generated export into a new directory.
func fixture(t *testing.T) (schemaPath, dataPath string) {
	t.Helper()
	dir := t.TempDir()
	schemaPath = filepath.Join(dir, "ren.gql")
	dataPath = filepath.Join(dir, "ren.grakn")
	if err := os.WriteFile(schemaPath, []byte(renSchema), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(dataPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := gen.Generate(f, renSpec, gen.Options{Items: 400, Seed: 3, Generation: gen.Gen1x}); err != nil {
		t.Fatal(err)
	}
	return schemaPath, dataPath
}

// migrateTo runs Run into a stage and publishes it as dir/out.
func migrateTo(t *testing.T, opt Options) (*Report, string) {
	t.Helper()
	if opt.Dir == "" {
		opt.Dir = filepath.Join(t.TempDir(), "out")
	}
	stage, err := atomicfile.CreateDir(opt.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer stage.Abort()
	rep, err := Run(opt, stage.Path)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	return rep, opt.Dir
}

func statuses(rep *Report) map[string]string {
	m := map[string]string{}
	for _, s := range rep.Steps {
		m[s.Name] = s.Status
	}
	return m
}

// TestRunRoutes runs one schema with a renamed label to every kind of
// target and checks the route, the files and the step outcomes.
func TestRunRoutes(t *testing.T) {
	schemaPath, dataPath := fixture(t)
	tests := []struct {
		target     string
		cards      rewrite3.CardinalityPolicy
		route      string
		ok         bool
		scope      bool
		remapLines []string // entries of remap.txt
		steps      map[string]string
	}{
		{"2.29", 0, RouteRewrite, true, false, []string{"owns=owns_"},
			map[string]string{StepConvert: StatusOK, StepVet: StatusOK, StepRemap: StatusOK, StepRewrite: StatusOK, StepCheck: StatusOK}},
		{"2.4", 0, RouteImportRemap, true, false, []string{"owns=owns_"},
			map[string]string{StepConvert: StatusOK, StepVet: StatusOK, StepRemap: StatusOK, StepRewrite: StatusNotNeeded, StepCheck: StatusOK}},
		// 2.0–2.2 look roles up by exact scoped name: every role of a 1.x
		// file gets an argument.
		{"2.0", 0, RouteImportRemap, true, false, []string{"owns=owns_", "employee=employment:employee", "employer=employment:employer"},
			map[string]string{StepRemap: StatusOK, StepRewrite: StatusNotNeeded, StepCheck: StatusOK}},
		// 3.x: no remap, scoped roles; vet runs the 3.x checks. Every
		// ownership and role keeps 2.x's any number: the conversion is
		// exact and the migration ready.
		{"3.x", rewrite3.CardinalityKeep, RouteRewrite, true, true, []string{"owns=owns_"},
			map[string]string{StepConvert: StatusOK, StepVet: StatusOK, StepRewrite: StatusOK, StepCheck: StatusOK}},
		// Cardinalities tightened to the data narrow the schema: approximated,
		// so the migration needs attention.
		{"3.x", rewrite3.CardinalityTighten, RouteRewrite, false, true, []string{"owns=owns_"},
			map[string]string{StepConvert: StatusFindings, StepVet: StatusOK, StepRewrite: StatusOK, StepCheck: StatusOK}},
	}
	for _, tt := range tests {
		t.Run(tt.target+"/"+tt.cards.String(), func(t *testing.T) {
			rep, dir := migrateTo(t, Options{Schemas: []string{schemaPath}, Data: dataPath, Target: version.MustParse(tt.target), Cardinality: tt.cards})
			if rep.Remap.Route != tt.route || rep.Remap.ScopeRoles != tt.scope {
				t.Errorf("route %s (scope %v), want %s (scope %v): %s", rep.Remap.Route, rep.Remap.ScopeRoles, tt.route, tt.scope, rep.Remap.Reason)
			}
			if rep.OK != tt.ok {
				t.Errorf("OK = %v, want %v; steps %v", rep.OK, tt.ok, rep.Steps)
			}
			got := statuses(rep)
			for name, want := range tt.steps {
				if got[name] != want {
					t.Errorf("step %s: %q, want %q (%s)", name, got[name], want, rep.Step(name).Summary)
				}
			}
			want := []string{SchemaFile, RemapFile, ReportMD, ReportJSON}
			if tt.route == RouteRewrite {
				want = append(want, DataFile)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			slices.Sort(want)
			if diff := cmp.Diff(want, names); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			rm := readRemap(t, filepath.Join(dir, RemapFile))
			var lines []string
			for _, e := range rm.Entries {
				lines = append(lines, e.String())
			}
			if diff := cmp.Diff(tt.remapLines, lines); diff != "" {
				t.Errorf("remap.txt entries (-want +got):\n%s", diff)
			}
			agreeWithCheck(t, rep, dir, dataPath)
		})
	}
}

func readRemap(t *testing.T, path string) *remap.Remap {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rm, ds := remap.Parse(path, b)
	if ds.HasErrors() {
		t.Fatalf("%s: %v", path, ds)
	}
	return rm
}

// agreeWithCheck checks the data again from the files on disk, as the user
// would with tqlmig check, and compares with the report: the written
// schema, and data.typedb when there is one, else the original export
// with remap.txt.
func agreeWithCheck(t *testing.T, rep *Report, dir, original string) {
	t.Helper()
	if rep.Check == nil {
		t.Fatalf("no check in the report: %+v", rep.Step(StepCheck))
	}
	target := version.MustParse(rep.Target)
	src, err := os.ReadFile(filepath.Join(dir, SchemaFile))
	if err != nil {
		t.Fatal(err)
	}
	f, ds := grammar.Parse(filepath.Join(dir, SchemaFile), src)
	if ds.HasErrors() {
		t.Fatalf("written schema: %v", ds)
	}
	var m *schema.Model
	if target.Major == 3 {
		m, _ = schema.BuildTypeQL3(f)
	} else {
		m, _ = schema.Build(schema.TypeQL2, f)
	}
	// As migrate does: the written schema file vets remedies and gives the
	// 3.x checks what the lowered model leaves out.
	opt := check.Options{Target: target, Schema: []*grammar.File{f}}
	data := original
	if rep.Rewrite != nil {
		data = filepath.Join(dir, DataFile)
	} else {
		opt.Remap = readRemap(t, filepath.Join(dir, RemapFile))
	}
	in, err := os.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	opt.Name = rep.Check.File
	again, err := check.Run(m, in, opt)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.MarshalIndent(rep.Check, "", " ")
	got, _ := json.MarshalIndent(again, "", " ")
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("check of the written files differs from the report (-report +check):\n%s", diff)
	}
	// report.json says the same as the report in memory.
	var doc struct {
		OK    bool `json:"ok"`
		Check struct {
			OK    bool  `json:"ok"`
			Items int64 `json:"items"`
		} `json:"check"`
		Summary struct{ Errors int } `json:"summary"`
	}
	js, err := os.ReadFile(filepath.Join(dir, ReportJSON))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OK != rep.OK || doc.Check.OK != again.OK || doc.Check.Items != again.Items {
		t.Errorf("report.json: ok %v check %+v; check again: ok %v items %d", doc.OK, doc.Check, again.OK, again.Items)
	}
}

// TestRunCorpus is the 1.8.4 assembly export: the real schema in two files
// and its real export, for the targets with each route.
func TestRunCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "exports", "typedb-1.8.4-assembly")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no corpus:", err)
	}
	schemas := []string{filepath.Join(dir, "schema.gql"), filepath.Join(dir, "schema-pt2.gql")}
	data := filepath.Join(dir, "simulation.grakn")
	for _, target := range []string{"2.29", "2.0", "3.x"} {
		t.Run(target, func(t *testing.T) {
			rep, out := migrateTo(t, Options{Schemas: schemas, Data: data, Target: version.MustParse(target), From: version.MustParse("1.8.4")})
			// convert approximates and loses constructs here, so never OK.
			if rep.OK || rep.Convert.Exact {
				t.Errorf("OK %v, exact %v: the conversion is known to approximate", rep.OK, rep.Convert.Exact)
			}
			if rep.Export.Items != 30558 || !rep.Export.Checksums {
				t.Errorf("export %+v", rep.Export)
			}
			if rep.Plan == nil || rep.Plan.FromName != "Grakn 1.8.4" {
				t.Errorf("plan %+v", rep.Step(StepPlan))
			}
			agreeWithCheck(t, rep, out, data)
			if target == "2.29" && !rep.Check.OK {
				t.Errorf("2.29: the data check fails: %v", rep.Check.Groups)
			}
			// 3.x refuses the export's 7 attributes that own attributes:
			// the rewrite leaves their ownerships out, so the check passes.
			if target == "3.x" && (!rep.Remap.DropAttributeOwnerships || rep.Rewrite == nil || rep.Rewrite.DroppedOwnerships != 7 || !rep.Check.OK) {
				t.Errorf("3.x: remap %+v, rewrite %+v, check ok %v: %v", rep.Remap, rep.Rewrite, rep.Check.OK, rep.Check.Groups)
			}
		})
	}
}

// TestRunCarryOver moves a TypeQL 2.x schema within 2.x: copied, vetted.
func TestRunCarryOver(t *testing.T) {
	dir := t.TempDir()
	s := filepath.Join(dir, "s.tql")
	os.WriteFile(s, []byte("define\nname sub attribute, value string;\nperson sub entity, owns name;\n"), 0o644)
	d := filepath.Join(dir, "d.typedb")
	f, _ := os.Create(d)
	spec := &gen.Spec{Attributes: []gen.AttributeType{{Label: "name", ValueType: gen.String}},
		Entities: []gen.EntityType{{Label: "person", Owns: []gen.Owns{{Attribute: "name"}}}}}
	if _, err := gen.Generate(f, spec, gen.Options{Items: 50, Generation: gen.Gen2x, Version: "2.4.0"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rep, out := migrateTo(t, Options{Schemas: []string{s}, Data: d, Target: version.MustParse("2.29")})
	if rep.Convert.Mode != "carried over" || !rep.OK {
		t.Errorf("mode %q OK %v steps %v", rep.Convert.Mode, rep.OK, rep.Steps)
	}
	if rep.From != "2.4.0" {
		t.Errorf("from %q, want the header's 2.4.0", rep.From)
	}
	got, _ := os.ReadFile(filepath.Join(out, SchemaFile))
	want, _ := os.ReadFile(s)
	if string(got) != string(want) {
		t.Errorf("schema.tql changed:\n%s", got)
	}
}

// TestRunTwo1xDialects: a schema split over a Graql 1.0–1.4 file (a
// quoted label) and a Grakn 1.8 file ("value") shares no dialect, yet is
// one 1.x schema to convert, not two languages.
func TestRunTwo1xDialects(t *testing.T) {
	_, dataPath := fixture(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.gql"), filepath.Join(dir, "b.gql")
	os.WriteFile(a, []byte("define\n\"name\" sub attribute, datatype string;\n"), 0o644)
	os.WriteFile(b, []byte(strings.Replace(strings.Replace(renSchema, "name sub attribute, datatype string;", "", 1), "datatype", "value", 1)), 0o644)
	rep, _ := migrateTo(t, Options{Schemas: []string{a, b}, Data: dataPath, Target: version.MustParse("2.29")})
	if rep.Convert.Mode != "converted" || rep.From != "1.8" {
		t.Errorf("mode %q from %q, want converted from 1.8; steps %v", rep.Convert.Mode, rep.From, rep.Steps)
	}
	if st := statuses(rep); st[StepCheck] != StatusOK {
		t.Errorf("steps %v, want a clean check", rep.Steps)
	}
}

// TestRunBadInput: bad input is an *InputError and writes no file.
func TestRunBadInput(t *testing.T) {
	schemaPath, dataPath := fixture(t)
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.gql")
	os.WriteFile(broken, []byte("define\nperson sub entity,, has;\n"), 0o644)
	notData := filepath.Join(dir, "text.grakn")
	os.WriteFile(notData, []byte("this is not an export\n"), 0o644)
	tql2 := filepath.Join(dir, "s2.tql")
	os.WriteFile(tql2, []byte("define\nperson sub entity, owns name;\n"), 0o644)
	tql3 := filepath.Join(dir, "s3.tql")
	os.WriteFile(tql3, []byte("define\nentity person @abstract;\n"), 0o644)
	tests := []struct {
		name   string
		opt    Options
		substr string
	}{
		{"syntax", Options{Schemas: []string{broken}, Data: dataPath}, "error[syntax]"},
		{"not-export", Options{Schemas: []string{schemaPath}, Data: notData}, "not an export"},
		{"missing", Options{Schemas: []string{schemaPath}, Data: filepath.Join(dir, "nope")}, "no such file"},
		{"3.x-input", Options{Schemas: []string{tql3}, Data: dataPath}, "this is TypeQL 3.x; migrate moves Graql 1.x and TypeQL 2.x schemas"},
		{"1.x-and-2.x", Options{Schemas: []string{schemaPath, tql2}, Data: dataPath}, "error[mixed-languages]"},
		{"target-1.8", Options{Schemas: []string{schemaPath}, Data: dataPath, Target: version.MustParse("1.8")}, "2.x or 3.x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.opt.Target.Parts == 0 {
				tt.opt.Target = version.MustParse("2.29")
			}
			stage := t.TempDir()
			_, err := Run(tt.opt, stage)
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.substr) {
				t.Fatalf("err = %v, want an InputError with %q", err, tt.substr)
			}
			if entries, _ := os.ReadDir(stage); len(entries) > 0 {
				t.Errorf("stage holds %d files after bad input", len(entries))
			}
		})
	}
}

// TestMarkdown checks that report.md names every step and every finding
// of the conversion, and the commands.
func TestMarkdown(t *testing.T) {
	schemaPath, dataPath := fixture(t)
	rep, _ := migrateTo(t, Options{Schemas: []string{schemaPath}, Data: dataPath, Target: version.MustParse("3.x"), Database: "hr", Cardinality: rewrite3.CardinalityTighten})
	md := string(rep.Markdown())
	for _, s := range rep.Steps {
		if !strings.Contains(md, "| "+s.Name+" | "+s.Status+" |") {
			t.Errorf("report.md lacks step %s", s.Name)
		}
	}
	for _, d := range rep.Findings(StepConvert) {
		if !strings.Contains(md, oneLine(d.Message)) {
			t.Errorf("report.md lacks finding %q", d.Message)
		}
	}
	for _, c := range rep.Commands {
		if !strings.Contains(md, c.Line) {
			t.Errorf("report.md lacks command %q", c.Line)
		}
	}
	if !strings.Contains(md, "database import hr ") {
		t.Errorf("the import command does not name the database:\n%s", md)
	}
	if !strings.Contains(md, "**Needs attention:** ") || !strings.Contains(md, "| vet | ok |") {
		t.Errorf("3.x report with tightened cardinalities does not say it needs attention (convert approximates) with vet ok")
	}
}

// BenchmarkRun migrates the 1.8.4 assembly export (2.25 MB, 30,558 items)
// to TypeDB 2.29 and 3.x: convert, vet, inspect, rewrite (3.x), check,
// plan and the report files.
func BenchmarkRun(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "corpus", "exports", "typedb-1.8.4-assembly")
	data := filepath.Join(dir, "simulation.grakn")
	fi, err := os.Stat(data)
	if err != nil {
		b.Skip("no corpus:", err)
	}
	for _, target := range []string{"2.29", "3.x"} {
		b.Run(target, func(b *testing.B) {
			opt := Options{Schemas: []string{filepath.Join(dir, "schema.gql"), filepath.Join(dir, "schema-pt2.gql")},
				Data: data, Target: version.MustParse(target), Dir: "out"}
			b.ReportAllocs()
			b.SetBytes(fi.Size())
			for b.Loop() {
				stage := b.TempDir()
				if _, err := Run(opt, stage); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
