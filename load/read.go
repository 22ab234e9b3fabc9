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
	return readCapped(name, f, MaxSchemaBytes)
}

func readCapped(name string, r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(b)) > limit {
		return nil, &TooLargeError{Name: name, Limit: limit}
	}
	return b, nil
}
