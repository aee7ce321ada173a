package detail

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/dxdash/dxdash/review"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// Walking every problem across datasets: n visits a dataset's rows that
// need review, its fields then its line items, and after the last opens
// the next dataset of the list (in the list's current order) at its first
// such row; N goes back to the previous dataset's last one.
// The detail knows the order through a navigator the list hands it when it
// opens the detail; the datasets come through the shared cache, or the
// normal fetch.

// maxReviewSkips bounds how many datasets in a row n passes over when they
// need no review: each may cost a request.
const maxReviewSkips = 20

// reviewStop is a row n and N stop at: its table, and its position in
// that table as shown.
type reviewStop struct {
	tab detailTab
	pos int
}

// after says whether s comes after t in a dataset's walk: the fields
// first, then the line items.
func (s reviewStop) after(t reviewStop) bool {
	return s.tab > t.tab || s.tab == t.tab && s.pos > t.pos
}

// reviewStops lists the rows that need review in the order n visits them:
// the fields as the field table shows them (its sort, and m's filter),
// then the line items with a cell that needs review.
func (d *detailModel) reviewStops() []reviewStop {
	var stops []reviewStop
	for pos, i := range d.fieldRows.order {
		if d.rv.fields[i].needsReview() {
			stops = append(stops, reviewStop{tabFields, pos})
		}
	}
	for pos, i := range d.lineRows.order {
		if d.rv.lines.rows[i].needsReview() {
			stops = append(stops, reviewStop{tabLines, pos})
		}
	}
	return stops
}

// here is the selected row, as a stop.
func (d *detailModel) here() reviewStop { return reviewStop{d.tab, d.Active().cursor} }

// stopAt selects s, switching tables if it is in the other one.
func (d *detailModel) stopAt(s reviewStop) {
	d.tab = s.tab
	d.moveTo(s.pos)
}

// stepStop is the first of stops after (dir 1) or before (dir -1) from,
// without wrapping.
func stepStop(stops []reviewStop, from reviewStop, dir int) (reviewStop, bool) {
	if dir > 0 {
		for _, s := range stops {
			if s.after(from) {
				return s, true
			}
		}
	} else {
		for _, s := range slices.Backward(stops) {
			if from.after(s) {
				return s, true
			}
		}
	}
	return reviewStop{}, false
}

// review is n (dir 1) and N (dir -1): the next row to review in this
// dataset, fields then line items, or past the last one the next
// dataset's first.
//
// A dataset with no other to cross to (opened from the search or the
// stats view, or alone in the list) keeps the walk issue 5 gave it: round
// the table shown, wrapping at its ends.
func (d *detailModel) review(dir int) tea.Cmd {
	if d.rv == nil {
		return nil
	}
	stops := d.reviewStops()
	if !d.hasNeighbours() {
		d.jumpToReview(stopsIn(stops, d.tab), dir)
		return nil
	}
	if s, ok := stepStop(stops, d.here(), dir); ok {
		d.stopAt(s)
		return nil
	}
	if cmd := d.cross(dir, 0); cmd != nil {
		return cmd
	}
	d.jumpToReview(stops, dir) // the end of the list: round this dataset's stops
	return nil
}

// hasNeighbours says whether n or N can cross to another dataset.
func (d *detailModel) hasNeighbours() bool {
	nav := d.Entry.Nav
	if nav == nil {
		return false
	}
	_, before := nav.Neighbour(d.datasetID, -1)
	_, after := nav.Neighbour(d.datasetID, 1)
	return before || after
}

// stopsIn keeps the stops in table tab.
func stopsIn(stops []reviewStop, tab detailTab) []reviewStop {
	var in []reviewStop
	for _, s := range stops {
		if s.tab == tab {
			in = append(in, s)
		}
	}
	return in
}

// jumpToReview moves to the next (dir 1) or previous (dir -1) of stops,
// wrapping around the ends and saying so.
func (d *detailModel) jumpToReview(stops []reviewStop, dir int) {
	if len(stops) == 0 {
		d.flash = "nothing here needs review"
		return
	}
	from := d.here()
	s, ok := stepStop(stops, from, dir)
	if !ok {
		s = stops[0]
		d.flash = "wrapped to the top"
		if dir < 0 {
			s = stops[len(stops)-1]
			d.flash = "wrapped to the bottom"
		}
		if s == from {
			d.flash = "only this row needs review"
		}
	}
	d.stopAt(s)
}

// cross opens the neighbouring dataset in place of this one; nil when
// there is none.
func (d *detailModel) cross(dir, skipped int) tea.Cmd {
	next, ok := d.Entry.Nav.Neighbour(d.datasetID, dir)
	if !ok {
		return nil
	}
	return common.Emit(common.OpenDatasetMsg{
		ID: next.ID, Summary: next, Highlight: d.highlight, Replaces: d.id,
		Entry: common.DetailEntry{Review: dir, Nav: d.Entry.Nav, Skipped: skipped},
	})
}

// arrive lands where the entry asked, once the dataset is shown: n lands
// on the dataset's first stop, N on its last. When there is none, it
// moves on to the next dataset.
func (d *detailModel) arrive() tea.Cmd {
	e := &d.Entry
	switch {
	case d.rv == nil:
	case e.Field != "":
		d.selectKey(e.Field)
		e.Field = ""
	case e.Review != 0:
		dir := e.Review
		e.Review = 0
		stops := d.reviewStops()
		if len(stops) == 0 {
			if e.Skipped < maxReviewSkips {
				if cmd := d.cross(dir, e.Skipped+1); cmd != nil {
					return cmd
				}
			}
			d.flash = "nothing here needs review"
			return nil
		}
		first, flash := stops[0], "next dataset"
		if dir < 0 {
			first, flash = stops[len(stops)-1], "previous dataset"
		}
		d.stopAt(first)
		d.flash = flash
		if e.Skipped > 0 {
			d.flash += fmt.Sprintf(" · passed %d with nothing to review", e.Skipped)
		}
	}
	return nil
}

// selectKey selects the field (or the line item) a raw key names.
func (d *detailModel) selectKey(key string) {
	if index, _, ok := review.ParseLineItemKey(key); ok && len(d.rv.lines.rows) > 0 {
		d.tab = tabLines
		d.selectLine(func(r *lineRow) bool { return r.index == index })
	} else {
		d.tab = tabFields
		d.selectField(func(f *reviewField) bool { return f.key == key })
	}
	d.clampAll()
}
