package grammar

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// docstring is one "typeql define" or "typeql undefine" step of a
// behaviour feature file.
type docstring struct {
	file     string
	line     int // line of the opening """
	scenario string
	throws   bool // the step ends in "; throws exception" (2.x) or "; fails…" (3.x)
	// parseFails: the 3.x step ends in "; parsing fails".
	parseFails bool
	text       string
}

var (
	stepRE     = regexp.MustCompile(`^\s*(Given|When|Then|And|But) typeql (define|undefine|schema query)(; throws exception|; parsing fails|; fails.*|<[a-z-]+>)?\s*$`)
	scenarioRE = regexp.MustCompile(`^\s*Scenario( Outline)?:\s*(.*?)\s*$`)
)

// readDocstrings extracts the typeql define/undefine docstrings of a Gherkin
// file, removing the indentation of the opening quotes as Gherkin does. A
// Scenario Outline's docstrings are expanded once per row of its Examples
// tables, with each <placeholder> replaced.
func readDocstrings(t *testing.T, path string) []docstring {
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var (
		out      []docstring
		pending  []docstring // docstrings of the current scenario
		header   []string    // Examples table header, once seen
		rows     [][]string
		scenario string
		cur      *docstring
		indent   string
		inDoc    bool
		want     bool
		inTable  bool
	)
	flush := func() {
		if len(rows) == 0 {
			out = append(out, pending...)
		}
		for _, row := range rows {
			for _, d := range pending {
				for i, h := range header {
					if i < len(row) {
						d.text = strings.ReplaceAll(d.text, "<"+h+">", row[i])
					}
				}
				d.scenario += " [" + strings.Join(row, ",") + "]"
				out = append(out, d)
			}
		}
		pending, header, rows = nil, nil, nil
	}
	cells := func(l string) []string {
		parts := strings.Split(strings.TrimSpace(l), "|")
		var c []string
		for _, p := range parts[1 : len(parts)-1] {
			c = append(c, strings.TrimSpace(p))
		}
		return c
	}
	sc := bufio.NewScanner(fh)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		trimmed := strings.TrimSpace(l)
		switch {
		case inDoc:
			if trimmed == `"""` {
				pending = append(pending, *cur)
				inDoc, cur = false, nil
				continue
			}
			cur.text += strings.TrimPrefix(l, indent) + "\n"
		case want && trimmed == `"""`:
			indent = l[:strings.Index(l, `"""`)]
			inDoc, want = true, false
			cur.line = line
		case strings.HasPrefix(trimmed, "Examples:"):
			inTable, header = true, nil
		case inTable && strings.HasPrefix(trimmed, "|"):
			if header == nil {
				header = cells(l)
			} else {
				rows = append(rows, cells(l))
			}
		default:
			want = false
			if trimmed != "" && !strings.HasPrefix(trimmed, "#") {
				inTable = false
			}
			if m := scenarioRE.FindStringSubmatch(l); m != nil {
				flush()
				scenario = m[2]
			}
			if m := stepRE.FindStringSubmatch(l); m != nil {
				cur = &docstring{file: filepath.Base(path), scenario: scenario,
					throws: strings.HasPrefix(m[3], "; throws") || strings.HasPrefix(m[3], "; fails"), parseFails: m[3] == "; parsing fails"}
				want = true
			}
		}
	}
	flush()
	return out
}

// parseFailures lists the "throws exception" scenarios whose docstring is
// a syntax error in TypeQL 2.x and that tqlmig's union grammar rejects too
// (with a syntax error, or by reading it as another dialect only),
// keyed by feature file and scenario title. Every other "throws exception"
// docstring is valid syntax that the server rejects for schema reasons
// (unknown types, bad overrides, data conflicts…), so it must parse.
var parseFailures = map[string]string{
	"query__language__define.feature: defining a type without a 'sub' clause throws":                                "a type statement needs at least one property",
	"query__language__rule-validation.feature: when a rule has no 'then' clause, an error is thrown":                "a rule needs when and then",
	"query__language__rule-validation.feature: when a rule's 'when' clause is empty, an error is thrown":            "when needs at least one pattern",
	"query__language__rule-validation.feature: when a rule's 'then' clause is empty, an error is thrown":            "then needs exactly one statement",
	"query__language__rule-validation.feature: when a rule has two conclusions, an error is thrown":                 "then needs exactly one statement",
	"query__language__rule-validation.feature: when a rule has a conjunction as the conclusion, an error is thrown": "then needs exactly one statement, not a conjunction",
	"query__language__rule-validation.feature: if a rule uses a missing type within a negation, an error is thrown": "the docstring lacks the \";\" in \"not {$p isa woman};\"",
}

func TestParseBehaviour(t *testing.T) {
	files, _ := globFeatures()
	if len(files) == 0 {
		t.Skip("../shared/corpus/behaviour not present")
	}
	var parsed, parsedThrows, failedAsExpected int
	var unexpected []string
	for _, path := range files {
		for _, d := range readDocstrings(t, path) {
			f, diags := Parse(d.file, []byte(d.text))
			key := d.file + ": " + d.scenario
			if !diags.HasErrors() {
				for _, e := range checkTree(d.text, f) {
					t.Errorf("%s:%d: %s", d.file, d.line, e)
				}
				if _, ok := parseFailures[key]; ok && d.throws {
					if f.Dialect()&TypeQL2 == 0 {
						// Parses only as another dialect: refused as 2.x.
						failedAsExpected++
						continue
					}
					t.Errorf("%s:%d: %q is listed as a parse failure but parses as %v", d.file, d.line, d.scenario, f.Dialect())
				}
				if !d.throws && f.Dialect()&TypeQL2 == 0 {
					t.Errorf("%s:%d: valid 2.x docstring detected as %v (features %v)", d.file, d.line, f.Dialect(), f.Features)
				}
				parsed++
				if d.throws {
					parsedThrows++
				}
				continue
			}
			if d.throws {
				if _, ok := parseFailures[key]; ok {
					failedAsExpected++
					continue
				}
			}
			unexpected = append(unexpected, d.file+":"+strconv.Itoa(d.line)+": "+d.scenario+": "+diags.Error())
		}
	}
	sort.Strings(unexpected)
	for _, u := range unexpected {
		t.Errorf("unexpected parse failure: %s", u)
	}
	if failedAsExpected != len(parseFailures) {
		t.Errorf("%d listed parse failures were seen, want %d", failedAsExpected, len(parseFailures))
	}
	t.Logf("behaviour docstrings: %d parsed (%d of them in \"throws exception\" steps), %d rejected as expected", parsed, parsedThrows, failedAsExpected)
}

func globFeatures() ([]string, error) {
	return filepath.Glob(filepath.Join(sharedDir, "corpus", "behaviour", "*.feature"))
}
