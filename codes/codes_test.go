package codes

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tqlmig/tqlmig/internal/version"
)

// emitted collects every diagnostic code the module's code can emit, with
// where it was seen: string literals (and string constants) given as a
// Code field, assigned to .Code, passed as the parameter named code of
// any function (diag.List.Addf, remap's addAt, plan's warn…), and the
// values of constants named Code….
func emitted(t *testing.T, root string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	dirOf := map[*ast.File]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && p != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		files = append(files, f)
		dirOf[f] = filepath.Dir(p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// String constants by package and name, those named Code… by name
	// alone, and the functions with a code parameter (by name, with its
	// index).
	consts := map[string]map[string]string{}
	codeConsts := map[string]string{}
	codeParam := map[string]int{}
	for _, f := range files {
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok && decl.Tok == token.CONST {
						for i, n := range vs.Names {
							if i < len(vs.Values) {
								if s, ok := stringLit(vs.Values[i]); ok {
									if consts[dirOf[f]] == nil {
										consts[dirOf[f]] = map[string]string{}
									}
									consts[dirOf[f]][n.Name] = s
									if strings.HasPrefix(n.Name, "Code") {
										codeConsts[n.Name] = s
									}
								}
							}
						}
					}
				}
			case *ast.FuncDecl:
				i := 0
				for _, field := range decl.Type.Params.List {
					for _, n := range field.Names {
						if n.Name == "code" {
							codeParam[decl.Name.Name] = i
						}
						i++
					}
					if len(field.Names) == 0 {
						i++
					}
				}
			}
		}
	}
	out := map[string]string{}
	for _, f := range files {
		add := func(e ast.Expr) {
			s, ok := stringLit(e)
			if !ok {
				switch e := e.(type) {
				case *ast.Ident:
					s, ok = consts[dirOf[f]][e.Name]
				case *ast.SelectorExpr:
					s, ok = codeConsts[e.Sel.Name]
				}
			}
			if ok {
				if _, seen := out[s]; !seen {
					out[s] = fset.Position(e.Pos()).String()
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Code" {
					add(n.Value)
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if se, ok := l.(*ast.SelectorExpr); ok && se.Sel.Name == "Code" && i < len(n.Rhs) {
						add(n.Rhs[i])
					}
				}
			case *ast.CallExpr:
				name := ""
				switch fn := n.Fun.(type) {
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				case *ast.Ident:
					name = fn.Name
				}
				if i, ok := codeParam[name]; ok && i < len(n.Args) {
					add(n.Args[i])
				}
			case *ast.ValueSpec:
				for i, nm := range n.Names {
					if strings.HasPrefix(nm.Name, "Code") && i < len(n.Values) {
						add(n.Values[i])
					}
				}
			}
			return true
		})
	}
	return out
}

func stringLit(e ast.Expr) (string, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}

// TestEveryCodeRegistered fails on a code the code base can emit that the
// registry does not document.
func TestEveryCodeRegistered(t *testing.T) {
	found := emitted(t, "..")
	if len(found) < 80 {
		t.Fatalf("the scan found only %d codes; it no longer sees how codes are emitted", len(found))
	}
	var missing []string
	for code, at := range found {
		if _, ok := Lookup(code); !ok {
			missing = append(missing, code+" ("+at+")")
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("code %s has no registry entry: add it to codes/others.go with a one-line doc", m)
	}
}

func TestEntries(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range All() {
		if seen[e.Name] {
			t.Errorf("%s is registered twice", e.Name)
		}
		seen[e.Name] = true
		if e.Title() == "" {
			t.Errorf("%s has no one-line doc", e.Name)
		}
		if _, ok := Titles[e.Kind]; !ok {
			t.Errorf("%s has kind %q, which is not in Kinds", e.Name, e.Kind)
		}
	}
	for _, name := range []string{"side-queries", "no-schema", "not-graql-1", "syntax", "define-wrong-dialect", "remap-unused", "rewrite-unscopable", "has-to-owns"} {
		if _, ok := Lookup(name); !ok {
			t.Errorf("%s is not registered", name)
		}
	}
}

// TestSourcesWellFormed: a source given on any entry (a check's, or a
// rule's that rests on a TypeDB fact) is a well-formed repo@tag:path
// reference, and the cardinality rules of convert --to 3 cite where 3.x
// sets its defaults.
func TestSourcesWellFormed(t *testing.T) {
	cited := map[string]bool{}
	for _, e := range All() {
		if e.Source == "" {
			continue
		}
		cited[e.Name] = true
		if !version.ValidSource(e.Source) {
			t.Errorf("%s: source %q is not repo@tag:path symbol", e.Name, e.Source)
		}
	}
	for _, name := range []string{"owns-cardinality", "relates-cardinality"} {
		if !cited[name] {
			t.Errorf("%s states 3.x's default cardinalities but cites no source", name)
		}
	}
}
