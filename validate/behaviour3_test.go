package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
	"github.com/tqlmig/tqlmig/validate"
)

// The 3.x behaviour runner executes the scenarios of TypeDB's 3.x behaviour
// suite (../shared/corpus/behaviour-3x, pinned to the commit typeql 3.10.4
// tests against) against schema.Model3 and the 3.x checks. A scenario
// agrees when every "typeql schema query" and "transaction commits" step
// fails exactly when the suite says. Read queries change nothing, so their
// answer steps, and whether a read query fails (query typing, not
// schema), are not compared; a scenario is not applicable when it writes
// data (data decides what a schema change may do), exports and imports
// files, or expects a read query to fail (its verdict is the read query's,
// which is not compared, so agreeing would be unearned). Scenarios that
// check read answers agree on their schema steps only; the log counts them.
// A query the parser cannot read is a disagreement, not a skip.

// notApplicable3 returns why a step makes its scenario not applicable, or "".
func notApplicable3(s step) string {
	t := s.text
	switch {
	case strings.HasPrefix(t, "typeql write query"), strings.HasPrefix(t, "connection open write transaction"):
		return "writes data"
	case strings.HasPrefix(t, "file("), strings.HasPrefix(t, "connection import"),
		strings.HasPrefix(t, "connection get database"):
		return "exports or imports files"
	case strings.HasPrefix(t, "typeql read query; fails"):
		return "expects a read query to fail"
	}
	return ""
}

// runner3 replays a scenario: the committed model and the open
// transaction's model (nil when no transaction is open).
type runner3 struct {
	name       string
	committed  *schema.Model3
	tx         *schema.Model3
	parseFails []string
	// unsupported are queries that parse but the model does not apply.
	unsupported []string
}

// findings3 returns the errors of m's checks, left out commit-time ones
// unless commit, keyed by code and message.
func findings3(m *schema.Model3, commit bool) map[string]*diag.Diagnostic {
	out := map[string]*diag.Diagnostic{}
	for _, d := range validate.Run3(m, nil, func(c *validate.Check3) bool { return commit || !c.AtCommit }) {
		out[d.Code+"|"+d.Message] = d
	}
	return out
}

func (r *runner3) step(s step) string {
	t := s.text
	switch {
	case strings.HasPrefix(t, "typeql schema query"):
		rest := strings.TrimPrefix(t, "typeql schema query")
		parseFail := strings.HasPrefix(rest, "; parsing fails")
		wantFail := parseFail || strings.HasPrefix(rest, "; fails")
		if r.tx == nil {
			r.tx = r.committed.Clone()
		}
		f, perr := grammar.Parse(fmt.Sprintf("%s:%d", r.name, s.line), []byte(s.doc))
		syntax := perr.Errors()
		if len(syntax) == 0 && f.Dialect()&grammar.TypeQL3 == 0 {
			// Parses only as another dialect (the grammar is a union of
			// them): vet --to 3 refuses it as not TypeQL 3.x.
			syntax = append(syntax, &diag.Diagnostic{Severity: diag.Error, Code: "syntax",
				Message: "not TypeQL 3.x: reads as " + f.Dialect().String()})
		}
		next := r.tx.Clone()
		var errs diag.List
		if len(syntax) == 0 {
			before := findings3(r.tx, false)
			for _, q := range f.Queries {
				for _, d := range next.ApplyQuery(f.Name, q) {
					if d.Code == "syntax" { // a redefine is parsed as it is applied
						syntax = append(syntax, d)
					}
					errs = append(errs, d)
				}
			}
			for k, d := range findings3(next, false) {
				if before[k] == nil {
					errs = append(errs, d)
				}
			}
		}
		if len(syntax) > 0 {
			if !wantFail {
				r.parseFails = append(r.parseFails, fmt.Sprintf("%s:%d: %s", r.name, s.line, syntax[0].Error()))
			}
			return verdict(s, wantFail, true, syntax)
		}
		if parseFail {
			return verdict(s, true, false, nil)
		}
		for _, d := range errs {
			if d.Code == schema.Code3Unsupported {
				// Not modelled: never an agreement, whatever the suite expects.
				r.unsupported = append(r.unsupported, fmt.Sprintf("%s:%d: %s", r.name, s.line, d.Message))
				return fmt.Sprintf("line %d: %s: not modelled: %s", s.line, s.text, d.Message)
			}
		}
		if len(errs) == 0 {
			r.tx = next
		}
		return verdict(s, wantFail, len(errs) > 0, errs)
	case strings.HasPrefix(t, "transaction commits"):
		wantFail := strings.Contains(t, "; fails")
		if r.tx == nil {
			r.tx = r.committed.Clone()
		}
		var errs diag.List
		for _, d := range findings3(r.tx, true) {
			errs = append(errs, d)
		}
		if len(errs) == 0 {
			r.committed = r.tx
		}
		r.tx = nil
		return verdict(s, wantFail, len(errs) > 0, errs)
	case strings.HasPrefix(t, "connection open"), strings.HasPrefix(t, "transaction closes"),
		strings.HasPrefix(t, "connection reset database"):
		r.tx = nil
		if strings.HasPrefix(t, "connection reset database") {
			r.committed = schema.NewModel3()
		}
	}
	return ""
}

type featureResult3 struct {
	agreed, applicable, total int
	// answersUnchecked counts the agreed scenarios that also check read
	// answers, which the runner does not compare.
	answersUnchecked int
	// byParser counts the disagreements on a query the parser refuses
	// though TypeDB's grammar accepts it, or accepts though TypeDB's
	// grammar refuses it ("parsing fails").
	byParser                  int
	why                       map[string]int
	disagreements, parseFails []string
}

func runFeature3(t *testing.T, path string) featureResult3 {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bg, scs := parseFeature(string(src))
	res := featureResult3{why: map[string]int{}}
	for _, sc := range scs {
		res.total++
		steps := append(append([]step{}, bg...), sc.steps...)
		why := ""
		for _, s := range steps {
			if why = notApplicable3(s); why != "" {
				break
			}
		}
		if contains(sc.tags, "@ignore") {
			why = "tagged @ignore in the suite"
		}
		if why != "" {
			res.why[why]++
			continue
		}
		res.applicable++
		if os.Getenv("BEHAVIOUR_TRACE") != "" {
			fmt.Fprintf(os.Stderr, "%s:%d %s\n", filepath.Base(path), sc.line, sc.name)
		}
		r := &runner3{name: filepath.Base(path), committed: schema.NewModel3()}
		reason := ""
		for _, s := range steps {
			if reason = r.step(s); reason != "" {
				break
			}
		}
		res.parseFails = append(res.parseFails, r.parseFails...)
		if reason == "" {
			res.agreed++
			if checksAnswers(sc.steps) {
				res.answersUnchecked++
			}
		} else {
			if strings.Contains(reason, "error[syntax]") || strings.Contains(reason, "parsing fails: TypeDB throws, we accept") {
				res.byParser++
			}
			res.disagreements = append(res.disagreements, fmt.Sprintf("%s:%d %q: %s", filepath.Base(path), sc.line, sc.name, reason))
		}
	}
	return res
}

// checksAnswers reports whether steps check the answers of a read query.
func checksAnswers(steps []step) bool {
	for _, s := range steps {
		if strings.HasPrefix(s.text, "answer") || strings.HasPrefix(s.text, "uniquely identify answer") {
			return true
		}
	}
	return false
}

// behaviour3MaxSemantic bounds the disagreements that are not the
// parser's: type inference in function bodies is not modelled (2), nor
// are the callers of a function that is undefined or redefined (2).
const behaviour3MaxSemantic = 4

// behaviour3Min is the agreement the 3.x checks keep on the applicable
// scenarios; it only rises.
const behaviour3Min = 99.4

func TestBehaviour3(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "behaviour-3x")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.feature"))
	if len(paths) == 0 {
		t.Skip("3.x behaviour suite not present")
	}
	sort.Strings(paths)
	agreed, applicable, total, byParser, answersUnchecked := 0, 0, 0, 0, 0
	var parseFails []string
	for _, p := range paths {
		res := runFeature3(t, p)
		var whys []string
		for w, n := range res.why {
			whys = append(whys, fmt.Sprintf("%d %s", n, w))
		}
		sort.Strings(whys)
		if len(whys) == 0 {
			whys = []string{"none"}
		}
		t.Logf("%s: agreed %d of %d applicable scenarios (%d scenarios; not applicable: %s)",
			filepath.Base(p), res.agreed, res.applicable, res.total, strings.Join(whys, ", "))
		for _, d := range res.disagreements {
			t.Logf("  disagreement: %s", d)
		}
		agreed += res.agreed
		applicable += res.applicable
		total += res.total
		byParser += res.byParser
		answersUnchecked += res.answersUnchecked
		parseFails = append(parseFails, res.parseFails...)
	}
	for _, p := range parseFails {
		t.Logf("parse failure: %s", p)
	}
	pct := 100 * float64(agreed) / float64(applicable)
	t.Logf("behaviour-3x: agreed %d of %d applicable scenarios (%.1f%%), %d of %d not applicable, %d queries the parser cannot read",
		agreed, applicable, pct, total-applicable, total, len(parseFails))
	t.Logf("%d of the agreed scenarios also check read answers, which are not compared", answersUnchecked)
	semantic := applicable - agreed - byParser
	t.Logf("disagreements: %d on queries the parser reads differently from TypeDB's grammar, %d by the model and checks (%.1f%% agreement on the rest)",
		byParser, semantic, 100*float64(agreed)/float64(agreed+semantic))
	if pct < behaviour3Min {
		t.Errorf("agreement %.1f%% is below %.1f%%", pct, behaviour3Min)
	}
	if semantic > behaviour3MaxSemantic {
		t.Errorf("%d disagreements by the model and checks, more than %d", semantic, behaviour3MaxSemantic)
	}
}
