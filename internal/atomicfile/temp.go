package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// tempMark is in the name of every temporary file and directory, after
// "." and the target's name: .NAME.tqlmig-tmp-RANDOM. A run that is killed
// outright (kill -9) leaves its one temporary file; the next run writing
// the same target finds it by this pattern and removes it, unless it is
// locked by a run still going.
const tempMark = ".tqlmig-tmp-"

// tempPattern is the glob of target's temporary files.
func tempPattern(target string) string {
	dir, base := filepath.Split(target)
	return filepath.Join(dir, "."+base+tempMark+"*")
}

// live holds the temporary files and directories of this process, so that
// Cleanup can remove them on an interrupt. Its lock also orders Cleanup
// against a Commit's rename: after Cleanup, no output appears.
var live = struct {
	sync.Mutex
	paths   map[string]bool
	stopped bool
}{paths: map[string]bool{}}

// errStopped is returned by Commit after Cleanup.
var errStopped = errors.New("interrupted")

// create runs mk, which creates path, and tracks path, all under the
// lock, so that an interrupt either comes before (and nothing is created)
// or after (and Cleanup sees path).
func create(path string, mk func() error) error {
	live.Lock()
	defer live.Unlock()
	if live.stopped {
		return errStopped
	}
	if err := mk(); err != nil {
		return err
	}
	live.paths[path] = true
	return nil
}

func forget(path string) {
	live.Lock()
	delete(live.paths, path)
	live.Unlock()
}

// commitTemp runs the rename that publishes tmp, unless Cleanup ran.
func commitTemp(tmp string, rename func() error) error {
	live.Lock()
	defer live.Unlock()
	if live.stopped {
		return errStopped
	}
	delete(live.paths, tmp)
	return rename()
}

// Cleanup removes every temporary file and directory of this process and
// makes every later File.Commit and Dir.Commit fail. It returns the paths
// removed. The interrupt handler calls it before exiting.
func Cleanup() []string {
	live.Lock()
	defer live.Unlock()
	live.stopped = true
	var removed []string
	for p := range live.paths {
		if os.RemoveAll(p) == nil {
			removed = append(removed, p)
		}
	}
	clear(live.paths)
	sort.Strings(removed)
	return removed
}

// createTemp creates a locked temporary file next to target, after
// removing what killed runs left for the same target.
func createTemp(target string) (*os.File, error) {
	removeStale(target)
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	for range 100 {
		name := filepath.Join(dir, "."+base+tempMark+randomSuffix())
		var f *os.File
		err := create(name, func() (err error) {
			f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, newFilePerm)
			if err == nil {
				if err = hold(f); err != nil {
					f.Close()
					os.Remove(name)
				}
			}
			return err
		})
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return f, nil
	}
	return nil, fmt.Errorf("create a temporary file for %s: too many name collisions", target)
}

// removeStale removes target's temporary files and directories that no
// running process holds locked.
func removeStale(target string) {
	matches, _ := filepath.Glob(tempPattern(target))
	for _, m := range matches {
		f, err := os.Open(m)
		if err != nil {
			continue
		}
		if abandoned(f) {
			os.RemoveAll(m)
		}
		f.Close()
	}
}

// Stale lists target's temporary files and directories that exist now,
// for tests and messages.
func Stale(target string) []string {
	matches, _ := filepath.Glob(tempPattern(target))
	return matches
}

func randomSuffix() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
