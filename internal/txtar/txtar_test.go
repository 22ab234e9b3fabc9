package txtar

import (
	"bytes"
	"testing"
)

func TestParseFormat(t *testing.T) {
	for _, tc := range []struct {
		in      string
		comment string
		names   []string
		out     string // "" means same as in
	}{
		{in: "", comment: ""},
		{in: "just a comment\n", comment: "just a comment\n"},
		{in: "c\n-- a --\nA\n-- b.txt --\nB1\nB2\n", comment: "c\n", names: []string{"a", "b.txt"}},
		{in: "-- a --\nno newline", names: []string{"a"}, out: "-- a --\nno newline\n"},
		{in: "--  --\n-- x--\n", comment: "--  --\n-- x--\n"},
		{in: "-- a --\r\nA\r\n", names: []string{"a"}, out: "-- a --\nA\r\n"},
	} {
		a := Parse([]byte(tc.in))
		if string(a.Comment) != tc.comment {
			t.Errorf("Parse(%q).Comment = %q, want %q", tc.in, a.Comment, tc.comment)
		}
		var names []string
		for _, f := range a.Files {
			names = append(names, f.Name)
		}
		if len(names) != len(tc.names) {
			t.Errorf("Parse(%q) files = %q, want %q", tc.in, names, tc.names)
		}
		want := tc.out
		if want == "" {
			want = tc.in
		}
		if got := string(Format(a)); got != want {
			t.Errorf("Format(Parse(%q)) = %q, want %q", tc.in, got, want)
		}
	}
}

func TestGetSet(t *testing.T) {
	a := Parse([]byte("-- a --\n1\n"))
	a.Set("a", []byte("2\n"))
	a.Set("b", []byte("3\n"))
	if d, ok := a.Get("b"); !ok || string(d) != "3\n" {
		t.Errorf("Get(b) = %q, %v", d, ok)
	}
	if _, ok := a.Get("c"); ok {
		t.Error("Get(c) found a file")
	}
	if got := string(Format(a)); got != "-- a --\n2\n-- b --\n3\n" {
		t.Errorf("Format = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("c\n-- a --\nA\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a := Parse(data)
		b := Format(a)
		if !bytes.Equal(Format(Parse(b)), b) {
			t.Fatalf("Format is not a fixed point for %q", data)
		}
	})
}
