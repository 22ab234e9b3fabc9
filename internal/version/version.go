package version

import (
	"fmt"
	"strconv"
	"strings"
)

// V is a server version such as 1.8.4, 2.29 or 3.x. A missing minor or patch
// number (written "x" or left out) is Wild: it stands for the whole line, so
// "2.29" means any 2.29.z and "3.x" any 3.y.z.
type V struct {
	Major, Minor, Patch int
	// Parts is how many numbers were given: 1 ("3", "3.x"), 2 ("2.29") or 3 ("2.29.1").
	Parts int
}

// Parse reads "1.8.4", "2.29", "3.x", "v2.0.2" or "3".
func Parse(s string) (V, error) {
	orig := s
	s = strings.TrimPrefix(strings.TrimSpace(s), "v")
	if s == "" {
		return V{}, fmt.Errorf("empty version")
	}
	fields := strings.Split(s, ".")
	if len(fields) > 3 {
		return V{}, fmt.Errorf("invalid version %q: want MAJOR[.MINOR[.PATCH]]", orig)
	}
	var nums [3]int
	parts := 0
	for i, f := range fields {
		if f == "x" || f == "*" {
			if i == 0 || i != len(fields)-1 {
				return V{}, fmt.Errorf("invalid version %q: only the last part may be x", orig)
			}
			break
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 || f == "" || (len(f) > 1 && f[0] == '+') {
			return V{}, fmt.Errorf("invalid version %q: %q is not a number", orig, f)
		}
		nums[i] = n
		parts++
	}
	v := V{Major: nums[0], Minor: nums[1], Patch: nums[2], Parts: parts}
	if v.Major < 1 || v.Major > 3 {
		return V{}, fmt.Errorf("unsupported version %q: tqlmig knows Grakn 1.x, TypeDB 2.x and 3.x", orig)
	}
	return v, nil
}

// ParseRelease reads a version as a server reports it, for example in an
// export's header: Parse's forms, plus a pre-release suffix after a full
// MAJOR.MINOR.PATCH ("2.0.0-alpha", "3.0.0-alpha-1", "3.10.0-rc2"), which
// pre-release builds write (typedb/typedb VERSION file at those tags). The
// suffix is dropped: a pre-release is judged as the release it precedes.
func ParseRelease(s string) (V, error) {
	s = strings.TrimSpace(s)
	if num, pre, ok := strings.Cut(s, "-"); ok {
		if strings.Count(num, ".") != 2 || !preRelease(pre) {
			return V{}, fmt.Errorf("invalid version %q: want MAJOR.MINOR.PATCH[-PRERELEASE]", s)
		}
		s = num
	}
	return Parse(s)
}

// preRelease reports whether s is a semver pre-release: dot- or
// dash-separated alphanumeric identifiers.
func preRelease(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// MustParse is Parse for constants; it panics on a malformed literal.
func MustParse(s string) V {
	v, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

func (v V) String() string {
	switch v.Parts {
	case 1:
		return fmt.Sprintf("%d.x", v.Major)
	case 2:
		return fmt.Sprintf("%d.%d", v.Major, v.Minor)
	}
	return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
}

// Compare orders versions by their numbers, treating missing parts as 0
// ("2.29" compares equal to "2.29.0").
func (v V) Compare(w V) int {
	for _, d := range [3]int{v.Major - w.Major, v.Minor - w.Minor, v.Patch - w.Patch} {
		if d < 0 {
			return -1
		}
		if d > 0 {
			return 1
		}
	}
	return 0
}

// AtLeast reports whether v >= the version written s (a constant).
func (v V) AtLeast(s string) bool { return v.Compare(MustParse(s)) >= 0 }

// Before reports whether v < the version written s (a constant).
func (v V) Before(s string) bool { return v.Compare(MustParse(s)) < 0 }

// In reports whether lo <= v <= hi, where hi given with fewer parts covers its
// whole line: In("2.0", "2.2") holds for 2.2.7.
func (v V) In(lo, hi string) bool {
	if !v.AtLeast(lo) {
		return false
	}
	h := MustParse(hi)
	switch h.Parts {
	case 1:
		return v.Major <= h.Major
	case 2:
		return v.Major < h.Major || (v.Major == h.Major && v.Minor <= h.Minor)
	}
	return v.Compare(h) <= 0
}
