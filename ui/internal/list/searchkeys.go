package list

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/filter"
	"github.com/dxdash/dxdash/ui/internal/statsview"
)

// findKeys narrow what a list shows: a search on the server, filters, and
// the quick filter over the rows already loaded.
type findKeys struct {
	Search       key.Binding
	Filter       key.Binding
	ClearFilters key.Binding
	QuickFilter  key.Binding
	FailedChecks key.Binding
}

func newFindKeys() findKeys {
	return findKeys{
		Search:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Filter:       key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter")),
		ClearFilters: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "clear filters")),
		QuickFilter:  key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "filter loaded rows")),
		FailedChecks: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "rows with failed checks")),
	}
}

func (k findKeys) findColumn() []key.Binding {
	return []key.Binding{k.Search, k.Filter, k.ClearFilters, k.QuickFilter, k.FailedChecks}
}

// Opens returns the view a key opens over this list: the search, the
// filter panel or the quick filter; nil for any other key.
func (l *listModel) Opens(msg tea.KeyPressMsg) common.View {
	k := l.keys.findKeys
	switch {
	case key.Matches(msg, k.Search):
		if l.searches == nil {
			l.searches = newSearchCache()
		}
		return newSearchModel(l.c, l, l.searches)
	case key.Matches(msg, k.Filter):
		return filter.NewFilterModel(l.c, l, l.filters, l.seen(), l.applyFilters)
	case key.Matches(msg, k.QuickFilter):
		return newQuickFilterModel(l.c, l)
	case key.Matches(msg, k.FailedChecks):
		return newFailedChecksFilter(l.c, l)
	case key.Matches(msg, l.keys.Stats):
		return statsview.NewStatsModel(l.c, l)
	}
	return nil
}

// handleFindKey is x, which clears the filters; the other find keys open
// views (opens).
func (l *listModel) handleFindKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, l.keys.ClearFilters) {
		return l.applyFilters(common.Filters{})
	}
	return nil
}

// searchKeys are the search view's: one map while the query is typed, the
// list's keys and a few more once the results have focus.
type searchKeys struct {
	// Typing.
	Submit key.Binding
	Leave  key.Binding
	// Browsing the results.
	list        listKeys
	Edit        key.Binding
	Back        key.Binding
	Filter      key.Binding
	Clear       key.Binding
	QuickFilter key.Binding
}

func newSearchKeys() searchKeys {
	find := newFindKeys()
	return searchKeys{
		Submit:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search now")),
		Leave:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave the input")),
		list:        newListKeys(),
		Edit:        key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "edit query")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Filter:      find.Filter,
		Clear:       find.ClearFilters,
		QuickFilter: find.QuickFilter,
	}
}

// searchTypingKeys is the help while the query has focus: every other key
// is text.
type searchTypingKeys struct{ k searchKeys }

func (m searchTypingKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.k.Submit, m.k.Leave}
}

func (m searchTypingKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.k.Submit, m.k.Leave}}
}

// searchResultKeys is the help while the results have focus.
type searchResultKeys struct{ k searchKeys }

func (m searchResultKeys) ShortHelp() []key.Binding {
	l := m.k.list
	return []key.Binding{l.Move, l.Open, m.k.Edit, m.k.Filter, m.k.Back}
}

func (m searchResultKeys) FullHelp() [][]key.Binding {
	l := m.k.list
	return [][]key.Binding{
		l.Column(),
		{l.Open, l.Sort, l.Reload, l.Stats},
		{m.k.Edit, m.k.Filter, m.k.Clear, m.k.QuickFilter, m.k.Back},
	}
}
