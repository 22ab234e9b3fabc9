package rewrite3_test

import (
	"fmt"
	"os"

	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/rewrite3"
)

func ExampleConvert() {
	src := `define
name sub attribute, value string;
age sub attribute, value long;
person sub entity, abstract, owns name @key, owns age;
`
	f, _ := grammar.Parse("schema.tql", []byte(src))
	res, errs := rewrite3.Convert([]*grammar.File{f}, rewrite3.Options{})
	if errs.HasErrors() {
		fmt.Println(errs)
		return
	}
	format.Print(os.Stdout, res.Schema, format.WithLang(3))
	fmt.Println("exact:", res.Exact())
	// Output:
	// define
	// attribute name, value string;
	// attribute age, value integer;
	// entity person @abstract,
	//     owns name @key,
	//     owns age @card(0..);
	// exact: true
}
