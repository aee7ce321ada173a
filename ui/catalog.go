package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/syncer"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// Local is the store behind a dashboard: NewLocal shows what it holds at
// once and keeps it in sync.
type Local struct {
	Store store.Store
	// API is the client; nil with Offline, when no request can be made.
	API     API
	Offline bool
	// Policy is which details a sync fetches by itself; the default
	// (DetailsNone) fetches them only as the screens need them.
	Policy store.DetailPolicy
	// BackgroundShare is the share of the budget the sync may use.
	BackgroundShare float64
	// Resync is how often the store is synced again while the dashboard
	// runs (default 5 minutes; 30 s after a failure).
	Resync time.Duration
	// Notices are what opening the store said: shown on the error line.
	Notices []string
	// TeamWhere is a shared store's host and database (never the
	// password), for the status bar; Who names this dashboard in the
	// requests it files. A shared store is team mode: see catalog_team.go.
	TeamWhere, Who string
	// Reviewer is whose views' states (sort, columns, filters, stats mode)
	// these are, on a store several people share: each keeps their own.
	// Empty on a store of one's own.
	Reviewer string
}

// ErrOffline is the answer to anything that needs a request with
// --offline.
var ErrOffline = errors.New("offline: not in the local store")

// NewLocal returns the dashboard over a local store: the list shows the
// stored rows at once, then syncs.
func NewLocal(l Local, opts Options) tea.Model {
	cat := newCatalog(l)
	opts.Catalog = cat
	return newApp(cat, opts)
}

// catalog is the store-backed API and common.Catalog. Its methods run in
// commands (they read the store and may wait on the client), never in
// Update or View.
type catalog struct {
	st      store.Store
	sy      *syncer.Syncer // nil offline
	api     API            // nil offline
	offline bool
	policy  store.DetailPolicy
	resync  time.Duration

	mu      sync.Mutex
	status  common.CatalogStatus
	marking bool     // a walk had finished before: what the sync finds new is marked
	changed []string // ids the sync stored new or changed, not yet delivered
	signal  chan struct{}
	kick    chan struct{} // SyncNow: the next sync without waiting

	// saved are the views' states of the last session (savedStateKeys),
	// read once at opening; only SaveState changes the store's copy.
	saved map[string]string
	// reviewer suffixes the state keys on a shared store (Local.Reviewer).
	reviewer string
	live     *Live // the webhook receiver beside it; nil without one
	team     *team // nil unless the store is shared
}

// savedStateKeys are the views' states read at opening (SavedState).
var savedStateKeys = []string{"ui.list", "ui.stats"}

func newCatalog(l Local) *catalog {
	c := &catalog{st: l.Store, api: l.API, offline: l.Offline || l.API == nil, policy: l.Policy,
		resync: l.Resync, signal: make(chan struct{}, 1), kick: make(chan struct{}, 1)}
	if c.resync <= 0 {
		c.resync = 5 * time.Minute
	}
	c.status.Offline = c.offline
	c.status.Notices = l.Notices
	// Opening reads one row: cheap, and the first frame's status needs it.
	if w, err := l.Store.Walk(context.Background()); err == nil {
		c.status.LastSynced = w.LastComplete
		c.marking = !w.LastComplete.IsZero()
	}
	c.saved = make(map[string]string)
	c.reviewer = l.Reviewer
	for _, k := range savedStateKeys {
		if v, ok, err := l.Store.State(context.Background(), c.stateKey(k)); err == nil && ok {
			c.saved[k] = v
		}
	}
	if c.team = teamOf(l.Store, l.Who); c.team != nil {
		c.status.Team, c.status.TeamWhere = true, l.TeamWhere
		// One row, as the walk's: the first screen's fetches then go to
		// the listener, not to this dashboard's client.
		if ls, ok, err := c.team.req.Listener(context.Background()); err == nil {
			c.team.listener, c.team.listenerOK = ls, ok
			c.status.ListenerSeen, c.status.ListenerSync = ls.SeenAt, ls.LastSync
			c.status.ListenerUp = ok && c.team.now().Sub(ls.SeenAt) < ListenerGoneAfter
		}
	}
	if !c.offline {
		c.sy = syncer.New(l.API, recorder{Store: l.Store, cat: c}, syncer.Options{
			BackgroundShare: l.BackgroundShare, OnProgress: c.onProgress})
	}
	return c
}

// recorder is the store as the syncer writes it: the pages it stores tell
// the catalog which rows are new or changed.
type recorder struct {
	store.Store
	cat *catalog
}

func (r recorder) PutPage(ctx context.Context, p store.Page) (store.PageResult, error) {
	res, err := r.Store.PutPage(ctx, p)
	if err == nil && len(res.ChangedIDs) > 0 {
		r.cat.mu.Lock()
		r.cat.changed = append(r.cat.changed, res.ChangedIDs...)
		r.cat.mu.Unlock()
		r.cat.notify()
	}
	return res, err
}

func (c *catalog) notify() {
	select {
	case c.signal <- struct{}{}:
	default:
	}
}

func (c *catalog) onProgress(p syncer.Progress) {
	c.mu.Lock()
	c.status.Syncing = p.Phase == syncer.Listing || p.Phase == syncer.Fetching
	c.status.Done = p.Pages + p.Details
	c.status.Total = c.status.Done + p.Remaining()
	c.status.Phase = p.Phase.String()
	c.mu.Unlock()
	c.notify()
}

func (c *catalog) Status() common.CatalogStatus {
	c.mu.Lock()
	s := c.status
	c.mu.Unlock()
	s.Webhooks = c.live.webhooks()
	return s
}

func (c *catalog) Offline() bool { return c.offline }

func (c *catalog) SavedState(key string) (string, bool) {
	v, ok := c.saved[key]
	return v, ok
}

func (c *catalog) SaveState(ctx context.Context, key, value string) error {
	return c.st.SetState(ctx, c.stateKey(key), value)
}

// stateKey is where the store keeps a view's state: under the reviewer's
// name on a shared store, so that one reviewer's sort is not another's.
func (c *catalog) stateKey(key string) string {
	if c.reviewer == "" {
		return key
	}
	return key + "@" + c.reviewer
}

func (c *catalog) SyncNow() {
	select {
	case c.kick <- struct{}{}:
	default: // one is asked for already
	}
}

func (c *catalog) Refetch(ctx context.Context, id string) (client.Dataset, error) {
	if c.offline {
		return c.GetDataset(ctx, id)
	}
	if c.team != nil {
		return c.teamDataset(ctx, id, syncer.Interactive)
	}
	return c.refresh(ctx, id, syncer.Interactive)
}

// Start syncs now and again every Resync until ctx ends.
func (c *catalog) Start(ctx context.Context) tea.Cmd {
	if c.team != nil {
		// The listener syncs; this dashboard watches the store.
		return func() tea.Msg { c.watchTeam(ctx); return nil }
	}
	if c.offline {
		return nil
	}
	return func() tea.Msg { c.syncEvery(ctx, nil); return nil }
}

// syncEvery syncs the store now and again every Resync (30 s after a
// failure; at once on SyncNow) until ctx ends or, when stop is not nil,
// stop says so: it is asked before each sync and every second between.
func (c *catalog) syncEvery(ctx context.Context, stop func() bool) {
	for stop == nil || !stop() {
		select {
		case <-c.kick: // r during the wait: this sync answers it
		default:
		}
		_, err := c.sy.Sync(ctx, c.policy)
		if ctx.Err() != nil {
			return
		}
		w, werr := c.st.Walk(ctx)
		c.mu.Lock()
		c.status.Syncing, c.status.Err = false, err
		if werr == nil && !w.LastComplete.IsZero() {
			c.status.LastSynced = w.LastComplete
		}
		c.mu.Unlock()
		c.notify()
		wait := c.resync
		if err != nil {
			wait = min(wait, 30*time.Second)
		}
		if !c.waitToSync(ctx, wait, stop) {
			return
		}
	}
}

// waitToSync waits for the next sync: false when ctx ends or stop says so
// meanwhile (looked at once a second; no ticker without a stop, so an idle
// dashboard does not wake for it).
func (c *catalog) waitToSync(ctx context.Context, wait time.Duration, stop func() bool) bool {
	resync := time.NewTimer(wait)
	defer resync.Stop()
	var look <-chan time.Time
	if stop != nil {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		look = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return false
		case <-c.kick:
			return true
		case <-resync.C:
			return true
		case <-look:
			if stop() {
				return false
			}
		}
	}
}

// Wait delivers the next change; the rows the sync stored are read here,
// in the command.
func (c *catalog) Wait(ctx context.Context) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-ctx.Done():
			return nil
		case <-c.signal:
		}
		c.mu.Lock()
		msg := common.CatalogMsg{Status: c.status}
		msg.Status.Webhooks = c.live.webhooks()
		ids, marking := c.changed, c.marking
		c.changed = nil
		c.mu.Unlock()
		if marking && len(ids) > 0 {
			msg.Marked = make(map[string]bool, len(ids))
		}
		for _, id := range ids {
			r, ok, err := c.st.Row(ctx, id)
			if err != nil || !ok || r.Gone {
				continue
			}
			msg.Changed = append(msg.Changed, r.Dataset)
			if msg.Marked != nil {
				msg.Marked[id] = true
			}
		}
		return msg
	}
}

func (c *catalog) Budget() client.Budget {
	if c.team != nil && c.listenerUp() {
		return c.teamBudget()
	}
	if c.api == nil {
		return client.Budget{}
	}
	return c.api.Budget()
}

// Cursors the catalog hands out: "s:<offset>" pages the stored rows, and
// "q:<rows so far>:<server cursor>" a stored server search. Any other
// cursor is the server's own (a first session, whose list is fetched as
// before while the sync fills the store).
const (
	storedPrefix = "s:"
	searchPrefix = "q:"
	// storedPage is how many stored rows a page past the first holds: the
	// list loads them all at once, for sort and the quick filter.
	storedPage = 2000
)

func (c *catalog) FreePage(cursor string) bool { return strings.HasPrefix(cursor, storedPrefix) }

func filterOf(p client.ListParams) store.Filter {
	return store.Filter{CustomerID: p.CustomerID, DatasetType: p.DatasetType, IsVerified: p.IsVerified}
}

func (c *catalog) ListDatasets(ctx context.Context, p client.ListParams) (client.Page, error) {
	if p.Search != "" {
		return c.search(ctx, p)
	}
	switch {
	case strings.HasPrefix(p.Cursor, storedPrefix):
		offset, err := strconv.Atoi(strings.TrimPrefix(p.Cursor, storedPrefix))
		if err != nil {
			return client.Page{}, client.ErrCursorExpired
		}
		return c.storedPage(ctx, p, offset, storedPage)
	case p.Cursor != "" && !c.offline && c.team == nil && c.Status().LastSynced.IsZero():
		return c.api.ListDatasets(ctx, p)
	case p.Cursor != "":
		// A first session's server cursor, after the sync stored a
		// complete walk: every row has reached the list through the
		// sync's changes, so the listing ends here, with no request.
		return client.Page{}, nil
	}
	counts, err := c.st.Count(ctx, filterOf(p))
	if err != nil {
		return client.Page{}, err
	}
	if counts.Rows == 0 && !c.offline && c.team == nil && c.Status().LastSynced.IsZero() {
		// Nothing stored yet: the first page comes from the server, as
		// without a store; the sync stores it all meanwhile.
		return c.api.ListDatasets(ctx, p)
	}
	return c.storedPage(ctx, p, 0, max(p.Limit, 1))
}

func (c *catalog) storedPage(ctx context.Context, p client.ListParams, offset, limit int) (client.Page, error) {
	rows, err := c.st.Rows(ctx, store.Query{Filter: filterOf(p), Offset: offset, Limit: limit})
	if err != nil {
		return client.Page{}, err
	}
	page := client.Page{Data: datasets(rows)}
	if len(rows) == limit {
		page.NextCursor = storedPrefix + strconv.Itoa(offset+len(rows))
	}
	return page, nil
}

func datasets(rows []store.Row) []client.Dataset {
	out := make([]client.Dataset, len(rows))
	for i, r := range rows {
		out[i] = r.Dataset
	}
	return out
}

// GetDataset answers from the store when the stored detail is current
// (no request); otherwise it fetches and stores it. A processing dataset
// is always fetched: its poll must see it move on.
func (c *catalog) GetDataset(ctx context.Context, id string) (client.Dataset, error) {
	stored, err := c.st.Details(ctx, []string{id})
	if err != nil && c.offline {
		return client.Dataset{}, err
	}
	d, ok := stored[id]
	switch {
	case c.offline && ok:
		return d.Dataset, nil
	case c.offline:
		return client.Dataset{}, ErrOffline
	case ok && d.Current && d.Status != client.StatusProcessing:
		return d.Dataset, nil
	case c.team != nil && ok && d.Current:
		// Processing, in team mode: the listener's webhooks move it on in
		// the store; a poll of the API would spend the team's budget.
		return d.Dataset, nil
	case c.team != nil:
		return c.teamDataset(ctx, id, syncer.Interactive)
	}
	return c.refresh(ctx, id, syncer.Interactive)
}

// refresh fetches and stores one dataset at priority p; one the server no
// longer has is client.ErrNotFound, as the client says it.
func (c *catalog) refresh(ctx context.Context, id string, p syncer.Priority) (client.Dataset, error) {
	d, ok, err := c.sy.Refresh(ctx, id, p)
	if err == nil && !ok {
		err = client.ErrNotFound
	}
	return d, err
}

func (c *catalog) FetchBackground(ctx context.Context, id string) (client.Dataset, error) {
	stored, err := c.st.Details(ctx, []string{id})
	if d, ok := stored[id]; err == nil && ok && (d.Current || c.offline) {
		return d.Dataset, nil
	}
	if c.offline {
		return client.Dataset{}, ErrOffline
	}
	if c.team != nil {
		return c.teamDataset(ctx, id, syncer.Background)
	}
	return c.refresh(ctx, id, syncer.Background)
}

func (c *catalog) StoredDetails(ctx context.Context, ids []string) (map[string]client.Dataset, map[string]bool, error) {
	stored, err := c.st.Details(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	details := make(map[string]client.Dataset, len(stored))
	current := make(map[string]bool, len(stored))
	for id, d := range stored {
		details[id] = d.Dataset
		current[id] = d.Current
	}
	return details, current, nil
}
