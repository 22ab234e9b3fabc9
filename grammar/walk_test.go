package grammar

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// kitchenSink uses every kind of node (one statement is broken on purpose,
// for a BadStmt).
const kitchenSink = `# every node
define
person sub entity, owns name @key, plays m:r as x, abstract, has age, key k, label l; # line
name sub attribute, value string, regex "x";
r sub rule, when {
  $x id V1; $t type person; $x isa! person, has name $n via $v; $x has $y;
  ($x) isa m; $a "a" isa name; not { $x has k contains "a"; };
  {$x isa a;} or {$x isa b;}; { $x isa c; };
  ?v = (1 + round(?w)); $y iid 0x1f; $x is $z; $r isa m, links (a: $x);
}, then { $x has key 1; };
bad sub entity,, has x;
entity q, alias old, @abstract;
relation m relates r;
struct s: f value string;
fun f($x: person) -> { name }: match $x has name $n; return { $n };
insert $x isa person;
`

var allNodeTypes = []Node{
	&File{}, &DefineQuery{}, &OtherQuery{}, &TypeStmt{}, &RuleStmt{}, &FunStmt{}, &StructStmt{}, &StructField{}, &BadStmt{},
	&TypeRef{}, &Annotation{}, &SubProp{}, &AbstractProp{}, &HasProp{}, &KeyProp{}, &OwnsProp{}, &PlaysProp{},
	&RelatesProp{}, &ValueTypeProp{}, &RegexProp{}, &WhenProp{}, &ThenProp{}, &TypeProp{}, &IsaProp{},
	&HasValueProp{}, &IDProp{}, &IsProp{}, &LinksProp{}, &AnnotationProp{}, &AliasProp{}, &Block{},
	&PatternStmt{}, &Conjunction{}, &Disjunction{}, &Negation{}, &Var{}, &RelTuple{}, &RolePlayer{},
	&Predicate{}, &Literal{}, &BinaryExpr{}, &CallExpr{}, &ParenExpr{}, &Comment{}, &CommentGroup{},
}

func TestWalkVisitsEveryNodeKind(t *testing.T) {
	f, diags := Parse("sink", []byte(kitchenSink))
	// The broken statement, and the annotation after a capability's
	// comma (kept as an AnnotationProp). The file mixes every dialect, so
	// the 3.x comma before "alias" is not judged (checkCommas).
	if len(diags) != 2 || !strings.Contains(diags[0].Message, "unexpected \",\", expected \";\"") ||
		!strings.Contains(diags[1].Message, "unexpected annotation @abstract after") {
		t.Errorf("want two syntax errors, got %v", diags)
	}
	for _, e := range checkTree(kitchenSink, f) {
		t.Error(e)
	}
	// A rule without bodies, as in "undefine rule r2;".
	rule := &RuleStmt{Label: &TypeRef{Name: "r2"}}
	f.Queries[0].(*DefineQuery).Stmts = append(f.Queries[0].(*DefineQuery).Stmts, rule)
	seen := map[string]int{}
	depth := 0
	Inspect(f, func(n Node) bool {
		if n == nil {
			depth--
			return true
		}
		depth++
		seen[fmt.Sprintf("%T", n)]++
		return true
	})
	if depth != 0 {
		t.Errorf("Inspect called f(nil) %d times too few", depth)
	}
	var missing []string
	for _, n := range allNodeTypes {
		if seen[fmt.Sprintf("%T", n)] == 0 {
			missing = append(missing, fmt.Sprintf("%T", n))
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("Walk never reached %v", missing)
	}
}

// TestInspectPrune checks that returning false skips a node's children.
func TestInspectPrune(t *testing.T) {
	f, _ := Parse("p", []byte("define a sub entity, has b;"))
	n := 0
	Inspect(f, func(x Node) bool {
		if x != nil {
			n++
		}
		_, isStmt := x.(*TypeStmt)
		return !isStmt
	})
	if n != 3 { // File, DefineQuery, TypeStmt
		t.Errorf("visited %d nodes, want 3", n)
	}
}
