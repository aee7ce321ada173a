package list

import (
	"strings"

	"github.com/dxdash/dxdash/ui/internal/common"
)

// sortMode orders the loaded rows: by one column, either way. s cycles
// through the orders a reviewer reaches for first; < and > sort by the
// column left or right of the sorted one, and i reverses.
type sortMode struct {
	col  column
	desc bool
}

var (
	sortNewest     = sortMode{col: colCreated, desc: true}
	sortAccuracy   = sortMode{col: colAccuracy}           // worst accuracy first
	sortConfidence = sortMode{col: colMinConf}            // lowest confidence first
	sortChecks     = sortMode{col: colChecks, desc: true} // most failed checks first
	sortPresets    = []sortMode{sortNewest, sortAccuracy, sortConfidence, sortChecks}
)

// next is the preset after m (s): from a column no preset sorts by, the
// first.
func (m sortMode) next() sortMode {
	for i, p := range sortPresets {
		if p == m {
			return sortPresets[(i+1)%len(sortPresets)]
		}
	}
	return sortPresets[0]
}

// arrow is the header's mark of the direction.
func (m sortMode) arrow() string {
	if m.desc {
		return "▼"
	}
	return "▲"
}

func (m sortMode) String() string {
	switch m {
	case sortNewest:
		return "newest first"
	case sortAccuracy:
		return "worst accuracy first"
	case sortConfidence:
		return "lowest confidence first"
	case sortChecks:
		return "most checks failed first"
	}
	return columnSpecs[m.col].name + " " + m.arrow()
}

// sortByName is the order :sort names: a column's name (or newest,
// confidence), then asc or desc; without one, the column's usual way.
func sortByName(arg string) (sortMode, bool) {
	words := strings.Fields(strings.ToLower(arg))
	if len(words) == 0 || len(words) > 2 {
		return sortMode{}, false
	}
	var m sortMode
	switch words[0] {
	case "newest":
		m = sortNewest
	case "oldest":
		m = sortMode{col: colCreated}
	case "confidence":
		m = sortConfidence
	default:
		c, ok := columnNamed(words[0])
		if !ok {
			return sortMode{}, false
		}
		m = sortMode{col: c, desc: columnSpecs[c].descFirst}
	}
	if len(words) == 2 {
		switch words[1] {
		case "asc":
			m.desc = false
		case "desc":
			m.desc = true
		default:
			return sortMode{}, false
		}
	}
	return m, true
}

// sortNameList is what :sort completes from and its error names.
func sortNameList() []string {
	names := []string{"newest"}
	for _, c := range defaultOrder {
		names = append(names, columnSpecs[c].name)
	}
	return names
}

// compare orders two rows under m; ties keep arrival order, so the order
// is total and the same rows always sort the same way.
func (m sortMode) compare(a, b *common.Row, ia, ib int32) int {
	if c := m.compareKeys(a, b); c != 0 {
		return c
	}
	return int(ia) - int(ib)
}

// compareKeys compares the sorted column; a row without the figure sorts
// last either way.
func (m sortMode) compareKeys(a, b *common.Row) int {
	var (
		x, y       float64
		hasX, hasY = true, true
	)
	switch m.col {
	case colID:
		return m.dir(strings.Compare(a.ID, b.ID))
	case colDocument:
		return m.dir(strings.Compare(a.Name, b.Name))
	case colType:
		return m.dir(strings.Compare(a.DocType, b.DocType))
	case colCustomer:
		return m.dir(strings.Compare(a.Customer, b.Customer))
	case colStatus:
		return m.dir(strings.Compare(a.Status, b.Status))
	case colVerified:
		x, y = b2f(a.Has(common.IsVerified)), b2f(b.Has(common.IsVerified))
	case colAccuracy:
		x, y, hasX, hasY = a.Accuracy, b.Accuracy, validAccuracy(a), validAccuracy(b)
	case colMinConf:
		x, y, hasX, hasY = a.MinConf, b.MinConf, validMinConf(a), validMinConf(b)
	case colChecks:
		x, y, hasX, hasY = float64(a.Checks), float64(b.Checks), a.Has(common.HasChecks), b.Has(common.HasChecks)
	case colCreated:
		return m.dir(cmpInt(a.Created, b.Created)) // nanoseconds: beyond a float's precision
	case colFields:
		x, y, hasX, hasY = float64(a.Fields), float64(b.Fields), a.Has(common.HasFieldCount), b.Has(common.HasFieldCount)
	case colPages:
		x, y, hasX, hasY = float64(a.Pages), float64(b.Pages), a.Pages > 0, b.Pages > 0
	}
	if m.desc {
		x, y = -x, -y
	}
	return compareOptional(x, y, hasX, hasY)
}

func (m sortMode) dir(c int) int {
	if m.desc {
		return -c
	}
	return c
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sortCompletions are :sort's completions: each name, and each name with
// a direction.
func sortCompletions() []string {
	var out []string
	for _, n := range sortNameList() {
		out = append(out, n, n+" asc", n+" desc")
	}
	return out
}
