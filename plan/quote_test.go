package plan

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	v "github.com/tqlmig/tqlmig/internal/version"
)

// TestFileNamesQuoted runs every plan command that names a file the user
// gave through sh, with printf in place of the program, and checks that the
// shell passes each such file name as one word: names with a space or a
// quote must be quoted in every command a plan prints.
func TestFileNamesQuoted(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	for _, tc := range []struct {
		from, to string
		schemas  []string
		data     string
	}{
		{"1.8.4", "2.29.1", []string{"alpha schema.gql"}, "charlie data.grakn"},
		{"1.8.4", "2.29.1", []string{"alpha b.gql", "bravo's.gql"}, `delta "hi".grakn`},
		{"2.4.0", "2.8.0", []string{"alpha schema.tql"}, "echo's data.typedb"},
		{"2.4.0", "2.8.0", []string{"alpha two.tql", "bravo's.tql"}, "charlie data.typedb"},
		{"1.5.9", "2.29.1", []string{"alpha schema.gql"}, "charlie data.grakn"},
		{"2.29.1", "3.x", []string{"bravo's.tql"}, "charlie data.typedb"},
	} {
		p, err := Build(Options{From: v.MustParse(tc.from), To: v.MustParse(tc.to), Database: "db", SchemaFiles: tc.schemas, DataFile: tc.data})
		if err != nil {
			t.Fatal(err)
		}
		names := append([]string{tc.data}, tc.schemas...)
		checked := map[string]int{}
		for _, st := range p.Steps {
			for _, cmd := range st.Commands {
				words := shellWords(t, cmd)
				for _, n := range names {
					if !strings.Contains(cmd, strings.Fields(n)[0]) {
						continue
					}
					checked[n]++
					if !passedWhole(words, n) {
						t.Errorf("%s → %s, step %d: %s\n  the shell does not pass %q as one word: %q", tc.from, tc.to, st.N, cmd, n, words)
					}
				}
			}
		}
		for _, n := range names {
			if checked[n] == 0 {
				t.Errorf("%s → %s: no command names %q", tc.from, tc.to, n)
			}
		}
	}
}

// shellWords is what sh makes of cmd's arguments (the program replaced by
// printf, one word a line; a redirected output is read back). It runs in
// an empty directory, so a redirection cannot touch anything.
func shellWords(t *testing.T, cmd string) []string {
	t.Helper()
	cmd, _, _ = strings.Cut(cmd, " | ")
	_, rest, _ := strings.Cut(cmd, " ")
	dir := t.TempDir()
	c := exec.Command("sh", "-c", `printf '%s\n' `+rest)
	c.Dir = dir
	out, err := c.Output()
	if err != nil {
		t.Fatalf("sh %s: %v", cmd, err)
	}
	if _, target, ok := strings.Cut(rest, " > "); ok {
		b, err := os.ReadFile(filepath.Join(dir, strings.Trim(target, `"'`)))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b...)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
}

// passedWhole reports whether name is one of words, alone, after "--flag="
// or as the last element of an absolute path ($PWD expanded).
func passedWhole(words []string, name string) bool {
	for _, w := range words {
		if w == name || strings.HasSuffix(w, "="+name) || (strings.HasPrefix(w, "/") || strings.HasPrefix(w, "--file=/")) && strings.HasSuffix(w, "/"+name) {
			return true
		}
	}
	return false
}
