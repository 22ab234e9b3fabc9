package migrate

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
)

// Markdown renders report.md: the verdict, the steps, the files, then one
// section per step with what the user must decide or do, and the commands
// left to run.
func (r *Report) Markdown() []byte {
	var b bytes.Buffer
	target, _ := version.Parse(r.Target)
	product := version.Product(target) + " " + r.Target
	from := "the old database"
	if r.Plan != nil {
		from = r.Plan.FromName
	}
	fmt.Fprintf(&b, "# Migration report: %s → %s\n\n", from, product)
	fmt.Fprintf(&b, "- Schema: %s\n", codeList(r.Schemas))
	if ex := r.Export; ex != nil {
		fmt.Fprintf(&b, "- Data: `%s` (%d items, written by %s, %s, checksums %s)\n", r.Data, ex.Items, ex.Producer, ex.Complete, verified(ex.Checksums))
	} else {
		fmt.Fprintf(&b, "- Data: `%s`\n", r.Data)
	}
	fmt.Fprintf(&b, "- Output: `%s`\n", r.Dir)
	if r.FromNote != "" {
		fmt.Fprintf(&b, "- Source version: %s\n", r.FromNote)
	}
	if r.OK {
		fmt.Fprintf(&b, "\n**Ready.** The schema converted exactly, it passes every offline check, and the data check says the import would succeed. Run the commands at the end.\n")
	} else {
		why := strings.Join(r.attention(), "; ")
		fmt.Fprintf(&b, "\n**Needs attention:** %s. Read the sections below before importing.\n", why)
	}

	b.WriteString("\n## Steps\n\n| step | status | what happened |\n|---|---|---|\n")
	for _, s := range r.Steps {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", s.Name, s.Status, cell(s.Summary))
	}

	b.WriteString("\n## Files\n\n")
	for _, f := range r.Files {
		fmt.Fprintf(&b, "- `%s`: %s\n", f, r.fileNote(f, product))
	}

	r.convertSection(&b)
	r.vetSection(&b)
	r.dataSection(&b)
	r.checkSection(&b)

	b.WriteString("\n## Commands to run\n\n")
	for i, c := range r.Commands {
		fmt.Fprintf(&b, "%d. %s (%s):\n\n   ```sh\n   %s\n   ```\n\n", i+1, c.Purpose, c.Where, c.Line)
	}
	if p := r.Plan; p != nil {
		if len(p.Warnings) > 0 {
			b.WriteString("Warnings for this pair of versions (from `tqlmig plan`):\n\n")
			for _, w := range p.Warnings {
				fmt.Fprintf(&b, "- **%s**: %s\n", w.Code, w.Message)
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "<details><summary>The whole plan from %s to %s (tqlmig plan); migrate did the tqlmig steps</summary>\n\n", p.FromName, p.ToName)
		for _, s := range p.Steps {
			fmt.Fprintf(&b, "%d. %s (%s)\n", s.N, s.Title, s.Where)
			for _, c := range s.Commands {
				fmt.Fprintf(&b, "   - `%s`\n", c)
			}
		}
		if len(p.Notes) > 0 {
			b.WriteString("\nNotes:\n\n")
			for _, n := range p.Notes {
				fmt.Fprintf(&b, "- %s\n", n)
			}
		}
		b.WriteString("\n</details>\n")
	}
	return b.Bytes()
}

// attention lists, in a few words each, why the report is not OK.
func (r *Report) attention() []string {
	var out []string
	if c := r.Convert; c != nil && !c.Exact {
		out = append(out, fmt.Sprintf("the conversion approximated %d and lost %d constructs", c.Approximated, c.Lost))
	}
	for _, s := range r.Steps {
		switch {
		case s.Name == StepPlan || s.Name == StepConvert:
		case s.Status == StatusFindings:
			out = append(out, fmt.Sprintf("%s has findings", s.Name))
		case s.Status == StatusNotRun:
			out = append(out, fmt.Sprintf("%s did not run", s.Name))
		}
	}
	if len(out) == 0 {
		out = append(out, "see the steps")
	}
	return out
}

func (r *Report) fileNote(name, product string) string {
	switch name {
	case SchemaFile:
		return "the schema for " + product + "."
	case RemapFile:
		if r.Remap == nil {
			return "the label renames (old=new per line)."
		}
		switch r.Remap.Route {
		case RouteImportRemap:
			return fmt.Sprintf("the import arguments (%d), one old=new per line.", len(r.Remap.Args))
		case RouteRewrite:
			return fmt.Sprintf("the renames (%d) applied to %s, one old=new per line.", len(r.Remap.Entries), DataFile)
		}
		return "no renames: comments only."
	case DataFile:
		return "the export with the labels rewritten for " + product + "; import this file, not the original."
	case ReportMD:
		return "this report."
	case ReportJSON:
		return "this report for scripts: steps, conversion counts, the data check, the plan and every diagnostic."
	}
	return ""
}

func (r *Report) convertSection(b *bytes.Buffer) {
	c := r.Convert
	if c == nil {
		return
	}
	b.WriteString("\n## Schema conversion\n\n")
	if c.Mode != "converted" {
		fmt.Fprintf(b, "The schema was %s: it is TypeQL 2.x already.\n", c.Mode)
	} else {
		fmt.Fprintf(b, "%d changes kept the meaning, %d changed it (approximated), %d could not be expressed (lost).\n", c.Translated, c.Approximated, c.Lost)
	}
	if len(c.Rules) > 0 {
		b.WriteString("\nConverted cleanly (same meaning):\n\n| rule | changes | what it does |\n|---|---|---|\n")
		for _, x := range c.Rules {
			fmt.Fprintf(b, "| `%s` | %d | %s |\n", x.Rule, x.Count, cell(x.Title))
		}
	}
	var approx, lost, other diag.List
	for _, d := range r.Findings(StepConvert) {
		switch d.Class {
		case diag.Approximated:
			approx = append(approx, d)
		case diag.Lost:
			lost = append(lost, d)
		default:
			other = append(other, d)
		}
	}
	findingList(b, "Approximated: the meaning changed; check each", approx)
	findingList(b, "Lost: not representable; what to do", lost)
	findingList(b, "Other conversion findings", other)
	if len(c.Renames) > 0 {
		b.WriteString("\nRenamed labels (the data still uses the old names; see `remap.txt`):\n\n| old | new |\n|---|---|\n")
		for _, rn := range c.Renames {
			fmt.Fprintf(b, "| `%s` | `%s` |\n", rn.Old, rn.New)
		}
	}
}

func (r *Report) vetSection(b *bytes.Buffer) {
	s := r.Step(StepVet)
	if s == nil {
		return
	}
	b.WriteString("\n## Schema check (vet)\n\n")
	fmt.Fprintf(b, "%s: %s.\n", s.Status, s.Summary)
	findingList(b, "Findings", r.Findings(StepVet))
}

func (r *Report) dataSection(b *bytes.Buffer) {
	b.WriteString("\n## Data\n\n")
	if s := r.Step(StepInspect); s != nil {
		fmt.Fprintf(b, "Export: %s.\n", s.Summary)
	}
	findingList(b, "Export findings", r.Findings(StepInspect))
	if rm := r.Remap; rm != nil {
		fmt.Fprintf(b, "\nLabels: %s.\n", rm.Reason)
		if len(rm.Args) > 0 {
			fmt.Fprintf(b, "\nImport arguments: `%s`\n", strings.Join(rm.Args, " "))
		}
	}
	if st := r.Rewrite; st != nil {
		fmt.Fprintf(b, "\nRewrite: %d items read, %d changed, %d bytes written", st.Items, st.Changed, st.Written)
		if st.Scoped > 0 {
			fmt.Fprintf(b, ", %d role labels scoped", st.Scoped)
		}
		b.WriteString(".\n")
	} else if s := r.Step(StepRewrite); s != nil && s.Status == StatusNotRun {
		fmt.Fprintf(b, "\nRewrite did not run: %s.\n", s.Summary)
	}
	var notes diag.List
	notes = append(notes, r.Findings(StepRemap)...)
	notes = append(notes, r.Findings(StepRewrite)...)
	findingList(b, "Remap and rewrite notes", notes)
}

func (r *Report) checkSection(b *bytes.Buffer) {
	s := r.Step(StepCheck)
	if s == nil {
		return
	}
	b.WriteString("\n## Data check\n\n")
	fmt.Fprintf(b, "%s: %s.\n", s.Status, s.Summary)
	c := r.Check
	if c == nil || len(c.Groups) == 0 {
		return
	}
	b.WriteString("\n| severity | check | label | count | problem | remedy |\n|---|---|---|---|---|---|\n")
	for _, g := range c.Groups {
		fmt.Fprintf(b, "| %s | `%s` | `%s` | %d | %s | %s |\n", g.Severity, g.Check, cell(g.Label), g.Count, cell(g.Message), cell(g.Remedy))
	}
}

// findingList writes diagnostics as a bulleted list under a bold title.
func findingList(b *bytes.Buffer, title string, list diag.List) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(b, "\n**%s (%d):**\n\n", title, len(list))
	for _, d := range list {
		b.WriteString("- ")
		if w := d.Where(); w != "" {
			fmt.Fprintf(b, "`%s` ", w)
		}
		fmt.Fprintf(b, "%s", d.Severity)
		if d.Code != "" {
			fmt.Fprintf(b, " `%s`", d.Code)
		}
		fmt.Fprintf(b, ": %s\n", oneLine(d.Message))
		if d.Detail != "" {
			fmt.Fprintf(b, "  %s\n", oneLine(d.Detail))
		}
	}
}

func codeList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "`" + n + "`"
	}
	return strings.Join(q, ", ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// cell makes s safe inside a table cell.
func cell(s string) string { return strings.ReplaceAll(oneLine(s), "|", `\|`) }
