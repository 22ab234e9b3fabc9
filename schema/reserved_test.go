package schema_test

import (
	"testing"

	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

func TestIsReserved(t *testing.T) {
	for _, tc := range []struct {
		label, v string
		want     bool
	}{
		{"owns", "2.0", true},
		{"iid", "2.29", true},
		{"fetch", "2.24", false},
		{"fetch", "2.25", true},
		// rule is a label in every 2.x grammar: schema_native inside
		// label up to typeql@2.23, unreserved from 2.24 (ReservedWord's source).
		{"rule", "2.0", false},
		{"rule", "2.18", false},
		{"rule", "2.24", false},
		{"group", "2.0", true},
		{"group", "2.1", false},
		{"value", "2.0", false},
		{"key", "2.0", false},
		{"person", "2.29", false},
		{"entity", "2.29", true},
	} {
		if got := schema.IsReserved(tc.label, version.MustParse(tc.v)); got != tc.want {
			t.Errorf("IsReserved(%q, %s) = %v, want %v", tc.label, tc.v, got, tc.want)
		}
	}
}
