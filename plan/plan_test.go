package plan

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tqlmig/tqlmig/internal/txtar"
	v "github.com/tqlmig/tqlmig/internal/version"
)

var update = flag.Bool("update", false, "rewrite the text and json sections of testdata/*.txtar")

// TestGolden runs testdata/*.txtar. Each has an "options" section
// ("from 1.5.9", "to 2.29.1", "database social", one per line) and the
// generated "text" and "json" renderings (-update rewrites them).
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if len(files) < 5 {
		t.Fatalf("found %d goldens, want at least 5", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src, _ := ar.Get("options")
			p, err := Build(parseOptions(t, src))
			if err != nil {
				t.Fatal(err)
			}
			var text, js bytes.Buffer
			if err := p.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			if err := p.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			if *update {
				ar.Set("text", text.Bytes())
				ar.Set("json", js.Bytes())
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, sec := range []struct {
				name string
				got  []byte
			}{{"text", text.Bytes()}, {"json", js.Bytes()}} {
				want, _ := ar.Get(sec.name)
				if d := cmp.Diff(string(want), string(sec.got)); d != "" {
					t.Errorf("%s differs (-want +got), rerun with -update if intended:\n%s", sec.name, d)
				}
			}
			var back Plan
			if err := json.Unmarshal(js.Bytes(), &back); err != nil {
				t.Fatalf("JSON does not decode: %v", err)
			}
			if d := cmp.Diff(*p, back); d != "" {
				t.Errorf("JSON round trip differs:\n%s", d)
			}
		})
	}
}

func parseOptions(t *testing.T, src []byte) Options {
	t.Helper()
	var o Options
	for _, line := range strings.Split(string(src), "\n") {
		key, val, _ := strings.Cut(strings.TrimSpace(line), " ")
		var err error
		switch key {
		case "":
		case "from":
			o.From, err = v.Parse(val)
		case "to":
			o.To, err = v.Parse(val)
		case "database":
			o.Database = val
		case "schema":
			o.SchemaFiles = []string{val}
		case "data":
			o.DataFile = val
		default:
			t.Fatalf("unknown option %q", key)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return o
}
