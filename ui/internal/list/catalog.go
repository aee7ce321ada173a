package list

import (
	"time"

	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// onCatalog takes the rows the sync stored new or changed into the list
// (not a search's results: those are the server's answer), those that
// match its filters, marking the ones changed since the last session.
func (l *listModel) onCatalog(msg common.CatalogMsg) tea.Cmd {
	if l.search != "" || len(msg.Changed) == 0 {
		return nil
	}
	fit := make([]client.Dataset, 0, len(msg.Changed))
	for _, d := range msg.Changed {
		if matchesFilters(l.filters, d) {
			fit = append(fit, d)
		}
	}
	if len(fit) == 0 {
		return nil
	}
	l.keepSelection(func() { l.store.upsertMarked(fit, msg.Marked) })
	for _, d := range fit {
		delete(l.askedStore, d.ID) // its stored detail may be new: ask again
	}
	return tea.Batch(l.ensurePoll(), l.readStoredChecks())
}

func matchesFilters(f common.Filters, d client.Dataset) bool {
	return (f.CustomerID == "" || f.CustomerID == d.CustomerID) &&
		(f.DatasetType == "" || f.DatasetType == d.DatasetType) &&
		(f.IsVerified == nil || *f.IsVerified == d.IsVerified)
}

// markedLegend explains the mark, while some row has it.
func (l *listModel) markedLegend() string {
	if len(l.store.marked) == 0 {
		return ""
	}
	st := l.c.Styles
	return st.Dim.Render(" · ") + st.Busy.Render(common.GlyphChanged) +
		st.Dim.Render(fmt.Sprintf(" %d new or changed since the last session", len(l.store.marked)))
}

// A search's stored answer: shown at once, marked, until the server's
// fresh one replaces it; offline the answer is the store's own search.

type storedSearchMsg struct {
	list int
	gen  uint64
	page client.Page
	at   time.Time
}

// storedSearchCmd reads the stored answer to this list's search, online
// (offline the search itself is answered locally).
func (l *listModel) storedSearchCmd() tea.Cmd {
	cat := l.c.Opts.Catalog
	if cat == nil || cat.Offline() || l.search == "" {
		return nil
	}
	ctx, id, gen, params := l.c.Ctx, l.id, l.paging.gen, l.params("")
	return func() tea.Msg {
		page, at, ok := cat.StoredSearch(ctx, params)
		if !ok {
			return nil
		}
		return storedSearchMsg{list: id, gen: gen, page: page, at: at}
	}
}

func (l *listModel) onStoredSearch(msg storedSearchMsg) {
	if msg.gen != l.paging.gen || l.paging.pages > 0 {
		return // the fresh answer came first
	}
	l.keepSelection(func() { l.store.upsert(msg.page.Data) })
	l.storedAt = msg.at
}

// answerNote says where a search's rows come from when not the server
// just now.
func (l *listModel) answerNote() string {
	st := l.c.Styles
	switch {
	case l.search == "":
		return ""
	case l.c.Offline():
		return st.Medium.Render("local answer") + st.Dim.Render(" (stored values, offline)")
	case !l.storedAt.IsZero():
		return st.Busy.Render(l.c.Spinner()+" stored answer") + st.Dim.Render(" of "+l.storedAt.Format("Jan 2 15:04")+" · refreshing…")
	}
	return ""
}

// emptyStoreLines: offline, nothing is stored that matches.
func (l *listModel) emptyStoreLines() []string {
	st := l.c.Styles
	return []string{
		"",
		" nothing stored matches: offline, only the local store is shown",
		st.Dim.Render(" run dxdash (or dxdash sync) online once to fill it"),
	}
}
