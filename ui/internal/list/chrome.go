package list

import (
	"fmt"
	"strings"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// The lines around the rows: the title, what fills an empty list, and the
// footer.

func (l *listModel) titleLine() string {
	st := l.c.Styles
	parts := []string{st.Title.Render("dxdash · " + termtext.Sanitize(l.c.Opts.Title))}
	if l.search != "" {
		parts = append(parts, "search:"+termtext.Sanitize(l.search))
	}
	parts = append(parts, st.Dim.Render(common.DescribeFilters(l.filters)), st.Dim.Render("sort: "+l.store.sort.String()+l.sortCovers()))
	if note := l.answerNote(); note != "" {
		parts = append(parts, note)
	}
	return " " + strings.Join(parts, "   ")
}

// sortCovers says which rows the sort orders: every row that matches
// (all are loaded: the store's pages cost nothing, or the listing ended),
// or only the loaded ones, the server holding more.
func (l *listModel) sortCovers() string {
	n := l.store.len()
	switch {
	case n == 0:
		return ""
	case l.paging.complete:
		return fmt.Sprintf(" · all %d", n)
	}
	return fmt.Sprintf(" · %d loaded of more", n)
}

// emptyLines fill the body when no row is loaded.
func (l *listModel) emptyLines() []string {
	p := &l.paging
	switch {
	case p.failed != nil:
		return l.failedLines(p.failed.err)
	case p.loading != nil:
		return nil // the footer's spinner says it
	case p.complete && l.c.Offline() && l.search == "":
		return l.emptyStoreLines()
	case p.complete:
		return l.noMatchLines()
	}
	return nil
}

// footerLine says how much is loaded and whether more is coming.
func (l *listModel) footerLine() string {
	st, p, n := l.c.Styles, &l.paging, l.store.len()
	if l.flash != "" {
		return " " + st.Title.Render(l.flash)
	}
	switch {
	case p.loading != nil && p.loading.number == 0 && n == 0:
		return " " + st.Busy.Render(l.c.Spinner()) + " loading datasets…"
	case p.loading != nil && p.loading.number == 0:
		return " " + st.Busy.Render(l.c.Spinner()) + fmt.Sprintf(" reloading… (%d loaded)", n)
	case p.loading != nil:
		return " " + st.Busy.Render(l.c.Spinner()) + fmt.Sprintf(" loading more… (%d loaded)", n)
	case p.failed != nil && n > 0:
		// The error line under the list has the details.
		what := "loading more failed"
		if p.failed.req.number == 0 {
			what = "reload failed"
		}
		return " " + st.Low.Render(common.GlyphMismatch+" "+what+" · r to retry") +
			st.Dim.Render(fmt.Sprintf(" (%d loaded)", n))
	case p.failed != nil, p.complete && n == 0: // the body says it
		return ""
	case p.complete:
		return " " + st.Dim.Render(fmt.Sprintf("all %d", n)) + l.markedLegend()
	}
	return " " + st.Dim.Render(fmt.Sprintf("%d loaded · more below", n)) + l.markedLegend()
}
