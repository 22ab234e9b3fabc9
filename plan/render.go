package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteText renders the plan for a terminal: a title, the warnings, the
// numbered steps with their commands indented, the notes and the inline
// checks.
func (p *Plan) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Migration plan: %s → %s, database %s\n", p.FromName, p.ToName, p.Database)
	if len(p.Warnings) > 0 {
		b.WriteString("\nWarnings:\n")
		for _, x := range p.Warnings {
			fmt.Fprintf(&b, "  ! [%s] %s\n", x.Code, x.Message)
		}
	}
	b.WriteString("\nSteps:\n")
	width := len(fmt.Sprint(len(p.Steps)))
	for _, s := range p.Steps {
		fmt.Fprintf(&b, "%*d. %s (%s)\n", width+1, s.N, s.Title, s.Where)
		pad := strings.Repeat(" ", width+3)
		for _, c := range s.Commands {
			fmt.Fprintf(&b, "%s    $ %s\n", pad, c)
		}
		for _, n := range s.Notes {
			fmt.Fprintf(&b, "%s%s\n", pad, n)
		}
	}
	if len(p.Notes) > 0 {
		b.WriteString("\nNotes:\n")
		for _, n := range p.Notes {
			fmt.Fprintf(&b, "  - %s\n", n)
		}
	}
	if len(p.Checks) > 0 {
		b.WriteString("\nChecks on the files given:\n")
		for _, c := range p.Checks {
			fmt.Fprintf(&b, "  - %s: %s: %s\n", c.Name, c.Status, c.Detail)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON renders the plan as one indented JSON object.
func (p *Plan) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}
