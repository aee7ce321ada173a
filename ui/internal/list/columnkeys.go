package list

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Sorting by any column and arranging the columns from the keyboard and
// the mouse. The sorted column is also the one the column keys act on:
// < and > pick it, { and } move it, - hides it.

type columnKeys struct {
	SortPrev, SortNext key.Binding
	Reverse            key.Binding
	MoveLeft           key.Binding
	MoveRight          key.Binding
	Hide, ShowAll      key.Binding
}

func newColumnKeys() columnKeys {
	return columnKeys{
		SortPrev:  key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "sort by the column to the left")),
		SortNext:  key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "sort by the column to the right")),
		Reverse:   key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "reverse the sort")),
		MoveLeft:  key.NewBinding(key.WithKeys("{"), key.WithHelp("{", "move the sorted column left")),
		MoveRight: key.NewBinding(key.WithKeys("}"), key.WithHelp("}", "move the sorted column right")),
		Hide:      key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "hide the sorted column")),
		ShowAll:   key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "show hidden columns")),
	}
}

func (k columnKeys) column() []key.Binding {
	return []key.Binding{k.SortPrev, k.SortNext, k.Reverse, k.MoveLeft, k.MoveRight, k.Hide, k.ShowAll}
}

// handleColumnKey is the column keys; false for any other key.
func (l *listModel) handleColumnKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := l.keys.columnKeys
	switch {
	case key.Matches(msg, k.SortPrev):
		l.sortBy(l.neighbour(-1))
	case key.Matches(msg, k.SortNext):
		l.sortBy(l.neighbour(1))
	case key.Matches(msg, k.Reverse):
		m := l.store.sort
		m.desc = !m.desc
		l.sortBy(m)
	case key.Matches(msg, k.MoveLeft):
		l.moveColumn(-1)
	case key.Matches(msg, k.MoveRight):
		l.moveColumn(1)
	case key.Matches(msg, k.Hide):
		if c := l.store.sort.col; c != colDocument {
			l.hidden = l.hidden.with(c)
			l.relayout()
		}
	case key.Matches(msg, k.ShowAll):
		l.hidden = 0
		l.relayout()
	default:
		return nil, false
	}
	return tea.Batch(l.afterMove(), l.saveView()), true
}

// sortBy sorts the rows by m and shows the first of them: what a sort is
// asked for (the worst accuracy, the newest). Keeping the selected row's
// place would show, after most sorts, the rows without the figure.
func (l *listModel) sortBy(m sortMode) {
	l.store.setSort(m)
	l.moveTo(0)
}

// neighbour is the sort by the shown column step places from the sorted
// one in the columns' order (wrapping), in that column's usual direction.
// The sorted column may be hidden: its neighbours are still where it was.
func (l *listModel) neighbour(step int) sortMode {
	order := l.columnOrder()
	at := max(slices.Index(order, l.store.sort.col), 0)
	for range order {
		at = (at + step + len(order)) % len(order)
		if c := order[at]; slices.Contains(l.layout.cols, c) {
			return sortMode{col: c, desc: columnSpecs[c].descFirst}
		}
	}
	return l.store.sort
}

// moveColumn moves the sorted column step places in the user's order.
func (l *listModel) moveColumn(step int) {
	order := l.columnOrder()
	at := slices.Index(order, l.store.sort.col)
	to := at + step
	if at < 0 || to < 0 || to >= len(order) {
		return
	}
	order[at], order[to] = order[to], order[at]
	l.order = order
	l.relayout()
}

// columnOrder is a copy of the user's order of the columns.
func (l *listModel) columnOrder() []column {
	if l.order == nil {
		return slices.Clone(defaultOrder)
	}
	return slices.Clone(l.order)
}

// relayout fits the columns to the width again after it or the columns'
// arrangement changed; rows cached for the old layout are drawn again.
func (l *listModel) relayout() {
	l.layout = newListLayout(l.width, l.order, l.hidden)
	l.layoutGen++
}

type headerKey struct {
	layout, styleGen uint32
	sort             sortMode
}

func (l *listModel) headerLine() string {
	k := headerKey{layout: l.layoutGen, styleGen: l.c.StyleGen, sort: l.store.sort}
	if k != l.headerKey || l.header == "" {
		l.header, l.headerKey = l.layout.header(l.c.Styles, l.store.sort), k
	}
	return l.header
}

// clickHeader sorts by the column clicked; a click on the sorted column
// reverses it.
func (l *listModel) clickHeader(x int) tea.Cmd {
	c, ok := l.layout.columnAt(x)
	if !ok {
		return nil
	}
	m := sortMode{col: c, desc: columnSpecs[c].descFirst}
	if c == l.store.sort.col {
		m.desc = !l.store.sort.desc
	}
	l.sortBy(m)
	return tea.Batch(l.afterMove(), l.saveView())
}
