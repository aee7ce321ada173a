package ui

import tea "charm.land/bubbletea/v2"

// What the root asks of a view beyond the view interface, for the views
// with inputs and the views that open others.

// textCapturer is a view with a text input that has focus: letters, q and
// ? are text there, not commands, so the root passes every key on (ctrl+c
// still quits).
type textCapturer interface {
	capturesText() bool
}

func capturesText(v view) bool {
	tc, ok := v.(textCapturer)
	return ok && tc.capturesText()
}

// viewOpener is a view some of whose keys open another view on top of it
// (/ the search, f the filters). The root asks it before handing it the
// key, and pushes the view at once: asked for through a message, the new
// view would come after the keys typed right behind (a paste, a fast
// typist), and those would reach the old view.
type viewOpener interface {
	opens(msg tea.KeyPressMsg) view
}

// opensView is the view that msg opens over v, or nil.
func opensView(v view, msg tea.KeyPressMsg) view {
	if o, ok := v.(viewOpener); ok {
		return o.opens(msg)
	}
	return nil
}

// keyToTop hands a key to the view on top: it may open a view over
// itself, or close itself, before the next key comes.
func (a *rootModel) keyToTop(msg tea.KeyPressMsg) tea.Cmd {
	top := a.top()
	if v := opensView(top, msg); v != nil {
		return a.push(v)
	}
	cmd := top.Update(msg)
	if top.Closing() {
		return tea.Batch(cmd, a.pop())
	}
	return cmd
}
