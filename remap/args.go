package remap

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
)

// Options tunes Args.
type Options struct {
	// Schema is the target schema. Needed to scope roles for 2.0–2.2 and to
	// tell role entries from type entries; without it only scoped labels are
	// known to be roles.
	Schema Schema
	// FileRoles are the role labels as written in the data file (unscoped in
	// 1.x files, scoped in 2.x files). For a 2.0–2.2 target every one of
	// them needs an entry unless it already is a scoped name of the target;
	// without FileRoles only the remap's own entries are considered.
	FileRoles []string
}

// Result is a remap rendered for one target version.
type Result struct {
	Target version.V
	Mode   version.RemapMode
	// Supported is false when the target has no import-time remap (1.7.3,
	// 2.6+, 3.x) or the remap cannot be expressed for it; Advice then says
	// what to do instead.
	Supported bool
	// Args are the import command arguments, "old=new" each, in the target's
	// syntax. Empty when nothing needs remapping.
	Args   []string
	Advice string
	// Diags are problems with individual entries and roles.
	Diags diag.List
}

// Line joins Args with spaces, ready to append to an import command.
func (res Result) Line() string { return strings.Join(res.Args, " ") }

// rewriteAdvice is the command that replaces an import-time remap.
func rewriteAdvice(scope bool) string {
	s := "tqlmig rewrite-data --remap REMAP"
	if scope {
		s += " --scope-roles --schema SCHEMA"
	}
	return s + " DATA -o OUT"
}

// Args renders the remap as import arguments for target (§6 of the export
// reference):
//
//	1.8.1–1.8.4  old=new; roles are global, so role values are unscoped
//	2.0–2.2      role values must be exact scoped names relation:role, so every
//	             role in a 1.x file needs an entry, even an unchanged one
//	2.3–2.5      the scope of a role value is ignored; only renamed roles matter
//	other        no remap: rewrite the data file instead
func (r *Remap) Args(target version.V, opt Options) Result {
	res := Result{Target: target, Mode: version.Remap(target)}
	unscopedFile := slices.ContainsFunc(opt.FileRoles, func(l string) bool { return !IsScoped(l) })
	if res.Mode == version.RemapNone {
		res.Advice = noRemapAdvice(target, r.Len() > 0, opt.FileRoles)
		return res
	}
	res.Supported = true
	isRole := func(e Entry) bool {
		if IsScoped(e.Old) || IsScoped(e.New) || slices.Contains(opt.FileRoles, e.Old) {
			return true
		}
		return opt.Schema != nil && KindOf(opt.Schema, e.New) == concept.Role
	}
	emit := func(old, new string) { res.Args = append(res.Args, old+"="+new) }
	done := map[string]bool{}
	for _, e := range r.Entries {
		done[e.Old] = true
		if e.Old == e.New && res.Mode != version.RemapScoped {
			continue
		}
		if !isRole(e) {
			if opt.Schema != nil && KindOf(opt.Schema, e.New) == concept.Unknown {
				addAt(&res.Diags, diag.Error, "remap-unknown-target", e.NewRange,
					"%q is not a type or role of the target schema", e.New)
			}
			if e.Old != e.New {
				emit(e.Old, e.New)
			}
			continue
		}
		r.roleArg(&res, opt, e.Old, e.New, e.NewRange, emit)
	}
	for _, l := range opt.FileRoles {
		if !done[l] {
			done[l] = true
			r.roleArg(&res, opt, l, l, diag.Range{}, emit)
		}
	}
	if res.Diags.HasErrors() {
		res.Supported = false
		res.Advice = fmt.Sprintf("the remap cannot be expressed for %s %s; rewrite the data file instead: %s",
			version.Product(target), target, rewriteAdvice(res.Mode == version.RemapScoped && unscopedFile))
	}
	return res
}

// roleArg emits the argument for role label old (as in the file) becoming new.
func (r *Remap) roleArg(res *Result, opt Options, old, new string, at diag.Range, emit func(string, string)) {
	scope, name := SplitScoped(new)
	switch res.Mode {
	case version.RemapGlobal:
		if scope != "" {
			addAt(&res.Diags, diag.Info, "remap-scope-dropped", at,
				"Grakn 1.8 roles are global: %q is passed as %q", new, name)
		}
		if opt.Schema != nil && len(opt.Schema.RoleRelations(name)) == 0 {
			addAt(&res.Diags, diag.Error, "remap-unknown-target", at, "no relation of the target schema relates role %q", name)
		}
		if old != name {
			emit(old, name)
		}
	case version.RemapNameOnly:
		if opt.Schema != nil && len(opt.Schema.RoleRelations(name)) == 0 {
			addAt(&res.Diags, diag.Error, "remap-unknown-target", at, "no relation of the target schema declares role %q", name)
		}
		if _, oldName := SplitScoped(old); oldName != name {
			emit(old, new)
		} else if old != new {
			addAt(&res.Diags, diag.Info, "remap-not-needed", at,
				"%s=%s is not needed: TypeDB 2.3–2.5 ignore the scope of a role label", old, new)
		}
	case version.RemapScoped:
		if scope != "" {
			if opt.Schema != nil && !slices.Contains(opt.Schema.RoleRelations(name), scope) {
				addAt(&res.Diags, diag.Error, "remap-unknown-target", at, "%q is not a role of the target schema", new)
			}
			if old != new {
				emit(old, new)
			}
			return
		}
		if opt.Schema == nil {
			addAt(&res.Diags, diag.Error, "remap-needs-schema", at,
				"role %q needs its scoped name relation:%s for TypeDB 2.0–2.2; give the target schema", new, name)
			return
		}
		rels := opt.Schema.RoleRelations(name)
		switch len(rels) {
		case 0:
			addAt(&res.Diags, diag.Error, "remap-unknown-target", at, "no relation of the target schema declares role %q", name)
		case 1:
			emit(old, rels[0]+":"+name)
		default:
			d := addAt(&res.Diags, diag.Error, "remap-shared-role", at,
				"role %q is declared by %d relations (%s); one remap entry cannot scope it", name, len(rels), strings.Join(rels, ", "))
			d.Detail = fmt.Sprintf("TypeDB 2.0–2.2 look a role up by its exact scoped name, and the file writes %q for every relation alike, "+
				"so no single %s=relation:%s fits them all. Rewrite the file with scoped roles instead (%s); the rewritten file needs no role remap.",
				old, old, name, rewriteAdvice(true))
		}
	}
}

// noRemapAdvice says what to do on a target without remap. fileRoles nil
// means the file's role labels are not known.
func noRemapAdvice(target version.V, renames bool, fileRoles []string) string {
	why := fmt.Sprintf("%s %s has no import-time remap", version.Product(target), target)
	switch e := target.Newest(); {
	case e.AtLeast("2.6") && e.Major == 2:
		why += " (removed in 2.6.0)"
	case e.Major == 1:
		why += " (remap arrived in 1.8.1)"
	}
	// 3.x needs scoped role labels: known to be missing when the file has
	// unscoped ones, possibly missing when the file's roles are unknown.
	scope := version.Roles(target) == version.RoleScopedOnly
	unscoped := slices.ContainsFunc(fileRoles, func(l string) bool { return !IsScoped(l) })
	switch {
	case renames && scope && (unscoped || fileRoles == nil):
		return why + "; rewrite the data file (3.x also needs scoped role labels, which a 1.x file lacks): " + rewriteAdvice(true)
	case renames:
		return why + "; rewrite the data file: " + rewriteAdvice(false)
	case scope && unscoped:
		return why + "; no label is renamed, but the file's role labels are unscoped and 3.x needs them scoped: " + rewriteAdvice(true)
	case scope && fileRoles == nil:
		return why + "; no label is renamed, but a 1.x file still needs its role labels scoped: " + rewriteAdvice(true)
	}
	return why + "; none is needed"
}
