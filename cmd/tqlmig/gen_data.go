package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/tqlmig/tqlmig/datafile/gen"
	"github.com/tqlmig/tqlmig/datafile/gen/genschema"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/atomicfile"
	"github.com/tqlmig/tqlmig/load"
	"github.com/tqlmig/tqlmig/schema"
)

const (
	flagItems      = "items"
	flagOutput     = "output"
	flagSeed       = "seed"
	flagGeneration = "generation"
	flagHeader     = "header-version"
	flagSuperVals  = "supertype-values"
)

type genDataFlags struct {
	Schemas    []string
	Items      int64
	Output     string
	Seed       uint64
	Generation string
	Version    string
	SuperVals  bool
	findingsCap
}

func (f *genDataFlags) Bind(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.Schemas, flagSchema, nil, "schema file (Graql 1.x, TypeQL 2.x or 3.x); repeat for a schema in several files")
	fs.Int64Var(&f.Items, flagItems, 1000, "number of items to write, header and checksums included")
	fs.StringVarP(&f.Output, flagOutput, "o", "", "file to write (required)")
	fs.Uint64Var(&f.Seed, flagSeed, 1, "seed: the same schema, items and seed give the same file")
	fs.StringVar(&f.Generation, flagGeneration, "", "exporter to imitate: 1.x, 2.x or 3.x (default: the schema's own, 1.x for Graql 1.x, 2.x for TypeQL 2.x, 3.x for TypeQL 3.x)")
	fs.StringVar(&f.Version, flagHeader, "", "server version written in the header (default 1.8.4, 2.29.1 or 3.4.0)")
	fs.BoolVar(&f.SuperVals, flagSuperVals, false, "as 1.x allowed: owners of a concrete attribute type with subtypes own values of the type itself and of its concrete subtypes")
	f.findingsCap.Bind(fs)
}

var genDataCmd = &command{
	Name:  "gen-data",
	Short: "write a synthetic export file that instantiates a schema",
	Long: `Gen-data writes a valid data export of N items for a schema, with realistic
shapes: attributes owned by several owners, relations with several role
players, relations playing roles in other relations, and a unique key per
owner for every key. The output is deterministic for a seed, and written as
the chosen exporter writes it: 1.x "V123" IDs and unscoped role labels, or
2.x/3.x Base64 IIDs and scoped role labels (3.x also writes datetimes as
seconds and nanos).

Abstract types get no instances; inherited owns, plays and roles are
resolved from the schema. String values match the attribute type's regex
(generated from the pattern's syntax tree; a regex with few values caps
the instances of its type). Rules are ignored. For a TypeQL 3.x schema,
owners and relations keep within each @card (without one, at most one
attribute per ownership and one player per role), a key on an abstract
attribute type is met by one of its subtypes, and entities come before
relations and attributes, as the 3.x exporter writes them; values are not
kept within @values or @range.

Exit status: 0 when the file was written, 2 when a schema does not parse
or build, or the file cannot be written.`,
	Example: `tqlmig gen-data --schema schema.gql --items 100000 -o sample.grakn
tqlmig gen-data --schema schema.tql --generation 3.x --seed 7 -o sample.typedb`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f genDataFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runGenData(e, &f, args) }
	},
}

func runGenData(e *env, f *genDataFlags, args []string) int {
	const name = "gen-data"
	switch {
	case len(args) > 0:
		return usageErrorf(e, name, "takes no arguments, got %q", args[0])
	case len(f.Schemas) == 0:
		return usageErrorf(e, name, "--%s is required", flagSchema)
	case f.Output == "":
		return usageErrorf(e, name, "--%s is required", flagOutput)
	case f.Items < 2:
		return usageErrorf(e, name, "--%s must be at least 2 (a header and a checksums item)", flagItems)
	}
	if code := checkFiles(e, name, f.Schemas, []string{f.Output}); code != exitOK {
		return code
	}
	s, ok := loadSchemas(e, name, f.Schemas, load.Options{Model: true}, nil)
	if !ok {
		return exitBad
	}
	if s.ModelDiags.HasErrors() {
		diag.WriteText(e.stderr, s.ModelDiags.Errors(), f.textOptions(e.stderr, s.Sources))
		return exitBad
	}
	model, lang := s.Model, s.Verdict.Lang
	opt := gen.Options{Items: f.Items, Seed: f.Seed, Version: f.Version}
	switch f.Generation {
	case "":
		switch lang {
		case load.Graql1:
			opt.Generation = gen.Gen1x
		case load.TypeQL3:
			opt.Generation = gen.Gen3x
		default:
			opt.Generation = gen.Gen2x
		}
	case "1.x", "1":
		opt.Generation = gen.Gen1x
	case "2.x", "2":
		opt.Generation = gen.Gen2x
	case "3.x", "3":
		opt.Generation = gen.Gen3x
	default:
		return usageErrorf(e, name, "--%s must be 1.x, 2.x or 3.x, not %q", flagGeneration, f.Generation)
	}
	gopt := genschema.Options{SupertypeValues: f.SuperVals, TypeQL3: lang == load.TypeQL3}
	if gopt.TypeQL3 {
		gopt.Model3, _ = schema.BuildModel3(s.Files...)
	}
	spec, err := genschema.SpecWith(model, gopt)
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		return exitBad
	}
	var counts string
	err = atomicfile.Write(f.Output, func(w io.Writer) error {
		c, err := gen.Generate(w, spec, opt)
		counts = fmt.Sprintf("%d entities, %d attributes, %d relations, %d role players, %d ownerships",
			c.Entities, c.Attributes, c.Relations, c.Roles, c.Ownerships)
		return err
	}, atomicfile.Inputs(f.Schemas...))
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		return exitBad
	}
	fmt.Fprintf(e.stdout, "%s: %s\n", f.Output, counts)
	return exitOK
}
