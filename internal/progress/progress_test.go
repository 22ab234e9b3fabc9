package progress

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func env(kv ...string) func(string) string {
	return func(k string) string {
		for i := 0; i < len(kv); i += 2 {
			if kv[i] == k {
				return kv[i+1]
			}
		}
		return ""
	}
}

// fakeClock starts at an arbitrary instant and moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestBarForced(t *testing.T) {
	var out bytes.Buffer
	clk := &fakeClock{t: time.Unix(1e9, 0)}
	b := New(&out, env(EnvVar, "always"), "decode", 10_000_000, WithClock(clk.now))
	if b == nil {
		t.Fatal("TQLMIG_PROGRESS=always gave no bar")
	}
	b.Set(0) // first draw, nothing done yet
	for i := range 100 {
		b.Set(int64(i+1) * 10_000) // same instant: throttled
	}
	clk.advance(2 * time.Second)
	b.Set(2_000_000) // 2 MB in 2 s: 1 MB/s, 8 s to go
	clk.advance(50 * time.Millisecond)
	b.Set(2_000_001) // within Interval of the last draw: throttled
	clk.advance(8 * time.Second)
	b.Set(10_000_000) // 10 MB in 10.05 s
	b.Done()
	b.Set(5) // after Done: nothing

	want := "\rdecode [>                       ]   0% 0 B/10.0 MB" +
		"\rdecode [====>                   ]  20% 2.0 MB/10.0 MB  1.0 MB/s  ETA 0:08" +
		"\rdecode [========================] 100% 10.0 MB/10.0 MB  995.0 kB/s       " +
		"\r" + strings.Repeat(" ", 73) + "\r"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestBarUnknownTotal(t *testing.T) {
	var out bytes.Buffer
	clk := &fakeClock{t: time.Unix(1e9, 0)}
	b := New(&out, env(EnvVar, "always"), "read", 0, WithClock(clk.now))
	clk.advance(time.Second)
	b.Set(1500)
	if got, want := out.String(), "\rread 1.5 kB  1.5 kB/s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBarDrawsAtMostTenTimesASecond(t *testing.T) {
	var out bytes.Buffer
	clk := &fakeClock{t: time.Unix(1e9, 0)}
	b := New(&out, env(EnvVar, "always"), "x", 1000, WithClock(clk.now))
	for i := range 1000 { // one second of updates every millisecond
		b.Set(int64(i + 1))
		clk.advance(time.Millisecond)
	}
	if n := strings.Count(out.String(), "\r"); n > 10 {
		t.Errorf("%d redraws in one second", n)
	}
}

func TestNeverAndPipe(t *testing.T) {
	var buf bytes.Buffer
	if b := New(&buf, env(EnvVar, "never"), "x", 10); b != nil {
		t.Error("TQLMIG_PROGRESS=never gave a bar")
	}
	if b := New(&buf, env(), "x", 10); b != nil {
		t.Error("a buffer (not a terminal) gave a bar")
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b := New(w, env(), "decode", 100)
	if b != nil {
		t.Error("a pipe gave a bar")
	}
	// The nil bar is usable and silent.
	b.Set(100)
	b.Done()
	w.Close()
	got, _ := io.ReadAll(r)
	if len(got) != 0 {
		t.Errorf("the pipe received %q", got)
	}
}

func TestEnabledTerminal(t *testing.T) {
	// /dev/null is a character device, so it stands in for a terminal.
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	if !Enabled(null, env()) {
		t.Error("a character device is not enabled")
	}
	if Enabled(null, env(EnvVar, "never")) {
		t.Error("never did not win over a terminal")
	}
}

func TestFormat(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1000: "1.0 kB", 1_500_000: "1.5 MB", 2e9: "2.0 GB", 3e15: "3000.0 TB"} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
	for d, want := range map[time.Duration]string{0: "0:00", 8 * time.Second: "0:08", 61500 * time.Millisecond: "1:02", 3725 * time.Second: "1:02:05"} {
		if got := formatClock(d); got != want {
			t.Errorf("formatClock(%v) = %q, want %q", d, got, want)
		}
	}
}
