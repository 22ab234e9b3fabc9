package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/grammar"
)

// TestASTJSON checks the AST dump on a schema using most node kinds: it is
// valid JSON, every node has a kind and a range inside the source, a
// node's children lie inside it, and a TypeRef's range spells its name.
func TestASTJSON(t *testing.T) {
	src := []byte(`define
# doc
name sub attribute, value string;   # line comment
person sub entity, owns name @key, plays employment:employee;
employment sub relation, relates employee;
rule r: when { $x isa person, has name $n; not { $n == "a"; }; } then { $x has name "b"; };
match $x isa person; get;
`)
	f, diags := grammar.Parse("s.tql", src)
	if diags.HasErrors() {
		t.Fatalf("fixture does not parse: %v", diags)
	}
	b, err := json.Marshal(fileJSON(f))
	if err != nil {
		t.Fatal(err)
	}
	if err := noDuplicateKeys(b); err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	var walk func(v any, lo, hi float64)
	walk = func(v any, lo, hi float64) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(e, lo, hi)
			}
		case map[string]any:
			kind, ok := v["kind"].(string)
			if !ok {
				for _, e := range v {
					walk(e, lo, hi)
				}
				return
			}
			kinds[kind] = true
			pos, _ := v["pos"].(map[string]any)
			end, _ := v["end"].(map[string]any)
			if pos == nil || end == nil {
				t.Errorf("%s without pos/end", kind)
				return
			}
			p, e := pos["offset"].(float64), end["offset"].(float64)
			if p > e || p < lo || e > hi {
				t.Errorf("%s range [%v,%v) outside its parent's [%v,%v)", kind, p, e, lo, hi)
			}
			if kind == "TypeRef" {
				name, _ := v["name"].(string)
				if scope, ok := v["scope"].(string); ok {
					name = scope + ":" + name
				}
				if !strings.HasPrefix(string(src[int(p):int(e)]), name) {
					t.Errorf("TypeRef %q at %q", name, src[int(p):int(e)])
				}
			}
			for k, c := range v {
				if k != "pos" && k != "end" {
					walk(c, p, e)
				}
			}
		}
	}
	walk(root, 0, float64(len(src)+1))
	for _, k := range []string{"File", "DefineQuery", "OtherQuery", "TypeStmt", "RuleStmt", "OwnsProp", "PlaysProp",
		"RelatesProp", "ValueTypeProp", "Annotation", "Block", "PatternStmt", "Negation", "Var", "Predicate", "Literal", "HasValueProp"} {
		if !kinds[k] {
			t.Errorf("no %s node in the dump", k)
		}
	}
	if !bytes.Contains(b, []byte(`"lineComment":["# line comment"]`)) || !bytes.Contains(b, []byte(`"doc":["# doc"]`)) {
		t.Errorf("comments missing from the dump")
	}
}

// noDuplicateKeys fails on an object that repeats a key, which
// encoding/json would silently collapse.
func noDuplicateKeys(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	type frame struct {
		keys  map[string]bool
		isObj bool
		key   bool // the next string token is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if top != nil && top.isObj {
				top.key = true
			}
			stack = append(stack, &frame{keys: map[string]bool{}, isObj: tok == json.Delim('{'), key: true})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && stack[len(stack)-1].isObj {
				stack[len(stack)-1].key = true
			}
			continue
		}
		if top == nil || !top.isObj {
			continue
		}
		if top.key {
			k := tok.(string)
			if top.keys[k] {
				return fmt.Errorf("duplicate key %q", k)
			}
			top.keys[k] = true
			top.key = false
		} else {
			top.key = true
		}
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{"Props": "props", "IID": "iid", "NamePos": "namePos", "URLPath": "urlPath", "X": "x"} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCountFile(t *testing.T) {
	src := []byte("define\na sub entity;\nr sub rule, when { $x isa a; }, then { $x isa a; };\nundefine b sub entity;\nmatch $x isa a; get;\n")
	f, diags := grammar.Parse("c.gql", src)
	if diags.HasErrors() {
		t.Fatalf("fixture does not parse: %v", diags)
	}
	got := countFile(f)
	want := parseCounts{Queries: 3, Define: 1, Undefine: 1, Other: 1, Types: 2, Rules: 1}
	if got != want {
		t.Errorf("countFile = %+v, want %+v", got, want)
	}
}

func TestNoDuplicateKeys(t *testing.T) {
	if err := noDuplicateKeys([]byte(`{"a":1,"b":{"a":2},"a":3}`)); err == nil {
		t.Error("duplicate key not found")
	}
	if err := noDuplicateKeys([]byte(`{"a":[{"a":1},{"a":2}],"b":{"a":{"a":1}}}`)); err != nil {
		t.Errorf("false duplicate: %v", err)
	}
}
