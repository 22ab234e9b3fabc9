package format_test

import (
	"fmt"
	"os"

	"github.com/tqlmig/tqlmig/format"
	"github.com/tqlmig/tqlmig/grammar"
)

func ExampleSource() {
	src := []byte("define\n# people\nperson sub entity, has name;  # 1.x ownership\nname sub attribute, value string;\n")
	out, diags := format.Source("schema.gql", src)
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	fmt.Print(string(out))
	// Output:
	// define
	// # people
	// person sub entity,
	//     has name; # 1.x ownership
	// name sub attribute,
	//     value string;
}

func ExamplePrint_server() {
	f, _ := grammar.Parse("schema.gql", []byte(`define
person sub entity, has name, key email;
name sub attribute, value string;
email sub attribute, value string;
student sub person, has name;
`))
	if err := format.Print(os.Stdout, f, format.WithStyle(format.Server), format.WithLang(1)); err != nil {
		fmt.Println(err)
	}
	// Output:
	// define
	//
	// email sub attribute,
	//     value string;
	//
	// name sub attribute,
	//     value string;
	//
	// person sub entity,
	//     key email,
	//     has name;
	//
	//     student sub person;
	//
	//
	//
}

func ExampleNode() {
	f, _ := grammar.Parse("schema.gql", []byte("define person sub entity, has name;"))
	stmt := f.Queries[0].(*grammar.DefineQuery).Stmts[0]
	format.Node(os.Stdout, stmt)
	fmt.Println()
	// TypeQL 2 has no "has" in a type statement: nothing is written.
	err := format.Node(os.Stdout, stmt, format.WithLang(2))
	fmt.Println(err)
	// Output:
	// person sub entity,
	//     has name;
	// 1:27: 1.x "has" (2.x writes owns) cannot be printed as TypeQL 2.x
}
