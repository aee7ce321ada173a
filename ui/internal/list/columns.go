package list

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// The list's columns: what each is, which fit a width, in what order, and
// the header that names them, marks the sorted one and counts the hidden.

type column int

const (
	colID column = iota
	colDocument
	colType
	colCustomer
	colStatus
	colVerified
	colAccuracy
	colMinConf
	colChecks
	colCreated
	colFields
	colPages
	columnCount
)

type columnSpec struct {
	title string
	name  string // for :sort and the remembered order
	width int    // the document column's is its minimum: it takes the slack
	right bool
	// drop orders the columns given up on a narrow terminal: 1 goes
	// first; 0 is never dropped. CREATED, FIELDS and PAGES go first, so
	// a wide terminal's extra width reaches them before DOCUMENT.
	drop int
	// descFirst: sorting by the column starts with the biggest (newest,
	// most), where that is what a reviewer looks for first.
	descFirst bool
}

var columnSpecs = [columnCount]columnSpec{
	colID:       {title: "ID", name: "id", width: 11, drop: 8},
	colDocument: {title: "DOCUMENT", name: "document", width: 16},
	colType:     {title: "TYPE", name: "type", width: 9, drop: 4},
	colCustomer: {title: "CUSTOMER", name: "customer", width: 18, drop: 5},
	colStatus:   {title: "STATUS", name: "status", width: 12},
	colVerified: {title: common.GlyphMatch, name: "verified", width: 1, drop: 7, descFirst: true},
	colAccuracy: {title: "ACCURACY", name: "accuracy", width: 11, right: true},
	colMinConf:  {title: "MIN CONF", name: "minconf", width: 9}, // "⚠ invalid"
	// CHECKS stays on an 80-column terminal (the list sorts by it), and
	// goes before the ✓ column.
	colChecks:  {title: "CHECKS", name: "checks", width: 7, drop: 6, descFirst: true},
	colCreated: {title: "CREATED", name: "created", width: len(createdLayout), drop: 3, descFirst: true},
	colFields:  {title: "FIELDS", name: "fields", width: 7, right: true, drop: 1, descFirst: true},
	colPages:   {title: "PAGES", name: "pages", width: 6, right: true, drop: 2, descFirst: true},
}

// createdLayout draws CREATED, in UTC as the API sends it.
const createdLayout = "2006-01-02 15:04"

// defaultOrder is the columns' order until the user moves one.
var defaultOrder = []column{colID, colDocument, colType, colCustomer, colStatus, colVerified,
	colAccuracy, colMinConf, colChecks, colFields, colPages, colCreated}

// columnNamed is the column :sort (or a remembered order) names.
func columnNamed(name string) (column, bool) {
	for c := range columnCount {
		if columnSpecs[c].name == name {
			return c, true
		}
	}
	return 0, false
}

// columnSet is a set of columns (the hidden ones).
type columnSet uint16

func (s columnSet) has(c column) bool { return s&(1<<c) != 0 }
func (s columnSet) with(c column) columnSet {
	return s | 1<<c
}

// listLayout is which columns fit a width, and how wide each is.
type listLayout struct {
	width  int
	cols   []column
	widths [columnCount]int
	// hidden counts the columns not shown: dropped for the width or
	// hidden by the user.
	hidden int
}

// newListLayout fits the columns of order not in hidden to width.
// DOCUMENT is never hidden or dropped: it is what a row is.
func newListLayout(width int, order []column, hidden columnSet) listLayout {
	if order == nil {
		order = defaultOrder
	}
	l := listLayout{width: width}
	for _, c := range order {
		if !hidden.has(c) || c == colDocument {
			l.cols = append(l.cols, c)
			l.widths[c] = columnSpecs[c].width
		}
	}
	for {
		fixed := common.GutterWidth + len(common.ColumnGap)*(len(l.cols)-1)
		for _, c := range l.cols {
			if c != colDocument {
				fixed += l.widths[c]
			}
		}
		slack := width - fixed
		if slack >= columnSpecs[colDocument].width || !l.dropOne() {
			l.widths[colDocument] = max(slack, 1)
			l.hidden = int(columnCount) - len(l.cols)
			return l
		}
	}
}

// dropOne gives up the droppable column with the lowest drop order.
func (l *listLayout) dropOne() bool {
	at := -1
	for i, c := range l.cols {
		d := columnSpecs[c].drop
		if d > 0 && (at < 0 || d < columnSpecs[l.cols[at]].drop) {
			at = i
		}
	}
	if at < 0 {
		return false
	}
	l.cols = slices.Delete(l.cols, at, at+1)
	return true
}

// total is the width of a row: every cell is fitted to its column's width
// exactly, so a row is as wide as the columns, gaps and gutter.
func (l listLayout) total() int {
	total := common.GutterWidth + len(common.ColumnGap)*(len(l.cols)-1)
	for _, c := range l.cols {
		total += l.widths[c]
	}
	return total
}

// columnAt is the column under screen cell x (a header click); false in a
// gap or the gutter.
func (l listLayout) columnAt(x int) (column, bool) {
	at := common.GutterWidth
	for i, c := range l.cols {
		if i > 0 {
			at += len(common.ColumnGap)
		}
		if x >= at && x < at+l.widths[c] {
			return c, true
		}
		at += l.widths[c]
	}
	return 0, false
}

// header is the line of column titles: the sorted one carries ▲ or ▼,
// and DOCUMENT's cell ends with how many columns are hidden, if any.
func (l listLayout) header(st *styles.Styles, sort sortMode) string {
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", common.GutterWidth))
	for i, c := range l.cols {
		if i > 0 {
			b.WriteString(common.ColumnGap)
		}
		spec := columnSpecs[c]
		title, w := spec.title, l.widths[c]
		if c == sort.col {
			// The arrow is never cut: a title too long for it gives way.
			title = strings.TrimRight(termtext.Truncate(title, max(w-1, 0)), " ") + sort.arrow()
		}
		switch {
		case c == colDocument && l.hidden > 0:
			b.WriteString(withNote(title, l.hidden, w))
		case spec.right:
			b.WriteString(termtext.FitRight(title, w))
		default:
			b.WriteString(termtext.Fit(title, w))
		}
	}
	return st.Header.Render(b.String())
}

// withNote is DOCUMENT's header cell with the hidden columns' count at its
// right: "+3 hidden", or shorter where that does not fit ("+5 cols" at 80
// columns).
func withNote(title string, hidden, width int) string {
	for _, note := range []string{fmt.Sprintf("+%d hidden", hidden), fmt.Sprintf("+%d cols", hidden), fmt.Sprintf("+%d", hidden)} {
		gap := width - termtext.Width(title) - termtext.Width(note)
		if gap >= 1 {
			return title + strings.Repeat(" ", gap) + note
		}
	}
	return termtext.Fit(title, width)
}
