package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/txtar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/validate"
)

// TestChecks runs the golden cases of every check: testdata/<check>.txtar
// holds one case per file; a file named "case@2.17.tql" is checked against
// target 2.17, others against the "target:" line of the archive comment or
// the default. Expected findings are written inline on the line where they
// start, as a comment: # want "regexp" ["regexp"…], matched against
// "code: message". Every finding must be expected and every expectation met.
func TestChecks(t *testing.T) {
	for _, c := range validate.Checks {
		t.Run(c.Name, func(t *testing.T) {
			path := filepath.Join("testdata", c.Name+".txtar")
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatalf("every check needs golden cases: %v", err)
			}
			target := validate.DefaultTarget
			for _, l := range strings.Split(string(a.Comment), "\n") {
				if v, ok := strings.CutPrefix(l, "target:"); ok {
					target = version.MustParse(strings.TrimSpace(v))
				}
			}
			if len(a.Files) == 0 {
				t.Fatal("no cases")
			}
			fired := false
			for _, f := range a.Files {
				tgt := target
				name := f.Name
				if i := strings.LastIndex(name, "@"); i >= 0 {
					tgt = version.MustParse(strings.TrimSuffix(name[i+1:], filepath.Ext(name)))
				}
				got := runCase(t, name, f.Data, tgt)
				for _, d := range got {
					if d.Code == c.Name {
						fired = true
					}
				}
			}
			if !fired && c.Name != validate.ApplyCheck {
				t.Errorf("no case makes %s report anything", c.Name)
			}
		})
	}
}

var wantRx = regexp.MustCompile(`#\s*want\s+(.*)$`)

type want struct {
	line int
	rx   *regexp.Regexp
	met  bool
}

func parseWants(t *testing.T, name string, src []byte) []*want {
	var out []*want
	for i, l := range strings.Split(string(src), "\n") {
		m := wantRx.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		rest := strings.TrimSpace(m[1])
		for rest != "" {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				t.Fatalf("%s:%d: bad want %q: %v", name, i+1, rest, err)
			}
			s, _ := strconv.Unquote(q)
			out = append(out, &want{line: i + 1, rx: regexp.MustCompile(s)})
			rest = strings.TrimSpace(rest[len(q):])
		}
	}
	return out
}

func runCase(t *testing.T, name string, src []byte, target version.V) diag.List {
	t.Helper()
	f, pd := grammar.Parse(name, src)
	_, vd := validate.Vet(validate.Options{Target: target}, f)
	all := append(pd, vd...)
	matchWants(t, name, "target "+target.String(), src, all)
	return all
}

// matchWants checks the findings all of the case name against its inline
// "# want" comments; where says what the case was checked against.
func matchWants(t *testing.T, name, where string, src []byte, all diag.List) {
	t.Helper()
	wants := parseWants(t, name, src)
	for _, d := range all {
		if d.Range == nil {
			t.Errorf("%s: finding without a position: %v", name, d)
			continue
		}
		text := d.Code + ": " + d.Message
		ok := false
		for _, w := range wants {
			if !w.met && w.line == d.Range.Start.Line && w.rx.MatchString(text) {
				w.met, ok = true, true
				break
			}
		}
		if !ok {
			t.Errorf("%s (%s): unexpected %s", name, where, d)
		}
	}
	for _, w := range wants {
		if !w.met {
			t.Errorf("%s:%d (%s): missing finding matching %q", name, w.line, where, w.rx)
		}
	}
	if t.Failed() && testing.Verbose() {
		fmt.Fprintf(os.Stderr, "--- all findings of %s:\n", name)
		for _, d := range all {
			fmt.Fprintf(os.Stderr, "  %s\n", d)
		}
	}
}

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	nameRx := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	for _, c := range validate.Checks {
		if seen[c.Name] {
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
		if validate.Lookup(c.Name) != c {
			t.Errorf("Lookup(%s) failed", c.Name)
		}
	}
}
