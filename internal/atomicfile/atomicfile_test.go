package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// entries lists a directory, so tests can see leftover temporary files.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.tql")
	if err := WriteFile(p, []byte("define\n")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil || string(got) != "define\n" {
		t.Fatalf("read back %q, %v", got, err)
	}
	if es := entries(t, dir); len(es) != 1 {
		t.Errorf("directory holds %v, want only out.tql", es)
	}

	// Replacing keeps the old mode.
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestWriteFailsMidway(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.tql")
	boom := errors.New("boom")
	err := Write(p, func(w io.Writer) error {
		if _, err := io.WriteString(w, "half a schema"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if es := entries(t, dir); len(es) != 0 {
		t.Errorf("a failed write left %v", es)
	}
}

func TestWriteFailsMidwayKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.tql")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "new but")
		return errors.New("interrupted")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if got, _ := os.ReadFile(p); string(got) != "old" {
		t.Errorf("target now %q, want the old content", got)
	}
	if es := entries(t, dir); len(es) != 1 {
		t.Errorf("directory holds %v", es)
	}
}

func TestCommitFailures(t *testing.T) {
	tests := []struct {
		name  string
		setup func() (restore func())
	}{
		{"sync", func() func() {
			old := syncFile
			syncFile = func(*os.File) error { return errors.New("disk full") }
			return func() { syncFile = old }
		}},
		{"rename", func() func() {
			old := rename
			rename = func(string, string) error { return errors.New("cross-device") }
			return func() { rename = old }
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "out.tql")
			defer tt.setup()()
			if err := WriteFile(p, []byte("data")); err == nil {
				t.Fatal("no error")
			}
			if es := entries(t, dir); len(es) != 0 {
				t.Errorf("a failed commit left %v", es)
			}
		})
	}
}

func TestAbort(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "x")
	if err := f.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := f.Abort(); err != nil {
		t.Errorf("second Abort: %v", err)
	}
	if _, err := f.Write([]byte("y")); err == nil {
		t.Error("Write after Abort succeeded")
	}
	if err := f.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	if es := entries(t, dir); len(es) != 0 {
		t.Errorf("Abort left %v", es)
	}
}

func TestSymlinkTargetKeepsLink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on windows")
	}
	dir := t.TempDir()
	real := filepath.Join(dir, "real.tql")
	link := filepath.Join(dir, "link.tql")
	os.WriteFile(real, []byte("old"), 0o644)
	if err := os.Symlink("real.tql", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link replaced by a file: %v", err)
	}
	if got, _ := os.ReadFile(real); string(got) != "new" {
		t.Errorf("real file holds %q", got)
	}
}

func TestDirectoryTarget(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(dir, []byte("x")); err == nil {
		t.Error("writing over a directory succeeded")
	}
}

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "schema.gql")
	os.WriteFile(in, []byte("define"), 0o644)
	hard := filepath.Join(dir, "hard.gql")
	if err := os.Link(in, hard); err != nil {
		t.Skip(err)
	}
	sym := filepath.Join(dir, "sym.gql")
	symOK := os.Symlink(in, sym) == nil
	other := filepath.Join(dir, "other.gql")
	os.WriteFile(other, []byte("define"), 0o644)

	t.Chdir(dir)
	tests := []struct {
		name, target string
		inputs       []string
		wantErr      bool
	}{
		{"same path", in, []string{in}, true},
		{"relative spelling", "./sub/../schema.gql", []string{in}, true},
		{"hard link", hard, []string{in}, true},
		{"symlink", sym, []string{in}, symOK},
		{"different file", other, []string{in}, false},
		{"new file", filepath.Join(dir, "new.tql"), []string{in}, false},
		{"new file named like an input", "new.gql", []string{"./new.gql"}, true},
		{"no inputs", in, nil, false},
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteFile(tt.target, []byte("converted"), Inputs(tt.inputs...))
			if got := errors.Is(err, ErrInput); got != tt.wantErr {
				t.Fatalf("WriteFile(%s) err = %v, want ErrInput: %v", tt.target, err, tt.wantErr)
			}
			if tt.wantErr {
				if got, _ := os.ReadFile(in); string(got) != "define" {
					t.Errorf("input overwritten: %q", got)
				}
			}
		})
	}
}
