package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/validate"
)

// Set BEHAVIOUR_TRACE=1 to print every step with its outcome and findings.
//
// The behaviour runner executes the schema-only scenarios of TypeDB's own
// behaviour suite (../shared/corpus/behaviour, read in place) against the
// model and checks: a scenario agrees when every "typeql define/undefine",
// concept-API type step and "transaction commits" step throws exactly when
// the suite says TypeDB throws, and every read (type queries' answers,
// concept-API gets) gives the suite's answer (behaviour_model_test.go).
// Scenarios with any other step (data, rename, value-type filters) are
// not applicable and never count as passes.

// behaviourTarget is the TypeDB version the suite snapshot was written for
// (typedb-behaviour 2.x branch, July 2024: TypeDB 2.28/2.29).
var behaviourTarget = version.MustParse("2.29")

type step struct {
	line  int
	text  string     // the step without its keyword
	doc   string     // the doc string, or ""
	table [][]string // the data table's rows, or nil
}

type scenario struct {
	name  string
	line  int
	tags  []string
	steps []step
}

var (
	stepRx     = regexp.MustCompile(`^\s*(Given|When|Then|And|But)\s+(.*)$`)
	scenarioRx = regexp.MustCompile(`^\s*(Scenario Outline|Scenario|Background|Examples):\s*(.*)$`)
)

// parseFeature reads the background and scenarios of a Gherkin file,
// expanding scenario outlines over their examples.
func parseFeature(src string) (background []step, scenarios []scenario) {
	lines := strings.Split(src, "\n")
	var cur *scenario
	var tags []string
	outline := false
	var exHeader []string
	inExamples := false
	var outlineSc scenario
	flushOutline := func() {}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		s := strings.TrimSpace(l)
		if strings.HasPrefix(s, "@") {
			tags = append(tags, strings.Fields(s)...)
			continue
		}
		if m := scenarioRx.FindStringSubmatch(l); m != nil {
			switch m[1] {
			case "Background":
				cur = &scenario{name: "Background", line: i + 1}
				scenarios = append(scenarios, *cur)
				cur = &scenarios[len(scenarios)-1]
				outline, inExamples = false, false
			case "Examples":
				inExamples, exHeader = true, nil
				outlineSc = *cur
				scenarios = scenarios[:len(scenarios)-1] // replaced by its expansions
				cur = nil
			default:
				scenarios = append(scenarios, scenario{name: m[2], line: i + 1, tags: tags})
				cur = &scenarios[len(scenarios)-1]
				outline, inExamples = m[1] == "Scenario Outline", false
			}
			tags = nil
			continue
		}
		if inExamples && strings.HasPrefix(s, "|") {
			cells := splitRow(s)
			if exHeader == nil {
				exHeader = cells
				continue
			}
			sc := outlineSc
			sc.steps = nil
			for _, st := range outlineSc.steps {
				var table [][]string
				for _, row := range st.table {
					table = append(table, append([]string(nil), row...))
				}
				st.table = table
				for k, h := range exHeader {
					if k < len(cells) {
						st.text = strings.ReplaceAll(st.text, "<"+h+">", cells[k])
						st.doc = strings.ReplaceAll(st.doc, "<"+h+">", cells[k])
						for _, row := range st.table {
							for c := range row {
								row[c] = strings.ReplaceAll(row[c], "<"+h+">", cells[k])
							}
						}
					}
				}
				sc.steps = append(sc.steps, st)
			}
			sc.name += " [" + strings.Join(cells, ", ") + "]"
			scenarios = append(scenarios, sc)
			continue
		}
		if cur == nil {
			continue
		}
		if strings.HasPrefix(s, "|") && len(cur.steps) > 0 {
			last := &cur.steps[len(cur.steps)-1]
			last.table = append(last.table, splitRow(s))
			continue
		}
		if m := stepRx.FindStringSubmatch(l); m != nil {
			st := step{line: i + 1, text: strings.TrimSpace(m[2])}
			// A doc string may follow, after blank lines.
			j := i + 1
			for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
				j++
			}
			if j < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[j]), `"""`) {
				indent := len(lines[j]) - len(strings.TrimLeft(lines[j], " \t"))
				var doc []string
				k := j + 1
				for ; k < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[k]), `"""`); k++ {
					dl := lines[k]
					if len(dl) >= indent && strings.TrimSpace(dl[:indent]) == "" {
						dl = dl[indent:]
					}
					doc = append(doc, dl)
				}
				st.doc = strings.Join(doc, "\n") + "\n"
				i = k
			}
			cur.steps = append(cur.steps, st)
		}
	}
	_ = outline
	flushOutline()
	if len(scenarios) > 0 && scenarios[0].name == "Background" {
		background = scenarios[0].steps
		scenarios = scenarios[1:]
	}
	return background, scenarios
}

func splitRow(s string) []string {
	var out []string
	for _, c := range strings.Split(strings.Trim(s, "|"), "|") {
		out = append(out, strings.TrimSpace(c))
	}
	return out
}

// schemaStep reports whether a step is one the runner can execute.
func schemaStep(s step) bool {
	t := strings.TrimSuffix(s.text, ":")
	switch {
	case t == "typeql define", t == "typeql define; throws exception",
		t == "typeql undefine", t == "typeql undefine; throws exception",
		t == "transaction commits", t == "transaction commits; throws exception",
		t == "typedb starts", t == "connection opens with default authentication",
		t == "connection has been opened", t == "connection does not have any database",
		strings.HasPrefix(t, "connection create database:"),
		strings.HasPrefix(t, "connection open schema session for database:"),
		strings.HasPrefix(t, "session opens transaction of type:"),
		strings.HasPrefix(t, "rules contain:"), strings.HasPrefix(t, "rules do not contain:"),
		t == "connection close all sessions":
		return true
	}
	return modelStep(s)
}

// runner replays schema steps: committed queries, the open transaction's
// queries, and the files they came from.
type runner struct {
	name      string
	committed []*grammar.File
	tx        []*grammar.File
	n         int
	answers   []answer // of the last "get answers of typeql get"
}

func (r *runner) parse(s step) (*grammar.File, diag.List) {
	r.n++
	f, d := grammar.Parse(fmt.Sprintf("%s:%d", r.name, s.line), []byte(s.doc))
	return f, d.Errors()
}

// errorsAt runs every check over files and returns the errors that TypeDB
// reports at the given phase (define: only define-phase ones; commit: all).
// At define time a rule is checked only by the query that writes it: the
// rules a schema change breaks are revalidated when the transaction
// commits (typedb/typedb@2.29.1:database/CoreTransaction.java commit,
// logicMgr.revalidateAndReindexRules). Likewise from 2.27 an override is
// checked when it is declared (concept/validation/DeclarationValidation)
// and an earlier one that a later change breaks only at commit
// (concept/type/impl/ThingTypeImpl.java exceptions,
// validateOverridden…AndInherited, typedb/typedb@2.27.0).
func errorsAt(files []*grammar.File, ph validate.Phase) diag.List {
	_, diags := validate.Vet(validate.Options{Target: behaviourTarget}, files...)
	var out diag.List
	current := files[len(files)-1].Name
	for _, d := range diags.Errors() {
		c := validate.Lookup(d.Code)
		if ph == validate.AtDefine && c != nil && c.PhaseAt(behaviourTarget) == validate.AtCommit {
			continue
		}
		laterAtCommit := strings.HasPrefix(d.Code, "rule-") || d.Code == "override" && behaviourTarget.AtLeast("2.27")
		if ph == validate.AtDefine && laterAtCommit && d.Range != nil && d.Range.File != current {
			continue
		}
		out = append(out, d)
	}
	return out
}

// step executes s and returns "" when the outcome agrees with the suite, or
// the reason it does not.
func (r *runner) step(s step) string {
	t := strings.TrimSuffix(s.text, ":")
	throws := strings.HasSuffix(t, "; throws exception")
	t = strings.TrimSuffix(t, "; throws exception")
	switch {
	case t == "typeql define" || t == "typeql undefine":
		f, perr := r.parse(s)
		var errs diag.List
		if len(perr) > 0 {
			errs = perr
		} else {
			errs = errorsAt(append(append(append([]*grammar.File{}, r.committed...), r.tx...), f), validate.AtDefine)
		}
		got := len(errs) > 0
		if got {
			r.tx = nil // a failed query closes the transaction
		} else {
			r.tx = append(r.tx, f)
		}
		return verdict(s, throws, got, errs)
	case t == "transaction commits":
		errs := errorsAt(append(append([]*grammar.File{}, r.committed...), r.tx...), validate.AtCommit)
		got := len(errs) > 0
		if !got {
			r.committed = append(r.committed, r.tx...)
		}
		r.tx = nil
		return verdict(s, throws, got, errs)
	case strings.HasPrefix(t, "session opens transaction"):
		r.tx = nil
	case modelStep(s):
		return r.modelStep(s, t, throws)
	case strings.HasPrefix(t, "rules contain:"), strings.HasPrefix(t, "rules do not contain:"):
		label := strings.TrimSpace(t[strings.Index(t, ":")+1:])
		m, _ := validate.Vet(validate.Options{Target: behaviourTarget}, append(append([]*grammar.File{}, r.committed...), r.tx...)...)
		want := strings.HasPrefix(t, "rules contain:")
		if (m.Rule(label) != nil) != want {
			return fmt.Sprintf("line %d: %s: the model disagrees", s.line, s.text)
		}
	}
	return ""
}

func verdict(s step, want, got bool, errs diag.List) string {
	if os.Getenv("BEHAVIOUR_TRACE") != "" {
		var codes []string
		for _, d := range errs {
			codes = append(codes, d.Code+": "+d.Message)
		}
		fmt.Fprintf(os.Stderr, "  line %d %s want=%v got=%v %v\n", s.line, s.text, want, got, codes)
	}
	switch {
	case want == got:
		return ""
	case want:
		return fmt.Sprintf("line %d: %s: TypeDB throws, we accept", s.line, s.text)
	}
	return fmt.Sprintf("line %d: %s: TypeDB accepts, we report %v", s.line, s.text, errs)
}

type featureResult struct {
	agreed, applicable, total int
	disagreements             []string
}

func runFeature(t *testing.T, path string) featureResult {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bg, scs := parseFeature(string(src))
	var res featureResult
	for _, sc := range scs {
		res.total++
		if len(sc.steps) == 0 || contains(sc.tags, "@ignore") {
			continue
		}
		ok := true
		for _, s := range append(append([]step{}, bg...), sc.steps...) {
			if !schemaStep(s) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		res.applicable++
		if os.Getenv("BEHAVIOUR_TRACE") != "" {
			fmt.Fprintf(os.Stderr, "%s:%d %s\n", filepath.Base(path), sc.line, sc.name)
		}
		r := &runner{name: filepath.Base(path)}
		reason := ""
		for _, s := range append(append([]step{}, bg...), sc.steps...) {
			if reason = r.step(s); reason != "" {
				break
			}
		}
		if reason == "" {
			res.agreed++
		} else {
			res.disagreements = append(res.disagreements, fmt.Sprintf("%s:%d %q: %s", filepath.Base(path), sc.line, sc.name, reason))
		}
	}
	return res
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// mainFeatures are the files whose combined agreement must reach 95%, with
// at least 70% of their scenarios applicable.
var mainFeatures = []string{"query__language__define.feature", "query__language__undefine.feature", "query__language__rule-validation.feature",
	"concept__type__attributetype.feature", "concept__type__entitytype.feature", "concept__type__relationtype.feature",
	"concept__validation__migration.feature", "concept__validation__schema-validation.feature"}

func TestBehaviour(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "behaviour")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.feature"))
	if len(paths) == 0 {
		t.Skip("behaviour suite not present")
	}
	sort.Strings(paths)
	agreed, applicable, total := 0, 0, 0
	for _, p := range paths {
		res := runFeature(t, p)
		t.Logf("%s: agreed %d of %d applicable scenarios (%d scenarios, %d not applicable)",
			filepath.Base(p), res.agreed, res.applicable, res.total, res.total-res.applicable)
		for _, d := range res.disagreements {
			t.Logf("  disagreement: %s", d)
		}
		if contains(mainFeatures, filepath.Base(p)) {
			agreed += res.agreed
			applicable += res.applicable
			total += res.total
		}
	}
	if applicable == 0 {
		t.Fatal("no applicable scenarios in the main feature files")
	}
	pct := 100 * float64(agreed) / float64(applicable)
	cover := 100 * float64(applicable) / float64(total)
	t.Logf("define, undefine, rule-validation and concept__*: agreed %d of %d applicable scenarios (%.1f%%); %d of %d scenarios applicable (%.1f%%)", agreed, applicable, pct, applicable, total, cover)
	if pct < 95 {
		t.Errorf("agreement %.1f%% is below 95%%", pct)
	}
	if cover < 70 {
		t.Errorf("%.1f%% of the scenarios are applicable, below 70%%", cover)
	}
}

func TestParseFeature(t *testing.T) {
	src := `Feature: f
  Background: b
    Given typeql define
      """
      define x sub entity;
      """
  @ignore
  Scenario: one
    Then typeql define; throws exception
      """
      define y sub thing;
      """
  Scenario Outline: two <a>
    When typeql define
      """
      define <a> sub attribute, value <v>;
      """
    Then entity(<a>) get supertypes contain:
      | <a> |
      | thing |
    Examples:
      | a | v |
      | n | string |
      | m | long |
`
	bg, scs := parseFeature(src)
	if len(bg) != 1 || bg[0].doc != "define x sub entity;\n" {
		t.Errorf("background = %+v", bg)
	}
	if len(scs) != 3 {
		t.Fatalf("scenarios = %+v", scs)
	}
	if !contains(scs[0].tags, "@ignore") || scs[0].steps[0].text != "typeql define; throws exception" {
		t.Errorf("scenario one = %+v", scs[0])
	}
	if scs[2].steps[0].doc != "define m sub attribute, value long;\n" {
		t.Errorf("outline expansion = %+v", scs[2])
	}
	if tb := scs[2].steps[1].table; len(tb) != 2 || tb[0][0] != "m" || tb[1][0] != "thing" || scs[1].steps[1].table[0][0] != "n" {
		t.Errorf("tables = %v, %v", scs[1].steps[1].table, tb)
	}
}
