package ui

import tea "charm.land/bubbletea/v2"

// What the root asks of a view beyond the view interface, for the views
// with inputs and the views that open others.

func capturesText(v view) bool {
	tc, ok := v.(textCapturer)
	return ok && tc.capturesText()
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
