package grammar

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Statements are independent, so their participle parses, most of the
// time Parse takes, can run side by side. A first pass over the tokens,
// with the same query and statement splitting as the real one, lists every
// statement. Worker goroutines then parse chunks of that list ahead, while
// the real pass lowers each tree in order as soon as its chunk is ready:
// parsing and lowering overlap, and the workers stay a bounded number of
// chunks ahead so that few trees wait in memory. Only trees that parsed
// are kept: a statement that fails is parsed again in order, so its error
// is worded exactly as without the workers.

const (
	// aheadMinStmts is the smallest file, in statements, worth starting
	// workers for: below it, starting them costs more than they save.
	aheadMinStmts = 256
	// aheadChunk is how many statements a worker parses at a time.
	aheadChunk = 32
	// aheadChunks is how many chunks may be parsed before the real pass
	// takes them.
	aheadChunks = 64
)

type stmtSpan struct{ s, e int }

// ahead parses the listed statements on worker goroutines.
type ahead struct {
	toks  []tok
	spans []stmtSpan      // every statement, in order
	trees []*pDefinable   // the parsed tree of each span, nil when it failed
	ready []chan struct{} // per chunk, closed once its trees are set
	next  atomic.Int64    // the first chunk no worker has claimed
	slots chan struct{}   // one per chunk parsed and not yet taken
	quit  chan struct{}   // closed when the real pass ends
	wg    sync.WaitGroup
	k     int // the first span the real pass has not taken
	taken int // trees the real pass took, for tests
}

// startAhead lists the statements of p's tokens and starts the workers. It
// returns nil when there is no second core or too few statements.
func (p *parser) startAhead() *ahead {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 {
		return nil
	}
	lister := &parser{file: p.file, src: p.src, toks: p.toks, out: &File{}, spans: []stmtSpan{}}
	lister.parseFile()
	if len(lister.spans) < aheadMinStmts {
		return nil
	}
	n := (len(lister.spans) + aheadChunk - 1) / aheadChunk
	a := &ahead{
		toks:  p.toks,
		spans: lister.spans,
		trees: make([]*pDefinable, len(lister.spans)),
		ready: make([]chan struct{}, n),
		slots: make(chan struct{}, aheadChunks),
		quit:  make(chan struct{}),
	}
	for i := range a.ready {
		a.ready[i] = make(chan struct{})
	}
	a.wg.Add(workers)
	for range workers {
		go a.work()
	}
	return a
}

// work claims and parses chunks until none is left or the real pass ends.
func (a *ahead) work() {
	defer a.wg.Done()
	for {
		select {
		case a.slots <- struct{}{}:
		case <-a.quit:
			return
		}
		c := int(a.next.Add(1) - 1)
		if c >= len(a.ready) {
			return
		}
		a.parseChunk(c)
		close(a.ready[c])
	}
}

// parseChunk parses the statements of chunk c from one lexer over the
// chunk's tokens. A statement is taken only when it parses and ends
// exactly where it was listed to end. A failure or a panic leaves the
// tree out: the real pass meets the statement again and reports it.
func (a *ahead) parseChunk(c int) {
	spans := a.spans[c*aheadChunk : min((c+1)*aheadChunk, len(a.spans))]
	base, end := spans[0].s, spans[len(spans)-1].e
	lex, err := lexer.Upgrade(&sliceLexer{toks: a.toks[base:end], eof: a.toks[end].Pos})
	if err != nil {
		return
	}
	for i, sp := range spans {
		for lex.Cursor() < sp.s-base {
			lex.Next() // tokens between statements: query keywords
		}
		if sp.e-sp.s > firstWindow {
			continue // long statements are parsed in windows, in order
		}
		cp := lex.MakeCheckpoint()
		if d := parseNext(lex); d != nil && lex.Cursor() == sp.e-base {
			a.trees[c*aheadChunk+i] = d
			continue
		}
		lex.LoadCheckpoint(cp)
	}
}

// parseNext parses one statement from lex, leaving lex after it; nil
// when it does not parse.
func parseNext(lex *lexer.PeekingLexer) (d *pDefinable) {
	defer func() {
		if recover() != nil {
			d = nil
		}
	}()
	d, err := stmtParser.ParseFromLexer(lex, participle.AllowTrailing(true))
	if err != nil {
		return nil
	}
	return d
}

// take returns the tree of statement [s, e) if it was listed and parsed,
// waiting for its chunk.
func (a *ahead) take(s, e int) *pDefinable {
	for a.k < len(a.spans) && a.spans[a.k].s < s {
		a.advance()
	}
	if a.k == len(a.spans) || a.spans[a.k] != (stmtSpan{s, e}) {
		return nil
	}
	<-a.ready[a.k/aheadChunk]
	d := a.trees[a.k]
	a.advance()
	if d != nil {
		a.taken++
	}
	return d
}

// advance moves past span k, freeing its tree and, at the end of a chunk,
// the chunk's slot for a worker.
func (a *ahead) advance() {
	<-a.ready[a.k/aheadChunk]
	a.trees[a.k] = nil
	a.k++
	if a.k%aheadChunk == 0 || a.k == len(a.spans) {
		<-a.slots
	}
}

// stop ends the workers and waits for them.
func (a *ahead) stop() {
	close(a.quit)
	a.wg.Wait()
}
