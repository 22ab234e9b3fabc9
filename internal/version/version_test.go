package version

import "testing"

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		err      bool
	}{
		{in: "1.8.4", want: "1.8.4"},
		{in: "v2.0.2", want: "2.0.2"},
		{in: "2.29", want: "2.29"},
		{in: "3.x", want: "3.x"},
		{in: "3", want: "3.x"},
		{in: "", err: true},
		{in: "2.x.1", err: true},
		{in: "4.0", err: true},
		{in: "0.9", err: true},
		{in: "2.a", err: true},
		{in: "1.2.3.4", err: true},
		{in: "x", err: true},
	} {
		v, err := Parse(tc.in)
		if tc.err {
			if err == nil {
				t.Errorf("Parse(%q) = %v, want error", tc.in, v)
			}
			continue
		}
		if err != nil || v.String() != tc.want {
			t.Errorf("Parse(%q) = %v, %v; want %s", tc.in, v, err, tc.want)
		}
	}
}

func TestCompare(t *testing.T) {
	v := MustParse("2.18.0")
	if !v.AtLeast("2.18") || v.AtLeast("2.18.1") || !v.Before("2.22") || v.Before("2.18") {
		t.Errorf("comparisons of %v are wrong", v)
	}
	for _, tc := range []struct {
		v, lo, hi string
		in        bool
	}{
		{"2.2.7", "2.0", "2.2", true},
		{"2.3.0", "2.0", "2.2", false},
		{"1.8.1", "1.8.1", "1.8.4", true},
		{"1.8.0", "1.8.1", "1.8.4", false},
		{"3.4.0", "3.0", "3", true},
		{"2.29.1", "2.6", "2.29", true},
	} {
		if got := MustParse(tc.v).In(tc.lo, tc.hi); got != tc.in {
			t.Errorf("%s.In(%s, %s) = %v, want %v", tc.v, tc.lo, tc.hi, got, tc.in)
		}
	}
}

// Exporters write their own version into the header, and pre-release builds
// carry a suffix there (the VERSION file of typedb/typedb at tags 2.0.0-alpha,
// 2.26.6-rc1, 3.0.0-alpha-1 and 3.10.0-rc2).
func TestParseRelease(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		err      bool
	}{
		{in: "2.0.0-alpha", want: "2.0.0"},
		{in: "3.0.0-alpha-1", want: "3.0.0"},
		{in: "3.10.0-rc2", want: "3.10.0"},
		{in: "2.26.6-rc1\n", want: "2.26.6"},
		{in: "1.7.3", want: "1.7.3"},
		{in: "2.29", want: "2.29"},
		{in: "2.29-rc1", err: true}, // a suffix only after a full version
		{in: "2.0.0-", err: true},
		{in: "2.0.0-al pha", err: true},
		{in: "grakn", err: true},
	} {
		v, err := ParseRelease(tc.in)
		if tc.err {
			if err == nil {
				t.Errorf("ParseRelease(%q) = %v, want error", tc.in, v)
			}
			continue
		}
		if err != nil || v.String() != tc.want {
			t.Errorf("ParseRelease(%q) = %v, %v; want %s", tc.in, v, err, tc.want)
		}
	}
}
