package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// Habit limits (README "Development"): production code only; tests may be
// longer where a table needs it.
const (
	maxFileLines   = 400
	maxFuncLines   = 60
	maxComplexity  = 15
	moduleRootPath = "../.."
)

// TestHabits holds every production Go file of the module to the limits:
// at most 400 lines a file, 60 lines a function (declaration to closing
// brace) and cyclomatic complexity 15 (1 + if, for, range, non-default
// case, && and ||: McCabe's count as gocyclo computes it).
func TestHabits(t *testing.T) {
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir(moduleRootPath, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && p != moduleRootPath || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		files++
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		for _, v := range habitViolations(fset, f) {
			t.Errorf("%s: %s", p, v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("walked %d production files from %s; expected the whole module", files, moduleRootPath)
	}
}

// habitViolations lists what in f exceeds the limits.
func habitViolations(fset *token.FileSet, f *ast.File) []string {
	var out []string
	if n := fset.File(f.Pos()).LineCount(); n > maxFileLines {
		out = append(out, fmt.Sprintf("%d lines (limit %d)", n, maxFileLines))
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		n := fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line + 1
		if n > maxFuncLines {
			out = append(out, fmt.Sprintf("func %s: %d lines (limit %d)", fd.Name.Name, n, maxFuncLines))
		}
		if c := complexity(fd); c > maxComplexity {
			out = append(out, fmt.Sprintf("func %s: complexity %d (limit %d)", fd.Name.Name, c, maxComplexity))
		}
	}
	return out
}

// complexity is fd's cyclomatic complexity, closures included.
func complexity(fd ast.Node) int {
	c := 1
	ast.Inspect(fd, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			c++
		case *ast.CaseClause:
			if x.List != nil {
				c++
			}
		case *ast.CommClause:
			if x.Comm != nil {
				c++
			}
		case *ast.BinaryExpr:
			if x.Op == token.LAND || x.Op == token.LOR {
				c++
			}
		}
		return true
	})
	return c
}

// TestHabitsCatchViolations feeds the checker code that breaks each limit,
// so TestHabits cannot pass by checking nothing.
func TestHabitsCatchViolations(t *testing.T) {
	long := "package p\n\nfunc f() {\n" + strings.Repeat("\t_ = 1\n", 60) + "}\n"
	complex := "package p\n\nfunc g(a, b bool) {\n" + strings.Repeat("\tif a && b {\n\t}\n", 8) + "}\n"
	big := "package p\n" + strings.Repeat("\n", 400)
	for name, src := range map[string]string{"long": long, "complex": complex, "big": big} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name+".go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		if v := habitViolations(fset, f); len(v) != 1 {
			t.Errorf("%s: violations %q, want exactly one", name, v)
		}
	}
}
