package validate

import (
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// Check3 is one named check of a TypeQL 3.x schema, over a schema.Model3.
// It has the shape of Check, with the TypeDB 3.x code that raises the same
// error as its Source.
type Check3 struct {
	// Name is the stable kebab-case name, used as the diagnostic code.
	Name string
	// Doc starts with a lower-case title line, then says what TypeDB 3.x
	// rejects.
	Doc string
	// Source is where TypeDB raises the error: repo@tag:path and symbol.
	Source string
	// AtCommit is true when TypeDB 3.x reports the finding when the
	// transaction commits rather than when the query runs.
	AtCommit bool
	// Run reports findings through the pass.
	Run func(p *Pass3)
}

// Pass3 is what a 3.x check sees: the model after every query was applied
// and the diagnostics of applying them.
type Pass3 struct {
	Model   *schema.Model3
	Applied diag.List

	check *Check3
	out   *diag.List
}

// inCycle reports whether t's supertype chain returns to t (found once
// per model, by the model's hierarchy index).
func (p *Pass3) inCycle(t *schema.Type3) bool { return t.InCycle() }

// Report adds a finding of the running check at r.
func (p *Pass3) Report(r diag.Range, format string, args ...any) *diag.Diagnostic {
	rr := r
	return p.out.Addf(diag.Error, p.check.Name, &rr, format, args...)
}

// Checks3 is the ordered registry of 3.x checks.
var Checks3 []*Check3

func register3(cs ...*Check3) { Checks3 = append(Checks3, cs...) }

// Lookup3 returns the 3.x check named name, or nil. The codes Apply3
// reports belong to the check Apply3Check.
func Lookup3(name string) *Check3 {
	if _, ok := schema.Apply3Docs[name]; ok {
		name = Apply3Check
	}
	for _, c := range Checks3 {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Apply3Check lists the diagnostics of applying queries to a 3.x model
// (codes schema.Code3…).
const Apply3Check = "apply3"

// Run3 runs the 3.x checks that only selects (all when nil) over m.
func Run3(m *schema.Model3, applied diag.List, only func(*Check3) bool) diag.List {
	var out diag.List
	p := &Pass3{Model: m, Applied: applied, out: &out}
	for _, c := range Checks3 {
		if only != nil && !only(c) {
			continue
		}
		p.check = c
		c.Run(p)
	}
	out.Sort()
	return dedupe(out)
}

// Vet3 builds a TypeQL 3.x model from files (applying their queries in
// order) and runs every 3.x check on it.
func Vet3(files ...*grammar.File) (*schema.Model3, diag.List) {
	m, applied := schema.BuildModel3(files...)
	return m, Run3(m, applied, nil)
}

func init() {
	register3(&Check3{
		Name: Apply3Check,
		Doc: `problems found while applying TypeQL 3.x queries

Applying define and undefine queries in order finds what cannot be
recorded at all: a label that names no type, a kind changed, a define that
contradicts a fact already defined (only redefine may change it), relates
on a type that is not a relation, an undefine of what does not exist.
Their codes start with "define3-", "undefine3-" or "apply3-".`,
		Source: "typedb/typedb@3.10.4:query/define.rs (DefineError), query/undefine.rs (UndefineError)",
		Run:    func(p *Pass3) { *p.out = append(*p.out, p.Applied...) },
	})
}
