package migrate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrNotEmpty is returned, wrapped, when the output directory already holds
// files and force is not set.
var ErrNotEmpty = errors.New("output directory is not empty")

// ErrForeign is returned, wrapped, when force is set but the output
// directory holds files migrate does not write, which replacing the
// directory would lose.
var ErrForeign = errors.New("output directory holds files migrate does not write")

// fileNames are the files Run may write.
var fileNames = []string{SchemaFile, DataFile, RemapFile, ReportMD, ReportJSON}

// Outputs lists every file Run may write into dir, for checks that no
// input is among them.
func Outputs(dir string) []string {
	var out []string
	for _, n := range fileNames {
		out = append(out, filepath.Join(dir, n))
	}
	return out
}

// CheckDir reports whether dir can take the output: it does not exist, is
// an empty directory, or (with force) a directory holding only files Run
// writes. The output is written into a new directory that replaces dir as
// a whole (atomicfile.Dir), so anything else in dir would be lost.
func CheckDir(dir string, force bool) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%s exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if !force {
		return fmt.Errorf("%s: %w (%d entries); give --force to replace an earlier run's output", dir, ErrNotEmpty, len(entries))
	}
	var foreign []string
	for _, e := range entries {
		if !isOutput(e.Name()) || !e.Type().IsRegular() {
			foreign = append(foreign, e.Name())
		}
	}
	if len(foreign) > 0 {
		return fmt.Errorf("%s: %w (%s); --force replaces the whole directory, so move them or choose another one", dir, ErrForeign, strings.Join(foreign, ", "))
	}
	return nil
}

func isOutput(name string) bool {
	for _, n := range fileNames {
		if n == name {
			return true
		}
	}
	return false
}
