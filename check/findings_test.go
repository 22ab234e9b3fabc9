package check

import (
	"testing"
	"unsafe"
)

// TestGroupKeySize keeps the group key, a map key the engine hashes per
// occurrence, a small value: a check, a case and five 4-byte indexes.
func TestGroupKeySize(t *testing.T) {
	if n := unsafe.Sizeof(groupKey{}); n > 24 {
		t.Errorf("groupKey is %d bytes, want at most 24", n)
	}
}

// TestEveryCheckHasWording: a check added to the registry needs a
// describe function in wordings.
func TestEveryCheckHasWording(t *testing.T) {
	for _, c := range Checks {
		if wordings[c.id].describe == nil {
			t.Errorf("check %s has no describe function in wordings", c.Name)
		}
	}
}

// BenchmarkFindingsHit counts occurrences of a dirty file's worth of
// findings: ownerships and role players of a few hundred type pairs,
// most past their examples.
func BenchmarkFindingsHit(b *testing.B) {
	keys := make([]groupKey, 512)
	for i := range keys {
		keys[i] = ownershipKey(i)
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		fs := newFindings(5)
		for j := range 1 << 16 {
			fs.hit(keys[j*7919%len(keys)], int64(j), int64(j)*40, nil)
		}
	}
	reportCPU(b, cpu0)
}

func ownershipKey(i int) groupKey {
	if i%2 == 0 {
		return groupKey{ck: ckOwnership, owner: typeIdx(i % 37), member: typeIdx(i)}
	}
	return groupKey{ck: ckPlays, owner: typeIdx(i % 37), member: typeIdx(i)}
}
