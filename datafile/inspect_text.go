package datafile

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/tqlmig/tqlmig/diag"
)

// WriteText renders the summary for people, without the diagnostics (print
// those with diag.WriteText). top limits the type and role lists (0 shows
// all of them).
func (s *Summary) WriteText(w io.Writer, top int) error {
	bw := bufio.NewWriter(w)
	// Labels, versions and names come from the file: escaped, so that
	// they cannot drive the terminal.
	p := func(format string, args ...any) { bw.WriteString(diag.EscapeText(fmt.Sprintf(format, args...))) }

	p("file        %s (%s bytes, %s items)\n", orDash(s.File), commas(s.Bytes), commas(s.Items))
	if h := s.Header; h != nil {
		p("header      version %s, database %q (item %d)\n", orDash(h.Version), h.Database, h.Item)
	} else {
		p("header      none\n")
	}
	p("producer    %s", s.Producer.Generation)
	if len(s.Producer.Evidence) > 0 {
		p(": %s", strings.Join(s.Producer.Evidence, "; "))
	}
	p("\n")
	for _, c := range s.Producer.Conflicts {
		p("            but %s\n", c)
	}
	p("complete    %s\n", s.completeness())

	p("\n%-16s %14s %14s\n", "counts", "recount", "checksums")
	if cs := s.Checksums; cs != nil {
		for _, c := range cs.Counts {
			mark := "ok"
			if !c.OK {
				mark = fmt.Sprintf("MISMATCH (%+d)", c.Actual-c.Declared)
			}
			p("  %-14s %14s %14s  %s\n", c.Name, commas(c.Actual), commas(c.Declared), mark)
		}
		if cs.Verified {
			p("checksums verified\n")
		} else {
			p("checksums DO NOT MATCH\n")
		}
	} else {
		for _, c := range countRows(s.Counts) {
			p("  %-14s %14s %14s\n", c.Name, commas(c.Actual), "-")
		}
		p("checksums not verified: no checksums item\n")
	}

	if len(s.Types) > 0 {
		p("\ntypes (%s)\n", shown(len(s.Types), top))
		for _, t := range limit(s.Types, top) {
			p("  %-9s %-32s %12s", t.Kind, t.Label, commas(t.Count))
			if t.Ownerships > 0 {
				p("  owns %s", commas(t.Ownerships))
			}
			if t.RolePlayers > 0 {
				p("  players %s", commas(t.RolePlayers))
			}
			if len(t.Values) > 0 {
				p("  %s", valueKinds(t.Values))
			}
			p("\n")
		}
	}
	if len(s.Roles) > 0 {
		p("\nrole labels (%s)\n", shown(len(s.Roles), top))
		for _, r := range limit(s.Roles, top) {
			p("  %-40s %12s players  in %s\n", r.Label, commas(r.Players), strings.Join(r.Relations, ", "))
		}
	}

	ids, refs := s.IDs, s.Refs
	p("\nids         %s vertex, %s lossy, %s base64, %s other; %s duplicates, %s missing\n",
		commas(ids.Vertex), commas(ids.Lossy), commas(ids.Base64), commas(ids.Other), commas(ids.Duplicates), commas(ids.Missing))
	p("references  %s dangling ownerships, %s dangling players, %s ownerships of non-attributes\n",
		commas(refs.DanglingOwnerships), commas(refs.DanglingPlayers), commas(refs.WrongKindOwnership))
	p("            %s relation players, %s attribute players, %s attributes owning attributes, %s relations without players\n",
		commas(refs.RelationPlayers), commas(refs.AttributePlayers), commas(refs.AttributeOwners), commas(refs.NoPlayers))

	p("\nimportable by (file structure only; the schema is not checked)\n")
	for _, imp := range s.Importers {
		line := fmt.Sprintf("  %-12s %-8s %s", imp.Target, imp.Verdict, strings.Join(imp.Reasons, "; "))
		p("%s\n", strings.TrimRight(line, " "))
	}
	return bw.Flush()
}

func (s *Summary) completeness() string {
	c := s.Complete
	var parts []string
	switch {
	case !c.HeaderPresent:
		parts = append(parts, "no header")
	case c.HeaderFirst:
		parts = append(parts, "header first")
	default:
		parts = append(parts, "header not first")
	}
	switch {
	case !c.ChecksumsPresent:
		parts = append(parts, "no checksums item")
	case s.Checksums.Last:
		parts = append(parts, "checksums last")
	default:
		parts = append(parts, fmt.Sprintf("checksums at item %d", s.Checksums.Item))
	}
	if c.Truncated {
		parts = append(parts, "TRUNCATED")
	} else {
		parts = append(parts, "not truncated")
	}
	if c.MalformedItems > 0 {
		parts = append(parts, fmt.Sprintf("%d malformed items", c.MalformedItems))
	}
	if c.EmptyItems > 0 {
		parts = append(parts, fmt.Sprintf("%d empty items", c.EmptyItems))
	}
	return c.Verdict + ": " + strings.Join(parts, ", ")
}

func countRows(c Checksums) []CountCheck {
	return []CountCheck{
		{Name: "entities", Actual: c.Entities},
		{Name: "attributes", Actual: c.Attributes},
		{Name: "relations", Actual: c.Relations},
		{Name: "role players", Actual: c.Roles},
		{Name: "ownerships", Actual: c.Ownerships},
	}
}

func valueKinds(m map[string]int64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k)
		if len(keys) > 1 {
			b.WriteString(" " + commas(m[k]))
		}
	}
	return b.String()
}

func shown(n, top int) string {
	if top > 0 && n > top {
		return fmt.Sprintf("top %d of %d", top, n)
	}
	return strconv.Itoa(n)
}

func limit[T any](s []T, top int) []T {
	if top > 0 && len(s) > top {
		return s[:top]
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// commas renders n with thousands separators: 28492 → 28,492.
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
