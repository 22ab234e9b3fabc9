//go:build unix

package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// outputsFixture writes a 1.x schema, its 2.x conversion, a remap file and
// a generated export into a new directory, and changes into it.
func outputsFixture(t *testing.T) string {
	t.Helper()
	schema, err := os.ReadFile(filepath.Join("..", "..", "testdata", "schemas", "phone-calls.v1-8.gql"))
	if err != nil {
		t.Fatal(err)
	}
	v2, err := os.ReadFile(filepath.Join("..", "..", "testdata", "schemas", "phone-calls.v2.tql"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("schema.gql", schema, 0o644)
	os.WriteFile("schema.tql", v2, 0o644)
	os.WriteFile("remap.txt", []byte("person=human\n"), 0o644)
	if code := run([]string{"gen-data", "--schema", "schema.gql", "--items", "50", "-o", "export.grakn"}, nil, io.Discard, io.Discard); code != exitOK {
		t.Fatalf("gen-data: exit %d", code)
	}
	return dir
}

// fileSums maps every file of dir (links not followed) to a hash of its
// content, or of its link target.
func fileSums(t *testing.T, dir string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		var b []byte
		if d.Type()&os.ModeSymlink != 0 {
			l, _ := os.Readlink(p)
			b = []byte("link " + l)
		} else {
			b, _ = os.ReadFile(p)
		}
		sums[p] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	return sums
}

// aliasCommand is a command line whose file arguments are named slots.
type aliasCommand struct {
	name    string
	args    []string          // "{slot}" is replaced by the slot's file
	files   map[string]string // slot → file
	outputs []string          // the slots that are outputs
}

var aliasCommands = []aliasCommand{
	{"convert", []string{"convert", "--to", "3", "--data", "{data}", "-o", "{out}", "--remap-out", "{remap-out}", "--side-queries", "{side}", "{schema}"},
		map[string]string{"data": "export.grakn", "out": "out.tql", "remap-out": "renames.txt", "side": "side.tql", "schema": "schema.gql"},
		[]string{"out", "remap-out", "side"}},
	{"remap", []string{"remap", "--schema", "{old}", "--new-schema", "{new}", "--remap", "{remap}", "--data", "{data}", "-o", "{out}"},
		map[string]string{"old": "schema.gql", "new": "schema.tql", "remap": "remap.txt", "data": "export.grakn", "out": "out.txt"},
		[]string{"out"}},
	{"rewrite-data", []string{"rewrite-data", "--remap", "{remap}", "--schema", "{schema}", "{in}", "-o", "{out}"},
		map[string]string{"remap": "remap.txt", "schema": "schema.tql", "in": "export.grakn", "out": "out.typedb"},
		[]string{"out"}},
	{"gen-data", []string{"gen-data", "--schema", "{schema}", "--items", "10", "-o", "{out}"},
		map[string]string{"schema": "schema.gql", "out": "gen.grakn"},
		[]string{"out"}},
}

func (c aliasCommand) with(slot, file string) []string {
	var args []string
	for _, a := range c.args {
		for s, f := range c.files {
			if s == slot {
				f = file
			}
			a = strings.ReplaceAll(a, "{"+s+"}", f)
		}
		args = append(args, a)
	}
	return args
}

// TestOutputAliases runs every command with each output named as each
// other file argument of the run, spelt the same, with "./", or through a
// symbolic link (dangling when the file does not exist yet): every one is
// exit 2, and no file changes.
func TestOutputAliases(t *testing.T) {
	dir := outputsFixture(t)
	forms := []struct {
		name string
		of   func(file string) string
	}{
		{"same", func(f string) string { return f }},
		{"./", func(f string) string { return "./" + f }},
		{"link", func(f string) string {
			l := "link-to-" + f
			os.Symlink(f, l)
			return l
		}},
	}
	for _, c := range aliasCommands {
		for _, out := range c.outputs {
			for slot, file := range c.files {
				if slot == out {
					continue
				}
				for _, form := range forms {
					t.Run(fmt.Sprintf("%s/%s=%s/%s", c.name, out, slot, form.name), func(t *testing.T) {
						alias := form.of(file)
						before := fileSums(t, dir)
						var stderr strings.Builder
						args := c.with(out, alias)
						if code := run(args, nil, io.Discard, &stderr); code != exitBad {
							t.Fatalf("%q: exit %d, want 2; stderr:\n%s", args, code, stderr.String())
						}
						if !strings.Contains(stderr.String(), "nothing read or written") {
							t.Errorf("stderr %q does not name the clash", stderr.String())
						}
						if after := fileSums(t, dir); !maps.Equal(before, after) {
							t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
						}
					})
				}
			}
		}
	}
	// migrate writes a directory: an input among the files it writes there
	// (an earlier run's output) would be replaced with the directory.
	os.Mkdir("prev", 0o755)
	for _, f := range [][2]string{{"export.grakn", "prev/data.typedb"}, {"schema.gql", "prev/schema.tql"}, {"remap.txt", "prev/remap.txt"}} {
		b, _ := os.ReadFile(f[0])
		os.WriteFile(f[1], b, 0o644)
	}
	os.Symlink("prev", "prev-link")
	for _, tt := range []struct{ name, schema, data, remap, out string }{
		{"data in DIR", "schema.gql", "prev/data.typedb", "remap.txt", "prev"},
		{"data in DIR via ./", "schema.gql", "./prev/data.typedb", "remap.txt", "prev/"},
		{"schema in DIR via a link", "prev-link/schema.tql", "export.grakn", "remap.txt", "prev"},
		{"remap in DIR via a link", "schema.gql", "export.grakn", "prev/remap.txt", "prev-link"},
	} {
		t.Run("migrate/"+tt.name, func(t *testing.T) {
			before := fileSums(t, dir)
			var stderr strings.Builder
			if code := run([]string{"migrate", "--schema", tt.schema, "--data", tt.data, "--remap", tt.remap, "-o", tt.out, "--force"}, nil, io.Discard, &stderr); code != exitBad || !strings.Contains(stderr.String(), "is also an input") {
				t.Fatalf("exit %d, want 2 for the clash: %s", code, stderr.String())
			}
			if after := fileSums(t, dir); !maps.Equal(before, after) {
				t.Errorf("files changed")
			}
		})
	}
}

// TestOutputTargets covers outputs that are not plain new files: /dev/null
// and a device node are written in place and stay devices, a live and a
// dangling link are followed the same way, and a new file honours the
// umask.
func TestOutputTargets(t *testing.T) {
	outputsFixture(t)
	convert := func(out string) (int, string) {
		var stderr strings.Builder
		code := run([]string{"convert", "-o", out, "schema.gql"}, nil, io.Discard, &stderr)
		return code, stderr.String()
	}
	isDevice := func(p string) bool {
		fi, err := os.Lstat(p)
		return err == nil && fi.Mode()&os.ModeCharDevice != 0
	}
	t.Run("/dev/null", func(t *testing.T) {
		if code, stderr := convert("/dev/null"); code != exitOK || !isDevice("/dev/null") {
			t.Fatalf("exit %d (%s); /dev/null a device: %v", code, stderr, isDevice("/dev/null"))
		}
	})
	t.Run("device node", func(t *testing.T) {
		if err := syscall.Mknod("full", syscall.S_IFCHR|0o666, 1<<8|7); err != nil {
			t.Skipf("mknod: %v", err)
		}
		code, stderr := convert("full")
		if code != exitBad || !isDevice("full") {
			t.Fatalf("exit %d (%s), want 2; still a device: %v", code, stderr, isDevice("full"))
		}
	})
	for _, tt := range []struct{ name, target string }{{"live link", "live.tql"}, {"dangling link", "dangling.tql"}} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "live link" {
				os.WriteFile(tt.target, []byte("old"), 0o644)
			}
			link := "link-" + tt.target
			os.Symlink(tt.target, link)
			if code, stderr := convert(link); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("the link was replaced: %v", err)
			}
			if b, _ := os.ReadFile(tt.target); !strings.Contains(string(b), "define") {
				t.Errorf("%s holds %q, want the schema", tt.target, b)
			}
		})
	}
	t.Run("umask 077", func(t *testing.T) {
		old := syscall.Umask(0o077)
		defer syscall.Umask(old)
		if code, stderr := convert("private.tql"); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		code := run([]string{"migrate", "--schema", "schema.gql", "--data", "export.grakn", "-o", "private"}, nil, io.Discard, io.Discard)
		if code == exitBad {
			t.Fatalf("migrate: exit %d", code)
		}
		for _, p := range []string{"private.tql", "private", "private/report.md"} {
			fi, err := os.Stat(p)
			want := os.FileMode(0o600)
			if p == "private" {
				want = 0o700
			}
			if err != nil || fi.Mode().Perm() != want {
				t.Errorf("%s: mode %v (%v), want %v", p, fi.Mode().Perm(), err, want)
			}
		}
	})
	if left, _ := filepath.Glob(".*tqlmig-*"); len(left) > 0 {
		t.Errorf("temporary files left: %v", slices.Sorted(slices.Values(left)))
	}
}
