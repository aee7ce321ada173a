package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/termtext"
)

// What filters change in a list: the rows it asks for, and what it says
// when none match.

// applyFilters narrows the list anew: the rows of the old filters go at
// once (they no longer answer the header) and the listing starts again
// from the first page. The request in flight for the old filters is
// cancelled, and its answer, should it come anyway, belongs to a
// generation that is over.
func (l *listModel) applyFilters(f Filters) tea.Cmd {
	if filterKeyOf(f) == filterKeyOf(l.filters) {
		return nil
	}
	l.filters = f
	l.store.reset()
	l.cursor, l.offset = 0, 0
	l.paging.restarts = 0
	return l.startGeneration(true)
}

func (f Filters) active() bool { return filterKeyOf(f) != filterKey{} }

// noMatchLines fill the body of a list that is complete and empty, and
// say what would widen it.
func (l *listModel) noMatchLines() []string {
	var text string
	switch query := strconv.Quote(termtext.Sanitize(l.search)); {
	case l.search != "" && l.filters.active():
		text = "no datasets match " + query + " with " + activeFilters(l.filters) + " · press x to clear filters"
	case l.search != "":
		text = "no datasets match " + query + " · / to edit the query"
	case l.filters.active():
		text = "no datasets match " + activeFilters(l.filters) + " · press x to clear filters"
	default:
		text = "no datasets yet"
	}
	return []string{"", " " + l.c.styles.dim.Render(text)}
}

// activeFilters names only the filters that narrow: "type:invoice ·
// verified:yes".
func activeFilters(f Filters) string {
	var parts []string
	if f.DatasetType != "" {
		parts = append(parts, "type:"+termtext.Sanitize(f.DatasetType))
	}
	if f.CustomerID != "" {
		parts = append(parts, "customer:"+termtext.Sanitize(f.CustomerID))
	}
	switch {
	case f.IsVerified == nil:
	case *f.IsVerified:
		parts = append(parts, "verified:yes")
	default:
		parts = append(parts, "verified:no")
	}
	return strings.Join(parts, " · ")
}

// failedLines fill the body of a list whose first page failed. A 400 is
// the server refusing the query or a filter: its detail says why, and
// retrying the same request cannot help.
func (l *listModel) failedLines(err error) []string {
	st := l.c.styles
	if errors.Is(err, client.ErrValidation) && !errors.Is(err, client.ErrCursorExpired) {
		what := "the server rejected these filters"
		hint := "f to change them · x to clear them"
		if l.search != "" {
			what = "the server rejected this search"
			hint = "/ to edit the query · f to change filters"
		}
		return []string{"", " " + st.low.Render(glyphMismatch+" "+what+": "+describeError(err)), " " + st.dim.Render(hint)}
	}
	return []string{"", " " + st.low.Render(glyphMismatch+" could not load datasets: "+describeError(err)), " " + st.dim.Render("r to retry")}
}

// seenValues are the customers and dataset types among rows on hand: the
// filter panel suggests them.
type seenValues struct {
	customers map[string]bool
	types     map[string]bool
}

func newSeenValues() seenValues {
	return seenValues{customers: make(map[string]bool), types: make(map[string]bool)}
}

func (s seenValues) addRows(rows []row) {
	for i := range rows {
		r := &rows[i]
		if r.customer != "" {
			s.customers[r.customer] = true
		}
		if r.docType != "" {
			s.types[r.docType] = true
		}
	}
}

// addFilters counts the values of active filters as seen: a filter set in
// the config must be offered even when no row shows it yet.
func (s seenValues) addFilters(f Filters) {
	if f.CustomerID != "" {
		s.customers[termtext.Sanitize(f.CustomerID)] = true
	}
	if f.DatasetType != "" {
		s.types[termtext.Sanitize(f.DatasetType)] = true
	}
}

func (l *listModel) seen() seenValues {
	s := newSeenValues()
	s.addRows(l.store.rows)
	s.addFilters(l.filters)
	return s
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
