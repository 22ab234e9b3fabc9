package rewrite3

import (
	"fmt"
	"testing"

	"github.com/tqlmig/tqlmig/rewrite"
)

// TestJoinRenames: renames of a 1.x → 3.x conversion name each label as a
// 1.x export writes it, roles unscoped.
func TestJoinRenames(t *testing.T) {
	rn := func(pairs ...string) []rewrite.Rename {
		var out []rewrite.Rename
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, rewrite.Rename{Old: pairs[i], New: pairs[i+1]})
		}
		return out
	}
	for _, tc := range []struct {
		name          string
		first, second []rewrite.Rename
		want          string
	}{
		{"role renamed in 3.x", nil, rn("tunnel:end", "tunnel:end_"), "[{end end_}]"},
		{"shared role renamed alike", nil, rn("tunnel:end", "tunnel:end_", "pipe:end", "pipe:end_"), "[{end end_}]"},
		{"shared role renamed apart", nil, rn("tunnel:end", "tunnel:end_", "pipe:end", "pipe:end__"), "[{tunnel:end tunnel:end_} {pipe:end pipe:end__}]"},
		{"type renamed by both steps", rn("owns", "owns_"), rn("owns_", "owns__"), "[{owns owns__}]"},
		{"role renamed by both steps", rn("iid", "iid_"), rn("rel:iid_", "rel:iid__"), "[{iid iid__}]"},
		{"type renamed in 3.x", nil, rn("end", "end_"), "[{end end_}]"},
	} {
		if got := fmt.Sprint(joinRenames(tc.first, tc.second)); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}
