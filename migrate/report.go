package migrate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/plan"
)

// from is the source version: the user's, or inferred (with a note saying
// how) from the schema's dialect, or for a 2.x schema from the export's
// header. ok is false when nothing says.
func (r *runner) from() (v version.V, note string, ok bool) {
	if r.opt.From.Parts > 0 {
		return r.opt.From, "", true
	}
	d := r.dialect
	line := ""
	switch {
	case d&grammar.Graql18 != 0 && d.Is1x():
		line = "1.8"
	case d&grammar.Graql15 != 0 && d.Is1x():
		line = "1.7"
	case d&grammar.Graql10 != 0 && d.Is1x():
		line = "1.4"
	}
	if line != "" {
		return version.MustParse(line), fmt.Sprintf("--from not given: %s assumed from the schema's dialect (%s); give --from for an exact plan", line, d), true
	}
	if h := r.rep.Export.Header; h != "" {
		if hv, err := version.ParseRelease(h); err == nil && hv.Major == 2 {
			return hv, fmt.Sprintf("--from not given: %s taken from the export's header", h), true
		}
	}
	return version.V{}, "", false
}

// plan builds the version plan (warnings, notes, every step) and the
// commands left to run with the files of Dir.
func (r *runner) plan() {
	target := r.opt.Target
	from, note, ok := r.from()
	r.rep.FromNote = note
	if !ok {
		r.step(StepPlan, StatusNotRun, "the source version is not known from the schema or the export; give --from VERSION")
	} else {
		r.rep.From = from.String()
		p, err := plan.Build(plan.Options{From: from, To: target, Database: r.opt.Database, SchemaFiles: r.opt.Schemas, DataFile: r.opt.Data})
		var pe *plan.Error
		switch {
		case errors.As(err, &pe):
			r.step(StepPlan, StatusNotRun, "%s", pe.Msg)
		case err != nil:
			r.step(StepPlan, StatusNotRun, "%v", err)
		default:
			r.rep.Plan = p
			r.step(StepPlan, StatusOK, "%s → %s: %d steps, %d warnings; the commands left to run are below", p.FromName, p.ToName, len(p.Steps), len(p.Warnings))
		}
	}

	db := r.opt.Database
	if db == "" {
		db = plan.Placeholder
	}
	schemaPath := r.out(SchemaFile)
	importFile := r.opt.Data
	if r.rep.Rewrite != nil {
		importFile = r.out(DataFile)
	}
	var args []string
	if r.rep.Remap != nil && r.rep.Remap.Route == RouteImportRemap {
		args = r.rep.Remap.Args
	}
	line := fmt.Sprintf("tqlmig check --schema %s --to %s", schemaPath, target)
	if len(args) > 0 {
		line += " --remap " + r.out(RemapFile)
	}
	r.rep.Commands = append(r.rep.Commands, Command{Purpose: "Check the data again after any edit of the schema", Where: "any machine", Line: line + " " + importFile})
	if !version.SchemaWithData(target) {
		if c, err := version.LoadSchema(target, db, schemaPath); err == nil {
			r.rep.Commands = append(r.rep.Commands, Command{Purpose: "Create the database and load the schema", Where: "new server", Line: c.String()})
		}
	}
	if c, err := version.ImportData(target, db, importFile, schemaPath, strings.Join(args, " ")); err == nil {
		r.rep.Commands = append(r.rep.Commands, Command{Purpose: "Import the data", Where: "new server", Line: c.String()})
	}
}

// finish decides OK and lists the files.
func (r *runner) finish() {
	ok := r.rep.Convert.Exact
	for _, s := range r.rep.Steps {
		if s.Name == StepPlan {
			continue // the plan informs; it finds nothing about the files
		}
		if s.Status != StatusOK && s.Status != StatusNotNeeded {
			ok = false
		}
	}
	r.rep.OK = ok
	r.rep.Files = []string{SchemaFile, RemapFile}
	if r.rep.Rewrite != nil {
		r.rep.Files = append(r.rep.Files, DataFile)
	}
	r.rep.Files = append(r.rep.Files, ReportMD, ReportJSON)
}

// document is report.json: the report, then the shared "diagnostics" and
// "summary" of every command's JSON output.
type document struct {
	*Report
	diag.JSONDocument
}

// JSON renders the report as report.json holds it.
func (r *Report) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err := enc.Encode(document{Report: r, JSONDocument: diag.ToJSON(r.Diagnostics)})
	return b.Bytes(), err
}

// remapText is RemapFile: the route as comments, then the entries (or,
// for an import-time remap, the import arguments).
func (r *runner) remapText() []byte {
	var b bytes.Buffer
	rr := r.rep.Remap
	fmt.Fprintf(&b, "# label remap written by tqlmig migrate for %s %s: old=new per line\n", version.Product(r.opt.Target), r.opt.Target)
	fmt.Fprintf(&b, "# %s.\n", rr.Reason)
	switch rr.Route {
	case RouteImportRemap:
		b.WriteString("# These are the import arguments; 'tqlmig check --remap' reads this file as it is.\n")
		for _, a := range rr.Args {
			b.WriteString(a + "\n")
		}
		return b.Bytes()
	case RouteRewrite:
		fmt.Fprintf(&b, "# Already applied to %s; the original export checks with --remap %s", DataFile, RemapFile)
		if rr.ScopeRoles {
			b.WriteString(" only for labels, not for the role scopes the rewrite added")
		}
		b.WriteString(".\n")
	}
	b.Write(r.rm.Format())
	return b.Bytes()
}

// write puts every file but DataFile (already written) into the stage.
func (r *runner) write() error {
	js, err := r.rep.JSON()
	if err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{
		{SchemaFile, r.schemaText},
		{RemapFile, r.remapText()},
		{ReportMD, r.rep.Markdown()},
		{ReportJSON, js},
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(r.stage, f.name), f.data, 0o666); err != nil {
			return err
		}
	}
	return nil
}
