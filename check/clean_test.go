package check

import (
	"fmt"
	"testing"

	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/internal/version"
)

// TestCleanGenerated: a generated file of every generation passes against
// its schema, in both engine modes, with the same counts.
func TestCleanGenerated(t *testing.T) {
	for _, tc := range []struct {
		g      gen.Generation
		target string
		want   string // the only group expected, or ""
	}{{gen.Gen1x, "1.8", ""}, {gen.Gen2x, "2.29", ""}, {gen.Gen2x, "2.3", "nested-relation"}, {gen.Gen2x, "2.0", ""}, {gen.Gen3x, "3.4", ""}} {
		for _, workers := range []int{1, 2} {
			t.Run(fmt.Sprintf("gen%d@%s/w%d", tc.g, tc.target, workers), func(t *testing.T) {
				m := sampleModel(t, tc.g)
				data := generate(t, tc.g, 5000, 7)
				rep := checkBytes(t, m, data, Options{Target: version.MustParse(tc.target), Workers: workers})
				switch {
				case tc.want == "" && len(rep.Groups) > 0,
					tc.want != "" && (len(rep.Groups) != 1 || rep.Groups[0].Check != tc.want || !rep.OK):
					t.Errorf("want findings %q, got:\n%s", tc.want, summary(rep))
				}
				if rep.Items != 5000 || rep.IDs != 4998 {
					t.Errorf("items %d, ids %d; want 5000, 4998", rep.Items, rep.IDs)
				}
			})
		}
	}
}
