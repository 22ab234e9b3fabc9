package check

// prefetch asks the CPU to bring the cache lines of p's targets into
// cache, without waiting for them (PREFETCHT0). It returns 0.
//
//go:noescape
func prefetch(p []*uint64) uint64
