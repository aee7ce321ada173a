package detail

import (
	"charm.land/bubbles/v2/key"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// detailKeys are the dataset view's keys. Some help texts follow the
// view's state (tab names the table it switches to, m what it shows next),
// so the status bar says what the key will do now.
type detailKeys struct {
	common.MoveKeys
	Back       key.Binding
	Tab        key.Binding
	Mismatches key.Binding
	NextReview key.Binding
	PrevReview key.Binding
	Review     key.Binding // the status bar's summary of n and N
	Sort       key.Binding
	Map        key.Binding
	Copy       key.Binding
	Full       key.Binding
	Reload     key.Binding
	// CloseFull and Scroll are the status bar's hints while the full
	// value is open; Back and Full close it, the move keys scroll it.
	CloseFull key.Binding
	Scroll    key.Binding

	// room is the width the status bar can give these hints, beside the
	// global keys and the budget; ShortHelp keeps to it.
	room   int
	zoomed bool
}

// hintsReserve is what the status bar needs besides the view's hints: the
// global "? help  q quit" and the budget's shortest detailed form.
const hintsReserve = 32

func newDetailKeys() detailKeys {
	return detailKeys{
		MoveKeys:   common.NewMoveKeys(),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Tab:        key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "lines")),
		Mismatches: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mismatches")),
		NextReview: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next to review")),
		PrevReview: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous to review")),
		Review:     key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n/N", "review")),
		Sort:       key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Map:        key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "map")),
		Copy:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy")),
		Full:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "full value")),
		Reload:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refetch")),
		CloseFull:  key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc", "close")),
		Scroll:     key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "scroll")),
	}
}

// ShortHelp gives the status bar the most useful keys that fit, in that
// order, so ? help stays visible on a narrow terminal.
func (k detailKeys) ShortHelp() []key.Binding {
	if k.zoomed {
		return []key.Binding{k.CloseFull, k.Scroll, k.Copy}
	}
	all := []key.Binding{k.Back, k.Tab, k.Mismatches, k.Review, k.Map, k.Sort, k.Copy, k.Reload}
	if k.room <= 0 {
		return all
	}
	used := 0
	for i, b := range all {
		h := b.Help()
		used += len([]rune(h.Key)) + 1 + len([]rune(h.Desc)) + 2
		if used > k.room && i > 0 {
			return all[:i]
		}
	}
	return all
}

func (k detailKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		k.Column(),
		{k.Back, k.Tab, k.Mismatches, k.NextReview, k.PrevReview, k.Sort},
		{k.Map, k.Copy, k.Full, k.Reload},
	}
}

// follow updates the help texts to the view's state, and offers only the
// keys that do something in it: a dataset with no fields (failed, still
// processing, not yet here) has no table to switch, filter, walk, sort,
// map or copy from.
func (k *detailKeys) follow(d *detailModel) {
	hasTable := d.rv != nil && (len(d.rv.fields) > 0 || len(d.rv.lines.rows) > 0)
	for _, b := range []*key.Binding{&k.Tab, &k.Mismatches, &k.NextReview, &k.PrevReview, &k.Review, &k.Sort, &k.Map, &k.Copy, &k.Full} {
		b.SetEnabled(hasTable)
	}
	if d.tab == tabLines {
		k.Tab.SetHelp("tab", "fields")
	} else {
		k.Tab.SetHelp("tab", "lines")
	}
	if d.mismatchesOnly {
		k.Mismatches.SetHelp("m", "all rows")
	} else {
		k.Mismatches.SetHelp("m", "mismatches")
	}
	if d.showMap {
		k.Map.SetHelp("b", "hide map")
	} else {
		k.Map.SetHelp("b", "map")
	}
	k.zoomed = d.zoomed
	if d.zoomed {
		k.Full.SetHelp("enter", "close full value")
	} else {
		k.Full.SetHelp("enter", "full value")
	}
}
