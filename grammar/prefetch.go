package grammar

import (
	"runtime"
	"sync"
)

// Statements are independent, so their participle parses (nearly all of
// the time Parse takes) can run side by side. A first pass over the
// tokens, with the same query and statement splitting as the real one,
// lists every statement; the real pass then takes each tree from here,
// parsed in chunks on two goroutines just before it is needed (so only a
// chunk of trees waits in memory), and lowers it in order. Only trees that
// parsed are kept: a statement that fails is parsed again in order, so its
// error is worded exactly as before.

// prefetchChunk is how many statements are parsed ahead at a time.
const prefetchChunk = 64

type stmtSpan struct{ s, e int }

type prefetch struct {
	toks  []tok
	spans []stmtSpan    // every statement, in order
	trees []*pDefinable // parsed trees of spans[:next], taken by take
	next  int           // first span not yet parsed
	k     int           // first span not yet taken
}

// startPrefetch lists the statements of p's tokens. It returns nil when
// there is no second core to use.
func (p *parser) startPrefetch() *prefetch {
	if runtime.GOMAXPROCS(0) < 2 {
		return nil
	}
	scratch := &parser{file: p.file, src: p.src, toks: p.toks, out: &File{}, spans: []stmtSpan{}}
	scratch.parseFile()
	if len(scratch.spans) < 2 {
		return nil
	}
	return &prefetch{toks: p.toks, spans: scratch.spans, trees: make([]*pDefinable, len(scratch.spans))}
}

// take returns the tree of statement [s, e) if it was listed and parsed.
func (f *prefetch) take(s, e int) *pDefinable {
	for f.k < len(f.spans) && f.spans[f.k].s < s {
		f.trees[f.k] = nil
		f.k++
	}
	if f.k == len(f.spans) || f.spans[f.k] != (stmtSpan{s, e}) {
		return nil
	}
	if f.k >= f.next {
		f.fill()
	}
	d := f.trees[f.k]
	f.trees[f.k] = nil
	f.k++
	return d
}

// fill parses the next chunk of statements on two goroutines.
func (f *prefetch) fill() {
	end := min(f.k+prefetchChunk, len(f.spans))
	mid := (f.k + end) / 2
	var wg sync.WaitGroup
	wg.Go(func() { f.parse(mid, end) })
	f.parse(f.k, mid)
	wg.Wait()
	f.next = end
}

// parse parses spans [from, to). A panic leaves the tree out: the parse in
// order meets it again, where Parse turns it into a diagnostic.
func (f *prefetch) parse(from, to int) {
	for i := from; i < to; i++ {
		func() {
			defer func() { _ = recover() }()
			sp := f.spans[i]
			if d, err := parseAlone(f.toks[sp.s:sp.e], f.toks[sp.e].Pos); err == nil {
				f.trees[i] = d
			}
		}()
	}
}
