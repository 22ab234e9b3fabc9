package validate_test

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
	"github.com/tqlmig/tqlmig/validate"
)

// The concept-API type steps of the behaviour suite (put entity type,
// set owns attribute type … as …, set supertype, set abstract, unset …,
// delete … type) are translated into the define or undefine query with
// the same effect and run like "typeql define" steps; the read steps (is
// null, get supertype, get owns attribute types contain, …) and the
// schema-query answer steps (get answers of typeql get, then uniquely
// identify answer concepts) are answered from the model. A step the
// translation does not know makes its scenario not applicable.

var (
	putRx     = regexp.MustCompile(`^put (entity|relation|attribute) type: ([a-z0-9-]+)(?:, with value type: ([a-z]+))?$`)
	deleteRx  = regexp.MustCompile(`^delete (entity|relation|attribute) type: ([a-z0-9-]+)$`)
	onTypeRx  = regexp.MustCompile(`^(entity|relation|attribute)\(([a-z0-9-]+)\) (as\([a-z]+\) )?(.*)$`)
	ownsRx    = regexp.MustCompile(`^set owns attribute type: ([a-z0-9-]+)(?: as ([a-z0-9-]+))?(?:, with annotations: ([a-z]+))?$`)
	playsRx   = regexp.MustCompile(`^set plays role: ([a-z0-9-]+:[a-z0-9-]+)(?: as ([a-z0-9-]+:[a-z0-9-]+))?$`)
	relatesRx = regexp.MustCompile(`^set relates role: ([a-z0-9-]+)(?: as ([a-z0-9-]+))?$`)
	readRx    = regexp.MustCompile(`^get (owns|owns explicit|playing roles|playing roles explicit|related roles|related explicit roles|subtypes|supertypes|owners|owners explicit|players) ?(?:attribute types)?(?:, with annotations: ([a-z]+))?;? ?(contain|do not contain)$`)
)

// modelStep reports whether s is a concept-API type step or a schema
// query step that the runner translates.
func modelStep(s step) bool {
	t := strings.TrimSuffix(strings.TrimSuffix(s.text, ":"), "; throws exception")
	if t == "get answers of typeql get" {
		_, err := matchStatements(s.doc)
		return err == ""
	}
	_, _, ok := translate(t, nil)
	return ok
}

// translate returns, for step text t, the query to run (write steps) or
// the read to answer (read steps). m is the current model, nil when only
// asking whether t is known.
func translate(t string, m *schema.Model) (query string, read func(m *schema.Model, s step) string, ok bool) {
	exists := func(label string) bool { return m != nil && m.Type(label) != nil }
	if g := putRx.FindStringSubmatch(t); g != nil {
		if exists(g[2]) {
			return "", nil, true // put is idempotent
		}
		q := fmt.Sprintf("define %s sub %s;", g[2], g[1])
		if g[3] != "" {
			q = fmt.Sprintf("define %s sub attribute, value %s;", g[2], g[3])
		}
		return q, nil, true
	}
	if g := deleteRx.FindStringSubmatch(t); g != nil {
		super := g[1]
		if m != nil {
			if ty := m.Type(g[2]); ty != nil && ty.Super() != nil {
				super = ty.Super().Key()
			} else if ty != nil && ty.IsRoot() {
				super = "thing"
			}
		}
		return fmt.Sprintf("undefine %s sub %s;", g[2], super), nil, true
	}
	if t == "get answers of typeql get" || t == "uniquely identify answer concepts" || strings.HasPrefix(t, "answer size is") {
		return "", nil, true // handled with the runner's answers
	}
	g := onTypeRx.FindStringSubmatch(t)
	if g == nil {
		return "", nil, false
	}
	kind, x, op := g[1], g[2], g[4]
	if g[3] != "" && !strings.Contains(op, "regex") {
		return "", nil, false // reads filtered by value type are not translated
	}
	switch {
	case strings.HasPrefix(op, "set supertype: "):
		return fmt.Sprintf("define %s sub %s;", x, strings.TrimPrefix(op, "set supertype: ")), nil, true
	case op == "set abstract: true":
		return fmt.Sprintf("define %s abstract;", x), nil, true
	case op == "set abstract: false":
		if m != nil {
			if ty := m.Type(x); ty != nil && !ty.IsAbstract() {
				return "", nil, true // already concrete: nothing to undefine
			}
		}
		return fmt.Sprintf("undefine %s abstract;", x), nil, true
	case ownsRx.MatchString(op):
		o := ownsRx.FindStringSubmatch(op)
		q := fmt.Sprintf("define %s owns %s", x, o[1])
		if o[2] != "" {
			q += " as " + o[2]
		}
		if o[3] != "" {
			q += " @" + o[3]
		}
		return q + ";", nil, true
	case strings.HasPrefix(op, "unset owns attribute type: "):
		return fmt.Sprintf("undefine %s owns %s;", x, strings.TrimPrefix(op, "unset owns attribute type: ")), nil, true
	case playsRx.MatchString(op):
		p := playsRx.FindStringSubmatch(op)
		q := fmt.Sprintf("define %s plays %s", x, p[1])
		if p[2] != "" {
			q += " as " + p[2][strings.IndexByte(p[2], ':')+1:]
		}
		return q + ";", nil, true
	case strings.HasPrefix(op, "unset plays role: "):
		return fmt.Sprintf("undefine %s plays %s;", x, strings.TrimPrefix(op, "unset plays role: ")), nil, true
	case relatesRx.MatchString(op) && kind == "relation":
		r := relatesRx.FindStringSubmatch(op)
		q := fmt.Sprintf("define %s relates %s", x, r[1])
		if r[2] != "" {
			q += " as " + r[2]
		}
		return q + ";", nil, true
	case strings.HasPrefix(op, "unset related role: "):
		return fmt.Sprintf("undefine %s relates %s;", x, strings.TrimPrefix(op, "unset related role: ")), nil, true
	case strings.HasPrefix(op, "set regex: "):
		return fmt.Sprintf("define %s regex %q;", x, strings.TrimPrefix(op, "set regex: ")), nil, true
	case strings.HasPrefix(op, "is null: "):
		want := strings.HasSuffix(op, "true")
		return "", func(m *schema.Model, s step) string {
			ty := m.Type(x)
			if got := ty == nil || ty.Kind().String() != kind; got != want {
				return fmt.Sprintf("the model says is null: %v", got)
			}
			return ""
		}, true
	case strings.HasPrefix(op, "get supertype: "):
		want := strings.TrimPrefix(op, "get supertype: ")
		return "", func(m *schema.Model, s step) string {
			ty := m.Type(x)
			if ty == nil || ty.Super() == nil || ty.Super().Key() != want {
				return fmt.Sprintf("the model's supertype of %s is %v", x, super(ty))
			}
			return ""
		}, true
	case strings.HasPrefix(op, "is abstract: "):
		want := strings.HasSuffix(op, "true")
		return "", func(m *schema.Model, s step) string {
			ty := m.Type(x)
			if ty == nil || ty.IsAbstract() != want {
				return fmt.Sprintf("the model says abstract: %v", ty != nil && ty.IsAbstract())
			}
			return ""
		}, true
	case strings.HasPrefix(op, "get value type: "):
		want := strings.TrimPrefix(op, "get value type: ")
		return "", func(m *schema.Model, s step) string {
			ty := m.Type(x)
			if ty == nil {
				return "no such type"
			}
			if vt, _ := ty.ValueType(); vt != want {
				return fmt.Sprintf("the model's value type is %q", vt)
			}
			return ""
		}, true
	case strings.HasPrefix(op, "get label: "):
		want := strings.TrimPrefix(op, "get label: ")
		return "", func(m *schema.Model, s step) string {
			if ty := m.Type(x); ty == nil || ty.Label != want {
				return "the model has no such type"
			}
			return ""
		}, true
	case readRx.MatchString(op):
		rd := readRx.FindStringSubmatch(op)
		what, annot, want := rd[1], rd[2], rd[3] == "contain"
		return "", func(m *schema.Model, s step) string {
			ty := m.Type(x)
			if ty == nil {
				return "no such type"
			}
			got := map[string]bool{}
			for _, l := range readLabels(m, ty, what, annot) {
				got[l] = true
			}
			for _, row := range s.table {
				if len(row) == 0 {
					continue
				}
				if got[row[0]] != want {
					return fmt.Sprintf("%s of %s: %q present %v; the model has %v", what, x, row[0], got[row[0]], sortedKeys(got))
				}
			}
			return ""
		}, true
	}
	return "", nil, false
}

func super(t *schema.Type) string {
	if t == nil || t.Super() == nil {
		return "none"
	}
	return t.Super().Key()
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// readLabels answers a concept-API read of type t. Supertypes and subtypes
// include t itself, as the 2.x API's do.
func readLabels(m *schema.Model, t *schema.Type, what, annot string) []string {
	var out []string
	ownsFilter := func(o *schema.Owns) bool {
		return annot == "" || ownsAnnotated(o.Owner, o, annot)
	}
	switch what {
	case "owns", "owns explicit":
		list := t.OwnsAll()
		if what == "owns explicit" {
			list = t.Owns
		}
		for _, o := range list {
			if ownsFilter(o) {
				out = append(out, o.Attr)
			}
		}
	case "playing roles", "playing roles explicit":
		list := t.PlaysAll()
		if what == "playing roles explicit" {
			list = t.Plays
		}
		for _, p := range list {
			out = append(out, p.RoleLabel())
		}
	case "related roles":
		for _, r := range t.Roles() {
			out = append(out, r.Key())
		}
	case "related explicit roles":
		for _, r := range t.DeclaredRoles() {
			out = append(out, r.Key())
		}
	case "subtypes":
		out = append(out, t.Key())
		for _, u := range t.Subtypes() {
			out = append(out, u.Key())
		}
	case "supertypes":
		out = append(out, t.Key())
		for _, u := range t.Supertypes() {
			out = append(out, u.Key())
		}
	case "owners", "owners explicit":
		for _, o := range m.Types() {
			list := o.OwnsAll()
			if what == "owners explicit" {
				list = o.Owns
			}
			for _, ow := range list {
				if ow.Attr == t.Label && ownsFilter(ow) {
					out = append(out, o.Key())
				}
			}
		}
	}
	return out
}

// modelStep runs a translated step: a write as a define or undefine query
// in the open transaction, a read against the model of the committed and
// open queries.
func (r *runner) modelStep(s step, t string, throws bool) string {
	m, _ := validate.Vet(validate.Options{Target: behaviourTarget}, r.files()...)
	switch {
	case t == "get answers of typeql get":
		ans, err := answers(m, s.doc)
		if err != "" {
			return fmt.Sprintf("line %d: %s", s.line, err)
		}
		r.answers = ans
		return ""
	case t == "uniquely identify answer concepts":
		return compareAnswers(s, r.answers)
	case strings.HasPrefix(t, "answer size is"):
		want := strings.TrimSpace(strings.TrimPrefix(t, "answer size is:"))
		if fmt.Sprint(len(r.answers)) != want {
			return fmt.Sprintf("line %d: %d answers, the suite says %s", s.line, len(r.answers), want)
		}
		return ""
	}
	q, read, _ := translate(t, m)
	if read != nil {
		if why := read(m, s); why != "" {
			return fmt.Sprintf("line %d: %s: %s", s.line, s.text, why)
		}
		return ""
	}
	if q == "" {
		return verdict(s, throws, false, nil)
	}
	f, perr := grammar.Parse(fmt.Sprintf("%s:%d", r.name, s.line), []byte(q))
	var errs diag.List
	if len(perr) > 0 {
		errs = perr
	} else {
		errs = errorsAt(append(r.files(), f), validate.AtDefine)
	}
	got := len(errs) > 0
	if got {
		r.tx = nil
	} else {
		r.tx = append(r.tx, f)
	}
	return verdict(s, throws, got, errs)
}

// files are the queries of the committed and the open transactions.
func (r *runner) files() []*grammar.File {
	return append(append([]*grammar.File{}, r.committed...), r.tx...)
}

// answer is one answer of a type query: variable name to type key.
type answer map[string]string

// answers evaluates a match … get query over types against m. Variables
// range over every type of the model, roles included.
func answers(m *schema.Model, query string) ([]answer, string) {
	stmts, err := matchStatements(query)
	if err != "" {
		return nil, err
	}
	var vars []string
	seen := map[string]bool{}
	addVar := func(v string) {
		if !seen[v] {
			seen[v] = true
			vars = append(vars, v)
		}
	}
	for _, st := range stmts {
		if st.Var != nil {
			addVar(st.Var.Name)
		}
		for _, p := range st.Props {
			for _, ref := range propRefs(p) {
				if ref != nil && ref.Var {
					addVar(ref.Name)
				}
			}
		}
	}
	all := m.Types()
	for _, k := range []concept.Kind{concept.Thing, concept.Entity, concept.Relation, concept.Attribute} {
		if r := m.Root(k); r != nil && !slices.Contains(all, r) {
			all = append(all, r)
		}
	}
	if r := m.Type("relation:role"); r != nil && !slices.Contains(all, r) {
		all = append(all, r)
	}
	var out []answer
	bind := answer{}
	var rec func(i int) string
	rec = func(i int) string {
		if i == len(vars) {
			for _, st := range stmts {
				ok, err := holds(m, st, bind)
				if err != "" {
					return err
				}
				if !ok {
					return ""
				}
			}
			a := answer{}
			for k, v := range bind {
				a[k] = v
			}
			out = append(out, a)
			return ""
		}
		for _, t := range all {
			bind[vars[i]] = t.Key()
			if err := rec(i + 1); err != "" {
				return err
			}
		}
		delete(bind, vars[i])
		return ""
	}
	if err := rec(0); err != "" {
		return nil, err
	}
	return out, ""
}

// propRefs are the type references of a property.
func propRefs(p grammar.Prop) []*grammar.TypeRef {
	switch p := p.(type) {
	case *grammar.SubProp:
		return []*grammar.TypeRef{p.Type}
	case *grammar.TypeProp:
		return []*grammar.TypeRef{p.Label}
	case *grammar.OwnsProp:
		return []*grammar.TypeRef{p.Attr}
	case *grammar.PlaysProp:
		return []*grammar.TypeRef{p.Role}
	case *grammar.RelatesProp:
		return []*grammar.TypeRef{p.Role}
	}
	return nil
}

// holds evaluates one statement under binding b.
func holds(m *schema.Model, st *grammar.PatternStmt, b answer) (bool, string) {
	resolve := func(ref *grammar.TypeRef) *schema.Type {
		if ref.Var {
			return m.Type(b[ref.Name])
		}
		return m.Type(ref.String())
	}
	var x *schema.Type
	switch {
	case st.Var != nil:
		x = m.Type(b[st.Var.Name])
	case st.Type != nil:
		x = m.Type(st.Type.String())
	}
	if x == nil {
		return false, ""
	}
	for _, p := range st.Props {
		switch p := p.(type) {
		case *grammar.SubProp:
			u := resolve(p.Type)
			if u == nil {
				return false, ""
			}
			if p.Strict {
				if x.Super() != u {
					return false, ""
				}
			} else if x != u && !x.IsSubtypeOf(u) {
				return false, ""
			}
		case *grammar.TypeProp:
			if resolve(p.Label) != x {
				return false, ""
			}
		case *grammar.AbstractProp:
			if !x.IsAbstract() && !x.IsRoot() {
				return false, ""
			}
		case *grammar.ValueTypeProp:
			if vt, _ := x.ValueType(); vt != p.Type {
				return false, ""
			}
		case *grammar.RegexProp:
			if x.Regex == nil || x.Regex.Source() != (&schema.Regex{Pattern: p.Pattern.Raw}).Source() {
				return false, ""
			}
		case *grammar.OwnsProp:
			a := resolve(p.Attr)
			if a == nil {
				return false, ""
			}
			o := x.OwnsOf(a.Label)
			if o == nil {
				return false, ""
			}
			for _, an := range p.Annots {
				if !ownsAnnotated(x, o, an.Name) {
					return false, ""
				}
			}
		case *grammar.PlaysProp:
			r := resolve(p.Role)
			if r == nil || r.Kind() != concept.Role || x.PlaysRole(r) == nil {
				return false, ""
			}
		case *grammar.RelatesProp:
			if !p.Role.Var && p.Role.Scope == "" {
				if x.RoleByName(p.Role.Name) == nil || !slices.Contains(x.Roles(), x.RoleByName(p.Role.Name)) {
					return false, ""
				}
				continue
			}
			r := resolve(p.Role)
			if r == nil || !slices.Contains(x.Roles(), r) {
				return false, ""
			}
		default:
			return false, fmt.Sprintf("property %T not evaluated", p)
		}
	}
	return true, ""
}

// compareAnswers checks the answers against the suite's table: the same
// set of rows, each cell "label:TYPE".
func compareAnswers(s step, got []answer) string {
	if len(s.table) == 0 {
		return fmt.Sprintf("line %d: no table", s.line)
	}
	head := s.table[0]
	key := func(cells []string) string { return strings.Join(cells, "|") }
	want := map[string]bool{}
	for _, row := range s.table[1:] {
		want[key(row)] = true
	}
	have := map[string]bool{}
	for _, a := range got {
		var cells []string
		for _, h := range head {
			cells = append(cells, "label:"+a[h])
		}
		have[key(cells)] = true
	}
	if len(have) != len(got) || len(want) != len(s.table)-1 {
		return fmt.Sprintf("line %d: answers are not unique", s.line)
	}
	for k := range want {
		if !have[k] {
			return fmt.Sprintf("line %d: the suite's answer %s is missing; the model gives %v", s.line, k, sortedKeys(have))
		}
	}
	for k := range have {
		if !want[k] {
			return fmt.Sprintf("line %d: the model gives %s, which the suite does not", s.line, k)
		}
	}
	return ""
}

// matchStatements parses the body of "match …; get …;" as the when block
// of a rule. A statement whose subject is a label ("person owns $x") is
// written "$s0 type person, owns $x". Only the type properties holds
// evaluates are accepted.
func matchStatements(query string) ([]*grammar.PatternStmt, string) {
	body, ok := strings.CutPrefix(strings.TrimSpace(query), "match")
	if !ok {
		return nil, "not a match query"
	}
	if i := strings.LastIndex(body, "get"); i >= 0 {
		body = body[:i]
	}
	var parts []string
	for i, st := range strings.Split(body, ";") {
		st = strings.TrimSpace(st)
		if st == "" {
			continue
		}
		if !strings.HasPrefix(st, "$") {
			label, rest, _ := strings.Cut(st, " ")
			st = fmt.Sprintf("$s%d type %s, %s", i, label, rest)
		}
		parts = append(parts, st+";")
	}
	f, pd := grammar.Parse("query", []byte("define rule q: when { "+strings.Join(parts, " ")+" } then { $z has a 1; };"))
	if pd.HasErrors() || len(f.Queries) != 1 {
		return nil, fmt.Sprintf("the query does not parse: %v", pd.Errors())
	}
	dq, ok := f.Queries[0].(*grammar.DefineQuery)
	if !ok || len(dq.Stmts) != 1 {
		return nil, "the query does not parse"
	}
	rule, ok := dq.Stmts[0].(*grammar.RuleStmt)
	if !ok || rule.When == nil {
		return nil, "the query does not parse"
	}
	var stmts []*grammar.PatternStmt
	for _, p := range rule.When.Patterns {
		st, ok := p.(*grammar.PatternStmt)
		if !ok || st.Var == nil || st.Tuple != nil || st.Value != nil {
			return nil, fmt.Sprintf("pattern %T not evaluated", p)
		}
		for _, pr := range st.Props {
			switch pr.(type) {
			case *grammar.SubProp, *grammar.TypeProp, *grammar.AbstractProp, *grammar.ValueTypeProp,
				*grammar.RegexProp, *grammar.OwnsProp, *grammar.PlaysProp, *grammar.RelatesProp:
			default:
				return nil, fmt.Sprintf("property %T not evaluated", pr)
			}
		}
		stmts = append(stmts, st)
	}
	return stmts, ""
}

// ownsAnnotated reports whether ownership o of x carries annotation name,
// itself or through the ownership it overrides ("owns A as B" inherits
// B's annotations).
func ownsAnnotated(x *schema.Type, o *schema.Owns, name string) bool {
	for seen := 0; o != nil && seen < 64; seen++ {
		if name == "key" && o.Key || name == "unique" && slices.Contains(o.Annots, "unique") {
			return true
		}
		if o.As == "" || x.Super() == nil {
			return false
		}
		x = x.Super()
		o = x.OwnsOf(o.As)
	}
	return false
}
