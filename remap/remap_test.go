package remap

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/capread"
	"github.com/tqlmig/tqlmig/internal/txtar"
	"github.com/tqlmig/tqlmig/internal/version"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// goldenTargets are the versions every golden renders its remap for: one per
// remap mode and the no-remap lines.
var goldenTargets = []string{"1.7.3", "1.8.4", "2.0.2", "2.4.0", "2.6.0", "3.x"}

// TestGolden runs testdata/*.txtar. Sections: remap.txt (the remap file),
// optional source and target (schemas in parseTestSchema's form), optional
// file-roles (one role label per line), and want (generated; -update).
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no goldens")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sec := map[string][]byte{}
			for _, f := range ar.Files {
				sec[f.Name] = f.Data
			}
			got := runGolden(t, sec)
			if *update {
				ar.Set("want", []byte(got))
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if d := cmp.Diff(string(sec["want"]), got); d != "" {
				t.Errorf("output differs (-want +got), rerun with -update if intended:\n%s", d)
			}
		})
	}
}

func runGolden(t *testing.T, sec map[string][]byte) string {
	var b strings.Builder
	r, ds := Parse("remap.txt", sec["remap.txt"])
	b.WriteString("# parse\n")
	writeDiags(&b, ds)
	b.WriteString("# entries\n")
	b.Write(r.Format())

	var source, target Schema
	if s, ok := sec["source"]; ok {
		source = parseTestSchema(t, s)
	}
	if s, ok := sec["target"]; ok {
		target = parseTestSchema(t, s)
	}
	b.WriteString("# validate\n")
	writeDiags(&b, r.Validate(source, target))

	opt := Options{Schema: target}
	if fr, ok := sec["file-roles"]; ok {
		opt.FileRoles = strings.Fields(string(fr))
	}
	for _, tv := range goldenTargets {
		res := r.Args(version.MustParse(tv), opt)
		fmt.Fprintf(&b, "# args %s (%s)\n", tv, res.Mode)
		fmt.Fprintf(&b, "supported: %v\n", res.Supported)
		if len(res.Args) > 0 {
			fmt.Fprintf(&b, "args: %s\n", res.Line())
		}
		if res.Advice != "" {
			fmt.Fprintf(&b, "advice: %s\n", res.Advice)
		}
		writeDiags(&b, res.Diags)
	}
	return b.String()
}

func writeDiags(b *strings.Builder, ds diag.List) {
	for _, d := range ds {
		b.WriteString(d.Error())
		b.WriteByte('\n')
		if d.Detail != "" {
			fmt.Fprintf(b, "\t%s\n", d.Detail)
		}
		for _, r := range d.Related {
			fmt.Fprintf(b, "\trelated %s: %s\n", r.Range, r.Message)
		}
	}
}

// parseTestSchema reads a tiny schema notation: "entity L", "attribute L",
// "relation L role…" per line.
func parseTestSchema(t *testing.T, src []byte) *StaticSchema {
	t.Helper()
	s := &StaticSchema{}
	for _, line := range strings.Split(string(src), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 {
			t.Fatalf("bad schema line %q", line)
		}
		switch f[0] {
		case "entity":
			s.AddType(f[1], concept.Entity)
		case "attribute":
			s.AddType(f[1], concept.Attribute)
		case "relation":
			s.AddRelation(f[1], f[2:]...)
		default:
			t.Fatalf("bad schema line %q", line)
		}
	}
	return s
}

func TestParsePositions(t *testing.T) {
	src := "# header\n  forename = first-name  # trailing\n\nbad label=x\né=ok\n"
	r, ds := Parse("m.txt", []byte(src))
	if r.Len() != 2 {
		t.Fatalf("got %d entries, want 2: %q", r.Len(), r.Format())
	}
	e := r.Entries[0]
	if got := e.OldRange.String() + " " + e.NewRange.String(); got != "m.txt:2:3 m.txt:2:14" {
		t.Errorf("ranges = %s", got)
	}
	if e.OldRange.Start.Offset != 11 || e.OldRange.End.Offset != 19 {
		t.Errorf("old offsets = %d..%d, want 11..19", e.OldRange.Start.Offset, e.OldRange.End.Offset)
	}
	if len(ds) != 1 || ds[0].Range.String() != "m.txt:4:4" {
		t.Fatalf("diagnostics = %v", ds)
	}
	// Columns count runes: "é" is two bytes, one column.
	if got := r.Entries[1].NewRange.Start; got.Col != 3 || got.Offset != src2off(src, "ok") {
		t.Errorf("é=ok new label at %+v", got)
	}
}

func src2off(src, s string) int { return strings.LastIndex(src, s) }

func TestRelabelAndInverse(t *testing.T) {
	r, ds := FromPairs("forename=first-name", "employee=employment:employee")
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	if r.Relabel("forename") != "first-name" || r.Relabel("surname") != "surname" {
		t.Error("Relabel is wrong")
	}
	inv, err := r.Inverse()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(inv.Format()); got != "first-name=forename\nemployment:employee=employee\n" {
		t.Errorf("inverse = %q", got)
	}
	m, _ := FromPairs("a=c", "b=c")
	if _, err := m.Inverse(); err == nil {
		t.Error("inverting a merge succeeded")
	}
	if got := r.Map()["forename"]; got != "first-name" {
		t.Errorf("Map()[forename] = %q", got)
	}
}

func TestNewFromCode(t *testing.T) {
	r, ds := New(Entry{Old: "a", New: "b"}, Entry{Old: "a", New: "c"})
	if r.Len() != 1 || len(ds) != 1 || ds[0].Range != nil || ds[0].Code != "remap-duplicate" {
		t.Errorf("New: %d entries, diags %v", r.Len(), ds)
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range ar.Files {
			if s.Name == "remap.txt" {
				f.Add(s.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r, ds := Parse("f", src)
		for _, d := range ds {
			if d.Range == nil || !d.Range.Start.IsValid() {
				t.Fatalf("diagnostic without a position: %v", d)
			}
		}
		// The canonical form parses back to the same entries.
		r2, ds2 := Parse("g", r.Format())
		if ds2.HasErrors() || !bytes.Equal(r2.Format(), r.Format()) {
			t.Fatalf("canonical form does not round-trip: %q → %v", r.Format(), ds2)
		}
		r.Validate(nil, nil)
	})
}

func BenchmarkParse(b *testing.B) {
	var src bytes.Buffer
	for i := range 2000 {
		fmt.Fprintf(&src, "label-%d = new-label-%d # comment\nrel-%d:role = rel-%d:role2\n", i, i, i, i)
	}
	b.ReportAllocs()
	b.SetBytes(int64(src.Len()))
	for b.Loop() {
		Parse("bench", src.Bytes())
	}
}

func TestLoad(t *testing.T) {
	file := filepath.Join(t.TempDir(), "r.txt")
	if err := os.WriteFile(file, []byte("a=b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, ds, err := Load([]string{file, "c=d"})
	if err != nil || ds.HasErrors() || len(r.Entries) != 2 || r.Entries[0].String() != "a=b" || r.Entries[1].String() != "c=d" {
		t.Fatalf("Load = %v, %v, %v; want a=b and c=d", r, ds, err)
	}
	if _, _, err := Load([]string{filepath.Join(t.TempDir(), "missing")}); err == nil {
		t.Error("a missing file that is no entry loaded without error")
	}
}

// TestLoadCapped: a remap file is read through the input cap, so an
// endless stream stops with an error instead of exhausting memory.
func TestLoadCapped(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, _, err := Load([]string{"/dev/zero"})
	var tl *capread.TooLargeError
	if !errors.As(err, &tl) {
		t.Fatalf("Load(/dev/zero) = %v, want a TooLargeError", err)
	}
}
