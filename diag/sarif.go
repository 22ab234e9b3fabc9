package diag

import (
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
)

// SARIF 2.1.0 output, for code-scanning UIs. Only the parts of the format
// that tqlmig fills are modelled; every struct below maps to one object of
// the SARIF 2.1.0 schema with the same field names.
//
// Columns: the run declares "columnKind": "unicodeCodePoints", so
// startColumn and endColumn are our Pos.Col (runes, from 1) unchanged, and
// endColumn is exclusive like our half-open End. Regions also carry
// byteOffset and byteLength, which are our byte offsets.

// SARIFVersion and SARIFSchema identify the format WriteSARIF produces.
const (
	SARIFVersion = "2.1.0"
	SARIFSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

// Tool names the program that produced a SARIF log.
type Tool struct {
	Name           string
	Version        string
	InformationURI string
}

// RuleInfo describes one rule or check: ID is the Code its diagnostics
// carry, Short its one-line title and Full its longer documentation.
type RuleInfo struct {
	ID      string
	Short   string
	Full    string
	HelpURI string
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string            `json:"name"`
	Version        string            `json:"version,omitempty"`
	InformationURI string            `json:"informationUri,omitempty"`
	Rules          []sarifDescriptor `json:"rules,omitempty"`
}

type sarifDescriptor struct {
	ID               string        `json:"id"`
	ShortDescription *sarifMessage `json:"shortDescription,omitempty"`
	FullDescription  *sarifMessage `json:"fullDescription,omitempty"`
	HelpURI          string        `json:"helpUri,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId,omitempty"`
	RuleIndex        *int            `json:"ruleIndex,omitempty"`
	Level            string          `json:"level"`
	Message          sarifMessage    `json:"message"`
	Locations        []sarifLocation `json:"locations,omitempty"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	Fixes            []sarifFix      `json:"fixes,omitempty"`
	Properties       map[string]any  `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               *int                   `json:"id,omitempty"`
	PhysicalLocation *sarifPhysical         `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifMessage          `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int    `json:"startLine,omitempty"`
	StartColumn int    `json:"startColumn,omitempty"`
	EndLine     int    `json:"endLine,omitempty"`
	EndColumn   int    `json:"endColumn,omitempty"`
	ByteOffset  *int64 `json:"byteOffset,omitempty"`
	ByteLength  *int64 `json:"byteLength,omitempty"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind,omitempty"`
}

type sarifFix struct {
	Description     *sarifMessage         `json:"description,omitempty"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion   `json:"deletedRegion"`
	InsertedContent *sarifContent `json:"insertedContent,omitempty"`
}

type sarifContent struct {
	Text string `json:"text"`
}

// WriteSARIF prints list as a SARIF 2.1.0 log with one run. rules become
// the driver's rule table, in the order given; a Code that list uses but
// rules lacks is appended with its id only, so every result with a Code has
// a ruleId and a ruleIndex. Severities map to levels error, warning and
// note. Artifact URIs are relative URI references for relative file names
// and file:// URIs for absolute ones, with "/" separators on every system.
func WriteSARIF(w io.Writer, tool Tool, rules []RuleInfo, list List) error {
	driver := sarifDriver{Name: tool.Name, Version: tool.Version, InformationURI: tool.InformationURI}
	index := map[string]int{}
	addRule := func(r RuleInfo) {
		if _, dup := index[r.ID]; dup || r.ID == "" {
			return
		}
		index[r.ID] = len(driver.Rules)
		d := sarifDescriptor{ID: r.ID, HelpURI: r.HelpURI}
		if r.Short != "" {
			d.ShortDescription = &sarifMessage{Text: r.Short}
		}
		if r.Full != "" {
			d.FullDescription = &sarifMessage{Text: r.Full}
		}
		driver.Rules = append(driver.Rules, d)
	}
	for _, r := range rules {
		addRule(r)
	}
	for _, d := range list {
		addRule(RuleInfo{ID: d.Code})
	}

	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: make([]sarifResult, 0, len(list))}
	for _, d := range list {
		res := sarifResult{RuleID: d.Code, Level: sarifLevel(d.Severity), Message: sarifMessage{Text: d.Message}}
		if i, ok := index[d.Code]; ok {
			res.RuleIndex = &i
		}
		if d.Detail != "" {
			res.Message.Text += "\n\n" + d.Detail
		}
		file := ""
		switch {
		case d.Range != nil:
			file = d.Range.File
			if loc := textLocation(*d.Range, ""); loc != nil {
				res.Locations = append(res.Locations, *loc)
			}
		case d.Data != nil:
			file = d.Data.File
			res.Locations = append(res.Locations, dataLocation(*d.Data))
		}
		for i, r := range d.Related {
			loc := textLocation(r.Range, file)
			if loc == nil {
				continue
			}
			id := i + 1
			loc.ID = &id
			loc.Message = &sarifMessage{Text: r.Message}
			res.RelatedLocations = append(res.RelatedLocations, *loc)
		}
		props := map[string]any{}
		if d.Fix != nil {
			if fix, ok := sarifFixOf(d.Fix, file); ok {
				res.Fixes = []sarifFix{fix}
			} else if d.Fix.Message != "" {
				props["fix"] = d.Fix.Message
			}
		}
		if d.Class != "" {
			props["class"] = string(d.Class)
		}
		if len(d.Path) > 0 {
			props["path"] = d.Path
		}
		if len(props) > 0 {
			res.Properties = props
		}
		run.Results = append(run.Results, res)
	}
	return writeIndentedJSON(w, sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{run}})
}

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// SARIFURI turns a file name into a SARIF artifact URI: a relative URI
// reference with "/" separators for a relative name, a file:// URI for an
// absolute one. Characters that are not allowed in a URI are escaped.
func SARIFURI(name string) string {
	p := filepath.ToSlash(name)
	if filepath.IsAbs(name) {
		if !strings.HasPrefix(p, "/") { // a Windows drive path
			p = "/" + p
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}

// sarifRegionOf converts a text range; nil when r has no valid start.
func sarifRegionOf(r Range) *sarifRegion {
	if !r.Start.IsValid() {
		return nil
	}
	reg := &sarifRegion{StartLine: r.Start.Line, StartColumn: max(r.Start.Col, 1)}
	off := int64(r.Start.Offset)
	reg.ByteOffset = &off
	if r.End.IsValid() && !r.End.Before(r.Start) && r.End.Line >= r.Start.Line {
		reg.EndLine, reg.EndColumn = r.End.Line, max(r.End.Col, 1)
		if reg.EndLine == reg.StartLine && reg.EndColumn < reg.StartColumn {
			reg.EndColumn = reg.StartColumn
		}
		n := int64(r.End.Offset - r.Start.Offset)
		reg.ByteLength = &n
	}
	return reg
}

// textLocation builds the location of r, taking file when r names none;
// nil when there is no file to point at.
func textLocation(r Range, file string) *sarifLocation {
	if r.File != "" {
		file = r.File
	}
	if file == "" {
		return nil
	}
	return &sarifLocation{PhysicalLocation: &sarifPhysical{
		ArtifactLocation: sarifArtifactLocation{URI: SARIFURI(file)},
		Region:           sarifRegionOf(r),
	}}
}

// dataLocation points at an item of a binary data file: its byte offset as
// a region, and the item as a logical location so that UIs without byte
// regions still show which item.
func dataLocation(p DataPos) sarifLocation {
	off := p.Offset
	loc := sarifLocation{
		PhysicalLocation: &sarifPhysical{
			ArtifactLocation: sarifArtifactLocation{URI: SARIFURI(p.File)},
			Region:           &sarifRegion{ByteOffset: &off},
		},
		LogicalLocations: []sarifLogicalLocation{{
			Name:               "item " + strconv.FormatInt(p.Item, 10),
			FullyQualifiedName: p.ID,
			Kind:               "element",
		}},
	}
	return loc
}

// sarifFixOf converts a fix with at least one placeable edit; false when
// it has none, because SARIF requires a fix to change something.
func sarifFixOf(f *Fix, file string) (sarifFix, bool) {
	var fix sarifFix
	if f.Message != "" {
		fix.Description = &sarifMessage{Text: f.Message}
	}
	byFile := map[string]int{}
	for _, e := range f.Edits {
		name := e.Range.File
		if name == "" {
			name = file
		}
		reg := sarifRegionOf(e.Range)
		if name == "" || reg == nil {
			continue
		}
		rep := sarifReplacement{DeletedRegion: *reg}
		if e.New != "" {
			rep.InsertedContent = &sarifContent{Text: e.New}
		}
		i, ok := byFile[name]
		if !ok {
			i = len(fix.ArtifactChanges)
			byFile[name] = i
			fix.ArtifactChanges = append(fix.ArtifactChanges, sarifArtifactChange{ArtifactLocation: sarifArtifactLocation{URI: SARIFURI(name)}})
		}
		fix.ArtifactChanges[i].Replacements = append(fix.ArtifactChanges[i].Replacements, rep)
	}
	return fix, len(fix.ArtifactChanges) > 0
}
