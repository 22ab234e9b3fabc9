//go:build linux

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"unsafe"

	"github.com/tqlmig/tqlmig/datafile/gen"
)

// openPTY opens a pseudo-terminal pair with the Linux ptmx interface
// (unlock, then ask for the slave's number), without a dependency.
func openPTY() (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		master.Close()
		return nil, nil, e
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		master.Close()
		return nil, nil, e
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	return master, slave, nil
}

// runOnTerminal runs tqlmig with stderr on a pseudo-terminal and returns
// what the terminal received and the exit status.
func runOnTerminal(t *testing.T, args ...string) (string, int) {
	t.Helper()
	master, slave, err := openPTY()
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	defer master.Close()
	got := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(master) // ends with EIO once the slave is closed
		got <- b
	}()
	var stdout bytes.Buffer
	code := run(args, nil, &stdout, slave)
	slave.Close()
	return string(<-got), code
}

// TestProgressOnTerminal: with stderr on a real terminal and no override,
// inspect, check and rewrite-data draw their bar (label, bar, percentage,
// sizes, rate) and clear it; the same runs to a file draw nothing.
func TestProgressOnTerminal(t *testing.T) {
	t.Setenv("TQLMIG_PROGRESS", "")
	dir := t.TempDir()
	schemaPath := filepath.Join(dir, "s.gql")
	os.WriteFile(schemaPath, []byte("define\nname sub attribute, datatype string;\nperson sub entity, has name;\n"), 0o644)
	data := filepath.Join(dir, "d.grakn")
	f, err := os.Create(data)
	if err != nil {
		t.Fatal(err)
	}
	spec := &gen.Spec{Attributes: []gen.AttributeType{{Label: "name", ValueType: gen.String}},
		Entities: []gen.EntityType{{Label: "person", Owns: []gen.Owns{{Attribute: "name"}}}}}
	if _, err := gen.Generate(f, spec, gen.Options{Items: 2000, Generation: gen.Gen1x}); err != nil {
		t.Fatal(err)
	}
	f.Close()

	tests := []struct {
		label string
		args  []string
	}{
		{"inspect", []string{"inspect", data}},
		{"check", []string{"check", "--schema", schemaPath, "--to", "1.8", data}},
		{"rewrite", []string{"rewrite-data", "--remap", "name=full-name", data, "-o", filepath.Join(dir, "out.grakn")}},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			term, code := runOnTerminal(t, tt.args...)
			if code != exitOK {
				t.Fatalf("exit %d; terminal:\n%q", code, term)
			}
			bar := regexp.MustCompile(`\r` + tt.label + ` \[[=> ]{24}\] +[0-9]+% [0-9.]+ kB/[0-9.]+ kB  [0-9.]+ [kMG]?B/s`)
			if !bar.MatchString(term) {
				t.Errorf("no progress bar on the terminal:\n%q", term)
			}
			if !regexp.MustCompile(`\r +\r$`).MatchString(term) {
				t.Errorf("the bar is not cleared at the end:\n%q", term)
			}

			// The same command with stderr on a file draws nothing.
			out, err := os.Create(filepath.Join(dir, tt.label+".stderr"))
			if err != nil {
				t.Fatal(err)
			}
			var stdout bytes.Buffer
			if code := run(tt.args, nil, &stdout, out); code != exitOK {
				t.Fatalf("exit %d", code)
			}
			out.Close()
			if b, _ := os.ReadFile(out.Name()); len(b) > 0 {
				t.Errorf("stderr to a file got %q", b)
			}
		})
	}
}
