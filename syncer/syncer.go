package syncer

import (
	"context"
	"math"
	"sync"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
)

// Priority says who is waiting for a request.
type Priority uint8

const (
	// Interactive is a person at the keyboard: the request goes to the
	// client at once, behind at most the one background request already
	// under way.
	Interactive Priority = iota
	// Background is the syncer's own work: one request at a time, and only
	// while the rate budget has more than its headroom left.
	Background
)

// Defaults.
const (
	DefaultBackgroundShare = 0.5
	PageSize               = client.MaxListLimit
	// DefaultCursorLifetime is how long the API keeps a cursor valid; a
	// resumed walk whose cursor is older (less a margin) starts over.
	DefaultCursorLifetime = 24 * time.Hour
	cursorMargin          = time.Hour
)

// Options tune a Syncer. The zero value is the default.
type Options struct {
	// BackgroundShare is the share of the list/get budget background work
	// may take (0 < share <= 1; 0.5 by default): it sends only while more
	// than (1 - share) of the limit remains in the window.
	BackgroundShare float64
	// Clock is what background work waits on (the system clock by
	// default); the client's own clock paces the requests.
	Clock client.Clock
	// CursorLifetime is how long a stored cursor stays usable (24 h).
	CursorLifetime time.Duration
	// OnProgress hears about every page and detail a sync stores. It runs
	// on the syncing goroutine and must not block.
	OnProgress func(Progress)
}

// API is what the syncer needs of the client: *client.Client has it.
type API interface {
	ListDatasets(ctx context.Context, p client.ListParams) (client.Page, error)
	GetDataset(ctx context.Context, id string) (client.Dataset, error)
	Budget() client.Budget
}

// Syncer keeps a store current. It is the one writer of server data into
// the store. Its methods are safe for concurrent use.
type Syncer struct {
	api   API
	st    store.Store
	share float64
	clock client.Clock
	life  time.Duration
	on    func(Progress)
	// slot holds the one background request allowed out at a time.
	slot chan struct{}

	mu       sync.Mutex
	progress Progress
	syncing  sync.Mutex // one Sync at a time
}

// New returns a syncer that brings st up to date through api.
func New(api API, st store.Store, o Options) *Syncer {
	if o.BackgroundShare <= 0 || o.BackgroundShare > 1 {
		o.BackgroundShare = DefaultBackgroundShare
	}
	if o.Clock == nil {
		o.Clock = client.SystemClock{}
	}
	if o.CursorLifetime <= 0 {
		o.CursorLifetime = DefaultCursorLifetime
	}
	return &Syncer{api: api, st: st, share: o.BackgroundShare, clock: o.Clock, life: o.CursorLifetime,
		on: o.OnProgress, slot: make(chan struct{}, 1)}
}

// Store is the store the syncer writes.
func (s *Syncer) Store() store.Store { return s.st }

// request runs one API call at priority p.
func (s *Syncer) request(ctx context.Context, p Priority, call func() error) error {
	if p == Interactive {
		return call()
	}
	select {
	case s.slot <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.slot }()
	if err := s.headroom(ctx); err != nil {
		return err
	}
	return call()
}

// headroom waits until the budget has more than its reserve left: the
// share of the limit background work must leave to the person at the
// keyboard (or to another program on the same key, which the server's
// figures include).
func (s *Syncer) headroom(ctx context.Context) error {
	for {
		b := s.api.Budget().Read
		now := s.clock.Now()
		reserve := int(math.Ceil(float64(b.Limit) * (1 - s.share)))
		if b.Limit == 0 || (b.BlockedFor(now) == 0 && b.Remaining > reserve) {
			return nil
		}
		// Until a request frees, but looking again every few seconds: the
		// server's figures may move sooner than its reset says (another
		// program's requests leave the window too).
		wait := min(max(b.BlockedFor(now), b.FreesIn(now), 100*time.Millisecond), 5*time.Second)
		if err := sleep(ctx, s.clock, wait); err != nil {
			return err
		}
	}
}

func sleep(ctx context.Context, clock client.Clock, d time.Duration) error {
	fired, stop := clock.Timer(d)
	defer stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-fired:
		return nil
	}
}

// Ensure makes the stored details of ids current: it fetches those that
// are missing or stale, at priority p, and nothing for the rest (a stored,
// current detail costs no request). It returns how many it fetched. An id
// the server no longer has is skipped; the error is the first other one.
func (s *Syncer) Ensure(ctx context.Context, ids []string, p Priority) (int, error) {
	need, err := s.st.NeedDetails(ctx, ids)
	if err != nil {
		return 0, err
	}
	fetched := 0
	for _, id := range need {
		ok, err := s.fetchDetail(ctx, id, p)
		if err != nil {
			return fetched, err
		}
		if ok {
			fetched++
		}
	}
	return fetched, nil
}

// fetchDetail fetches one dataset and stores it in its own transaction;
// ok is false when the server has no such dataset.
func (s *Syncer) fetchDetail(ctx context.Context, id string, p Priority) (bool, error) {
	_, ok, err := s.Refresh(ctx, id, p)
	return ok, err
}

// Search asks the server for one page of a search (cursor "" for the
// first), interactively, stores it, and returns the stored answer so far.
func (s *Syncer) Search(ctx context.Context, key store.SearchKey, cursor string) (store.SearchAnswer, error) {
	var page client.Page
	params := client.ListParams{Search: key.Query, CustomerID: key.CustomerID, DatasetType: key.DatasetType,
		IsVerified: key.IsVerified, Limit: PageSize, Cursor: cursor}
	err := s.request(ctx, Interactive, func() (err error) {
		page, err = s.api.ListDatasets(ctx, params)
		return err
	})
	s.count(1, 0)
	if err != nil {
		return store.SearchAnswer{}, err
	}
	if err := s.st.PutSearch(ctx, store.SearchPage{Key: key, First: cursor == "", Items: page.Data,
		Next: page.NextCursor, At: s.clock.Now()}); err != nil {
		return store.SearchAnswer{}, err
	}
	a, _, err := s.st.Search(ctx, key)
	return a, err
}
