package udiff

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the diff sections of testdata/*.txtar")

// TestUnified runs testdata/*.txtar: each archive holds "old" and "new"
// and the expected "diff" of old (named a.orig) to new (named a).
func TestUnified(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sec := parseArchive(data)
			old, new := unmark(sec["old"]), unmark(sec["new"])
			got := Unified("a.orig", "a", old, new)
			if *update {
				i := bytes.Index(data, []byte("\n-- diff --\n"))
				if i < 0 {
					t.Fatal("no diff section")
				}
				data = append(data[:i+len("\n-- diff --\n")], got...)
				if err := os.WriteFile(file, data, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(sec["diff"]), string(got)); diff != "" {
				t.Errorf("Unified (-want +got):\n%s", diff)
			}
			checkApplies(t, old, new, got)
		})
	}
}

// parseArchive reads the sections of a txtar archive. (go-internal/txtar
// cannot be built with the current go.mod, which lacks golang.org/x/tools;
// this reader covers the subset the goldens use.)
func parseArchive(data []byte) map[string][]byte {
	sec := map[string][]byte{}
	name := ""
	for _, l := range bytes.SplitAfter(data, []byte("\n")) {
		s := strings.TrimSuffix(string(l), "\n")
		if strings.HasPrefix(s, "-- ") && strings.HasSuffix(s, " --") && len(s) > 6 {
			name = s[3 : len(s)-3]
			sec[name] = []byte{}
			continue
		}
		if name != "" {
			sec[name] = append(sec[name], l...)
		}
	}
	return sec
}

// unmark lets an archive hold a file without a final newline: txtar
// always ends a section with one, so a section ending in "<no newline>\n"
// loses both.
func unmark(b []byte) []byte {
	if s, ok := bytes.CutSuffix(b, []byte("<no newline>\n")); ok {
		return s
	}
	return b
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$`)

// apply applies a unified diff to old, checking each hunk's context and
// counts, so that tests can verify that a diff says what it should.
func apply(old []byte, d []byte) ([]byte, error) {
	if len(d) == 0 {
		return old, nil
	}
	oldLines := strings.SplitAfter(string(old), "\n")
	if oldLines[len(oldLines)-1] == "" {
		oldLines = oldLines[:len(oldLines)-1]
	}
	dl := strings.SplitAfter(string(d), "\n")
	if len(dl) < 3 || !strings.HasPrefix(dl[0], "--- ") || !strings.HasPrefix(dl[1], "+++ ") {
		return nil, fmt.Errorf("bad header")
	}
	var out []string
	next := 0 // next old line (0-based) not yet copied
	i := 2
	for i < len(dl) && dl[i] != "" {
		m := hunkHeader.FindStringSubmatch(strings.TrimSuffix(dl[i], "\n"))
		if m == nil {
			return nil, fmt.Errorf("line %d: bad hunk header %q", i+1, dl[i])
		}
		i++
		os, _ := strconv.Atoi(m[1])
		on, _ := strconv.Atoi(m[2])
		nn, _ := strconv.Atoi(m[4])
		start := os - 1
		if on == 0 {
			start = os
		}
		if start < next {
			return nil, fmt.Errorf("hunk at old line %d overlaps the previous one", os)
		}
		out = append(out, oldLines[next:start]...)
		next = start
		gotOld, gotNew := 0, 0
		for i < len(dl) && dl[i] != "" && !strings.HasPrefix(dl[i], "@@") {
			l := dl[i]
			i++
			if i < len(dl) && strings.HasPrefix(dl[i], `\ No newline at end of file`) {
				l = strings.TrimSuffix(l, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if next >= len(oldLines) || oldLines[next] != l[1:] {
					return nil, fmt.Errorf("old line %d: context %q does not match", next+1, l[1:])
				}
				next++
				gotOld++
				if l[0] == ' ' {
					out = append(out, l[1:])
					gotNew++
				}
			case '+':
				out = append(out, l[1:])
				gotNew++
			default:
				return nil, fmt.Errorf("bad line %q", l)
			}
		}
		if gotOld != on || gotNew != nn {
			return nil, fmt.Errorf("hunk %s counts %d,%d lines", m[0], gotOld, gotNew)
		}
	}
	out = append(out, oldLines[next:]...)
	return []byte(strings.Join(out, "")), nil
}

func checkApplies(t *testing.T, old, new, d []byte) {
	t.Helper()
	got, err := apply(old, d)
	if err != nil {
		t.Fatalf("diff does not apply: %v\n%s", err, d)
	}
	if !bytes.Equal(got, new) {
		t.Fatalf("diff applied gives %q, want %q\n%s", got, new, d)
	}
}

func TestUnifiedEqual(t *testing.T) {
	if d := Unified("a", "b", []byte("x\ny\n"), []byte("x\ny\n")); d != nil {
		t.Errorf("equal inputs gave %q", d)
	}
	if d := Unified("a", "b", nil, []byte{}); d != nil {
		t.Errorf("two empty inputs gave %q", d)
	}
}

func TestUnifiedManyLines(t *testing.T) {
	// More distinct lines than fit below the surrogate range, which a naive
	// line-to-rune mapping would corrupt.
	var a, b strings.Builder
	for i := range 70000 {
		fmt.Fprintf(&a, "line %d\n", i)
		if i%10000 == 5 {
			fmt.Fprintf(&b, "changed %d\n", i)
		} else {
			fmt.Fprintf(&b, "line %d\n", i)
		}
	}
	d := Unified("a.orig", "a", []byte(a.String()), []byte(b.String()))
	if n := strings.Count(string(d), "\n@@ "); n != 7 {
		t.Errorf("%d hunks, want 7", n)
	}
	checkApplies(t, []byte(a.String()), []byte(b.String()), d)
}

func FuzzUnified(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\n")
	f.Add("", "x")
	f.Add("x", "")
	f.Add("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\n2\nthree\n4\n5\n6\n7\n8\nnine\n10")
	f.Fuzz(func(t *testing.T, old, new string) {
		d := Unified("a.orig", "a", []byte(old), []byte(new))
		if (d == nil) != (old == new) {
			t.Fatalf("nil diff %v for equal %v", d == nil, old == new)
		}
		checkApplies(t, []byte(old), []byte(new), d)
	})
}

func BenchmarkUnified(b *testing.B) {
	var x, y strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&x, "person sub entity, owns name%d;\n", i)
		if i%97 == 0 {
			fmt.Fprintf(&y, "person sub entity, owns renamed%d;\n", i)
		} else {
			fmt.Fprintf(&y, "person sub entity, owns name%d;\n", i)
		}
	}
	old, new := []byte(x.String()), []byte(y.String())
	b.SetBytes(int64(len(old) + len(new)))
	b.ReportAllocs()
	for b.Loop() {
		Unified("a.orig", "a", old, new)
	}
}
