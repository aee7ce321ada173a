package detail

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// The line-item table: a row per item, a column per field name. Each cell
// starts with its verdict glyph (✓ ~ ✗ ∅, then ! when confidently wrong)
// and ends in ▼ below the low confidence threshold or ▽ below the medium
// one, so both the score and the confidence show in it; the flag cells before the
// index mark a row with a mismatch (✗) or one that matched throughout (✓).
// Columns that do not fit are counted in the header; the pane under the
// table shows every field of the selected item.

const (
	lineCellMax     = 28  // a column's width before slack is shared out
	lineCellMin     = 3   // "✓ 1"
	lineMeasureUpTo = 512 // widths are measured no further than this
)

// measure records each column's natural width: its title or its widest
// cell, whichever is wider.
func (t *lineTable) measure(reviewed bool) {
	t.want = make([]int, len(t.columns))
	for col, name := range t.columns {
		t.want[col] = cappedWidth(name)
	}
	for i := range t.rows {
		r := &t.rows[i]
		for j := range r.cells {
			col := r.cols[j]
			t.want[col] = max(t.want[col], cappedWidth(lineCellText(&r.cells[j], reviewed)))
		}
	}
}

func cappedWidth(s string) int {
	return termtext.Width(termtext.Truncate(s, lineMeasureUpTo))
}

// lineCellText is a cell's text: verdict glyph (when reviewed), value,
// confidence mark.
func lineCellText(f *reviewField, reviewed bool) string {
	value := f.extracted
	if f.Has(fieldNull) {
		value = common.GlyphNull
	}
	var b strings.Builder
	if reviewed && f.state != stateMissing {
		switch f.state {
		case stateMatch:
			b.WriteString(common.GlyphMatch)
		case statePartial:
			b.WriteString(common.GlyphPartial)
		case stateWrong:
			b.WriteString(common.GlyphMismatch)
		default:
			if f.Has(fieldInvalidScore) {
				b.WriteString(common.GlyphInvalid)
			} else {
				b.WriteString(" ")
			}
		}
		if f.Has(fieldConfidentlyWrong) {
			b.WriteString(glyphConfidentlyWrong)
		}
		b.WriteString(" ")
	}
	b.WriteString(value)
	switch {
	case f.Has(fieldInvalidConfidence):
		b.WriteString(" " + common.GlyphInvalid)
	case f.Has(fieldLowConfidence):
		b.WriteString(" " + common.GlyphLow)
	case f.Has(fieldMediumConfidence):
		b.WriteString(" " + common.GlyphMedium)
	}
	return b.String()
}

// lineColumns is the line-item table's layout for one width.
type lineColumns struct {
	index    int   // width of the # column
	shown    []int // the table columns that fit, in order
	widths   []int // their widths
	hidden   int   // columns that did not fit
	reviewed bool
}

func newLineColumns(width int, t *lineTable, reviewed bool) lineColumns {
	c := lineColumns{index: 1, reviewed: reviewed}
	for i := range t.rows {
		c.index = max(c.index, len(strconv.Itoa(t.rows[i].index)))
	}
	avail := width - common.GutterWidth - flagCells - 1 - c.index
	n := len(t.columns)
	natural := make([]int, n)
	for col := range n {
		natural[col] = min(max(t.want[col], lineCellMin), lineCellMax)
	}
	// Take columns while they fit, keeping room to say how many did not.
	used := 0
	for col := range n {
		need := len(common.ColumnGap) + natural[col]
		reserve := 0
		if rest := n - col - 1; rest > 0 {
			reserve = len(common.ColumnGap) + len(moreColumns(rest))
		}
		if used+need+reserve <= avail {
			c.shown = append(c.shown, col)
			c.widths = append(c.widths, natural[col])
			used += need
			continue
		}
		if w := avail - len(common.ColumnGap) - reserve; col == 0 && w >= 1 {
			// Not even the first column fits whole: show it cut.
			c.shown, c.widths, used = []int{0}, []int{w}, len(common.ColumnGap)+w
		}
		c.hidden = n - len(c.shown)
		break
	}
	if c.hidden > 0 {
		return c
	}
	// Share the slack among the columns that wanted more.
	for slack := avail - used; slack > 0; {
		given := false
		for i, col := range c.shown {
			if slack > 0 && c.widths[i] < min(t.want[col], lineMeasureUpTo) {
				c.widths[i]++
				slack--
				given = true
			}
		}
		if !given {
			break
		}
	}
	return c
}

func moreColumns(n int) string { return fmt.Sprintf("+%d more", n) }

func (c lineColumns) header(st *styles.Styles, t *lineTable) string {
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", common.GutterWidth+flagCells+1))
	b.WriteString(termtext.FitRight("#", c.index))
	for i, col := range c.shown {
		b.WriteString(common.ColumnGap)
		b.WriteString(termtext.Fit(strings.ToUpper(t.columns[col]), c.widths[i]))
	}
	line := st.Header.Render(b.String())
	if c.hidden > 0 {
		line += common.ColumnGap + st.Dim.Render(moreColumns(c.hidden))
	}
	return line
}

func (c lineColumns) row(st *styles.Styles, r *lineRow, selected bool) string {
	cells := make([]cell, 0, len(c.shown)+3)
	flag, mark := cell{text: " "}, cell{text: "  "}
	switch {
	case r.bad && c.reviewed:
		// Unverified, nothing is a mismatch: a cell with nothing
		// extracted shows ∅ in the row, not ✗ before it.
		flag = cell{text: common.GlyphMismatch, style: &st.Low}
	case c.reviewed && len(r.cells) > 0 && r.flags&fieldHasScore != 0:
		flag = cell{text: common.GlyphMatch, style: &st.Good}
	}
	switch {
	case r.flags&fieldConfidentlyWrong != 0:
		mark = cell{text: glyphConfidentlyWrong + " ", style: &st.ErrorLine}
	case r.flags&fieldHit != 0:
		mark = cell{text: glyphHit + " ", style: &st.Title}
	case r.flags&fieldCheckFailed != 0:
		mark = cell{text: common.GlyphCheck + " ", style: &st.Medium}
	case r.flags&fieldLowConfidence != 0:
		mark = cell{text: common.GlyphLow + " ", style: &st.Low}
	}
	cells = append(cells, flag, mark, cell{text: termtext.FitRight(strconv.Itoa(r.index), c.index), style: &st.Dim})
	for i, col := range c.shown {
		f := r.cell(col)
		if f == nil {
			cells = append(cells, cell{text: termtext.Fit(common.GlyphNo, c.widths[i]), style: &st.Dim})
			continue
		}
		cells = append(cells, cell{text: termtext.Fit(lineCellText(f, c.reviewed), c.widths[i]), style: lineCellStyle(st, f)})
	}
	return drawCells(st, cells, selected)
}

func lineCellStyle(st *styles.Styles, f *reviewField) *lipgloss.Style {
	switch {
	case f.Has(fieldHit):
		hl := st.Title.Underline(true)
		return &hl
	case f.state == stateMatch:
		return &st.Good
	case f.state == statePartial:
		return &st.Medium
	case f.state == stateWrong, f.state == stateMissing:
		return &st.Low
	}
	return nil
}

// lineTableLines are the column titles and the rows on screen.
func (d *detailModel) lineTableLines(rows int) []string {
	if len(d.lineRows.order) == 0 {
		return d.emptyTable(len(d.rv.lines.rows), "line items")
	}
	st := d.c.Styles
	cols := newLineColumns(d.width, &d.rv.lines, d.rv.reviewed)
	lines := make([]string, 0, rows+1)
	lines = append(lines, cols.header(st, &d.rv.lines))
	t := &d.lineRows
	end := min(t.offset+rows, len(t.order))
	for pos := t.offset; pos < end; pos++ {
		i := t.order[pos]
		if pos == t.cursor {
			lines = append(lines, cols.row(st, &d.rv.lines.rows[i], true))
			continue
		}
		lines = append(lines, d.lineCache.Get(d, i, func() string { return cols.row(st, &d.rv.lines.rows[i], false) }))
	}
	return lines
}
