package version

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"
)

// TestFactsHaveSources fails when an exported function of the files that
// state facts has no entry in Facts, or an entry has no well-formed source.
func TestFactsHaveSources(t *testing.T) {
	fset := token.NewFileSet()
	var names []string
	for _, file := range []string{"facts.go", "cli.go", "reserved.go", "sources.go"} {
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || !fd.Name.IsExported() {
				continue
			}
			switch fd.Name.Name {
			case "Varies", "ValidSource", "FactSource": // helpers, not facts
				continue
			}
			names = append(names, fd.Name.Name)
		}
	}
	seen := map[string]bool{}
	for _, f := range Facts {
		if seen[f.Name] {
			t.Errorf("fact %s listed twice", f.Name)
		}
		seen[f.Name] = true
		if !ValidSource(f.Source) {
			t.Errorf("fact %s: source %q is not a list of repo@tag:path references", f.Name, f.Source)
		}
		if f.Doc == "" {
			t.Errorf("fact %s has no doc", f.Name)
		}
	}
	for _, n := range names {
		if !seen[n] {
			t.Errorf("fact function %s has no entry in Facts (with its upstream source)", n)
		}
	}
	for _, f := range Facts {
		if !slices.Contains(names, f.Name) && f.Name != "DuplicateIDs" {
			t.Errorf("Facts lists %s, which is no function of this package", f.Name)
		}
	}
}

func TestValidSource(t *testing.T) {
	for s, want := range map[string]bool{
		"typedb/typedb@2.0.0:migrator/DataImporter.java idMap.put":                       true,
		"typedb/typeql@2.0.0:grammar/Graql.g4; typedb/typedb@3.4.0:database/x.rs record": true,
		"":                            false,
		"the reference §5":            false,
		"typedb/typedb:path":          false,
		"typedb/typedb@2.0.0:a; docs": false,
		"typedb/typedb@3.10.4:concept/a.rs f; query/define.rs g": true,
		"query/define.rs g": false,
	} {
		if got := ValidSource(s); got != want {
			t.Errorf("ValidSource(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestReservedWordsPerGrammar pins the words the grammar tags reserve, as
// read from each tag (see reservedSource): the words that differ between
// tags and a sample of those every tag reserves.
func TestReservedWordsPerGrammar(t *testing.T) {
	always := strings.Fields("abstract as asc boolean compute datetime define delete desc double false has iid insert is isa like long match not or owns plays regex relates string sub then true type undefine when")
	labels := strings.Fields("rule value count max min std sum attribute thing entity relation role contains")
	for _, v := range []string{"2.0", "2.1", "2.7", "2.8", "2.24", "2.25", "2.29"} {
		at := MustParse(v)
		for _, w := range always {
			if !ReservedWord(w, at) {
				t.Errorf("%s: %q should be reserved", v, w)
			}
		}
		for _, w := range labels {
			if ReservedWord(w, at) {
				t.Errorf("%s: %q is a label in the grammar", v, w)
			}
		}
		for _, w := range strings.Fields("get group limit offset sort") {
			if got, want := ReservedWord(w, at), v == "2.0"; got != want {
				t.Errorf("%s: ReservedWord(%q) = %v, want %v", v, w, got, want)
			}
		}
		for _, w := range []string{"centrality", "using"} {
			if got, want := ReservedWord(w, at), at.Before("2.8"); got != want {
				t.Errorf("%s: ReservedWord(%q) = %v, want %v", v, w, got, want)
			}
		}
		if got, want := ReservedWord("fetch", at), at.AtLeast("2.25"); got != want {
			t.Errorf("%s: ReservedWord(fetch) = %v, want %v", v, got, want)
		}
	}
}
