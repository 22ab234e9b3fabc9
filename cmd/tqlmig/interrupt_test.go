//go:build unix

package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tqlmig/tqlmig/internal/atomicfile"
)

// TestInterrupt starts rewrite-data on a large generated export, signals it
// once its temporary file exists, and requires the conventional exit
// status, one line on stderr, and no temporary file or output left. After
// a kill -9, which no handler sees, the one temporary file left is removed
// by the next run writing the same output.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 64 MB export")
	}
	tqlmig, err := exec.LookPath("tqlmig") // the test binary, put on PATH by testscript.Main
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "big.grakn")
	if code := run([]string{"gen-data", "--schema", filepath.Join("..", "..", "testdata", "schemas", "phone-calls.v1-8.gql"),
		"--items", "1000000", "-o", in}, nil, io.Discard, io.Discard); code != exitOK {
		t.Fatalf("gen-data: exit %d", code)
	}
	out := filepath.Join(dir, "out.grakn")
	start := func() (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(tqlmig, "rewrite-data", "--remap", "person=human", in, "-o", out)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until the output is being written.
		for deadline := time.Now().Add(20 * time.Second); len(atomicfile.Stale(out)) == 0; {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("no temporary file appeared")
			}
			time.Sleep(2 * time.Millisecond)
		}
		return cmd, &stderr
	}
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGINT, 130, "SIGINT"}, {syscall.SIGTERM, 143, "SIGTERM"}} {
		t.Run(tt.name, func(t *testing.T) {
			cmd, stderr := start()
			cmd.Process.Signal(tt.sig)
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tt.code {
				t.Errorf("exit %v, want status %d", err, tt.code)
			}
			msg := stderr.String()
			if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "interrupted by "+tt.name) {
				t.Errorf("stderr %q, want one line saying interrupted by %s", msg, tt.name)
			}
			if left := atomicfile.Stale(out); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("output exists after the interrupt: %v", err)
			}
		})
	}
	t.Run("kill -9", func(t *testing.T) {
		cmd, _ := start()
		cmd.Process.Kill()
		cmd.Wait()
		if left := atomicfile.Stale(out); len(left) != 1 {
			t.Fatalf("after kill -9: temporary files %v, want exactly one", left)
		}
		if code := run([]string{"rewrite-data", "--remap", "person=human", in, "-o", out}, nil, io.Discard, io.Discard); code != exitOK {
			t.Fatalf("the next run: exit %d", code)
		}
		if left := atomicfile.Stale(out); len(left) > 0 {
			t.Errorf("the next run left the killed run's temporary file: %v", left)
		}
	})
}
