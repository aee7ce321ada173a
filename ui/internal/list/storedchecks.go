package list

import (
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// The CHECKS column of rows whose detail the local store holds: the rows
// on screen whose checks are not known yet are read from the store (one
// read, no request), so that a synced store shows its checks without each
// dataset being opened. Only current details go into the detail cache: a
// stale one is the detail view's to refresh when it is opened.

// storedChecksIDs are the complete rows on screen whose checks are not
// known and that were not asked of the store before.
func (l *listModel) storedChecksIDs() []string {
	var ids []string
	for pos, end := l.offset, l.screenEnd(); pos < end; pos++ {
		r := l.store.at(pos)
		if r.Status != client.StatusComplete || l.askedStore[r.ID] {
			continue
		}
		if _, known := l.c.FailedChecks(r.ID); known {
			continue
		}
		ids = append(ids, r.ID)
	}
	return ids
}

// readStoredChecks asks the store for the details behind the CHECKS of
// the rows on screen.
func (l *listModel) readStoredChecks() tea.Cmd {
	cat := l.c.Opts.Catalog
	if cat == nil {
		return nil
	}
	ids := l.storedChecksIDs()
	if len(ids) == 0 {
		return nil
	}
	if l.askedStore == nil {
		l.askedStore = make(map[string]bool)
	}
	for _, id := range ids {
		l.askedStore[id] = true
	}
	return common.StoredDetailsCmd(l.c.Ctx, cat, l.id, ids)
}

// onStoredChecks puts the current stored details in the cache and shows
// their rows' checks.
func (l *listModel) onStoredChecks(msg common.StoredDetailsMsg) {
	if msg.Err != nil {
		return // the column says "—", as before; a later screen asks again
	}
	for id, ds := range msg.Details {
		if !msg.Current[id] {
			continue
		}
		if _, held := l.c.Details.Get(id); !held {
			l.c.Details.Put(id, ds)
		}
		l.takeChecks(id)
	}
}
