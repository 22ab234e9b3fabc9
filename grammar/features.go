package grammar

// featureDialects maps each dialect feature the parser records to the
// dialects that accept it, per the reference (typeql-1x-to-2x.md §0–§3).
// Constructs every dialect accepts are not recorded.
var featureDialects = map[string]Dialect{
	// Value types and their keyword.
	"datatype":         Graql10 | Graql15,                     // "datatype T" (≤1.7)
	"value-type":       Graql18 | TypeQL2 | TypeQL3,           // "value T" (1.8+)
	"date":             Graql10 | Graql15 | TypeQL3,           // value type date (≤1.7; 3.x again)
	"datetime":         Graql18 | TypeQL2 | TypeQL3,           // value type datetime (1.8+)
	"long":             AnyGraql1 | TypeQL2,                   // renamed integer in 3.x
	"value-type-3":     TypeQL3,                               // integer, decimal, datetime-tz, duration, struct names
	"is-abstract":      Graql10,                               // ≤1.4 spelling of abstract
	"abstract":         Graql15 | Graql18 | TypeQL2,           // an annotation (@abstract) in 3.x
	"relationship":     Graql10,                               // ≤1.4 root relation type
	"relation":         Graql15 | Graql18 | TypeQL2 | TypeQL3, // "sub relation": the 1.5+ root
	"no-comma":         Graql10,                               // properties without commas
	"quoted-label":     Graql10 | Graql15,                     // ≤1.4 and graql 1.0.0 (Grakn 1.5.0–1.5.1)
	"underscore-label": Graql10 | Graql15,                     // same versions as quoted labels
	"slash-regex":      Graql10,                               // regex /…/ and /…/ predicates
	"label-prop":       Graql10,                               // "label L" (later "type L")
	"val":              Graql10,                               // ≤1.2 "val" before a value
	"value-prop":       Graql10,                               // a value after other properties ($y isa name "x")
	"implicit-type":    Graql10 | Graql15,                     // @has-…, @key-… labels (≤1.7)
	"via":              Graql10 | Graql15,                     // "has A $v via $r" (≤1.7)
	"has-type":         AnyGraql1,                             // type-level "has A"
	"key":              AnyGraql1,                             // "key A" (2.x: owns A @key)
	"plays-unscoped":   AnyGraql1,                             // "plays R" with a bare role
	"sub-rule":         AnyGraql1,                             // "L sub rule"
	"rule-props":       AnyGraql1,                             // when/then as type properties
	"id":               AnyGraql1,                             // "id V123" (2.x: iid)
	"!==":              AnyGraql1,                             // 1.x value inequality
	"=":                Graql10 | TypeQL2,                     // value equality "=" (≤1.2, 2.0–2.17)
	"sub!":             Graql15 | Graql18 | TypeQL2 | TypeQL3, // from graql 1.0.0
	"not":              Graql15 | Graql18 | TypeQL2 | TypeQL3, // negation from graql 1.0.0
	"like":             Graql15 | Graql18 | TypeQL2,           // ≤1.4 used /re/; missing in 3.x
	"contains":         AnyGraql1 | TypeQL2,                   // missing in 3.x
	"regex-string":     Graql15 | Graql18 | TypeQL2,           // regex "…" (3.x: @regex)
	"owns":             TypeQL2 | TypeQL3,
	"@key":             TypeQL2 | TypeQL3,
	"@unique":          TypeQL2 | TypeQL3, // 2.18+
	"scoped-role":      TypeQL2 | TypeQL3, // rel:role labels
	"rule-decl":        TypeQL2,           // "rule L: when … then …" (3.x has functions instead)
	"owns-as":          TypeQL2,
	"plays-as":         TypeQL2,
	"iid":              TypeQL2 | TypeQL3,
	"is":               TypeQL2 | TypeQL3,
	"value-var":        TypeQL2, // ?v (2.18+; 3.x uses let $v)
	"expression":       TypeQL2, // arithmetic and function calls (2.18+)
	"kind":             TypeQL3, // "entity person"
	"annotation":       TypeQL3, // annotations other than @key and @unique
	"list":             TypeQL3, // owns L[], relates R[]
	"links":            TypeQL3,
	"alias":            TypeQL3,
	"fun":              TypeQL3,
	"struct":           TypeQL3,
	"redefine":         TypeQL3, // typedb/typeql@3.10.4:rust/parser/typeql.pest query_redefine
	"comma-first":      TypeQL3, // "attribute name, value string": comma before the first property
	"trailing-comma":   TypeQL3,
	"typed-tuple":      TypeQL3, // "marriage (spouse: $x)"

	// Statement shapes (typedb/typeql@3.10.4:rust/parser/typeql.pest
	// definition_type, undefinable; typeql@2.28.6:grammar/TypeQL.g4 and
	// graql@1.0.8:grammar/Graql.g4 statement_type want a property).
	"undefine-from":      TypeQL3,             // "undefine owns A from T;", "undefine @key from T owns A;", "undefine fun f;" …
	"undefine-label":     TypeQL3,             // "undefine T;": the whole type by its label
	"undefine-props":     AnyGraql1 | TypeQL2, // "undefine T owns A;": 3.x writes "undefine owns A from T;"
	"bare-label":         TypeQL3,             // "define T;" or "define T @abstract;" without a kind
	"empty-query":        TypeQL3,             // "define" or "undefine" with no statement
	"type-var":           AnyGraql1 | TypeQL2, // "$t sub entity;" in define or undefine
	"instance-in-define": Graql10,             // "$p isa person;", "$p has name …" in define
}

// Dialect returns the dialects that accept every feature the file uses:
// the intersection of f.Features, or AnyDialect when there are none. An
// empty result (0) means the file mixes dialects.
func (f *File) Dialect() Dialect {
	return dialectOf(f.Features, "")
}

// dialectOf intersects the dialects of features, skipping those named skip.
func dialectOf(features []Feature, skip string) Dialect {
	d := AnyDialect
	for _, ft := range features {
		if ft.Name != skip {
			d &= ft.Dialects
		}
	}
	return d
}
