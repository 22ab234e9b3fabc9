package migrate

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/remap"
)

// remap gathers the renames (the user's win over convert's) and decides how
// they reach the target: nothing to do, import arguments (1.8.1–2.5), or a
// rewritten data file (2.6+, 3.x, or a remap the target cannot express).
func (r *runner) remap() error {
	var entries []remap.Entry
	user := map[string]bool{}
	if r.opt.Remap != nil {
		for _, e := range r.opt.Remap.Entries {
			entries = append(entries, e)
			user[e.Old] = true
		}
	}
	for _, rn := range r.rep.Convert.Renames {
		if !user[rn.Old] {
			entries = append(entries, remap.Entry{Old: rn.Old, New: rn.New})
		}
	}
	rm, ds := remap.New(entries...)
	if ds.HasErrors() {
		return &InputError{Msg: "the renames contradict each other", Diags: ds.Errors()}
	}
	r.rm = rm
	rr := &RemapReport{Entries: []RenamePair{}, Args: []string{}}
	for _, e := range rm.Entries {
		rr.Entries = append(rr.Entries, RenamePair{Old: e.Old, New: e.New})
	}
	r.rep.Remap = rr

	var tgt remap.Schema
	if r.model != nil {
		tgt = remap.FromModel(r.model)
	}
	for _, d := range rm.Validate(r.usage.Schema(), tgt) {
		switch {
		case d.Severity == diag.Error:
			return &InputError{Msg: "the remap is not valid for the converted schema", Diags: diag.List{d}}
		case d.Code == "remap-unknown-source":
			// A label convert renamed that the data never uses: harmless.
			x := *d
			x.Severity = diag.Info
			r.add(StepRemap, &x)
		default:
			r.add(StepRemap, d)
		}
	}

	target := r.opt.Target
	unscoped := r.rep.Export.Unscoped > 0
	product := version.Product(target) + " " + target.String()
	r.dataPath = r.opt.Data
	// What the target cannot hold at all goes: convert reports the
	// ownerships and roles of the schema as lost.
	var attrOwners, attrPlayers int64
	if r.summary != nil && !version.AttributesOwnAttributes(target) {
		attrOwners = r.summary.Refs.AttributeOwners
	}
	if r.summary != nil && !version.AttributesPlayRoles(target) {
		attrPlayers = r.summary.Refs.AttributePlayers
	}
	switch mode := version.Remap(target); {
	case mode != version.RemapNone:
		res := rm.Args(target, remap.Options{Schema: tgt, FileRoles: r.usage.FileRoles()})
		if res.Supported && !res.Diags.HasErrors() {
			rr.Route = RouteImportRemap
			rr.Args = append(rr.Args, res.Args...)
			if len(res.Args) == 0 {
				rr.Reason = fmt.Sprintf("%s has import-time remap, and no label needs it: the export imports as it is", product)
			} else {
				rr.Reason = fmt.Sprintf("%s has import-time remap: the import command takes the %s in %s", product, plural(len(res.Args), "argument"), RemapFile)
			}
			cr, cds := remap.Parse(r.out(RemapFile), []byte(strings.Join(res.Args, "\n")))
			if cds.HasErrors() {
				return &InputError{Msg: "the import arguments do not parse as a remap", Diags: cds.Errors()}
			}
			r.checkRemap = cr
			r.add(StepRemap, res.Diags...)
			r.step(StepRemap, StatusOK, "%s", rr.Reason)
			return nil
		}
		// The remap cannot be expressed for this importer (a 1.x role
		// shared by several relations for 2.0–2.2, say): rewrite instead.
		rr.Route = RouteRewrite
		rr.ScopeRoles = unscoped && version.Roles(target) == version.RoleExact
		why := "see the notes"
		if len(res.Diags) > 0 {
			why = res.Diags[0].Message
			if n := len(res.Diags) - 1; n > 0 {
				why += fmt.Sprintf(", and %d more", n)
			}
		}
		rr.Reason = fmt.Sprintf("%s has import-time remap, but it cannot express what this export needs (%s), so %s is a rewritten copy of the export", product, why, DataFile)
		if rr.ScopeRoles {
			rr.Reason += " with role labels scoped relation:role"
		}
		for _, d := range res.Diags {
			x := *d
			x.Severity = diag.Info
			r.add(StepRemap, &x)
		}
	case rm.Len() > 0 || (unscoped && version.Roles(target) == version.RoleScopedOnly) || attrOwners > 0 || attrPlayers > 0:
		rr.Route = RouteRewrite
		rr.ScopeRoles = unscoped && version.Roles(target) == version.RoleScopedOnly
		rr.DropAttributeOwnerships, rr.DropAttributePlayers = attrOwners > 0, attrPlayers > 0
		var why []string
		if rm.Len() > 0 {
			why = append(why, plural(rm.Len(), "renamed label"))
		}
		if rr.ScopeRoles {
			why = append(why, "role labels scoped relation:role, which 3.x requires and this export lacks")
		}
		if attrOwners > 0 {
			why = append(why, fmt.Sprintf("attributes' ownerships left out (%d attributes own attributes), which %s refuses", attrOwners, product))
		}
		if attrPlayers > 0 {
			why = append(why, fmt.Sprintf("%s left out, which %s cannot import", plural(int(attrPlayers), "attribute role player"), product))
		}
		rr.Reason = fmt.Sprintf("%s has no import-time remap, so %s is a rewritten copy of the export: %s", product, DataFile, strings.Join(why, "; "))
	default:
		rr.Route = RouteAsIs
		rr.Reason = fmt.Sprintf("no label is renamed and %s resolves the export's role labels as they are: the export imports unchanged", product)
		r.step(StepRemap, StatusNotNeeded, "%s", rr.Reason)
		return nil
	}
	r.step(StepRemap, StatusOK, "%s", rr.Reason)
	return nil
}

// rewrite writes DataFile with the renames (and scoped roles) applied.
func (r *runner) rewrite() error {
	rr := r.rep.Remap
	if rr.Route != RouteRewrite {
		r.step(StepRewrite, StatusNotNeeded, "the export is imported as it is")
		return nil
	}
	opt := remap.RewriteOptions{Name: r.opt.Data, DropAttributeOwnerships: rr.DropAttributeOwnerships, DropAttributePlayers: rr.DropAttributePlayers}
	if rr.ScopeRoles {
		if r.model == nil {
			r.step(StepRewrite, StatusNotRun, "role labels need scoping against the new schema, which does not parse")
			return nil
		}
		opt.Scope = remap.ScoperFromModel(r.model)
	}
	src, err := os.Open(r.opt.Data)
	if err != nil {
		return err
	}
	defer src.Close()
	out, err := os.OpenFile(filepath.Join(r.stage, DataFile), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o666)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	bar := r.progress("rewrite", fileSize(src))
	opt.Progress = bar.Set
	st, err := remap.Rewrite(w, src, r.rm, opt)
	bar.Done()
	if err == nil {
		err = w.Flush()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			return &InputError{Msg: "cannot rewrite " + r.opt.Data, Diags: diag.List{d}}
		}
		return err
	}
	r.rep.Rewrite = st
	r.dataPath = filepath.Join(r.stage, DataFile)
	findings := st.Diagnostics(r.rm, r.opt.Data, diag.Info)
	r.add(StepRewrite, findings...)
	what := fmt.Sprintf("%s: %d items, %d changed", r.out(DataFile), st.Items, st.Changed)
	if st.Scoped > 0 {
		what += fmt.Sprintf(", %d role labels scoped", st.Scoped)
	}
	if st.DroppedOwnerships > 0 {
		what += fmt.Sprintf(", %d attribute ownerships dropped", st.DroppedOwnerships)
	}
	if st.DroppedPlayers > 0 {
		what += fmt.Sprintf(", %d attribute role players dropped", st.DroppedPlayers)
	}
	if st.PlayerlessRelations > 0 {
		what += fmt.Sprintf(", %d relations left without players (TypeDB 3.x deletes them when the import commits)", st.PlayerlessRelations)
	}
	if findings.HasErrors() {
		r.step(StepRewrite, StatusFindings, "%s; %s", what, diag.Summarize(findings))
	} else {
		r.step(StepRewrite, StatusOK, "%s", what)
	}
	return nil
}

// check runs the data check on what the import will read: DataFile, or
// the export with the import arguments.
func (r *runner) check() error {
	if r.model == nil {
		r.step(StepCheck, StatusNotRun, "the written schema does not parse, so there is no schema to check the data against")
		return nil
	}
	if st := r.rep.Step(StepRewrite); st.Status == StatusNotRun {
		r.step(StepCheck, StatusNotRun, "the data file the import needs was not written")
		return nil
	}
	target := r.opt.Target
	if p := check.TargetProblem(r.model.Lang, target); p != "" {
		r.step(StepCheck, StatusNotRun, "%s", p)
		return nil
	}
	name := r.opt.Data
	if r.dataPath != r.opt.Data {
		name = r.out(DataFile)
	}
	f, err := os.Open(r.dataPath)
	if err != nil {
		return err
	}
	defer f.Close()
	bar := r.progress("check", fileSize(f))
	opt := check.Options{Target: target, Remap: r.checkRemap, Name: name, Progress: bar.Set}
	if r.outFile != nil {
		opt.Schema = []*grammar.File{r.outFile}
	}
	rep, err := check.Run(r.model, f, opt)
	bar.Done()
	if err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			return &InputError{Msg: "cannot check " + name, Diags: diag.List{d}}
		}
		return err
	}
	r.rep.Check = rep
	list := rep.Diagnostics()
	r.add(StepCheck, list...)
	what := fmt.Sprintf("%s: %d items checked against %s for %s %s", name, rep.Items, r.out(SchemaFile), version.Product(target), target)
	if rep.OK {
		if n := list.Count(diag.Warning); n > 0 {
			r.step(StepCheck, StatusOK, "%s: the import would succeed (%s)", what, diag.Summary{Warnings: n})
		} else {
			r.step(StepCheck, StatusOK, "%s: the import would succeed", what)
		}
	} else {
		r.step(StepCheck, StatusFindings, "%s: the import would fail (%s)", what, diag.Summarize(list))
	}
	return nil
}
