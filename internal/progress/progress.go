package progress

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/tqlmig/tqlmig/diag"
)

// EnvVar overrides terminal detection: "always" draws the bar on any
// writer, "never" draws it nowhere. Tests and CI logs use it.
const EnvVar = "TQLMIG_PROGRESS"

// Interval is the shortest time between two redraws (at most 10 a second).
const Interval = 100 * time.Millisecond

const barWidth = 24

// Enabled reports whether a bar should be drawn on w: EnvVar decides when
// set to "always" or "never"; otherwise only when w is a character device
// (a terminal). getenv is os.Getenv in production.
func Enabled(w io.Writer, getenv func(string) string) bool {
	switch getenv(EnvVar) {
	case "always":
		return true
	case "never":
		return false
	}
	return diag.IsTerminal(w)
}

// Bar tracks byte-counted work. A nil *Bar is valid and does nothing, so
// callers never need to check whether progress is shown. Its methods are
// safe for concurrent use.
type Bar struct {
	mu     sync.Mutex
	w      io.Writer
	label  string
	total  int64
	done   int64
	start  time.Time
	last   time.Time // last redraw
	drawn  bool      // something is on the line
	width  int       // runes on the line, for clearing it
	now    func() time.Time
	closed bool
}

// Option configures New.
type Option func(*Bar)

// WithClock replaces time.Now, for tests.
func WithClock(now func() time.Time) Option { return func(b *Bar) { b.now = now } }

// New returns a bar labelled label for total bytes of work (0 or less when
// the total is unknown) drawn on w, or nil when Enabled(w, getenv) is
// false.
func New(w io.Writer, getenv func(string) string, label string, total int64, opts ...Option) *Bar {
	if !Enabled(w, getenv) {
		return nil
	}
	b := &Bar{w: w, label: label, total: total, now: time.Now}
	for _, o := range opts {
		o(b)
	}
	b.start = b.now()
	return b
}

// Set records that done bytes are done in all.
func (b *Bar) Set(done int64) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done = done
	b.maybeDraw()
}

func (b *Bar) maybeDraw() {
	if b.closed {
		return
	}
	now := b.now()
	if b.drawn && now.Sub(b.last) < Interval {
		return
	}
	b.last = now
	b.draw(now)
}

// Done clears the bar's line, so that whatever is printed next starts on a
// clean line. Later calls to Set do nothing.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	if b.drawn {
		fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", b.width))
	}
}

func (b *Bar) draw(now time.Time) {
	elapsed := now.Sub(b.start)
	var rate float64 // bytes per second
	if elapsed > 0 {
		rate = float64(b.done) / elapsed.Seconds()
	}
	var s strings.Builder
	s.WriteString(b.label)
	if b.total > 0 {
		frac := min(float64(b.done)/float64(b.total), 1)
		fill := int(frac * barWidth)
		s.WriteString(" [" + strings.Repeat("=", fill))
		if fill < barWidth {
			s.WriteString(">" + strings.Repeat(" ", barWidth-fill-1))
		}
		fmt.Fprintf(&s, "] %3d%% %s/%s", int(frac*100), formatBytes(b.done), formatBytes(b.total))
	} else {
		s.WriteString(" " + formatBytes(b.done))
	}
	if rate > 0 {
		s.WriteString("  " + formatBytes(int64(rate)) + "/s")
		if b.total > 0 && b.done < b.total {
			eta := time.Duration(float64(b.total-b.done) / rate * float64(time.Second))
			s.WriteString("  ETA " + formatClock(eta))
		}
	}
	line := s.String()
	n := len([]rune(line))
	pad := ""
	if n < b.width { // overwrite the rest of a longer previous line
		pad = strings.Repeat(" ", b.width-n)
	}
	fmt.Fprintf(b.w, "\r%s%s", line, pad)
	b.width = max(n, b.width)
	b.drawn = true
}

// formatBytes formats n with decimal units: "999 B", "1.5 kB", "12.3 MB", "2.0 GB".
func formatBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f, units := float64(n)/unit, []string{"kB", "MB", "GB", "TB"}
	i := 0
	for f >= unit && i < len(units)-1 {
		f /= unit
		i++
	}
	return fmt.Sprintf("%.1f %s", f, units[i])
}

// formatClock formats d rounded to seconds as "m:ss", or "h:mm:ss" from an hour.
func formatClock(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
