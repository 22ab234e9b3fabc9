package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// loaderDiag matches a positioned error of the loader in any output: the
// text rendering's first line, or the one-line form plan prints.
var loaderDiag = regexp.MustCompile(`(\S+):(\d+):(\d+): error\[(syntax|no-schema|grakn-0|mixed-dialect|mixed-languages|wrong-language)\]: ([^\n]*)`)

// TestLoaderAgreement runs every command that reads a schema on the same
// small files (testdata/loader) and checks that they agree: the same
// positioned loading errors for files that do not load, and for files that
// do, the same verdict from each command that refuses their language.
func TestLoaderAgreement(t *testing.T) {
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join("testdata", "loader", name) }
	data := filepath.Join(dir, "data.grakn")
	if code, _ := runCapture("gen-data", "--schema", in("v14.gql"), "--schema", in("v18.gql"), "--items", "50", "-o", data); code != exitOK {
		t.Fatalf("gen-data for the fixture export: exit %d", code)
	}
	// commands lists each schema-reading command with its arguments for
	// the schema files; from is the version plan starts at.
	commands := func(files []string, from, to string) map[string][]string {
		flags := func() []string {
			var out []string
			for _, f := range files {
				out = append(out, "--schema", f)
			}
			return out
		}
		out := filepath.Join(dir, "out")
		return map[string][]string{
			"parse":        append([]string{"parse"}, files...),
			"fmt":          append([]string{"fmt"}, files...),
			"convert":      append([]string{"convert"}, files...),
			"convert-3":    append([]string{"convert", "--to", "3"}, files...),
			"vet":          append([]string{"vet"}, files...),
			"check":        append(append([]string{"check"}, flags()...), data),
			"remap":        append([]string{"remap"}, flags()...),
			"rewrite-data": append(append([]string{"rewrite-data", "--scope-roles", "-o", out + ".typedb"}, flags()...), data),
			"gen-data":     append([]string{"gen-data", "-o", out + ".grakn"}, flags()...),
			"plan":         append([]string{"plan", "--from", from, "--to", to}, flags()...),
			"migrate":      append([]string{"migrate", "--data", data, "-o", out + "-dir", "--force"}, flags()...),
		}
	}
	for _, tc := range []struct {
		name     string
		files    []string
		from, to string
		// want is the loading error every command reports, as
		// "base:line:col code: message prefix"; "" when the files load.
		want string
		// verdict is what a command that refuses the language says it
		// is, and refuse lists those commands.
		verdict string
		refuse  []string
	}{
		{name: "two 1.x dialects", files: []string{"v14.gql", "v18.gql"}, from: "1.8.4", to: "2.29.1",
			verdict: "this is Graql 1.x", refuse: []string{"rewrite-data", "vet"}},
		{name: "value date in 1.8", files: []string{"value-date.gql"}, from: "1.8.4", to: "2.29.1",
			want: `value-date.gql:3:27 mixed-dialect: no Graql 1.x version accepts "value date": write "value datetime" (Grakn 1.8) or "datatype date" (Grakn 1.5–1.7)`},
		{name: "2.x with a type named relationship", files: []string{"relationship.tql"}, from: "2.29.1", to: "3.x",
			verdict: "this is TypeQL 2.x", refuse: []string{"convert"}},
		{name: "3.x", files: []string{"v3.tql"}, from: "3.4.0", to: "3.x",
			verdict: "this is TypeQL 3.x", refuse: []string{"convert", "convert-3", "migrate", "vet"}},
		{name: "Grakn 0.x", files: []string{"grakn0.gql"}, from: "1.8.4", to: "2.29.1",
			want: `grakn0.gql:2:12 grakn-0: this is a Grakn 0.x schema ("sub entity-type")`},
		{name: "empty", files: []string{"empty.gql"}, from: "1.8.4", to: "2.29.1",
			want: `empty.gql:1:1 no-schema: no schema: testdata/loader/empty.gql is empty or holds only comments`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var files []string
			for _, f := range tc.files {
				files = append(files, in(f))
			}
			cmds := commands(files, tc.from, tc.to)
			names := make([]string, 0, len(cmds))
			for n := range cmds {
				names = append(names, n)
			}
			sort.Strings(names)
			var refused []string
			for _, n := range names {
				code, out := runCapture(cmds[n]...)
				got := loaderErrors(out)
				switch {
				case tc.want != "":
					if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
						t.Errorf("%s: loading errors %q, want one starting %q\n%s", n, got, tc.want, out)
					}
					if n != "plan" && code != exitBad {
						t.Errorf("%s: exit %d, want %d", n, code, exitBad)
					}
				case len(got) > 0:
					if len(got) != 1 || !strings.Contains(got[0], "wrong-language: "+tc.verdict+";") {
						t.Errorf("%s: loading errors %q, want none or %q\n%s", n, got, tc.verdict, out)
					}
					refused = append(refused, n)
				case code == exitBad:
					t.Errorf("%s: exit 2 without a loading error:\n%s", n, out)
				}
			}
			if tc.want == "" && fmt.Sprint(refused) != fmt.Sprint(tc.refuse) {
				t.Errorf("refused by %v, want %v", refused, tc.refuse)
			}
		})
	}
}

// runCapture runs the command and returns its exit status with stdout and
// stderr together.
func runCapture(args ...string) (int, string) {
	var out bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &out)
	return code, out.String()
}

// loaderErrors lists the loading errors in out as "base:line:col code:
// message", each once.
func loaderErrors(out string) []string {
	seen := map[string]bool{}
	var got []string
	for _, m := range loaderDiag.FindAllStringSubmatch(out, -1) {
		s := fmt.Sprintf("%s:%s:%s %s: %s", filepath.Base(m[1]), m[2], m[3], m[4], m[5])
		if !seen[s] {
			seen[s] = true
			got = append(got, s)
		}
	}
	return got
}

// TestSchemaSizeCap: an endless schema file stops at the loader's cap with
// exit 2, in every command that reads one.
func TestSchemaSizeCap(t *testing.T) {
	const endless = "/dev/zero"
	if _, err := os.Stat(endless); err != nil {
		t.Skip(endless, "is missing")
	}
	for _, args := range [][]string{
		{"parse", endless},
		{"vet", endless},
		{"convert", "--schema", endless},
		{"gen-data", "--schema", endless, "-o", filepath.Join(t.TempDir(), "x.grakn")},
	} {
		code, out := runCapture(args...)
		if code != exitBad || !strings.Contains(out, "/dev/zero: input larger than 64 MiB") {
			t.Errorf("%v: exit %d, output %q; want exit 2 and input larger than 64 MiB", args, code, out)
		}
	}
}
