package load

import (
	"bytes"
	"fmt"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// Grakn 0.x wrote schemas as insert queries over the meta types
// entity-type, relation-type, resource-type and role-type, with the
// properties has-resource, plays-role and has-role. None of these is a
// Graql 1.x construct, so a 0.x schema is recognised by them (unless the
// files declare a type of that name, which any later version allows).
var (
	grakn0Roots = map[string]bool{"entity-type": true, "relation-type": true, "resource-type": true, "role-type": true, "rule-type": true}
	grakn0Props = map[string]bool{"has-resource": true, "plays-role": true, "has-role": true, "has-scope": true}
)

// grakn0Marker returns the range of the first Grakn 0.x construct in src
// and how it is written, scanning words outside comments and strings.
func grakn0Marker(name string, src []byte, declared map[string]bool) (*diag.Range, string) {
	pos := diag.Pos{Offset: 0, Line: 1, Col: 1}
	advance := func(n int) {
		for i := 0; i < n; i++ {
			c := src[pos.Offset]
			pos.Offset++
			switch {
			case c == '\n':
				pos.Line++
				pos.Col = 1
			case c&0xC0 != 0x80: // count runes, not continuation bytes
				pos.Col++
			}
		}
	}
	prevSub := false // the word before was "sub"
	for pos.Offset < len(src) {
		c := src[pos.Offset]
		switch {
		case c == '#':
			for pos.Offset < len(src) && src[pos.Offset] != '\n' {
				advance(1)
			}
		case c == '"' || c == '\'':
			advance(1)
			for pos.Offset < len(src) && src[pos.Offset] != c {
				if src[pos.Offset] == '\\' && pos.Offset+1 < len(src) {
					advance(1)
				}
				advance(1)
			}
			if pos.Offset < len(src) {
				advance(1)
			}
			prevSub = false
		case isWordByte(c):
			start := pos
			n := 0
			for pos.Offset+n < len(src) && isWordByte(src[pos.Offset+n]) {
				n++
			}
			word := src[pos.Offset : pos.Offset+n]
			advance(n)
			// Every 0.x marker holds a "-"; most words do not, and are
			// not turned into strings.
			if bytes.IndexByte(word, '-') >= 0 {
				w := string(word)
				if !declared[w] && (grakn0Props[w] || prevSub && grakn0Roots[w]) {
					what := w
					if prevSub {
						what = "sub " + w
					}
					return &diag.Range{File: name, Start: start, End: pos}, what
				}
			}
			prevSub = string(word) == "sub"
		default:
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				prevSub = false
			}
			advance(1)
		}
	}
	return nil, ""
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// grakn0Error refuses a Grakn 0.x schema at its first 0.x construct.
func grakn0Error(r *diag.Range, what string) *diag.Diagnostic {
	return &diag.Diagnostic{Severity: diag.Error, Code: CodeGrakn0, Range: r,
		Message: fmt.Sprintf("this is a Grakn 0.x schema (%q); tqlmig reads Graql 1.x (Grakn 1.0–1.8) and TypeQL", what),
		Detail: "Grakn 0.x schemas are insert queries over entity-type, relation-type, resource-type and role-type, with has-resource and plays-role. " +
			"Rewrite it in Graql 1.x first (define; sub entity, sub relation, sub attribute; has; plays; relates), or load it into Grakn 1.x and export its schema, then run tqlmig on that."}
}

// declaredLabels are the labels the files' define queries declare as
// statement subjects.
func declaredLabels(files []*grammar.File) map[string]bool {
	declared := map[string]bool{}
	for _, f := range files {
		for _, q := range f.Queries {
			dq, ok := q.(*grammar.DefineQuery)
			if !ok || dq.Kind != grammar.Define {
				continue
			}
			for _, st := range dq.Stmts {
				if ts, ok := st.(*grammar.TypeStmt); ok && ts.Subject != nil && !ts.Subject.Var && ts.Subject.Scope == "" {
					declared[ts.Subject.Name] = true
				}
			}
		}
	}
	return declared
}
