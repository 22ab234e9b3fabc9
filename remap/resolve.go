package remap

import (
	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/schema"
)

// ResolveInput is everything tqlmig remap found before deciding: the two
// schemas (either may be nil), the renames given and known, and what the
// export uses.
type ResolveInput struct {
	Old, New *schema.Model
	// Hints are the renames the user gave (--remap, --rename); they win.
	Hints *Remap
	// Known are the renames tqlmig convert makes (--from-convert).
	Known []Entry
	// Usage is what the export uses, or nil without one.
	Usage *Usage
	// Evidence takes a second look at the export for the labels the
	// target lacks (who owns and plays with them), to rank suggestions.
	Evidence func(labels []string) (*Evidence, error)
	// Target is the importing server's version; zero for none.
	Target version.V
}

// Resolution is what Resolve decided.
type Resolution struct {
	Proposal *Proposal
	// Final is the remap to apply: the proposal's renames, with the
	// given entries (and their source ranges) where they agree.
	Final *Remap
	// Missing lists the export's labels the target lacks after Final.
	Missing []Missing
	// Target is the import arguments for Target, or nil without one.
	Target *Result
	// Diags are the warnings (and the errors that make Final invalid).
	Diags diag.List
}

// Invalid reports whether the final remap failed validation: nothing may
// be written.
func (r *Resolution) Invalid() bool { return r.Diags.HasErrors() }

// Resolve matches the schemas (or takes the given and known renames as
// they are), validates the final remap against the schemas or the export,
// lists what the export still lacks, and renders the import arguments for
// the target. An error comes only from reading the export again.
func Resolve(in ResolveInput) (*Resolution, error) {
	res := &Resolution{}
	if in.Hints == nil {
		in.Hints, _ = New()
	}
	if in.Old != nil && in.New != nil {
		// The hints' problems (prop.Diags) are left to Validate below,
		// which sees the same schemas and would repeat them.
		res.Proposal = Match(in.Old, in.New, MatchOptions{Hints: in.Hints, Known: in.Known})
	} else {
		res.Proposal = &Proposal{}
		for _, en := range in.Hints.Entries {
			res.Proposal.Renames = append(res.Proposal.Renames, Candidate{Old: en.Old, New: en.New, Kind: kindIn(in.New, en.New),
				Confidence: 1, Source: FromHint, Reasons: []string{"given"}})
		}
		for _, en := range in.Known {
			if _, ok := in.Hints.Lookup(en.Old); ok {
				continue
			}
			res.Proposal.Renames = append(res.Proposal.Renames, Candidate{Old: en.Old, New: en.New, Kind: kindIn(in.New, en.New),
				Confidence: 1, Source: FromKnown, Reasons: []string{"renamed by tqlmig convert"}})
		}
	}
	res.Final = res.Proposal.Remap()
	// Entries keep the ranges of the --remap file, so problems point there.
	for i, en := range res.Final.Entries {
		if i2 := indexOf(in.Hints, en.Old); i2 >= 0 && in.Hints.Entries[i2].New == en.New {
			res.Final.Entries[i] = in.Hints.Entries[i2]
		}
	}
	var source, tgt Schema
	switch {
	case in.Usage != nil:
		source = in.Usage.Schema()
	case in.Old != nil:
		source = FromModel(in.Old)
	}
	if in.New != nil {
		tgt = FromModel(in.New)
	}
	for _, en := range res.Final.Entries {
		if HasSpace(en.Old) || HasSpace(en.New) {
			d := res.Diags.Addf(diag.Warning, CodeSpace, nil, "remap entry %s holds a label with a space", en.String())
			d.Detail = "Grakn 1.5.1 and older accepted quoted labels with spaces. A remap file writes such an old label in double quotes, but an import command reading its arguments with $(cat FILE) would split the entry: pass it quoted, as '" + en.Old + "=" + en.New + "', on the import command line."
		}
	}
	vd := res.Final.Validate(source, tgt)
	res.Diags = append(res.Diags, vd...)
	if vd.HasErrors() {
		return res, nil
	}
	if in.Usage != nil {
		if err := res.missing(in); err != nil {
			return nil, err
		}
	}
	if in.Target.Parts > 0 {
		res.Target = res.args(in, tgt)
	}
	return res, nil
}

// CodeSpace is the warning for a remap entry holding a label with a space.
const CodeSpace = "remap-space"

// missing lists the export's labels the target lacks, ranked with a second
// look at the export when some type label is missing.
func (res *Resolution) missing(in ResolveInput) error {
	var p *Proposal
	if in.Old != nil && in.New != nil {
		p = res.Proposal
	}
	opt := MissingOptions{Proposal: p}
	res.Missing = in.Usage.Missing(res.Final, in.New, opt)
	var labels []string
	for _, m := range res.Missing {
		if m.Kind != concept.Role {
			labels = append(labels, m.Label)
		}
	}
	if len(labels) == 0 || in.Evidence == nil {
		return nil
	}
	ev, err := in.Evidence(labels)
	if err != nil {
		return err
	}
	opt.Evidence = ev
	res.Missing = in.Usage.Missing(res.Final, in.New, opt)
	return nil
}

// args renders the import arguments of the final remap for in.Target.
func (res *Resolution) args(in ResolveInput, tgt Schema) *Result {
	opt := Options{Schema: tgt}
	switch {
	case in.Usage != nil:
		// Roles the target lacks are reported as missing already;
		// Args would only repeat them as unexpressible.
		lacking := map[string]bool{}
		for _, m := range res.Missing {
			if m.Kind == concept.Role {
				lacking[m.Label] = true
			}
		}
		opt.FileRoles = []string{}
		for _, l := range in.Usage.FileRoles() {
			if !lacking[l] {
				opt.FileRoles = append(opt.FileRoles, l)
			}
		}
	case in.Old != nil:
		opt.FileRoles = []string{}
		for _, t := range in.Old.TypesOf(concept.Role) {
			opt.FileRoles = append(opt.FileRoles, t.Key())
		}
	}
	args := res.Final
	if in.Usage != nil {
		// Entries for labels the file never writes change nothing on
		// import; they were warned about, and stay out of the arguments.
		used := in.Usage.Schema()
		var es []Entry
		for _, en := range res.Final.Entries {
			if KindOf(used, en.Old) != concept.Unknown {
				es = append(es, en)
			}
		}
		args, _ = New(es...)
	}
	r := args.Args(in.Target, opt)
	return &r
}

func indexOf(r *Remap, old string) int {
	for i, en := range r.Entries {
		if en.Old == old {
			return i
		}
	}
	return -1
}

// kindIn is the kind of label in m, or NoKind when m is nil.
func kindIn(m *schema.Model, label string) concept.Kind {
	if m == nil {
		return concept.Unknown
	}
	return KindOf(FromModel(m), label)
}
