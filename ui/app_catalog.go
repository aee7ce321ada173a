package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/ui/internal/common"
)

// onCatalog keeps the store's status for the status bar, forgets the
// cached details the changed rows have overtaken, and puts a sync's
// failure on the error line when it ends, once per different failure (a
// refused key gets the 401 screen, as a refused list page would); the next
// sync that succeeds clears it.
func (a *rootModel) onCatalog(msg common.CatalogMsg) tea.Cmd {
	was, now := a.c.Local, msg.Status
	a.c.Local = now
	for _, d := range msg.Changed {
		a.c.Details.ForgetOutdated(d)
	}
	switch {
	case now.Syncing:
		return nil
	case now.Err != nil && (was.Err == nil || was.Err.Error() != now.Err.Error()):
		return common.ReportError(a.bottomID(), "sync", now.Err, "the sync tries again in 30 s · r now")
	case now.Err == nil && was.Err != nil:
		return common.ResolveError("sync")
	}
	return nil
}

// bottomID is the list at the bottom of the stack, which never closes: the
// store's and the sync's errors belong to it, so they stay until dismissed
// or resolved whatever view is opened and closed meanwhile.
func (a *rootModel) bottomID() int {
	if v, ok := a.stack[0].(common.Identified); ok {
		return v.ID()
	}
	return 0
}
