package diag

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sarifSample covers every kind of location and every optional part that
// WriteSARIF fills.
func sarifSample() (Tool, []RuleInfo, List) {
	tool := Tool{Name: "tqlmig", Version: "devel", InformationURI: "https://github.com/tqlmig/tqlmig"}
	rules := []RuleInfo{
		{ID: "has-to-owns", Short: "has becomes owns", Full: "Graql 1.x \"has\" on a type is \"owns\" in TypeQL 2."},
		{ID: "syntax", Short: "the file does not parse"},
	}
	list := List{
		{Severity: Error, Code: "syntax", Message: `unknown keyword "hass"`, Detail: `Did you mean "has"?`,
			Range: &Range{File: "schema.gql", Start: Pos{20, 3, 5}, End: Pos{24, 3, 9}},
			Fix:   &Fix{Message: `use "has"`, Edits: []Edit{{Range: Range{Start: Pos{20, 3, 5}, End: Pos{24, 3, 9}}, New: "has"}}}},
		{Severity: Info, Code: "has-to-owns", Class: Translated, Message: "has name became owns name",
			Range:   &Range{File: "dir/with space/ä.gql", Start: Pos{0, 1, 1}, End: Pos{8, 1, 9}},
			Related: []Related{{Range: Range{Start: Pos{30, 2, 1}, End: Pos{30, 2, 1}}, Message: "attribute defined here"}}},
		{Severity: Warning, Code: "unknown-type", Class: Lost, Message: `type "persn" is not in the schema`,
			Data: &DataPos{File: "/abs/data.grakn", Offset: 1234, Item: 17, ID: "V4096"}, Path: []string{"persn"},
			Fix: &Fix{Message: "add a remap line"}},
		{Severity: Error, Message: "no position and no code"},
	}
	return tool, rules, list
}

func TestWriteSARIFGolden(t *testing.T) {
	tool, rules, list := sarifSample()
	var b bytes.Buffer
	if err := WriteSARIF(&b, tool, rules, list); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.sarif")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("WriteSARIF differs from %s (-want +got; run with -update to accept):\n%s", golden, diff)
	}
}

// TestWriteSARIFShape checks, without the schema, the constraints of SARIF
// 2.1.0 that our output could break: required properties, enums, minimums
// and the rule index pointing at the rule with the same id.
func TestWriteSARIFShape(t *testing.T) {
	tool, rules, list := sarifSample()
	var b bytes.Buffer
	if err := WriteSARIF(&b, tool, rules, list); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string                 `json:"ruleId"`
				RuleIndex *int                   `json:"ruleIndex"`
				Level     string                 `json:"level"`
				Message   *struct{ Text string } `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           *struct {
							StartLine, StartColumn, EndLine, EndColumn int
							ByteOffset, ByteLength                     *int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	dec := json.NewDecoder(&b)
	if err := dec.Decode(&log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	if run.Tool.Driver.Name == "" {
		t.Error("driver has no name")
	}
	wantIDs := []string{"has-to-owns", "syntax", "unknown-type"}
	var gotIDs []string
	for _, r := range run.Tool.Driver.Rules {
		gotIDs = append(gotIDs, r.ID)
	}
	if diff := cmp.Diff(wantIDs, gotIDs); diff != "" {
		t.Errorf("rule ids (-want +got):\n%s", diff)
	}
	if len(run.Results) != len(list) {
		t.Fatalf("%d results for %d diagnostics", len(run.Results), len(list))
	}
	levels := map[string]bool{"none": true, "note": true, "warning": true, "error": true}
	for i, r := range run.Results {
		if r.Message == nil || r.Message.Text == "" {
			t.Errorf("result %d has no message text", i)
		}
		if !levels[r.Level] {
			t.Errorf("result %d level %q", i, r.Level)
		}
		if (r.RuleID == "") != (r.RuleIndex == nil) {
			t.Errorf("result %d: ruleId %q with ruleIndex %v", i, r.RuleID, r.RuleIndex)
		}
		if r.RuleIndex != nil && run.Tool.Driver.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %d names %q, not %q", i, *r.RuleIndex, run.Tool.Driver.Rules[*r.RuleIndex].ID, r.RuleID)
		}
		for _, l := range r.Locations {
			if l.PhysicalLocation.ArtifactLocation.URI == "" {
				t.Errorf("result %d: location without uri", i)
			}
			reg := l.PhysicalLocation.Region
			if reg == nil {
				continue
			}
			if reg.StartLine < 0 || reg.StartColumn < 0 || reg.EndLine < 0 || reg.EndColumn < 0 {
				t.Errorf("result %d: negative region %+v", i, reg)
			}
			if reg.EndLine != 0 && (reg.EndLine < reg.StartLine || reg.EndLine == reg.StartLine && reg.EndColumn < reg.StartColumn) {
				t.Errorf("result %d: region ends before it starts: %+v", i, reg)
			}
		}
	}
}

func TestSARIFURI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"schema.gql", "schema.gql"},
		{"dir/sub/a.gql", "dir/sub/a.gql"},
		{"with space/ä.gql", "with%20space/%C3%A4.gql"},
		{"a:b.gql", "./a:b.gql"}, // not a URI scheme
		{"/abs/x.tql", "file:///abs/x.tql"},
		{"100%.gql", "100%25.gql"},
	}
	for _, tt := range tests {
		if got := SARIFURI(tt.in); got != tt.want {
			t.Errorf("SARIFURI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
