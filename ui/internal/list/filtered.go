package list

import (
	"errors"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/filter"
)

// What filters change in a list: the rows it asks for, and what it says
// when none match.

// applyFilters narrows the list anew: the rows of the old filters go at
// once (they no longer answer the header) and the listing starts again
// from the first page. The request in flight for the old filters is
// cancelled, and its answer, should it come anyway, belongs to a
// generation that is over.
func (l *listModel) applyFilters(f common.Filters) tea.Cmd {
	if common.FilterKeyOf(f) == common.FilterKeyOf(l.filters) {
		return nil
	}
	l.filters = f
	l.store.reset()
	l.cursor, l.offset = 0, 0
	l.paging.restarts = 0
	return tea.Batch(l.startGeneration(true), l.saveView())
}

// noMatchLines fill the body of a list that is complete and empty, and
// say what would widen it.
func (l *listModel) noMatchLines() []string {
	var text string
	switch query := strconv.Quote(termtext.Sanitize(l.search)); {
	case l.search != "" && l.filters.Active():
		text = "no datasets match " + query + " with " + common.ActiveFilters(l.filters) + " · press x to clear filters"
	case l.search != "":
		text = "no datasets match " + query + " · / to edit the query"
	case l.filters.Active():
		text = "no datasets match " + common.ActiveFilters(l.filters) + " · press x to clear filters"
	default:
		text = "no datasets yet"
	}
	return []string{"", " " + l.c.Styles.Dim.Render(text)}
}

// failedLines fill the body of a list whose first page failed. A 400 is
// the server refusing the query or a filter: its detail says why, and
// retrying the same request cannot help.
func (l *listModel) failedLines(err error) []string {
	st := l.c.Styles
	if errors.Is(err, client.ErrValidation) && !errors.Is(err, client.ErrCursorExpired) {
		what := "the server rejected these filters"
		hint := "f to change them · x to clear them"
		if l.search != "" {
			what = "the server rejected this search"
			hint = "/ to edit the query · f to change filters"
		}
		return []string{"", " " + st.Low.Render(common.GlyphMismatch+" "+what+": "+common.DescribeError(err)), " " + st.Dim.Render(hint)}
	}
	return []string{"", " " + st.Low.Render(common.GlyphMismatch+" could not load datasets: "+common.DescribeError(err)), " " + st.Dim.Render("r to retry")}
}

func (l *listModel) seen() filter.SeenValues {
	s := filter.NewSeenValues()
	s.AddRows(l.store.rows)
	s.AddFilters(l.filters)
	return s
}
