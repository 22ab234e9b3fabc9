package format

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/udiff"
)

// corpusDir is the shared corpus, read in place (its licences do not allow
// copying most of it); tests that need it skip when it is absent.
var corpusDir = filepath.Join("..", "..", "shared", "corpus")

func needCorpus(t testing.TB, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{corpusDir}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	return p
}

func mustParse(t testing.TB, name string) *grammar.File {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := grammar.Parse(name, src)
	if diags.HasErrors() {
		t.Fatalf("parse %s: %v", name, diags)
	}
	return f
}

// TestServerGrakn18 is the acceptance test for the 1.x server style: Grakn
// 1.8.4 printed schema_export_truth.gql for schema.gql + schema-pt2.gql.
func TestServerGrakn18(t *testing.T) {
	dir := needCorpus(t, "exports", "typedb-1.8.4-assembly")
	files := []*grammar.File{
		mustParse(t, filepath.Join(dir, "schema.gql")),
		mustParse(t, filepath.Join(dir, "schema-pt2.gql")),
	}
	want, err := os.ReadFile(filepath.Join(dir, "schema_export_truth.gql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []int{0, 1} {
		var b bytes.Buffer
		if err := Files(&b, files, WithStyle(Server), WithLang(lang)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("WithLang(%d): output differs from schema_export_truth.gql:\n%s", lang, lineDiff(string(want), b.String()))
		}
	}
}

// TestServerTypeDB229 checks the 2.x server style against the schema that
// TypeDB 2.29.1's exporter reproduces: printing it again gives it back from
// "define" on. The file has no final newline (the upstream test trims), the
// printer ends with one.
func TestServerTypeDB229(t *testing.T) {
	dir := needCorpus(t, "exports", "typedb-2.29.1-migrator")
	name := filepath.Join(dir, "schema.tql")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(src, []byte("\ndefine\n"))
	if i < 0 {
		t.Fatal("no define in schema.tql")
	}
	want := string(src[i+1:]) + "\n"
	f := mustParse(t, name)
	for _, lang := range []int{0, 2} {
		var b bytes.Buffer
		if err := Print(&b, f, WithStyle(Server), WithLang(lang)); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("WithLang(%d): output differs from schema.tql:\n%s", lang, lineDiff(want, b.String()))
		}
	}
}

// lineDiff is a unified diff from want to got, for failure messages.
func lineDiff(want, got string) string {
	return string(udiff.Unified("want", "got", []byte(want), []byte(got)))
}
