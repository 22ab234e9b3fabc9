package grammar

import (
	"os"
	"testing"

	"github.com/tqlmig/tqlmig/internal/genschema"

	"github.com/alecthomas/participle/v2/lexer"
)

// genSchema is the generated schema every package's size benchmarks
// share (internal/genschema).
func genSchema(size int, v2 bool) string { return string(genschema.Generate(size, v2)) }

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

// A first parse, untimed, grows the heap to its working size: a large
// parse's op runs once or twice in a benchmark, and the first would
// otherwise weigh the heap's growth from nothing into the steady-state
// figure. (A tqlmig run pays that growth once; see the notes for
// end-to-end timings.)
func benchParse(b *testing.B, src []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	if _, diags := Parse("bench", src); diags.HasErrors() {
		b.Fatal(diags)
	}
	b.ResetTimer()
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
