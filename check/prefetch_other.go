//go:build !amd64

package check

// prefetch reads p's targets and returns their XOR, which the caller keeps:
// without a prefetch instruction, loads that nothing waits for still let
// the CPU overlap their cache misses.
func prefetch(p []*uint64) uint64 {
	var x uint64
	for _, q := range p {
		x ^= *q
	}
	return x
}
