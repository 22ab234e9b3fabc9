package rewrite3

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

var rulesToFunctions = &Rule{
	Name: "rules-to-functions",
	Doc: `each rule becomes a function returning what it concluded

	rule siblings: when { (parent: $p, child: $x) isa parentship;
	                      (parent: $p, child: $y) isa parentship; not { $x is $y; }; }
	               then { (sibling: $x, sibling: $y) isa siblingship; };
	→   fun siblings() -> { person, person }:
	        match
	            parentship (parent: $p, child: $x);
	            parentship (parent: $p, child: $y);
	            not { $x is $y; };
	        return { $x, $y };

3.x has no rules: nothing is inferred automatically any more. A function
computes the same facts when a query calls it (match let $x, $y in
siblings();). It returns the role players of a concluded relation, or the
owner and the attribute (or value) of a concluded ownership, each typed
with the one type (and its subtypes) the when admits that can take the
conclusion. Relation patterns are written in 3.x form (rel (r: $x), or
$r isa rel, links (r: $x)), "=" as "==". A rule whose types are ambiguous,
whose body uses value variables or arithmetic, or whose match needs a role
or an ownership only attributes had (3.x attributes play no roles and own
nothing), is reported as lost and kept as a comment.`,
	Apply: func(p *Pass) {
		concl := p.conclusions()
		for _, s := range append([]grammar.Stmt(nil), p.Schema.Stmts...) {
			r, ok := s.(*grammar.RuleStmt)
			if !ok || r.When == nil || r.Then == nil {
				continue
			}
			fn, why := p.ruleFunction(r)
			if why != "" {
				p.keepAsComment(r)
				p.Report(r.Label, diag.Lost, "rule %s cannot become a function: %s; kept as a comment", r.Label.Name, why).
					Detail = "TypeDB 3.x has no rules. Write a function by hand that returns what the rule concluded, and call it from the queries that relied on the inferred facts."
				continue
			}
			p.ReplaceStmt(r, fn)
			d := p.Report(r.Label, diag.Approximated, "rule %s became function %s(): nothing is inferred automatically any more", r.Label.Name, fn.Name)
			d.Detail = fmt.Sprintf("TypeDB 3.x has no rules. Queries that read facts rule %s inferred must call %s() (match let … in %s();) to get them.", r.Label.Name, fn.Name, fn.Name)
			if used := p.derivedIn(r, concl); len(used) > 0 {
				d.Detail += fmt.Sprintf(" Its match reads stored %s only; what rules inferred about them is no longer stored, so call the functions of those rules inside it for the old result.", strings.Join(used, ", "))
			}
		}
	},
}

// conclusions maps each type some rule concludes (a relation or an
// attribute type) to the rules concluding it.
func (p *Pass) conclusions() map[string][]string {
	out := map[string][]string{}
	for _, s := range p.Schema.Stmts {
		r, ok := s.(*grammar.RuleStmt)
		if !ok || r.Then == nil {
			continue
		}
		for _, pt := range r.Then.Patterns {
			st, ok := pt.(*grammar.PatternStmt)
			if !ok {
				continue
			}
			for _, pr := range st.Props {
				switch pr := pr.(type) {
				case *grammar.IsaProp:
					if !pr.Type.Var {
						out[pr.Type.Name] = append(out[pr.Type.Name], r.Label.Name)
					}
				case *grammar.HasValueProp:
					if pr.Attr != nil && !pr.Attr.Var {
						out[pr.Attr.Name] = append(out[pr.Attr.Name], r.Label.Name)
					}
				}
			}
		}
	}
	return out
}

// derivedIn lists the types r's when reads that rules conclude.
func (p *Pass) derivedIn(r *grammar.RuleStmt, concl map[string][]string) []string {
	seen := map[string]bool{}
	schema.WalkBlock(r.When, func(pt grammar.Pattern, _ []grammar.Pattern) {
		st, ok := pt.(*grammar.PatternStmt)
		if !ok {
			return
		}
		for _, pr := range st.Props {
			var ref *grammar.TypeRef
			switch pr := pr.(type) {
			case *grammar.IsaProp:
				ref = pr.Type
			case *grammar.HasValueProp:
				ref = pr.Attr
			}
			if ref != nil && !ref.Var && len(concl[ref.Name]) > 0 {
				seen[ref.Name] = true
			}
		}
		if st.Type != nil && len(concl[st.Type.Name]) > 0 {
			seen[st.Type.Name] = true
		}
	})
	var out []string
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// keepAsComment removes rule r, leaving its 2.x text as a comment before
// the next statement.
func (p *Pass) keepAsComment(r *grammar.RuleStmt) {
	var b bytes.Buffer
	text := ""
	if err := format.Node(&b, r, format.WithLang(2), format.WithStyle(format.Server)); err == nil {
		text = b.String()
	} else {
		text = "rule " + r.Label.Name + ": (not printable)"
	}
	g := &grammar.CommentGroup{}
	add := func(s string) {
		g.List = append(g.List, &grammar.Comment{Hash: r.Pos(), Text: strings.TrimRight("# "+s, " ")})
	}
	add("TypeQL 2.x rule, not converted (3.x has no rules):")
	for _, l := range strings.Split(text, "\n") {
		add(l)
	}
	t := r.Comments()
	t.Doc = joinGroups(t.Doc, g)
	p.DeleteStmt(r)
}

// ret is one returned variable with its 3.x type.
type ret struct {
	v, typ string
}

// ruleFunction builds the function for rule r, or says why it cannot.
func (p *Pass) ruleFunction(r *grammar.RuleStmt) (*grammar.FunStmt, string) {
	if len(r.Then.Patterns) != 1 {
		return nil, fmt.Sprintf("its then has %d patterns", len(r.Then.Patterns))
	}
	st, ok := r.Then.Patterns[0].(*grammar.PatternStmt)
	if !ok {
		return nil, "its then is not a single statement"
	}
	for _, b := range []*grammar.Block{r.When, r.Then} {
		if why := unsupported3(b); why != "" {
			return nil, why
		}
	}
	assign, values, why := valueVars(r)
	if why != "" {
		return nil, why
	}
	if why := attributeOnly(p.Model(), r.When); why != "" {
		return nil, why
	}
	rets, let, why := p.returns(r.When, st, values)
	if why != "" {
		return nil, why
	}
	if why := patterns3(r.When, assign); why != "" {
		return nil, why
	}
	name := r.Label.Name
	for IsReserved(name) {
		name += "_"
	}
	var types, vars []string
	for _, x := range rets {
		types = append(types, x.typ)
		vars = append(vars, "$"+x.v)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "fun %s() -> { %s }:\n    match\n", name, strings.Join(types, ", "))
	for _, pt := range r.When.Patterns {
		var pb bytes.Buffer
		if st, ok := pt.(*grammar.PatternStmt); ok && assign[st] {
			// "?v = $a + 1;" → "let $v = $a + 1;"
			pb.WriteString("let " + st.Var.String() + " = ")
			if err := format.Node(&pb, st.Value.Operand, format.WithLang(3)); err != nil {
				return nil, fmt.Sprintf("an expression has no 3.x form (%v)", err)
			}
			pb.WriteString(";")
		} else if err := format.Node(&pb, pt, format.WithLang(3)); err != nil {
			return nil, fmt.Sprintf("a pattern has no 3.x form (%v)", err)
		}
		for _, line := range strings.Split(strings.TrimRight(pb.String(), "\n"), "\n") {
			b.WriteString("        " + line + "\n")
		}
	}
	for _, g := range r.When.Last {
		for _, c := range g.List {
			b.WriteString("        " + c.Text + "\n")
		}
	}
	if let != "" {
		b.WriteString("        " + let + "\n")
	}
	fmt.Fprintf(&b, "    return { %s };", strings.Join(vars, ", "))
	return &grammar.FunStmt{Name: name, Text: b.String(), Start: r.Pos(), Stop: r.End()}, ""
}

// returns works out what the function returns for conclusion st: the
// variables and their types, and a "let" statement giving a concluded
// literal a variable.
func (p *Pass) returns(when *grammar.Block, st *grammar.PatternStmt, values map[string]bool) ([]ret, string, string) {
	m := p.Model()
	if st.Tuple != nil {
		rel := ""
		for _, pr := range st.Props {
			if isa, ok := pr.(*grammar.IsaProp); ok && !isa.Type.Var {
				rel = isa.Type.Name
			}
		}
		rt := m.Type(rel)
		if rt == nil {
			return nil, "", "its concluded relation type is not a label of the schema"
		}
		var out []ret
		seen := map[string]bool{}
		for _, pl := range st.Tuple.Players {
			if pl.Role == nil || pl.Role.Var {
				return nil, "", "a role of its conclusion is not named"
			}
			role := rt.RoleByName(pl.Role.Name)
			if role == nil {
				return nil, "", fmt.Sprintf("%s has no role %s", rel, pl.Role.Name)
			}
			if seen[pl.Player.Name] {
				continue
			}
			seen[pl.Player.Name] = true
			typ, why := outputType(m, when, pl.Player.Name, playersOfSome(m, role), func(t *schema.Type) bool { return playsSome(t, role) })
			if why != "" {
				return nil, "", why
			}
			out = append(out, ret{pl.Player.Name, typ})
		}
		return out, "", ""
	}
	if st.Var == nil || len(st.Props) != 1 {
		return nil, "", "its then is neither a relation nor one ownership"
	}
	h, ok := st.Props[0].(*grammar.HasValueProp)
	if !ok {
		return nil, "", "its then is neither a relation nor one ownership"
	}
	var attr *schema.Type
	if h.Attr != nil && !h.Attr.Var {
		if attr = m.Type(h.Attr.Name); attr == nil {
			return nil, "", fmt.Sprintf("%s is not a label of the schema", h.Attr.Name)
		}
	}
	owner := st.Var.Name
	switch {
	case h.Var != nil && !h.Var.Value:
		var typ, why string
		switch {
		case attr != nil && values[h.Var.Name]:
			// "$x has A ?v": the function returns the value.
			if typ = valueType3(attr); typ == "" {
				return nil, "", fmt.Sprintf("the value type of %s is unknown", attr.Label)
			}
		case attr != nil:
			typ = attr.Label
		default:
			typ, why = outputType(m, when, h.Var.Name, m.TypesOf(concept.Attribute), func(t *schema.Type) bool { return t.Kind() == concept.Attribute })
			if why != "" {
				return nil, "", why
			}
			attr = m.Type(typ)
		}
		ot, why := outputType(m, when, owner, ownersOfSome(m, attr), func(t *schema.Type) bool { return t.OwnsSubtypeOf(attr) })
		if why != "" {
			return nil, "", why
		}
		return []ret{{owner, ot}, {h.Var.Name, typ}}, "", ""
	case attr != nil && h.Pred != nil && h.Pred.Op == "":
		lit, ok := h.Pred.Operand.(*grammar.Literal)
		if !ok {
			return nil, "", "its concluded value is not a literal"
		}
		vt := valueType3(attr)
		if vt == "" {
			return nil, "", fmt.Sprintf("the value type of %s is unknown", attr.Label)
		}
		ot, why := outputType(m, when, owner, ownersOfSome(m, attr), func(t *schema.Type) bool { return t.OwnsSubtypeOf(attr) })
		if why != "" {
			return nil, "", why
		}
		v := freshVar(when, "value")
		return []ret{{owner, ot}, {v, vt}}, fmt.Sprintf("let $%s = %s;", v, lit.Raw), ""
	}
	return nil, "", "its concluded ownership has no 3.x function form"
}

// valueType3 is the 3.x spelling of attr's value type, or "".
func valueType3(attr *schema.Type) string {
	vt, _ := attr.ValueType()
	if vt == "long" {
		return "integer"
	}
	return vt
}

// valueVars turns the 2.18+ value variables of rule r into 3.x ones in
// place: "?v" becomes "$v" (another name when $v is taken), and a
// top-level "?v = expr;" is an assignment, printed "let $v = expr;". It
// returns the assignments and the new names of the value variables, or
// says why the rule's use of them has no 3.x form.
func valueVars(r *grammar.RuleStmt) (map[*grammar.PatternStmt]bool, map[string]bool, string) {
	concept := map[string]bool{}
	var vars []*grammar.Var
	for _, b := range []*grammar.Block{r.When, r.Then} {
		grammar.Inspect(b, func(n grammar.Node) bool {
			if v, ok := n.(*grammar.Var); ok {
				if v.Value {
					vars = append(vars, v)
				} else {
					concept[v.Name] = true
				}
			}
			return true
		})
	}
	assign := map[*grammar.PatternStmt]bool{}
	for _, pt := range r.When.Patterns {
		if st, ok := pt.(*grammar.PatternStmt); ok && st.Var != nil && st.Var.Value && st.Value != nil && st.Value.Op == "=" && st.Tuple == nil && len(st.Props) == 0 {
			assign[st] = true
		}
	}
	why := ""
	schema.WalkBlock(r.When, func(pt grammar.Pattern, _ []grammar.Pattern) {
		if st, ok := pt.(*grammar.PatternStmt); ok && st.Var != nil && st.Var.Value && st.Value != nil && st.Value.Op == "=" && !assign[st] && why == "" {
			why = fmt.Sprintf("it assigns %s inside a negation or disjunction", st.Var)
		}
	})
	if why != "" {
		return nil, nil, why
	}
	renamed := map[string]string{}
	values := map[string]bool{}
	for _, v := range vars {
		n, ok := renamed[v.Name]
		if !ok {
			n = v.Name
			for i := 2; concept[n]; i++ {
				n = fmt.Sprintf("%s_%d", v.Name, i)
			}
			renamed[v.Name] = n
			concept[n] = true
			values[n] = true
		}
		v.Name, v.Value = n, false
	}
	return assign, values, ""
}

// outputType returns the one type (with its subtypes) among those the top
// level of when admits for variable v that can satisfy need: the type a
// function signature gives v. cands holds at least every type that
// satisfies need (the players of the role, the owners of the attribute):
// scanning every type of the schema for each rule made converting a
// schema with many rules quadratic.
func outputType(m *schema.Model, when *grammar.Block, v string, cands []*schema.Type, need func(*schema.Type) bool) (string, string) {
	set := map[*schema.Type]bool{}
	for _, t := range cands {
		switch t.Kind() {
		case concept.Entity, concept.Relation, concept.Attribute:
			if !t.IsRoot() && need(t) {
				set[t] = true
			}
		}
	}
	narrow := func(ok func(*schema.Type) bool) {
		for t := range set {
			if !ok(t) {
				delete(set, t)
			}
		}
	}
	under := func(ref *grammar.TypeRef) func(*schema.Type) bool {
		u := m.Type(ref.Name)
		return func(t *schema.Type) bool { return u != nil && t.IsSubtypeOf(u) }
	}
	var walk func(b *grammar.Block)
	walk = func(b *grammar.Block) {
		for _, pt := range b.Patterns {
			switch pt := pt.(type) {
			case *grammar.Conjunction:
				walk(pt.Body)
			case *grammar.PatternStmt:
				self := pt.Var != nil && pt.Var.Name == v && !pt.Var.Value
				var rel *schema.Type
				for _, pr := range pt.Props {
					switch pr := pr.(type) {
					case *grammar.IsaProp:
						if pr.Type.Var {
							continue
						}
						if self {
							narrow(under(pr.Type))
						}
						rel = m.Type(pr.Type.Name)
					case *grammar.HasValueProp:
						if pr.Attr == nil || pr.Attr.Var {
							continue
						}
						a := m.Type(pr.Attr.Name)
						if self {
							narrow(func(t *schema.Type) bool { return t.OwnsSubtypeOf(a) })
						}
						if pr.Var != nil && pr.Var.Name == v {
							narrow(under(pr.Attr))
						}
					}
				}
				if pt.Tuple == nil || rel == nil {
					continue
				}
				for _, pl := range pt.Tuple.Players {
					if pl.Player.Name != v || pl.Role == nil || pl.Role.Var {
						continue
					}
					if role := rel.RoleByName(pl.Role.Name); role != nil {
						narrow(func(t *schema.Type) bool { return playsSome(t, role) })
					}
				}
			}
		}
	}
	walk(when)
	var roots []string
	for t := range set {
		if s := t.Super(); s == nil || !set[s] {
			roots = append(roots, t.Label)
		}
	}
	sort.Strings(roots)
	switch len(roots) {
	case 1:
		return roots[0], ""
	case 0:
		return "", fmt.Sprintf("no type can be $%s", v)
	}
	// A function returns one type per variable: the nearest supertype the
	// candidates share, unless that is a root (entity, relation, attribute).
	if s := commonSupertype(m, roots); s != nil {
		return s.Label, ""
	}
	return "", fmt.Sprintf("$%s may be any of %s, which share no supertype but a root, and a function returns one type per variable", v, strings.Join(roots, ", "))
}

// commonSupertype returns the nearest user type that every type labelled
// in labels is (a subtype of), or nil.
func commonSupertype(m *schema.Model, labels []string) *schema.Type {
	first := m.Type(labels[0])
	if first == nil || first.InCycle() {
		return nil
	}
	for _, s := range append([]*schema.Type{first}, first.Supertypes()...) {
		if s.IsRoot() {
			return nil
		}
		all := true
		for _, l := range labels[1:] {
			t := m.Type(l)
			all = all && t != nil && t.IsSubtypeOf(s)
		}
		if all {
			return s
		}
	}
	return nil
}

// playersOfSome returns the types that play role or one of its subroles
// (with repeats): the types playsSome can accept.
func playersOfSome(m *schema.Model, role *schema.Type) []*schema.Type {
	var out []*schema.Type
	for _, r := range append([]*schema.Type{role}, role.Subtypes()...) {
		out = append(out, m.Players(r)...)
	}
	return out
}

// attributeOnly reports a role or an ownership the when matches (outside
// negations) that only attribute types have. attribute-capabilities drops
// those plays and owns, as 3.x attributes play no roles and own nothing, so
// in 3.x no type could match it: TypeDB 3.x refuses a function whose match
// leaves a variable without a type (typedb/typedb@3.10.4:compiler/
// annotation/match_inference.rs check_thing_constraints_satisfiable,
// DetectedUnsatisfiablePattern).
func attributeOnly(m *schema.Model, when *grammar.Block) string {
	why := ""
	onlyAttributes := func(ts []*schema.Type) bool {
		for _, t := range ts {
			if t.Kind() != concept.Attribute {
				return false
			}
		}
		return len(ts) > 0
	}
	schema.WalkBlock(when, func(pat grammar.Pattern, outer []grammar.Pattern) {
		st, ok := pat.(*grammar.PatternStmt)
		if !ok || why != "" {
			return
		}
		for _, o := range outer {
			if _, neg := o.(*grammar.Negation); neg {
				return
			}
		}
		var rel *schema.Type
		for _, pr := range st.Props {
			switch pr := pr.(type) {
			case *grammar.IsaProp:
				if !pr.Type.Var {
					rel = m.Type(pr.Type.Name)
				}
			case *grammar.HasValueProp:
				if pr.Attr != nil && !pr.Attr.Var && onlyAttributes(ownersOfSome(m, m.Type(pr.Attr.Name))) {
					why = fmt.Sprintf("only attributes own %s, and 3.x attributes own nothing, so nothing could match it", pr.Attr.Name)
					return
				}
			}
		}
		if st.Tuple == nil || rel == nil {
			return
		}
		for _, pl := range st.Tuple.Players {
			if pl.Role == nil || pl.Role.Var {
				continue
			}
			if role := rel.RoleByName(pl.Role.Name); role != nil && onlyAttributes(playersOfSome(m, role)) {
				why = fmt.Sprintf("only attributes play %s, and 3.x attributes play no roles, so nothing could match it", role.Key())
				return
			}
		}
	})
	return why
}

// ownersOfSome returns the types that own attr or one of its subtypes
// (with repeats): the types OwnsSubtypeOf(attr) can accept.
func ownersOfSome(m *schema.Model, attr *schema.Type) []*schema.Type {
	if attr == nil {
		return nil
	}
	var out []*schema.Type
	for _, a := range append([]*schema.Type{attr}, attr.Subtypes()...) {
		out = append(out, m.Owners(a)...)
	}
	return out
}

// playsSome reports whether t plays role or one of its specialisations.
func playsSome(t, role *schema.Type) bool {
	for _, r := range append([]*schema.Type{role}, role.Subtypes()...) {
		if t.PlaysRole(r) != nil {
			return true
		}
	}
	return false
}

// freshVar returns a variable name based on base that b does not use.
func freshVar(b *grammar.Block, base string) string {
	used := map[string]bool{}
	grammar.Inspect(b, func(n grammar.Node) bool {
		if v, ok := n.(*grammar.Var); ok {
			used[v.Name] = true
		}
		return true
	})
	name := base
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	return name
}

// patterns3 rewrites the patterns of b, in place, into TypeQL 3.x, or says
// why one has no 3.x form.
func patterns3(b *grammar.Block, assign map[*grammar.PatternStmt]bool) string {
	var out []grammar.Pattern
	for _, pt := range b.Patterns {
		switch pt := pt.(type) {
		case *grammar.PatternStmt:
			if assign[pt] {
				break
			}
			sts, why := statement3(pt)
			if why != "" {
				return why
			}
			for _, s := range sts {
				out = append(out, s)
			}
			continue
		case *grammar.Conjunction:
			if why := patterns3(pt.Body, assign); why != "" {
				return why
			}
		case *grammar.Disjunction:
			for _, alt := range pt.Alts {
				if why := patterns3(alt, assign); why != "" {
					return why
				}
			}
		case *grammar.Negation:
			if why := patterns3(pt.Body, assign); why != "" {
				return why
			}
		}
		out = append(out, pt)
	}
	b.Patterns = out
	return ""
}

// unsupported3 says why a pattern in b has no 3.x form, or "".
func unsupported3(b *grammar.Block) string {
	why := ""
	grammar.Inspect(b, func(n grammar.Node) bool {
		if why != "" {
			return false
		}
		switch n := n.(type) {
		case *grammar.TypeProp:
			why = "it matches a type by label"
		case *grammar.IsaProp:
			if isRootRef(n.Type) {
				why = fmt.Sprintf("it names the root type %s, which 3.x does not have", n.Type)
			}
		case *grammar.SubProp:
			if isRootRef(n.Type) {
				why = fmt.Sprintf("it names the root type %s, which 3.x does not have", n.Type)
			}
		}
		return true
	})
	return why
}

// statement3 rewrites one pattern statement into one or two 3.x ones
// (unsupported3 has accepted it).
func statement3(st *grammar.PatternStmt) ([]*grammar.PatternStmt, string) {
	grammar.Inspect(st, func(n grammar.Node) bool {
		if pr, ok := n.(*grammar.Predicate); ok && pr.Op == "=" {
			pr.Op = "=="
		}
		return true
	})
	out := []*grammar.PatternStmt{st}
	// "$a "Bob" isa name;" → "$a isa name; $a == "Bob";"
	if st.Value != nil && st.Var != nil {
		v := st.Value
		if v.Op == "" {
			v.Op = "=="
		}
		if len(st.Props) > 0 || st.Tuple != nil {
			st.Value = nil
			out = append(out, &grammar.PatternStmt{Var: &grammar.Var{NamePos: st.Var.NamePos, Name: st.Var.Name}, Value: v, Semi: st.Semi})
		}
	}
	if st.Tuple != nil {
		if st.Var != nil {
			// "$r (a: $x) isa rel" → "$r isa rel, links (a: $x)"
			links := &grammar.LinksProp{Links: st.Tuple.Lparen, Tuple: st.Tuple}
			at := 0
			for i, pr := range st.Props {
				if _, ok := pr.(*grammar.IsaProp); ok {
					at = i + 1
				}
			}
			st.Props = append(st.Props[:at], append([]grammar.Prop{links}, st.Props[at:]...)...)
			st.Tuple = nil
		} else {
			// "(a: $x) isa rel" → "rel (a: $x)"
			for i, pr := range st.Props {
				if isa, ok := pr.(*grammar.IsaProp); ok && !isa.Strict {
					st.Type = isa.Type
					st.Props = append(st.Props[:i], st.Props[i+1:]...)
					break
				}
			}
		}
	}
	return out, ""
}
