package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// Walking every problem across datasets: n on the last field that needs
// review opens the next dataset of the list (in the list's current order)
// at its first such field, N goes back to the previous dataset's last one.
// The detail knows the order through a navigator the list hands it when it
// opens the detail; the datasets come through the shared cache, or the
// normal fetch.

// datasetNavigator gives the dataset before (dir -1) or after (dir 1) the
// one with id, in the order of the list a detail was opened from.
type datasetNavigator interface {
	neighbour(id string, dir int) (row, bool)
}

// detailEntry says where a detail lands once its dataset is shown.
type detailEntry struct {
	field  string // select this field key ("" for none): the stats view's enter
	review int    // 1: the first field that needs review; -1: the last; 0: neither
	tab    detailTab
	nav    datasetNavigator // nil: n and N stay within the dataset
	// skipped counts the datasets passed over on the way here because
	// nothing in them needed review.
	skipped int
}

// maxReviewSkips bounds how many datasets in a row n passes over when they
// need no review: each may cost a request.
const maxReviewSkips = 20

// neighbour is the list's datasetNavigator: the loaded row next to id in
// the order shown.
func (l *listModel) neighbour(id string, dir int) (row, bool) {
	pos, ok := l.store.position(id)
	if !ok {
		return row{}, false
	}
	pos += dir
	if pos < 0 || pos >= l.store.len() {
		return row{}, false
	}
	return *l.store.at(pos), true
}

// review is n (dir 1) and N (dir -1): the next row to review in this
// dataset or, past the last one, the next dataset's first.
func (d *detailModel) review(dir int) tea.Cmd {
	if d.rv == nil {
		return nil
	}
	if d.entry.nav == nil {
		d.jumpToReview(dir)
		return nil
	}
	if pos, ok := d.reviewRowFrom(d.active().cursor+dir, dir); ok {
		d.moveTo(pos)
		return nil
	}
	if cmd := d.cross(dir, 0); cmd != nil {
		return cmd
	}
	d.jumpToReview(dir) // no dataset that way: wrap within this one, as without a list
	return nil
}

// reviewRowFrom is the first row needing review from position pos on in
// direction dir, without wrapping.
func (d *detailModel) reviewRowFrom(pos, dir int) (int, bool) {
	t := d.active()
	for ; pos >= 0 && pos < len(t.order); pos += dir {
		if d.rowNeedsReview(t.order[pos]) {
			return pos, true
		}
	}
	return 0, false
}

// cross opens the neighbouring dataset in place of this one; nil when
// there is none.
func (d *detailModel) cross(dir, skipped int) tea.Cmd {
	next, ok := d.entry.nav.neighbour(d.datasetID, dir)
	if !ok {
		return nil
	}
	return emit(openDatasetMsg{
		id: next.id, summary: next, highlight: d.highlight, replaces: d.id,
		entry: detailEntry{review: dir, tab: d.tab, nav: d.entry.nav, skipped: skipped},
	})
}

// arrive lands where the entry asked, once the dataset is shown. When it
// asked for a field to review and there is none, it moves on to the next
// dataset.
func (d *detailModel) arrive() tea.Cmd {
	e := &d.entry
	switch {
	case d.rv == nil:
	case e.field != "":
		d.selectKey(e.field)
		e.field = ""
	case e.review != 0:
		dir := e.review
		e.review = 0
		if e.tab == tabLines && len(d.rv.lines.rows) > 0 {
			d.tab = tabLines
		}
		start := 0
		if dir < 0 {
			start = len(d.active().order) - 1
		}
		pos, ok := d.reviewRowFrom(start, dir)
		if !ok {
			if e.skipped < maxReviewSkips {
				if cmd := d.cross(dir, e.skipped+1); cmd != nil {
					return cmd
				}
			}
			d.flash = "nothing here needs review"
			return nil
		}
		d.moveTo(pos)
		d.flash = "next dataset"
		if dir < 0 {
			d.flash = "previous dataset"
		}
		if e.skipped > 0 {
			d.flash += fmt.Sprintf(" · passed %d with nothing to review", e.skipped)
		}
	}
	return nil
}

// selectKey selects the field (or the line item) a raw key names.
func (d *detailModel) selectKey(key string) {
	if index, _, ok := parseLineItemName(key); ok && len(d.rv.lines.rows) > 0 {
		d.tab = tabLines
		d.selectLine(func(r *lineRow) bool { return r.index == index })
	} else {
		d.tab = tabFields
		d.selectField(func(f *reviewField) bool { return f.key == key })
	}
	d.clampAll()
}
