package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/atomicfile"
	"github.com/tqlmig/tqlmig/load"
	"github.com/tqlmig/tqlmig/remap"
)

type rewriteDataFlags struct {
	Remaps     []string
	Schemas    []string
	ScopeRoles bool
	Recount    bool
	DropOwns   bool
	DropPlays  bool
	Output     string
	outputFlags
}

func (f *rewriteDataFlags) Bind(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.Remaps, "remap", nil, "remap file (old=new per line), or one old=new entry; repeatable")
	fs.StringArrayVar(&f.Schemas, flagSchema, nil, "target schema file (2.x or 3.x), needed by --scope-roles; repeatable")
	fs.BoolVar(&f.ScopeRoles, "scope-roles", false, "write every role label as declaring-relation:role (required by TypeDB 3.x)")
	fs.BoolVar(&f.Recount, "recount-checksums", false, "write an input whose checksums item is missing, repeated or not last with one recounted checksums item at the end (reported; exit 1)")
	fs.BoolVar(&f.DropOwns, "drop-attribute-ownerships", false, "leave out every ownership of an attribute by an attribute (the attributes stay), which TypeDB 3.x refuses, and lower the checksums' ownership count to match")
	fs.BoolVar(&f.DropPlays, "drop-attribute-players", false, "leave out the role players that are attributes, which TypeDB 3.x cannot import, and lower the checksums' role count to match")
	fs.StringVarP(&f.Output, "output", "o", "", "file to write (required; never the input)")
	f.outputFlags.Bind(fs)
}

var rewriteDataCmd = &command{
	Name:  "rewrite-data",
	Args:  "IN",
	Short: "rename type and role labels inside an export file, for targets without import-time remap",
	Long: `Rewrite-data copies an export file (.grakn/.typedb) item by item, replacing
type and role labels through a remap, for TypeDB 2.6+ and 3.x, which have no
import-time remap. Every other byte keeps its meaning: unchanged items are
copied as they are, and checksums stay valid because they do not depend on
labels. With --scope-roles and the target schema, every role label becomes
declaring-relation:role, which TypeDB 3.x requires and 1.x exports lack.
TypeDB 3.x also refuses an attribute item that owns attributes, which 1.x
and 2.x exports hold: --drop-attribute-ownerships leaves those ownerships
out (the owning and owned attributes stay) and lowers the ownership count
of the checksums item by as many, so the copy still verifies. Likewise
--drop-attribute-players leaves out role players that are attributes, which
3.x never resolves, and a role left without players; attributes are known
as such when they come before the relation, as 1.x and 2.x exporters write
them.

The output is written to a temporary file and renamed into place only when
the whole input was read, so a failure leaves no partial output; the output
may not be the input. An input that is not a whole export, as exporters
write it (the header first, the checksums item last, one of each), is
refused like a damaged one: importers refuse it too.

Exit status: 0 when written cleanly, 1 when written with findings (a remap
entry that matched nothing, a role that could not be scoped), 2 on bad input
or usage (nothing is written).`,
	Example: `tqlmig rewrite-data --remap remap.txt export.grakn -o import.typedb
tqlmig rewrite-data --remap forename=first-name --scope-roles --schema schema.tql export.grakn -o import.typedb`,
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		var f rewriteDataFlags
		f.Bind(fs)
		return func(e *env, args []string) int { return runRewriteData(e, &f, args) }
	},
}

// checksumsFault reports the structure faults --recount-checksums repairs.
func checksumsFault(code string) bool {
	switch code {
	case datafile.CodeMissingChecksums, datafile.CodeDuplicateChecksums, datafile.CodeAfterChecksums:
		return true
	}
	return false
}

func runRewriteData(e *env, f *rewriteDataFlags, args []string) int {
	const name = "rewrite-data"
	switch {
	case f.validate() != nil:
		return usageErrorf(e, name, "%v", f.validate())
	case len(args) != 1:
		return usageErrorf(e, name, "want exactly one input file, got %d arguments", len(args))
	case f.Output == "":
		return usageErrorf(e, name, "-o OUT is required")
	case len(f.Remaps) == 0 && !f.ScopeRoles && !f.DropOwns && !f.DropPlays:
		return usageErrorf(e, name, "nothing to do: give --remap, --scope-roles, --drop-attribute-ownerships or --drop-attribute-players")
	case f.ScopeRoles && len(f.Schemas) == 0:
		return usageErrorf(e, name, "--scope-roles needs the target schema (--schema FILE)")
	}
	in := args[0]
	inputs := append(append([]string{in}, f.Remaps...), f.Schemas...)
	if code := checkFiles(e, name, inputs, []string{f.Output}); code != exitOK {
		return code
	}
	r, ds, err := remap.Load(f.Remaps)
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		return exitBad
	}
	opt := remap.RewriteOptions{Name: in}
	var target remap.Schema
	if len(f.Schemas) > 0 {
		lopt := load.Options{Model: true}
		if f.ScopeRoles {
			lopt.Accept = []load.Lang{load.TypeQL2, load.TypeQL3}
			lopt.Advice = map[load.Lang]string{load.Graql1: "--scope-roles needs a 2.x or 3.x target schema: Graql 1.x roles have no scope"}
		}
		s, ok := loadSchemas(e, name, f.Schemas, lopt, &f.outputFlags)
		if !ok {
			return exitBad
		}
		ds = append(ds, s.ModelDiags.Errors()...)
		if m := s.Model; m != nil {
			target = remap.FromModel(m)
			if f.ScopeRoles {
				opt.Scope = remap.ScoperFromModel(m)
			}
		}
	}
	ds = append(ds, r.Validate(nil, target)...)
	if ds.HasErrors() {
		// Like the schema's loading errors: in --format json or sarif the
		// findings are the document on stdout; the refusal stays on stderr.
		if f.Format != formatText {
			if err := f.writeDiagnostics(e, ds, nil); err != nil {
				fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
			}
		} else {
			diag.WriteText(e.stderr, ds, f.textOptions(e.stderr, nil))
		}
		fmt.Fprintf(e.stderr, "tqlmig %s: nothing written\n", name)
		return exitBad
	}

	src, err := os.Open(in)
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		return exitBad
	}
	defer src.Close()
	out, err := atomicfile.Create(f.Output, atomicfile.Inputs(inputs...))
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		return exitBad
	}
	defer out.Abort()
	var size int64
	if fi, err := src.Stat(); err == nil {
		size = fi.Size()
	}
	bar := e.progress("rewrite", size)
	opt.Progress = bar.Set
	opt.RecountChecksums = f.Recount
	opt.DropAttributeOwnerships = f.DropOwns
	opt.DropAttributePlayers = f.DropPlays
	st, err := remap.Rewrite(out, src, r, opt)
	bar.Done()
	var recounted diag.List // structure faults --recount-checksums repaired
	if err == nil {
		var refused diag.List
		for _, d := range st.Structure {
			if f.Recount && checksumsFault(d.Code) {
				recounted = append(recounted, d)
			} else {
				refused = append(refused, d)
			}
		}
		if len(refused) > 0 {
			// An importer refuses a file without its header first and its
			// checksums last; a copy would only carry the fault further.
			diag.WriteText(e.stderr, refused, f.textOptions(e.stderr, nil))
			hint := ""
			if !f.Recount && checksumsFault(refused[0].Code) {
				hint = " (--recount-checksums writes it with recounted checksums)"
			}
			fmt.Fprintf(e.stderr, "tqlmig %s: %s is not a whole export (%s); nothing written%s\n", name, in, diag.Summarize(refused), hint)
			return exitBad
		}
	}
	if err == nil {
		err = out.Commit()
	}
	if err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			diag.WriteText(e.stderr, diag.List{d}, f.textOptions(e.stderr, nil))
		} else {
			fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		}
		fmt.Fprintf(e.stderr, "tqlmig %s: nothing written\n", name)
		return exitBad
	}

	var findings diag.List
	findings = append(findings, ds...) // warnings from parsing and validation
	if len(recounted) > 0 {
		c := st.Recounted
		findings = append(findings, recounted...)
		findings.Add(&diag.Diagnostic{Severity: diag.Warning, Code: "rewrite-recounted",
			Message: fmt.Sprintf("wrote one checksums item at the end with the recounted counts (%d entities, %d attributes, %d relations, %d role players, %d ownerships); %d checksums items of %s left out",
				c.Entities, c.Attributes, c.Relations, c.Roles, c.Ownerships, st.Dropped, in),
			Detail: "The counts are those of the items written, so an import verifies the copy, not the original export: items lost before the input was made are not detected."})
	}
	findings = append(findings, st.Diagnostics(r, in, diag.Warning)...)
	switch {
	case f.Format == formatJSON:
		err = writeJSON(e.stdout, struct {
			Output string `json:"output"`
			*remap.RewriteStats
			diag.JSONDocument
		}{f.Output, st, diag.ToJSON(findings)})
	case f.Format == formatSARIF || f.Quiet:
		err = f.writeDiagnostics(e, findings, nil)
	default:
		fmt.Fprintf(e.stdout, "wrote %s: %d items, %d changed, %d bytes\n", f.Output, st.Items, st.Changed, st.Written)
		for _, en := range r.Entries {
			if n := st.Relabelled[en.String()]; n > 0 {
				fmt.Fprintf(e.stdout, "  %s: %d labels\n", en, n)
			}
		}
		if st.Scoped > 0 {
			fmt.Fprintf(e.stdout, "  role labels scoped: %d\n", st.Scoped)
		}
		if st.DroppedOwnerships > 0 {
			fmt.Fprintf(e.stdout, "  attribute ownerships dropped: %d\n", st.DroppedOwnerships)
		}
		if st.DroppedPlayers > 0 {
			fmt.Fprintf(e.stdout, "  attribute role players dropped: %d\n", st.DroppedPlayers)
		}
		if st.PlayerlessRelations > 0 {
			fmt.Fprintf(e.stdout, "  relations left without players: %d (TypeDB 3.x deletes them, and their ownerships, when the import commits)\n", st.PlayerlessRelations)
		}
		if len(findings) > 0 {
			err = diag.WriteText(e.stdout, findings, f.textOptions(e.stdout, nil))
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "tqlmig %s: %v\n", name, err)
		return exitBad
	}
	if len(findings) > 0 {
		return exitFindings
	}
	return exitOK
}
