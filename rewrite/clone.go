package rewrite

import (
	"reflect"

	"github.com/tqlmig/tqlmig/grammar"
)

// cloneRule returns a deep copy of rule r without its comments, for a
// rule split into several: the copies must not share patterns, which later
// rules edit in place, nor repeat the original's comments.
func cloneRule(r *grammar.RuleStmt) *grammar.RuleStmt {
	c := deepCopy(reflect.ValueOf(r)).Interface().(*grammar.RuleStmt)
	c.Trivia = grammar.Trivia{}
	return c
}

// deepCopy copies v, following pointers, slices, maps and interfaces. The
// syntax tree has no cycles, so plain recursion ends.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Elem().Type())
		out.Elem().Set(deepCopy(v.Elem()))
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(deepCopy(v.Elem()))
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(deepCopy(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), deepCopy(it.Value()))
		}
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v) // unexported fields keep their values
		for i := range v.NumField() {
			if f := out.Field(i); f.CanSet() {
				f.Set(deepCopy(v.Field(i)))
			}
		}
		return out
	}
	return v
}
