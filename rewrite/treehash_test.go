package rewrite

import (
	"hash/fnv"
	"reflect"
	"strconv"

	"github.com/tqlmig/tqlmig/grammar"
)

// Every conversion the tests run checks that Current reuses its model only
// for an unchanged tree: a rule that edits the tree without Pass.edit makes
// Current panic.
func init() { treeHash = hashTree }

var triviaType = reflect.TypeOf(grammar.Trivia{})

// hashTree hashes every field reachable from q, comments (Trivia) left out.
func hashTree(q *grammar.DefineQuery) uint64 {
	h := fnv.New64a()
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				h.Write([]byte{0})
				return
			}
			// Identity counts too: the model points at the nodes.
			h.Write([]byte("^" + strconv.FormatUint(uint64(v.Pointer()), 16)))
			if seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Interface:
			if v.IsNil() {
				h.Write([]byte{0})
				return
			}
			h.Write([]byte(v.Elem().Type().String()))
			walk(v.Elem())
		case reflect.Struct:
			if v.Type() == triviaType {
				return
			}
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			h.Write([]byte("[" + strconv.Itoa(v.Len())))
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Map:
			h.Write([]byte("map" + strconv.Itoa(v.Len()))) // the AST holds none; count them at least
		case reflect.String:
			h.Write([]byte(strconv.Quote(v.String())))
		case reflect.Bool:
			h.Write([]byte(strconv.FormatBool(v.Bool())))
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			h.Write([]byte(strconv.FormatInt(v.Int(), 10) + ","))
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			h.Write([]byte(strconv.FormatUint(v.Uint(), 10) + ","))
		case reflect.Float32, reflect.Float64:
			h.Write([]byte(strconv.FormatFloat(v.Float(), 'g', -1, 64)))
		}
	}
	walk(reflect.ValueOf(q))
	return h.Sum64()
}
