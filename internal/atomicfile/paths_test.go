package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCheckRun compares outputs with inputs and with each other, through
// every spelling of one file.
func TestCheckRun(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("in.gql", []byte("define"), 0o644)
	os.WriteFile("other.gql", []byte("define"), 0o644)
	os.Mkdir("sub", 0o755)
	hardOK := os.Link("in.gql", "hard.gql") == nil
	os.Symlink("in.gql", "sym.gql")
	os.Symlink("missing.tql", "dangling.tql")
	os.Symlink(filepath.Join(dir, "sub"), "subdir")
	tests := []struct {
		name            string
		inputs, outputs []string
		want            error
	}{
		{"distinct", []string{"in.gql"}, []string{"out.tql", "remap.txt"}, nil},
		{"output is input", []string{"in.gql"}, []string{"in.gql"}, ErrInput},
		{"./ form", []string{"in.gql"}, []string{"./in.gql"}, ErrInput},
		{"via ..", []string{"in.gql"}, []string{"sub/../in.gql"}, ErrInput},
		{"absolute", []string{"in.gql"}, []string{filepath.Join(dir, "in.gql")}, ErrInput},
		{"symlink", []string{"in.gql"}, []string{"sym.gql"}, ErrInput},
		{"second output is input", []string{"in.gql"}, []string{"out.tql", "in.gql"}, ErrInput},
		{"new output twice", nil, []string{"out.tql", "./out.tql"}, ErrTwice},
		{"new output through a linked directory", nil, []string{"sub/new.tql", "subdir/new.tql"}, ErrTwice},
		{"dangling link and its target", nil, []string{"dangling.tql", "missing.tql"}, ErrTwice},
		{"existing output twice", nil, []string{"other.gql", "sym.gql", "in.gql"}, ErrTwice},
		{"/dev/null twice", []string{"in.gql"}, []string{"/dev/null", "/dev/null"}, nil},
		{"empty names skipped", []string{""}, []string{"", "out.tql", ""}, nil},
	}
	if hardOK {
		tests = append(tests, struct {
			name            string
			inputs, outputs []string
			want            error
		}{"hard link", []string{"in.gql"}, []string{"hard.gql"}, ErrInput})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckRun(tt.inputs, tt.outputs)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("CheckRun(%q, %q) = %v, want %v", tt.inputs, tt.outputs, err, tt.want)
			}
		})
	}
}

// TestDanglingSymlink checks that a dangling link is followed like a live
// one: the file it names is created and the link stays a link.
func TestDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link.tql")
	if err := os.Symlink("target.tql", link); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link replaced by a file: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "target.tql")); string(got) != "new" {
		t.Errorf("link target holds %q", got)
	}
}

// TestCleanup checks that Cleanup removes the live temporary files and
// that a Commit after it fails and puts nothing in place.
func TestCleanup(t *testing.T) {
	defer func() { live.Lock(); live.stopped = false; live.Unlock() }()
	dir := t.TempDir()
	target := filepath.Join(dir, "out")
	f, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("partial"))
	d, err := CreateDir(filepath.Join(dir, "outdir"))
	if err != nil {
		t.Fatal(err)
	}
	if removed := Cleanup(); len(removed) != 2 {
		t.Errorf("Cleanup removed %v, want the file and the directory", removed)
	}
	if err := f.Commit(); err == nil {
		t.Error("Commit after Cleanup succeeded")
	}
	if err := d.Commit(); err == nil {
		t.Error("Dir.Commit after Cleanup succeeded")
	}
	if es := entries(t, dir); len(es) != 0 {
		t.Errorf("directory holds %v", es)
	}
}

// pauseFS runs pause once, after the first rename of Dir.Commit.
type pauseFS struct {
	osFS
	pause func()
}

func (p *pauseFS) Rename(from, to string) error {
	err := os.Rename(from, to)
	if p.pause != nil {
		pause := p.pause
		p.pause = nil
		pause()
	}
	return err
}

// TestCleanupDuringSwap: an interrupt while Dir.Commit replaces an earlier
// result (after setting it aside, before renaming the new one in) waits
// for the swap, so that when Cleanup returns, and the handler exits, the
// target is there.
func TestCleanupDuringSwap(t *testing.T) {
	defer func() { live.Lock(); live.stopped = false; live.Unlock() }()
	target := filepath.Join(t.TempDir(), "out")
	os.Mkdir(target, 0o755)
	os.WriteFile(filepath.Join(target, "report.md"), []byte("old"), 0o644)
	d, err := CreateDir(target)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(d.Path, "report.md"), []byte("new"), 0o644)
	present := make(chan bool, 1)
	d.FS = &pauseFS{pause: func() {
		go func() {
			Cleanup()
			_, err := os.Stat(filepath.Join(target, "report.md"))
			present <- err == nil
		}()
		time.Sleep(50 * time.Millisecond) // time for Cleanup to run, were it not held back
	}}
	d.Commit()
	if !<-present {
		t.Error("when Cleanup returned, the target was missing: it was set aside mid-swap")
	}
}

// TestDirRecovery: a run killed between setting the old directory aside
// and renaming the new one in leaves .NAME.tqlmig-old without NAME; the
// next CreateDir puts it back. Beside a NAME, it is a finished swap's
// leftover and is removed.
func TestDirRecovery(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "out")
	old := oldPath(target)
	os.Mkdir(old, 0o755)
	os.WriteFile(filepath.Join(old, "report.md"), []byte("old"), 0o644)
	d, err := CreateDir(target)
	if err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if b, err := os.ReadFile(filepath.Join(target, "report.md")); err != nil || string(b) != "old" {
		t.Fatalf("the old directory was not put back: %q, %v", b, err)
	}
	os.Mkdir(old, 0o755)
	d, err = CreateDir(target)
	if err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the leftover %s is still there: %v", old, err)
	}
	if b, _ := os.ReadFile(filepath.Join(target, "report.md")); string(b) != "old" {
		t.Errorf("the directory changed: %q", b)
	}
}
