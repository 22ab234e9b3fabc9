package check

import (
	"bufio"
	"io"
	"slices"

	"github.com/tqlmig/tqlmig/datafile"
)

// reread fills in the byte offset and id of examples found at the end of
// the file (deferred references), and names the referenced id of examples
// about a reference, by reading their items again from the nearest
// checkpoint. Only the few example items are read.
func (rep *Report) reread(f *front, ra io.ReaderAt, base int64) {
	want := map[int64]bool{}
	for _, g := range rep.Groups {
		for _, e := range g.Examples {
			if e.Offset < 0 || e.ref != 0 && e.Note == "" {
				want[e.item()] = true
			}
		}
	}
	if len(want) == 0 {
		return
	}
	items := map[int64]*datafile.Item{}
	var idx []int64
	for i := range want {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	for _, i := range idx {
		if it := f.readItem(ra, base, i); it != nil {
			items[i] = it
		}
	}
	for _, g := range rep.Groups {
		for j := range g.Examples {
			e := &g.Examples[j]
			it := items[e.Item]
			if it == nil {
				continue
			}
			if e.Offset < 0 {
				e.Offset, e.ID = it.Offset, string(it.ID)
			}
			if e.Note == "" {
				e.Note = f.refNote(it, e.ref)
			}
		}
	}
}

func (e *Example) item() int64 { return e.Item }

// refNote names the reference of it whose hash is h.
func (f *front) refNote(it *datafile.Item, h uint64) string {
	if h == 0 {
		return ""
	}
	for _, o := range it.Owned {
		if f.hash(o) == h {
			return "owned id " + quote(o)
		}
	}
	for _, r := range it.Roles {
		for _, p := range r.Players {
			if f.hash(p) == h {
				return "role " + quote(r.Label) + " player id " + quote(p)
			}
		}
	}
	return ""
}

func quote(b []byte) string { return `"` + string(b) + `"` }

// readItem decodes item i again, starting at the checkpoint before it.
func (f *front) readItem(ra io.ReaderAt, base, i int64) *datafile.Item {
	k, ok := slices.BinarySearchFunc(f.checkpoints, i, func(c checkpoint, t int64) int { return cmpInt(c.item, t) })
	if !ok {
		k--
	}
	if k < 0 {
		return nil
	}
	cp := f.checkpoints[k]
	br := bufio.NewReader(io.NewSectionReader(ra, base+cp.off, 1<<62))
	off := cp.off
	for n := cp.item; ; n++ {
		l, err := readUvarint(br)
		if err != nil || l > datafile.MaxItemSize {
			return nil
		}
		pre := uvarintLen(l)
		if n < i {
			if _, err := br.Discard(int(l)); err != nil {
				return nil
			}
			off += int64(pre) + int64(l)
			continue
		}
		// A header item first keeps the reader's text sniffing away from
		// item bytes that happen to be printable.
		buf := []byte{2, 0x7a, 0}
		buf = appendUvarint(buf, l)
		start := len(buf)
		buf = append(buf, make([]byte, l)...)
		if _, err := io.ReadFull(br, buf[start:]); err != nil {
			return nil
		}
		rd := datafile.NewBytesReader(buf)
		if _, err := rd.Next(); err != nil {
			return nil
		}
		it, err := rd.Next()
		if err != nil {
			return nil
		}
		it = it.Clone()
		it.Offset, it.Index = off, i
		return it
	}
}

func readUvarint(r io.ByteReader) (uint64, error) {
	var x uint64
	for s := uint(0); s < 64; s += 7 {
		c, err := r.ReadByte()
		if err != nil {
			return 0, err
		}
		x |= uint64(c&0x7f) << s
		if c < 0x80 {
			return x, nil
		}
	}
	return 0, io.ErrUnexpectedEOF
}

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

func appendUvarint(b []byte, x uint64) []byte {
	for x >= 0x80 {
		b = append(b, byte(x)|0x80)
		x >>= 7
	}
	return append(b, byte(x))
}
