package validate_test

import (
	"fmt"

	"github.com/tqlmig/tqlmig/grammar"
	"github.com/tqlmig/tqlmig/internal/version"
	"github.com/tqlmig/tqlmig/validate"
)

func ExampleVet() {
	src := `define
person sub entity, owns email @key, plays employment:employe;
employment sub relation, relates employee;
email sub attribute, value double;
`
	f, _ := grammar.Parse("schema.tql", []byte(src))
	_, diags := validate.Vet(validate.Options{Target: version.MustParse("2.18")}, f)
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// schema.tql:2:20: error[key-annotation]: @key on "person" owns "email": attribute type "email" has value type double, which cannot be a key or unique; drop @key or change the value type
	// schema.tql:2:43: error[unknown-type]: "person" plays employment:employe, but relation "employment" has no role "employe"
}

func ExampleVet3() {
	src := `define
entity person @abstract, owns email @key @card(0..1), plays employment:employe;
relation employment relates employee;
attribute email value string;
redefine employment relates employee @card(1..);
`
	f, _ := grammar.Parse("schema.tql", []byte(src))
	_, diags := validate.Vet3(f)
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// schema.tql:2:37: error[annotation-conflict]: @key cannot stand beside @card on person owns email
	// schema.tql:2:61: error[define3-unknown-role]: role employment:employe is not defined (a role is named by the relation that declares it)
	// schema.tql:5:38: error[redefine3-not-defined]: @card is not defined on relates employee; define it first
}
