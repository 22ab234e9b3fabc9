package grammar

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// genSchema builds a schema of at least size bytes from corpus-like
// statements, renamed per copy so that labels stay distinct: comments,
// attribute, entity and relation types, and a rule with a negation.
func genSchema(size int, v2 bool) string {
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
	return b.String()
}

func TestGenSchemaParses(t *testing.T) {
	for _, v2 := range []bool{false, true} {
		src := genSchema(20_000, v2)
		f, diags := Parse("gen", []byte(src))
		if len(diags) > 0 {
			t.Fatalf("v2=%v: %v", v2, diags)
		}
		if errs := checkTree(src, f); len(errs) > 0 {
			t.Fatalf("v2=%v: %v", v2, errs[0])
		}
		want := Graql15
		if v2 {
			want = TypeQL2
		}
		if f.Dialect() != want {
			t.Errorf("v2=%v: dialect %v, want %v", v2, f.Dialect(), want)
		}
	}
}

func benchParse(b *testing.B, src []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	cpu := cpuTime()
	for b.Loop() {
		if _, diags := Parse("bench", src); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
	// CPU time says what the parse costs whatever else the machine runs;
	// with statements parsed on several goroutines it exceeds wall time.
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkParseLargestCorpus parses the largest schema of the shared corpus.
func BenchmarkParseLargestCorpus(b *testing.B) {
	var best []byte
	for _, name := range corpusFiles(b) {
		if src, err := os.ReadFile(name); err == nil && len(src) > len(best) {
			best = src
		}
	}
	benchParse(b, best)
}

// BenchmarkParseGenerated5MB parses a generated 5 MB Graql 1.x schema.
func BenchmarkParseGenerated5MB(b *testing.B) {
	benchParse(b, []byte(genSchema(5<<20, false)))
}

// BenchmarkParseGenerated5MBv2 parses a generated 5 MB TypeQL 2.x schema.
func BenchmarkParseGenerated5MBv2(b *testing.B) {
	benchParse(b, []byte(genSchema(5<<20, true)))
}

// BenchmarkLex compares the hand-written lexer with the regexp one.
func BenchmarkLex(b *testing.B) {
	src := genSchema(1<<20, false)
	for _, def := range []struct {
		name string
		def  lexer.Definition
	}{{"hand", Lexer}, {"regexp", refLexer}} {
		b.Run(def.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				l, _ := def.def.(lexer.StringDefinition).LexString("bench", src)
				for {
					t, err := l.Next()
					if err != nil {
						b.Fatal(err)
					}
					if t.EOF() {
						break
					}
				}
			}
		})
	}
}

// BenchmarkParseStatement parses single statements with the statement
// parser alone: its allocs/op, which do not depend on the machine's load,
// show what each shape of statement costs participle.
func BenchmarkParseStatement(b *testing.B) {
	for _, c := range []struct{ name, src string }{
		{"bare", "x sub entity;"},
		{"sub", "x sub entity, sub y;"},
		{"has", "x sub entity, has y;"},
		{"owns-key", "x sub entity, owns y @key;"},
		{"plays", "x sub entity, plays y:z;"},
		{"value", "x sub attribute, value string;"},
		{"rule-1x", "x sub rule, when { $x isa y; }, then { $x isa y; };"},
		{"rule-tuple", "rule r: when { (a: $x, b: $y) isa y; } then { $x isa y; };"},
		{"rule-pred", "rule r: when { $x has a >= 18; } then { $x isa y; };"},
		{"rule-not", "rule r: when { not { $x is $y; }; } then { $x isa y; };"},
	} {
		toks, _ := scanAll("bench", c.src)
		eof := toks[len(toks)-1].Pos
		toks = toks[:len(toks)-1]
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parseAlone(toks, eof); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
