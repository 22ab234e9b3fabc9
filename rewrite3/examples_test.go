package rewrite3

import (
	"github.com/tqlmig/tqlmig/rewrite/rewritetest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/grammar"
)

// facts lists what a TypeQL 3.x schema says, one fact a string, so that
// two schemas can be compared whatever their layout and statement order:
// "book kind entity", "book sub publication", "book owns isbn @key",
// "fun NAME(ARGS) -> OUT", "fun NAME match STATEMENT".
func facts(t *testing.T, f *grammar.File) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	annots := func(as []*grammar.Annotation) string {
		var ss []string
		for _, a := range as {
			s := "@" + a.Name
			if a.HasParens {
				s += "(" + a.Args + ")"
			}
			ss = append(ss, s)
		}
		sort.Strings(ss)
		if len(ss) == 0 {
			return ""
		}
		return " " + strings.Join(ss, " ")
	}
	for _, q := range f.Queries {
		d, ok := q.(*grammar.DefineQuery)
		if !ok {
			continue
		}
		for _, s := range d.Stmts {
			switch s := s.(type) {
			case *grammar.TypeStmt:
				l := s.Subject.String()
				if s.Kind != "" {
					out[l+" kind "+s.Kind] = true
				}
				for _, a := range s.Annotations {
					out[l+annots([]*grammar.Annotation{a})] = true
				}
				for _, pr := range s.Props {
					switch pr := pr.(type) {
					case *grammar.SubProp:
						out[l+" sub "+pr.Type.String()] = true
					case *grammar.ValueTypeProp:
						out[l+" value "+pr.Type+annots(pr.Annots)] = true
					case *grammar.OwnsProp:
						list := ""
						if pr.List {
							list = "[]"
						}
						out[l+" owns "+pr.Attr.String()+list+annots(pr.Annots)] = true
					case *grammar.PlaysProp:
						out[l+" plays "+pr.Role.String()+annots(pr.Annots)] = true
					case *grammar.RelatesProp:
						as := ""
						if pr.As != nil {
							as = " as " + pr.As.String()
						}
						out[l+" relates "+pr.Role.String()+as+annots(pr.Annots)] = true
					default:
						t.Errorf("facts: unexpected property %T", pr)
					}
				}
			case *grammar.FunStmt:
				for _, fact := range funFacts(s.Text) {
					out[fact] = true
				}
			default:
				t.Errorf("facts: unexpected statement %T", s)
			}
		}
	}
	return out
}

var (
	funHeader = regexp.MustCompile(`(?s)^fun\s+([^\s(]+)\s*\((.*?)\)\s*->\s*(.*?):\s*match\s`)
	spaces    = regexp.MustCompile(`\s+`)
)

// funFacts lists a function's signature and its match statements, one
// per line of the body, spaces normalised.
func funFacts(text string) []string {
	m := funHeader.FindStringSubmatch(text)
	if m == nil {
		return []string{"fun ? " + text}
	}
	name := m[1]
	out := []string{"fun " + name + "(" + m[2] + ") -> " + spaces.ReplaceAllString(m[3], " ")}
	body := text[len(m[0]):]
	if i := strings.LastIndex(body, "return"); i >= 0 {
		body = body[:i]
	}
	for _, line := range strings.Split(body, "\n") {
		if line = strings.TrimSpace(spaces.ReplaceAllString(line, " ")); line != "" {
			out = append(out, "fun "+name+" match "+line)
		}
	}
	return out
}

func parseExample(t *testing.T, path string) *grammar.File {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, errs := grammar.Parse(filepath.Base(path), src)
	if errs.HasErrors() {
		t.Fatalf("%s: %v", path, errs)
	}
	return f
}

// diffFacts returns the facts only in a and only in b, sorted.
func diffFacts(a, b map[string]bool) (onlyA, onlyB []string) {
	for f := range a {
		if !b[f] {
			onlyA = append(onlyA, f)
		}
	}
	for f := range b {
		if !a[f] {
			onlyB = append(onlyB, f)
		}
	}
	sort.Strings(onlyA)
	sort.Strings(onlyB)
	return
}

// TestExampleBasic converts examples/01-basic.v2.tql and compares it, fact
// by fact, with the hand-written examples/01-basic.v3.tql: they must say
// exactly the same.
func TestExampleBasic(t *testing.T) {
	ex := filepath.Join(sharedSub(t, "ref"), "examples")
	res, out := convertPaths(t, Options{}, filepath.Join(ex, "01-basic.v2.tql"))
	if !res.Exact() {
		t.Errorf("01-basic converts with approximations or losses:\n%s", rewritetest.Report(res.Report))
	}
	got := parseOutput(t, out)
	want := parseExample(t, filepath.Join(ex, "01-basic.v3.tql"))
	ours, theirs := diffFacts(facts(t, got), facts(t, want))
	if len(ours)+len(theirs) > 0 {
		t.Errorf("01-basic: only in ours %q, only in the example %q", ours, theirs)
	}
}

// TestExampleRules converts examples/04-rules.v2-0.tql and compares it
// with examples/04-rules.v3.tql. They differ, and each difference is named
// here with the reason ours is right:
//
//  1. The example defines no types: it sketches the functions only. Ours
//     keeps the schema's types (converted like 01-basic).
//  2. The example renames the rules (siblings_of, same_age_adult_friends)
//     and gives each a parameter $x, returning only the other player.
//     Ours keeps each rule's label as the function name (3.x identifiers
//     allow "-") and returns every variable of the conclusion, with no
//     parameter: the function yields exactly the tuples the rule inferred
//     (match let $x, $y in siblings-share-a-parent();), and a caller that
//     knows $x still gets the example's answer from it.
//  3. The example's same_age_adult_friends drops two conditions of the
//     rule ($x has name $n; $n != "anonymous";) and types $x by the
//     parameter instead of "$x isa person". Ours keeps every condition, so
//     it returns what the rule inferred and no more.
//  4. The example leaves out the two rules that conclude attributes.
//     Ours converts them: the owner and the value or attribute are
//     returned (childless-adults-get-a-nickname, with let $value =
//     "no-kids"; child-inherits-parent-age-placeholder).
func TestExampleRules(t *testing.T) {
	ex := filepath.Join(sharedSub(t, "ref"), "examples")
	_, out := convertPaths(t, Options{}, filepath.Join(ex, "04-rules.v2-0.tql"))
	ours, theirs := diffFacts(facts(t, parseOutput(t, out)), facts(t, parseExample(t, filepath.Join(ex, "04-rules.v3.tql"))))
	var oursTypes, oursFuns []string
	for _, f := range ours {
		if strings.HasPrefix(f, "fun ") {
			oursFuns = append(oursFuns, f)
		} else {
			oursTypes = append(oursTypes, f)
		}
	}
	// 1: every type fact is ours only (the example has none), and they are
	// the 2.x schema's types.
	wantTypes := []string{
		"age kind attribute", "age value integer",
		"friendship kind relation", "friendship relates friend @card(0..)",
		"name kind attribute", "name value string",
		"nickname kind attribute", "nickname value string",
		"parentship kind relation", "parentship relates child @card(0..)", "parentship relates parent @card(0..)",
		"person kind entity", "person owns age @card(0..)", "person owns name @card(0..)", "person owns nickname @card(0..)",
		"person plays friendship:friend", "person plays parentship:child", "person plays parentship:parent", "person plays siblingship:sibling",
		"siblingship kind relation", "siblingship relates sibling @card(0..)",
	}
	if d := cmp.Diff(wantTypes, oursTypes); d != "" {
		t.Errorf("difference 1 (types only in ours) (-want +got):\n%s", d)
	}
	// 2–4: the functions.
	wantOurs := []string{
		"fun child-inherits-parent-age-placeholder match $p has age $a;", // 4
		"fun child-inherits-parent-age-placeholder match parentship (parent: $p, child: $c);",
		"fun child-inherits-parent-age-placeholder() -> { person, age }",
		"fun childless-adults-get-a-nickname match $a >= 18;", // 4
		"fun childless-adults-get-a-nickname match $x isa person, has age $a;",
		"fun childless-adults-get-a-nickname match let $value = \"no-kids\";",
		"fun childless-adults-get-a-nickname match not { parentship (parent: $x); };",
		"fun childless-adults-get-a-nickname() -> { person, string }",
		"fun same-age-adults-are-friends match $a >= 18;", // 2: same statement, other name
		"fun same-age-adults-are-friends match $b == $a;",
		"fun same-age-adults-are-friends match $n != \"anonymous\";",       // 3
		"fun same-age-adults-are-friends match $x has name $n;",            // 3
		"fun same-age-adults-are-friends match $x isa person, has age $a;", // 3
		"fun same-age-adults-are-friends match $y isa person, has age $b;",
		"fun same-age-adults-are-friends match not { $x is $y; };",
		"fun same-age-adults-are-friends() -> { person, person }", // 2
		"fun siblings-share-a-parent match not { $x is $y; };",    // 2
		"fun siblings-share-a-parent match parentship (parent: $p, child: $x);",
		"fun siblings-share-a-parent match parentship (parent: $p, child: $y);",
		"fun siblings-share-a-parent() -> { person, person }",
	}
	wantTheirs := []string{
		"fun same_age_adult_friends match $a >= 18;",
		"fun same_age_adult_friends match $b == $a;",
		"fun same_age_adult_friends match $x has age $a;", // 3
		"fun same_age_adult_friends match $y isa person, has age $b;",
		"fun same_age_adult_friends match not { $x is $y; };",
		"fun same_age_adult_friends($x: person) -> { person }", // 2
		"fun siblings_of match not { $x is $y; };",
		"fun siblings_of match parentship (parent: $p, child: $x);",
		"fun siblings_of match parentship (parent: $p, child: $y);",
		"fun siblings_of($x: person) -> { person }", // 2
	}
	if d := cmp.Diff(wantOurs, oursFuns); d != "" {
		t.Errorf("differences 2–4 (functions only in ours) (-want +got):\n%s", d)
	}
	if d := cmp.Diff(wantTheirs, theirs); d != "" {
		t.Errorf("differences 2–3 (only in the example) (-want +got):\n%s", d)
	}
	// Apart from names (2), the siblings function's match is the example's.
	rename := func(fs []string, from, to string) map[string]bool {
		m := map[string]bool{}
		for _, f := range fs {
			if strings.HasPrefix(f, "fun "+from+" match ") {
				m[strings.Replace(f, from, to, 1)] = true
			}
		}
		return m
	}
	a, b := diffFacts(rename(oursFuns, "siblings-share-a-parent", "S"), rename(theirs, "siblings_of", "S"))
	if len(a)+len(b) > 0 {
		t.Errorf("siblings match differs beyond the name: ours %q, example %q", a, b)
	}
}

// parseOutput parses converted output, which must be TypeQL 3.x.
func parseOutput(t *testing.T, out string) *grammar.File {
	t.Helper()
	f, errs := grammar.Parse("out.tql", []byte(out))
	if errs.HasErrors() {
		t.Fatalf("output does not parse: %v\n%s", errs, out)
	}
	if f.Dialect()&grammar.TypeQL3 == 0 {
		t.Errorf("output is %s, not TypeQL 3.x", f.Dialect())
	}
	return f
}
