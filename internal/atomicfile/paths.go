package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// CheckRun checks the file names of one run before anything is read or
// written: an error wrapping ErrInput when an output is the same file as an
// input, or ErrTwice when two outputs are. Empty names are skipped.
//
// Two names are the same file when, after following symbolic links
// (dangling ones too), they are the same path, or when both exist and are
// the same file (os.SameFile: one device and inode, which catches hard
// links and any spelling). A character device shared by two names (-o
// /dev/null twice, /dev/stdout) is no clash: writing it replaces nothing.
func CheckRun(inputs, outputs []string) error {
	outs := make([]pathID, 0, len(outputs))
	for _, o := range outputs {
		if o != "" {
			outs = append(outs, identify(o))
		}
	}
	for i, o := range outs {
		if o.harmless() {
			continue
		}
		for _, in := range inputs {
			if in == "" {
				continue
			}
			if o.same(identify(in)) {
				return clash(o.name, in, ErrInput)
			}
		}
		for _, p := range outs[:i] {
			if o.same(p) {
				return clash(o.name, p.name, ErrTwice)
			}
		}
	}
	return nil
}

func clash(name, other string, err error) error {
	if filepath.Clean(name) == filepath.Clean(other) {
		return fmt.Errorf("%s: %w", name, err)
	}
	return fmt.Errorf("%s: %w (%s)", name, err, other)
}

// pathID is what tells two file names apart.
type pathID struct {
	name string
	path string      // absolute, links followed as far as they lead
	info fs.FileInfo // nil when the file does not exist
}

func identify(name string) pathID {
	id := pathID{name: name, path: name}
	if p, err := resolve(name); err == nil {
		id.path = p
	}
	if abs, err := filepath.Abs(id.path); err == nil {
		id.path = abs
	}
	if fi, err := os.Stat(name); err == nil {
		id.info = fi
	}
	return id
}

func (a pathID) same(b pathID) bool {
	if a.info != nil && b.info != nil {
		return os.SameFile(a.info, b.info)
	}
	return a.path == b.path
}

// harmless reports a character device (/dev/null, a terminal), which any
// number of names may share.
func (a pathID) harmless() bool {
	return a.info != nil && a.info.Mode()&fs.ModeCharDevice != 0
}

// maxLinks bounds the symbolic links followed, like the kernel's ELOOP.
const maxLinks = 40

// resolve returns the file name refers to after following every symbolic
// link, also when the last one is dangling: writing through a dangling link
// creates its target, exactly as writing through a live one replaces it.
func resolve(name string) (string, error) {
	for range maxLinks {
		if p, err := filepath.EvalSymlinks(name); err == nil {
			return p, nil
		}
		fi, err := os.Lstat(name)
		if errors.Is(err, fs.ErrNotExist) {
			// A new file: only its directory can hold links.
			dir, err := filepath.EvalSymlinks(filepath.Dir(name))
			if err != nil {
				return "", err
			}
			return filepath.Join(dir, filepath.Base(name)), nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return name, nil
		}
		link, err := os.Readlink(name)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(name), link)
		}
		name = link
	}
	return "", &fs.PathError{Op: "resolve", Path: name, Err: errors.New("too many levels of symbolic links")}
}
