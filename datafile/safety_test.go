package datafile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
)

func enc(items ...*Item) []byte {
	var b []byte
	for _, it := range items {
		b = AppendDelimited(b, it)
	}
	return b
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

var (
	hdr    = &Item{Kind: concept.Header, Header: Header{Version: []byte("2.29.1"), Database: []byte("db")}}
	sums   = &Item{Kind: concept.Checksums, Checksums: Checksums{Entities: 1}}
	ent    = &Item{Kind: concept.Entity, ID: []byte("aGVsbG8="), Label: []byte("person")}
	hdrB   = enc(hdr)
	entB   = enc(ent)
	nHdr   = int64(len(hdrB))
	badRel = cat([]byte{0x0c, 0x1a, 0x0a}, []byte("\x0a\x01r\x22\x05\x12\x03\x0a\x05p")) // player id overruns
)

// TestSafety feeds each kind of broken input and checks the diagnostic's
// code, text, byte offset and item index.
func TestSafety(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		src    func([]byte) io.Reader // nil: a bytes.Reader, whose size is known
		code   string
		msg    string
		off    int64
		item   int64
		before int // items decoded before the error
	}{
		{name: "empty", in: nil, code: CodeEmpty,
			msg: "empty file: an export holds at least a header item"},
		{name: "gzip", in: []byte{0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0}, code: CodeCompressed,
			msg: "file is gzip-compressed (starts with 1f 8b): decompress it first"},
		{name: "zstd", in: []byte{0x28, 0xb5, 0x2f, 0xfd, 0x00}, code: CodeCompressed,
			msg: "file is zstd-compressed (starts with 28 b5 2f fd): decompress it first"},
		{name: "schema text", in: []byte("define\nperson sub entity;\n"), code: CodeNotExport,
			msg: `not a TypeDB export: the file starts with text "define"`},
		{name: "binary garbage", in: []byte{0x03, 0x0f, 0x01, 0x02}, code: CodeNotExport,
			msg: "not a TypeDB export: the first item does not parse: invalid wire type 7 for field 1 (at byte 1)"},
		{name: "first item empty of members", in: []byte{0x02, 0x08, 0x01}, code: CodeNotExport,
			msg: "not a TypeDB export: the first item holds no attribute, entity, relation, header or checksums"},
		{name: "length beyond the file, size known", in: cat(hdrB, []byte{0xe8, 0x07}, []byte("12345")), code: CodeTruncated,
			msg: "truncated item: its length prefix says 1000 bytes but only 5 remain in the file", off: nHdr, item: 1, before: 1},
		{name: "length beyond the file, streamed", in: cat(hdrB, []byte{0xe8, 0x07}, []byte("12345")), src: stream, code: CodeTruncated,
			msg: "truncated item: its length prefix says 1000 bytes but only 5 remain in the file", off: nHdr, item: 1, before: 1},
		{name: "truncated last item", in: cat(hdrB, entB, entB[:len(entB)-3]), src: stream, code: CodeTruncated,
			msg: fmt.Sprintf("truncated item: its length prefix says %d bytes but only %d remain in the file", len(entB)-1, len(entB)-4),
			off: nHdr + int64(len(entB)), item: 2, before: 2},
		{name: "prefix does not terminate", in: cat(hdrB, bytes.Repeat([]byte{0xff}, 12)), code: CodeBadLength,
			msg: "length prefix does not terminate: 10 bytes with the continuation bit set", off: nHdr, item: 1, before: 1},
		{name: "prefix above 2^31-1", in: cat(hdrB, []byte{0x80, 0x80, 0x80, 0x80, 0x08, 0x00}), code: CodeBadLength,
			msg: "length prefix 2147483648 exceeds the largest item size 2147483647", off: nHdr, item: 1, before: 1},
		{name: "prefix above 2^64", in: cat(hdrB, bytes.Repeat([]byte{0xff}, 9), []byte{0x7f}), code: CodeBadLength,
			msg: "length prefix beyond 2^64 exceeds the largest item size 2147483647", off: nHdr, item: 1, before: 1},
		{name: "truncated prefix", in: cat(hdrB, []byte{0x80}), code: CodeTruncated,
			msg: "truncated length prefix: the file ends after 1 byte(s) of a varint", off: nHdr, item: 1, before: 1},
		{name: "read error", in: hdrB, src: failing, code: CodeRead,
			msg: "read error: disk on fire", off: nHdr, item: 1, before: 1},
		{name: "malformed nested message", in: cat(hdrB, badRel), code: CodeMalformed,
			msg: fmt.Sprintf("malformed relation item: in relation.role[0].player[0]: length 5 exceeds the 1 bytes left in the message (at byte %d)", nHdr+11),
			off: nHdr, item: 1, before: 1},
		{name: "malformed first item", in: badRel, code: CodeNotExport,
			msg: "not a TypeDB export: the first item does not parse: in relation.role[0].player[0]: length 5 exceeds the 1 bytes left in the message (at byte 11)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var src io.Reader = bytes.NewReader(tc.in)
			if tc.src != nil {
				src = tc.src(tc.in)
			}
			r := NewReader(src, WithName("x.typedb"), WithBufferSize(64))
			n := 0
			var err error
			for {
				if _, err = r.Next(); err != nil {
					break
				}
				n++
			}
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("got %v, want a diagnostic", err)
			}
			if d.Code != tc.code || d.Message != tc.msg {
				t.Errorf("got  [%s] %s\nwant [%s] %s", d.Code, d.Message, tc.code, tc.msg)
			}
			if d.Severity != diag.Error || d.Data == nil || d.Data.File != "x.typedb" || d.Data.Offset != tc.off || d.Data.Item != tc.item {
				t.Errorf("got %s at %+v, want an error at byte %d, item %d", d.Severity, d.Data, tc.off, tc.item)
			}
			if n != tc.before {
				t.Errorf("decoded %d items before the error, want %d", n, tc.before)
			}
			if Recoverable(err) != (tc.code == CodeMalformed) {
				t.Errorf("Recoverable = %v", Recoverable(err))
			}
			if Recoverable(err) {
				return
			}
			if _, again := r.Next(); again != err {
				t.Errorf("a fatal error is not sticky: then %v", again)
			}
		})
	}
}

// TestNextRaw checks that NextRaw hands back the stream's own bytes, item
// by item, and fails on broken framing as Next does, at the same place.
func TestNextRaw(t *testing.T) {
	whole := cat(hdrB, entB, badRel, enc(sums))
	r := NewReader(stream(whole), WithBufferSize(64))
	var got []byte
	for {
		b, n, err := r.NextRaw()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if l, m := protowire.ConsumeVarint(b); m != n || int(l) != len(b)-n {
			t.Errorf("item %d: prefix of %d bytes says %d, frame holds %d after it", r.Index()-1, n, l, len(b)-n)
		}
		got = append(got, b...)
	}
	if !bytes.Equal(got, whole) || r.Index() != 4 {
		t.Errorf("NextRaw read %d items, %x; want 4, %x", r.Index(), got, whole)
	}
	for _, in := range [][]byte{
		nil,
		{0x1f, 0x8b, 0x08},
		[]byte("define\n"),
		cat(hdrB, []byte{0xe8, 0x07}, []byte("12345")),
		cat(hdrB, []byte{0xff, 0xff, 0xff, 0xff, 0x0f}),
		cat(hdrB, []byte{0x80}),
	} {
		var next, raw error
		for r := NewBytesReader(in); next == nil; _, next = r.Next() {
		}
		for r := NewBytesReader(in); raw == nil; _, _, raw = r.NextRaw() {
		}
		if fmt.Sprint(raw) != fmt.Sprint(next) || raw.(*diag.Diagnostic).Data.Item != next.(*diag.Diagnostic).Data.Item {
			t.Errorf("% x: NextRaw gives %v, Next %v", in, raw, next)
		}
	}
}

func stream(b []byte) io.Reader { return onlyReader{bytes.NewReader(b)} }

func failing(b []byte) io.Reader {
	return io.MultiReader(bytes.NewReader(b), iotest.ErrReader(errors.New("disk on fire")))
}

// TestMalformedRecovers checks that a malformed item costs only itself.
func TestMalformedRecovers(t *testing.T) {
	r := NewReader(bytes.NewReader(cat(hdrB, badRel, entB, enc(sums))))
	var kinds []concept.Kind
	for {
		it, err := r.Next()
		if err == io.EOF {
			break
		}
		if Recoverable(err) {
			kinds = append(kinds, concept.Unknown)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, it.Kind)
	}
	if want := []concept.Kind{concept.Header, concept.Unknown, concept.Entity, concept.Checksums}; !slicesEqual(kinds, want) {
		t.Errorf("got %v, want %v", kinds, want)
	}
}

func slicesEqual[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestStructureWarnings checks the header and checksums rules of the file
// contract: one header, first; one checksums item.
func TestStructureWarnings(t *testing.T) {
	sumsB := enc(sums)
	tests := []struct {
		name string
		in   []byte
		want []string // "code item offset: message"
	}{
		{"clean", cat(hdrB, entB, sumsB), nil},
		{"missing header", cat(entB, sumsB), []string{
			fmt.Sprintf("data-missing-header 2 %d: no header item in 2 items", len(entB)+len(sumsB))}},
		{"missing checksums", cat(hdrB, entB), []string{
			fmt.Sprintf("data-missing-checksums 2 %d: no checksums item in 2 items", len(hdrB)+len(entB))}},
		{"header not first", cat(entB, hdrB, sumsB), []string{
			fmt.Sprintf("data-header-not-first 1 %d: the header is item 1, not the first item", len(entB))}},
		{"duplicate header", cat(hdrB, entB, hdrB, sumsB), []string{
			fmt.Sprintf("data-duplicate-header 2 %d: duplicate header item (the first is item 0)", len(hdrB)+len(entB))}},
		{"duplicate checksums", cat(hdrB, sumsB, entB, sumsB), []string{
			fmt.Sprintf("data-duplicate-checksums 3 %d: duplicate checksums item (the first is item 1)", len(hdrB)+len(sumsB)+len(entB))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := NewBytesReader(tc.in)
			readAll(t, r)
			var got []string
			for _, d := range r.Diagnostics() {
				if d.Severity != diag.Warning {
					t.Errorf("%s is a %s, want a warning", d.Code, d.Severity)
				}
				got = append(got, fmt.Sprintf("%s %d %d: %s", d.Code, d.Data.Item, d.Data.Offset, d.Message))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestLyingLengthAllocation checks that a 2 GiB length prefix on a short
// stream of unknown size costs memory in proportion to the bytes that
// really arrive, not to the claim.
func TestLyingLengthAllocation(t *testing.T) {
	in := cat(hdrB, []byte{0xff, 0xff, 0xff, 0xff, 0x07}, bytes.Repeat([]byte{0x0a}, 100_000))
	// Of unknown size, the claim is over the per-item limit; of known
	// size, it is over what the file holds.
	for name, want := range map[string]string{"streamed": "exceeds the limit", "sized": "truncated item"} {
		var src io.Reader = bytes.NewReader(in)
		if name == "streamed" {
			src = stream(in)
		}
		alloc := allocated(func() {
			r := NewReader(src, WithBufferSize(4096))
			for {
				if _, err := r.Next(); err != nil {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("%s: %v", name, err)
					}
					return
				}
			}
		})
		t.Logf("%s: %d bytes allocated for %d input bytes", name, alloc, len(in))
		if limit := uint64(4*len(in) + 64<<10); alloc > limit {
			t.Errorf("%s: allocated %d bytes for a %d-byte input (limit %d)", name, alloc, len(in), limit)
		}
	}
}

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestWorstCaseAllocation checks the fuzz target's bound on the inputs that
// cost the most memory per byte: a relation of 50,000 empty roles, and an
// entity of 50,000 empty ownerships.
func TestWorstCaseAllocation(t *testing.T) {
	for _, body := range [][]byte{bytes.Repeat([]byte{0x22, 0x00}, 50000), bytes.Repeat([]byte{0x1a, 0x00}, 50000)} {
		msg := protowire.AppendVarint([]byte{0x1a}, uint64(len(body))) // a relation item
		msg = append(msg, body...)
		in := cat(hdrB, protowire.AppendVarint(nil, uint64(len(msg))), msg)
		alloc := allocated(func() {
			r := NewReader(bytes.NewReader(in))
			for {
				if _, err := r.Next(); err == io.EOF {
					return
				} else if err != nil {
					t.Fatal(err)
				}
			}
		})
		if limit := uint64(128*len(in) + 64<<10); alloc > limit {
			t.Errorf("% x…: allocated %d bytes for %d input bytes (limit %d)", body[:2], alloc, len(in), limit)
		}
	}
}
