package common

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// View is one screen above the status bar: the list, a dataset, help.
// Views are small models with their own state and key map; the root keeps
// them on a stack and routes to them.
type View interface {
	// Init starts what the view needs when it is first shown.
	Init() tea.Cmd
	// Update handles one message. Keys and the mouse reach only the view on
	// top; every other message reaches every view on the stack, and each
	// ignores answers addressed to another.
	Update(msg tea.Msg) tea.Cmd
	// View returns exactly the size last given to SetSize.
	View() string
	SetSize(width, height int)
	// Name titles the help screen.
	Name() string
	// Keys are the view's own keys, for the help screen and the status bar.
	Keys() help.KeyMap
	// Busy reports an animation on screen (a spinner), so the root keeps
	// the clock ticking.
	Busy() bool
	// Focus says the view is now on top (again); Blur that another covers
	// it. A covered view keeps its state exactly and stops polling.
	Focus() tea.Cmd
	Blur()
	// Closing says the last key handled closed the view (esc, enter in the
	// filter panel). The root closes it before the next key: closed through
	// a message, the keys typed right behind (esc j) would reach the view
	// being closed instead of the one under it.
	Closing() bool
}

// Identified is a view that answers to an id: a message can name the view
// it is for (a detail that n replaces with the next dataset).
type Identified interface {
	ID() int
}

// Owner is a view that holds others' ids too (a search and its results):
// errors reported under them are its own.
type Owner interface {
	Owns(id int) bool
}

// Owns says whether v is, or holds, the view with id.
func Owns(v View, id int) bool {
	if o, ok := v.(Owner); ok {
		return o.Owns(id)
	}
	i, ok := v.(Identified)
	return ok && i.ID() == id
}

// TextCapturer is a view with a text input that has focus: letters, q and
// ? are text there, not commands, so the root passes every key on (ctrl+c
// still quits).
type TextCapturer interface {
	CapturesText() bool
}

// ViewOpener is a view some of whose keys open another view on top of it
// (/ the search, f the filters). The root asks it before handing it the
// key, and pushes the view at once: asked for through a message, the new
// view would come after the keys typed right behind (a paste, a fast
// typist), and those would reach the old view.
type ViewOpener interface {
	Opens(msg tea.KeyPressMsg) View
}
