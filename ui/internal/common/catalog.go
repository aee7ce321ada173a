package common

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
)

// Catalog is the local store of the account as the views see it: stored
// rows and details read without a request, and the sync's progress. The
// ui root's store-backed adapter implements it (and API, answering list
// pages from the store); views use it only through commands, never from
// Update or View. Options.Catalog is nil when the store is off.
type Catalog interface {
	// StoredDetails returns the stored details of ids; current says, per
	// id, that nothing moved since it was fetched (a stale one is shown
	// marked "refreshing" while a fresh copy is fetched).
	StoredDetails(ctx context.Context, ids []string) (details map[string]client.Dataset, current map[string]bool, err error)
	// FetchBackground fetches one detail at the syncer's background
	// priority (the stats view's work), storing it; a stored current one
	// costs nothing.
	FetchBackground(ctx context.Context, id string) (client.Dataset, error)
	// FreePage says the page a cursor names is read from the store: the
	// list may load it at once, for sort and the quick filter over every
	// stored row.
	FreePage(cursor string) bool
	// StoredSearch is the stored answer to a search (the first page), for
	// showing at once before the server's fresh one; ok is false when it
	// was never stored.
	StoredSearch(ctx context.Context, p client.ListParams) (page client.Page, at time.Time, ok bool)
	// Refetch fetches one dataset from the server whatever the store
	// holds, and stores it: r in the detail.
	Refetch(ctx context.Context, id string) (client.Dataset, error)
	// SyncNow starts the next sync at once rather than at its interval
	// (r in the list); it never blocks.
	SyncNow()
	// Offline: no request can be made; searches are answered locally.
	Offline() bool
	// Start begins the session's sync; its progress arrives as CatalogMsg
	// through Wait. Nil when offline.
	Start(ctx context.Context) tea.Cmd
	// Wait delivers the next change (progress, new or changed rows,
	// notices) as a CatalogMsg; the root issues it again after each.
	Wait(ctx context.Context) tea.Cmd
	// Status is the store's state now, for the first frame.
	Status() CatalogStatus
	// SavedState is what a view kept under key in an earlier session
	// (its sort, columns, filters): read when the store was opened, so
	// it costs no I/O and may be asked from a view's constructor.
	SavedState(key string) (string, bool)
	// SaveState keeps value under key for the next session; it writes
	// the store, so only from a command.
	SaveState(ctx context.Context, key, value string) error
}

// SaveStateCmd keeps a view's state in the store. A preference that could
// not be kept is not worth the error line: the session goes on as it is.
func SaveStateCmd(ctx context.Context, cat Catalog, key, value string) tea.Cmd {
	if cat == nil {
		return nil
	}
	return func() tea.Msg {
		_ = cat.SaveState(ctx, key, value)
		return nil
	}
}

// CatalogStatus is what the status bar says of the store.
type CatalogStatus struct {
	Offline    bool
	LastSynced time.Time // when the last complete sync walk started; zero: never
	Syncing    bool
	Done       int // requests of the sync under way made so far
	Total      int // and expected in all (0: unknown)
	Phase      string
	Err        error    // the last sync's failure, until the next succeeds
	Notices    []string // what opening the store said (moved aside, in memory...)
	// Webhooks is the receiver beside the dashboard (On false: none).
	Webhooks WebhookStatus
	// Team mode (a shared store): where it is (host and database, never
	// the password), whether its listener is there, and when it last
	// synced; the shared budget comes through Budget.
	Team         bool
	TeamWhere    string
	ListenerUp   bool      // a heartbeat within ListenerGoneAfter
	ListenerSeen time.Time // its last heartbeat; zero: never
	ListenerSync time.Time // its last finished sync
	// StandingIn: the listener is gone and this dashboard syncs the shared
	// store in its place (one dashboard at a time).
	StandingIn bool
}

// CatalogMsg is a change of the store: the status, and the rows the sync
// found new or changed (for the list to show, marked when they changed
// since the last session).
type CatalogMsg struct {
	Status  CatalogStatus
	Changed []client.Dataset
	// Marked are the ids of Changed that are new or changed since the
	// last session (none in a first session: everything is new then).
	Marked map[string]bool
}

// StoredDetailMsg is a stored detail delivered before the fresh one: the
// detail view shows it marked "refreshing".
type StoredDetailMsg struct {
	Owner   int
	ID      string
	Dataset client.Dataset
}

// StoredDetailsMsg are stored details read in one batch for a view (the
// stats view): Current ones need no request.
type StoredDetailsMsg struct {
	Owner   int
	Details map[string]client.Dataset
	Current map[string]bool
	Err     error
}

// StoredDetailsCmd reads the stored details of ids, by value.
func StoredDetailsCmd(ctx context.Context, cat Catalog, owner int, ids []string) tea.Cmd {
	ids = append([]string(nil), ids...)
	return func() tea.Msg {
		d, cur, err := cat.StoredDetails(ctx, ids)
		return StoredDetailsMsg{Owner: owner, Details: d, Current: cur, Err: err}
	}
}

// FetchBackgroundCmd fetches one detail at background priority.
func FetchBackgroundCmd(ctx context.Context, cat Catalog, api API, owner int, id string) tea.Cmd {
	return func() tea.Msg {
		ds, err := cat.FetchBackground(ctx, id)
		return DatasetMsg{Owner: owner, ID: id, Dataset: ds, Err: err, budget: api.Budget()}
	}
}

// OpenDetailCmd is the detail's fetch with a catalog: a stored current
// detail is the answer (no request); a stale one comes as a
// StoredDetailMsg, and the view then fetches the fresh one.
func OpenDetailCmd(ctx context.Context, cat Catalog, api API, owner int, id string) tea.Cmd {
	return func() tea.Msg {
		d, cur, err := cat.StoredDetails(ctx, []string{id})
		ds, ok := d[id]
		switch {
		case err != nil || !ok:
			return FetchDatasetCmd(ctx, api, owner, id)()
		case cur[id] || cat.Offline():
			return DatasetMsg{Owner: owner, ID: id, Dataset: ds, budget: api.Budget()}
		}
		return StoredDetailMsg{Owner: owner, ID: id, Dataset: ds}
	}
}

// RefetchCmd is r in the detail with a catalog: a request, whatever is
// stored.
func RefetchCmd(ctx context.Context, cat Catalog, api API, owner int, id string) tea.Cmd {
	return func() tea.Msg {
		ds, err := cat.Refetch(ctx, id)
		return DatasetMsg{Owner: owner, ID: id, Dataset: ds, Err: err, budget: api.Budget()}
	}
}

// SyncNowCmd asks the catalog for a sync now.
func SyncNowCmd(cat Catalog) tea.Cmd {
	return func() tea.Msg {
		cat.SyncNow()
		return nil
	}
}
