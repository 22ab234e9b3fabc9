//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestUmask checks that a new file gets 0666 less the umask, and a
// replaced one keeps its mode whatever the umask.
func TestUmask(t *testing.T) {
	for _, tt := range []struct {
		umask int
		want  os.FileMode
	}{{0o077, 0o600}, {0o022, 0o644}, {0o002, 0o664}} {
		old := syscall.Umask(tt.umask)
		p := filepath.Join(t.TempDir(), "out")
		err := WriteFile(p, []byte("x"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != tt.want {
			t.Errorf("umask %03o: new file mode %v, want %v", tt.umask, fi.Mode().Perm(), tt.want)
		}
	}
	p := filepath.Join(t.TempDir(), "kept")
	os.WriteFile(p, nil, 0o640)
	os.Chmod(p, 0o640)
	old := syscall.Umask(0o077)
	err := WriteFile(p, []byte("x"))
	syscall.Umask(old)
	if fi, _ := os.Stat(p); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("replaced file mode %v (%v), want 0640", fi.Mode().Perm(), err)
	}
}

// TestNotRegularInPlace checks that an output that is a device or a pipe
// is written in place: it stays what it was and no temporary file appears
// beside it.
func TestNotRegularInPlace(t *testing.T) {
	dir := t.TempDir()
	t.Run("/dev/null", func(t *testing.T) {
		if err := WriteFile("/dev/null", []byte("discarded")); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat("/dev/null")
		if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("/dev/null is now %v (%v)", fi.Mode(), err)
		}
		if left := Stale("/dev/null"); len(left) > 0 {
			t.Errorf("temporary files in /dev: %v", left)
		}
	})
	t.Run("device node", func(t *testing.T) {
		// A copy of /dev/full: every write fails with ENOSPC, so the
		// write must fail and the node stay a device.
		full := filepath.Join(dir, "full")
		if err := syscall.Mknod(full, syscall.S_IFCHR|0o666, 1<<8|7); err != nil {
			t.Skipf("mknod: %v", err)
		}
		if err := WriteFile(full, []byte("data")); err == nil {
			t.Error("writing to a copy of /dev/full succeeded")
		}
		fi, err := os.Lstat(full)
		if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("the device node is now %v (%v)", fi.Mode(), err)
		}
		if es := entries(t, dir); len(es) != 1 {
			t.Errorf("directory holds %v", es)
		}
	})
	t.Run("fifo", func(t *testing.T) {
		fifo := filepath.Join(dir, "fifo")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skip(err)
		}
		cmd := exec.Command("cat", fifo)
		var out strings.Builder
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Skip(err)
		}
		if err := WriteFile(fifo, []byte("through the pipe")); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		if out.String() != "through the pipe" {
			t.Errorf("the reader got %q", out.String())
		}
		if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("the pipe is now %v", fi.Mode())
		}
	})
}

// TestStaleTemp checks that a temporary file a killed run left is removed
// by the next write of the same target, while one a live run holds is not.
func TestStaleTemp(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out.typedb")
	stale := filepath.Join(dir, ".out.typedb"+tempMark+"0123456789ab")
	os.WriteFile(stale, []byte("half"), 0o644)

	live, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Abort()
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the stale temporary file is still there: %v", err)
	}
	// A second run for the same target must leave the live one alone.
	second, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	if got := Stale(target); len(got) != 2 {
		t.Errorf("temporary files %v, want the two of the live runs", got)
	}
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := live.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := Stale(target); len(got) != 0 {
		t.Errorf("temporary files left: %v", got)
	}
}
