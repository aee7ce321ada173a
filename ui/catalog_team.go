package ui

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/syncer"
)

// Team mode: the store is shared and a listener (`dxdash listen`) owns
// the account's budget. The dashboard runs no sync of its own; what the
// store lacks is asked of the listener through a request row, and the
// command that asked waits, on a channel, for the notification that the
// answer is in. With no listener seen for ListenerGoneAfter, the
// dashboard says so and fetches with its own client; and one dashboard
// (store.Requests.StandIn decides which) syncs the store in the
// listener's place until its heartbeat is back.

// ListenerGoneAfter is how old a heartbeat may be before the listener
// counts as gone: a few of its beats (every 5 s).
const ListenerGoneAfter = 20 * time.Second

// teamAnswerWait bounds the wait for the listener's answer: past it, the
// listener is taken for stuck and the dashboard's own client answers.
const teamAnswerWait = 30 * time.Second

// team is the catalog's side of a shared store.
type team struct {
	req   store.Requests
	notes store.Notifier
	who   string
	now   func() time.Time

	// waiters are the commands waiting for a request's answer, by id;
	// any change wakes them all to look (a poll may stand for a "done").
	waiters map[int64][]chan struct{}
	// listener is its last heartbeat read, and whether it is up.
	listener   store.ListenerState
	listenerOK bool
	// standing: this dashboard's stand-in sync runs (watchTeam's alone).
	standing bool
}

// teamOf is the team side of a store that is shared, or nil.
func teamOf(st store.Store, who string) *team {
	req, ok1 := st.(store.Requests)
	notes, ok2 := st.(store.Notifier)
	if !ok1 || !ok2 {
		return nil
	}
	return &team{req: req, notes: notes, who: who, now: time.Now, waiters: map[int64][]chan struct{}{}}
}

// watchTeam runs in Start's command: it reads the heartbeat every few
// seconds and delivers the store's changes to the list (through Wait) and
// to the commands awaiting answers.
func (c *catalog) watchTeam(ctx context.Context) {
	changes := c.team.notes.Changes(ctx)
	c.readListener(ctx)
	stoodDown := make(chan struct{}, 1)
	c.standInIfGone(ctx, stoodDown)
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			c.readListener(ctx)
			c.standInIfGone(ctx, stoodDown)
		case <-stoodDown:
			c.team.standing = false
		case ch, ok := <-changes:
			if !ok {
				return
			}
			c.onChange(ctx, ch)
		}
	}
}

func (c *catalog) readListener(ctx context.Context) {
	l, ok, err := c.team.req.Listener(ctx)
	w, werr := c.st.Walk(ctx)
	c.mu.Lock()
	if err == nil {
		c.team.listener, c.team.listenerOK = l, ok
		c.status.ListenerSeen, c.status.ListenerSync = l.SeenAt, l.LastSync
		c.status.ListenerUp = ok && c.team.now().Sub(l.SeenAt) < ListenerGoneAfter
	}
	if werr == nil && !w.LastComplete.IsZero() {
		c.status.LastSynced = w.LastComplete
	}
	c.mu.Unlock()
	c.notify()
}

// onChange hands a change to the list: a dataset's row by its id, and
// for a page or a poll (no id) the newest screen of rows, which is where
// what the listener's sync found lands.
func (c *catalog) onChange(ctx context.Context, ch store.Change) {
	var ids []string
	switch ch.Kind {
	case "detail", "event", "stale":
		if ch.ID != "" {
			ids = []string{ch.ID}
		}
	case "page", "walk", "poll":
		rows, err := c.st.Rows(ctx, store.Query{Limit: 200})
		if err == nil {
			for _, r := range rows {
				ids = append(ids, r.ID)
			}
		}
		if ch.Kind != "page" {
			c.readListener(ctx)
		}
	}
	c.mu.Lock()
	c.changed = append(c.changed, ids...)
	if ch.Kind == "done" || ch.Kind == "poll" {
		for id, ws := range c.team.waiters {
			if ch.Kind == "poll" || strconv.FormatInt(id, 10) == ch.ID {
				for _, w := range ws {
					close(w)
				}
				delete(c.team.waiters, id)
			}
		}
	}
	c.mu.Unlock()
	if len(ids) > 0 {
		c.notify()
	}
}

// standInIfGone starts the stand-in sync when the listener is gone, this
// dashboard can sync (not offline) and no other dashboard stands in.
func (c *catalog) standInIfGone(ctx context.Context, stoodDown chan<- struct{}) {
	if c.team.standing || c.sy == nil || c.listenerUp() {
		return
	}
	release, ok, err := c.team.req.StandIn(ctx)
	if err != nil || !ok {
		return // another dashboard syncs, or the store will say why soon
	}
	c.team.standing = true
	go func() {
		defer func() { stoodDown <- struct{}{} }()
		defer release()
		c.standIn(ctx)
	}()
}

// standIn syncs the shared store as the listener would, until its
// heartbeat is back.
func (c *catalog) standIn(ctx context.Context) {
	c.setStandingIn(true)
	defer c.setStandingIn(false)
	c.syncEvery(ctx, c.listenerUp)
}

func (c *catalog) setStandingIn(on bool) {
	c.mu.Lock()
	c.status.StandingIn = on
	c.mu.Unlock()
	c.notify()
}

// listenerUp says whether to ask the listener rather than the API.
func (c *catalog) listenerUp() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.status.ListenerUp
}

// errListenerSilent is an answer the listener did not give in time.
var errListenerSilent = errors.New("the team's listener did not answer")

// ask files r and waits for its answer; the error is the listener's, or
// errListenerSilent (the caller then uses its own client).
func (c *catalog) ask(ctx context.Context, r store.Request) error {
	r.By, r.At = c.team.who, c.team.now()
	id, err := c.team.req.Ask(ctx, r)
	if err != nil {
		return err
	}
	deadline := time.NewTimer(teamAnswerWait)
	defer deadline.Stop()
	// The notification wakes us at once; the recheck is for one that came
	// before the store was watched (the command can run before Start's).
	recheck := time.NewTicker(2 * time.Second)
	defer recheck.Stop()
	defer func() {
		c.mu.Lock()
		delete(c.team.waiters, id)
		c.mu.Unlock()
	}()
	for {
		// Registered before looking, so an answer between the two wakes us.
		w := make(chan struct{})
		c.mu.Lock()
		c.team.waiters[id] = append(c.team.waiters[id], w)
		c.mu.Unlock()
		got, ok, err := c.team.req.Request(ctx, id)
		switch {
		case err != nil:
			return err
		case ok && !got.DoneAt.IsZero() && got.Error != "":
			return errors.New(got.Error)
		case ok && !got.DoneAt.IsZero():
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-deadline.C:
			return errListenerSilent
		case <-recheck.C:
		case <-w:
		}
	}
}

// teamDataset is a dataset the store lacks, from the listener, or from
// the dashboard's own client when no listener is there.
func (c *catalog) teamDataset(ctx context.Context, id string, p syncer.Priority) (client.Dataset, error) {
	if c.listenerUp() {
		err := c.ask(ctx, store.Request{Kind: store.RequestDataset, DatasetID: id})
		if err == nil {
			stored, err := c.st.Details(ctx, []string{id})
			if d, ok := stored[id]; err == nil && ok {
				return d.Dataset, nil
			}
			return client.Dataset{}, client.ErrNotFound
		}
		if !errors.Is(err, errListenerSilent) {
			return client.Dataset{}, err
		}
	}
	if c.sy == nil {
		return client.Dataset{}, ErrOffline
	}
	d, ok, err := c.sy.Refresh(ctx, id, p)
	if err == nil && !ok {
		err = client.ErrNotFound
	}
	return d, err
}

// teamSearch is a search's page from the listener (cursor "" for the
// first), read back from the store's answer; ok is false when the caller
// should search with its own client.
func (c *catalog) teamSearch(ctx context.Context, key store.SearchKey, cursor string) (store.SearchAnswer, bool, error) {
	if !c.listenerUp() {
		return store.SearchAnswer{}, false, nil
	}
	if err := c.ask(ctx, store.Request{Kind: store.RequestSearch, Search: key, Cursor: cursor}); err != nil {
		if errors.Is(err, errListenerSilent) {
			return store.SearchAnswer{}, false, nil
		}
		return store.SearchAnswer{}, true, err
	}
	a, ok, err := c.st.Search(ctx, key)
	return a, ok, err
}

// teamBudget is the shared budget as the listener last saw it.
func (c *catalog) teamBudget() client.Budget {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.team.listener
	return client.Budget{Read: client.Bucket{Limit: l.Limit, Remaining: l.Remaining, FreesAt: l.ResetAt}, AsOf: l.SeenAt}
}
