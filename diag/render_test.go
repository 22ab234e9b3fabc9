package diag

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// at builds a range on one line of a source, from a byte column (0-based)
// and a byte length, computing the rune columns the way the parser does.
func at(file string, src []byte, line, byteCol, n int) *Range {
	off := 0
	for l := 1; l < line; l++ {
		off += bytes.IndexByte(src[off:], '\n') + 1
	}
	pos := func(o int) Pos {
		ls := bytes.LastIndexByte(src[:o], '\n') + 1
		return Pos{Offset: o, Line: line, Col: 1 + len([]rune(string(src[ls:o])))}
	}
	return &Range{File: file, Start: pos(off + byteCol), End: pos(off + byteCol + n)}
}

func TestText(t *testing.T) {
	src := []byte("define\nperson sub entity,\n\thass name;\nnäme sub attribute, datatype string\n")
	crlf := []byte("define\r\nperson sub entity;\r\n")
	long := []byte(strings.Repeat("a ", 50) + "BAD" + strings.Repeat(" b", 80) + "\n")
	sources := Sources{"s.gql": src, "crlf.gql": crlf, "long.gql": long}

	tests := []struct {
		name string
		d    *Diagnostic
		want string
	}{
		{
			name: "no position",
			d:    &Diagnostic{Severity: Warning, Code: "plan", Message: "no data file given"},
			want: "warning[plan]: no data file given\n",
		},
		{
			name: "no code",
			d:    &Diagnostic{Severity: Error, Message: "boom"},
			want: "error: boom\n",
		},
		{
			name: "source not at hand",
			d:    &Diagnostic{Severity: Error, Code: "syntax", Range: &Range{File: "other.gql", Start: Pos{10, 2, 3}, End: Pos{12, 2, 5}}, Message: "bad"},
			want: "other.gql:2:3: error[syntax]: bad\n",
		},
		{
			name: "tab kept before the underline",
			d: &Diagnostic{Severity: Error, Code: "syntax", Range: at("s.gql", src, 3, 1, 4),
				Message: `unknown keyword "hass"`, Detail: `Did you mean "has"?`},
			want: "s.gql:3:2: error[syntax]: unknown keyword \"hass\"\n" +
				"  3 | \thass name;\n" +
				"    | \t^^^^\n" +
				"    Did you mean \"has\"?\n",
		},
		{
			name: "runes, not bytes",
			d:    &Diagnostic{Severity: Warning, Code: "value-type", Range: at("s.gql", src, 4, 21, 15), Message: "datatype is value in 1.8"},
			want: "s.gql:4:21: warning[value-type]: datatype is value in 1.8\n" +
				"  4 | näme sub attribute, datatype string\n" +
				"    |                     ^^^^^^^^^^^^^^^\n",
		},
		{
			name: "subject after a non-ASCII rune",
			d:    &Diagnostic{Severity: Info, Code: "label", Range: at("s.gql", src, 4, 6, 3), Message: "sub"},
			want: "s.gql:4:6: info[label]: sub\n" +
				"  4 | näme sub attribute, datatype string\n" +
				"    |      ^^^\n",
		},
		{
			name: "empty range gives one caret at end of line",
			d:    &Diagnostic{Severity: Error, Code: "syntax", Range: at("s.gql", src, 2, 18, 0), Message: `missing ";"`},
			want: "s.gql:2:19: error[syntax]: missing \";\"\n" +
				"  2 | person sub entity,\n" +
				"    |                   ^\n",
		},
		{
			name: "range over several lines is underlined to the end of its first",
			d: &Diagnostic{Severity: Error, Code: "x", Message: "m",
				Range: &Range{File: "s.gql", Start: Pos{Offset: 14, Line: 2, Col: 8}, End: Pos{Offset: 30, Line: 3, Col: 6}}},
			want: "s.gql:2:8: error[x]: m\n" +
				"  2 | person sub entity,\n" +
				"    |        ^^^^^^^^^^^\n",
		},
		{
			name: "crlf line ending is not printed",
			d:    &Diagnostic{Severity: Error, Code: "x", Message: "m", Range: at("crlf.gql", crlf, 2, 7, 3)},
			want: "crlf.gql:2:8: error[x]: m\n" +
				"  2 | person sub entity;\n" +
				"    |        ^^^\n",
		},
		{
			name: "long line is cut around the subject",
			d:    &Diagnostic{Severity: Error, Code: "x", Message: "m", Range: at("long.gql", long, 1, 100, 3)},
			want: "long.gql:1:101: error[x]: m\n" +
				"  1 | …" + strings.Repeat("a ", 30) + "BAD" + strings.Repeat(" b", 48) + " …\n" +
				"    |  " + strings.Repeat(" ", 60) + "^^^\n",
		},
		{
			name: "offset past the end of the source gives no snippet",
			d:    &Diagnostic{Severity: Error, Code: "x", Message: "m", Range: &Range{File: "s.gql", Start: Pos{Offset: 999, Line: 40, Col: 1}}},
			want: "s.gql:40:1: error[x]: m\n",
		},
		{
			name: "class, multi-paragraph detail, path, related and fix message",
			d: &Diagnostic{Severity: Warning, Code: "has-to-owns", Class: Approximated,
				Range:   at("s.gql", src, 2, 0, 6),
				Message: "key became owns @key",
				Detail:  "First paragraph.\n\nSecond paragraph.",
				Path:    []string{"person", "name"},
				Related: []Related{{Range: Range{Start: Pos{0, 1, 1}, End: Pos{6, 1, 7}}, Message: "defined here"}},
				Fix:     &Fix{Message: "write owns name @key"}},
			want: "s.gql:2:1: warning[has-to-owns]: key became owns @key\n" +
				"  2 | person sub entity,\n" +
				"    | ^^^^^^\n" +
				"    class: approximated\n" +
				"    First paragraph.\n" +
				"\n" +
				"    Second paragraph.\n" +
				"    path: person/name\n" +
				"    related: s.gql:1:1: defined here\n" +
				"    fix: write owns name @key\n",
		},
		{
			name: "fix edits described from the source",
			d: &Diagnostic{Severity: Error, Code: "syntax", Range: at("s.gql", src, 3, 1, 4), Message: "m",
				Fix: &Fix{Edits: []Edit{
					{Range: *at("s.gql", src, 3, 1, 4), New: "has"},
					{Range: *at("s.gql", src, 2, 18, 0), New: ";"},
					{Range: *at("s.gql", src, 2, 17, 1), New: ""},
					{Range: *at("gone.gql", src, 2, 17, 1), New: "x"},
				}}},
			want: "s.gql:3:2: error[syntax]: m\n" +
				"  3 | \thass name;\n" +
				"    | \t^^^^\n" +
				"    fix: replace \"hass\" with \"has\"\n" +
				"    fix: insert \";\" at 2:19\n" +
				"    fix: delete \",\"\n" +
				"    fix: replace 2:18-2:19 with \"x\"\n",
		},
		{
			name: "data file",
			d: &Diagnostic{Severity: Error, Code: "unknown-type", Message: `type "persn" is not in the schema`,
				Data: &DataPos{File: "d.grakn", Offset: 1234, Item: 17, ID: "V4096"}},
			want: "d.grakn: item 17 at byte 1234 (id \"V4096\"): error[unknown-type]: type \"persn\" is not in the schema\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.d, TextOptions{Sources: sources})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Text mismatch (-want +got):\n%s\ngot:\n%s", diff, got)
			}
			if first, _, _ := strings.Cut(got, "\n"); first != tt.d.Error() {
				t.Errorf("first line %q differs from Error() %q", first, tt.d.Error())
			}
		})
	}
}

func TestTextColor(t *testing.T) {
	src := []byte("a hass b\n")
	d := &Diagnostic{Severity: Error, Code: "syntax", Range: at("f", src, 1, 2, 4), Message: "m"}
	got := Text(d, TextOptions{Sources: Sources{"f": src}, Color: true})
	want := "\x1b[1mf:1:3:\x1b[0m \x1b[1;31merror[syntax]:\x1b[0m \x1b[1mm\x1b[0m\n" +
		"\x1b[34m  1 |\x1b[0m a hass b\n" +
		"\x1b[34m    |\x1b[0m   \x1b[1;31m^^^^\x1b[0m\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("coloured text (-want +got):\n%s", diff)
	}
	plain := Text(d, TextOptions{Sources: Sources{"f": src}})
	if strings.Contains(plain, "\x1b") {
		t.Errorf("uncoloured text has escapes: %q", plain)
	}
}

func TestWriteText(t *testing.T) {
	l := List{
		{Severity: Error, Message: "a"},
		{Severity: Warning, Message: "b"},
	}
	var b bytes.Buffer
	if err := WriteText(&b, l, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := "error: a\nwarning: b\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestUseColor(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if UseColor(f, env()) {
		t.Error("a regular file got colour")
	}
	if UseColor(&bytes.Buffer{}, env()) {
		t.Error("a buffer got colour")
	}
	// /dev/null is a character device, so it stands in for a terminal.
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	if !UseColor(null, env()) {
		t.Error("a character device got no colour")
	}
	if UseColor(null, env("NO_COLOR", "1")) {
		t.Error("NO_COLOR=1 still gave colour")
	}
	if UseColor(null, env("TERM", "dumb")) {
		t.Error("TERM=dumb still gave colour")
	}
	if !UseColor(null, env("NO_COLOR", "")) {
		t.Error("an empty NO_COLOR turned colour off")
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		l    List
		want string
	}{
		{nil, "no diagnostics"},
		{List{{Severity: Error}}, "1 error"},
		{List{{Severity: Error}, {Severity: Error}, {Severity: Warning}, {Severity: Info}}, "2 errors, 1 warning, 1 info"},
		{List{{Severity: Info}, {Severity: Info}}, "2 infos"},
	}
	for _, tt := range tests {
		if got := Summarize(tt.l).String(); got != tt.want {
			t.Errorf("Summarize(%d diags) = %q, want %q", len(tt.l), got, tt.want)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	l := List{
		{Severity: Error, Code: "syntax", Message: "m", Detail: "d.",
			Range:   &Range{File: "a.gql", Start: Pos{4, 1, 5}, End: Pos{8, 1, 9}},
			Related: []Related{{Range: Range{Start: Pos{0, 1, 1}, End: Pos{1, 1, 2}}, Message: "here"}},
			Fix:     &Fix{Message: "f", Edits: []Edit{{Range: Range{Start: Pos{4, 1, 5}, End: Pos{8, 1, 9}}, New: "has"}}}},
		{Severity: Warning, Code: "unknown-type", Class: Lost, Message: "<x>",
			Data: &DataPos{File: "d.grakn", Offset: 10, Item: 2, ID: "V1"}, Path: []string{"p", "q"}},
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, l); err != nil {
		t.Fatal(err)
	}
	want := `{
  "diagnostics": [
    {
      "severity": "error",
      "code": "syntax",
      "message": "m",
      "detail": "d.",
      "range": {
        "file": "a.gql",
        "start": {
          "offset": 4,
          "line": 1,
          "column": 5
        },
        "end": {
          "offset": 8,
          "line": 1,
          "column": 9
        }
      },
      "related": [
        {
          "range": {
            "file": "a.gql",
            "start": {
              "offset": 0,
              "line": 1,
              "column": 1
            },
            "end": {
              "offset": 1,
              "line": 1,
              "column": 2
            }
          },
          "message": "here"
        }
      ],
      "fix": {
        "message": "f",
        "edits": [
          {
            "range": {
              "file": "a.gql",
              "start": {
                "offset": 4,
                "line": 1,
                "column": 5
              },
              "end": {
                "offset": 8,
                "line": 1,
                "column": 9
              }
            },
            "new": "has"
          }
        ]
      }
    },
    {
      "severity": "warning",
      "code": "unknown-type",
      "class": "lost",
      "message": "<x>",
      "data": {
        "file": "d.grakn",
        "item": 2,
        "offset": 10,
        "id": "V1"
      },
      "path": [
        "p",
        "q"
      ]
    }
  ],
  "summary": {
    "errors": 1,
    "warnings": 1,
    "infos": 0
  }
}
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteJSON (-want +got):\n%s", diff)
	}
}

func TestWriteJSONEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, nil); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if d, ok := doc["diagnostics"].([]any); !ok || len(d) != 0 {
		t.Errorf("diagnostics = %#v, want an empty array", doc["diagnostics"])
	}
}
