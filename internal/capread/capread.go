// Package capread reads whole files through a size cap, so that
// /dev/zero or an endless pipe given as an input stops with an error
// instead of exhausting memory.
package capread

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxInputBytes is the cap of the small text inputs a command reads
// whole (schema files, remap files): the largest real schema we know is
// under 1 MiB.
const MaxInputBytes = 64 << 20

// TooLargeError is the error for an input longer than its cap.
type TooLargeError struct {
	Name  string
	Limit int64
	What  string // what the input is, for the message: "a schema file"
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: input larger than %d MiB, the limit for %s", e.Name, e.Limit>>20, e.What)
}

// ReadFile reads the named file, of kind what, up to limit bytes: a
// longer regular file is refused before reading, and a device or pipe is
// read up to the limit, both with a *TooLargeError.
func ReadFile(name string, limit int64, what string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > limit {
		return nil, &TooLargeError{Name: name, Limit: limit, What: what}
	}
	return Read(name, f, limit, what)
}

// Read reads r to its end, up to limit bytes.
func Read(name string, r io.Reader, limit int64, what string) ([]byte, error) {
	// Chunks are joined only once the input has ended within the limit,
	// so an endless input holds at most the limit in memory.
	const chunk = 1 << 20
	var chunks [][]byte
	var total int64
	for {
		c := make([]byte, chunk)
		n, err := io.ReadFull(r, c)
		chunks = append(chunks, c[:n])
		total += int64(n)
		if total > limit {
			return nil, &TooLargeError{Name: name, Limit: limit, What: what}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			if errors.As(err, new(*fs.PathError)) {
				return nil, err // it names the file already
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	out := make([]byte, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}
