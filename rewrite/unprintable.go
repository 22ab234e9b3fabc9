package rewrite

import (
	"errors"
	"fmt"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/format"
)

// CodeUnsupported is the error for a converted schema the printer cannot
// write in the target language.
const CodeUnsupported = "unsupported"

// Unprintable turns the error of printing r.Schema as TypeQL major.x into
// the diagnostic convert and migrate report: placed at the input construct
// the printer stopped at when r.Origin knows it.
func (r *Result) Unprintable(err error, major int) *diag.Diagnostic {
	d := format.DiagnosticOf(err)
	var fe *format.Error
	if errors.As(err, &fe) && fe.Node != nil && r.Origin != nil {
		if rng := r.Origin(fe.Node); rng != nil && rng.File != "" {
			d.Range = rng
		}
	}
	d.Code = CodeUnsupported
	d.Detail = fmt.Sprintf("The converted schema still holds a construct TypeQL %d.x cannot write; no rule converts it yet. Please report it with the input.", major)
	return d
}
