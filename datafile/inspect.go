package datafile

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tqlmig/tqlmig/concept"
	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/internal/version"
)

// Codes of the findings Inspect adds to those of the Reader.
const (
	CodeChecksumMismatch = "data-checksum-mismatch" // a count differs from the checksums item
	CodeDanglingOwner    = "data-dangling-ownership"
	CodeDanglingPlayer   = "data-dangling-player"
	CodeWrongKindRef     = "data-wrong-kind-ref" // an ownership naming an entity or relation
	CodeDuplicateID      = "data-duplicate-id"
	CodeMissingID        = "data-missing-id"
	CodeLossyID          = "data-lossy-id" // 2.0–2.2 IDs with U+FFFD or control bytes
	CodeInvalidUTF8      = "data-invalid-utf8"
	CodeNoValue          = "data-no-value" // an attribute without a value
	CodeEmptyItem        = "data-empty-item"
	CodeNoPlayers        = "data-no-players" // a relation without role players
)

// InspectOptions configures Inspect.
type InspectOptions struct {
	Name       string           // file name carried by diagnostics
	Progress   func(read int64) // called with the bytes read so far, about once per MiB
	MaxSamples int              // diagnostics kept per kind of finding; 0 means 10
}

// Summary is what Inspect learns about an export file.
type Summary struct {
	File  string `json:"file"`
	Bytes int64  `json:"bytes"`
	Items int64  `json:"items"` // items decoded, malformed ones included

	Header    *HeaderInfo    `json:"header,omitempty"`
	Producer  Producer       `json:"producer"`
	Counts    Checksums      `json:"counts"` // recount of the items read
	Checksums *ChecksumCheck `json:"checksums,omitempty"`
	Complete  Completeness   `json:"completeness"`

	Types []*TypeStats `json:"types"` // by count, largest first
	Roles []*RoleStats `json:"roles"` // by players, largest first

	IDs  IDStats  `json:"ids"`
	Refs RefStats `json:"references"`

	Importers []Importability `json:"importers"`

	// Diagnostics holds every finding: errors (the file will not import as
	// is), warnings (it may import, with a caveat). It is left out of the
	// JSON form: render it with diag.ToJSON, as every command does.
	Diagnostics diag.List `json:"-"`
}

// HeaderInfo is the header item and where it was.
type HeaderInfo struct {
	Version  string `json:"version"`
	Database string `json:"database"`
	Item     int64  `json:"item"`
	Offset   int64  `json:"offset"`
}

// ChecksumCheck compares the checksums item with the recount.
type ChecksumCheck struct {
	Item     int64        `json:"item"`
	Offset   int64        `json:"offset"`
	Last     bool         `json:"last"` // the checksums item is the last item
	Declared Checksums    `json:"declared"`
	Counts   []CountCheck `json:"counts"`
	Verified bool         `json:"verified"` // all five counts agree
}

// CountCheck is one of the five counts.
type CountCheck struct {
	Name     string `json:"name"`
	Declared int64  `json:"declared"`
	Actual   int64  `json:"actual"`
	OK       bool   `json:"ok"`
}

// Completeness says whether the file is whole.
type Completeness struct {
	Verdict          string `json:"verdict"` // complete, incomplete or truncated
	Truncated        bool   `json:"truncated"`
	HeaderPresent    bool   `json:"headerPresent"`
	HeaderFirst      bool   `json:"headerFirst"`
	ChecksumsPresent bool   `json:"checksumsPresent"`
	MalformedItems   int64  `json:"malformedItems"`
	EmptyItems       int64  `json:"emptyItems"`
}

// TypeStats counts the items of one type label.
type TypeStats struct {
	Label       string           `json:"label"`
	Kind        concept.Kind     `json:"kind"`
	Count       int64            `json:"count"`
	Ownerships  int64            `json:"ownerships,omitempty"`
	RolePlayers int64            `json:"rolePlayers,omitempty"`
	Values      map[string]int64 `json:"values,omitempty"` // attribute value kinds
	values      [13]int64
}

// RoleStats counts the players of one role label, as written in the file.
type RoleStats struct {
	Label     string   `json:"label"`
	Players   int64    `json:"players"`
	Relations []string `json:"relations"` // relation labels that use it
	relations map[string]bool
}

// IDStats classifies item IDs, the best clue to the producer (§3).
type IDStats struct {
	Vertex     int64 `json:"vertex"` // V1234: Grakn 1.x
	Lossy      int64 `json:"lossy"`  // U+FFFD or control bytes: TypeDB 2.0–2.2
	Base64     int64 `json:"base64"` // TypeDB 2.3+ and 3.x
	Other      int64 `json:"other"`
	Missing    int64 `json:"missing"`    // thing items without an id
	Duplicates int64 `json:"duplicates"` // items whose id an earlier item has
}

// RefStats describes ownership and role-player references.
type RefStats struct {
	DanglingOwnerships int64 `json:"danglingOwnerships"` // no item has the id
	DanglingPlayers    int64 `json:"danglingPlayers"`
	WrongKindOwnership int64 `json:"wrongKindOwnerships"` // the id is an entity or relation
	AttributePlayers   int64 `json:"attributePlayers"`    // players that are attributes (1.x/2.x only)
	RelationPlayers    int64 `json:"relationPlayers"`     // players that are relations (nested relations)
	AttributeOwners    int64 `json:"attributeOwners"`     // attribute items owning attributes (1.x/2.x only)
	NoPlayers          int64 `json:"relationsWithoutPlayers"`
}

// Producer is the guess at which server version wrote the file.
type Producer struct {
	Generation string   `json:"generation"` // 1.x, 2.0–2.2, 2.3–2.29, 3.x or unknown
	Evidence   []string `json:"evidence"`
	Conflicts  []string `json:"conflicts,omitempty"`
	// Scoped and Unscoped count distinct role labels with and without "relation:".
	Scoped   int   `json:"scopedRoleLabels"`
	Unscoped int   `json:"unscopedRoleLabels"`
	Values3x int64 `json:"values3x"` // attributes with a 3.x-only value kind
}

// Importability says whether a server line can import the file as it is.
type Importability struct {
	Target  string   `json:"target"`
	Verdict Verdict  `json:"verdict"`
	Reasons []string `json:"reasons,omitempty"`
}

// Verdict grades importability, best first.
type Verdict int

// Verdicts.
const (
	Yes     Verdict = iota // imports as is
	Risky                  // imports, with a known caveat
	Remap                  // imports with import-time label remap arguments
	Rewrite                // needs the file rewritten (labels, header, checksums)
	No                     // will not import
)

var verdictNames = [...]string{"yes", "risky", "remap", "rewrite", "no"}

func (v Verdict) String() string { return verdictNames[v] }

// MarshalText lets JSON output carry the name.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// Bad reports whether Inspect found problems: any error or warning.
func (s *Summary) Bad() bool {
	return s.Diagnostics.Count(diag.Error)+s.Diagnostics.Count(diag.Warning) > 0
}

// inspector is the state of one Inspect run.
type inspector struct {
	s       *Summary
	r       *Reader
	samples int
	counts  map[string]int // diagnostics kept per code

	types   [concept.Kinds]map[string]*TypeStats // by Kind
	roles   map[string]*RoleStats
	ids     *idSet
	pending []pendingRef
	arena   []byte // ids of pending references

	valueKinds  [13]int64 // over all attributes; 9 is the 3.x datetime (field 9)
	invalidUTF8 int64
	noValue     int64
	maxString   int
}

// pendingRef is a reference to an id not seen yet, resolved at the end.
type pendingRef struct {
	h         uint64
	item, off int64
	idOff     int
	idLen     int
	player    bool
}

// Inspect reads a whole export stream and summarises it. It returns an
// error (a *diag.Diagnostic) only when src is not an export at all: empty,
// compressed, text, or unreadable from the first byte. Everything else,
// truncation included, is reported in the Summary.
func Inspect(src io.Reader, opt InspectOptions) (*Summary, error) {
	if opt.MaxSamples <= 0 {
		opt.MaxSamples = 10
	}
	s := &Summary{File: opt.Name}
	in := &inspector{
		s: s, samples: opt.MaxSamples, counts: map[string]int{},
		roles: map[string]*RoleStats{}, ids: newIDSet(),
	}
	for k := range in.types {
		in.types[k] = map[string]*TypeStats{}
	}
	in.r = NewReader(src, WithName(opt.Name), WithProgress(opt.Progress))
	for {
		it, err := in.r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			d := err.(*diag.Diagnostic)
			if Recoverable(err) {
				s.Complete.MalformedItems++
				in.report(d)
				continue
			}
			switch {
			case d.Code == CodeEmpty || d.Code == CodeCompressed || d.Code == CodeNotExport || d.Code == CodeRead:
				return nil, d
			case in.r.Index() == 0 && (d.Code == CodeBadLength || d.Code == CodeTooLarge):
				return nil, in.r.notExport(d.Message)
			}
			s.Complete.Truncated = d.Code == CodeTruncated || d.Code == CodeBadLength || d.Code == CodeTooLarge
			s.Diagnostics.Add(d)
			break
		}
		in.item(it)
	}
	s.Items = in.r.Index()
	s.Bytes = in.r.Offset()
	if s.Complete.Truncated {
		s.Bytes = in.r.BytesRead()
	}
	in.finish()
	return s, nil
}

// report adds a diagnostic, keeping at most samples of each code.
func (in *inspector) report(d *diag.Diagnostic) {
	in.counts[d.Code]++
	if in.counts[d.Code] <= in.samples {
		in.s.Diagnostics.Add(d)
	}
}

func (in *inspector) at(sev diag.Severity, code string, it *Item, format string, args ...any) *diag.Diagnostic {
	d := in.r.diag(sev, code, it.Offset, it.Index, format, args...)
	if len(it.ID) > 0 {
		d.Data.ID = string(it.ID)
	}
	in.report(d)
	return d
}

func (in *inspector) item(it *Item) {
	s := in.s
	switch it.Kind {
	case concept.Header:
		if s.Header == nil {
			s.Header = &HeaderInfo{Version: string(it.Header.Version), Database: string(it.Header.Database), Item: it.Index, Offset: it.Offset}
		}
		return
	case concept.Checksums:
		if s.Checksums == nil {
			s.Checksums = &ChecksumCheck{Item: it.Index, Offset: it.Offset, Declared: it.Checksums}
		}
		return
	case concept.Unknown:
		s.Complete.EmptyItems++
		in.at(diag.Warning, CodeEmptyItem, it, "item holds no attribute, entity, relation, header or checksums")
		return
	}
	s.Counts.Add(it)
	m := in.types[it.Kind]
	ts := m[string(it.Label)]
	if ts == nil {
		ts = &TypeStats{Label: string(it.Label), Kind: it.Kind}
		m[ts.Label] = ts
	}
	ts.Count++
	ts.Ownerships += int64(len(it.Owned))
	in.checkUTF8(it)
	in.declare(it)
	for _, o := range it.Owned {
		in.ref(it, o, false)
	}
	switch it.Kind {
	case concept.Attribute:
		if len(it.Owned) > 0 {
			s.Refs.AttributeOwners++
		}
		if !it.HasValue || it.Value.Kind == ValueNone {
			in.at(diag.Error, CodeNoValue, it, "attribute %q has no value", it.Label)
			in.noValue++
		}
		ts.values[it.Value.Kind]++
		in.valueKinds[it.Value.Kind]++
		if it.Value.Kind.Is3x() {
			s.Producer.Values3x++
		}
		if it.Value.Kind == ValueString {
			in.maxString = max(in.maxString, len(it.Value.Str))
		}
	case concept.Relation:
		n := it.RoleCount()
		ts.RolePlayers += int64(n)
		if n == 0 {
			s.Refs.NoPlayers++
			in.at(diag.Warning, CodeNoPlayers, it, "relation %q has no role players", it.Label)
		}
		for i := range it.Roles {
			role := &it.Roles[i]
			rs := in.roles[string(role.Label)]
			if rs == nil {
				rs = &RoleStats{Label: string(role.Label), relations: map[string]bool{}}
				in.roles[rs.Label] = rs
			}
			rs.Players += int64(len(role.Players))
			if !rs.relations[string(it.Label)] {
				rs.relations[string(it.Label)] = true // converts only on first sight
			}
			for _, p := range role.Players {
				in.ref(it, p, true)
			}
		}
	}
}

// declare records the item's id and classifies it.
func (in *inspector) declare(it *Item) {
	ids := &in.s.IDs
	if len(it.ID) == 0 {
		ids.Missing++
		in.at(diag.Error, CodeMissingID, it, "%s %q has no id", it.Kind, it.Label)
		return
	}
	switch classifyID(it.ID) {
	case idVertex:
		ids.Vertex++
	case idLossy:
		ids.Lossy++
		in.at(diag.Warning, CodeLossyID, it, "id %q holds U+FFFD or control characters: the lossy IIDs of TypeDB 2.0–2.2 can collide", it.ID)
	case idBase64:
		ids.Base64++
	default:
		ids.Other++
	}
	if in.ids.add(in.ids.hash(it.ID), it.Kind) {
		ids.Duplicates++
		in.at(diag.Warning, CodeDuplicateID, it, "duplicate id %q: an earlier item has it; importers map both to one concept", it.ID)
	}
}

// ref checks a reference now when the target was already seen, and keeps
// it for the end otherwise (items may come in any order).
func (in *inspector) ref(it *Item, id []byte, player bool) {
	h := in.ids.hash(id)
	if k := in.ids.lookup(h); k != concept.Unknown {
		in.resolved(it.Index, it.Offset, id, k, player)
		return
	}
	in.pending = append(in.pending, pendingRef{h: h, item: it.Index, off: it.Offset, idOff: len(in.arena), idLen: len(id), player: player})
	in.arena = append(in.arena, id...)
}

func (in *inspector) resolved(item, off int64, id []byte, k concept.Kind, player bool) {
	refs := &in.s.Refs
	switch {
	case k == concept.Unknown && player:
		refs.DanglingPlayers++
		in.refDiag(CodeDanglingPlayer, item, off, "role player %q is not the id of any item", id)
	case k == concept.Unknown:
		refs.DanglingOwnerships++
		in.refDiag(CodeDanglingOwner, item, off, "owned attribute %q is not the id of any item", id)
	case player && k == concept.Attribute:
		refs.AttributePlayers++
	case player && k == concept.Relation:
		refs.RelationPlayers++
	case !player && k != concept.Attribute:
		refs.WrongKindOwnership++
		in.report(in.r.diag(diag.Error, CodeWrongKindRef, off, item, "owned attribute %q is the id of %s, not of an attribute", id, withArticle(k)))
	}
}

func withArticle(k concept.Kind) string {
	if k == concept.Entity || k == concept.Attribute {
		return "an " + k.String()
	}
	return "a " + k.String()
}

func (in *inspector) refDiag(code string, item, off int64, format string, id []byte) {
	in.report(in.r.diag(diag.Error, code, off, item, format, id))
}

func (in *inspector) checkUTF8(it *Item) {
	if !it.ValidUTF8() {
		in.invalidUTF8++
		d := in.r.diag(diag.Error, CodeInvalidUTF8, it.Offset, it.Index, "%s item holds a string that is not valid UTF-8", it.Kind)
		d.Detail = "protobuf-java and prost reject proto3 strings that are not UTF-8, so no importer reads this item."
		in.report(d)
	}
}

type idClass int

const (
	idOther idClass = iota
	idVertex
	idLossy
	idBase64
)

// classifyID tells the producers' ID forms apart (§3 of the reference).
func classifyID(id []byte) idClass {
	if len(id) >= 2 && id[0] == 'V' && allDigits(id[1:]) {
		return idVertex
	}
	if !utf8.Valid(id) || bytes.Contains(id, []byte("\uFFFD")) || hasControl(id) {
		return idLossy
	}
	if isBase64(id) {
		return idBase64
	}
	return idOther
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c == 0x7f {
			return true
		}
	}
	return false
}

// isBase64 reports whether b is standard, padded Base64 (java.util.Base64
// and Rust's standard engine).
func isBase64(b []byte) bool {
	if len(b) == 0 || len(b)%4 != 0 {
		return false
	}
	pad := 0
	for i, c := range b {
		switch {
		case c == '=':
			if i < len(b)-2 {
				return false
			}
			pad++
		case pad > 0:
			return false
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
		default:
			return false
		}
	}
	return true
}

func (in *inspector) finish() {
	s := in.s
	for _, p := range in.pending {
		id := in.arena[p.idOff : p.idOff+p.idLen]
		in.resolved(p.item, p.off, id, in.ids.lookup(p.h), p.player)
	}
	in.pending, in.arena = nil, nil
	for code, n := range in.counts {
		if n > in.samples {
			s.Diagnostics.Add(&diag.Diagnostic{Severity: diag.Info, Code: code,
				Message: fmt.Sprintf("%s: %d more %s findings not shown", s.File, n-in.samples, code)})
		}
	}
	s.Diagnostics = append(s.Diagnostics, in.r.Diagnostics()...)

	c := &s.Complete
	c.HeaderPresent = s.Header != nil
	c.HeaderFirst = s.Header != nil && s.Header.Item == 0
	c.ChecksumsPresent = s.Checksums != nil
	switch {
	case c.Truncated:
		c.Verdict = "truncated"
	case !c.HeaderFirst || !c.ChecksumsPresent || c.MalformedItems > 0:
		c.Verdict = "incomplete"
	default:
		c.Verdict = "complete"
	}
	if cs := s.Checksums; cs != nil {
		in.verify(cs)
	}
	in.collectTypes()
	in.detectProducer()
	s.Importers = importers(in)
	s.Diagnostics.Sort()
}

func (in *inspector) verify(cs *ChecksumCheck) {
	s := in.s
	cs.Last = cs.Item == s.Items-1
	d, a := cs.Declared, s.Counts
	cs.Counts = []CountCheck{
		{"entities", d.Entities, a.Entities, d.Entities == a.Entities},
		{"attributes", d.Attributes, a.Attributes, d.Attributes == a.Attributes},
		{"relations", d.Relations, a.Relations, d.Relations == a.Relations},
		{"role players", d.Roles, a.Roles, d.Roles == a.Roles},
		{"ownerships", d.Ownerships, a.Ownerships, d.Ownerships == a.Ownerships},
	}
	cs.Verified = true
	var bad []string
	for _, c := range cs.Counts {
		if !c.OK {
			cs.Verified = false
			bad = append(bad, fmt.Sprintf("%s: checksums item says %d, the file holds %d", c.Name, c.Declared, c.Actual))
		}
	}
	if !cs.Verified {
		dg := in.r.diag(diag.Error, CodeChecksumMismatch, cs.Offset, cs.Item, "checksums do not match the items: %s", strings.Join(bad, "; "))
		dg.Detail = "Importers that verify checksums (1.x, 2.3+, 3.x) fail at the end of the import. Missing items usually mean a truncated or partial export."
		s.Diagnostics.Add(dg)
	}
}

func (in *inspector) collectTypes() {
	s := in.s
	for _, m := range in.types {
		for _, ts := range m {
			if ts.Kind == concept.Attribute {
				ts.Values = map[string]int64{}
				for k, n := range ts.values {
					if n > 0 {
						ts.Values[ValueKind(k).String()] = n
					}
				}
			}
			s.Types = append(s.Types, ts)
		}
	}
	slices.SortFunc(s.Types, func(a, b *TypeStats) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Kind, b.Kind), strings.Compare(a.Label, b.Label))
	})
	for _, rs := range in.roles {
		for r := range rs.relations {
			rs.Relations = append(rs.Relations, r)
		}
		slices.Sort(rs.Relations)
		s.Roles = append(s.Roles, rs)
		if strings.Contains(rs.Label, ":") {
			s.Producer.Scoped++
		} else {
			s.Producer.Unscoped++
		}
	}
	slices.SortFunc(s.Roles, func(a, b *RoleStats) int {
		return cmp.Or(cmp.Compare(b.Players, a.Players), strings.Compare(a.Label, b.Label))
	})
}

// detectProducer weighs the header version, the ID form, role label scoping
// and 3.x value kinds (§11.1 detection hints).
func (in *inspector) detectProducer() {
	s := in.s
	p := &s.Producer
	fromHeader := ""
	if s.Header != nil {
		if v, err := version.ParseRelease(s.Header.Version); err == nil {
			fromHeader = generation(v)
			p.Evidence = append(p.Evidence, fmt.Sprintf("header version %s", s.Header.Version))
		} else {
			p.Conflicts = append(p.Conflicts, fmt.Sprintf("header version %q is not a version", s.Header.Version))
		}
	}
	ids := s.IDs
	fromIDs := ""
	switch top := max(ids.Vertex, ids.Lossy, ids.Base64, ids.Other); {
	case top == 0:
	case top == ids.Vertex:
		fromIDs = "1.x"
		p.Evidence = append(p.Evidence, fmt.Sprintf("%s of %s IDs are 1.x vertex IDs (V…)", commas(ids.Vertex), commas(idTotal(ids))))
	case top == ids.Lossy:
		fromIDs = "2.0–2.2"
		p.Evidence = append(p.Evidence, fmt.Sprintf("%s of %s IDs hold U+FFFD or control characters (2.0–2.2 lossy IIDs)", commas(ids.Lossy), commas(idTotal(ids))))
	case top == ids.Base64:
		fromIDs = "2.3+"
		p.Evidence = append(p.Evidence, fmt.Sprintf("%s of %s IDs are Base64 IIDs (2.3+ or 3.x)", commas(ids.Base64), commas(idTotal(ids))))
	default:
		p.Evidence = append(p.Evidence, fmt.Sprintf("%s of %s IDs have no exporter's form (synthetic?)", commas(ids.Other), commas(idTotal(ids))))
	}
	if p.Values3x > 0 {
		var kinds []string
		for k, n := range in.valueKinds {
			if n > 0 && ValueKind(k).Is3x() {
				kinds = append(kinds, fmt.Sprintf("%s %s", commas(n), ValueKind(k)))
			}
		}
		p.Evidence = append(p.Evidence, fmt.Sprintf("%s attributes use 3.x value kinds (%s)", commas(p.Values3x), strings.Join(kinds, ", ")))
	}
	switch {
	case p.Scoped > 0 && p.Unscoped == 0:
		p.Evidence = append(p.Evidence, "role labels are scoped (relation:role)")
	case p.Unscoped > 0 && p.Scoped == 0:
		p.Evidence = append(p.Evidence, "role labels are unscoped")
	case p.Unscoped > 0:
		p.Conflicts = append(p.Conflicts, fmt.Sprintf("%d role labels are scoped and %d are not", p.Scoped, p.Unscoped))
	}

	gen := fromHeader
	if gen == "" {
		gen = fromIDs
		if gen == "2.3+" {
			gen = "2.3–2.29"
			if p.Values3x > 0 {
				gen = "3.x"
			}
		}
	}
	if gen == "" {
		gen = "unknown"
	}
	p.Generation = gen
	if fromHeader != "" && fromIDs != "" && !agrees(fromHeader, fromIDs) {
		p.Conflicts = append(p.Conflicts, fmt.Sprintf("the header says %s but the IDs look like %s", fromHeader, fromIDs))
	}
	if p.Values3x > 0 && gen != "3.x" {
		p.Conflicts = append(p.Conflicts, fmt.Sprintf("%s exporters never write 3.x value kinds", gen))
	}
	if gen == "1.x" && p.Scoped > 0 {
		p.Conflicts = append(p.Conflicts, "1.x exporters write unscoped role labels")
	}
}

func idTotal(ids IDStats) int64 { return ids.Vertex + ids.Lossy + ids.Base64 + ids.Other }

func generation(v version.V) string {
	switch {
	case v.Major == 1:
		return "1.x"
	case v.Major == 2 && v.Oldest().Before("2.3"):
		return "2.0–2.2"
	case v.Major == 2:
		return "2.3–2.29"
	}
	return "3.x"
}

func agrees(header, ids string) bool {
	if ids == "2.3+" {
		return header == "2.3–2.29" || header == "3.x"
	}
	return header == ids
}

// importTargets are the importer generations of §5, each evaluated at a
// representative version.
var importTargets = []struct{ name, at string }{
	{"1.7.3", "1.7.3"},
	{"1.8.1–1.8.4", "1.8"},
	{"2.0–2.2", "2.2"},
	{"2.3–2.5", "2.5"},
	{"2.6–2.7", "2.7"},
	{"2.8–2.18", "2.18"},
	{"2.19–2.29", "2.29"},
	{"3.4+", "3.x"},
}

// importers applies §5 and §11.2 to what the file holds. The schema is not
// known here, so types, owns, plays and keys are not checked.
func importers(in *inspector) []Importability {
	s := in.s
	var out []Importability
	for _, t := range importTargets {
		v := version.MustParse(t.at)
		imp := Importability{Target: t.name}
		add := func(vd Verdict, format string, args ...any) {
			imp.Verdict = max(imp.Verdict, vd)
			imp.Reasons = append(imp.Reasons, fmt.Sprintf(format, args...))
		}
		c := s.Complete
		if c.Truncated {
			add(No, "the file is truncated")
		}
		if c.MalformedItems > 0 {
			add(No, "%d malformed items", c.MalformedItems)
		}
		if in.invalidUTF8 > 0 {
			add(No, "%d items hold invalid UTF-8", in.invalidUTF8)
		}
		if n := s.Refs.DanglingOwnerships + s.Refs.DanglingPlayers + s.Refs.WrongKindOwnership; n > 0 {
			add(No, "%d dangling or wrong-kind references", n)
		}
		if s.IDs.Missing > 0 {
			add(No, "%d items without an id", s.IDs.Missing)
		}
		if in.noValue > 0 {
			add(No, "%d attributes without a value", in.noValue)
		}
		if s.Producer.Values3x > 0 && v.Major < 3 {
			add(No, "%d attributes use 3.x value kinds", s.Producer.Values3x)
		}
		if s.Refs.AttributeOwners > 0 && !version.AttributesOwnAttributes(v) {
			add(Rewrite, "%d attributes own attributes (rewrite-data --drop-attribute-ownerships leaves them out)", s.Refs.AttributeOwners)
		}
		if s.Refs.AttributePlayers > 0 && !version.AttributesPlayRoles(v) {
			add(Rewrite, "%d role players are attributes (rewrite-data --drop-attribute-players leaves them out)", s.Refs.AttributePlayers)
		}
		if s.Refs.NoPlayers > 0 && v.Major == 2 {
			add(No, "%d relations have no role players", s.Refs.NoPlayers)
		}
		if limit := version.StringMaxBytes(v); limit > 0 && in.maxString > limit {
			add(No, "a string value of %d bytes exceeds the %d-byte limit", in.maxString, limit)
		}
		if cs := s.Checksums; cs != nil && !cs.Verified && version.ChecksumsVerified(v) {
			add(No, "the checksums item disagrees with the items")
		}
		if cs := s.Checksums; cs == nil && version.ChecksumsRequired(v) {
			add(Rewrite, "no checksums item")
		}
		if in.r.checksums > 1 && v.Major == 3 {
			add(Rewrite, "%d checksums items", in.r.checksums)
		}
		if !c.HeaderFirst && version.HeaderFirst(v) {
			add(Rewrite, "the header is not the first item")
		}
		if c.EmptyItems > 0 && v.Major == 3 {
			add(No, "%d empty items", c.EmptyItems)
		}
		roleLabels(add, v, s.Producer)
		if s.IDs.Duplicates > 0 {
			add(Risky, "%d duplicate ids merge concepts", s.IDs.Duplicates)
		}
		if s.IDs.Lossy > 0 {
			add(Risky, "%d lossy 2.0–2.2 ids may have merged concepts at export", s.IDs.Lossy)
		}
		if s.Refs.RelationPlayers > 0 && version.SkippedRelationRisk(v) {
			add(Risky, "%d role players are relations: nested relations are expected to fail the checksum check", s.Refs.RelationPlayers)
		}
		out = append(out, imp)
	}
	return out
}

func roleLabels(add func(Verdict, string, ...any), v version.V, p Producer) {
	switch version.Roles(v) {
	case version.RoleGlobal:
		if p.Scoped > 0 {
			if version.Remap(v) != version.RemapNone {
				add(Remap, "%d scoped role labels need remapping to unscoped ones", p.Scoped)
			} else {
				add(Rewrite, "%d scoped role labels must be rewritten unscoped", p.Scoped)
			}
		}
	case version.RoleExact:
		if p.Unscoped > 0 {
			add(Remap, "%d unscoped role labels need a remap to relation:role", p.Unscoped)
		}
	case version.RoleScopedOnly:
		if p.Unscoped > 0 {
			add(Rewrite, "%d unscoped role labels must be rewritten as relation:role", p.Unscoped)
		}
	}
}
