package rewrite

import (
	"strings"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

var relabel = &Rule{
	Name: "relabel",
	Refs: "6, 21, 25, 26",
	Doc: `every renamed label is renamed wherever it is used

	owns sub attribute; company has owns;    →   owns_ sub attribute; company owns owns_;
	(owns: $x) isa holding;                  →   (owns_: $x) isa holding;

Earlier rules only decide renames (Pass.Rename) and keep using the old
label, so they agree with each other; this last rule applies them to type
statements, roles (both halves of "rel:role"), rule labels, undefine
queries and rule bodies. A rename of a scoped label "rel:role" applies to
that relation's role only.`,
	Apply: func(p *Pass) {
		global := map[string]string{}
		scoped := map[string]string{}
		for old, nw := range p.conv.RenameMap() {
			if strings.Contains(old, ":") {
				scoped[old] = nw
			} else {
				global[old] = nw
			}
		}
		if len(global) == 0 && len(scoped) == 0 {
			return
		}
		p.eachRefIn(func(r *grammar.TypeRef, k refKind, owner *grammar.TypeStmt) {
			before := r.String()
			// A role of one relation: "relates R" in REL's statements, or
			// "REL:R" anywhere.
			if r.Scope != "" {
				if nw, ok := scoped[r.Scope+":"+r.Name]; ok {
					r.Name = roleName(nw)
				}
			} else if k == refRelates && owner != nil && owner.Subject != nil {
				if nw, ok := scoped[owner.Subject.Name+":"+r.Name]; ok {
					r.Name = roleName(nw)
				}
			}
			if r.String() == before {
				if nw, ok := global[r.Name]; ok {
					r.Name = nw
				}
			}
			if nw, ok := global[r.Scope]; ok && r.Scope != "" {
				r.Scope = nw
			}
			if after := r.String(); after != before {
				// A reference an earlier rule made has no position of its
				// own: report it at its statement.
				at := grammar.Node(r)
				if !r.Pos().IsValid() && owner != nil {
					at = owner
				}
				p.Report(at, diag.Translated, "%s written as %s", before, after)
			}
		})
	},
}

// roleName is the role part of a possibly scoped label.
func roleName(l string) string {
	if i := strings.LastIndexByte(l, ':'); i >= 0 {
		return l[i+1:]
	}
	return l
}
