package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/diag"
)

func TestOutputFlags(t *testing.T) {
	src := []byte("define\nperson sub entty;\n")
	list := diag.List{
		{Severity: diag.Error, Code: "unknown-type", Message: `unknown type "entty"`,
			Range: &diag.Range{File: "s.gql", Start: diag.Pos{Offset: 18, Line: 2, Col: 12}, End: diag.Pos{Offset: 23, Line: 2, Col: 17}}},
		{Severity: diag.Warning, Code: "w", Message: "a warning"},
	}
	tests := []struct {
		args  []string
		check func(t *testing.T, out string)
	}{
		{nil, func(t *testing.T, out string) {
			want := "s.gql:2:12: error[unknown-type]: unknown type \"entty\"\n" +
				"  2 | person sub entty;\n" +
				"    |            ^^^^^\n" +
				"warning[w]: a warning\n"
			if out != want {
				t.Errorf("got\n%s\nwant\n%s", out, want)
			}
		}},
		{[]string{"-q"}, func(t *testing.T, out string) {
			// The errors, then the summary line: never an exit 1 without its reason.
			if strings.Contains(out, "warning[") || !strings.Contains(out, "error[unknown-type]") ||
				!strings.HasSuffix(out, "\nfindings: 1 error, 1 warning (-q shows only the errors)\n") {
				t.Errorf("--quiet printed %q", out)
			}
		}},
		{[]string{"--format", "json"}, func(t *testing.T, out string) {
			var doc diag.JSONDocument
			if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Diagnostics) != 2 || doc.Summary.Errors != 1 {
				t.Errorf("json: %v %+v", err, doc)
			}
		}},
		{[]string{"--format=sarif"}, func(t *testing.T, out string) {
			if !strings.Contains(out, `"version": "2.1.0"`) || !strings.Contains(out, `"ruleId": "unknown-type"`) {
				t.Errorf("sarif output: %s", out)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var o outputFlags
			fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
			o.Bind(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if err := o.validate(); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			e := &env{stdout: &out, stderr: &out}
			if err := o.writeDiagnostics(e, list, diag.Sources{"s.gql": src}); err != nil {
				t.Fatal(err)
			}
			tt.check(t, out.String())
		})
	}

	o := outputFlags{Format: "xml"}
	if err := o.validate(); err == nil {
		t.Error("--format xml accepted")
	}
}
