package review

import (
	"go/build"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/dxdash/dxdash/"

// The design's arrows, for the packages this one sits among: client imports
// nothing of ours; review, match and stats know nothing of terminals; fakeapi
// builds on client, match and review alone. Test files may import more.
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
		{"../fakeapi", []string{"client", "match", "review"}},
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
