package format

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tqlmig/tqlmig/grammar"
)

// sample is one schema text to round-trip.
type sample struct {
	name string
	src  []byte
}

// loadSamples gathers every schema of ../shared/corpus/v1, v2 and exports,
// the define/undefine docstrings of the behaviour suite, the reference
// examples and the bundled testdata/schemas; whatever of these exists.
func loadSamples() []sample {
	var out []sample
	add := func(dir string, keep func(string) bool) {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !keep(path) {
				return nil
			}
			src, err := os.ReadFile(path)
			if err == nil {
				out = append(out, sample{path, src})
			}
			return nil
		})
	}
	schema := func(p string) bool { return strings.HasSuffix(p, ".gql") || strings.HasSuffix(p, ".tql") }
	add(filepath.Join(corpusDir, "v1"), schema)
	add(filepath.Join(corpusDir, "v2"), schema)
	add(filepath.Join(corpusDir, "exports"), schema)
	add(filepath.Join(corpusDir, "..", "ref", "examples"), schema)
	add(filepath.Join("..", "testdata", "schemas"), schema)
	features, _ := filepath.Glob(filepath.Join(corpusDir, "behaviour", "*.feature"))
	for _, name := range features {
		src, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		for i, doc := range featureDocstrings(string(src)) {
			out = append(out, sample{name + "#" + strconv.Itoa(i), []byte(doc)})
		}
	}
	return out
}

// featureDocstrings returns the docstrings of the "typeql define" and
// "typeql undefine" steps of a Gherkin file, dedented.
func featureDocstrings(src string) []string {
	lines := strings.Split(src, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		step := strings.TrimSpace(lines[i])
		if !strings.Contains(step, "typeql define") && !strings.Contains(step, "typeql undefine") {
			continue
		}
		if i+1 >= len(lines) || strings.TrimSpace(lines[i+1]) != `"""` {
			continue
		}
		indent := strings.Index(lines[i+1], `"""`)
		var b strings.Builder
		for i += 2; i < len(lines) && strings.TrimSpace(lines[i]) != `"""`; i++ {
			l := lines[i]
			if len(l) >= indent && strings.TrimSpace(l[:indent]) == "" {
				l = l[indent:]
			}
			b.WriteString(l + "\n")
		}
		out = append(out, b.String())
	}
	return out
}

// astOptions compare trees while ignoring positions, and the dialect
// features that only record comma placement (the printer writes commas
// where 1.0–1.4 allowed leaving them out).
var astOptions = cmp.Options{
	cmpopts.IgnoreTypes(grammar.Pos{}),
	cmpopts.IgnoreFields(grammar.File{}, "Name", "Features"),
}

// featureNames is f's set of dialect features, without the comma ones.
func featureNames(f *grammar.File) []string {
	seen := map[string]bool{}
	for _, ft := range f.Features {
		switch ft.Name {
		case "no-comma", "comma-first", "trailing-comma":
			continue
		}
		seen[ft.Name] = true
	}
	var out []string
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// commentTexts lists the comments of f in source order.
func commentTexts(f *grammar.File) []string {
	var cs []*grammar.Comment
	grammar.Inspect(f, func(n grammar.Node) bool {
		if c, ok := n.(*grammar.Comment); ok {
			cs = append(cs, c)
		}
		if g, ok := n.(*grammar.CommentGroup); ok {
			cs = append(cs, g.List...)
			return false
		}
		return true
	})
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Hash.Offset < cs[j].Hash.Offset })
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Text
	}
	return out
}

// roundTrip parses src, prints it in Preserve style, parses the output and
// compares: same tree (positions aside), same comments in the same order,
// same dialect features, and printing again gives the same text. It returns
// false when src itself does not parse.
func roundTrip(t testing.TB, name string, src []byte) bool {
	t.Helper()
	f1, d1 := grammar.Parse(name, src)
	if d1.HasErrors() {
		return false
	}
	var out1 bytes.Buffer
	if err := Print(&out1, f1); err != nil {
		t.Fatalf("%s: the printer failed on a tree the parser accepted: %v", name, err)
	}
	f2, d2 := grammar.Parse(name, out1.Bytes())
	if d2.HasErrors() {
		t.Fatalf("%s: printed output does not parse: %v\n%s", name, d2, out1.Bytes())
	}
	if diff := cmp.Diff(f1, f2, astOptions); diff != "" {
		t.Fatalf("%s: tree changed by printing (-before +after):\n%s\noutput:\n%s", name, diff, out1.Bytes())
	}
	if diff := cmp.Diff(featureNames(f1), featureNames(f2)); diff != "" {
		t.Fatalf("%s: dialect features changed by printing:\n%s", name, diff)
	}
	if diff := cmp.Diff(commentTexts(f1), commentTexts(f2)); diff != "" {
		t.Fatalf("%s: comments changed by printing:\n%s", name, diff)
	}
	var out2 bytes.Buffer
	if err := Print(&out2, f2); err != nil {
		t.Fatalf("%s: printing the output again: %v", name, err)
	}
	if !bytes.Equal(out1.Bytes(), out2.Bytes()) {
		t.Fatalf("%s: printing is not idempotent:\n%s", name, lineDiff(out1.String(), out2.String()))
	}
	return true
}

// TestRoundTrip is the round-trip acceptance test over the whole corpus.
func TestRoundTrip(t *testing.T) {
	samples := loadSamples()
	if len(samples) == 0 {
		t.Skip("no corpus and no testdata/schemas")
	}
	ok, skipped := 0, 0
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			if roundTrip(t, s.name, s.src) {
				ok++
			} else {
				skipped++
			}
		})
	}
	t.Logf("%d samples round-tripped, %d skipped because they do not parse", ok, skipped)
}
