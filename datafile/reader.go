package datafile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
)

// Diagnostic codes reported by the Reader.
const (
	CodeEmpty              = "data-empty"               // the file has no bytes
	CodeCompressed         = "data-compressed"          // gzip, zstd, xz, bzip2 or zip magic
	CodeNotExport          = "data-not-export"          // the first item is not an Item message
	CodeBadLength          = "data-bad-length"          // a length prefix that is not a usable varint
	CodeTruncated          = "data-truncated"           // the file ends inside an item or its prefix
	CodeMalformed          = "data-malformed"           // an item whose message does not parse
	CodeRead               = "data-read"                // the source returned an I/O error
	CodeMissingHeader      = "data-missing-header"      // no header item
	CodeHeaderNotFirst     = "data-header-not-first"    // the header is not item 0
	CodeDuplicateHeader    = "data-duplicate-header"    // more than one header item
	CodeMissingChecksums   = "data-missing-checksums"   // no checksums item
	CodeDuplicateChecksums = "data-duplicate-checksums" // more than one checksums item
	CodeAfterChecksums     = "data-after-checksums"     // items after the checksums item
	CodeTooLarge           = "data-too-large"           // an item over the Reader's per-item limit
)

// MaxItemSize is the largest length prefix accepted. Java's delimited
// parser reads the prefix as a signed 32-bit integer, so no exporter can
// have written more and no 1.x/2.x importer could read it.
const MaxItemSize = 1<<31 - 1

// DefaultMaxItem is the largest item a Reader buffers unless WithMaxItem
// says otherwise: 64 MiB. Every exporter writes one thing per item, so an
// item this large is a thing with over a million ownerships or role
// players; a larger length prefix is far more likely corruption, and
// accepting it would let one prefix claim gigabytes of memory.
const DefaultMaxItem = 64 << 20

// maxEmptyRun is how many empty items in a row end the stream as not an
// export. No exporter writes an empty item (each writes one thing, header
// or checksums per item); a long run of them is a region of zero bytes
// (a sparse or zero-filled file, /dev/zero), which would otherwise read
// as an endless stream of items.
const maxEmptyRun = 4096

// largeItem is the size from which an item's first field is checked
// before the rest of it is read: larger items need the buffer to grow.
const largeItem = 64 << 10

// maxPrefix is the longest varint: a prefix that has not ended after this
// many bytes never will.
const maxPrefix = 10

// DefaultBufferSize is the Reader's chunk size: large enough that reading a
// file costs few system calls, small enough to stay in cache.
const DefaultBufferSize = 1 << 20

// Reader decodes an export stream item by item. It reads its source in
// large chunks into one buffer, and decodes each item into one reused Item
// whose strings point into that buffer.
type Reader struct {
	src  io.Reader
	name string

	buf      []byte
	pos, end int   // unread bytes are buf[pos:end]
	base     int64 // stream offset of buf[0]
	eof      bool  // src has no more bytes (or failed)
	remain   int64 // bytes left in src after buf[end], or -1 when unknown
	bufSize  int
	read     int64
	readErr  error // what the source returned instead of io.EOF
	progress func(read int64)

	maxItem  int
	emptyRun int64 // empty items in a row just read

	item    Item
	index   int64
	err     error // sticky: a fatal error or io.EOF
	sniffed bool

	headers, checksums     int64
	firstHeader, firstSums diag.DataPos
	afterSums              int64        // items after the first checksums item
	firstAfter             diag.DataPos // the first of them
	diags                  diag.List
}

// Option configures a Reader.
type Option func(*Reader)

// WithName sets the file name that diagnostics carry.
func WithName(name string) Option { return func(r *Reader) { r.name = name } }

// WithSize tells the Reader how many bytes the source holds, so that a
// length prefix larger than the rest of the file is rejected before any
// allocation. NewReader finds the size itself for files, bytes.Reader and
// strings.Reader.
func WithSize(n int64) Option { return func(r *Reader) { r.remain = n } }

// WithBufferSize sets the chunk size (default DefaultBufferSize). A larger
// item grows the buffer as its bytes arrive.
func WithBufferSize(n int) Option { return func(r *Reader) { r.bufSize = max(n, 64) } }

// WithMaxItem sets the largest item accepted, in bytes (default
// DefaultMaxItem, at most MaxItemSize). A larger length prefix is an error
// (CodeTooLarge) before anything is buffered.
func WithMaxItem(n int) Option { return func(r *Reader) { r.maxItem = min(max(n, 1), MaxItemSize) } }

// WithProgress registers fn, called with the number of bytes read from the
// source so far after each chunk is read (about once per buffer size).
func WithProgress(fn func(read int64)) Option { return func(r *Reader) { r.progress = fn } }

// NewReader returns a Reader that decodes the export stream in src.
func NewReader(src io.Reader, opts ...Option) *Reader {
	r := &Reader{src: src, remain: -1, bufSize: DefaultBufferSize, maxItem: DefaultMaxItem}
	for _, o := range opts {
		o(r)
	}
	if r.remain < 0 {
		r.remain = SourceSize(src)
	}
	return r
}

// NewBytesReader returns a Reader that decodes b in place, without copying.
func NewBytesReader(b []byte, opts ...Option) *Reader {
	r := &Reader{buf: b, end: len(b), eof: true, remain: 0, read: int64(len(b)), maxItem: DefaultMaxItem}
	for _, o := range opts {
		o(r)
	}
	r.remain = 0
	return r
}

// SourceSize returns the bytes left in src when it can tell (a regular
// file, or anything with Len such as bytes.Reader), else -1. The reader
// bounds length prefixes by it, and check sizes its id table from it.
func SourceSize(src io.Reader) int64 {
	switch s := src.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		return int64(s.Len())
	case interface {
		Stat() (os.FileInfo, error)
		io.Seeker
	}: // *os.File
		fi, err := s.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		cur, err := s.Seek(0, io.SeekCurrent)
		if err != nil || cur > fi.Size() {
			return -1
		}
		return fi.Size() - cur
	}
	return -1
}

// Name returns the file name diagnostics carry.
func (r *Reader) Name() string { return r.name }

// Offset returns the stream offset of the next unread item.
func (r *Reader) Offset() int64 { return r.base + int64(r.pos) }

// Index returns the index of the next item.
func (r *Reader) Index() int64 { return r.index }

// BytesRead returns how many bytes were read from the source so far.
func (r *Reader) BytesRead() int64 { return r.read }

// Diagnostics returns the warnings about the stream's structure found so
// far: header and checksums items missing, repeated or out of place. The
// missing ones are added when the end of the stream is reached.
func (r *Reader) Diagnostics() diag.List { return r.diags }

// Recoverable reports whether err, returned by Next, concerns a single item
// whose framing was intact, so that Next may be called again. Every other
// error is final and Next keeps returning it.
func Recoverable(err error) bool {
	var d *diag.Diagnostic
	return errors.As(err, &d) && d.Code == CodeMalformed
}

// Next decodes the next item. It returns io.EOF at a clean end of the
// stream. Errors are *diag.Diagnostic values carrying a diag.DataPos. The
// returned Item, and every byte slice in it, is valid until the next call.
func (r *Reader) Next() (*Item, error) {
	b, n, err := r.frame()
	if err != nil {
		return nil, err
	}
	return r.decode(b, n)
}

// decode decodes the item framed as b, whose length prefix is n bytes, and
// moves past it.
func (r *Reader) decode(b []byte, n int) (*Item, error) {
	var err error
	need := len(b)
	l := need - n
	it := &r.item
	if k := it.Kind; k.IsThing() && !it.HasValue && it.Unknown == 0 {
		// The common case of Item.clear, without the call.
		it.Kind, it.ID, it.Label = concept.Unknown, nil, nil
		it.Owned, it.Roles, it.players = it.Owned[:0], it.Roles[:0], it.players[:0]
	} else {
		it.clear()
	}
	it.Offset, it.Index, it.Size = r.base+int64(r.pos), r.index, l
	msg := b[n:need:need]
	if k := thingTag(msg); k != concept.Unknown {
		// decodeItem's fast path, without the call: one thing member.
		it.Kind = k
		c := cap(it.players)
		if err = decodeThing(it, msg[len(msg)-thingLen(msg):], k); err != nil {
			err = within(err, k.String(), len(msg)-thingLen(msg))
		} else if cap(it.players) != c {
			it.fixRoles()
		}
	} else {
		err = decodeItem(it, msg)
	}
	r.pos += need
	r.index++
	if err != nil {
		if it.Index == 0 {
			e := err.(*decodeError)
			return nil, r.fail(r.notExport(fmt.Sprintf("the first item does not parse: %s (at byte %d)", e.Error(), it.Offset+int64(n)+int64(e.off))))
		}
		return nil, r.malformed(it, n, err)
	}
	if it.Index == 0 && it.Kind == concept.Unknown {
		return nil, r.fail(r.notExport("the first item holds no attribute, entity, relation, header or checksums"))
	}
	r.saw(it.Kind, it.Offset, it.Index)
	return it, nil
}

// NextRaw returns the next item undecoded, as its bytes stand in the
// stream: the length prefix, whose length is n, then the Item message. It
// returns io.EOF at a clean end, and the errors about the stream that Next
// returns (empty, compressed or text input, a first item that is not an
// Item, bad length, truncation, a run of empty items) with their offset
// and item index. Only the first item is decoded; of the others only the
// kind is read, so that Diagnostics reports the header and checksums items
// missing, repeated or out of place as it does for Next. The bytes are
// valid until the next call.
func (r *Reader) NextRaw() (b []byte, n int, err error) {
	if b, n, err = r.frame(); err != nil {
		return nil, 0, err
	}
	if r.index == 0 {
		if _, err := r.decode(b, n); err != nil {
			return nil, 0, err
		}
		return b, n, nil
	}
	r.saw(PeekKind(b[n:]), r.Offset(), r.index)
	r.pos += len(b)
	r.index++
	return b, n, nil
}

// PeekKind returns the kind of the Item message b from its first field,
// without checking the rest: exporters write exactly one.
func PeekKind(b []byte) concept.Kind {
	num, typ, n := protowire.ConsumeTag(b)
	if n < 0 || typ != protowire.BytesType {
		return concept.Unknown
	}
	switch num {
	case fieldAttribute:
		return concept.Attribute
	case fieldEntity:
		return concept.Entity
	case fieldRelation:
		return concept.Relation
	case fieldHeader:
		return concept.Header
	case fieldChecksums:
		return concept.Checksums
	}
	return concept.Unknown
}

// frame makes the next whole item available at buf[pos:] and returns its
// bytes, length prefix included, and the length of the prefix; io.EOF at a
// clean end of the stream.
func (r *Reader) frame() ([]byte, int, error) {
	if r.err != nil {
		return nil, 0, r.err
	}
	if r.end-r.pos < maxPrefix && !r.eof {
		r.fill(maxPrefix)
	}
	if !r.sniffed {
		if err := r.sniff(); err != nil {
			return nil, 0, r.fail(err)
		}
	}
	if r.pos == r.end {
		if r.src != nil && r.eof && r.readErr != nil {
			return nil, 0, r.fail(r.readError())
		}
		r.finish()
		r.err = io.EOF
		return nil, 0, io.EOF
	}
	b := r.buf[r.pos:r.end]
	var l uint64
	n := 1
	if b[0] < 0x80 {
		l = uint64(b[0])
	} else if len(b) > 1 && b[1] < 0x80 {
		l, n = uint64(b[0]&0x7f)|uint64(b[1])<<7, 2
	} else {
		var err *diag.Diagnostic
		if l, n, err = r.prefix(b); err != nil {
			return nil, 0, r.fail(err)
		}
	}
	if l == 0 {
		if err := r.empty(); err != nil {
			return nil, 0, r.fail(err)
		}
	} else {
		r.emptyRun = 0
	}
	need := n + int(l)
	if need > len(b) {
		if err := r.more(need, int(l), n); err != nil {
			return nil, 0, r.fail(err)
		}
		b = r.buf[r.pos:r.end]
	}
	return b[:need:need], n, nil
}

// empty counts an empty item; a run of them is not export data.
func (r *Reader) empty() *diag.Diagnostic {
	r.emptyRun++
	if r.index == 0 {
		return r.notExport("the first item is empty (a zero byte where its length should be)")
	}
	if r.emptyRun < maxEmptyRun {
		return nil
	}
	start := r.Offset() - (r.emptyRun - 1)
	d := r.diag(diag.Error, CodeNotExport, start, r.index-(r.emptyRun-1),
		"not a TypeDB export from here: %d empty items in a row (zero bytes where items should be)", r.emptyRun)
	d.Detail = "No exporter writes an empty item. A run of zero bytes is a sparse or zero-filled region, such as a file preallocated and never written, or /dev/zero."
	return d
}

func (r *Reader) tooLarge(l int) *diag.Diagnostic {
	d := r.diag(diag.Error, CodeTooLarge, r.Offset(), r.index,
		"item of %d bytes exceeds the limit of %d bytes per item", l, r.maxItem)
	d.Detail = "Exporters write one thing per item, so so large an item is almost certainly a corrupt length prefix; nothing of it was read."
	return d
}

// readErr is the error the source returned, if any; it ends the stream.
func (r *Reader) readError() *diag.Diagnostic {
	return r.diag(diag.Error, CodeRead, r.Offset(), r.index, "read error: %v", r.readErr)
}

func (r *Reader) fail(d *diag.Diagnostic) error {
	r.finish()
	r.err = d
	return d
}

func (r *Reader) diag(sev diag.Severity, code string, off, item int64, format string, args ...any) *diag.Diagnostic {
	return &diag.Diagnostic{
		Severity: sev, Code: code,
		Data:    &diag.DataPos{File: r.name, Offset: off, Item: item},
		Message: fmt.Sprintf(format, args...),
	}
}

// prefix decodes a length prefix of more than one byte at the start of b.
func (r *Reader) prefix(b []byte) (uint64, int, *diag.Diagnostic) {
	off := r.Offset()
	var v uint64
	for i := 0; i < maxPrefix; i++ {
		if i == len(b) {
			if r.readErr != nil {
				return 0, 0, r.readError()
			}
			return 0, 0, r.diag(diag.Error, CodeTruncated, off, r.index,
				"truncated length prefix: the file ends after %d byte(s) of a varint", i)
		}
		c := b[i]
		if i < 9 {
			v |= uint64(c&0x7f) << (7 * i)
		} else if c > 1 {
			v = 1 << 63 // more than 64 bits: certainly too large
		} else {
			v |= uint64(c&0x7f) << 63
		}
		if c < 0x80 {
			if v > MaxItemSize {
				d := r.diag(diag.Error, CodeBadLength, off, r.index,
					"length prefix %s exceeds the largest item size %d", fmtLength(v, c, i), MaxItemSize)
				d.Detail = "Java's delimited parser reads item lengths as signed 32-bit integers; this is corruption or not an export."
				return 0, 0, d
			}
			return v, i + 1, nil
		}
	}
	return 0, 0, r.diag(diag.Error, CodeBadLength, off, r.index,
		"length prefix does not terminate: %d bytes with the continuation bit set", maxPrefix)
}

func fmtLength(v uint64, last byte, i int) string {
	if i == 9 && last > 1 {
		return "beyond 2^64"
	}
	return strconv.FormatUint(v, 10)
}

// more makes the whole item of need bytes (prefix n plus message l)
// available at buf[pos:], reading incrementally so that a lying prefix
// costs at most about twice the bytes the source really has.
func (r *Reader) more(need, l, n int) *diag.Diagnostic {
	have := int64(r.end - r.pos)
	if r.remain >= 0 && int64(need) > have+r.remain {
		return r.truncated(l, n, have+r.remain)
	}
	if l >= largeItem {
		// Check the start of the item before reading the rest of it:
		// what follows a corrupt prefix is rarely a valid first field.
		r.fill(n + min(l, 16))
		if d := r.checkStart(r.buf[r.pos+n:r.end], l); d != nil {
			return d
		}
	}
	if l > r.maxItem {
		return r.tooLarge(l)
	}
	r.fill(need)
	if r.end-r.pos < need {
		if r.readErr != nil {
			return r.readError()
		}
		return r.truncated(l, n, int64(r.end-r.pos))
	}
	return nil
}

// checkStart checks that b, the first bytes of an item of l bytes, begin
// with a member of the Item oneof (thing, header or checksums) that fits
// in the item, as every exporter writes it.
func (r *Reader) checkStart(b []byte, l int) *diag.Diagnostic {
	_, typ, n := protowire.ConsumeTag(b)
	var size uint64
	m := 0
	if n > 0 {
		size, m = protowire.ConsumeVarint(b[n:])
	}
	switch {
	case n < 0 || m < 0:
		if len(b) < min(l, 16) {
			return nil // the file ends first: truncation is reported instead
		}
	case typ == protowire.BytesType && PeekKind(b) != concept.Unknown && size <= uint64(l-n-m):
		return nil
	}
	d := r.diag(diag.Error, CodeBadLength, r.Offset(), r.index,
		"length prefix claims %d bytes, but they do not start with an attribute, entity, relation, header or checksums (first bytes % x)", l, b[:min(len(b), 8)])
	d.Detail = "The length prefix is corrupt, or what follows is not export data; the rest of the claimed bytes were not read."
	return d
}

func (r *Reader) truncated(l, n int, avail int64) *diag.Diagnostic {
	d := r.diag(diag.Error, CodeTruncated, r.Offset(), r.index,
		"truncated item: its length prefix says %d bytes but only %d remain in the file", l, avail-int64(n))
	d.Detail = "The file ends inside this item: the export was cut short (a full disk, a killed process, an interrupted copy), or the length prefix is corrupt."
	return d
}

func (r *Reader) malformed(it *Item, n int, err error) *diag.Diagnostic {
	e := err.(*decodeError)
	at := it.Offset + int64(n) + int64(e.off)
	d := r.diag(diag.Error, CodeMalformed, it.Offset, it.Index,
		"malformed %s item: %s (at byte %d)", itemWord(it.Kind), e.Error(), at)
	if len(it.ID) > 0 && utf8.Valid(it.ID) {
		d.Data.ID = string(it.ID)
	}
	return d
}

func itemWord(k concept.Kind) string {
	if k == concept.Unknown {
		return "Item"
	}
	return k.String()
}

func (r *Reader) notExport(reason string) *diag.Diagnostic {
	d := r.diag(diag.Error, CodeNotExport, 0, 0, "not a TypeDB export: %s", reason)
	d.Detail = "An export file is a sequence of length-prefixed protobuf Item messages, written by 'grakn server export', 'typedb server export' or the TypeDB 3.x console."
	return d
}

// sniff recognises inputs that are certainly not an export: nothing at all,
// compressed files and text files.
func (r *Reader) sniff() *diag.Diagnostic {
	r.sniffed = true
	if r.end-r.pos < 512 && !r.eof {
		r.fill(512)
	}
	b := r.buf[r.pos:r.end]
	if len(b) == 0 {
		if r.readErr != nil {
			return r.readError()
		}
		d := r.diag(diag.Error, CodeEmpty, 0, 0, "empty file: an export holds at least a header item")
		d.Detail = "TypeDB 2.3 and later fail on an empty file; an export of an empty database still has a header and a checksums item."
		return d
	}
	for _, m := range magics {
		if bytes.HasPrefix(b, m.magic) {
			d := r.diag(diag.Error, CodeCompressed, 0, 0, "file is %s-compressed (starts with % x): decompress it first", m.name, m.magic)
			d.Detail = "TypeDB importers read only the raw, uncompressed stream."
			return d
		}
	}
	if looksLikeText(b) {
		s := b[:min(len(b), 24)]
		for i, c := range s {
			if c == '\n' || c == '\r' {
				s = s[:i]
				break
			}
		}
		return r.notExport(fmt.Sprintf("the file starts with text %q", s))
	}
	return nil
}

var magics = []struct {
	name  string
	magic []byte
}{
	{"gzip", []byte{0x1f, 0x8b}},
	{"zstd", []byte{0x28, 0xb5, 0x2f, 0xfd}},
	{"xz", []byte{0xfd, '7', 'z', 'X', 'Z', 0}},
	{"bzip2", []byte{'B', 'Z', 'h'}},
	{"zip", []byte{'P', 'K', 3, 4}},
}

// looksLikeText reports whether the first bytes are printable UTF-8. An
// export cannot start that way: within its first few bytes come a tag byte
// such as 0x12 and string lengths below 32.
func looksLikeText(b []byte) bool {
	b = b[:min(len(b), 64)]
	for len(b) > 0 {
		c, size := utf8.DecodeRune(b)
		if c == utf8.RuneError && size <= 1 {
			return len(b) < utf8.UTFMax && len(b) > 0 && !utf8.FullRune(b) // cut in the middle of a rune
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f {
			return false
		}
		b = b[size:]
	}
	return true
}

func (r *Reader) posOf(it *Item) diag.DataPos {
	return diag.DataPos{File: r.name, Offset: it.Offset, Item: it.Index}
}

// saw records an item of kind k at offset off for the structure checks.
func (r *Reader) saw(k concept.Kind, off, index int64) {
	if r.checksums > 0 {
		r.afterSums++
		if r.afterSums == 1 {
			r.firstAfter = diag.DataPos{File: r.name, Offset: off, Item: index}
		}
	}
	switch k {
	case concept.Header:
		r.sawHeader(off, index)
	case concept.Checksums:
		r.sawChecksums(off, index)
	}
}

func (r *Reader) sawHeader(off, index int64) {
	r.headers++
	if r.headers == 1 {
		r.firstHeader = diag.DataPos{File: r.name, Offset: off, Item: index}
		if index != 0 {
			d := r.diag(diag.Warning, CodeHeaderNotFirst, off, index, "the header is item %d, not the first item", index)
			d.Detail = "TypeDB 2.3 to 2.29 require the header as the first item and fail with 'the header is missing' otherwise."
			r.diags.Add(d)
		}
		return
	}
	d := r.diag(diag.Warning, CodeDuplicateHeader, off, index, "duplicate header item (the first is item %d)", r.firstHeader.Item)
	d.Related = []diag.Related{{Message: "first header: " + r.firstHeader.String()}}
	r.diags.Add(d)
}

func (r *Reader) sawChecksums(off, index int64) {
	r.checksums++
	if r.checksums == 1 {
		r.firstSums = diag.DataPos{File: r.name, Offset: off, Item: index}
		return
	}
	d := r.diag(diag.Warning, CodeDuplicateChecksums, off, index, "duplicate checksums item (the first is item %d)", r.firstSums.Item)
	d.Detail = "TypeDB 3.x rejects a file with more than one checksums item."
	d.Related = []diag.Related{{Message: "first checksums: " + r.firstSums.String()}}
	r.diags.Add(d)
}

// finish reports what was missing from the stream, once.
func (r *Reader) finish() {
	if r.err != nil || !r.sniffed || r.index == 0 {
		return
	}
	off := r.Offset()
	if r.headers == 0 {
		d := r.diag(diag.Warning, CodeMissingHeader, off, r.index, "no header item in %d items", r.index)
		d.Detail = "TypeDB 2.3 to 2.29 refuse a file without a header as its first item."
		r.diags.Add(d)
	}
	if r.afterSums > 0 && r.checksums == 1 {
		d := r.diag(diag.Warning, CodeAfterChecksums, r.firstAfter.Offset, r.firstAfter.Item,
			"%d items after the checksums item (item %d)", r.afterSums, r.firstSums.Item)
		d.Detail = "Exporters write the checksums item last (typedb@2.29.1:migrator/database/DatabaseExporter.java writeData; typedb@3.12.3:server/service/grpc/migration/export_service.rs export_checksums): items after it mean files joined together or a damaged file."
		r.diags.Add(d)
	}
	if r.checksums == 0 {
		d := r.diag(diag.Warning, CodeMissingChecksums, off, r.index, "no checksums item in %d items", r.index)
		d.Detail = "TypeDB 2.3 and later and 3.x need the checksums item to verify an import; without it the import fails at the end."
		r.diags.Add(d)
	}
}

// fill reads until at least want bytes are unread or the source ends,
// moving the unread bytes to the front and growing the buffer as needed.
// The buffer never grows past twice what has been read, so a lying length
// prefix cannot force a large allocation.
func (r *Reader) fill(want int) {
	if r.src == nil || r.eof {
		return
	}
	if r.buf == nil {
		size := r.bufSize
		if r.remain >= 0 && r.remain+maxPrefix < int64(size) {
			size = int(r.remain) + maxPrefix
		}
		r.buf = make([]byte, max(size, want))
	}
	if r.pos > 0 && (r.pos == r.end || len(r.buf)-r.pos < want) {
		n := copy(r.buf, r.buf[r.pos:r.end])
		r.base += int64(r.pos)
		r.pos, r.end = 0, n
	}
	for zero := 0; r.end-r.pos < want; {
		if r.end == len(r.buf) {
			size := min(max(2*len(r.buf), 4096), r.pos+want)
			if r.remain >= 0 {
				size = min(size, r.end+int(min(r.remain, MaxItemSize)))
			}
			if size <= r.end-r.pos {
				// The source is known to hold nothing more: stop here
				// rather than spin on empty reads.
				r.eof = true
				return
			}
			nb := make([]byte, size)
			copy(nb, r.buf[r.pos:r.end])
			r.base += int64(r.pos)
			r.pos, r.end, r.buf = 0, r.end-r.pos, nb
		}
		n, err := r.src.Read(r.buf[r.end:])
		r.end += n
		r.read += int64(n)
		if r.remain >= 0 {
			r.remain = max(r.remain-int64(n), 0)
		}
		if n > 0 && r.progress != nil {
			r.progress(r.read)
		}
		if err != nil {
			r.eof = true
			if err != io.EOF {
				r.readErr = err
			}
			return
		}
		if n == 0 {
			if zero++; zero > 100 {
				r.eof, r.readErr = true, io.ErrNoProgress
				return
			}
		}
	}
}
