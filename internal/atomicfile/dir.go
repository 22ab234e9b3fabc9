package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// oldMark names where Dir.Commit keeps the directory it replaces until the
// new one is in place: .NAME.tqlmig-old. Unlike a temporary directory it
// holds a finished result, so it is restored, not removed, when a killed
// run left it without the directory it came from.
const oldMark = ".tqlmig-old"

// FileSystem is what Dir.Commit does to the file system, so that tests can
// make any step fail.
type FileSystem interface {
	Rename(from, to string) error
	RemoveAll(path string) error
}

type osFS struct{}

func (osFS) Rename(from, to string) error { return os.Rename(from, to) }
func (osFS) RemoveAll(path string) error  { return os.RemoveAll(path) }

// Dir is a directory output being prepared: every file goes into Path, a
// new directory next to the target, which Commit swaps in at the end. The
// target is at every moment either the old directory, untouched, or the
// new one, complete.
type Dir struct {
	Path   string     // the directory to write into
	FS     FileSystem // the operations Commit uses; the real file system by default
	target string
	lockf  *os.File
	done   bool
}

// CreateDir starts a directory output for target. It first repairs what a
// killed run may have left: a replaced directory set aside but not yet
// removed is put back when target is missing and removed otherwise, and
// stale temporary directories are removed.
func CreateDir(target string) (*Dir, error) {
	target = filepath.Clean(target)
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return nil, err
	}
	old := oldPath(target)
	if _, err := os.Lstat(old); err == nil {
		if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(old, target); err != nil {
				return nil, fmt.Errorf("restore %s from %s, left by an interrupted run: %w", target, old, err)
			}
		} else if err := os.RemoveAll(old); err != nil {
			return nil, err
		}
	}
	removeStale(target)
	for range 100 {
		path := filepath.Join(parent, "."+filepath.Base(target)+tempMark+randomSuffix())
		d := &Dir{Path: path, FS: osFS{}, target: target}
		err := create(path, func() error {
			if err := os.Mkdir(path, 0o777); err != nil {
				return err
			}
			var err error
			if d.lockf, err = os.Open(path); err == nil {
				err = hold(d.lockf)
			}
			if err != nil {
				d.release()
				os.Remove(path)
			}
			return err
		})
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return d, nil
	}
	return nil, fmt.Errorf("create a temporary directory for %s: too many name collisions", target)
}

func oldPath(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+oldMark)
}

func (d *Dir) release() {
	if d.lockf != nil {
		d.lockf.Close()
	}
}

// CommitError is a failed Commit. Replaced tells which directory the
// target is now: false, the old one untouched (or none, as before); true,
// the new one complete.
type CommitError struct {
	Target   string
	Replaced bool
	Err      error
}

func (e *CommitError) Error() string {
	if e.Replaced {
		return fmt.Sprintf("%v; %s holds the complete new result", e.Err, e.Target)
	}
	return fmt.Sprintf("%v; %s is unchanged", e.Err, e.Target)
}

func (e *CommitError) Unwrap() error { return e.Err }

// Commit puts Path in place as the target. A missing or empty target is
// replaced in one rename. Otherwise the old directory is first renamed
// aside, then Path renamed to the target, then the old one removed; when
// the second rename fails the first is undone. A directory replaced keeps
// its mode. Errors are *CommitError, which says which directory is in
// place, except when undoing the first rename fails too: then the target
// is missing, and the plain error names where the old directory and the
// new result are.
func (d *Dir) Commit() error {
	if d.done {
		return fs.ErrClosed
	}
	d.done = true
	defer d.release()
	fail := func(err error) error {
		forget(d.Path)
		os.RemoveAll(d.Path)
		return &CommitError{Target: d.target, Err: err}
	}
	mode := fs.FileMode(0)
	fi, err := os.Lstat(d.target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fail(err)
	case !fi.IsDir():
		return fail(fmt.Errorf("%s exists and is not a directory", d.target))
	default:
		mode = fi.Mode().Perm()
	}
	if mode != 0 {
		if err := os.Chmod(d.Path, mode); err != nil {
			return fail(err)
		}
	}
	empty := mode == 0
	if !empty {
		entries, err := os.ReadDir(d.target)
		if err != nil {
			return fail(err)
		}
		empty = len(entries) == 0
	}
	if empty {
		// rename(2) replaces an empty directory in one step.
		if err := commitTemp(d.Path, func() error { return d.FS.Rename(d.Path, d.target) }); err != nil {
			return fail(err)
		}
		return nil
	}
	// Both renames run under commitTemp's lock, so that an interrupt's
	// Cleanup comes before the swap (the target untouched) or after it
	// (the new result in place), never between the two.
	old := oldPath(d.target)
	var undoErr error
	err = commitTemp(d.Path, func() error {
		if err := d.FS.Rename(d.target, old); err != nil {
			return err
		}
		if err := d.FS.Rename(d.Path, d.target); err != nil {
			undoErr = d.FS.Rename(old, d.target)
			return err
		}
		return nil
	})
	if undoErr != nil {
		return fmt.Errorf("%w; putting the old directory back failed too (%v): it is in %s and the new result in %s",
			err, undoErr, old, d.Path)
	}
	if err != nil {
		return fail(err)
	}
	if err := d.FS.RemoveAll(old); err != nil {
		return &CommitError{Target: d.target, Replaced: true,
			Err: fmt.Errorf("remove the replaced directory %s: %w (the next run removes it)", old, err)}
	}
	return nil
}

// Abort removes Path. It does nothing after Commit or a previous Abort.
func (d *Dir) Abort() {
	if d.done {
		return
	}
	d.done = true
	forget(d.Path)
	d.release()
	os.RemoveAll(d.Path)
}
