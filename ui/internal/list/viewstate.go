package list

import (
	"encoding/json"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/ui/internal/common"
)

// The dashboard's list remembers its sort, columns and filters in the
// store (common.Catalog's SavedState), so the next session opens as this
// one was left. Only the dashboard's list: a search's list is for the
// moment.

// listStateKey names the list's state in the store.
const listStateKey = "ui.list"

// savedView is the list's state as stored: columns by name, so a state
// from another version of dxdash still reads (unknown names are dropped).
type savedView struct {
	Sort    string         `json:"sort"` // "accuracy desc"
	Hidden  []string       `json:"hidden,omitempty"`
	Order   []string       `json:"order,omitempty"`
	Filters common.Filters `json:"filters"`
}

// remembers: the dashboard's list over a store.
func (l *listModel) remembers() bool { return l.search == "" && l.c.Opts.Catalog != nil }

// restoreView takes in the last session's state; filters given at start
// (the command line's) win over remembered ones.
func (l *listModel) restoreView() {
	if !l.remembers() {
		return
	}
	raw, ok := l.c.Opts.Catalog.SavedState(listStateKey)
	if !ok {
		return
	}
	var v savedView
	if json.Unmarshal([]byte(raw), &v) != nil {
		return // another version's shape: start from the defaults
	}
	if m, ok := sortByName(v.Sort); ok {
		l.store.sort = m
	}
	l.hidden = 0
	for _, name := range v.Hidden {
		if c, ok := columnNamed(name); ok {
			l.hidden = l.hidden.with(c)
		}
	}
	l.order = restoreOrder(v.Order)
	if !l.filters.Active() {
		l.filters = v.Filters
	}
}

// restoreOrder is a stored order of column names, with any column it
// lacks (a newer version's) appended; nil for none.
func restoreOrder(names []string) []column {
	if len(names) == 0 {
		return nil
	}
	var order []column
	var seen columnSet
	for _, n := range names {
		if c, ok := columnNamed(n); ok && !seen.has(c) {
			order, seen = append(order, c), seen.with(c)
		}
	}
	for _, c := range defaultOrder {
		if !seen.has(c) {
			order = append(order, c)
		}
	}
	return order
}

// saveView keeps the list's sort, columns and filters in the store, for
// the next session; the state is encoded here, so the command captures a
// string.
func (l *listModel) saveView() tea.Cmd {
	if !l.remembers() {
		return nil
	}
	v := savedView{Sort: columnSpecs[l.store.sort.col].name + " asc", Filters: l.filters}
	if l.store.sort.desc {
		v.Sort = strings.TrimSuffix(v.Sort, " asc") + " desc"
	}
	for c := range columnCount {
		if l.hidden.has(c) {
			v.Hidden = append(v.Hidden, columnSpecs[c].name)
		}
	}
	for _, c := range l.order {
		v.Order = append(v.Order, columnSpecs[c].name)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return common.SaveStateCmd(l.c.Ctx, l.c.Opts.Catalog, listStateKey, string(raw))
}
