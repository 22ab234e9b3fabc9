package load

import (
	"fmt"
	"io"
	"os"
)

// MaxSchemaBytes caps the size of one schema file. The largest real schema
// we know is under 1 MiB; the cap stops /dev/zero or an endless pipe long
// before memory runs out.
const MaxSchemaBytes = 64 << 20

// TooLargeError is the error for a schema file larger than MaxSchemaBytes.
type TooLargeError struct {
	Name  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: input larger than %d MiB, the limit for a schema file", e.Name, e.Limit>>20)
}

// ReadFile reads a schema file through the MaxSchemaBytes cap: a longer
// file (or an endless stream) stops there with a *TooLargeError.
func ReadFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > MaxSchemaBytes {
		// Refused before reading; devices and pipes are read up to the cap.
		return nil, &TooLargeError{Name: name, Limit: MaxSchemaBytes}
	}
	return readCapped(name, f, MaxSchemaBytes)
}

func readCapped(name string, r io.Reader, limit int64) ([]byte, error) {
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
			return nil, &TooLargeError{Name: name, Limit: limit}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
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
