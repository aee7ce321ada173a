package statsview

import (
	"strings"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// statsTable is what a stats mode shows: a few lines of summary, a table,
// and notes under it. The same table is what e exports, so the file holds
// the rows the screen shows, but as raw values a program can read: each
// column has a machine name that says its unit, and each cell a raw value
// beside its display text. Every text in it is sanitized already.
type statsTable struct {
	name    string   // what the table shows, for the export's file name
	above   []string // summary lines over the column header (styled)
	columns []statsColumn
	rows    []statsRow
	below   []string // notes under the table (styled)
	empty   string   // shown when there is no row
}

type statsColumn struct {
	title string
	// key is the column's header in the export: snake_case, ending in its
	// unit where it has one (_count, _fraction for 0–1).
	key   string
	width int  // for the flex column, the least it gets
	right bool // numbers
	flex  bool // takes the width the others leave
	most  int  // the flex column's widest, so numbers stay near their names (0: no limit)
	// least is how narrow a text column may get on a narrow screen, so
	// the columns on its right stay on it (0: never narrower than width).
	least int
	// optional columns are left off a screen too narrow for every column
	// even squeezed, the rightmost first; an export keeps them.
	optional bool
	// screenOnly columns are drawings (bars, sparklines) left out of the
	// export; exportOnly columns hold what the screen shows another way
	// (a bin's bounds, each week of a sparkline) and are never drawn.
	screenOnly bool
	exportOnly bool
}

type statsRow struct {
	cells []statsCell
	dim   bool // too few fields to read much into
}

type statsCell struct {
	text string
	// raw is the cell in the export: a plain decimal or integer, a text
	// without glyphs, or empty for none. The constructors below set it.
	raw     string
	level   float64 // coloured by the thresholds when leveled
	leveled bool
	low     bool // always in the low style (confidently wrong counts)
}

// textCell is a cell whose text is already plain (a field name, an id):
// the export has the same.
func textCell(text string) statsCell { return statsCell{text: text, raw: text} }

// valueCell shows text and exports raw.
func valueCell(text, raw string) statsCell { return statsCell{text: text, raw: raw} }

func leveledCell(text, raw string, level float64) statsCell {
	return statsCell{text: text, raw: raw, level: level, leveled: true}
}

// exportCell is a cell of an exportOnly column.
func exportCell(raw string) statsCell { return statsCell{raw: raw} }

// widths gives each column its width on a screen width cells wide: the
// flex column takes what the others leave (one gutter cell, two between
// columns).
func (t *statsTable) widths(width int) []int {
	out := make([]int, len(t.columns))
	used, shown, flex := 1, 0, -1
	for i, c := range t.columns {
		if c.exportOnly {
			out[i] = hidden
			continue
		}
		out[i] = c.width
		if shown > 0 {
			used += 2
		}
		shown++
		if c.flex {
			flex = i
			continue
		}
		used += c.width
	}
	if flex >= 0 {
		out[flex] = max(width-used, t.columns[flex].width)
		if most := t.columns[flex].most; most > 0 {
			out[flex] = min(out[flex], most)
		}
		used += out[flex]
	}
	t.squeeze(out, used-width)
	t.drop(out, width)
	return out
}

// hidden marks a column left off the screen in the widths.
const hidden = -1

// drop leaves optional columns off, the rightmost first, while the
// squeezed columns still do not fit in width.
func (t *statsTable) drop(ws []int, width int) {
	for i := len(t.columns) - 1; i >= 0 && lineWidth(ws) > width; i-- {
		if t.columns[i].optional {
			ws[i] = hidden
		}
	}
}

// lineWidth is how wide a line of columns this wide is: one gutter cell and
// two between the columns shown.
func lineWidth(ws []int) int {
	total, shown := 1, 0
	for _, w := range ws {
		if w != hidden {
			total += w
			shown++
		}
	}
	return total + 2*max(shown-1, 0)
}

// squeeze takes over cells from the columns that may narrow, a cell at a
// time from the one with the most to spare, so no one column is cut to
// nothing while another stays wide.
func (t *statsTable) squeeze(ws []int, over int) {
	for ; over > 0; over-- {
		widest, spare := -1, 0
		for i, c := range t.columns {
			if c.least > 0 && ws[i]-c.least > spare {
				widest, spare = i, ws[i]-c.least
			}
		}
		if widest < 0 {
			return // as narrow as it goes: the line is cut on the right
		}
		ws[widest]--
	}
}

// header draws the column titles.
func (t *statsTable) header(st *styles.Styles, width int) string {
	ws := t.widths(width)
	var parts []string
	for i, c := range t.columns {
		if ws[i] != hidden {
			parts = append(parts, fitCell(c.title, ws[i], c.right))
		}
	}
	return " " + st.Header.Render(strings.Join(parts, "  "))
}

// line draws row i; selected rows are drawn plain in the selection style
// behind the marker, so they read the same without colour.
func (t *statsTable) line(st *styles.Styles, th common.Thresholds, i, width int, selected bool) string {
	r := &t.rows[i]
	ws := t.widths(width)
	plain := make([]string, 0, len(r.cells))
	styled := make([]string, 0, len(r.cells))
	for j := range r.cells {
		c := &r.cells[j]
		right := j < len(t.columns) && t.columns[j].right
		w := 0
		if j < len(ws) {
			w = ws[j]
		}
		if w == hidden {
			continue
		}
		cell := fitCell(c.text, w, right)
		plain = append(plain, cell)
		switch {
		case c.low:
			styled = append(styled, st.Low.Render(cell))
		case c.leveled:
			styled = append(styled, common.LevelStyle(st, c.level, th).Render(cell))
		default:
			styled = append(styled, cell)
		}
	}
	if selected {
		return st.Marker.Render(common.GlyphSelected) + st.Selected.Render(common.FitLine(strings.Join(plain, "  "), width-1))
	}
	if r.dim {
		return " " + st.Dim.Render(strings.Join(plain, "  "))
	}
	return " " + strings.Join(styled, "  ")
}

func fitCell(s string, width int, right bool) string {
	if right {
		return termtext.FitRight(s, width)
	}
	return termtext.Fit(s, width)
}

// records are the table as CSV records: the column keys, then every row's
// raw values, without the screen-only columns.
func (t *statsTable) records() [][]string {
	var keep []int
	header := make([]string, 0, len(t.columns))
	for i, c := range t.columns {
		if !c.screenOnly {
			keep = append(keep, i)
			header = append(header, c.key)
		}
	}
	out := make([][]string, 0, len(t.rows)+1)
	out = append(out, header)
	for _, r := range t.rows {
		rec := make([]string, len(keep))
		for k, j := range keep {
			if j < len(r.cells) {
				rec[k] = r.cells[j].raw
			}
		}
		out = append(out, rec)
	}
	return out
}
