package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrInput is returned, wrapped, when an output of a run is one of its
// inputs.
var ErrInput = errors.New("output file is also an input")

// ErrTwice is returned, wrapped, when two outputs of one run name the same
// file.
var ErrTwice = errors.New("output file is named twice")

// newFilePerm is the mode a new file is created with, before the umask:
// the umask alone decides who may read it, as for any other tool.
const newFilePerm fs.FileMode = 0o666

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
//
// A target that exists and is not a regular file (/dev/null, /dev/stdout,
// a pipe, a device) is written in place: there is nothing to replace
// atomically, and replacing it would destroy it.
type File struct {
	tmp     *os.File
	target  string
	perm    fs.FileMode // mode to give the replacement; 0 for a new file
	inPlace bool
	done    bool
}

// Hooks that tests replace to simulate failures of the file system.
var (
	syncFile = (*os.File).Sync
	rename   = os.Rename
)

// Create starts writing name. Unless name is written in place (see File),
// the returned File holds a temporary file in the directory of the final
// target, so that the rename never crosses file systems. A symbolic link is
// followed, whether its target exists or not: the file it points to is
// written and the link kept.
func Create(name string, opts ...Option) (*File, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if err := CheckRun(o.inputs, []string{name}); err != nil {
		return nil, err
	}
	fi, err := os.Stat(name)
	switch {
	case err == nil && fi.IsDir():
		return nil, &fs.PathError{Op: "write", Path: name, Err: errors.New("is a directory")}
	case err == nil && !fi.Mode().IsRegular():
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		return &File{tmp: f, target: name, inPlace: true}, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	target, err := resolve(name)
	if err != nil {
		return nil, err
	}
	var perm fs.FileMode
	if fi != nil {
		perm = fi.Mode().Perm()
	}
	tmp, err := createTemp(target)
	if err != nil {
		return nil, err
	}
	return &File{tmp: tmp, target: target, perm: perm}, nil
}

// Write writes to the temporary file (or, in place, to the target).
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, fs.ErrClosed
	}
	return f.tmp.Write(p)
}

// Commit syncs the data to disk, sets the mode of a replaced file and
// renames the temporary file over the target. On any failure the temporary
// file is removed and the target left as it was. After an interrupt
// (Cleanup) Commit fails, so that nothing appears once the run was told to
// stop.
func (f *File) Commit() error {
	if f.done {
		return fs.ErrClosed
	}
	f.done = true
	if f.inPlace {
		if err := f.tmp.Close(); err != nil {
			return fmt.Errorf("write %s: %w", f.target, err)
		}
		return nil
	}
	tmpName := f.tmp.Name()
	err := syncFile(f.tmp)
	if err == nil && f.perm != 0 {
		err = f.tmp.Chmod(f.perm)
	}
	if err == nil {
		err = commitTemp(tmpName, func() error { return rename(tmpName, f.target) })
	}
	f.tmp.Close() // after the rename: closing drops the lock that marks the temp file live
	if err != nil {
		forget(tmpName)
		os.Remove(tmpName)
		return fmt.Errorf("write %s: %w", f.target, err)
	}
	syncDir(filepath.Dir(f.target))
	return nil
}

// Abort removes the temporary file. It does nothing after Commit or a
// previous Abort. Bytes already written in place cannot be taken back.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	if f.inPlace {
		return f.tmp.Close()
	}
	name := f.tmp.Name()
	forget(name)
	f.tmp.Close()
	return os.Remove(name)
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
// same file as one of inputs.
func CheckNotInput(target string, inputs ...string) error {
	return CheckRun(inputs, []string{target})
}
