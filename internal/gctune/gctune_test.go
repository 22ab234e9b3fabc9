package gctune

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestUndo(t *testing.T) {
	before := debug.SetGCPercent(63)
	defer debug.SetGCPercent(before)
	undo, _ := Apply(func(string) string { return "" })
	undo()
	if got := gogc(); got != 63 {
		t.Fatalf("GOGC %d after undo, want 63", got)
	}
	runtime.GC() // the finalizer sees undo and stops
	time.Sleep(10 * time.Millisecond)
	if got := gogc(); got != 63 {
		t.Fatalf("GOGC %d after undo and a collection, want 63", got)
	}
}

func TestApplyLeavesUserSettings(t *testing.T) {
	for _, env := range []map[string]string{{"GOGC": "off"}, {"GOGC": "50"}, {"GOMEMLIMIT": "1GiB"}} {
		before := debug.SetGCPercent(77)
		if _, ok := Apply(func(k string) string { return env[k] }); ok {
			t.Errorf("%v: applied", env)
		}
		if got := debug.SetGCPercent(before); got != 77 {
			t.Errorf("%v: GOGC changed to %d", env, got)
		}
	}
}

func TestApplyRaisesThenRestores(t *testing.T) {
	before := debug.SetGCPercent(defaultPercent)
	defer debug.SetGCPercent(before)
	undo, ok := Apply(func(string) string { return "" })
	if !ok {
		t.Fatal("not applied")
	}
	defer undo()
	if got := gogc(); got != SmallHeapPercent {
		t.Fatalf("GOGC %d after Apply, want %d", got, SmallHeapPercent)
	}
	// A small live heap keeps it raised…
	runtime.GC()
	time.Sleep(10 * time.Millisecond) // finalizers run on their own goroutine
	if got := gogc(); got != SmallHeapPercent {
		t.Fatalf("GOGC %d after a collection of a small heap, want %d", got, SmallHeapPercent)
	}
	// …and one past BigHeap brings the default back after a collection.
	big := make([]byte, BigHeap+1<<20)
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		if got := gogc(); got == defaultPercent {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GOGC still %d with %d MiB live", gogc(), len(big)>>20)
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(big)
}

// gogc reads GOGC without changing it.
func gogc() uint64 {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
