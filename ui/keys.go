package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// globalKeys work in every view; the root handles them.
type globalKeys struct {
	Help      key.Binding
	ErrorInfo key.Binding // only while the error line is shown
	Palette   key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		ErrorInfo: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "the whole error")),
		Palette:   key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "command")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit, always")),
	}
}

type helpKeys struct {
	Search   key.Binding // a hint: any letter filters
	Clear    key.Binding
	Close    key.Binding
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
}

func newHelpKeys() helpKeys {
	return helpKeys{
		Search:   key.NewBinding(key.WithKeys("type"), key.WithHelp("type", "search keys and marks")),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear the search")),
		Close:    key.NewBinding(key.WithKeys("esc", "?"), key.WithHelp("esc/?", "close help")),
		Up:       key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
	}
}

func (k helpKeys) ShortHelp() []key.Binding { return []key.Binding{k.Search, k.Close} }

func (k helpKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Search, k.Clear, k.Close}, {k.Up, k.Down, k.PageUp, k.PageDown}}
}

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
	return append(k.view.FullHelp(), []key.Binding{k.global.Help, k.global.Palette, k.global.ErrorInfo, k.global.Quit, k.global.ForceQuit})
}
