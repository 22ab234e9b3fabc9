package format

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
)

// BenchmarkPrint prints the largest schema of the corpus in Preserve style.
func BenchmarkPrint(b *testing.B) {
	var big sample
	for _, s := range loadSamples() {
		if len(s.src) > len(big.src) {
			big = s
		}
	}
	if big.src == nil {
		b.Skip("no corpus")
	}
	f, diags := grammar.Parse(big.name, big.src)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	b.Logf("%s, %d bytes", big.name, len(big.src))
	b.ReportAllocs()
	b.SetBytes(int64(len(big.src)))
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := Print(&out, f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrintServer merges and prints the Grakn 1.8.4 schema pair.
func BenchmarkPrintServer(b *testing.B) {
	dir := needCorpus(b, "exports", "typedb-1.8.4-assembly")
	files := []*grammar.File{
		mustParse(b, filepath.Join(dir, "schema.gql")),
		mustParse(b, filepath.Join(dir, "schema-pt2.gql")),
	}
	b.ReportAllocs()
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := Files(&out, files, WithStyle(Server)); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(out.Len()))
}
