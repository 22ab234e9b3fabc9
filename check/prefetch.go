package check

// prefetch loads p's targets and returns their XOR, which the caller keeps
// so the loads are not optimised away. Nothing waits for them, so the CPU
// overlaps their cache misses with the work that follows: on a generated
// 1.5M-item export this cut check's CPU time from about 585 to 340 ms per
// pass. A PREFETCHT0 assembly version measured the same (349 ms) and was
// removed: it did not buy the 20% that would justify assembly.
func prefetch(p []*uint64) uint64 {
	var x uint64
	for _, q := range p {
		x ^= *q
	}
	return x
}
