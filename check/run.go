package check

import (
	"fmt"
	"github.com/tqlmig/tqlmig/grammar"
	"hash/maphash"
	"io"
	"runtime"
	"sync"

	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
	"github.com/tqlmig/tqlmig/schema"
)

// DefaultMaxExamples is how many examples a group keeps when
// Options.MaxExamples is 0.
const DefaultMaxExamples = 3

// Options configure Run.
type Options struct {
	// Target is the server version the import goes to. Required.
	Target version.V
	// Remap relabels item and role labels as the importer (or a rewrite of
	// the file) would; nil for none.
	Remap *remap.Remap
	// Name is the data file's name, carried by examples and diagnostics.
	Name string
	// MaxExamples is how many examples each group keeps (0: 3).
	MaxExamples int
	// Progress, when set, is called with the bytes read so far.
	Progress func(read int64)
	// Workers is how many goroutines check: 1 runs decoding and checking in
	// the caller's goroutine; 0 means 2 when GOMAXPROCS allows, else 1.
	Workers int
	// Schema holds the files the model was built from. When given for a
	// TypeQL 2.x model, every schema change a remedy suggests is applied
	// to a copy (the files and the change) and vetted: a change the
	// target's schema checks would reject is not suggested. For a 3.x
	// target and TypeQL 3.x files, they also give the cardinalities
	// (@card and its defaults) that the lowered model leaves out.
	Schema []*grammar.File
}

// TargetProblem says why a schema of language lang cannot be checked for
// target, or "". A 1.x schema describes a Grakn 1.8 database; a 2.x schema
// a TypeDB 2.x one (also standing in for a 3.x schema).
func TargetProblem(lang schema.Lang, target version.V) string {
	switch {
	case lang == schema.Graql1 && target.Major != 1:
		return fmt.Sprintf("a Graql 1.x schema can only be the schema of a Grakn 1.8 import, not of %s %s; convert the schema first", version.Product(target), target)
	case lang == schema.TypeQL2 && target.Major == 1:
		return fmt.Sprintf("a TypeQL 2.x schema cannot be the schema of a %s %s import", version.Product(target), target)
	case target.Major == 1 && !target.In("1.8", "1.8"):
		return fmt.Sprintf("Grakn %s is not a supported import target (1.8.1+ has the import this checks)", target)
	}
	if p := version.TargetProblem(target); p != "" {
		return p
	}
	return ""
}

// Run reads the export stream src once and checks it against m for
// opt.Target. It returns an error only when src is not an export at all
// (empty, compressed, text, unreadable) or the target does not fit the
// schema; every problem of the data is in the Report.
//
// When src is also an io.ReaderAt (a file), the examples of problems found
// only at the end of the file (a reference to an id that never comes) are
// read again to give their byte offset and id; otherwise those examples
// have the item index alone.
func Run(m *schema.Model, src io.Reader, opt Options) (*Report, error) {
	if p := TargetProblem(m.Lang, opt.Target); p != "" {
		return nil, fmt.Errorf("%s", p)
	}
	if opt.MaxExamples <= 0 {
		opt.MaxExamples = DefaultMaxExamples
	}
	r := newRun(m, src, opt)
	base := int64(0)
	if s, ok := src.(io.Seeker); ok {
		if p, err := s.Seek(0, io.SeekCurrent); err == nil {
			base = p
		}
	}
	rd := datafile.NewReader(src, datafile.WithName(opt.Name), datafile.WithProgress(opt.Progress))
	f := newFront(r, rd)
	b := newBack(r)
	workers := opt.Workers
	if workers <= 0 {
		workers = min(2, runtime.GOMAXPROCS(0))
	}
	var err error
	if workers == 1 {
		spare := newBatch()
		err = f.read(func() *batch { spare.reset(); return spare }, b.process)
	} else {
		err = pipeline(f, b)
	}
	if err != nil {
		return nil, err
	}
	b.finish()
	if afterPass != nil {
		afterPass()
	}
	f.fs.merge(&b.fs)
	rep := f.report(b, opt)
	if ra, ok := src.(io.ReaderAt); ok {
		rep.reread(f, ra, base)
	}
	return rep, nil
}

// newRun sets up the shared state of a run of opt over src.
func newRun(m *schema.Model, src io.Reader, opt Options) *run {
	r := &run{v: newView(m, opt.Target), remap: opt.Remap, seed: maphash.MakeSeed(), max: opt.MaxExamples, name: opt.Name, size: datafile.SourceSize(src)}
	for _, c := range Checks {
		r.level[c.id] = c.Level(opt.Target)
	}
	if opt.Target.Major == 3 && len(opt.Schema) > 0 && allDialect(opt.Schema, grammar.TypeQL3) {
		// What the lowered model leaves out of a 3.x schema.
		m3, _ := schema.BuildModel3(opt.Schema...)
		if r.on(ckCardinality) {
			r.v.addBounds3(m3)
		}
		if r.on(ckValueConstraint) {
			r.v.addValueCons3(m3)
		}
	}
	if r.on(ckStringSize) {
		r.maxString = version.StringMaxBytes(opt.Target)
	}
	return r
}

// afterPass, when set by a benchmark, runs at the end of the pass while
// every table is still live, to measure the heap.
var afterPass func()

// pipeline runs the back in its own goroutine, fed through a small ring of
// batches, so decoding and checking overlap on two cores.
func pipeline(f *front, b *back) error {
	const inFlight = 4
	free := make(chan *batch, inFlight)
	full := make(chan *batch, inFlight)
	for range inFlight {
		free <- newBatch()
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for bt := range full {
			b.process(bt)
			bt.reset()
			free <- bt
		}
	}()
	err := f.read(func() *batch { return <-free }, func(bt *batch) { full <- bt })
	close(full)
	wg.Wait()
	return err
}
