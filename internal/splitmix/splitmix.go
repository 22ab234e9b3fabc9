// Package splitmix holds the 64-bit finaliser of splitmix64, which the
// data check and the census use to spread packed keys (small numbers put
// side by side) over their hash tables. Ids hashed by maphash are mixed
// already; packed keys are not.
package splitmix

// Mix returns x with every input bit spread over every output bit.
func Mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
