// Package gctune sets the garbage collector for tqlmig's commands: short
// runs that allocate a great deal (participle allocates for every node it
// tries) and keep little of it. With Go's default, GOGC=100, the collector
// runs whenever the heap doubles, and on a large schema it takes about
// half the CPU time of a parse. Letting the heap grow further between
// collections while it is small buys most of that back; once the live heap
// is large, the default returns, so that memory stays about twice the live
// heap, as it would be anyway. The Go compiler does the same for the same
// reason (cmd/compile/internal/base.AdjustStartingHeap).
package gctune

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

const (
	// SmallHeapPercent is GOGC while the live heap is below BigHeap.
	SmallHeapPercent = 400
	// BigHeap is the live heap from which GOGC is Go's default again.
	BigHeap = 256 << 20
	// defaultPercent is Go's default GOGC.
	defaultPercent = 100
)

// Apply raises GOGC to SmallHeapPercent until the live heap reaches
// BigHeap, and returns a function that puts back the setting Apply found.
// It changes nothing, and returns false, when the user chose a setting:
// GOGC or GOMEMLIMIT is set in the environment getenv reads.
func Apply(getenv func(string) string) (undo func(), ok bool) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}, false
	}
	var (
		mu   sync.Mutex // finalizers may run on different threads
		done bool
		live = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	)
	before := debug.SetGCPercent(SmallHeapPercent)
	afterEachGC(func() bool {
		mu.Lock()
		defer mu.Unlock()
		if done {
			return false
		}
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 && live[0].Value.Uint64() < BigHeap {
			return true
		}
		debug.SetGCPercent(defaultPercent)
		done = true
		return false
	})
	return func() {
		mu.Lock()
		defer mu.Unlock()
		done = true
		debug.SetGCPercent(before)
	}, true
}

// afterEachGC calls fn after each collection until fn returns false: a
// finalizer runs once its object is found unreachable, that is after a
// collection, and sets itself again on the same object.
func afterEachGC(fn func() bool) {
	type sentinel [32]byte // not a tiny object: those share a block, and their finalizers may never run
	var again func(*sentinel)
	again = func(s *sentinel) {
		if fn() {
			runtime.SetFinalizer(s, again)
		}
	}
	runtime.SetFinalizer(new(sentinel), again)
}
