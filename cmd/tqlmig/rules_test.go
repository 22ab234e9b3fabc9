package main

import (
	"strings"
	"testing"

	"unicode"
	"unicode/utf8"

	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/codes"
)

// TestRuleDocs holds every rewrite rule, schema check and data check to
// what rules, explain and SARIF need: a unique kebab-case name (it is the diagnostic code, so
// a rule and a check must not share one) and a lower-case title of at most
// 60 characters.
func TestRuleDocs(t *testing.T) {
	seen := map[string]string{}
	for _, d := range allRuleDocs() {
		if prev, dup := seen[d.Name]; dup {
			t.Errorf("%s %q has the name of a %s", d.Kind, d.Name, prev)
		}
		seen[d.Name] = d.Kind
		for _, r := range d.Name {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Errorf("%s %q: name is not kebab-case", d.Kind, d.Name)
				break
			}
		}
		first, _ := utf8.DecodeRuneInString(d.Title)
		ruleOrCheck := d.Kind == kindRewrite || d.Kind == kindRewrite3 || d.Kind == kindCheck || d.Kind == kindData
		switch {
		case d.Title == "":
			t.Errorf("%s %q has no title", d.Kind, d.Name)
		case ruleOrCheck && utf8.RuneCountInString(d.Title) > 60:
			t.Errorf("%s %q: title longer than 60 characters: %q", d.Kind, d.Name, d.Title)
		case ruleOrCheck && unicode.IsUpper(first):
			t.Errorf("%s %q: title should start lower-case: %q", d.Kind, d.Name, d.Title)
		}
	}
	if len(seen) == 0 {
		t.Error("no rules or checks registered")
	}
	for _, c := range check.Checks {
		if seen[c.Name] != kindData {
			t.Errorf("data check %q is listed as %q, want %q", c.Name, seen[c.Name], kindData)
		}
	}
	infos := ruleInfos()
	if len(infos) != len(seen) {
		t.Errorf("SARIF rule table has %d entries for %d codes", len(infos), len(seen))
	}
}

// TestSectionTitles: the rules listing heads every kind of code with a
// title.
func TestSectionTitles(t *testing.T) {
	for _, k := range codes.Kinds {
		if sectionTitles[string(k)] == "" {
			t.Errorf("kind %q has no section title in the rules listing", k)
		}
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"has-to-owns", "date-to-datetime", "parse"}
	for in, want := range map[string]string{
		"has-to-own": ` (did you mean "has-to-owns"?)`,
		"prase":      ` (did you mean "parse"?)`,
		"zzzzzz":     "",
	} {
		if got := suggest(in, names); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestExplainSource: explain prints a code's upstream source when the
// registry records one.
func TestExplainSource(t *testing.T) {
	var b strings.Builder
	writeExplain(&b, ruleDoc{Name: "x", Kind: kindCheck, Doc: "a title\n\nmore", Source: "typedb/typedb@2.29.1:concept/Type.java"})
	want := "x (schema check)\n\na title\n\nmore\n\nSource (upstream code this was read from):\n  typedb/typedb@2.29.1:concept/Type.java\n"
	if b.String() != want {
		t.Errorf("explain printed %q, want %q", b.String(), want)
	}
	b.Reset()
	writeExplain(&b, ruleDoc{Name: "no-schema", Kind: "load", Doc: "no define"})
	if strings.Contains(b.String(), "Source") {
		t.Errorf("explain printed a source line for a code without one: %q", b.String())
	}
}

// TestExplainEveryCode: explain works for every registered code, and the
// SARIF rule table holds each.
func TestExplainEveryCode(t *testing.T) {
	rules := map[string]bool{}
	for _, r := range ruleInfos() {
		rules[r.ID] = true
	}
	for _, d := range allRuleDocs() {
		code, out := runCapture("explain", d.Name)
		if code != exitOK || !strings.HasPrefix(out, d.Name+" (") || !strings.Contains(out, d.Title) {
			t.Errorf("explain %s: exit %d, output %q", d.Name, code, out)
		}
		if !rules[d.Name] {
			t.Errorf("the SARIF rule table lacks %s", d.Name)
		}
	}
}
