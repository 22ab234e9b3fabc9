package grammar

import (
	"go/ast"
	goparser "go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// parseTreeFiles declare the parse-tree types: the participle grammar and
// its one-token productions.
var parseTreeFiles = []string{"parsetree.go", "parsetree3.go", "words.go", "parsetree_fun.go", "words_fun.go"}

// parseMethodFiles may declare Parse methods: the one-token (and
// no-token lookahead) productions, which participle calls.
var parseMethodFiles = map[string]bool{"words.go": true, "parsetree3.go": true, "words_fun.go": true}

// TestParseTreeOnlyParticiple proves that participle builds every parse
// tree: outside the files that declare the parse-tree types, no code of the
// package creates one (a composite literal or new(T)), and inside them
// only the one-token Parse methods, which participle calls, assign to one.
// Lowering (lower.go) only reads the trees.
func TestParseTreeOnlyParticiple(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := goparser.ParseDir(fset, ".", func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	files := pkgs["grammar"].Files
	treeTypes := map[string]bool{}
	for _, name := range parseTreeFiles {
		f := files[name]
		if f == nil {
			t.Fatalf("%s missing", name)
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
				for _, s := range g.Specs {
					ts := s.(*ast.TypeSpec)
					if _, isStruct := ts.Type.(*ast.StructType); isStruct {
						treeTypes[ts.Name.Name] = true
					}
				}
			}
		}
	}
	if len(treeTypes) < 20 {
		t.Fatalf("found only %d parse-tree types: %v", len(treeTypes), treeTypes)
	}
	isTree := func(e ast.Expr) bool {
		if s, ok := e.(*ast.StarExpr); ok {
			e = s.X
		}
		id, ok := e.(*ast.Ident)
		return ok && treeTypes[id.Name]
	}
	for name, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if n.Type != nil && isTree(n.Type) {
					t.Errorf("%s: parse-tree value built by hand", fset.Position(n.Pos()))
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "new" && len(n.Args) == 1 && isTree(n.Args[0]) {
					t.Errorf("%s: parse-tree value built by hand", fset.Position(n.Pos()))
				}
			}
			return true
		})
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			isParse := fd.Recv != nil && fd.Name.Name == "Parse"
			if isParse && parseMethodFiles[name] {
				continue
			}
			if isParse {
				t.Errorf("%s: Parse method outside %v", fset.Position(fd.Pos()), parseMethodFiles)
			}
			// Assignments to a field of a parse-tree value: the only
			// parse-tree values in scope are parameters and locals typed
			// as one.
			treeVars := map[string]bool{}
			for _, fl := range [][]*ast.Field{fd.Type.Params.List, recvList(fd)} {
				for _, p := range fl {
					if isTree(p.Type) {
						for _, n := range p.Names {
							treeVars[n.Name] = true
						}
					}
				}
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok {
					return true
				}
				for _, lhs := range as.Lhs {
					if sel, ok := lhs.(*ast.SelectorExpr); ok {
						if id, ok := rootIdent(sel); ok && treeVars[id] {
							t.Errorf("%s: %s assigns to a parse-tree field", fset.Position(as.Pos()), fd.Name.Name)
						}
					}
				}
				return true
			})
		}
	}
}

func recvList(fd *ast.FuncDecl) []*ast.Field {
	if fd.Recv == nil {
		return nil
	}
	return fd.Recv.List
}

func rootIdent(e ast.Expr) (string, bool) {
	for {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			return x.Name, true
		default:
			return "", false
		}
	}
}

// allCorpusFiles returns every schema file of ../shared/corpus (v1, v2 and
// v3), skipping the test when the corpus is absent.
func allCorpusFiles(t *testing.T) []string {
	root := filepath.Join(sharedDir, "corpus")
	return schemaFiles(t, filepath.Join(root, "v1"), filepath.Join(root, "v2"), filepath.Join(root, "v3"))
}

// countStmts counts the statements of f that the grammar parses (type
// statements, rules, undefine statements, structs and functions), and the
// broken ones.
func countStmts(f *File) (parsed, bad int) {
	for _, q := range f.Queries {
		d, ok := q.(*DefineQuery)
		if !ok {
			continue
		}
		for _, s := range d.Stmts {
			switch s.(type) {
			case *TypeStmt, *RuleStmt, *UndefineStmt, *StructStmt, *FunStmt:
				parsed++
			case *BadStmt:
				bad++
			}
		}
	}
	return parsed, bad
}

// TestCorpusOneParser parses every schema of the shared corpus and every
// docstring of the behaviour suites (and a 3.x schema of the forms the
// corpus lacks) through Parse and checks that each type statement, rule,
// undefine statement, struct and function in the result was lowered from
// a tree that participle built (stmtParser, or funParser for a function):
// the count of such trees equals the count of statements. Corpus schemas
// must have no broken statement, except the four 3.x docs snippet files
// whose "//" tag lines are not TypeQL (MANIFEST.md).
func TestCorpusOneParser(t *testing.T) {
	total := 0
	for _, name := range allCorpusFiles(t) {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		p := run(name, src)
		parsed, bad := countStmts(p.out)
		if parsed != p.fromParticiple {
			t.Errorf("%s: %d statements, %d from participle trees", name, parsed, p.fromParticiple)
		}
		if bad > 0 && !strings.Contains(filepath.ToSlash(name), "v3/typedb-docs-typeql-examples/") {
			t.Errorf("%s: %d broken statements: %v", name, bad, p.diags.Errors())
		}
		total += parsed
	}
	files, _ := globFeatures()
	files3, _ := filepath.Glob(filepath.Join(sharedDir, "corpus", "behaviour-3x", "*.feature"))
	for _, path := range append(files, files3...) {
		for _, d := range readDocstrings(t, path) {
			p := run(d.file, []byte(d.text))
			parsed, _ := countStmts(p.out)
			if parsed != p.fromParticiple {
				t.Errorf("%s:%d: %d statements, %d from participle trees", d.file, d.line, parsed, p.fromParticiple)
			}
			total += parsed
		}
	}
	forms3 := "define\nstruct coords: lat value double, long value double?;\nentity place, owns at;\nattribute at, value coords;\n" +
		"fun places() -> { place }:\n  match $p isa place;\n  return { $p };\n" +
		"redefine\nplace owns at @card(0..2);\nundefine\nstruct coords;\n"
	p := run("forms3.tql", []byte(forms3))
	if parsed, bad := countStmts(p.out); parsed != 6 || bad > 0 || parsed != p.fromParticiple {
		t.Errorf("forms3.tql: %d statements (want 6), %d broken, %d from participle trees: %v", parsed, bad, p.fromParticiple, p.diags)
	}
	if total < 1000 {
		t.Errorf("only %d statements parsed: corpus incomplete?", total)
	}
	t.Logf("%d statements, all parsed by participle", total)
}
