package format

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the out sections of testdata/*.txtar")

// TestGolden runs testdata/*.txtar. Sections named in*.gql/in*.tql are the
// input files, loaded together in order. Every other section is an expected
// output; its name says how to print:
//
//	out.gql              Preserve, the tree's own language
//	out.server.gql       Server style
//	out.lang2.tql        Preserve, TypeQL 2.x
//	out.server.lang1.gql Server style, Graql 1.x
//
// An output that fails is recorded as "error: message". Every Preserve
// output must parse again and print to itself.
func TestGolden(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no testdata/*.txtar")
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var files []*grammar.File
			for _, f := range ar.Files {
				if strings.HasPrefix(f.Name, "in") {
					pf, diags := grammar.Parse(f.Name, f.Data)
					if diags.HasErrors() {
						t.Fatalf("%s: %v", f.Name, diags)
					}
					files = append(files, pf)
				}
			}
			changed := false
			for i, f := range ar.Files {
				if strings.HasPrefix(f.Name, "in") {
					continue
				}
				opts, err := goldenOptions(f.Name)
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				got := []byte(nil)
				if err := Files(&b, files, opts...); err != nil {
					got = []byte("error: " + err.Error() + "\n")
				} else {
					got = b.Bytes()
					checkReprint(t, f.Name, got, opts)
				}
				if !bytes.Equal(got, f.Data) {
					if *update {
						ar.Files[i].Data = got
						changed = true
						continue
					}
					t.Errorf("%s differs:\n%s", f.Name, lineDiff(string(f.Data), string(got)))
				}
			}
			if changed {
				if err := os.WriteFile(name, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// goldenOptions reads the options from a section name such as
// "out.server.lang1.gql".
func goldenOptions(section string) ([]Option, error) {
	parts := strings.Split(section, ".")
	if len(parts) < 2 || parts[0] != "out" {
		return nil, &Error{Msg: "section " + section + ": want out[.server][.langN].ext"}
	}
	var opts []Option
	for _, p := range parts[1 : len(parts)-1] {
		switch {
		case p == "server":
			opts = append(opts, WithStyle(Server))
		case p == "preserve":
		case len(p) == 5 && strings.HasPrefix(p, "lang") && p[4] >= '1' && p[4] <= '3':
			opts = append(opts, WithLang(int(p[4]-'0')))
		default:
			return nil, &Error{Msg: "section " + section + ": unknown option " + p}
		}
	}
	return opts, nil
}

// checkReprint parses out again and checks that it prints to itself.
func checkReprint(t *testing.T, name string, out []byte, opts []Option) {
	t.Helper()
	f, diags := grammar.Parse(name, out)
	if diags.HasErrors() {
		t.Errorf("%s does not parse again: %v\n%s", name, diags, out)
		return
	}
	var b bytes.Buffer
	if err := Print(&b, f, opts...); err != nil {
		t.Errorf("%s: printing it again: %v", name, err)
		return
	}
	if !bytes.Equal(b.Bytes(), out) {
		t.Errorf("%s is not idempotent:\n%s", name, lineDiff(string(out), b.String()))
	}
}
