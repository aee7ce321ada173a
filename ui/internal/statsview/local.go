package statsview

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// With a local store (a catalog), the datasets queued are first looked up
// in it in one read: the current ones need no request, and only the
// missing or stale are fetched, one at a time at the syncer's background
// priority.

// storedInFlight marks the store's read as the one thing in flight.
const storedInFlight = "\x00store"

// lookUpStored reads from the store the queued ids not looked up yet.
func (s *statsModel) lookUpStored() tea.Cmd {
	l, cat := &s.load, s.c.Opts.Catalog
	if cat == nil {
		return nil
	}
	var ids []string
	for _, id := range l.queue {
		if !l.looked[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if l.looked == nil {
		l.looked = make(map[string]bool, len(ids))
	}
	for _, id := range ids {
		l.looked[id] = true
	}
	l.inFlight = storedInFlight
	return common.StoredDetailsCmd(s.ctx, cat, s.id, ids)
}

func (s *statsModel) onStored(msg common.StoredDetailsMsg) tea.Cmd {
	l := &s.load
	if l.inFlight != storedInFlight {
		return nil
	}
	l.inFlight = ""
	offline := s.c.Opts.Catalog.Offline()
	for id, ds := range msg.Details {
		if (msg.Current[id] || offline) && ds.Status == client.StatusComplete {
			l.have[id] = ds
			s.stale = true
		}
	}
	if offline {
		// Nothing can be fetched: what the store lacks is counted, not
		// queued to fail.
		kept := l.queue[:0]
		for _, id := range l.queue {
			if _, ok := l.have[id]; !ok && l.looked[id] {
				l.notStored++
				continue
			}
			kept = append(kept, id)
		}
		l.queue = kept
	}
	return s.next()
}

// timeLeft estimates how long the queue takes at the background share of
// the budget ("" without a catalog or a known budget).
func (s *statsModel) timeLeft() string {
	l, cat := &s.load, s.c.Opts.Catalog
	if cat == nil || cat.Offline() {
		return ""
	}
	left := len(l.queue)
	if l.inFlight != "" && l.inFlight != storedInFlight {
		left++
	}
	limit := s.c.Budget.Read.Limit
	if left == 0 || limit <= 0 {
		return ""
	}
	// Background work takes half the budget by default (syncer).
	perMinute := float64(limit) / 2
	d := time.Duration(float64(left) / perMinute * float64(time.Minute)).Round(time.Second)
	return fmt.Sprintf(" · %d to fetch, about %s left at %.0f/min", left, d, perMinute)
}

// offlineNote counts, offline, the datasets left out for want of a stored
// detail.
func (s *statsModel) offlineNote() string {
	if n := s.load.notStored; n > 0 {
		return s.c.Styles.Dim.Render(fmt.Sprintf(" · %d not stored (offline)", n))
	}
	return ""
}

// forgetChanged drops the details in hand that the store holds anew (a
// webhook's GET, a sync): rescan queues them again and the store's
// current copy answers, with no request.
func (s *statsModel) forgetChanged(msg common.CatalogMsg) tea.Cmd {
	l := &s.load
	dropped := false
	for _, d := range msg.Changed {
		if _, ok := l.have[d.ID]; ok {
			delete(l.have, d.ID)
			delete(l.looked, d.ID)
			dropped = true
		}
	}
	if !dropped {
		return nil
	}
	s.rescan()
	return s.next()
}
