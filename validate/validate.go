package validate

import (
	"fmt"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// Phase is when a TypeDB server reports a problem: when the define or
// undefine query runs, or when the transaction commits.
type Phase int

const (
	AtDefine Phase = iota // the define or undefine query fails
	AtCommit              // the query runs; the commit fails
)

// String names the phase as the behaviour suite's steps do.
func (p Phase) String() string {
	if p == AtCommit {
		return "commit"
	}
	return "define"
}

// Check is one named schema check.
type Check struct {
	// Name is the stable kebab-case name, used as the diagnostic code.
	Name string
	// Doc starts with a lower-case title line, then says what the server
	// rejects and since which version.
	Doc string
	// Source names the upstream code that rejects what this check finds:
	// "owner/repo@tag:path symbol" references separated by "; ", read at
	// the releases where the behaviour changes (version.ValidSource).
	Source string
	// Phase returns when the server reports what this check finds at the
	// target version; nil means AtDefine.
	Phase func(target version.V) Phase
	// Run reports findings through the pass.
	Run func(p *Pass)
}

// PhaseAt returns when c's findings surface at target.
func (c *Check) PhaseAt(target version.V) Phase {
	if c.Phase == nil {
		return AtDefine
	}
	return c.Phase(target)
}

// Pass is what a check sees: the model after every query was applied, the
// queries themselves, and the target version.
type Pass struct {
	Model  *schema.Model
	Target version.V
	// Queries are the define and undefine queries this pass checks, in the
	// order they were applied, for checks about one query at a time.
	Queries []Query
	// Applied holds the diagnostics of applying the queries to the model.
	Applied diag.List

	check *Check
	out   *diag.List
	// whens memoises the type inference of rule bodies, which
	// rule-insertable and rule-satisfiable both need (see whenEnv).
	whens map[*schema.Rule]whenInference
}

// Query is a define or undefine query and the file it came from.
type Query struct {
	File string
	Q    *grammar.DefineQuery
}

// Report adds a finding of the running check at r.
func (p *Pass) Report(r diag.Range, format string, args ...any) *diag.Diagnostic {
	rr := r
	return p.out.Addf(diag.Error, p.check.Name, &rr, format, args...)
}

// Rng is the range of node n in file.
func Rng(file string, n grammar.Node) diag.Range {
	return diag.Range{File: file, Start: n.Pos(), End: n.End()}
}

// ApplyCheck is the name under which the diagnostics of applying queries
// to the model are listed (their codes are schema.Code…).
const ApplyCheck = "apply"

// Checks is the ordered registry.
var Checks []*Check

func register(cs ...*Check) {
	Checks = append(Checks, cs...)
}

// Lookup returns the check named name, or nil.
func Lookup(name string) *Check {
	for _, c := range Checks {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Options configure Run and Vet.
type Options struct {
	// Target is the TypeDB version to check against; the zero value means
	// DefaultTarget.
	Target version.V
	// Only, when non-nil, selects the checks to run.
	Only func(*Check) bool
}

// DefaultTarget is the newest 2.x release line.
var DefaultTarget = version.MustParse("2.29")

func (o Options) target() version.V {
	if o.Target.Major == 0 {
		return DefaultTarget
	}
	return o.Target
}

// Run runs the selected checks over a model built from queries. applied
// are the diagnostics of building it, reported under ApplyCheck.
func Run(m *schema.Model, queries []Query, applied diag.List, opt Options) diag.List {
	var out diag.List
	p := &Pass{Model: m, Target: opt.target(), Queries: queries, Applied: applied, out: &out}
	for _, c := range Checks {
		if opt.Only != nil && !opt.Only(c) {
			continue
		}
		p.check = c
		c.Run(p)
	}
	out.Sort()
	return dedupe(out)
}

// dedupe drops a diagnostic identical (code, place, message) to the one
// before it; two checks may reach the same fact through different paths.
func dedupe(l diag.List) diag.List {
	var out diag.List
	seen := map[string]bool{}
	for _, d := range l {
		k := fmt.Sprintf("%s|%s|%v|%s", d.Code, d.Where(), d.Range, d.Message)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}

// Vet builds a TypeQL 2.x model from files (applying their define and
// undefine queries in order) and runs every check on it.
func Vet(opt Options, files ...*grammar.File) (*schema.Model, diag.List) {
	m := schema.New(schema.TypeQL2)
	var applied, earlier diag.List
	var queries []Query
	// defined: a define query was applied since the last earlier state was
	// checked. Only a define adds what a later query can hide, so a run of
	// undefines needs one check before it; and each check covers the whole
	// model, so at most maxEarlierStates are made, keeping vet linear in
	// the number of queries.
	defined, states := false, 0
	for _, f := range files {
		m.Source = f.Name
		for _, q := range f.Queries {
			dq, ok := q.(*grammar.DefineQuery)
			if !ok || dq.Kind == grammar.Redefine {
				continue // TypeQL 2.x has no redefine
			}
			if defined && states < maxEarlierStates && mayHide(m, dq) {
				earlier = append(earlier, atDefine(m, queries, opt)...)
				defined, states = false, states+1
			}
			queries = append(queries, Query{File: f.Name, Q: dq})
			applied = append(applied, m.Define(dq)...)
			defined = defined || dq.Kind == grammar.Define
		}
	}
	return m, withEarlier(Run(m, queries, applied, opt), earlier)
}

// maxEarlierStates caps how many states before the final one Vet checks.
const maxEarlierStates = 16

// mayHide reports whether query q can take away from the model what made
// an earlier query fail when it was defined: an undefine, another
// supertype for an existing type, or "abstract" on a concrete one. Vet
// checks the state before such a query too, as the server ran each query
// on the state before it. Restating a supertype changes nothing.
func mayHide(m *schema.Model, q *grammar.DefineQuery) bool {
	if q.Kind == grammar.Undefine {
		return true
	}
	for _, s := range q.Stmts {
		ts, ok := s.(*grammar.TypeStmt)
		if !ok || ts.Subject == nil || ts.Subject.Var {
			continue
		}
		t := m.Type(ts.Subject.String())
		if t == nil {
			continue
		}
		for _, pr := range ts.Props {
			switch pr := pr.(type) {
			case *grammar.SubProp:
				if t.Sub != nil && pr.Type != nil && pr.Type.String() != t.Sub.Super {
					return true
				}
			case *grammar.AbstractProp:
				if !t.IsAbstract() {
					return true
				}
			}
		}
	}
	return false
}

// atDefine runs the checks the server runs when a query is defined (not
// at commit) on the model as it is now.
func atDefine(m *schema.Model, queries []Query, opt Options) diag.List {
	sel := opt
	sel.Only = func(c *Check) bool {
		return c.Name != ApplyCheck && c.PhaseAt(opt.target()) == AtDefine && (opt.Only == nil || opt.Only(c))
	}
	return Run(m, append([]Query(nil), queries...), nil, sel)
}

// withEarlier adds to final the findings of an earlier state that final
// does not have at the same place under the same code: what a later
// query hid, which the server still refused when it came.
func withEarlier(final, earlier diag.List) diag.List {
	if len(earlier) == 0 {
		return final
	}
	have := map[string]bool{}
	for _, d := range final {
		have[fmt.Sprintf("%s|%v", d.Code, d.Range)] = true
	}
	out := final
	for _, d := range earlier {
		k := fmt.Sprintf("%s|%v", d.Code, d.Range)
		if !have[k] {
			have[k] = true
			out = append(out, d)
		}
	}
	out.Sort()
	return out
}

func init() {
	register(&Check{
		Name:   ApplyCheck,
		Source: "typedb/typedb@2.0.0:query/Definer.java; typedb/typedb@2.0.0:query/Undefiner.java; typedb/typedb@2.29.1:query/Definer.java; typedb/typedb@2.29.1:query/Undefiner.java",
		Doc: `problems found while applying define and undefine queries

Applying a query in order, like a console session, finds what cannot be
recorded at all: variables in a define, thing statements, a type given two
supertypes, a changed kind or value type, and undefines of what is not
declared, only inherited, or still used. Their codes start with "define-"
or "undefine-".`,
		Run: func(p *Pass) { *p.out = append(*p.out, p.Applied...) },
	})
}
