package rewrite

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// Section A: dialect normalisation (reference rules 1–8). These rules are
// purely syntactic: they bring the ≤1.4 and ≤1.2 spellings to the 1.5+
// ones, so that the later sections see one dialect.

var relationshipToRelation = &Rule{
	Name: "relationship-to-relation",
	Refs: "1",
	Doc: `the ≤1.4 root relationship becomes relation

	marriage sub relationship;      →   marriage sub relation;
	$r isa relationship;            →   $r isa relation;

Only in files the loader judged ≤1.4 (Options.Dialects): a schema that
defines a type of its own named relationship (a legal label from Grakn 1.5
on) is not, and nothing changes there. A ≤1.4 type of its own named
relation (a free label before 1.5) would then clash with the root, so it
is renamed first (relation_, in the import remap).`,
	Apply: func(p *Pass) {
		legacy := map[string]bool{}
		for _, f := range p.Inputs() {
			legacy[f.Name] = p.Opts.dialectOf(f)&grammar.Graql10 != 0
		}
		p.renameLegacyRelation(legacy)
		p.eachRef(func(r *grammar.TypeRef, _ refKind) {
			if r.Name == "relationship" && r.Scope == "" && r.Quote == 0 && legacy[p.fileOf(r)] {
				r.Name = "relation"
				p.Report(r, diag.Translated, "root type relationship written as relation")
			}
		})
	},
}

// renameLegacyRelation renames a type named relation that a ≤1.4 file
// defines, wherever a ≤1.4 file names it, before relationship becomes the
// root relation there.
func (p *Pass) renameLegacyRelation(legacy map[string]bool) {
	var subject *grammar.TypeRef
	taken := map[string]bool{}
	p.eachRef(func(r *grammar.TypeRef, k refKind) {
		taken[r.Name] = true
		if k == refSubject && r.Name == "relation" && r.Scope == "" && legacy[p.fileOf(r)] && subject == nil {
			subject = r
		}
	})
	if subject == nil {
		return
	}
	n := uniqueLabel("relation_", taken, "_")
	p.eachRef(func(r *grammar.TypeRef, _ refKind) {
		if r.Name == "relation" && r.Scope == "" && legacy[p.fileOf(r)] {
			r.Name = n
		}
	})
	p.conv.RenameInPlace("relation", n)
	p.Report(subject, diag.Translated, "label %q renamed to %q: the ≤1.4 root relationship becomes relation, which this schema also names a type of its own", "relation", n).
		Detail = fmt.Sprintf("Data exported from the old database still says %q; import it with the remap relation=%s or rewrite the file with tqlmig rewrite-data.", "relation", n)
}

var isAbstractToAbstract = &Rule{
	Name: "is-abstract-to-abstract",
	Refs: "2",
	Doc: `the ≤1.4 is-abstract becomes abstract

	person sub entity is-abstract;   →   person sub entity, abstract;`,
	Apply: func(p *Pass) {
		p.eachProp(func(pr grammar.Prop) {
			if a, ok := pr.(*grammar.AbstractProp); ok && a.Legacy {
				a.Legacy = false
				p.Report(a, diag.Translated, "is-abstract written as abstract")
			}
		})
	},
}

var missingCommas = &Rule{
	Name: "missing-commas",
	Refs: "3",
	Doc: `properties without commas (≤1.4) get commas

	a sub entity has b plays c;   →   a sub entity, has b, plays c;

The printer always writes the commas; this rule reports where the input
left them out. A file of Grakn 1.5 or later that leaves one out never
loaded as written; the parser warns, convert reads it (rewrite.SplitParse)
and reports the comma it adds.`,
	Apply: func(p *Pass) {
		for _, d := range p.Opts.Repaired {
			if d.Range != nil && IsCommaRepair(d) {
				p.ReportAt(*d.Range, diag.Translated, "comma added between properties (the input's own Grakn version required it)")
			}
		}
		for _, f := range p.Inputs() {
			for _, ft := range f.Features {
				// The parser records the first use of a feature only.
				if ft.Name == "no-comma" {
					p.ReportAt(diag.Range{File: f.Name, Start: ft.Pos, End: ft.Pos}, diag.Translated, "commas added between properties (≤1.4 left them out; this is the first place)")
				}
			}
		}
	},
}

var labelToType = &Rule{
	Name: "label-to-type",
	Refs: "4",
	Doc: `the ≤1.4 label property becomes type

	$x label person;   →   $x type person;`,
	Apply: func(p *Pass) {
		p.eachProp(func(pr grammar.Prop) {
			if t, ok := pr.(*grammar.TypeProp); ok && t.Legacy {
				t.Legacy = false
				p.Report(t, diag.Translated, "label %s written as type %s", t.Label, t.Label)
			}
		})
	},
}

var slashRegex = &Rule{
	Name: "slash-regex",
	Refs: "5",
	Doc: `≤1.4 /slash/ regexes become quoted strings

	nick sub attribute, regex /^[a-z]+(\/[a-z]+)?$/;   →   nick sub attribute, regex "^[a-z]+(/[a-z]+)?$";
	$n /^a.*/;                                          →   $n like "^a.*";

"\/" stands for "/" inside slashes. A regex holding '"' is written in
single quotes, or with '\"' (the same to Java's regex) when it holds both.`,
	Apply: func(p *Pass) {
		p.eachProp(func(pr grammar.Prop) {
			if r, ok := pr.(*grammar.RegexProp); ok && r.Pattern != nil && r.Pattern.Kind == grammar.RegexLit {
				old := r.Pattern.Raw
				r.Pattern = quoteRegex(r.Pattern)
				p.Report(r, diag.Translated, "regex %s written as %s", old, r.Pattern.Raw)
			}
		})
		p.eachPredicate(func(pr *grammar.Predicate) {
			if l, ok := pr.Operand.(*grammar.Literal); ok && l.Kind == grammar.RegexLit && pr.Op == "" {
				old := l.Raw
				pr.Op = "like"
				pr.Operand = quoteRegex(l)
				p.Report(pr, diag.Translated, "regex predicate %s written as like %s", old, pr.Operand.(*grammar.Literal).Raw)
			}
		})
	},
}

// quoteRegex turns a /…/ literal into a quoted string literal.
func quoteRegex(l *grammar.Literal) *grammar.Literal {
	body := strings.TrimSuffix(strings.TrimPrefix(l.Raw, "/"), "/")
	body = strings.ReplaceAll(body, `\/`, "/")
	var raw string
	switch {
	case !strings.Contains(body, `"`):
		raw = `"` + body + `"`
	case !strings.Contains(body, "'"):
		raw = "'" + body + "'"
	default:
		raw = `"` + escapeQuote(body, '"') + `"`
	}
	return &grammar.Literal{ValuePos: l.ValuePos, Kind: grammar.StringLit, Raw: raw}
}

// escapeQuote puts a backslash before every unescaped q in s.
func escapeQuote(s string, q byte) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			b.WriteByte(s[i])
			b.WriteByte(s[i+1])
			i++
			continue
		}
		if s[i] == q {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var quotedLabels = &Rule{
	Name: "quoted-label",
	Refs: "6, 26",
	Doc: `quoted and _-labels become valid 2.x labels

	"full name" sub attribute;   →   full-name sub attribute;       (remap "full name"=full-name)
	_citizen-id sub attribute;   →   citizen-id sub attribute;      (remap _citizen-id=citizen-id)

Grakn ≤1.4 (and 1.5.0–1.5.1) accepted any quoted string and labels
starting with "_". Every character a 2.x label cannot hold becomes "-",
leading "_" and "-" are dropped, and "t-" is put first when what is left
does not start with a letter. A name already taken gets "-2", "-3"….
Each rename is recorded for the data import's remap.`,
	Apply: func(p *Pass) {
		// Quotes go first, so that every later rule (and the model) sees
		// one spelling of each label: "full name" and full name are the
		// same label.
		p.eachRef(func(r *grammar.TypeRef, _ refKind) {
			if r.Quote != 0 {
				r.Quote = 0
				p.MarkChanged()
			}
		})
		taken := map[string]bool{}
		var bad []string
		seen := map[string]bool{}
		p.eachRef(func(r *grammar.TypeRef, k refKind) {
			for _, l := range []string{r.Scope, r.Name} {
				if l == "" || seen[l] {
					continue
				}
				seen[l] = true
				if validLabel(l) || isImplicitLabel(l) {
					taken[l] = true // implicit @has- types: implicit-types
				} else {
					bad = append(bad, l)
				}
			}
		})
		for _, old := range bad {
			n := uniqueLabel(sanitizeLabel(old), taken, "-")
			taken[n] = true
			why := "2.x labels start with a letter and hold only letters, digits, \"_\" and \"-\""
			p.Rename(p.declOf(old), old, n, why)
		}
	},
}

var (
	validLabel  = grammar.ValidLabel
	isLabelHead = grammar.IsLabelStart
	isLabelTail = grammar.IsLabelPart
)

// sanitizeLabel maps any string to a valid 2.x label.
func sanitizeLabel(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if isLabelTail(r) && !unicode.IsSpace(r) {
			b.WriteRune(r)
			dash = r == '-'
			continue
		}
		if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimLeft(b.String(), "_-")
	out = strings.TrimRight(out, "-")
	if out == "" {
		return "t"
	}
	if r, _ := utf8.DecodeRuneInString(out); !isLabelHead(r) {
		out = "t-" + out
	}
	return out
}

// uniqueLabel returns base, or base followed by sep and a number (for "-")
// or by more sep (for "_"), whichever is first not in taken.
func uniqueLabel(base string, taken map[string]bool, sep string) string {
	if !taken[base] {
		return base
	}
	if sep == "_" {
		for n := base + "_"; ; n += "_" {
			if !taken[n] {
				return n
			}
		}
	}
	for i := 2; ; i++ {
		if n := base + sep + strconv.Itoa(i); !taken[n] {
			return n
		}
	}
}

var legacyStringEscapes = &Rule{
	Name: "legacy-string-escapes",
	Refs: "7",
	Doc: `≤1.4 string escapes are decoded

	$x has note "a\tb";   →   $x has note "a	b";   (a real tab)

Grakn ≤1.4 decoded JavaScript escapes in strings; 1.5+ and 2.x keep the
text between the quotes as it is. Only files whose constructs are ≤1.4-only
are decoded, and only values in rule bodies (a regex means the same to
Java either way). A decoded quote that the other quote style cannot avoid
is reported.`,
	Apply: func(p *Pass) {
		legacy := map[string]bool{}
		for _, f := range p.Inputs() {
			legacy[f.Name] = p.Opts.dialectOf(f) == grammar.Graql10
		}
		p.eachPredicate(func(pr *grammar.Predicate) {
			l, ok := pr.Operand.(*grammar.Literal)
			if !ok || l.Kind != grammar.StringLit || !legacy[p.fileOf(l)] || !strings.Contains(l.Raw, `\`) || pr.Op == "like" {
				return
			}
			dec, ok := decodeJS(l.Raw[1 : len(l.Raw)-1])
			if !ok {
				return
			}
			q := l.Raw[0]
			raw := string(q) + dec + string(q)
			switch {
			case !strings.ContainsRune(dec, rune(q)):
			case !strings.ContainsRune(dec, rune(otherQuote(q))):
				raw = string(otherQuote(q)) + dec + string(otherQuote(q))
			default:
				p.Report(l, diag.Lost, "string %s holds both quote characters once decoded; left as written", l.Raw).
					Detail = "TypeQL 2.x strings have no escapes, so a value holding both \" and ' cannot be written. Change the value in the rule by hand."
				return
			}
			if raw == l.Raw {
				return
			}
			old := l.Raw
			l.Raw = raw
			p.Report(l, diag.Translated, "string %s written with its ≤1.4 escapes decoded", old)
		})
	},
}

func otherQuote(q byte) byte {
	if q == '"' {
		return '\''
	}
	return '"'
}

// decodeJS decodes JavaScript string escapes (\n \t \r \b \f \v \0 \xHH
// \uHHHH and \c for any other c). It fails on a malformed \x or \u.
func decodeJS(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '0':
			b.WriteByte(0)
		case 'x', 'u':
			n := 2
			if e == 'u' {
				n = 4
			}
			if i+n >= len(s) {
				return "", false
			}
			v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil {
				return "", false
			}
			b.WriteRune(rune(v))
			i += n
		default:
			b.WriteByte(e)
		}
	}
	return b.String(), true
}

var legacyValueOps = &Rule{
	Name:   "legacy-value-ops",
	Refs:   "8",
	Source: "typedb/typedb@1.2.0:grakn-graql/src/main/antlr4/ai/grakn/graql/internal/antlr/Graql.g4 property 'val' predicate (propValue), predicate '='? value; typedb/typedb@1.4.3:grakn-graql/src/main/antlr4/ai/grakn/graql/internal/antlr/Graql.g4 predicate '=='? value",
	Doc: `≤1.2 val and =/!= value comparisons take the 1.3+ form

	$x val "a";     →   $x "a";
	$x val < 5;     →   $x < 5;
	$a = 5;         →   $a == 5;     (then rule 31 picks == or = by target)
	$a != "x";      →   $a !== "x";  (then rule 30 writes !=)

In a ≤1.2 file, "!=" compared values; it is read as a value comparison
when its right side is a value or both sides are attribute variables (bound
by "has A $v" or "$v isa A" for an attribute type A). Between two other
variables it stays the concept inequality of 1.3+.`,
	Apply: func(p *Pass) {
		legacy := map[string]bool{}
		for _, f := range p.Inputs() {
			if p.Opts.dialectOf(f) != grammar.Graql10 {
				continue
			}
			for _, ft := range f.Features {
				if ft.Name == "val" || ft.Name == "=" {
					legacy[f.Name] = true
				}
			}
		}
		attrs := p.attributeLabels()
		p.RuleBodies(func(rule string, _ grammar.Stmt, b *grammar.Block, _ bool) {
			attrVars := attributeVars(b, attrs)
			dropVal := func(pr *grammar.Predicate) {
				if pr != nil && pr.Val.IsValid() {
					p.Report(pr, diag.Translated, "≤1.2 val dropped before the value")
					pr.Val = grammar.Pos{}
				}
			}
			walkStatements(b, func(st *grammar.PatternStmt) {
				for _, pr := range st.Props {
					if h, ok := pr.(*grammar.HasValueProp); ok {
						dropVal(h.Pred)
					}
				}
				pr := st.Value
				if pr == nil {
					return
				}
				dropVal(pr)
				switch pr.Op {
				case "=":
					if !legacy[p.fileOf(pr)] {
						return
					}
					pr.Op = "=="
					p.Report(pr, diag.Translated, "≤1.2 value equality = read as ==")
				case "!=":
					if !legacy[p.fileOf(pr)] {
						return
					}
					v, isVar := pr.Operand.(*grammar.Var)
					if isVar && !(st.Var != nil && attrVars[st.Var.Name] && attrVars[v.Name]) {
						return
					}
					pr.Op = "!=="
					p.Report(pr, diag.Translated, "≤1.2 value inequality != read as !==")
				}
			})
		})
	},
}

// attributeLabels returns the labels of the attribute types declared in
// the schema (direct or indirect subtypes of attribute), from the syntax
// alone so that section A needs no model.
func (p *Pass) attributeLabels() map[string]bool {
	super := map[string]string{}
	for _, s := range p.Schema.Stmts {
		if ts, ok := s.(*grammar.TypeStmt); ok && ts.Subject != nil {
			if sp := subProp(ts); sp != nil {
				super[ts.Subject.Name] = sp.Type.Name
			}
		}
	}
	out := map[string]bool{}
	for l := range super {
		seen := map[string]bool{}
		for s := l; s != "" && !seen[s]; s = super[s] {
			seen[s] = true
			if s == "attribute" {
				out[l] = true
				break
			}
		}
	}
	return out
}

// attributeVars returns the variables of b bound to attributes: "has A $v",
// "$v isa A" with A an attribute type, or "$v <value>".
func attributeVars(b *grammar.Block, attrs map[string]bool) map[string]bool {
	out := map[string]bool{}
	walkStatements(b, func(st *grammar.PatternStmt) {
		if st.Var != nil && st.Value != nil && st.Value.Op == "" {
			out[st.Var.Name] = true
		}
		for _, pr := range st.Props {
			switch pr := pr.(type) {
			case *grammar.HasValueProp:
				if pr.Var != nil {
					out[pr.Var.Name] = true
				}
			case *grammar.IsaProp:
				if st.Var != nil && attrs[pr.Type.Name] {
					out[st.Var.Name] = true
				}
			}
		}
	})
	return out
}

// declOf returns the node that declares label (a statement subject, a
// related role or a rule label), or nil.
func (p *Pass) declOf(label string) grammar.Node {
	var found grammar.Node
	p.eachRef(func(r *grammar.TypeRef, k refKind) {
		if found == nil && r.Name == label && (k == refSubject || k == refRelates || k == refRule) {
			found = r
		}
	})
	return found
}

// fileOf returns the input file a node came from, "" when unknown.
func (p *Pass) fileOf(n grammar.Node) string { return p.conv.FileOf(n) }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
