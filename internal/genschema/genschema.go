// Package genschema generates large schemas for benchmarks: corpus-like
// statements repeated with fresh labels, so that size is the only thing
// that grows.
package genschema

import (
	"fmt"
	"strings"
)

// Generate builds a schema of at least size bytes: per copy, comments,
// attribute, entity and relation types (every role played, so that the
// rule can match), and a rule with a negation, each
// label suffixed with the copy's number. v2 writes TypeQL 2.x, otherwise
// Graql 1.x (1.5–1.7 datatype syntax).
func Generate(size int, v2 bool) []byte {
	var b strings.Builder
	b.WriteString("# generated schema\ndefine\n\n")
	for i := 0; b.Len() < size; i++ {
		if v2 {
			fmt.Fprintf(&b, `## block %[1]d: people and their jobs
name-%[1]d sub attribute, value string;
age-%[1]d sub attribute, value long; # years
started-%[1]d sub attribute, value datetime;
person-%[1]d sub entity,
    owns name-%[1]d @key,
    owns age-%[1]d,
    plays employment-%[1]d:employee,
    plays friendship-%[1]d:friend;
company-%[1]d sub entity,
    owns name-%[1]d @key,
    plays employment-%[1]d:employer;
employment-%[1]d sub relation,
    relates employee,
    relates employer,
    owns started-%[1]d;
friendship-%[1]d sub relation, relates friend;

rule colleagues-are-friends-%[1]d:
when {
    (employee: $x, employer: $c) isa employment-%[1]d;
    (employee: $y, employer: $c) isa employment-%[1]d;
    not { $x is $y; };
    $x has age-%[1]d >= 18;
} then {
    (friend: $x, friend: $y) isa friendship-%[1]d;
};

`, i)
			continue
		}
		fmt.Fprintf(&b, `## block %[1]d: people and their jobs
name-%[1]d sub attribute, datatype string;
age-%[1]d sub attribute, datatype long; # years
started-%[1]d sub attribute, datatype date;
person-%[1]d sub entity,
    key name-%[1]d,
    has age-%[1]d,
    plays employee-%[1]d,
    plays friend-%[1]d;
company-%[1]d sub entity,
    key name-%[1]d,
    plays employer-%[1]d;
employment-%[1]d sub relation,
    relates employee-%[1]d,
    relates employer-%[1]d,
    has started-%[1]d;
friendship-%[1]d sub relation, relates friend-%[1]d;

colleagues-are-friends-%[1]d sub rule,
when {
    (employee-%[1]d: $x, employer-%[1]d: $c) isa employment-%[1]d;
    (employee-%[1]d: $y, employer-%[1]d: $c) isa employment-%[1]d;
    $x != $y;
    $x has age-%[1]d >= 18;
}, then {
    (friend-%[1]d: $x, friend-%[1]d: $y) isa friendship-%[1]d;
};

`, i)
	}
	return []byte(b.String())
}
