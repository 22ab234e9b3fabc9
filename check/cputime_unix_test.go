//go:build unix

package check

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) the process has used: on a
// busy shared machine it says more about the work done than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
