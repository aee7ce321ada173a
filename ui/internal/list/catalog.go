package list

import (
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
	return l.ensurePoll()
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
