package validate_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/txtar"
	"github.com/tqlmig/tqlmig/schema"
	"github.com/tqlmig/tqlmig/validate"
)

// TestChecks3 runs the golden cases of every 3.x check:
// testdata/typeql3/<check>.txtar, one TypeQL 3.x case per file, with the
// expected findings inline as for TestChecks (# want "code: message").
// The files of an archive load in order, as one schema.
func TestChecks3(t *testing.T) {
	for _, c := range validate.Checks3 {
		t.Run(c.Name, func(t *testing.T) {
			a, err := txtar.ParseFile(filepath.Join("testdata", "typeql3", c.Name+".txtar"))
			if err != nil {
				t.Fatalf("every check needs golden cases: %v", err)
			}
			if len(a.Files) == 0 {
				t.Fatal("no cases")
			}
			var files []*grammar.File
			for _, f := range a.Files {
				pf, ds := grammar.Parse(f.Name, f.Data)
				if ds.HasErrors() {
					t.Fatalf("%s does not parse: %v", f.Name, ds.Errors())
				}
				files = append(files, pf)
			}
			_, all := validate.Vet3(files...)
			fired := false
			for _, f := range a.Files {
				var mine = all[:0:0]
				for _, d := range all {
					if d.Range != nil && d.Range.File == f.Name {
						mine = append(mine, d)
					}
					fired = fired || validate.Lookup3(d.Code) == c
				}
				matchWants(t, f.Name, "TypeQL 3.x", f.Data, mine)
			}
			if !fired {
				t.Errorf("no case makes %s report anything", c.Name)
			}
		})
	}
}

func TestRegistry3(t *testing.T) {
	seen := map[string]bool{}
	nameRx := regexp.MustCompile(`^[a-z]+[0-9]?(-[a-z]+[0-9]?)*$`)
	for _, c := range validate.Checks3 {
		if seen[c.Name] || validate.Lookup(c.Name) != nil {
			t.Errorf("check %s registered twice", c.Name)
		}
		seen[c.Name] = true
		if !nameRx.MatchString(c.Name) {
			t.Errorf("check name %q is not kebab-case", c.Name)
		}
		title, _, _ := strings.Cut(c.Doc, "\n")
		if title == "" || len(title) > 60 || strings.ToLower(title[:1]) != title[:1] {
			t.Errorf("check %s: doc title %q must be lower-case and at most 60 characters", c.Name, title)
		}
		if !strings.HasPrefix(c.Source, "typedb/typedb@3.") {
			t.Errorf("check %s: source %q is not a typedb/typedb 3.x path", c.Name, c.Source)
		}
		if validate.Lookup3(c.Name) != c {
			t.Errorf("Lookup3(%s) failed", c.Name)
		}
	}
	for code, doc := range schema.Apply3Docs {
		if validate.Lookup3(code) == nil || !strings.Contains(doc, "typedb/typedb@3.") && code != schema.Code3Unsupported {
			t.Errorf("apply code %s: no check or no source: %q", code, doc)
		}
	}
}
