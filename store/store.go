package store

import (
	"context"
	"errors"
	"time"

	"github.com/dxdash/dxdash/client"
)

// Store is one account's local copy. Every method is safe for concurrent
// use, by goroutines of one process and by processes sharing one store.
// Writes of server data come from the syncer alone; the UI reads, and keeps
// its own state with SetState.
//
// Each write method is one transaction: it is all there after a crash, or
// none of it is.
type Store interface {
	// Rows returns one screen of list rows, in the query's order: the
	// first screen of 100 000 stored datasets comes back in a millisecond.
	Rows(ctx context.Context, q Query) ([]Row, error)
	// Count counts the rows a filter matches, by kind.
	Count(ctx context.Context, f Filter) (Counts, error)
	// Row returns one dataset's row; ok is false when none is stored.
	Row(ctx context.Context, id string) (row Row, ok bool, err error)
	// Details returns the stored details of ids (those that have one),
	// current or stale: see Detail.Current.
	Details(ctx context.Context, ids []string) (map[string]Detail, error)
	// NeedDetails returns those of ids whose detail is missing or stale, in
	// the order given. Ids not stored at all are returned too.
	NeedDetails(ctx context.Context, ids []string) ([]string, error)
	// DetailsWanted lists up to limit datasets, newest first, whose detail
	// the policy wants and that have none or a stale one.
	DetailsWanted(ctx context.Context, p DetailPolicy, limit int) ([]string, error)
	// Search returns the stored answer to a server search; ok is false when
	// this search was never stored.
	Search(ctx context.Context, key SearchKey) (answer SearchAnswer, ok bool, err error)
	// Walk says how far the list walk got: in progress or last finished.
	Walk(ctx context.Context) (WalkState, error)

	// PutPage stores one page of a list walk, with where the walk goes
	// next. The page that ends the walk (Next == "") marks the datasets it
	// did not see gone.
	PutPage(ctx context.Context, p Page) (PageResult, error)
	// RestartWalk starts walk w again from the first page (its cursor
	// expired), keeping what it saw.
	RestartWalk(ctx context.Context, w int64, at time.Time) error
	// PutDetail stores a dataset fetched in full at at.
	PutDetail(ctx context.Context, d client.Dataset, at time.Time) error
	// MarkStale marks the stored details of ids stale (a webhook said they
	// changed).
	MarkStale(ctx context.Context, ids []string) error
	// PutSearch stores one page of a server search's answer.
	PutSearch(ctx context.Context, p SearchPage) error

	// RecordEvent records a webhook event as processed; fresh is false when
	// its event_id was recorded before.
	RecordEvent(ctx context.Context, e Event) (fresh bool, err error)
	// PruneEvents forgets events received before a time.
	PruneEvents(ctx context.Context, before time.Time) (int, error)

	// State and SetState keep the UI's state (sort, filters, stats mode,
	// threshold): small strings by key.
	State(ctx context.Context, key string) (value string, ok bool, err error)
	SetState(ctx context.Context, key, value string) error

	// Info says what the store is, for the status bar and messages.
	Info() Info
	Close() error
}

// Row is a dataset as the list shows it: the list item's fields (no
// fields, line items or ground truth), whether it has gone from the
// account, and the state of its stored detail.
type Row struct {
	client.Dataset
	Gone   bool
	Detail DetailState
}

// DetailState says whether a dataset's detail is stored and current.
type DetailState uint8

const (
	DetailNone    DetailState = iota // never fetched
	DetailStale                      // fetched, but the dataset changed since
	DetailCurrent                    // fetched, and nothing moved since
)

// Detail is a stored full dataset.
type Detail struct {
	client.Dataset
	FetchedAt time.Time
	Current   bool // false when the dataset's updated_at moved since
}

// Sort orders rows. Ties are broken newest first, then by id.
type Sort uint8

const (
	SortNewest        Sort = iota // created_at descending
	SortAccuracy                  // overall accuracy ascending, unreviewed last
	SortMinConfidence             // lowest confidence first, none last
)

// Filter narrows rows. Zero values mean no filter. Gone datasets are left
// out unless IncludeGone is set.
type Filter struct {
	CustomerID  string
	DatasetType string
	IsVerified  *bool
	Status      string
	IncludeGone bool
}

// Query is a filter, an order and a window of it.
type Query struct {
	Filter Filter
	Sort   Sort
	Offset int
	Limit  int // 0 means 100
}

// Counts are how many rows a filter matches.
type Counts struct {
	Rows       int // all of them
	Verified   int
	Processing int
	Failed     int
	Gone       int // gone from the account (counted even without IncludeGone)
	Details    int // with a detail stored, current or stale
}

// DetailPolicy says which datasets a sync fetches in full.
type DetailPolicy uint8

const (
	DetailsNone     DetailPolicy = iota // none
	DetailsVerified                     // complete and verified: what the analytics need
	DetailsAll                          // every complete dataset
)

// SearchKey is a server search: the query and the filters it ran with.
type SearchKey struct {
	Query       string
	CustomerID  string
	DatasetType string
	IsVerified  *bool
}

// SearchAnswer is what the store holds of a search's answer.
type SearchAnswer struct {
	Rows      []Row // in the server's order
	FetchedAt time.Time
	Complete  bool   // every page is stored
	Next      string // the cursor of the next page, while not complete
}

// SearchPage is one page of a search's answer. First replaces whatever was
// stored for the key.
type SearchPage struct {
	Key   SearchKey
	First bool
	Items []client.Dataset
	Next  string
	At    time.Time
}

// Page is one page of a list walk.
type Page struct {
	Walk  int64 // from WalkState.Walk (the next walk when none is under way)
	Items []client.Dataset
	Next  string // the next page's cursor; "" ends the walk
	At    time.Time
}

// PageResult counts what a page changed.
type PageResult struct {
	New, Changed, Unchanged int
	// Gone is how many datasets the walk's last page marked gone.
	Gone int
	// ChangedIDs are the ids that were new or whose updated_at moved.
	ChangedIDs []string
}

// WalkState is the list walk: the one in progress, or the last one.
type WalkState struct {
	// Walk numbers walks. While InProgress, it is the walk under way;
	// otherwise the last one finished (0 when there was none).
	Walk       int64
	InProgress bool
	StartedAt  time.Time // of Walk
	Pages      int       // pages Walk has stored
	Cursor     string    // where Walk goes next, while in progress ("" = its first page)
	CursorAt   time.Time // when Cursor was received
	// LastComplete is when the last finished walk started: every dataset
	// is known as of then. Zero when no walk has finished.
	LastComplete   time.Time
	LastFinishedAt time.Time
}

// NextWalk is the walk number a new walk takes.
func (w WalkState) NextWalk() int64 {
	if w.InProgress {
		return w.Walk
	}
	return w.Walk + 1
}

// Event is a webhook event, for de-duplication.
type Event struct {
	ID         string
	Type       string
	DatasetID  string
	ReceivedAt time.Time
}

// Info says what a store is.
type Info struct {
	Engine string // "sqlite" or "postgres"
	Path   string // the file; "" in memory; host:port/database for postgres
	Memory bool
	// Host is the shared store's host:port/database (postgres only): what
	// the status bar shows of team mode. Never the password.
	Host string
	// Account is the account's name within a shared store (postgres only).
	Account string
}

// Errors of opening a store. Open handles them itself (a new store, or
// one in memory, and a notice); OpenSQLite returns them.
var (
	ErrCorrupt     = errors.New("the store file is damaged")
	ErrNewerSchema = errors.New("the store was written by a newer dxdash")
	ErrUnwritable  = errors.New("the store cannot be written")
	ErrClosed      = errors.New("the store is closed")
)
