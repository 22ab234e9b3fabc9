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
	var r *diag.Range
	what := ""
	prevSub := false // the word before was "sub"
	eachWord(src, diag.Pos{Offset: 0, Line: 1, Col: 1}, func(w scanned) bool {
		// Every 0.x marker holds a "-"; most words do not, and are
		// not turned into strings.
		if bytes.IndexByte(w.word, '-') >= 0 {
			s := string(w.word)
			afterSub := prevSub && w.adjacent
			if !declared[s] && (grakn0Props[s] || afterSub && grakn0Roots[s]) {
				what = s
				if afterSub {
					what = "sub " + s
				}
				r = &diag.Range{File: name, Start: w.start, End: w.end}
				return false
			}
		}
		prevSub = string(w.word) == "sub"
		return true
	})
	return r, what
}

// grakn0Insert returns the range of the first type a data query of f
// defines the 0.x way, "insert person sub entity;": from Graql 1.0 on an
// insert statement starts with a variable (graknlabs/graql@1.0.6:
// grammar/Graql.g4, query_insert and statement_instance), and Grakn 1.0–1.4,
// whose grammar still took a label there, refused "sub" in an insert
// (typedb/typedb@1.0.0:grakn-graql/.../property/SubProperty.java insert
// throws insertUnsupportedProperty; at 1.4.3 SubProperty has no insert and
// AbstractVarProperty.insert throws it), so a label followed by sub there
// is a 0.x schema, whatever its root is called.
func grakn0Insert(f *grammar.File) (*diag.Range, string) {
	for _, q := range f.Queries {
		o, ok := q.(*grammar.OtherQuery)
		if !ok || o.Keyword != "insert" {
			continue
		}
		var r *diag.Range
		what := ""
		var label *scanned // a label that starts a statement
		n := 0             // words so far; the first is "insert" itself
		eachWord([]byte(o.Text), o.Start, func(w scanned) bool {
			n++
			if label != nil && w.adjacent && string(w.word) == "sub" {
				r = &diag.Range{File: f.Name, Start: label.start, End: w.end}
				what = "insert … " + string(label.word) + " sub"
				return false
			}
			label = nil
			if !w.afterDollar && (n == 2 && w.adjacent || n > 2 && w.stmtStart) {
				label = &w
			}
			return true
		})
		if r != nil {
			return r, what
		}
	}
	return nil, ""
}

// scanned is one word of a query's text outside comments and strings.
type scanned struct {
	word       []byte
	start, end diag.Pos
	// adjacent: only blanks and comments lie between this word and the
	// one before; stmtStart: the word begins the text or follows a ";";
	// afterDollar: it is a variable's name.
	adjacent, stmtStart, afterDollar bool
}

// eachWord calls f for each word of src, which starts at pos, until f
// returns false.
func eachWord(src []byte, pos diag.Pos, f func(scanned) bool) {
	base := pos.Offset
	at := func() int { return pos.Offset - base }
	advance := func(n int) {
		for i := 0; i < n; i++ {
			c := src[at()]
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
	adjacent, stmtStart, afterDollar := false, true, false
	for at() < len(src) {
		c := src[at()]
		switch {
		case c == '#':
			for at() < len(src) && src[at()] != '\n' {
				advance(1)
			}
		case c == '"' || c == '\'':
			advance(1)
			for at() < len(src) && src[at()] != c {
				if src[at()] == '\\' && at()+1 < len(src) {
					advance(1)
				}
				advance(1)
			}
			if at() < len(src) {
				advance(1)
			}
			adjacent, stmtStart, afterDollar = false, false, false
		case isWordByte(c):
			start := pos
			n := 0
			for at()+n < len(src) && isWordByte(src[at()+n]) {
				n++
			}
			word := src[at() : at()+n]
			advance(n)
			if !f(scanned{word: word, start: start, end: pos, adjacent: adjacent, stmtStart: stmtStart, afterDollar: afterDollar}) {
				return
			}
			adjacent, stmtStart, afterDollar = true, false, false
		default:
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				adjacent, stmtStart, afterDollar = false, c == ';', c == '$'
			}
			advance(1)
		}
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// grakn0Error refuses a Grakn 0.x schema at its first 0.x construct.
func grakn0Error(r *diag.Range, what string) *diag.Diagnostic {
	return &diag.Diagnostic{Severity: diag.Error, Code: CodeGrakn0, Range: r,
		Message: fmt.Sprintf("this is a Grakn 0.x schema (%q); tqlmig reads Graql 1.x (Grakn 1.0–1.8) and TypeQL", what),
		Detail: "Grakn 0.x schemas are insert queries that define types (person sub entity-type, or later person sub entity; name sub resource), with has-resource and plays-role in early releases. " +
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
