package common

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Key maps, one per view. The help screen and the status bar's hints are
// drawn from the active view's map, so what is shown is what works.

// MoveKeys scroll a view; the list and the detail share them.
type MoveKeys struct {
	Up       key.Binding
	Down     key.Binding
	HalfDown key.Binding
	HalfUp   key.Binding
	PageDown key.Binding
	PageUp   key.Binding
	Top      key.Binding
	Bottom   key.Binding
	// Wheel is listed in help only: the mouse wheel is not a key.
	Wheel key.Binding
	// Move is the status bar's one-word summary of Up and Down.
	Move key.Binding
}

func NewMoveKeys() MoveKeys {
	return MoveKeys{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		HalfDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		HalfUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		Wheel:    key.NewBinding(key.WithKeys("wheel"), key.WithHelp("wheel", "scroll")),
		Move:     key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "move")),
	}
}

// Motion is where a move key sends a view's cursor: some rows (with the
// screen following when paging), or the top or the bottom.
type Motion struct {
	Rows   int
	Paging bool // ctrl+d, PgDn and the like move the screen with the cursor
	To     jump
}

type jump int

const (
	noJump jump = iota
	ToTop
	ToBottom
)

// MotionFor reads msg as a move key, for a view showing page rows at once.
func (k MoveKeys) MotionFor(msg tea.KeyPressMsg, page int) (Motion, bool) {
	switch {
	case key.Matches(msg, k.Up):
		return Motion{Rows: -1}, true
	case key.Matches(msg, k.Down):
		return Motion{Rows: 1}, true
	case key.Matches(msg, k.HalfDown):
		return Motion{Rows: page / 2, Paging: true}, true
	case key.Matches(msg, k.HalfUp):
		return Motion{Rows: -page / 2, Paging: true}, true
	case key.Matches(msg, k.PageDown):
		return Motion{Rows: page, Paging: true}, true
	case key.Matches(msg, k.PageUp):
		return Motion{Rows: -page, Paging: true}, true
	case key.Matches(msg, k.Top):
		return Motion{To: ToTop}, true
	case key.Matches(msg, k.Bottom):
		return Motion{To: ToBottom}, true
	}
	return Motion{}, false
}

func (k MoveKeys) Column() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.HalfDown, k.HalfUp, k.PageDown, k.PageUp, k.Top, k.Bottom, k.Wheel}
}

// detailKeys are in detailkeys.go.
