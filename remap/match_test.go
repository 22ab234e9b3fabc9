package remap

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// modelOf parses and builds schema files given as name, source pairs.
// A missing comma between properties is tolerated, as the command does.
func modelOf(t testing.TB, files ...string) *schema.Model {
	t.Helper()
	var parsed []*grammar.File
	d := grammar.AnyDialect
	for i := 0; i < len(files); i += 2 {
		f, ds := grammar.Parse(files[i], []byte(files[i+1]))
		for _, x := range ds.Errors() {
			if !strings.HasPrefix(x.Message, `missing ","`) {
				t.Fatalf("parse %s: %v", files[i], x)
			}
		}
		parsed = append(parsed, f)
		d &= f.Dialect()
	}
	m, ds := schema.Build(schema.LangOf(d), parsed...)
	if ds.HasErrors() {
		t.Fatalf("build: %v", ds)
	}
	return m
}

// loadModel reads schema files from disk into one model.
func loadModel(t testing.TB, paths ...string) *schema.Model {
	t.Helper()
	var files []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, p, string(b))
	}
	return modelOf(t, files...)
}

// summary renders a proposal one line per fact: "R old=new source" for a
// rename (with "!" when its confidence is below HighConfidence, which must
// not happen), "Q old=new" for a question, "- kind label" and "+ kind label".
func summary(p *Proposal) []string {
	var out []string
	for _, c := range p.Renames {
		mark := ""
		if c.Confidence < HighConfidence {
			mark = fmt.Sprintf(" ! %.2f", c.Confidence)
		}
		out = append(out, fmt.Sprintf("R %s=%s %s%s", c.Old, c.New, c.Source, mark))
	}
	for _, c := range p.Questions {
		mark := ""
		if c.Confidence >= HighConfidence || c.Confidence < MinConfidence {
			mark = fmt.Sprintf(" ! %.2f", c.Confidence)
		}
		out = append(out, fmt.Sprintf("Q %s=%s%s", c.Old, c.New, mark))
	}
	for _, l := range p.Removed {
		out = append(out, fmt.Sprintf("- %s %s", l.Kind, l.Label))
	}
	for _, l := range p.Added {
		out = append(out, fmt.Sprintf("+ %s %s", l.Kind, l.Label))
	}
	return out
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		hints    []string
		known    []Entry
		want     []string
	}{{
		name: "identical",
		old:  "define person sub entity, owns name; name sub attribute, value string;",
		new:  "define person sub entity, owns name; name sub attribute, value string;",
		want: nil,
	}, {
		name: "attribute renamed, owners agree",
		old:  "define person sub entity, owns forename, owns age; forename sub attribute, value string; age sub attribute, value long;",
		new:  "define person sub entity, owns first-name, owns age; first-name sub attribute, value string; age sub attribute, value long;",
		want: []string{"R forename=first-name structure"},
	}, {
		name: "two renamed attributes with the same structure are only questions",
		old:  "define person sub entity, owns a1, owns b1; a1 sub attribute, value string; b1 sub attribute, value string;",
		new:  "define person sub entity, owns a2, owns b2; a2 sub attribute, value string; b2 sub attribute, value string;",
		want: []string{"Q a1=a2", "Q a1=b2", "Q b1=b2", "Q b1=a2", "- attribute a1", "- attribute b1", "+ attribute a2", "+ attribute b2"},
	}, {
		name: "value type differs: no candidate",
		old:  "define person sub entity, owns age; age sub attribute, value string;",
		new:  "define person sub entity, owns years; years sub attribute, value long;",
		want: []string{"- attribute age", "+ attribute years"},
	}, {
		name: "a different kind is never a candidate",
		old:  "define thing1 sub entity, owns name; name sub attribute, value string;",
		new:  "define name sub attribute, value string; rel sub relation, relates r, owns name;",
		want: []string{"- entity thing1", "+ relation rel", "+ role rel:r"},
	}, {
		name: "owner renamed first, then its attribute agrees (second round)",
		old: `define org sub entity, owns org-name, plays employment:employer; person sub entity, plays employment:employee;
			org-name sub attribute, value string; employment sub relation, relates employer, relates employee;`,
		new: `define company sub entity, owns company-name, plays employment:employer; person sub entity, plays employment:employee;
			company-name sub attribute, value string; employment sub relation, relates employer, relates employee;`,
		want: []string{"R org=company structure", "R org-name=company-name structure"},
	}, {
		name: "role renamed inside a matched relation (2.x to 2.x)",
		old:  "define person sub entity, plays employment:staff; company sub entity, plays employment:employer; employment sub relation, relates staff, relates employer;",
		new:  "define person sub entity, plays employment:employee; company sub entity, plays employment:employer; employment sub relation, relates employee, relates employer;",
		want: []string{"R employment:staff=employment:employee structure"},
	}, {
		name: "1.x global role to a 2.x scoped role",
		old:  "define person sub entity, plays staff; company sub entity, plays employer; employment sub relation, relates staff, relates employer;",
		new:  "define person sub entity, plays employment:employee; company sub entity, plays employment:employer; employment sub relation, relates employee, relates employer;",
		want: []string{"R staff=employment:employee structure"},
	}, {
		name: "1.x shared role renamed differently in two relations is a question",
		old: `define person sub entity, plays member, plays boss; employment sub relation, relates member, relates boss;
			club sub relation, relates member, relates boss;`,
		new: `define person sub entity, plays employment:employee, plays employment:boss, plays club:participant, plays club:boss;
			employment sub relation, relates employee, relates boss; club sub relation, relates participant, relates boss;`,
		want: []string{"Q member=employment:employee", "Q member=club:participant", "- role member", "+ role employment:employee", "+ role club:participant"},
	}, {
		name: "1.x roles prefixed with their relation's name",
		old:  "define person sub entity, plays marriage_husband, plays marriage_wife; marriage sub relation, relates marriage_husband, relates marriage_wife;",
		new:  "define person sub entity, plays marriage:husband, plays marriage:wife; marriage sub relation, relates husband, relates wife;",
		want: []string{"R marriage_husband=marriage:husband pattern", "R marriage_wife=marriage:wife pattern"},
	}, {
		name: "reserved word and spelling patterns",
		old:  `define owns sub attribute, datatype string; first_name sub attribute, datatype string; company sub entity, has owns;`,
		new:  `define owns_ sub attribute, value string; first-name sub attribute, value string; company sub entity, owns owns_;`,
		want: []string{"R owns=owns_ pattern", "R first_name=first-name pattern"},
	}, {
		name:  "a hint wins over the structure",
		old:   "define person sub entity, owns forename; forename sub attribute, value string;",
		new:   "define person sub entity, owns first-name, owns nickname; first-name sub attribute, value string; nickname sub attribute, value string;",
		hints: []string{"forename=nickname"},
		want:  []string{"R forename=nickname hint", "+ attribute first-name"},
	}, {
		name:  "a role hint takes its role out of the matching, which settles the other",
		old:   "define person sub entity, plays staff, plays boss; employment sub relation, relates staff, relates boss;",
		new:   "define person sub entity, plays employment:employee, plays employment:manager; employment sub relation, relates employee, relates manager;",
		hints: []string{"staff=employment:manager"},
		want:  []string{"R staff=employment:manager hint", "R boss=employment:employee structure"},
	}, {
		name:  "a known rename from a conversion",
		old:   "define person sub entity, has a; a sub attribute, datatype string; b sub attribute, datatype string;",
		new:   "define person sub entity, owns x; x sub attribute, value string; y sub attribute, value string;",
		known: []Entry{{Old: "b", New: "y"}, {Old: "a", New: "nowhere"}},
		want:  []string{"R b=y known", "R a=x structure"},
	}, {
		name: "an unused attribute matches only weakly",
		old:  "define wage sub attribute, value double;",
		new:  "define salary sub attribute, value double;",
		want: []string{"Q wage=salary", "- attribute wage", "+ attribute salary"},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old := modelOf(t, "old.gql", tc.old)
			new := modelOf(t, "new.tql", tc.new)
			opt := MatchOptions{Known: tc.known}
			if tc.hints != nil {
				h, ds := FromPairs(tc.hints...)
				if ds.HasErrors() {
					t.Fatal(ds)
				}
				opt.Hints = h
			}
			got := summary(Match(old, new, opt))
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("proposal differs (-want +got):\n%s", d)
			}
		})
	}
}

// examples is ../shared/ref/examples; tests that read it skip without it.
func examples(t *testing.T) string {
	dir := filepath.Join("..", "..", "shared", "ref", "examples")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("needs ../shared/ref/examples")
	}
	return dir
}

func corpus(t *testing.T) string {
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("needs ../shared/corpus")
	}
	return dir
}

// TestMatchExamples: the renames the .v2.tql headers list, each with high
// confidence, and nothing else renamed or asked.
func TestMatchExamples(t *testing.T) {
	dir := examples(t)
	tests := []struct {
		name string
		want []string
	}{
		{"05-legacy-1-4", []string{"R full name=full-name pattern", "R _citizen-id=citizen-id pattern"}},
		{"06-implicit-reserved-keys", []string{
			"R owns=owns_ pattern", "R iid=iid_ pattern", "R fetch=fetch_ pattern",
			// The reified ownership is new, not a rename of @has-name.
			"+ relation name-assertion", "+ role name-assertion:named", "+ role name-assertion:assigned-name"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old := loadModel(t, filepath.Join(dir, tc.name+".v1.gql"))
			new := loadModel(t, filepath.Join(dir, tc.name+".v2.tql"))
			p := Match(old, new, MatchOptions{})
			if d := cmp.Diff(tc.want, summary(p)); d != "" {
				t.Errorf("proposal differs (-want +got):\n%s", d)
			}
			// The header of the .v2.tql lists the same renames.
			head, _ := os.ReadFile(filepath.Join(dir, tc.name+".v2.tql"))
			for _, c := range p.Renames {
				if !bytes.Contains(head, []byte(c.New)) {
					t.Errorf("%s: %s is not in the example", c, c.New)
				}
			}
		})
	}
}

// TestMatchSimulation is the real evolution of the simulation schema from
// Grakn 1.7 to the 1.8.4 export: wage and its wage-value were replaced by an
// annual-wage attribute of employment. That is a question, not a rename.
func TestMatchSimulation(t *testing.T) {
	dir := corpus(t)
	old := loadModel(t, filepath.Join(dir, "v1/benchmark-simulation/schema.gql"), filepath.Join(dir, "v1/benchmark-simulation/schema-pt2.gql"))
	new := loadModel(t, filepath.Join(dir, "exports/typedb-1.8.4-assembly/schema.gql"), filepath.Join(dir, "exports/typedb-1.8.4-assembly/schema-pt2.gql"))
	p := Match(old, new, MatchOptions{})
	want := []string{
		"Q wage-value=annual-wage",
		"- attribute wage-value", "- entity wage", "- role employment_wage",
		"+ attribute annual-wage",
	}
	if d := cmp.Diff(want, summary(p)); d != "" {
		t.Errorf("proposal differs (-want +got):\n%s", d)
	}
	q := p.Questions[0]
	for _, r := range []string{"same value type double", "owners differ: wage vs employment"} {
		if !strings.Contains(strings.Join(q.Reasons, "; "), r) {
			t.Errorf("question %s: reasons %q lack %q", q, q.Reasons, r)
		}
	}
}

// TestMatchSimulationV2 matches the 1.7 simulation schema against its
// hand-written 2.x version: 1.x roles named relation_role become
// relation:role, one role was renamed outright, and one is only a guess.
func TestMatchSimulationV2(t *testing.T) {
	dir := corpus(t)
	old := loadModel(t, filepath.Join(dir, "v1/benchmark-simulation/schema.gql"), filepath.Join(dir, "v1/benchmark-simulation/schema-pt2.gql"))
	new := loadModel(t, filepath.Join(dir, "v2/benchmark-simulation/schema.gql"))
	p := Match(old, new, MatchOptions{})
	got := map[string]Source{}
	for _, c := range p.Renames {
		if c.Kind != concept.Role || c.Confidence < HighConfidence {
			t.Errorf("unexpected rename %s", c)
		}
		got[c.Old+"="+c.New] = c.Source
	}
	for entry, src := range map[string]Source{
		"employment_employee=employment:employee":                 FromPattern,
		"location-hierarchy_superior=location-hierarchy:superior": FromPattern,
		"transaction_vendor=transaction:seller":                   FromStructure,
	} {
		if got[entry] != src {
			t.Errorf("%s: got source %q, want %q", entry, got[entry], src)
		}
	}
	if len(got) != 28 {
		t.Errorf("got %d renames, want 28", len(got))
	}
	if d := cmp.Diff([]string{"Q membership_group=membership:group2"}, summary(&Proposal{Questions: p.Questions})); d != "" {
		t.Errorf("questions differ (-want +got):\n%s", d)
	}
}

func TestFormatProposal(t *testing.T) {
	renames := []Candidate{{Old: "owns", New: "owns_", Kind: concept.Attribute, Confidence: 1, Source: FromPattern, Reasons: []string{"reserved"}}}
	questions := []Candidate{
		{Old: "wage-value", New: "annual-wage", Kind: concept.Attribute, Confidence: 0.43, Source: FromStructure, Reasons: []string{"owners differ"}},
		{Old: "full name", New: "name", Kind: concept.Attribute, Confidence: 0.5, Source: FromStructure}, // a quoted ≤1.4 label
	}
	b := FormatProposal([]string{"generated"}, renames, questions)
	r, ds := Parse("out.txt", b)
	if len(ds) > 0 {
		t.Fatalf("the written remap does not parse cleanly: %v\n%s", ds, b)
	}
	if got := string(r.Format()); got != "owns=owns_\n" {
		t.Errorf("parsed back %q, want the rename alone", got)
	}
	// Accepting a question is uncommenting its line.
	accepted := bytes.Replace(b, []byte("# wage-value=annual-wage"), []byte("wage-value=annual-wage"), 1)
	r, ds = Parse("out.txt", accepted)
	if len(ds) > 0 || r.Relabel("wage-value") != "annual-wage" {
		t.Errorf("uncommented question not read: %v\n%s", ds, accepted)
	}
	accepted = bytes.Replace(b, []byte(`# "full name"=name`), []byte(`"full name"=name`), 1)
	r, ds = Parse("out.txt", accepted)
	if len(ds) > 0 || r.Relabel("full name") != "name" {
		t.Errorf("uncommented question with a quoted label not read: %v\n%s", ds, accepted)
	}
}

// exportOf writes an export file from items.
func exportOf(t *testing.T, items ...*datafile.Item) []byte {
	t.Helper()
	var b bytes.Buffer
	w := datafile.NewWriter(&b)
	if err := w.WriteHeader("1.8.4", "db"); err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if err := w.Write(it); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.WriteChecksums(); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func attr(id, label, value string) *datafile.Item {
	return &datafile.Item{Kind: concept.Attribute, ID: []byte(id), Label: []byte(label),
		HasValue: true, Value: datafile.Value{Kind: datafile.ValueString, Str: []byte(value)}}
}

func thing(kind concept.Kind, id, label string, owned ...string) *datafile.Item {
	it := &datafile.Item{Kind: kind, ID: []byte(id), Label: []byte(label)}
	for _, o := range owned {
		it.AddOwned([]byte(o))
	}
	return it
}

func TestUsageMissing(t *testing.T) {
	target := modelOf(t, "target.gql", `define
		person sub entity, has forename, has surname, plays employee;
		company sub entity, has title, plays employer;
		forename sub attribute, datatype string;
		surname sub attribute, datatype string;
		title sub attribute, datatype string;
		employment sub relation, relates employee, relates employer;`)
	rel := thing(concept.Relation, "r1", "employment")
	rel.AddRole([]byte("staff"), []byte("p1"))
	rel.AddRole([]byte("employer"), []byte("c1"))
	data := exportOf(t,
		attr("a1", "first-name", "Ada"), attr("a2", "surname", "Lovelace"), attr("a3", "title", "ACME"),
		thing(concept.Entity, "p1", "person", "a1", "a2"),
		thing(concept.Entity, "c1", "company", "a3"),
		rel,
	)
	sum, err := datafile.Inspect(bytes.NewReader(data), datafile.InspectOptions{Name: "x.grakn"})
	if err != nil {
		t.Fatal(err)
	}
	u := UsageOf(sum)
	if got, want := u.FileRoles(), []string{"employer", "staff"}; !cmp.Equal(got, want) {
		t.Errorf("FileRoles = %q, want %q", got, want)
	}
	missing := func(r *Remap, ev *Evidence) []string {
		var out []string
		for _, m := range u.Missing(r, target, MissingOptions{Evidence: ev}) {
			s := fmt.Sprintf("%s %s", m.Kind, m.Label)
			for _, c := range m.Suggestions {
				s += fmt.Sprintf(" %s=%s", c.Old, c.New)
			}
			out = append(out, s)
		}
		return out
	}
	// Without evidence the name decides; both unused string attributes
	// qualify (title is used).
	if d := cmp.Diff([]string{"attribute first-name first-name=forename", "role staff staff=employee"}, missing(nil, nil)); d != "" {
		t.Errorf("without evidence (-want +got):\n%s", d)
	}
	ev, err := Gather(bytes.NewReader(data), []string{"first-name"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := ev.Owners["first-name"]["person"]; got != 1 {
		t.Errorf("evidence: person owns first-name %d times, want 1", got)
	}
	ms := u.Missing(nil, target, MissingOptions{Evidence: ev})
	if c := ms[0].Suggestions[0]; c.New != "forename" || c.Confidence < 0.7 || c.Confidence >= HighConfidence {
		t.Errorf("with evidence: %s, want forename between 0.7 and %.2f", c, HighConfidence)
	}
	// The remap resolves them.
	r, _ := FromPairs("first-name=forename", "staff=employee")
	if got := missing(r, ev); len(got) != 0 {
		t.Errorf("after the remap still missing: %q", got)
	}
	// The file's labels are the source side of Validate.
	r, _ = FromPairs("nothing=forename")
	ds := r.Validate(u.Schema(), FromModel(target))
	if len(ds) != 1 || ds[0].Code != "remap-unknown-source" || ds[0].Severity != diag.Warning {
		t.Errorf("Validate against the file's labels = %v, want one remap-unknown-source warning", ds)
	}
}

// BenchmarkMatch matches the 1.7 simulation schema (about 100 types) with
// its 2.x version.
func BenchmarkMatch(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("needs ../shared/corpus")
	}
	old := loadModel(b, filepath.Join(dir, "v1/benchmark-simulation/schema.gql"), filepath.Join(dir, "v1/benchmark-simulation/schema-pt2.gql"))
	new := loadModel(b, filepath.Join(dir, "v2/benchmark-simulation/schema.gql"))
	b.ReportAllocs()
	for b.Loop() {
		Match(old, new, MatchOptions{})
	}
}
