package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/syncer"
	"github.com/dxdash/dxdash/termtext"
)

// Team mode's listener timings. A dashboard calls the listener gone when
// its heartbeat is older than a few beats (ui's ListenerGoneAfter), and a
// request taken but not answered for retryTaken is taken again: the
// listener that took it stopped before answering.
const (
	beatEvery  = 5 * time.Second
	retryTaken = time.Minute
	takeBatch  = 16
)

// teamServer is the listener's side of a shared store: it answers the
// dashboards' request rows with the account's budget, which only it
// spends, and beats the heartbeat that tells them it is there and how
// much of the budget is left.
type teamServer struct {
	req      store.Requests
	notes    store.Notifier // nil: the ticker alone finds new requests
	syn      *syncer.Syncer
	api      *client.Client
	who      string
	out      *log.Logger
	now      func() time.Time
	lastSync atomic.Int64  // unix nanos of the last finished sync; 0 before
	synced1  chan struct{} // a sync finished: beat now, for the status bars
}

// newTeamServer is the team server of st, or nil when st is not shared.
func newTeamServer(st store.Store, syn *syncer.Syncer, api *client.Client, out *log.Logger) *teamServer {
	req, ok := st.(store.Requests)
	if !ok {
		return nil
	}
	host, _ := os.Hostname()
	t := &teamServer{req: req, syn: syn, api: api, out: out, now: time.Now,
		who: host + " pid " + strconv.Itoa(os.Getpid()), synced1: make(chan struct{}, 1)}
	t.notes, _ = st.(store.Notifier)
	return t
}

// synced records a finished sync, for the heartbeat.
func (t *teamServer) synced(at time.Time) {
	t.lastSync.Store(at.UnixNano())
	select {
	case t.synced1 <- struct{}{}:
	default:
	}
}

// run serves requests and beats until ctx ends: at once on a "request"
// notification, and on every beat for those a lost notification hid (and
// those a stopped listener took and never answered).
func (t *teamServer) run(ctx context.Context) {
	var changes <-chan store.Change
	if t.notes != nil {
		changes = t.notes.Changes(ctx)
	}
	tick := time.NewTicker(beatEvery)
	defer tick.Stop()
	t.beat(ctx)
	t.serve(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case c, ok := <-changes:
			if !ok {
				changes = nil
				continue
			}
			if c.Kind == "request" || c.Kind == "poll" {
				t.serve(ctx)
			}
		case <-t.synced1:
			t.beat(ctx)
		case <-tick.C:
			t.beat(ctx)
			t.serve(ctx)
		}
	}
}

// beat records the heartbeat with the budget as the client sees it.
func (t *teamServer) beat(ctx context.Context) {
	b := t.api.Budget()
	l := store.ListenerState{Who: t.who, SeenAt: t.now(), Remaining: b.Read.Remaining, Limit: b.Read.Limit,
		ResetAt: b.Read.FreesAt}
	if n := t.lastSync.Load(); n != 0 {
		l.LastSync = time.Unix(0, n)
	}
	if err := t.req.Beat(ctx, l); err != nil && ctx.Err() == nil {
		t.out.Println("dxdash listen: heartbeat:", termtext.Sanitize(err.Error()))
	}
}

// serve takes the open requests in batches until none is left, answering
// each into the store (the answer's write notifies the dashboards).
func (t *teamServer) serve(ctx context.Context) {
	for ctx.Err() == nil {
		now := t.now()
		reqs, err := t.req.Take(ctx, now, now.Add(-retryTaken), takeBatch)
		if err != nil {
			if ctx.Err() == nil {
				t.out.Println("dxdash listen: taking requests:", termtext.Sanitize(err.Error()))
			}
			return
		}
		if len(reqs) == 0 {
			return
		}
		for _, r := range reqs {
			errText := t.answer(ctx, r)
			if ctx.Err() != nil {
				// Left taken: the next listener takes it again.
				return
			}
			if err := t.req.Finish(ctx, r.ID, errText, t.now()); err != nil {
				t.out.Println("dxdash listen: answering request", r.ID, termtext.Sanitize(err.Error()))
				continue
			}
			line := fmt.Sprintf("dxdash listen: request %d (%s) by %s: ", r.ID, requestWhat(r), termtext.Sanitize(r.By))
			if errText == "" {
				line += "answered"
			} else {
				line += termtext.Sanitize(errText)
			}
			t.out.Println(line)
		}
	}
}

// answer fetches what r asks for into the store; "" when it did, else
// why not, for the dashboard to show.
func (t *teamServer) answer(ctx context.Context, r store.Request) string {
	switch r.Kind {
	case store.RequestDataset:
		_, ok, err := t.syn.Refresh(ctx, r.DatasetID, syncer.Interactive)
		switch {
		case err != nil:
			return err.Error()
		case !ok:
			return "no dataset " + r.DatasetID + " on the server"
		}
	case store.RequestSearch:
		if _, err := t.syn.Search(ctx, r.Search, r.Cursor); err != nil {
			return err.Error()
		}
	default:
		return "unknown request kind " + string(r.Kind)
	}
	return ""
}

func requestWhat(r store.Request) string {
	if r.Kind == store.RequestDataset {
		return "dataset " + termtext.Sanitize(r.DatasetID)
	}
	what := "search " + strconv.Quote(termtext.Sanitize(r.Search.Query))
	if r.Cursor != "" {
		what += ", a later page"
	}
	return what
}

// listenDSN is the shared store's connection string: the one
// --store-dsn-env names, else the config's; "" for the local store. ok is
// false (said on stderr) when a variable is named but not set.
func listenDSN(f listenFlags, cfg config.Config, stderr io.Writer) (dsn string, ok bool) {
	if f.dsnEnv == "" {
		return string(cfg.StoreDSN), true
	}
	dsn = strings.TrimSpace(os.Getenv(f.dsnEnv))
	if dsn == "" {
		fmt.Fprintf(stderr, "dxdash listen: --store-dsn-env: the environment variable %s is not set: set it to the shared store's connection string\n", f.dsnEnv)
		return "", false
	}
	return dsn, true
}

// openListenStore opens the local store, or the shared one when dsn is
// set. The listener migrates a shared store (under the advisory lock, so
// with `dxdash store migrate` or another listener at once is safe), and
// listens for the dashboards' requests.
func openListenStore(ctx context.Context, cfg config.Config, file, dsn string, notify func(string)) (*store.Opened, error) {
	if dsn == "" {
		return openStore(ctx, cfg, file, notify)
	}
	return store.Open(ctx, store.Options{File: file, Notify: notify, SharedDSN: dsn,
		Postgres: store.PostgresOptions{Migrate: true, Listen: true}})
}
