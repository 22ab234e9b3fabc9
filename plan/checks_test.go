package plan

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
	v "github.com/tqlmig/tqlmig/internal/version"
)

// writeExport writes a small 2.x-style export: a header, two entities, an
// attribute owned by one of them, a relation, and (when sums) checksums.
func writeExport(t *testing.T, dir, version string, sums, tamper bool) string {
	t.Helper()
	var buf bytes.Buffer
	w := datafile.NewWriter(&buf)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.WriteHeader(version, "social"))
	must(w.Write(&datafile.Item{Kind: concept.Attribute, ID: []byte("gAAAAAAAAAAAAAA1"), Label: []byte("name"),
		HasValue: true, Value: datafile.Value{Kind: datafile.ValueString, Str: []byte("Ann")}}))
	must(w.Write(&datafile.Item{Kind: concept.Entity, ID: []byte("ggAAAAAAAAAAAAA1"), Label: []byte("person"), Owned: [][]byte{[]byte("gAAAAAAAAAAAAAA1")}}))
	must(w.Write(&datafile.Item{Kind: concept.Entity, ID: []byte("ggAAAAAAAAAAAAA2"), Label: []byte("person")}))
	rel := &datafile.Item{Kind: concept.Relation, ID: []byte("hAAAAAAAAAAAAAA1"), Label: []byte("friendship")}
	rel.AddRole([]byte("friendship:friend"), []byte("ggAAAAAAAAAAAAA1"), []byte("ggAAAAAAAAAAAAA2"))
	must(w.Write(rel))
	if sums {
		if tamper {
			c := w.Counts()
			c.Entities++
			must(w.Write(&datafile.Item{Kind: concept.Checksums, Checksums: c}))
		} else {
			must(w.WriteChecksums())
		}
	}
	must(w.Flush())
	name := filepath.Join(dir, "export.typedb")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func statuses(cs []Check) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(filepath.Base(c.Name[strings.LastIndex(c.Name, " ")+1:]) + "=" + c.Status + "; ")
	}
	return b.String()
}

func TestCheckData(t *testing.T) {
	for _, tc := range []struct {
		name         string
		from, to     string
		header       string
		sums, tamper bool
		want         string // statuses by the last word of each check name
		detail       string // substring of some check's detail
	}{
		{"clean", "2.12.0", "2.29.1", "2.12.0", true, false,
			"producer=ok; completeness=ok; checksums=ok; ", "all five counts match a recount (2 entities, 1 attributes, 1 relations, 2 role players, 1 ownerships)"},
		{"no checksums for 2.29", "2.12.0", "2.29.1", "2.12.0", false, false,
			"producer=ok; completeness=", "the TypeDB 2.29.1 importer requires one"},
		{"tampered checksums", "2.12.0", "3.x", "2.12.0", true, true,
			"producer=ok; completeness=ok; checksums=problem; 3.x=ok; ", "declared 3, counted 2"},
		{"wrong --from", "1.8.4", "2.29.1", "2.12.0", true, false,
			"producer=problem; ", "not by 1.x as --from 1.8.4 implies"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := writeExport(t, t.TempDir(), tc.header, tc.sums, tc.tamper)
			cs := checkData(Options{From: v.MustParse(tc.from), To: v.MustParse(tc.to), DataFile: file})
			if got := statuses(cs); !strings.HasPrefix(got, tc.want) {
				t.Errorf("statuses %q, want prefix %q (%+v)", got, tc.want, cs)
			}
			found := false
			for _, c := range cs {
				found = found || strings.Contains(c.Detail, tc.detail)
			}
			if !found {
				t.Errorf("no detail contains %q: %+v", tc.detail, cs)
			}
		})
	}
}

func TestCheckSchema(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	v18 := write("a.gql", "define\nperson sub entity, has name;\nname sub attribute, value string;\n")
	v2 := write("b.tql", "define\nperson sub entity, owns name;\nname sub attribute, value string;\n")
	bad := write("c.gql", "define\nperson sub entity has name\n")
	v3 := write("d.tql", "define\nentity person, owns name;\nattribute name, value string;\n")
	for _, tc := range []struct {
		file, from, want, detail string
	}{
		{v18, "1.8.4", "a.gql=ok; a.gql=ok; ", "1 query in graql-1.8"},
		{v2, "2.29.1", "b.tql=ok; b.tql=ok; ", "2 types and roles defined"},
		{v2, "1.8.4", "b.tql=problem; ", "but --from 1.8.4 speaks graql-1.8"},
		{bad, "1.8.4", "c.gql=problem; ", "error"},
		{v3, "3.4.0", "d.tql=ok; d.tql=ok; ", "2 types and roles defined"},
		{filepath.Join(dir, "missing.gql"), "1.8.4", "missing.gql=problem; ", "no such file"},
	} {
		cs := checkSchema([]string{tc.file}, v.MustParse(tc.from))
		if got := statuses(cs); got != tc.want {
			t.Errorf("%s from %s: statuses %q, want %q (%+v)", filepath.Base(tc.file), tc.from, got, tc.want, cs)
		}
		found := false
		for _, c := range cs {
			found = found || strings.Contains(c.Detail, tc.detail)
		}
		if !found {
			t.Errorf("%s: no detail contains %q: %+v", filepath.Base(tc.file), tc.detail, cs)
		}
	}
}
