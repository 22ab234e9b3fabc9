package capread

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// endless never ends.
type endless struct{}

func (endless) Read(p []byte) (int, error) { return len(p), nil }

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name    string
		r       io.Reader
		limit   int64
		tooLong bool
		size    int // bytes read when not too long
	}{
		{"endless", endless{}, 1 << 20, true, 0},
		{"one byte over", io.LimitReader(endless{}, 1<<20+1), 1 << 20, true, 0},
		{"at the limit", io.LimitReader(endless{}, 1<<20), 1 << 20, false, 1 << 20},
		{"several chunks", io.LimitReader(endless{}, 3<<20+5), 4 << 20, false, 3<<20 + 5},
		{"empty", io.LimitReader(endless{}, 0), 1 << 20, false, 0},
	} {
		b, err := Read(tc.name, tc.r, tc.limit, "a test input")
		var tl *TooLargeError
		switch {
		case tc.tooLong && !errors.As(err, &tl):
			t.Errorf("%s: %v, want a TooLargeError", tc.name, err)
		case tc.tooLong && tl.Error() != tc.name+": input larger than 1 MiB, the limit for a test input":
			t.Errorf("%s: message %q", tc.name, tl.Error())
		case !tc.tooLong && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !tc.tooLong && len(b) != tc.size:
			t.Errorf("%s: %d bytes read, want %d", tc.name, len(b), tc.size)
		}
	}
}

// TestReadFileDirectory: a directory is an error that names it once.
func TestReadFileDirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := ReadFile(dir, 1<<20, "a test input")
	if err == nil || strings.Count(err.Error(), dir) != 1 {
		t.Errorf("ReadFile(directory) = %v, want an error naming it once", err)
	}
}
