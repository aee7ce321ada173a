package review

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/dxdash/dxdash/"

// The design's arrows, for the packages this one sits among: client imports
// nothing of ours; review, match and stats know nothing of terminals; fakeapi
// builds on client (and client/webhook, to sign its deliveries), match and
// review alone. Test files may import more.
func TestImportRules(t *testing.T) {
	terminal := []string{"charm.land/", "github.com/charmbracelet/", module + "termtext", module + "ui"}
	for _, tc := range []struct {
		dir  string
		ours []string // the packages of ours it may import
	}{
		{".", []string{"client", "match"}},
		{"../match", nil},
		{"../stats", []string{"client", "review"}},
		{"../client", nil},
		{"../fakeapi", []string{"client", "client/webhook", "match", "review"}},
	} {
		pkg, err := build.ImportDir(tc.dir, 0)
		if err != nil {
			t.Fatalf("%s: %v", tc.dir, err)
		}
		name := filepath.Base(pkg.Dir)
		for _, imp := range pkg.Imports {
			for _, prefix := range terminal {
				if strings.HasPrefix(imp, prefix) {
					t.Errorf("%s imports %s: it must know nothing of terminals", name, imp)
				}
			}
			if rest, ours := strings.CutPrefix(imp, module); ours && !slices.Contains(tc.ours, rest) {
				t.Errorf("%s imports %s; of ours it may import only %q", name, imp, tc.ours)
			}
		}
	}
}

// Line-item keys are parsed and written here (and in client, which may
// import nothing of ours, and in fakeapi, which writes what it serves): no
// other package spells "line_items[" in its code.
func TestLineItemKeysStayHere(t *testing.T) {
	allowed := map[string]bool{"review": true, "client": true, "fakeapi": true}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			top := strings.SplitN(filepath.ToSlash(strings.TrimPrefix(path, "../")), "/", 2)[0]
			// uitest holds test fixtures, written as the server sends them.
			fixtures := filepath.ToSlash(path) == "../ui/internal/uitest"
			if path != ".." && (allowed[top] || fixtures || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && strings.Contains(lit.Value, "line_items[") {
				t.Errorf("%s: %s: line-item keys are review's to parse and write (review.ParseLineItemKey, review.LineItemKey)",
					fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
