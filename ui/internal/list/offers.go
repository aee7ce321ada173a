package list

import (
	tea "charm.land/bubbletea/v2"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// What the list offers the views opened over it (statsSource, quickSource):
// its rows in the order shown, and its next page on request.

func (l *listModel) rows() *rowStore     { return &l.store }
func (l *listModel) columns() listLayout { return l.layout }

// reveal selects the row with id, keeping the screen where it is if the
// row is on it.
func (l *listModel) reveal(id string) {
	if pos, ok := l.store.position(id); ok {
		l.moveTo(pos)
	}
}

func (l *listModel) Len() int               { return l.store.len() }
func (l *listModel) At(pos int) *common.Row { return l.store.at(pos) }

// Version changes whenever the rows or their order do: the store's
// signature packed in one number (the row versions above, the row count and
// the sort mode below).
func (l *listModel) Version() uint64 {
	s := signatureOf(&l.store)
	return uint64(s.versions)<<32 | uint64(s.rows)<<5 | uint64(s.sort.col)<<1 | uint64(b2f(s.sort.desc))
}

func (l *listModel) Query() (common.Filters, string) { return l.filters, l.search }

func (l *listModel) Progress() common.Progress {
	p := &l.paging
	return common.Progress{Started: p.pages > 0, Loading: p.loading != nil, Complete: p.complete, Failed: p.failed != nil}
}

// LoadMore asks for the next page, unless one is on its way, the last one
// failed, none has arrived yet or there is nothing more.
func (l *listModel) LoadMore() tea.Cmd {
	p := &l.paging
	if p.loading != nil || p.failed != nil || p.complete || p.pages == 0 {
		return nil
	}
	return l.request(pageRequest{gen: p.gen, number: p.pages, params: l.params(p.nextCursor)})
}

// Neighbour is the list's DatasetNavigator: the loaded row next to id in
// the order shown.
func (l *listModel) Neighbour(id string, dir int) (common.Row, bool) {
	pos, ok := l.store.position(id)
	if !ok {
		return common.Row{}, false
	}
	pos += dir
	if pos < 0 || pos >= l.store.len() {
		return common.Row{}, false
	}
	return *l.store.at(pos), true
}
