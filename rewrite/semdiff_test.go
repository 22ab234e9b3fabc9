package rewrite

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// semFacts flattens a TypeQL 2.x model into comparable facts, one string
// each: supertypes, abstract, value types, regexes, owns, plays, relates
// (with overrides and annotations) and rules (each top-level pattern of
// when and then printed on its own, sorted, so that the order of patterns
// does not count). Roles appear only through relates and plays.
func semFacts(m *schema.Model) map[string]bool {
	out := map[string]bool{}
	add := func(format string, args ...any) { out[fmt.Sprintf(format, args...)] = true }
	for _, t := range m.Types() {
		if t.Scope != "" {
			continue // a role: see relates
		}
		l := t.Label
		if s := t.Super(); s != nil {
			add("%s sub %s", l, s.Key())
		} else {
			add("%s sub ?", l)
		}
		if t.IsAbstract() {
			add("%s abstract", l)
		}
		if t.Value != nil {
			add("%s value %s", l, t.Value.Type)
		}
		if t.Regex != nil {
			add("%s regex %s", l, t.Regex.Pattern)
		}
		for _, o := range t.Owns {
			s := l + " owns " + o.Attr
			if o.As != "" {
				s += " as " + o.As
			}
			if o.Key {
				s += " @key"
			}
			if o.Unique {
				s += " @unique"
			}
			add("%s", s)
		}
		for _, p := range t.Plays {
			s := l + " plays " + p.RoleLabel()
			if p.As != "" {
				s += " as " + p.As
			}
			add("%s", s)
		}
		for _, r := range t.Relates {
			s := l + " relates " + r.Role
			if r.As != "" {
				s += " as " + r.As
			}
			add("%s", s)
		}
	}
	for _, r := range m.Rules() {
		add("rule %s: when { %s } then { %s }", r.Label, patternsKey(r.When), patternsKey(r.Then))
	}
	return out
}

// patternsKey prints the patterns of b without comments, sorted.
func patternsKey(b *grammar.Block) string {
	if b == nil {
		return "<none>"
	}
	var ps []string
	for _, pt := range b.Patterns {
		var buf bytes.Buffer
		if err := format.Node(&buf, pt, format.WithLang(2), format.WithStyle(format.Server)); err != nil {
			ps = append(ps, fmt.Sprintf("<%v>", err))
			continue
		}
		ps = append(ps, strings.Join(strings.Fields(buf.String()), " "))
	}
	sort.Strings(ps)
	return strings.Join(ps, " ")
}

// semDiff compares two TypeQL 2.x models and returns every difference,
// sorted: "- fact" for what only want has, "+ fact" for what only got has.
func semDiff(want, got *schema.Model) []string {
	w, g := semFacts(want), semFacts(got)
	var out []string
	for f := range w {
		if !g[f] {
			out = append(out, "- "+f)
		}
	}
	for f := range g {
		if !w[f] {
			out = append(out, "+ "+f)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][2:] != out[j][2:] {
			return out[i][2:] < out[j][2:]
		}
		return out[i] < out[j]
	})
	return out
}

// model2 parses TypeQL 2.x files (name, source pairs) into one model.
func model2(t *testing.T, srcs ...string) *schema.Model {
	t.Helper()
	var files []*grammar.File
	for i := 0; i+1 < len(srcs); i += 2 {
		f, errs := grammar.Parse(srcs[i], []byte(srcs[i+1]))
		if errs.HasErrors() {
			t.Fatalf("%s does not parse: %v", srcs[i], errs)
		}
		files = append(files, f)
	}
	m, _ := schema.Build(schema.TypeQL2, files...)
	return m
}

// checkSemDiff reports every difference between want and got except the
// expected ones, and every expected difference that did not occur.
func checkSemDiff(t *testing.T, want, got *schema.Model, expected ...string) {
	t.Helper()
	exp := map[string]bool{}
	for _, e := range expected {
		exp[e] = true
	}
	for _, d := range semDiff(want, got) {
		if exp[d] {
			delete(exp, d)
			continue
		}
		t.Errorf("semantic difference: %s", d)
	}
	for e := range exp {
		t.Errorf("expected difference did not occur: %s", e)
	}
}

func TestSemDiff(t *testing.T) {
	a := model2(t, "a.tql", `define
name sub attribute, value string;
person sub entity, owns name @key, plays marriage:spouse;
marriage sub relation, relates spouse;
rule r: when { $x isa person; $y isa person; } then { (spouse: $x, spouse: $y) isa marriage; };
`)
	b := model2(t, "b.tql", `define
# the same, in another order and with comments
marriage sub relation, relates spouse;
person sub entity, plays marriage:spouse, owns name @key;
name sub attribute, value string;
rule r: when { $y isa person; $x isa person; } then { (spouse: $x, spouse: $y) isa marriage; };
`)
	if d := semDiff(a, b); len(d) != 0 {
		t.Errorf("equal schemas differ: %v", d)
	}
	c := model2(t, "c.tql", `define
name sub attribute, value string;
person sub entity, owns name, plays marriage:wife;
marriage sub relation, relates wife;
rule r: when { $x isa person; } then { (wife: $x) isa marriage; };
`)
	got := strings.Join(semDiff(a, c), "\n")
	want := strings.Join([]string{
		"- marriage relates spouse",
		"+ marriage relates wife",
		"+ person owns name",
		"- person owns name @key",
		"- person plays marriage:spouse",
		"+ person plays marriage:wife",
		"- rule r: when { $x isa person; $y isa person; } then { (spouse: $x, spouse: $y) isa marriage; }",
		"+ rule r: when { $x isa person; } then { (wife: $x) isa marriage; }",
	}, "\n")
	if got != want {
		t.Errorf("semDiff:\n%s\nwant:\n%s", got, want)
	}
}
