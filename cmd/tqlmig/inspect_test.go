package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/datafile"
)

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("TQLMIG_PROGRESS", "never")
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func simulationPath(t *testing.T) string {
	p := filepath.Join("..", "..", "..", "shared", "corpus", "exports", "typedb-1.8.4-assembly", "simulation.grakn")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus absent: %v", err)
	}
	return p
}

// writeExport writes a small export to a temporary file and returns its path.
func writeExport(t *testing.T, cut int, items ...*datafile.Item) string {
	var b bytes.Buffer
	w := datafile.NewWriter(&b)
	for _, it := range items {
		if err := w.Write(it); err != nil {
			t.Fatal(err)
		}
	}
	w.WriteChecksums()
	w.Flush()
	p := filepath.Join(t.TempDir(), "x.typedb")
	if err := os.WriteFile(p, b.Bytes()[:b.Len()-cut], 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestInspectSimulation(t *testing.T) {
	p := simulationPath(t)
	code, out, errs := runCmd(t, "inspect", p)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{
		"header      version 1.7.3, database \"grakn\" (item 0)\n",
		"  entities                6,720          6,720  ok\n",
		"  attributes             15,517         15,517  ok\n",
		"  relations               8,319          8,319  ok\n",
		"  role players           17,338         17,338  ok\n",
		"  ownerships             28,492         28,492  ok\n",
		"checksums verified\n",
		"complete    complete: header first, checksums last, not truncated\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}

	code, out, errs = runCmd(t, "inspect", "--format", "json", p)
	if code != exitOK || errs != "" {
		t.Fatalf("json: exit %d, stderr %q", code, errs)
	}
	var doc struct {
		Header      struct{ Version, Database string }
		Counts      datafile.Checksums
		Checksums   struct{ Verified bool }
		Diagnostics []any
		Summary     struct{ Errors, Warnings int }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	want := datafile.Checksums{Entities: 6720, Attributes: 15517, Relations: 8319, Roles: 17338, Ownerships: 28492}
	if doc.Header.Version != "1.7.3" || doc.Header.Database != "grakn" || doc.Counts != want || !doc.Checksums.Verified || doc.Diagnostics == nil {
		t.Errorf("json document %+v", doc)
	}
}

func TestInspectExitStatus(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.typedb")
	os.WriteFile(empty, nil, 0o644)
	hdr := &datafile.Item{Kind: concept.Header, Header: datafile.Header{Version: []byte("2.29.1"), Database: []byte("db")}}
	ent := &datafile.Item{Kind: concept.Entity, ID: []byte("ZW50aXR5"), Label: []byte("person")}
	dangling := &datafile.Item{Kind: concept.Entity, ID: []byte("b3duZXI="), Label: []byte("person"), Owned: [][]byte{[]byte("bm9uZQ==")}}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a line stdout must hold
		stderr string // a line stderr must hold; "" means empty
	}{
		{"clean", []string{writeExport(t, 0, hdr, ent)}, exitOK, "checksums verified", ""},
		{"truncated", []string{writeExport(t, 3, hdr, ent)}, exitFindings, "complete    truncated: header first, no checksums item, TRUNCATED", ""},
		{"dangling", []string{writeExport(t, 0, hdr, dangling)}, exitFindings, `error[data-dangling-ownership]: owned attribute "bm9uZQ==" is not the id of any item`, ""},
		{"empty", []string{empty}, exitBad, "", "error[data-empty]: empty file: an export holds at least a header item"},
		{"missing", []string{filepath.Join(dir, "nope")}, exitBad, "", "no such file or directory"},
		{"bad format", []string{"--format", "xml", empty}, exitBad, "", "--format must be text, json or sarif"},
		{"two files", []string{empty, empty}, exitBad, "", "want exactly one FILE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCmd(t, append([]string{"inspect"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			if tc.stdout != "" && !strings.Contains(out, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, out)
			}
			if (tc.stderr == "") != (errs == "") || !strings.Contains(errs, tc.stderr) {
				t.Errorf("stderr %q, want it to hold %q", errs, tc.stderr)
			}
		})
	}
}
