package format

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
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
		if err := Files(&b, files, WithStyle(Server), Lang(lang)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("Lang(%d): output differs from schema_export_truth.gql:\n%s", lang, lineDiff(string(want), b.String()))
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
		if err := Print(&b, f, WithStyle(Server), Lang(lang)); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("Lang(%d): output differs from schema.tql:\n%s", lang, lineDiff(want, b.String()))
		}
	}
}

// lineDiff shows the first differing lines of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			out = append(out, "line "+strconv.Itoa(i+1)+":\n  want "+quote(wl, i < len(w))+"\n  got  "+quote(gl, i < len(g)))
			if len(out) == 5 {
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

func quote(s string, ok bool) string {
	if !ok {
		return "(no line)"
	}
	return "|" + s + "|"
}
