package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the cmp sections of testdata/script/*.txtar that differ")

// TestMain lets the test binary act as the tqlmig command inside scripts:
// `exec tqlmig ...` runs run() in a child process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tqlmig": main,
	})
}

// TestScripts runs testdata/script/*.txtar. Each script sees:
//
//	$REPO     the repository root (for testdata/schemas)
//	$CORPUS   ../shared/corpus; use "[!corpus] skip" in scripts that need it
//
// NO_COLOR=1 and TQLMIG_PROGRESS=never are set so output is plain; a
// script can override them with "env". "status N tqlmig ARGS…" runs like
// exec and requires exit status N exactly.
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
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
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

// cmdStatus is "status N PROGRAM ARGS…": run PROGRAM like exec and require
// exit status N exactly, where "! exec" only tells zero from non-zero.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("status: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}
