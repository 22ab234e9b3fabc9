// Package codes is the registry of every diagnostic code tqlmig can print:
// the rewrite rules, the schema and data checks (each documented where it
// is defined), and every other code, documented here. tqlmig explain, rules
// and the SARIF rule table read it. A test scans the module's source for
// the codes it emits (literals and Code… constants given as a Code, and
// arguments named code) and fails on any without an entry; a code built
// at run time escapes the scan.
package codes

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/tqlmig/tqlmig/check"
	"github.com/tqlmig/tqlmig/rewrite"
	"github.com/tqlmig/tqlmig/rewrite3"
	"github.com/tqlmig/tqlmig/schema"
	"github.com/tqlmig/tqlmig/validate"
)

// Kind groups codes by what reports them.
type Kind string

// The kinds, in the order the rules command lists them.
const (
	Rewrite  Kind = "rewrite"  // a rewrite rule of convert
	Rewrite3 Kind = "rewrite3" // a 2.x → 3.x rule of convert --to 3
	Check    Kind = "check"    // a schema check of vet
	Check3   Kind = "check3"   // a TypeQL 3.x schema check of vet --to 3
	Data     Kind = "data"     // a data check of tqlmig check
	Syntax   Kind = "syntax"   // the parser and the printer
	Load     Kind = "load"     // the verdict on the schema files' language
	Model    Kind = "model"    // applying define and undefine queries to the model
	Convert  Kind = "convert"  // convert and migrate, outside the rules
	Export   Kind = "export"   // reading an export file
	Remap    Kind = "remap"    // remap files, renames and data rewrites
	Plan     Kind = "plan"     // warnings of a migration plan
)

// Kinds lists the kinds in order.
var Kinds = []Kind{Rewrite, Rewrite3, Check, Check3, Data, Syntax, Load, Model, Convert, Export, Remap, Plan}

// Titles say what each kind is, for listings.
var Titles = map[Kind]string{
	Rewrite:  "rewrite rule",
	Rewrite3: "rewrite rule of convert --to 3",
	Check:    "schema check",
	Check3:   "TypeQL 3.x schema check",
	Data:     "data check",
	Syntax:   "syntax",
	Load:     "schema loading",
	Model:    "schema model",
	Convert:  "conversion",
	Export:   "export file",
	Remap:    "label remap",
	Plan:     "plan warning",
}

// Entry documents one code.
type Entry struct {
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
	// Refs are the numbered rules of the migration reference a rewrite
	// rule implements.
	Refs string `json:"refs,omitempty"`
	// Doc starts with the one-line title; rules and checks go on with
	// before/after examples.
	Doc string `json:"doc"`
	// Source is the upstream code the fact behind the code comes from, as
	// repo@tag:path (plus symbol), when recorded.
	Source string `json:"source,omitempty"`
}

// Title is the first line of the doc.
func (e Entry) Title() string {
	t, _, _ := strings.Cut(strings.TrimSpace(e.Doc), "\n")
	return strings.TrimSpace(t)
}

// All lists every code: the rewrite rules in the order they run, the 3.x
// rules, the schema checks and the data checks in registry order, then the
// other codes by kind and name.
func All() []Entry {
	var out []Entry
	for _, r := range rewrite.Rules() {
		out = append(out, Entry{Name: r.Name, Kind: Rewrite, Refs: r.Refs, Doc: r.Doc, Source: r.Source})
	}
	for _, r := range rewrite3.Rules() {
		out = append(out, Entry{Name: r.Name, Kind: Rewrite3, Refs: r.Refs, Doc: r.Doc, Source: r.Source})
	}
	for _, c := range validate.Checks {
		out = append(out, Entry{Name: c.Name, Kind: Check, Doc: c.Doc, Source: c.Source})
	}
	for _, c := range validate.Checks3 {
		doc := c.Doc
		if c.Name == validate.Apply3Check {
			doc = strings.TrimSpace(doc) + "\n\nCodes:"
			for _, code := range slices.Sorted(maps.Keys(schema.Apply3Docs)) {
				doc += "\n  " + code + ": " + schema.Apply3Docs[code]
			}
		}
		out = append(out, Entry{Name: c.Name, Kind: Check3, Doc: doc, Source: c.Source})
	}
	for _, code := range slices.Sorted(maps.Keys(schema.Apply3Docs)) {
		out = append(out, Entry{Name: code, Kind: Check3,
			Doc: schema.Apply3Docs[code] + "\n\nReported by " + validate.Apply3Check + " of vet --to 3."})
	}
	for _, c := range check.Checks {
		out = append(out, Entry{Name: c.Name, Kind: Data, Doc: c.Doc, Source: c.Source})
	}
	rest := append([]Entry(nil), others...)
	rank := map[Kind]int{}
	for i, k := range Kinds {
		rank[k] = i
	}
	sort.SliceStable(rest, func(i, j int) bool {
		if rest[i].Kind != rest[j].Kind {
			return rank[rest[i].Kind] < rank[rest[j].Kind]
		}
		return rest[i].Name < rest[j].Name
	})
	return append(out, rest...)
}

// Lookup returns the entry of code name.
func Lookup(name string) (Entry, bool) {
	for _, e := range All() {
		if e.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}
