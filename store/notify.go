package store

import (
	"context"
	"time"
)

// Change is a write to a shared store, by this process or another: what
// a dashboard on the store reloads for.
type Change struct {
	// Seq is the store's change counter after the write. Counters only
	// grow, so a change with a Seq at or below one already seen is old.
	Seq int64
	// Kind says what was written: "page", "walk", "detail", "stale",
	// "search", "event", "events", "state", "request", "done"; "poll"
	// when the slow poll found the counter moved without a notification
	// (any of them, perhaps several).
	Kind string
	// ID is the dataset of a "detail" or "event", or the request of a
	// "request" or "done"; "" otherwise.
	ID string
}

// Notifier is a store that tells of changes: the PostgreSQL engine, by
// LISTEN/NOTIFY with a slow poll of its change counter as the fallback.
type Notifier interface {
	// Changes delivers the store's changes until ctx ends or the store is
	// closed, then closes the channel. Notifications are fast (on commit);
	// when they stop (a lost connection, a pooler that cannot LISTEN),
	// the counter is polled every PostgresOptions.PollInterval, so no
	// change goes unseen for longer than that. It reads the store and
	// opens the listening connection before it returns, so every write
	// committed after that is told: it does I/O, so a UI calls it from a
	// command, never from Update.
	Changes(ctx context.Context) <-chan Change
}

// RequestKind is what a dashboard asks the listener to fetch.
type RequestKind string

const (
	RequestDataset RequestKind = "dataset" // a dataset in full
	RequestSearch  RequestKind = "search"  // a server search's first page
)

// Request is a dashboard's request to the listener, kept in the shared
// store so that only the listener spends the account's budget.
type Request struct {
	ID        int64
	Kind      RequestKind
	DatasetID string    // for RequestDataset
	Search    SearchKey // for RequestSearch
	Cursor    string    // for RequestSearch: the page wanted, "" for the first
	By        string    // who asked, for the listener's log
	At        time.Time // when it was asked
	TakenAt   time.Time // when a listener took it; zero while waiting
	DoneAt    time.Time // when it was answered; zero while open
	Error     string    // why it could not be answered; "" when it was
}

// ListenerState is the listener's heartbeat as the store holds it: what
// the status bar shows of team mode.
type ListenerState struct {
	Who      string    // host and process id
	SeenAt   time.Time // its last heartbeat
	LastSync time.Time // when its last sync finished
	// The account's rate budget as the listener last saw it.
	Remaining, Limit int
	ResetAt          time.Time
}

// Requests is a shared store's queue of requests to the listener, and the
// listener's heartbeat.
type Requests interface {
	// Ask files a request and notifies the listener. A request for what is
	// already asked and not yet answered joins it: the same id comes back.
	Ask(ctx context.Context, r Request) (id int64, err error)
	// Take claims up to limit open requests for a listener, oldest first:
	// those nobody took, and those taken before retryBefore (their
	// listener stopped before answering), so a restart loses none.
	Take(ctx context.Context, now, retryBefore time.Time, limit int) ([]Request, error)
	// Finish marks a request answered (errText "" when it was) and
	// notifies the dashboards.
	Finish(ctx context.Context, id int64, errText string, at time.Time) error
	// Request reads one request; ok is false when there is none.
	Request(ctx context.Context, id int64) (r Request, ok bool, err error)
	// Beat records the listener's heartbeat. It notifies nobody: a beat
	// every few seconds must not wake every dashboard, which reads
	// Listener on its own status tick.
	Beat(ctx context.Context, l ListenerState) error
	// Listener reads the last heartbeat; ok is false when no listener
	// ever ran on this store.
	Listener(ctx context.Context) (l ListenerState, ok bool, err error)
	// StandIn claims the account's sync for a dashboard while the
	// listener is gone, one dashboard at a time: ok is false when another
	// holds it. release gives it back; a process that ends without
	// releasing (killed, disconnected) gives it back too.
	StandIn(ctx context.Context) (release func(), ok bool, err error)
}
