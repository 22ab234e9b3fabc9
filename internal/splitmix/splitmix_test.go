package splitmix

import (
	"math/bits"
	"testing"
)

// TestMix: the finaliser is a bijection on the values tried, and a
// one-bit change of the input changes about half of the output bits.
func TestMix(t *testing.T) {
	seen := map[uint64]uint64{}
	var flips, trials int
	for x := uint64(0); x < 4096; x++ {
		y := Mix(x)
		if prev, ok := seen[y]; ok {
			t.Fatalf("Mix(%d) = Mix(%d)", x, prev)
		}
		seen[y] = x
		for b := 0; b < 64; b += 7 {
			flips += bits.OnesCount64(y ^ Mix(x^1<<b))
			trials++
		}
	}
	if avg := float64(flips) / float64(trials); avg < 28 || avg > 36 {
		t.Errorf("a one-bit change flips %.1f output bits on average, want about 32", avg)
	}
	// Splitmix64's finaliser fixes 0; the tables rely on nonzero keys
	// elsewhere (check's nonzero), not on Mix.
	if Mix(0) != 0 {
		t.Errorf("Mix(0) = %#x, want 0", Mix(0))
	}
}
