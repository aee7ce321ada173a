package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Key maps, one per view. The help screen and the status bar's hints are
// drawn from the active view's map, so what is shown is what works.

// globalKeys work in every view; the root handles them.
type globalKeys struct {
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit, always")),
	}
}

// moveKeys scroll a view; the list and the detail share them.
type moveKeys struct {
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

func newMoveKeys() moveKeys {
	return moveKeys{
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

// motion is where a move key sends a view's cursor: some rows (with the
// screen following when paging), or the top or the bottom.
type motion struct {
	rows   int
	paging bool // ctrl+d, PgDn and the like move the screen with the cursor
	to     jump
}

type jump int

const (
	noJump jump = iota
	toTop
	toBottom
)

// motionFor reads msg as a move key, for a view showing page rows at once.
func (k moveKeys) motionFor(msg tea.KeyPressMsg, page int) (motion, bool) {
	switch {
	case key.Matches(msg, k.Up):
		return motion{rows: -1}, true
	case key.Matches(msg, k.Down):
		return motion{rows: 1}, true
	case key.Matches(msg, k.HalfDown):
		return motion{rows: page / 2, paging: true}, true
	case key.Matches(msg, k.HalfUp):
		return motion{rows: -page / 2, paging: true}, true
	case key.Matches(msg, k.PageDown):
		return motion{rows: page, paging: true}, true
	case key.Matches(msg, k.PageUp):
		return motion{rows: -page, paging: true}, true
	case key.Matches(msg, k.Top):
		return motion{to: toTop}, true
	case key.Matches(msg, k.Bottom):
		return motion{to: toBottom}, true
	}
	return motion{}, false
}

func (k moveKeys) column() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.HalfDown, k.HalfUp, k.PageDown, k.PageUp, k.Top, k.Bottom, k.Wheel}
}

type listKeys struct {
	moveKeys
	findKeys // searchkeys.go
	Open     key.Binding
	Sort     key.Binding
	Reload   key.Binding
	Dismiss  key.Binding
	Stats    key.Binding
}

func newListKeys() listKeys {
	return listKeys{
		moveKeys: newMoveKeys(),
		findKeys: newFindKeys(),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Sort:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Reload:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Dismiss:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "dismiss error")),
		Stats:    key.NewBinding(key.WithKeys("S", "tab"), key.WithHelp("S/tab", "accuracy stats")),
	}
}

func (k listKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Move, k.Open, k.Search, k.Filter, k.Sort, k.Reload}
}

func (k listKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.column(), {k.Open, k.Sort, k.Reload, k.Dismiss, k.Stats}, k.findColumn()}
}

// detailKeys are in detailkeys.go.

type helpKeys struct {
	Close key.Binding
	Up    key.Binding
	Down  key.Binding
}

func newHelpKeys() helpKeys {
	return helpKeys{
		Close: key.NewBinding(key.WithKeys("esc", "?"), key.WithHelp("esc/?", "close help")),
		Up:    key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "scroll up")),
		Down:  key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "scroll down")),
	}
}

func (k helpKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Close} }
func (k helpKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Close, k.Up, k.Down}} }

// withGlobal adds the global keys to a view's map: last in the short hints,
// a column of their own in full help.
type withGlobal struct {
	view   help.KeyMap
	global globalKeys
	// inHelp: the view is the help screen, where ? closes rather than
	// opens, and the help screen's own hint says so.
	inHelp bool
	// typing: an input has the keys, ? and q are text there, and only
	// ctrl+c quits.
	typing bool
}

func (k withGlobal) ShortHelp() []key.Binding {
	if k.typing {
		quit := k.global.ForceQuit
		quit.SetHelp("ctrl+c", "quit")
		return append(k.view.ShortHelp(), quit)
	}
	if k.inHelp {
		return append(k.view.ShortHelp(), k.global.Quit)
	}
	return append(k.view.ShortHelp(), k.global.Help, k.global.Quit)
}

func (k withGlobal) FullHelp() [][]key.Binding {
	return append(k.view.FullHelp(), []key.Binding{k.global.Help, k.global.Quit, k.global.ForceQuit})
}
