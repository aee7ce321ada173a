package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// What the root asks of a view beyond the view interface, for the views
// with inputs and the views that open others.

func capturesText(v common.View) bool {
	tc, ok := v.(common.TextCapturer)
	return ok && tc.CapturesText()
}

// opensView is the view that msg opens over v, or nil.
func opensView(v common.View, msg tea.KeyPressMsg) common.View {
	if o, ok := v.(common.ViewOpener); ok {
		return o.Opens(msg)
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
