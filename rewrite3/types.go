package rewrite3

import (
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

var rootToKind = &Rule{
	Name: "root-to-kind",
	Doc: `a type's kind keyword replaces its root supertype

	person sub entity, owns name;     →   entity person, owns name;
	student sub person;               →   entity student sub person;
	person owns email;                →   person owns email;   (extends; no kind needed)

3.x has no root types thing, entity, relation and attribute: a type is
introduced with its kind. The statement that gives a type its supertype
gets the kind; statements that only add capabilities stay as they are.`,
	Apply: func(p *Pass) {
		m := p.Model()
		for _, ts := range p.TypeStmts() {
			if ts.Kind != "" {
				continue
			}
			var sp *grammar.SubProp
			for _, pr := range ts.Props {
				if s, ok := pr.(*grammar.SubProp); ok {
					sp = s
					break
				}
			}
			if sp == nil {
				continue
			}
			if isRootRef(sp.Type) {
				if sp.Type.Name == "thing" {
					p.Note(sp, diag.Lost, "%s sub thing has no 3.x form", ts.Subject.Name).
						Detail = "3.x types are entity, relation or attribute types; choose the kind and write it before the label."
					continue
				}
				ts.Kind, ts.KindPos = sp.Type.Name, ts.Subject.NamePos
				p.DeleteProp(ts, sp)
				p.Report(ts.Subject, diag.Translated, "%s sub %s written as %s %s", ts.Subject.Name, sp.Type.Name, sp.Type.Name, ts.Subject.Name)
				continue
			}
			t := m.Type(ts.Subject.Name)
			var k concept.Kind
			if t != nil {
				k = t.Kind()
			}
			switch k {
			case concept.Entity, concept.Relation, concept.Attribute:
				ts.Kind, ts.KindPos = k.String(), ts.Subject.NamePos
				p.Report(ts.Subject, diag.Translated, "kind %s written before %s (a subtype of %s)", k, ts.Subject.Name, sp.Type)
			default:
				p.Note(ts.Subject, diag.Approximated, "kind of %s unknown: its supertype chain does not reach entity, relation or attribute", ts.Subject.Name).
					Detail = "3.x needs the kind of a new type (entity, relation or attribute) before its label. Define the supertype, or write the kind by hand."
			}
		}
	},
}

var longToInteger = &Rule{
	Name: "long-to-integer",
	Doc: `value type long is written integer

	age sub attribute, value long;    →   attribute age, value integer;

3.x renamed the 64-bit integer value type; the data is read the same way
(field 3 of an exported value).`,
	Apply: func(p *Pass) {
		for _, ts := range p.TypeStmts() {
			for _, pr := range ts.Props {
				if v, ok := pr.(*grammar.ValueTypeProp); ok && v.Type == "long" {
					v.Type = "integer"
					p.Report(v, diag.Translated, "value long of %s written value integer", ts.Subject.Name)
				}
			}
		}
	},
}

var abstractAnnotation = &Rule{
	Name: "abstract-annotation",
	Doc: `abstract becomes the @abstract annotation

	person sub entity, abstract;      →   entity person @abstract;

3.x writes type annotations right after the label.`,
	Apply: func(p *Pass) {
		for _, ts := range p.TypeStmts() {
			for _, pr := range Props(ts) {
				a, ok := pr.(*grammar.AbstractProp)
				if !ok {
					continue
				}
				if annot(ts.Annotations, "abstract") == nil {
					ts.Annotations = append(ts.Annotations, &grammar.Annotation{At: a.Abstract, Name: "abstract"})
				}
				moveTrivia(&ts.Trivia, pr.Comments())
				*pr.Comments() = grammar.Trivia{}
				p.DeleteProp(ts, pr)
				p.Report(a, diag.Translated, "abstract of %s written @abstract", ts.Subject.Name)
			}
		}
	},
}

var regexAnnotation = &Rule{
	Name: "regex-annotation",
	Doc: `regex becomes @regex, anchored, on the value type

	code sub attribute, value string, regex "[a-z]+";   →   attribute code, value string @regex("^(?:[a-z]+)$");
	code sub attribute, value string, regex "^[a-z]+$"; →   attribute code, value string @regex("^[a-z]+$");
	code regex "a|b";                                   →   code value string @regex("^(?:a|b)$");
	code regex "\d";                                    →   code value string @regex("^(?:[0-9])$");

3.x constrains values with annotations on the value capability. A
statement with a regex but no value type gets the type's value type.

1.x and 2.x accept a value only when the regex matches all of it
(typedb/typedb@1.8.4:concept/impl/AttributeTypeImpl.java
checkConformsToRegexes, Pattern.matches; typedb/typedb@2.29.1:
concept/type/impl/AttributeTypeImpl.java String.put and setRegex,
Matcher.matches), while 3.x accepts it when the regex matches anywhere in
it (typedb/typedb@3.10.4:concept/type_/annotation.rs
AnnotationRegex::value_valid, Regex::is_match). The pattern is therefore
written as ^(?:R)$, unless it already starts with ^ or \A and ends with $
or \z outside any group and alternation. Rust's $ is the end of the value
(rust-lang/regex@1.12.3:src/lib.rs "Empty matches"), and flags set inside
(?:…) end with it. An empty regex (only "" matched) becomes ^(?:)$, which
3.x takes; it refuses an empty one (AnnotationRegex::validate).

Both servers read the text between the quotes as the regex (Graql 1.x and
TypeQL 2.x drop only the backslash of \/: graknlabs/graql@1.0.8 and
typedb/typeql@2.28.6 Parser.getRegex; 3.x only that of \":
typedb/typeql@3.10.4:rust/value.rs StringLiteral::unescape_regex), so
quotes and backslashes are kept as written. Java's syntax
(java.util.regex.Pattern) and the Rust crate's (rust-lang/regex
regex-syntax-0.8.10:regex-syntax/src/ast/parse.rs parse_escape; 3.10.4
locks regex 1.12.3) differ, so where the meaning can be kept the
pattern is rewritten: "." becomes a class without Java's line
terminators, \d \w \s (ASCII in Java) become ASCII classes, \v
(vertical whitespace in Java) a class, \p{Alpha} and the other POSIX
names Rust's [[:alpha:]], \< and \> (literals in Java) the bare
character, Java's u flag (Rust's (?i) is always Unicode) is dropped. A
few constructs keep a slightly different meaning and are reported
approximated: (?i) without u, (?m), \b, a $ followed by more pattern.
What 3.x refuses at define time
(typedb/typedb@3.10.4:concept/type_/type_manager.rs set_annotation_regex,
validate_regex_arguments: InvalidRegexArguments) or has no form for
(lookaround, atomic groups, backreferences, possessive quantifiers,
\p{javaX}, Unicode blocks, \Q…\E, \h \R \X \G \Z and other Java-only
escapes, the (?d) and (?U) flags) is reported lost and the regex is left
out, so the define does not fail.`,
	Apply: func(p *Pass) {
		m := p.Model()
		for _, ts := range p.TypeStmts() {
			for _, pr := range Props(ts) {
				rx, ok := pr.(*grammar.RegexProp)
				if !ok {
					continue
				}
				if rx.Pattern.Kind != grammar.StringLit || len(rx.Pattern.Raw) < 2 {
					p.Report(rx, diag.Lost, "regex %s of %s is not a string literal", rx.Pattern.Raw, ts.Subject.Name)
					p.DeleteProp(ts, rx)
					continue
				}
				lit := rx.Pattern.Raw
				rp := javaToRust(lit[1 : len(lit)-1])
				if len(rp.lost) > 0 {
					p.Report(rx, diag.Lost, "regex %s of %s left out: 3.x has no form for %s", lit, ts.Subject.Name, strings.Join(rp.lost, ", ")).
						Detail = "TypeDB 3.x reads @regex with the Rust regex crate, which refuses these Java constructs or reads them otherwise; a pattern it refuses fails the whole define. Write an equivalent @regex by hand, anchored as ^(?:…)$ since 3.x accepts a match anywhere in the value."
					p.DeleteProp(ts, rx)
					continue
				}
				var vt *grammar.ValueTypeProp
				for _, x := range ts.Props {
					if v, ok := x.(*grammar.ValueTypeProp); ok {
						vt = v
					}
				}
				if vt == nil {
					typ := ""
					if t := m.Type(ts.Subject.Name); t != nil {
						typ, _ = t.ValueType()
					}
					if typ == "" {
						p.Report(rx, diag.Lost, "regex of %s dropped: its value type is unknown", ts.Subject.Name).
							Detail = "3.x writes a regex as @regex(…) on the value type (value string @regex(…)); define the value type and add it by hand."
						p.DeleteProp(ts, rx)
						continue
					}
					if typ == "long" {
						typ = "integer"
					}
					vt = &grammar.ValueTypeProp{Keyword: rx.Regex, Type: typ, TypePos: rx.Regex}
					for i, x := range ts.Props {
						if x == pr {
							moveTrivia(&vt.Trivia, x.Comments())
							ts.Props[i] = vt
						}
					}
				} else {
					moveTrivia(vt.Comments(), rx.Comments())
					*rx.Comments() = grammar.Trivia{}
					p.DeleteProp(ts, rx)
				}
				out := lit[:1] + rp.wholeMatch() + lit[len(lit)-1:]
				vt.Annots = append(vt.Annots, &grammar.Annotation{At: rx.Regex, Name: "regex", HasParens: true, Args: out})
				reportRegex(p, rx, ts.Subject.Name, lit, out, rp)
			}
		}
	},
}

// reportRegex reports how a regex was carried to 3.x: as written when it was
// already anchored and means the same, otherwise with what changed and why.
func reportRegex(p *Pass, rx *grammar.RegexProp, owner, from, to string, rp *rustPattern) {
	class, why := diag.Translated, ""
	if !rp.anchored {
		why = "3.x accepts a value when the pattern matches anywhere in it, 1.x/2.x only when it matches the whole value"
	}
	if len(rp.changed) > 0 {
		if why != "" {
			why += "; "
		}
		why += "rewritten for 3.x's regex syntax: " + strings.Join(rp.changed, ", ")
	}
	if len(rp.approx) > 0 {
		class = diag.Approximated
	}
	if why == "" && class == diag.Translated {
		p.Report(rx, class, "regex of %s written as @regex(%s) on its value type", owner, to)
		return
	}
	d := p.Report(rx, class, "regex %s of %s written as @regex(%s)", from, owner, to)
	if why != "" {
		d.Message += ": " + why
	}
	if class == diag.Approximated {
		d.Detail = "3.x reads these parts of the pattern slightly differently from Java: " + strings.Join(rp.approx, "; ") + ". Check the values the regex must accept or refuse."
	}
}

var overrideRemoved = &Rule{
	Name: "override-removed",
	Doc: `owns … as and plays … as lose their "as"

	child sub person, owns nickname as name;   →   entity child sub person, owns nickname @card(0..);
	boss sub person, plays org:head as member; →   entity boss sub person, plays org:head;

3.x has no overrides of ownerships or played roles (only relates … as
specialises a role). The subtype keeps the new ownership or role but also
inherits the one it used to hide, so it may now own both attributes or
play both roles. The report names each, so the application (or a
cardinality on the inherited capability) can keep the old rule.`,
	Apply: func(p *Pass) {
		for _, ts := range p.TypeStmts() {
			for _, pr := range ts.Props {
				switch pr := pr.(type) {
				case *grammar.OwnsProp:
					if pr.As == nil {
						continue
					}
					as := pr.As
					pr.As = nil
					p.Report(pr, diag.Approximated, "owns %s as %s of %s written owns %s: 3.x has no ownership overrides", pr.Attr, as, ts.Subject.Name, pr.Attr).
						Detail = fmt.Sprintf("In 2.x, %s owned %s instead of the inherited %s. In 3.x it owns %s and still inherits owns %s, so its instances may own both. If that must not happen, move owns %s from the supertype down to the subtypes that need it.", ts.Subject.Name, pr.Attr, as, pr.Attr, as, as)
				case *grammar.PlaysProp:
					if pr.As == nil {
						continue
					}
					as := pr.As
					pr.As = nil
					p.Report(pr, diag.Approximated, "plays %s as %s of %s written plays %s: 3.x has no overrides of played roles", pr.Role, as, ts.Subject.Name, pr.Role).
						Detail = fmt.Sprintf("In 2.x, %s played %s instead of the inherited %s. In 3.x it plays %s and still inherits plays %s. If that must not happen, move plays %s from the supertype down to the subtypes that need it.", ts.Subject.Name, pr.Role, as, pr.Role, as, as)
				}
			}
		}
	},
}

var attributeCapabilities = &Rule{
	Name: "attribute-capabilities",
	Doc: `attribute types lose their owns and plays

	currency sub attribute, value string, owns code;   →   attribute currency, value string;  (lost)
	name sub attribute, value string, plays tag:label; →   attribute name, value string;      (lost)

3.x attributes cannot own attributes nor play roles, and its importer
rejects attribute items that own attributes (AttributesOwningAttributes)
and never resolves an attribute as a role player. The capability is
removed and reported as lost with the remedy: reify what the attribute
carried as an entity (or relation) that owns the attribute and the rest.`,
	Apply: func(p *Pass) {
		m := p.Model()
		for _, ts := range p.TypeStmts() {
			t := m.Type(ts.Subject.Name)
			if t == nil || t.Kind() != concept.Attribute {
				continue
			}
			for _, pr := range Props(ts) {
				switch pr := pr.(type) {
				case *grammar.OwnsProp:
					p.DeleteProp(ts, pr)
					note := ""
					if c := p.Opts.Data; c != nil && pr.Attr != nil {
						if cnt := c.Owns[[2]string{ts.Subject.Name, pr.Attr.Name}]; cnt != nil && cnt.With > 0 {
							note = fmt.Sprintf("; %s holds %d %s attributes owning %s, which will not import", c.Name, cnt.With, ts.Subject.Name, pr.Attr.Name)
						}
					}
					p.Report(pr, diag.Lost, "attribute %s cannot own %s in 3.x: ownership removed%s", ts.Subject.Name, pr.Attr, note).
						Detail = fmt.Sprintf("3.x attributes cannot own attributes, and its importer rejects an attribute item that owns any (AttributesOwningAttributes). Reify the pair: define an entity (say %s-record) that owns %s and %s, and after the import create one for each owning %s with a match-insert. Until then the export must not carry these ownerships: tqlmig check --to 3 lists them.", ts.Subject.Name, ts.Subject.Name, pr.Attr, ts.Subject.Name)
				case *grammar.PlaysProp:
					p.DeleteProp(ts, pr)
					p.Report(pr, diag.Lost, "attribute %s cannot play %s in 3.x: role removed", ts.Subject.Name, pr.Role).
						Detail = fmt.Sprintf("3.x attributes cannot play roles, and its importer never resolves an attribute as a player. Define an entity that owns %s and plays %s, and after the import create one per %s with a match-insert. tqlmig check --to 3 lists the role players the export still has.", ts.Subject.Name, pr.Role, ts.Subject.Name)
				}
			}
		}
	},
}

var playsDeclaringScope = &Rule{
	Name: "plays-declaring-scope",
	Doc: `a played role is named by the relation that declares it

	parentship sub relation, relates parent;
	fatherhood sub parentship;
	man sub person, plays fatherhood:parent;   →   entity man sub person, plays parentship:parent;

3.x looks role types up by their exact label, which is scoped by the
declaring relation, both in the schema and in imported data.`,
	Apply: func(p *Pass) {
		m := p.Model()
		for _, ts := range p.TypeStmts() {
			for _, pr := range Props(ts) {
				pl, ok := pr.(*grammar.PlaysProp)
				if !ok || pl.Role.Var || pl.Role.Scope == "" {
					continue
				}
				rel := m.Type(pl.Role.Scope)
				if rel == nil {
					continue
				}
				rt := rel.RoleByName(pl.Role.Name)
				if rt == nil || rt.Scope == "" || rt.Scope == pl.Role.Scope {
					continue
				}
				old := pl.Role.String()
				pl.Role.Scope = rt.Scope
				if playsElsewhere(p, ts, pl) {
					p.DeleteProp(ts, pl)
					p.Report(pl, diag.Translated, "plays %s of %s removed: it names the role %s, which %s already plays", old, ts.Subject.Name, pl.Role, ts.Subject.Name)
					continue
				}
				p.Report(pl, diag.Translated, "plays %s of %s written plays %s, the role's declaring relation", old, ts.Subject.Name, pl.Role)
			}
		}
	},
}

var undefineDropped = &Rule{
	Name: "undefine-dropped",
	Doc: `undefine queries are reported, not converted

	undefine person owns email;   →   (removed; 3.x writes: undefine owns email from person;)

3.x undefine names the capability and the type it is removed from, and
the 3.x importer takes one define as the schema. Convert leaves undefine
queries out and reports each.`,
	Apply: func(p *Pass) {
		for _, q := range p.Undefines {
			p.Report(q, diag.Lost, "undefine query left out: the 3.x schema is one define").
				Detail = "3.x undefine says what to remove from which type (undefine owns email from person; undefine @key from person owns email;). Apply the removal to the 2.x schema before converting, or run it by hand on the 3.x database."
		}
	},
}

// playsElsewhere reports whether a statement about ts's type other than pl
// already plays pl's role.
func playsElsewhere(p *Pass, ts *grammar.TypeStmt, pl *grammar.PlaysProp) bool {
	for _, s := range p.TypeStmts() {
		if s.Subject.Name != ts.Subject.Name {
			continue
		}
		for _, pr := range s.Props {
			if o, ok := pr.(*grammar.PlaysProp); ok && o != pl && !o.Role.Var && o.Role.Scope == pl.Role.Scope && o.Role.Name == pl.Role.Name {
				return true
			}
		}
	}
	return false
}

var abstractUnderConcrete = &Rule{
	Name: "abstract-under-concrete",
	Doc: `an abstract type under a concrete supertype loses @abstract

	animal sub entity;                 →   entity animal;
	dog sub animal, abstract;          →   entity dog sub animal;

TypeDB 3.x requires an abstract type's supertype to be abstract too
(typedb/typedb@3.10.4:concept/type_/type_manager/validation/validation.rs
validate_type_supertype_abstractness); 2.x allowed it. Of the two repairs,
dropping @abstract from the subtype keeps every instance of the old
database importable (it had none of the subtype itself), while making the
supertype abstract would refuse the supertype's own instances. Approximated:
the subtype may now have instances of its own.`,
	Apply: func(p *Pass) {
		m := p.Model()
		// abstract tells whether t stays abstract: it is, and so is its
		// supertype after this rule, so that a chain of abstract types
		// under a concrete one loses @abstract all the way down.
		memo := map[*schema.Type]bool{}
		var abstract func(t *schema.Type) bool
		abstract = func(t *schema.Type) bool {
			if v, ok := memo[t]; ok {
				return v
			}
			memo[t] = t.IsAbstract() // a cycle stops here
			sup := t.Super()
			v := t.IsAbstract() && (t.InCycle() || sup == nil || sup.IsRoot() || abstract(sup))
			memo[t] = v
			return v
		}
		for _, ts := range p.TypeStmts() {
			a := annot(ts.Annotations, "abstract")
			t := m.Type(ts.Subject.Name)
			if a == nil || t == nil || t.InCycle() {
				continue
			}
			sup := t.Super()
			if sup == nil || sup.IsRoot() || abstract(sup) {
				continue
			}
			var keep []*grammar.Annotation
			for _, x := range ts.Annotations {
				if x != a {
					keep = append(keep, x)
				}
			}
			ts.Annotations = keep
			why := "is not abstract"
			if sup.IsAbstract() {
				why = "loses @abstract too"
			}
			p.Report(ts.Subject, diag.Approximated, "%s is no longer @abstract: its supertype %s %s, and TypeDB 3.x requires an abstract type's supertype to be abstract", ts.Subject.Name, sup.Label, why)
			if len(ts.Props) == 0 && ts.Kind == "" && len(ts.Annotations) == 0 {
				p.DeleteStmt(ts) // "t abstract;" alone: nothing left to say
			}
		}
	},
}
