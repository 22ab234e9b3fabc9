package rewrite

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
)

// FuzzConvert feeds any text that parses as a schema to Convert for every
// target: it must not panic, and what it converts must print as TypeQL 2.x
// (a construct no rule converts yet is an honest printing error, not a
// crash). Seeds are the inputs of the golden cases.
func FuzzConvert(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasPrefix(file.Name, "in") {
				f.Add(string(file.Data))
			}
		}
	}
	if src, err := os.ReadFile(filepath.Join("..", "..", "shared", "ref", "examples", "05-legacy-1-4.v1.gql")); err == nil {
		f.Add(string(src))
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, errs := grammar.Parse("fuzz.gql", []byte(src))
		for _, d := range errs.Errors() {
			if !Repairable(d) {
				return
			}
		}
		for _, target := range Targets {
			file, _ := grammar.Parse("fuzz.gql", []byte(src)) // Convert edits the tree
			res, _ := Convert([]*grammar.File{file}, Options{Target: version.MustParse(target), Repaired: errs.Errors()})
			if res == nil {
				continue
			}
			_ = format.Print(&bytes.Buffer{}, res.Schema, format.Lang(2))
		}
	})
}
