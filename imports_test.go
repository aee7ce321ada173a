package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path"
	"slices"
	"strings"
	"testing"
)

// The arrows between dxdash's packages run one way (README, "The house").
// allowedImports lists, for each of our packages, which of our packages its
// non-test code may import; an import of ours that is not listed fails the
// test. A pattern ending in "/..." covers a package and everything under it.
// A package missing from the list fails too, so a new package says where it
// stands before it lands.
var allowedImports = map[string][]string{
	".":                {"client", "client/webhook", "config", "fakeapi", "receiver", "review", "stats", "store", "syncer", "termtext", "ui"},
	"client":           {},
	"client/webhook":   {},
	"config":           {},
	"match":            {},
	"termtext":         {},
	"review":           {"client", "match"},
	"stats":            {"client", "match", "review"},
	"store":            {"client", "review"},
	"syncer":           {"client", "store", "review"},
	"receiver":         {"client", "client/webhook", "store", "syncer"},
	"fakeapi":          {"client", "client/webhook", "match", "review"},
	"fakeapi/contract": {},
	// ui's root holds the store-backed adapter (catalog.go): the one place
	// the dashboard meets store and syncer; the views see common.Catalog.
	"ui":                    {"client", "termtext", "review", "store", "syncer", "ui/internal/common", "ui/internal/styles", "ui/internal/list", "ui/internal/detail", "ui/internal/palette"},
	"ui/internal/styles":    {},
	"ui/internal/common":    {"client", "termtext", "review", "match", "ui/internal/styles"},
	"ui/internal/list":      {"client", "termtext", "review", "match", "ui/internal/common", "ui/internal/styles", "ui/internal/filter", "ui/internal/statsview"},
	"ui/internal/detail":    {"client", "termtext", "review", "match", "ui/internal/common", "ui/internal/styles"},
	"ui/internal/palette":   {"termtext", "ui/internal/common", "ui/internal/styles"},
	"ui/internal/filter":    {"client", "termtext", "ui/internal/common", "ui/internal/styles"},
	"ui/internal/statsview": {"client", "termtext", "review", "match", "stats", "ui/internal/common", "ui/internal/styles"},
	// Test helpers: imported by _test.go files only (testOnly below).
	"ui/internal/uitest":     {"client", "fakeapi", "ui/internal/common"},
	"ui/internal/screentest": {},
	"store/storetest":        {"client", "store"},
}

// testOnly packages hold test helpers: no package's non-test code imports
// them, so nothing of theirs ships in the binary.
var testOnly = []string{"ui/internal/uitest", "ui/internal/screentest", "store/storetest"}

const module = "github.com/dxdash/dxdash"

// ourImports lists, for every package of the module, the packages of ours
// its non-test files import, relative to the module ("." for the root).
func ourImports(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	rel := func(p string) (string, bool) {
		switch {
		case p == module:
			return ".", true
		case strings.HasPrefix(p, module+"/"):
			return strings.TrimPrefix(p, module+"/"), true
		}
		return "", false
	}
	graph := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		pkg, _ := rel(fields[0])
		graph[pkg] = []string{}
		for _, imp := range fields[1:] {
			if r, ok := rel(imp); ok {
				graph[pkg] = append(graph[pkg], r)
			}
		}
	}
	return graph
}

func allowed(patterns []string, imp string) bool {
	return slices.ContainsFunc(patterns, func(p string) bool {
		if base, ok := strings.CutSuffix(p, "/..."); ok {
			return imp == base || strings.HasPrefix(imp, base+"/")
		}
		return imp == p
	})
}

// importViolations is every import of graph that allowedImports and
// testOnly forbid, as "pkg imports dep: why".
func importViolations(graph map[string][]string) []string {
	var bad []string
	for pkg, imps := range graph {
		rules, known := allowedImports[pkg]
		if !known {
			bad = append(bad, pkg+": not in allowedImports: say what it may import")
			continue
		}
		for _, imp := range imps {
			switch {
			case slices.Contains(testOnly, imp):
				bad = append(bad, pkg+" imports "+imp+": a test helper, for _test.go files only")
			case !allowed(rules, imp):
				bad = append(bad, pkg+" imports "+imp+": against the arrows (imports_test.go)")
			}
		}
	}
	slices.Sort(bad)
	return bad
}

func TestImportsFollowTheArrows(t *testing.T) {
	for _, v := range importViolations(ourImports(t)) {
		t.Error(v)
	}
}

// The rules themselves: a forbidden import is caught, whichever rule it
// breaks, so the test above cannot pass by accident.
func TestImportRulesCatchForbiddenImports(t *testing.T) {
	graph := ourImports(t)
	cases := map[string][2]string{
		"client imports nothing of ours":          {"client", "termtext"},
		"ui never imports fakeapi":                {"ui", "fakeapi"},
		"a view never imports a sibling":          {"ui/internal/detail", "ui/internal/list"},
		"nothing opens the list":                  {"ui/internal/statsview", "ui/internal/list"},
		"the shared packages import no view":      {"ui/internal/common", "ui/internal/detail"},
		"review knows nothing of terminals":       {"review", "termtext"},
		"a test helper never reaches the program": {"ui/internal/list", "ui/internal/uitest"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			g := map[string][]string{}
			for k, v := range graph {
				g[k] = slices.Clone(v)
			}
			g[c[0]] = append(g[c[0]], c[1])
			if !slices.ContainsFunc(importViolations(g), func(v string) bool {
				return strings.HasPrefix(v, c[0]+" imports "+c[1]+":")
			}) {
				t.Errorf("%s importing %s passes the rules", c[0], c[1])
			}
		})
	}
	// Every package named in the rules has a doc.go saying what it holds.
	for pkg := range graph {
		if _, err := os.Stat(path.Join(pkg, "doc.go")); err != nil && pkg != "." {
			t.Errorf("%s has no doc.go", pkg)
		}
	}
}
