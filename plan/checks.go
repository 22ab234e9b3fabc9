package plan

import (
	"fmt"
	"os"
	"strings"

	"github.com/tqlmig/tqlmig/datafile"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	v "github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/load"
)

// RunChecks checks the files named in opt (SchemaFile, DataFile) against the
// versions of the plan and records the outcomes in p.Checks. It reads each
// file once; a file that cannot be read is a problem, not an error.
func (p *Plan) RunChecks(opt Options) {
	if len(opt.SchemaFiles) > 0 {
		p.Checks = append(p.Checks, checkSchema(opt.SchemaFiles, opt.From)...)
	}
	if opt.DataFile != "" {
		p.Checks = append(p.Checks, checkData(opt)...)
	}
}

// dialectOf is the schema language a server at x speaks.
func dialectOf(x v.V) grammar.Dialect {
	e := x.Newest()
	switch {
	case e.Major == 3:
		return grammar.TypeQL3
	case e.Major == 2:
		return grammar.TypeQL2
	case e.Before("1.5"):
		return grammar.Graql10
	case e.Before("1.8"):
		return grammar.Graql15
	}
	return grammar.Graql18
}

func checkSchema(files []string, from v.V) []Check {
	joined := strings.Join(files, ", ")
	name := "schema " + joined
	s, err := load.Files(files, load.Options{Command: "plan", Target: from, Model: true})
	if err != nil {
		return []Check{{name, CheckProblem, err.Error()}}
	}
	if !s.OK() {
		errs := s.Diags.Errors()
		return []Check{{name, CheckProblem, fmt.Sprintf("%s; first: %s", diag.Summarize(errs), errs[0].Error())}}
	}
	want, got := dialectOf(from), s.Verdict.Dialect
	if got&want == 0 {
		return []Check{{name, CheckProblem, fmt.Sprintf("the schema is written in %s, but --from %s speaks %s", got, from, want)}}
	}
	queries := 0
	for _, f := range s.Files {
		queries += len(f.Queries)
	}
	out := []Check{{name, CheckOK, fmt.Sprintf("%s in %s, which --from %s speaks", plural(queries, "query", "queries"), want, from)}}
	n := 0
	for _, t := range s.Model.Types() {
		if !t.IsRoot() {
			n++
		}
	}
	if ds := s.ModelDiags; ds.HasErrors() {
		return append(out, Check{"schema model " + joined, CheckProblem, fmt.Sprintf("%s; first: %s", diag.Summarize(ds), ds.Errors()[0].Error())})
	}
	return append(out, Check{"schema model " + joined, CheckOK, fmt.Sprintf("%d types and roles defined without errors", n)})
}

// generationOf is how datafile.Inspect names the producer of exports from x.
func generationOf(x v.V) string {
	switch v.ExportIDs(x) {
	case v.IDVertex:
		return "1.x"
	case v.IDLossy:
		return "2.0–2.2"
	}
	if x.Newest().Major == 3 {
		return "3.x"
	}
	return "2.3–2.29"
}

func checkData(opt Options) []Check {
	file := opt.DataFile
	label := "data " + file
	fh, err := os.Open(file)
	if err != nil {
		return []Check{{label, CheckProblem, err.Error()}}
	}
	defer fh.Close()
	s, err := datafile.Inspect(fh, datafile.InspectOptions{Name: file})
	if err != nil {
		return []Check{{label, CheckProblem, err.Error()}}
	}
	exporter := opt.From
	if h, ok := v.Hop(opt.From); ok {
		exporter = h
	}
	var out []Check

	// Who wrote it.
	c := Check{Name: label + " producer", Status: CheckOK}
	hdr := "no header"
	if s.Header != nil {
		hdr = fmt.Sprintf("header %q, database %q", s.Header.Version, s.Header.Database)
	}
	want := generationOf(exporter)
	switch g := s.Producer.Generation; {
	case g == want:
		c.Detail = fmt.Sprintf("written by %s, as expected from %s (%s)", g, name(exporter), hdr)
	case g == "unknown" || g == "":
		c.Detail = fmt.Sprintf("producer unknown; expected %s from %s (%s)", want, name(exporter), hdr)
	default:
		c.Status = CheckProblem
		c.Detail = fmt.Sprintf("written by %s, not by %s as --from %s implies (%s)", g, want, opt.From, hdr)
	}
	if opt.Database != "" && s.Header != nil && s.Header.Database != "" && s.Header.Database != opt.Database {
		c.Detail += fmt.Sprintf("; the header names database %q, not %q", s.Header.Database, opt.Database)
	}
	out = append(out, c)

	// Whole and counted.
	c = Check{Name: label + " completeness", Status: CheckOK, Detail: fmt.Sprintf("%s: %d items, %d bytes", s.Complete.Verdict, s.Items, s.Bytes)}
	if s.Complete.Verdict != "complete" {
		c.Status = CheckProblem
	}
	out = append(out, c)
	c = Check{Name: label + " checksums"}
	switch {
	case s.Checksums == nil && v.ChecksumsRequired(opt.To):
		c.Status, c.Detail = CheckProblem, fmt.Sprintf("no checksums item; the %s importer requires one", name(opt.To))
	case s.Checksums == nil:
		c.Status, c.Detail = CheckOK, fmt.Sprintf("no checksums item; %s does not require one", name(opt.To))
	case s.Checksums.Verified:
		c.Status, c.Detail = CheckOK, fmt.Sprintf("all five counts match a recount (%d entities, %d attributes, %d relations, %d role players, %d ownerships)",
			s.Counts.Entities, s.Counts.Attributes, s.Counts.Relations, s.Counts.Roles, s.Counts.Ownerships)
	default:
		var bad []string
		for _, cc := range s.Checksums.Counts {
			if !cc.OK {
				bad = append(bad, fmt.Sprintf("%s declared %d, counted %d", cc.Name, cc.Declared, cc.Actual))
			}
		}
		c.Status, c.Detail = CheckProblem, strings.Join(bad, "; ")
	}
	out = append(out, c)

	// What the target refuses outright.
	if opt.To.Newest().Major == 3 {
		c = Check{Name: label + " for 3.x", Status: CheckOK, Detail: "no attribute owns an attribute and no attribute plays a role"}
		var bad []string
		if n := s.Refs.AttributeOwners; n > 0 {
			bad = append(bad, fmt.Sprintf("%d attribute items own attributes", n))
		}
		if n := s.Refs.AttributePlayers; n > 0 {
			bad = append(bad, fmt.Sprintf("%d role players are attributes", n))
		}
		if len(bad) > 0 {
			c.Status, c.Detail = CheckProblem, strings.Join(bad, "; ")+"; TypeDB 3.x refuses these"
		}
		if s.Producer.Unscoped > 0 {
			c.Detail += fmt.Sprintf("; %d role labels are unscoped and need rewrite-data --scope-roles", s.Producer.Unscoped)
		}
		out = append(out, c)
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
