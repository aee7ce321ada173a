package ui

import (
	"context"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/syncer"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// WebhookStatus is the receiver's state as the status bar shows it.
type WebhookStatus = common.WebhookStatus

// Live connects a webhook receiver running beside the dashboard (started
// by the caller, in its own goroutines) to the dashboard's store and
// screens: the receiver fetches an event's dataset through Refresh, which
// stores it and hands the changed row to the screens as a message, so the
// list row, an open detail and the stats follow within the receiver's
// coalescing window, for the one GET the receiver makes.
type Live struct {
	cat *catalog

	mu     sync.Mutex
	status func() WebhookStatus
}

// NewLocalLive is NewLocal with a webhook receiver beside it: the caller
// gives the receiver the returned Live as its refresher and calls Changed
// from its callbacks.
func NewLocalLive(l Local, opts Options) (tea.Model, *Live) {
	cat := newCatalog(l)
	live := &Live{cat: cat}
	cat.live = live
	opts.Catalog = cat
	return newApp(cat, opts), live
}

// SetStatus gives the receiver's state for the status bar; status is
// called from the dashboard's commands, never from Update or View, and
// must not block for long.
func (l *Live) SetStatus(status func() WebhookStatus) {
	l.mu.Lock()
	l.status = status
	l.mu.Unlock()
	l.cat.notify()
}

// Changed tells the dashboard the receiver's state moved (an event taken,
// a delivery refused): the status bar shows it. It never blocks.
func (l *Live) Changed() { l.cat.notify() }

// Refresh fetches one dataset whatever the store holds, stores it and
// tells the screens: the receiver's one GET for an event.
func (l *Live) Refresh(ctx context.Context, id string, p syncer.Priority) (client.Dataset, bool, error) {
	if l.cat.sy == nil {
		return client.Dataset{}, false, ErrOffline
	}
	d, ok, err := l.cat.sy.Refresh(ctx, id, p)
	if err == nil {
		l.cat.mu.Lock()
		l.cat.changed = append(l.cat.changed, id)
		l.cat.mu.Unlock()
		l.cat.notify()
	}
	return d, ok, err
}

// webhooks is the receiver's state now (On false without one); called in
// commands.
func (l *Live) webhooks() WebhookStatus {
	if l == nil {
		return WebhookStatus{}
	}
	l.mu.Lock()
	status := l.status
	l.mu.Unlock()
	if status == nil {
		return WebhookStatus{On: true}
	}
	w := status()
	w.On = true
	return w
}
