package detail

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// The page map: a small box per page, drawn to a page's proportions, with
// every located field shaded (░) and the selected one solid (█), and beside
// it the selected field's place in words. A bounding box the server placed
// off the page, or on a page the document does not have, is named as such
// and never drawn.

const (
	glyphBoxField    = "░"
	glyphBoxSelected = "█"
	glyphWarning     = "⚠"
	// pageAspect is a page's height over its width: A4 (Letter is 1.29).
	pageAspect = 1.414
	// cellAspect is a terminal cell's height over its width.
	cellAspect = 2.0
	// mapTextMin is the least width kept for the words beside the boxes.
	mapTextMin = 40
	// boxEpsilon forgives rounding in a box that ends exactly at the edge.
	boxEpsilon = 1e-9
)

// pageMapInput is what the map shows: the dataset's located fields, which
// of them are selected, and how to name the selection.
type pageMapInput struct {
	r *prepared
	// selected are the fields of the selection (one field, or a line
	// item's cells), located or not.
	selected []*reviewField
	label    string // "total_amount", "line 3"
}

// pageCount is the number of pages to draw: the document's, or when the
// server did not say, as many as the boxes reach.
func (in pageMapInput) pageCount() int {
	if in.r.pageCount > 0 {
		return in.r.pageCount
	}
	n := 1
	for _, f := range in.r.located {
		if boxDrawable(*f.box, 0) {
			n = max(n, f.box.Page)
		}
	}
	return n
}

// boxProblems says, in words, why a box cannot be drawn; none when it can.
// pageCount 0 means the page count is unknown.
func boxProblems(b client.BoundingBox, pageCount int) []string {
	var problems []string
	switch {
	case b.Page < 1:
		problems = append(problems, fmt.Sprintf("%s page %d does not exist", glyphWarning, b.Page))
	case pageCount > 0 && b.Page > pageCount:
		problems = append(problems, fmt.Sprintf("%s page %d of %d", glyphWarning, b.Page, pageCount))
	}
	if !inUnit(b.Left) || !inUnit(b.Top) || !inUnit(b.Width) || !inUnit(b.Height) ||
		b.Left+b.Width > 1+boxEpsilon || b.Top+b.Height > 1+boxEpsilon {
		problems = append(problems, glyphWarning+" box outside the page")
	}
	return problems
}

func boxDrawable(b client.BoundingBox, pageCount int) bool {
	return len(boxProblems(b, pageCount)) == 0
}

// inUnit: within [0, 1], and not NaN.
func inUnit(v float64) bool { return v >= 0 && v <= 1 }

// describeBox is "p2 (0.70,0.81 0.14×0.03)": page, left and top, width and
// height.
func describeBox(b client.BoundingBox) string {
	return fmt.Sprintf("p%d (%.2f,%.2f %.2f×%.2f)", b.Page, b.Left, b.Top, b.Width, b.Height)
}

// pageMapText is the words beside the boxes: where the selection is, and
// what could not be drawn.
func pageMapText(st *styles.Styles, in pageMapInput, pages, first, shown int) []string {
	var lines []string
	located := 0
	var problems []string
	for _, f := range in.selected {
		if f.box == nil {
			continue
		}
		located++
		for _, p := range boxProblems(*f.box, pages) {
			problems = append(problems, f.name+": "+p)
		}
	}
	head := "selected: " + in.label
	switch {
	case located == 0:
		head += " · no bounding box"
	case len(in.selected) == 1:
		head += " @ " + describeBox(*in.selected[0].box)
	default:
		head += fmt.Sprintf(" · %d of %d fields located", located, len(in.selected))
	}
	lines = append(lines, head)
	if len(in.selected) == 1 && len(problems) > 0 {
		problems[0] = strings.TrimPrefix(problems[0], in.selected[0].name+": ")
	}
	for _, p := range problems {
		lines = append(lines, st.Low.Render(p))
	}
	legend := glyphBoxField + " field  " + glyphBoxSelected + " selected"
	if shown < pages {
		legend += fmt.Sprintf(" · pages %d–%d of %d", first, first+shown-1, pages)
	} else {
		legend += fmt.Sprintf(" · %d %s", pages, common.Plural(pages, "page", "pages"))
	}
	lines = append(lines, st.Dim.Render(legend))
	hidden := 0
	for _, f := range in.r.located {
		if !boxDrawable(*f.box, pages) {
			hidden++
		}
	}
	if hidden > 0 {
		lines = append(lines, st.Low.Render(fmt.Sprintf("%s %d %s not drawn: off the page",
			glyphWarning, hidden, common.Plural(hidden, "box", "boxes"))))
	}
	return lines
}

// renderPageMap draws the map in exactly height lines (each at most width
// cells; the caller fits them).
func renderPageMap(st *styles.Styles, in pageMapInput, width, height int) []string {
	pages := in.pageCount()
	inner := height - 2 // rows inside a box, between its borders
	if inner < 2 || width < mapTextMin+8 {
		return wrapTextColumn(pageMapText(st, in, pages, 1, 0), width, height)
	}
	cols := max(int(math.Round(float64(inner)*cellAspect/pageAspect)), 3)
	boxWidth := cols + 2
	shown := max(min((width-1-2-mapTextMin+1)/(boxWidth+1), pages), 1)
	first := firstPageShown(in, pages, shown)

	boxes := make([][]string, shown)
	for i := range shown {
		boxes[i] = drawPage(st, in, first+i, pages, inner, cols)
	}
	boxesWidth := shown*(boxWidth+1) - 1
	text := wrapTextColumn(pageMapText(st, in, pages, first, shown), width-1-boxesWidth-2, height)
	lines := make([]string, height)
	for y := range height {
		var b strings.Builder
		b.WriteByte(' ')
		for i := range boxes {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(boxes[i][y])
		}
		b.WriteString("  ")
		b.WriteString(text[y])
		lines[y] = b.String()
	}
	return lines
}

// firstPageShown picks the window of pages that holds the selection.
func firstPageShown(in pageMapInput, pages, shown int) int {
	page := 0
	for _, f := range in.selected {
		if f.box != nil && boxDrawable(*f.box, pages) {
			page = f.box.Page
			break
		}
	}
	if page == 0 {
		return 1
	}
	return min(max(page-shown/2, 1), pages-shown+1)
}

// drawPage draws one page: a border with the page number, and inside it a
// cell per 1/cols of the width and 1/rows of the height, shaded where a
// field lies and solid where the selected one does.
func drawPage(st *styles.Styles, in pageMapInput, page, pages, rows, cols int) []string {
	const (
		empty = iota
		field
		selected
	)
	grid := make([][]uint8, rows)
	for y := range grid {
		grid[y] = make([]uint8, cols)
	}
	mark := func(f *reviewField, v uint8) {
		b := f.box
		if b == nil || b.Page != page || !boxDrawable(*b, pages) {
			return
		}
		x0, x1 := cellSpan(b.Left, b.Width, cols)
		y0, y1 := cellSpan(b.Top, b.Height, rows)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				grid[y][x] = max(grid[y][x], v)
			}
		}
	}
	for _, f := range in.r.located {
		mark(f, field)
	}
	for _, f := range in.selected {
		mark(f, selected)
	}

	label := fmt.Sprintf("p%d", page)
	label = ansi.Truncate(label, cols, "")
	lines := make([]string, 0, rows+2)
	lines = append(lines, st.Dim.Render("┌"+label+strings.Repeat("─", cols-ansi.StringWidth(label))+"┐"))
	border := st.Dim.Render("│")
	for _, row := range grid {
		var b strings.Builder
		b.WriteString(border)
		for x := 0; x < cols; {
			run := x
			for run < cols && row[run] == row[x] {
				run++
			}
			switch n := run - x; row[x] {
			case field:
				b.WriteString(st.Dim.Render(strings.Repeat(glyphBoxField, n)))
			case selected:
				b.WriteString(st.Title.Render(strings.Repeat(glyphBoxSelected, n)))
			default:
				b.WriteString(strings.Repeat(" ", n))
			}
			x = run
		}
		b.WriteString(border)
		lines = append(lines, b.String())
	}
	lines = append(lines, st.Dim.Render("└"+strings.Repeat("─", cols)+"┘"))
	return lines
}

// cellSpan maps a span of the page [start, start+size] (fractions) to the
// first and last of n cells it touches; a span too small to fill a cell
// still marks one.
func cellSpan(start, size float64, n int) (int, int) {
	first := min(max(int(math.Floor(start*float64(n))), 0), n-1)
	last := int(math.Ceil((start+size)*float64(n))) - 1
	return first, min(max(last, first), n-1)
}

// wrapTextColumn wraps lines to width and returns exactly height of them.
func wrapTextColumn(lines []string, width, height int) []string {
	out := make([]string, 0, height)
	for _, l := range lines {
		for _, w := range strings.Split(ansi.Wrap(l, max(width, 1), ""), "\n") {
			if len(out) == height {
				return out
			}
			out = append(out, w)
		}
	}
	for len(out) < height {
		out = append(out, "")
	}
	return out
}
