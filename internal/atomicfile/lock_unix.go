//go:build unix

package atomicfile

import (
	"fmt"
	"os"
	"syscall"
)

// hold takes an exclusive advisory lock on f without waiting. It is held
// until f is closed or the process ends, however it ends, which is how a
// later run tells a live temporary file from one a killed run left.
func hold(f *os.File) error {
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return fmt.Errorf("%s is in use by another run: %w", f.Name(), err)
	}
	return nil
}

// abandoned reports whether no process holds f's lock.
func abandoned(f *os.File) bool { return hold(f) == nil }
