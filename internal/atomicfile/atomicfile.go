package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrInput is returned, wrapped, when the target of a write is one of the
// inputs named with the Inputs option.
var ErrInput = errors.New("output file is also an input")

// DefaultPerm is the mode of a new file; a replaced file keeps its mode.
const DefaultPerm fs.FileMode = 0o644

type options struct {
	inputs []string
}

// Option configures Create, WriteFile and Write.
type Option func(*options)

// Inputs names the command's input files: writing to any of them fails
// with ErrInput. Commands that rewrite a file in place on purpose (fmt -w)
// simply do not pass it.
func Inputs(paths ...string) Option {
	return func(o *options) { o.inputs = append(o.inputs, paths...) }
}

// File is an output file being written. Write to it, then call Commit to
// put it in place, or Abort to throw it away. Abort after Commit does
// nothing, so "defer f.Abort()" is the usual pattern.
type File struct {
	tmp    *os.File
	target string
	perm   fs.FileMode
	done   bool
}

// Hooks that tests replace to simulate failures of the file system.
var (
	syncFile = (*os.File).Sync
	rename   = os.Rename
)

// Create starts writing name. The returned File holds a temporary file in
// the same directory, so that the final rename never crosses file systems.
// If name is a symbolic link, the file it points to is replaced and the
// link kept.
func Create(name string, opts ...Option) (*File, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if err := CheckNotInput(name, o.inputs...); err != nil {
		return nil, err
	}
	target := name
	if resolved, err := filepath.EvalSymlinks(name); err == nil {
		target = resolved
	}
	perm := DefaultPerm
	if fi, err := os.Stat(target); err == nil {
		if fi.IsDir() {
			return nil, &fs.PathError{Op: "write", Path: name, Err: errors.New("is a directory")}
		}
		perm = fi.Mode().Perm()
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &File{tmp: tmp, target: target, perm: perm}, nil
}

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, fs.ErrClosed
	}
	return f.tmp.Write(p)
}

// Commit syncs the data to disk, sets the mode and renames the temporary
// file over the target. On any failure the temporary file is removed and
// the target left as it was.
func (f *File) Commit() error {
	if f.done {
		return fs.ErrClosed
	}
	f.done = true
	tmpName := f.tmp.Name()
	err := syncFile(f.tmp)
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmpName, f.perm)
	}
	if err == nil {
		err = rename(tmpName, f.target)
	}
	if err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("write %s: %w", f.target, err)
	}
	syncDir(filepath.Dir(f.target))
	return nil
}

// Abort removes the temporary file. It does nothing after Commit or a
// previous Abort.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	f.tmp.Close()
	return os.Remove(f.tmp.Name())
}

// syncDir makes the rename durable. Some systems cannot sync a directory;
// the rename has still happened, so errors are ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// WriteFile writes data to name atomically.
func WriteFile(name string, data []byte, opts ...Option) error {
	return Write(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, opts...)
}

// Write calls fn with a writer for name and commits the file only when fn
// returns nil. When fn fails, nothing is left behind and fn's error is
// returned.
func Write(name string, fn func(w io.Writer) error, opts ...Option) error {
	f, err := Create(name, opts...)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := fn(f); err != nil {
		return err
	}
	return f.Commit()
}

// CheckNotInput returns an error wrapping ErrInput when target names the
// same file as one of inputs, by cleaned absolute path or by os.SameFile.
func CheckNotInput(target string, inputs ...string) error {
	if len(inputs) == 0 {
		return nil
	}
	tAbs, err := filepath.Abs(target)
	if err != nil {
		return err
	}
	tInfo, tErr := os.Stat(target)
	for _, in := range inputs {
		inAbs, err := filepath.Abs(in)
		if err == nil && inAbs == tAbs {
			return fmt.Errorf("%s: %w", target, ErrInput)
		}
		if tErr != nil {
			continue // a target that does not exist yet can only match by name
		}
		if inInfo, err := os.Stat(in); err == nil && os.SameFile(tInfo, inInfo) {
			if filepath.Clean(in) == filepath.Clean(target) {
				return fmt.Errorf("%s: %w", target, ErrInput)
			}
			return fmt.Errorf("%s: %w (%s)", target, ErrInput, in)
		}
	}
	return nil
}
