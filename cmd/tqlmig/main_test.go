package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the cmp sections of testdata/script/*.txtar that differ")

// TestMain lets the test binary act as the tqlmig command inside scripts:
// `exec tqlmig ...` runs run() in a child process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tqlmig": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar. Each script sees:
//
//	$REPO     the repository root (for testdata/schemas)
//	$CORPUS   ../shared/corpus; use "[!corpus] skip" in scripts that need it
//
// NO_COLOR=1 and TQLMIG_PROGRESS=never are set so output is plain; a
// script can override them with "env".
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	corpus := filepath.Join(repo, "..", "shared", "corpus")
	_, statErr := os.Stat(corpus)
	haveCorpus := statErr == nil
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Setup: func(e *testscript.Env) error {
			e.Setenv("REPO", repo)
			e.Setenv("CORPUS", corpus)
			e.Setenv("NO_COLOR", "1")
			e.Setenv("TQLMIG_PROGRESS", "never")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "corpus":
				return haveCorpus, nil
			}
			return false, os.ErrNotExist
		},
	})
}
