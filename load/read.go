package load

import "github.com/tqlmig/tqlmig/internal/capread"

// MaxSchemaBytes caps the size of one schema file; remap.Load bounds a
// remap file by the same capread.MaxInputBytes. The largest real schema we know is under 1 MiB; the cap
// stops /dev/zero or an endless pipe long before memory runs out.
const MaxSchemaBytes = capread.MaxInputBytes

// TooLargeError is the error for a schema file larger than MaxSchemaBytes.
type TooLargeError = capread.TooLargeError

// ReadFile reads a schema file through the MaxSchemaBytes cap: a longer
// file (or an endless stream) stops there with a *TooLargeError.
func ReadFile(name string) ([]byte, error) {
	return capread.ReadFile(name, MaxSchemaBytes, "a schema file")
}
