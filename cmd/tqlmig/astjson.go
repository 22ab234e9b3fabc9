package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"unicode"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// The AST dump of "parse --json" is built by reflection over grammar's
// exported node types, so that nodes added to the grammar appear without
// a change here. Every node becomes an object whose first fields are
//
//	"kind": the Go type name ("TypeStmt", "OwnsProp", …)
//	"pos", "end": its half-open range as {offset, line, column}
//
// followed by its fields in declaration order, named in lowerCamelCase (a
// field that is itself called Kind is prefixed with the type: "literalKind").
// Zero values are left out. Positions of punctuation inside a node ("Semi",
// "Keyword", …) are left out too: pos and end locate the node. Comments are
// given as their text: "doc" and "lineComment" from the node's Trivia,
// "last" for a container's trailing comments.

var (
	posType     = reflect.TypeFor[diag.Pos]()
	nodeType    = reflect.TypeFor[grammar.Node]()
	triviaType  = reflect.TypeFor[grammar.Trivia]()
	groupsType  = reflect.TypeFor[[]*grammar.CommentGroup]()
	litKindType = reflect.TypeFor[grammar.LitKind]()
)

var litKinds = map[grammar.LitKind]string{
	grammar.StringLit:   "string",
	grammar.IntLit:      "int",
	grammar.RealLit:     "real",
	grammar.BoolLit:     "bool",
	grammar.DateLit:     "date",
	grammar.DateTimeLit: "datetime",
	grammar.RegexLit:    "regex",
}

// field is one key of an ordered JSON object.
type field struct {
	key string
	val any
}

// object is a JSON object that keeps its keys in order.
type object []field

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(f.val)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func jsonPos(p diag.Pos) diag.JSONPos {
	return diag.JSONPos{Offset: p.Offset, Line: p.Line, Column: p.Col}
}

// astJSON converts a node (or any value reachable from one) to a value
// that encoding/json prints as described above; nil for a zero value.
func astJSON(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		if v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
			return structJSON(v)
		}
		return astJSON(v.Elem())
	case reflect.Struct:
		return structJSON(v)
	case reflect.Slice:
		if v.Len() == 0 {
			return nil
		}
		if v.Type() == groupsType {
			return commentTexts(v.Interface().([]*grammar.CommentGroup)...)
		}
		out := make([]any, 0, v.Len())
		for i := range v.Len() {
			out = append(out, astJSON(v.Index(i)))
		}
		return out
	case reflect.String:
		if v.Len() == 0 {
			return nil
		}
		return v.String()
	case reflect.Bool:
		if !v.Bool() {
			return nil
		}
		return true
	case reflect.Uint8: // a quote character
		if v.Uint() == 0 {
			return nil
		}
		if s, ok := v.Interface().(fmt.Stringer); ok {
			return s.String()
		}
		return string(rune(v.Uint()))
	}
	if v.IsZero() {
		return nil
	}
	if v.Type() == litKindType {
		if s, ok := litKinds[grammar.LitKind(v.Int())]; ok {
			return s
		}
	}
	if s, ok := v.Interface().(fmt.Stringer); ok {
		return s.String()
	}
	return v.Interface()
}

// structJSON converts a struct, or a pointer to one.
func structJSON(v reflect.Value) any {
	var obj object
	var node grammar.Node
	if v.Kind() == reflect.Pointer {
		if n, ok := v.Interface().(grammar.Node); ok {
			node = n
		}
		v = v.Elem()
	}
	t := v.Type()
	if t == posType {
		p := v.Interface().(diag.Pos)
		if !p.IsValid() {
			return nil
		}
		return jsonPos(p)
	}
	if node != nil {
		obj = append(obj, field{"kind", t.Name()})
		if t != reflect.TypeFor[grammar.File]() || node.Pos().IsValid() {
			obj = append(obj, field{"pos", jsonPos(node.Pos())}, field{"end", jsonPos(node.End())})
		}
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		fv := v.Field(i)
		if sf.Type == triviaType {
			obj = append(obj, triviaJSON(fv.Interface().(grammar.Trivia))...)
			continue
		}
		if sf.Type == posType && node != nil {
			continue
		}
		key := lowerFirst(sf.Name)
		if key == "kind" && node != nil { // Literal.Kind, TypeStmt.Kind
			key = lowerFirst(t.Name()) + "Kind"
		}
		if val := astJSON(fv); val != nil {
			obj = append(obj, field{key, val})
		}
	}
	return obj
}

func triviaJSON(t grammar.Trivia) object {
	var obj object
	if t.Doc != nil {
		obj = append(obj, field{"doc", commentTexts(t.Doc)})
	}
	if t.Line != nil {
		obj = append(obj, field{"lineComment", commentTexts(t.Line)})
	}
	if t.BlankBefore {
		obj = append(obj, field{"blankBefore", true})
	}
	return obj
}

func commentTexts(groups ...*grammar.CommentGroup) []string {
	var out []string
	for _, g := range groups {
		if g == nil {
			continue
		}
		for _, c := range g.List {
			out = append(out, c.Text)
		}
	}
	return out
}

// lowerFirst turns a Go field name into its JSON key: "Props" → "props",
// "IID" → "iid", "NamePos" → "namePos".
func lowerFirst(s string) string {
	r := []rune(s)
	i := 0
	for i < len(r) && unicode.IsUpper(r[i]) && (i == 0 || i+1 == len(r) || unicode.IsUpper(r[i+1])) {
		r[i] = unicode.ToLower(r[i])
		i++
	}
	return string(r)
}

// fileJSON is the AST of one file for "parse --json".
func fileJSON(f *grammar.File) any { return astJSON(reflect.ValueOf(f)) }
