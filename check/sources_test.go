package check

import (
	"testing"

	"github.com/tqlmig/tqlmig/internal/version"
)

// TestChecksHaveSources: every data check names the importer code that
// decides its level.
func TestChecksHaveSources(t *testing.T) {
	for _, c := range Checks {
		if !version.ValidSource(c.Source) {
			t.Errorf("check %s: source %q is not a list of repo@tag:path references", c.Name, c.Source)
		}
	}
}

// TestDuplicateIDNeverFails: no importer refuses a repeated id (see the
// check's Source), so the level is a warning on every version.
func TestDuplicateIDNeverFails(t *testing.T) {
	c := Lookup("duplicate-id")
	for _, v := range []string{"1.8.4", "2.0", "2.2", "2.3", "2.18", "2.29", "3.4", "3.x"} {
		if l := c.Level(version.MustParse(v)); l != Warn {
			t.Errorf("duplicate-id at %s is %s, want warn", v, l)
		}
	}
}
