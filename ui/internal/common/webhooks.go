package common

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The webhook receiver beside the dashboard, as the screens see it: the
// status bar shows its state, and while it listens the list and the detail
// leave processing rows to its events instead of polling them.

// WebhookFallback is how long a processing row waits with no event at all
// before it is polled once anyway: an event the API gave up on, or a
// receiver the API cannot reach, must not leave the row processing for
// good.
const WebhookFallback = 2 * time.Minute

// WebhookStatus is the receiver's state, as last heard.
type WebhookStatus struct {
	On        bool      // a receiver runs beside the dashboard
	Listening bool      // and takes deliveries now
	Since     time.Time // when the dashboard first heard it listening
	Received  int       // events accepted (first deliveries)
	LastEvent time.Time // when the last one was accepted; zero before
	Rejected  int       // deliveries refused (bad signature, oversized...)
}

// PollDue says whether a processing row last polled at polledAt (zero:
// never) is polled now. Without a listening receiver it always is; with
// one, only once the receiver, the row's last poll and the last event have
// all been quiet for WebhookFallback.
func (w WebhookStatus) PollDue(polledAt, now time.Time) bool {
	if !w.On || !w.Listening {
		return true
	}
	quiet := w.Since
	for _, t := range []time.Time{w.LastEvent, polledAt} {
		if t.After(quiet) {
			quiet = t
		}
	}
	return now.Sub(quiet) >= WebhookFallback
}

// StoredCurrentCmd reads id's stored detail and delivers it as a
// DatasetMsg when it is current (the receiver has just stored it): a live
// change reaches an open view with no request. A stale or missing one
// delivers nothing; the view keeps what it shows.
func StoredCurrentCmd(ctx context.Context, cat Catalog, api API, owner int, id string) tea.Cmd {
	return func() tea.Msg {
		d, cur, err := cat.StoredDetails(ctx, []string{id})
		if ds, ok := d[id]; err == nil && ok && cur[id] {
			return DatasetMsg{Owner: owner, ID: id, Dataset: ds, budget: api.Budget()}
		}
		return nil
	}
}

// ChangedID says whether msg carries a changed row for id.
func (msg CatalogMsg) ChangedID(id string) bool {
	for _, d := range msg.Changed {
		if d.ID == id {
			return true
		}
	}
	return false
}
