package schema_test

import (
	"fmt"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/schema"
)

func ExampleBuild() {
	src := `define
person sub entity, plays employment:employee, owns name;
employment sub relation, relates employee;
contract sub employment, relates contractor as employee;
temp-job sub employment;
name sub attribute, value string;
`
	f, _ := grammar.Parse("schema.tql", []byte(src))
	m, diags := schema.Build(schema.TypeQL2, f)
	fmt.Println(len(diags), "diagnostics")
	r := m.Type("temp-job").RoleByName("employee")
	fmt.Println("temp-job employee:", r.Key(), "declared by", r.Relation())
	fmt.Println("contract employee:", m.Type("contract").RoleByName("employee"))
	fmt.Println("contractor sub", m.Type("contract:contractor").Super())
	o := m.Type("person").OwnsOf("name")
	fmt.Println("person owns name at", o.Range)
	// Output:
	// 0 diagnostics
	// temp-job employee: employment:employee declared by employment
	// contract employee: <nil>
	// contractor sub employment:employee
	// person owns name at schema.tql:2:47
}

func ExampleModel_RelationsRelating() {
	src := `define
marriage sub relation, relates spouse;
civil-partnership sub relation, relates spouse;
royal-marriage sub marriage, relates royal-spouse as spouse;
person sub entity, plays spouse;
`
	f, _ := grammar.Parse("roles.gql", []byte(src))
	m, _ := schema.Build(schema.Graql1, f)
	spouse := m.Type("spouse")
	fmt.Println(spouse.Kind(), m.RelationsRelating(spouse))
	fmt.Println(m.Type("royal-spouse").Supertypes())
	fmt.Println(m.Type("royal-marriage").Roles())
	// Output:
	// role [marriage civil-partnership]
	// [spouse role]
	// [royal-spouse]
}
