package rewrite

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

// Section E: implicit types, labels and variables (reference rules 24–27;
// rule 26 is done with rule 6 by quoted-label).

var implicitTypes = &Rule{
	Name: "implicit-types",
	Refs: "24",
	Doc: `implicit @has-/@key- types and via are reported and removed

	@has-name has confidence;                      →   (removed; reported as lost)
	$x has name $n via $r;                         →   $x has name $n;   (when $r is used nowhere else)
	$r (@has-name-owner: $x) isa @has-name; …      →   (the rule is removed; reported as lost)

Grakn ≤1.7 modelled each ownership "T has A" as a relation @has-A (roles
@has-A-owner, @has-A-value) that could own attributes and play roles. 2.x
has none, and the importer cannot carry their data over. The remedy, which
the report spells out, is to reify the ownership as a relation of its own
(see example 06: name-assertion relates named and assigned-name, owns
confidence).`,
	Apply: func(p *Pass) {
		m := p.Model()
		for _, s := range append([]grammar.Stmt(nil), p.Schema.Stmts...) {
			ts, ok := s.(*grammar.TypeStmt)
			if !ok || ts.Subject == nil || ts.Subject.Var {
				continue
			}
			if isImplicitLabel(ts.Subject.Name) && !isRuleTypeStmt(ts) {
				p.DeleteStmt(ts)
				d := p.Report(ts.Subject, diag.Lost, "statement about implicit type %s removed: 2.x has no implicit ownership relations%s", ts.Subject.Name, p.dataNote(p.implicitItems(ts.Subject.Name), "items of it, which will not import"))
				d.Detail = reifyDetail(ts.Subject.Name, m)
				if p.implicitItems(ts.Subject.Name) > 0 {
					d.Detail += " The items: " + examples(p.data(), ts.Subject.Name) + "."
				}
				continue
			}
			for _, pr := range append([]grammar.Prop(nil), ts.Props...) {
				var ref *grammar.TypeRef
				propRefs(pr, ts, func(r *grammar.TypeRef, _ refKind, _ *grammar.TypeStmt) {
					if ref == nil && isImplicitLabel(r.Name) {
						ref = r
					}
				})
				if ref == nil {
					continue
				}
				if _, body := pr.(*grammar.WhenProp); body {
					continue // rule bodies below
				}
				if _, body := pr.(*grammar.ThenProp); body {
					continue
				}
				p.DeleteProp(ts, pr)
				p.Report(pr, diag.Lost, "%s: property naming implicit type %s removed%s", ts.Subject.Name, ref.Name, p.dataNote(p.implicitItems(ref.Name), "items of it, which will not import")).
					Detail = reifyDetail(ref.Name, m)
			}
		}
		// Rules: a lone "via $r" can go; any other use of an implicit
		// type makes the rule inexpressible.
		for _, s := range append([]grammar.Stmt(nil), p.Schema.Stmts...) {
			label, blocks := ruleBlocks(s)
			if blocks == nil {
				continue
			}
			var implicit *grammar.TypeRef
			uses := map[string]int{}
			var vias []*grammar.HasValueProp
			for _, b := range blocks {
				blockRefs(b, func(r *grammar.TypeRef, _ refKind, _ *grammar.TypeStmt) {
					if implicit == nil && isImplicitLabel(r.Name) {
						implicit = r
					}
				})
				eachVar(b, func(v *grammar.Var) { uses[v.Name]++ })
				walkStatements(b, func(st *grammar.PatternStmt) {
					for _, pr := range st.Props {
						if h, ok := pr.(*grammar.HasValueProp); ok && h.Via != nil {
							vias = append(vias, h)
						}
					}
				})
			}
			drop := implicit != nil
			for _, h := range vias {
				if uses[h.Via.Name] > 1 {
					drop = true
				}
			}
			if drop {
				p.DeleteStmt(s)
				at := grammar.Node(implicit)
				name := ""
				if implicit != nil {
					name = implicit.Name
				} else {
					at, name = vias[0].Via, "via "+vias[0].Via.String()
				}
				p.Report(at, diag.Lost, "rule %s removed: it uses %s, which 2.x cannot express", label, name).
					Detail = "The rule matches the implicit ownership relation of Grakn ≤1.7. Reify that ownership as a relation of its own (see the report on the schema's implicit types) and rewrite the rule against it, or drop the rule."
				continue
			}
			for _, h := range vias {
				via := h.Via
				h.Via = nil
				p.Report(via, diag.Lost, "via %s removed from rule %s", via, label).
					Detail = "via bound the implicit ownership relation of Grakn ≤1.7, which 2.x does not have. The variable was used nowhere else, so the rule still matches the same ownerships."
			}
		}
	},
}

// ruleBlocks returns a rule statement's label and its when and then blocks,
// in 1.x or 2.x form; nil blocks for any other statement.
func ruleBlocks(s grammar.Stmt) (string, []*grammar.Block) {
	switch s := s.(type) {
	case *grammar.TypeStmt:
		var out []*grammar.Block
		for _, pr := range s.Props {
			switch pr := pr.(type) {
			case *grammar.WhenProp:
				out = append(out, pr.Body)
			case *grammar.ThenProp:
				out = append(out, pr.Body)
			}
		}
		if out == nil {
			return "", nil
		}
		return s.Subject.Name, out
	case *grammar.RuleStmt:
		var out []*grammar.Block
		for _, b := range []*grammar.Block{s.When, s.Then} {
			if b != nil {
				out = append(out, b)
			}
		}
		return s.Label.Name, out
	}
	return "", nil
}

func isRuleTypeStmt(s *grammar.TypeStmt) bool {
	_, b := ruleBlocks(s)
	return b != nil
}

func isImplicitLabel(l string) bool {
	return strings.HasPrefix(l, "@has-") || strings.HasPrefix(l, "@key-") || strings.HasPrefix(l, "@")
}

// reifyDetail explains how to reify the implicit ownership named label.
func reifyDetail(label string, m *schema.Model) string {
	attr := strings.TrimPrefix(strings.TrimPrefix(label, "@has-"), "@key-")
	for _, suf := range []string{"-owner", "-value"} {
		if m != nil && m.Type(attr) == nil {
			attr = strings.TrimSuffix(attr, suf)
		}
	}
	var owners []string
	if m != nil {
		if a := m.Type(attr); a != nil {
			for _, o := range m.Owners(a) {
				owners = append(owners, o.Label)
			}
		}
	}
	who := "its owner types"
	if len(owners) > 0 {
		who = strings.Join(owners, ", ")
	}
	return fmt.Sprintf("Grakn ≤1.7 made each ownership of %[1]s a relation %[2]s, which could own attributes and play roles; TypeDB 2.x has no such relation and its data cannot be imported. To keep the information, reify the ownership: define %[1]s-assertion sub relation, relates owner, relates value (plus the attributes and roles %[2]s had); add plays %[1]s-assertion:owner to %[3]s and plays %[1]s-assertion:value to %[1]s; then recreate the assertions from the old data by hand.", attr, label, who)
}

// eachVar calls f for every variable in b: statement subjects, role
// players, has values, via, is, predicate operands and variable type
// references (as a Var with the reference's name).
func eachVar(b *grammar.Block, f func(v *grammar.Var)) {
	if b == nil {
		return
	}
	grammar.Inspect(b, func(n grammar.Node) bool {
		switch n := n.(type) {
		case *grammar.Var:
			f(n)
		case *grammar.TypeRef:
			if n.Var {
				f(&grammar.Var{NamePos: n.NamePos, Name: n.Name})
			}
		}
		return true
	})
}

var reservedLabels = &Rule{
	Name: "reserved-labels",
	Refs: "25",
	Doc: `labels reserved in the target get a trailing _

	owns sub attribute;    →   owns_ sub attribute;     (remap owns=owns_)
	iid sub attribute;     →   iid_ sub attribute;
	fetch sub attribute;   →   fetch_ sub attribute;    (only for --to 2.25 and later)

Types, roles and rules whose label is a keyword of the target TypeQL are
renamed: owns, iid, is and datetime always, fetch from 2.25, get, sort,
limit, offset and group for 2.0 (rule is a label in every 2.x grammar).
The new label is the old
one followed by "_" (more "_" if taken), and the rename goes to the
import remap.`,
	Apply: func(p *Pass) {
		declared := map[string]grammar.Node{}
		var order []string
		taken := map[string]bool{}
		p.eachRef(func(r *grammar.TypeRef, k refKind) {
			taken[p.Renamed(r.Name)] = true
			if r.Scope != "" {
				taken[p.Renamed(r.Scope)] = true
			}
			switch k {
			case refSubject, refRelates, refRule:
			default:
				return
			}
			if _, ok := declared[r.Name]; !ok && r.Scope == "" && !rootLabel[r.Name] {
				declared[r.Name] = r
				order = append(order, r.Name)
			}
		})
		for _, old := range order {
			cur := p.Renamed(old)
			if !schema.IsReserved(cur, p.Opts.Target) {
				continue
			}
			n := uniqueLabel(cur+"_", taken, "_")
			taken[n] = true
			p.Rename(declared[old], old, n, fmt.Sprintf("%s is a keyword in TypeQL %s", cur, p.Opts.Target))
		}
	},
}

// rootLabel lists the 1.x root type labels, which a define names but never
// declares.
var rootLabel = map[string]bool{"thing": true, "entity": true, "relation": true, "relationship": true, "attribute": true, "role": true, "rule": true}

var variableNames = &Rule{
	Name: "variable-names",
	Refs: "27",
	Doc: `1.x-only variable names are renamed in rule bodies

	$_x isa person;   →   $v_x isa person;
	$-x isa person;   →   $v-x isa person;
	$ isa person;     →   $v isa person;

2.x variables start with a letter or digit. "$_" stays the anonymous
variable. The new name is unique in its rule; every use in the rule
(when and then) changes together.`,
	Apply: func(p *Pass) {
		for _, s := range p.Schema.Stmts {
			label, blocks := ruleBlocks(s)
			if blocks == nil {
				continue
			}
			names := map[string]bool{}
			for _, b := range blocks {
				eachVar(b, func(v *grammar.Var) { names[v.Name] = true })
			}
			rename := map[string]string{}
			for _, n := range sortedKeys(names) {
				if validVarName(n) {
					continue
				}
				nn := "v" + n
				for i := 2; names[nn]; i++ {
					nn = "v" + n + strconv.Itoa(i)
				}
				names[nn] = true
				rename[n] = nn
			}
			if len(rename) == 0 {
				continue
			}
			reported := map[string]bool{}
			for _, b := range blocks {
				grammar.Inspect(b, func(nd grammar.Node) bool {
					var name *string
					var at grammar.Node
					switch v := nd.(type) {
					case *grammar.Var:
						if !v.Value {
							name, at = &v.Name, v
						}
					case *grammar.TypeRef:
						if v.Var {
							name, at = &v.Name, v
						}
					}
					if name == nil {
						return true
					}
					if nn, ok := rename[*name]; ok {
						old := *name
						*name = nn
						if !reported[old] {
							reported[old] = true
							p.Report(at, diag.Translated, "variable $%s in rule %s renamed $%s", old, label, nn)
						} else {
							p.MarkChanged()
						}
					}
					return true
				})
			}
		}
	},
}

// validVarName reports whether $name is a 2.x variable ("_" is the
// anonymous one).
func validVarName(name string) bool {
	if name == "_" {
		return true
	}
	if name == "" {
		return false
	}
	c := name[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
