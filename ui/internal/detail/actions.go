package detail

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// What the detail view's keys do: move, switch tables, filter, sort,
// jump to what needs review, copy, open the full value.

func (d *detailModel) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	d.flash = ""
	k := d.keys
	if d.zoomed {
		return d.handleZoomKey(msg)
	}
	if m, ok := k.MotionFor(msg, d.layout().tableRows); ok {
		switch {
		case m.To == common.ToTop:
			d.moveTo(0)
		case m.To == common.ToBottom:
			d.moveTo(len(d.Active().order) - 1)
		case m.Paging:
			d.pageBy(m.Rows)
		default:
			d.moveBy(m.Rows)
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Back):
		d.closed = true
		return nil
	case key.Matches(msg, k.Reload):
		return d.refetch()
	case key.Matches(msg, k.Tab):
		d.switchTab()
	case key.Matches(msg, k.Mismatches):
		d.toggleMismatches()
	case key.Matches(msg, k.NextReview):
		return d.review(1)
	case key.Matches(msg, k.PrevReview):
		return d.review(-1)
	case key.Matches(msg, k.Sort):
		d.cycleSort()
	case key.Matches(msg, k.Map):
		d.showMap = !d.showMap
		d.clampAll()
	case key.Matches(msg, k.Copy):
		return d.copySelection()
	case key.Matches(msg, k.Full):
		d.openZoom()
	}
	return nil
}

// handleZoomKey: the full value is open; the move keys scroll it.
func (d *detailModel) handleZoomKey(msg tea.KeyPressMsg) tea.Cmd {
	k := d.keys
	if m, ok := k.MotionFor(msg, d.zoomHeight()); ok {
		switch m.To {
		case common.ToTop:
			d.zoomOffset = 0
		case common.ToBottom:
			d.scrollZoom(len(d.document()))
		default:
			d.scrollZoom(m.Rows)
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Back), key.Matches(msg, k.Full):
		d.zoomed = false
	case key.Matches(msg, k.Copy):
		return d.copySelection()
	case key.Matches(msg, k.Reload):
		return d.refetch()
	}
	return nil
}

func (d *detailModel) refetch() tea.Cmd {
	if d.fetching {
		d.flash = "already fetching…"
		return nil
	}
	if cat := d.c.Opts.Catalog; cat != nil && !cat.Offline() {
		d.fetching = true // from the server, whatever the store holds
		return common.RefetchCmd(d.c.Ctx, cat, d.c.API, d.id, d.datasetID)
	}
	return d.fetch()
}

// keepSelection runs change, which reorders the tables, and puts each
// cursor back on the row it was on, if that row is still shown.
func (d *detailModel) keepSelection(change func()) {
	field, fieldOK := d.fieldRows.selected()
	line, lineOK := d.lineRows.selected()
	change()
	if fieldOK {
		d.selectField(func(f *reviewField) bool { return f == &d.rv.fields[field] })
	}
	if lineOK {
		d.selectLine(func(r *lineRow) bool { return r == &d.rv.lines.rows[line] })
	}
	d.clampAll()
}

func (d *detailModel) selectField(match func(*reviewField) bool) {
	for pos, i := range d.fieldRows.order {
		if match(&d.rv.fields[i]) {
			d.fieldRows.cursor = pos
			return
		}
	}
}

func (d *detailModel) selectLine(match func(*lineRow) bool) {
	for pos, i := range d.lineRows.order {
		if match(&d.rv.lines.rows[i]) {
			d.lineRows.cursor = pos
			return
		}
	}
}

// Active is the table tab shows.
func (d *detailModel) Active() *tableCursor {
	if d.tab == tabLines {
		return &d.lineRows
	}
	return &d.fieldRows
}

func (d *detailModel) moveBy(n int) { d.moveTo(d.Active().cursor + n) }

func (d *detailModel) moveTo(pos int) {
	d.Active().cursor = pos
	d.clampAll()
}

// pageBy moves the cursor and the rows on screen together, as PgDn does.
func (d *detailModel) pageBy(n int) {
	t := d.Active()
	t.cursor += n
	t.offset += n
	d.clampAll()
}

// scroll is the mouse wheel: the full value when open, else the cursor.
func (d *detailModel) scroll(n int) {
	if d.zoomed {
		d.scrollZoom(n)
		return
	}
	d.moveBy(n)
}

// clampAll keeps each cursor on a row and on screen.
func (d *detailModel) clampAll() {
	rows := d.layout().tableRows
	for _, t := range []*tableCursor{&d.fieldRows, &d.lineRows} {
		n := len(t.order)
		t.cursor = min(max(t.cursor, 0), max(n-1, 0))
		if t.cursor < t.offset {
			t.offset = t.cursor
		}
		if t.cursor >= t.offset+rows {
			t.offset = t.cursor - rows + 1
		}
		t.offset = min(max(t.offset, 0), max(n-rows, 0))
	}
	if d.zoomed {
		d.scrollZoom(0)
	}
}

func (d *detailModel) switchTab() {
	if d.rv == nil {
		return
	}
	if d.tab == tabFields && len(d.rv.lines.rows) == 0 {
		d.flash = "this dataset has no line items"
		return
	}
	d.tab = 1 - d.tab
	d.clampAll()
}

func (d *detailModel) toggleMismatches() {
	if d.rv == nil {
		return
	}
	d.keepSelection(func() {
		d.mismatchesOnly = !d.mismatchesOnly
		d.reorder()
	})
}

func (d *detailModel) cycleSort() {
	if d.rv == nil {
		return
	}
	if d.tab == tabLines {
		d.flash = "line items stay in document order"
		return
	}
	d.keepSelection(func() {
		d.sort = d.sort.next(d.rv.reviewed)
		d.reorder()
	})
	d.flash = "sorted by " + d.sort.String()
}

// copySelection puts the selected value on the clipboard (OSC 52): a
// field's extracted value, or a line item's values separated by tabs.
// Every value was sanitized when the dataset arrived, like anything from
// the server that reaches the terminal; only the tabs between are ours.
func (d *detailModel) copySelection() tea.Cmd {
	if d.rv == nil {
		return nil
	}
	var text, what string
	switch d.tab {
	case tabLines:
		i, ok := d.lineRows.selected()
		if !ok {
			return nil
		}
		row := &d.rv.lines.rows[i]
		values := make([]string, len(d.rv.lines.columns))
		for j := range row.cells {
			values[row.cols[j]] = row.cells[j].extracted
		}
		text = joinTabs(values)
		what = fmt.Sprintf("line item #%d (%d values, tab-separated)", row.index, len(values))
	default:
		i, ok := d.fieldRows.selected()
		if !ok {
			return nil
		}
		f := &d.rv.fields[i]
		if f.Has(fieldNull) {
			d.flash = "nothing extracted to copy"
			return nil
		}
		text = f.extracted
		what = fmt.Sprintf("%s (%d chars)", termtext.Truncate(f.name, 32), len([]rune(text)))
	}
	d.flash = "copied " + what
	return tea.SetClipboard(text)
}

func joinTabs(values []string) string {
	n := 0
	for _, v := range values {
		n += len(v) + 1
	}
	b := make([]byte, 0, n)
	for i, v := range values {
		if i > 0 {
			b = append(b, '\t')
		}
		b = append(b, v...)
	}
	return string(b)
}

func (d *detailModel) openZoom() {
	if d.rv == nil || len(d.Active().order) == 0 {
		return
	}
	d.zoomed, d.zoomOffset = true, 0
}

func (d *detailModel) scrollZoom(n int) {
	d.zoomOffset = min(max(d.zoomOffset+n, 0), max(len(d.document())-d.zoomHeight(), 0))
}
