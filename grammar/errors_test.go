package grammar

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestErrors runs the txtar goldens in testdata/errors: each archive holds
// one input file (.gql or .tql) and a "diagnostics" file with the expected
// diagnostics, one per line as file:line:col: error[syntax]: message, each
// followed by its detail (indented) when there is one. -update rewrites
// the diagnostics.
func TestErrors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "errors", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no goldens: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			ar, err := readTxtar(path)
			if err != nil {
				t.Fatal(err)
			}
			var in *txtarFile
			di := -1
			for i := range ar.Files {
				switch f := &ar.Files[i]; {
				case f.Name == "diagnostics":
					di = i
				case strings.HasSuffix(f.Name, ".gql") || strings.HasSuffix(f.Name, ".tql"):
					in = f
				}
			}
			if in == nil {
				t.Fatal("archive has no .gql or .tql file")
			}
			f, diags := Parse(in.Name, in.Data)
			for _, e := range checkTree(string(in.Data), f) {
				t.Error(e)
			}
			var b strings.Builder
			for _, d := range diags {
				b.WriteString(d.Error() + "\n")
				if d.Detail != "" {
					b.WriteString("\t" + d.Detail + "\n")
				}
			}
			got := b.String()
			if *update {
				if di < 0 {
					ar.Files = append(ar.Files, txtarFile{Name: "diagnostics"})
					di = len(ar.Files) - 1
				}
				ar.Files[di].Data = []byte(got)
				if err := os.WriteFile(path, ar.format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if di < 0 {
				t.Fatal("archive has no diagnostics file (run with -update)")
			}
			if want := string(ar.Files[di].Data); got != want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// A txtar archive: a free comment, then files introduced by "-- name --"
// lines. (rogpeppe/go-internal/txtar needs go 1.25 in go.mod; the format is
// small enough to read here.)
type txtarArchive struct {
	Comment []byte
	Files   []txtarFile
}

type txtarFile struct {
	Name string
	Data []byte
}

func readTxtar(path string) (*txtarArchive, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ar := &txtarArchive{}
	cur := &ar.Comment
	for _, line := range strings.SplitAfter(string(data), "\n") {
		l := strings.TrimRight(line, "\n")
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") && len(l) > 6 {
			ar.Files = append(ar.Files, txtarFile{Name: strings.TrimSpace(l[3 : len(l)-3])})
			cur = &ar.Files[len(ar.Files)-1].Data
			continue
		}
		*cur = append(*cur, line...)
	}
	return ar, nil
}

func (ar *txtarArchive) format() []byte {
	var b strings.Builder
	b.Write(ar.Comment)
	for _, f := range ar.Files {
		b.WriteString("-- " + f.Name + " --\n")
		b.Write(f.Data)
		if len(f.Data) > 0 && f.Data[len(f.Data)-1] != '\n' {
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}
