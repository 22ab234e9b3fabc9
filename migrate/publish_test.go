package migrate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/internal/atomicfile"
	"github.com/tqlmig/tqlmig/internal/version"
)

// TestCheckDir covers the cases of the output directory.
func TestCheckDir(t *testing.T) {
	parent := t.TempDir()
	mk := func(name string, files ...string) string {
		dir := filepath.Join(parent, name)
		os.Mkdir(dir, 0o755)
		for _, f := range files {
			os.WriteFile(filepath.Join(dir, f), []byte(f), 0o644)
		}
		return dir
	}
	afile := filepath.Join(parent, "afile")
	os.WriteFile(afile, nil, 0o644)
	tests := []struct {
		name  string
		dir   string
		force bool
		want  error // nil, or the error wrapped; errAny for any error
	}{
		{"new", filepath.Join(parent, "new", "out"), false, nil},
		{"empty", mk("empty"), false, nil},
		{"earlier output without force", mk("full", SchemaFile, DataFile), false, ErrNotEmpty},
		{"earlier output with force", mk("full2", SchemaFile, DataFile, ReportMD), true, nil},
		{"foreign file with force", mk("mixed", SchemaFile, "mine.txt"), true, ErrForeign},
		{"a file", afile, true, errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckDir(tt.dir, tt.force)
			switch {
			case tt.want == nil && err != nil, tt.want != nil && err == nil:
				t.Fatalf("CheckDir = %v, want %v", err, tt.want)
			case tt.want != nil && tt.want != errAny && !errors.Is(err, tt.want):
				t.Fatalf("CheckDir = %v, want %v", err, tt.want)
			}
		})
	}
}

var errAny = errors.New("any error")

// flakyFS fails the call numbered failAt (from 1) of Rename or RemoveAll.
type flakyFS struct {
	calls, failAt int
	log           []string
}

var errInjected = errors.New("injected I/O error")

func (f *flakyFS) step(what string) error {
	f.calls++
	f.log = append(f.log, what)
	if f.calls == f.failAt {
		return errInjected
	}
	return nil
}

func (f *flakyFS) Rename(from, to string) error {
	if err := f.step("rename " + filepath.Base(from) + " " + filepath.Base(to)); err != nil {
		return err
	}
	return os.Rename(from, to)
}

func (f *flakyFS) RemoveAll(path string) error {
	if err := f.step("remove " + filepath.Base(path)); err != nil {
		return err
	}
	return os.RemoveAll(path)
}

// snapshot maps every file of dir to its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = string(b)
	}
	return m
}

// TestForceAllOrNothing runs migrate --force over an earlier run's output
// with each step of the swap failing in turn, and requires the directory
// to be, after each, exactly the old result or exactly the new one, with
// the error saying which, and nothing left beside it.
func TestForceAllOrNothing(t *testing.T) {
	schemaPath, dataPath := fixture(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	// The old result: a 2.29 migration (it writes data.typedb); the new
	// one a 2.4 migration (import-time remap, no data.typedb), so the two
	// differ in their set of files as well as in content.
	migrateTo(t, Options{Schemas: []string{schemaPath}, Data: dataPath, Target: version.MustParse("2.29"), Dir: dir})
	old := snapshot(t, dir)
	if _, ok := old[DataFile]; !ok {
		t.Fatalf("the old result has no %s: %v", DataFile, old)
	}
	for failAt := 1; ; failAt++ {
		if err := CheckDir(dir, true); err != nil {
			t.Fatal(err)
		}
		stage, err := atomicfile.CreateDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Run(Options{Schemas: []string{schemaPath}, Data: dataPath, Target: version.MustParse("2.4"), Dir: dir}, stage.Path); err != nil {
			t.Fatal(err)
		}
		fresh := snapshot(t, stage.Path)
		fs := &flakyFS{failAt: failAt}
		stage.FS = fs
		err = stage.Commit()
		stage.Abort()
		got := snapshot(t, dir)
		var ce *atomicfile.CommitError
		switch {
		case err == nil:
			if diff := cmp.Diff(fresh, got); diff != "" {
				t.Fatalf("after a clean commit the directory is not the new result:\n%s", diff)
			}
		case !errors.As(err, &ce):
			t.Fatalf("step %d (%v): error %v does not say which directory is in place", failAt, fs.log, err)
		case ce.Replaced:
			if diff := cmp.Diff(fresh, got); diff != "" {
				t.Errorf("step %d (%v): %v, yet the directory is not the new result:\n%s", failAt, fs.log, err, diff)
			}
		default:
			if diff := cmp.Diff(old, got); diff != "" {
				t.Errorf("step %d (%v): %v, yet the directory is not the old result:\n%s", failAt, fs.log, err, diff)
			}
			if !strings.Contains(err.Error(), "unchanged") {
				t.Errorf("step %d: message %q does not say the directory is unchanged", failAt, err)
			}
		}
		if err == nil && fs.calls < failAt {
			break // every step has failed once
		}
		// The next round replaces the old result again.
		if ce != nil && ce.Replaced || err == nil {
			old = got
		}
		left, _ := filepath.Glob(filepath.Join(parent, ".out.tqlmig-tmp-*"))
		if len(left) > 0 {
			t.Errorf("step %d: temporary directories left: %v", failAt, left)
		}
		if failAt > 10 {
			t.Fatal("the swap never succeeded")
		}
	}
}
