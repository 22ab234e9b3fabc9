package migrate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrNotEmpty is returned, wrapped, when the output directory already holds
// files and force is not set.
var ErrNotEmpty = errors.New("output directory is not empty")

// Outputs lists every file Run may write into dir, for checks that no
// input is among them.
func Outputs(dir string) []string {
	var out []string
	for _, n := range []string{SchemaFile, DataFile, RemapFile, ReportMD, ReportJSON} {
		out = append(out, filepath.Join(dir, n))
	}
	return out
}

// CheckDir reports whether dir can take the output: it does not exist, is
// an empty directory, or (with force) any directory.
func CheckDir(dir string, force bool) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%s exists and is not a directory", dir)
	case force:
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s: %w (%d entries); give --force to replace tqlmig's files in it", dir, ErrNotEmpty, len(entries))
	}
	return nil
}

// Stage creates the directory Run writes into: a new hidden directory in
// dir's parent, so that Publish renames within one file system.
func Stage(dir string) (string, error) {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	return os.MkdirTemp(parent, "."+filepath.Base(filepath.Clean(dir))+".tmp-*")
}

// Publish puts the files of stage in place as dir and removes stage. When
// dir does not exist or is empty, stage is renamed to dir in one step, so
// dir appears with every file or not at all. Otherwise (CheckDir with
// force passed) each file is renamed over its namesake in dir, so each is
// whole, and a DataFile left by an earlier run is removed when this run
// wrote none; other files in dir are left alone.
func Publish(stage, dir string, force bool) error {
	if err := os.Chmod(stage, 0o755); err != nil {
		return err
	}
	if err := os.Remove(dir); err == nil || errors.Is(err, fs.ErrNotExist) {
		return os.Rename(stage, dir)
	}
	if !force {
		return fmt.Errorf("%s: %w", dir, ErrNotEmpty)
	}
	entries, err := os.ReadDir(stage)
	if err != nil {
		return err
	}
	wrote := map[string]bool{}
	for _, e := range entries {
		wrote[e.Name()] = true
		if err := os.Rename(filepath.Join(stage, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	if !wrote[DataFile] {
		if err := os.Remove(filepath.Join(dir, DataFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return os.Remove(stage)
}
