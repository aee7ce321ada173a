package receiver

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/client/webhook"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/syncer"
)

// Defaults.
const (
	DefaultPath = "/webhooks/dataextractor"
	// DefaultRetention is how long an event_id is remembered: far longer
	// than the API retries a delivery (five retries, about 31 minutes).
	DefaultRetention = webhook.DefaultDedupeTTL
	// DefaultCoalesce is how long a dataset's GET waits after its first
	// event, so that events close together share it.
	DefaultCoalesce = 250 * time.Millisecond
	// recordTimeout bounds the store write made before answering: the API
	// gives up on an answer after 10 s.
	recordTimeout = 5 * time.Second
	pruneEvery    = time.Hour
)

// Refresher fetches one dataset whatever the store holds and stores it:
// *syncer.Syncer has it.
type Refresher interface {
	Refresh(ctx context.Context, id string, p syncer.Priority) (client.Dataset, bool, error)
}

// Options set up a Receiver. Store, Syncer and one secret are required.
type Options struct {
	// Path is where deliveries are POSTed (DefaultPath when empty).
	Path string
	// Secrets verify the signatures: any one of them signing the body is
	// enough, so the old and the new secret can both be set during a
	// rotation. Empty secrets are skipped; at least one is needed.
	Secrets [][]byte
	Store   store.Store
	Syncer  Refresher
	// Interactive sends the events' GETs at interactive priority rather
	// than in the background.
	Interactive bool
	// Clock is the receiver's clock (the system clock by default).
	Clock client.Clock
	// Coalesce and Retention: DefaultCoalesce and DefaultRetention when 0.
	Coalesce  time.Duration
	Retention time.Duration
	// Log hears one line per rejected delivery (the remote address and the
	// reason; never the body or a secret) and per store problem. nil
	// discards them.
	Log func(string)
	// OnEvent hears what became of each event, on the receiver's goroutines.
	// It must not block.
	OnEvent func(Outcome)
}

// Result is what became of an event.
type Result uint8

// The results.
const (
	Updated   Result = iota + 1 // its dataset was fetched and stored
	NotFound                    // the server has no such dataset
	Duplicate                   // its event_id was processed before
	Ignored                     // a type this dxdash does not know, or no dataset
	Failed                      // the GET failed; the dataset is marked stale
)

func (r Result) String() string {
	switch r {
	case Updated:
		return "updated"
	case NotFound:
		return "not found"
	case Duplicate:
		return "duplicate"
	case Ignored:
		return "ignored"
	case Failed:
		return "failed"
	}
	return "unknown"
}

// Outcome is what became of one event.
type Outcome struct {
	EventID   string
	Type      string
	DatasetID string
	Result    Result
	// Status and Verified are the dataset's after the GET (Updated only).
	Status   string
	Verified bool
	// Shared is true when the event's GET served other events too.
	Shared bool
	Err    error
}

// Reason is why a delivery was rejected.
type Reason string

// The reasons.
const (
	RejectSignature Reason = "bad signature"
	RejectOversized Reason = "oversized"
	RejectMalformed Reason = "malformed"
	RejectMethod    Reason = "not a POST"
	RejectPath      Reason = "wrong path"
)

// Status is the receiver's state, for a status bar.
type Status struct {
	Listening bool
	Addr      string
	// Received counts the events accepted (first deliveries), Duplicates
	// the retried deliveries answered without work.
	Received   int
	Duplicates int
	LastEvent  time.Time // when the last event was accepted; zero before
	Pending    int       // datasets waiting for their GET
	Fetches    int       // GETs made
	Rejected   map[Reason]int
}

// RejectedTotal is every rejection, whatever the reason.
func (s Status) RejectedTotal() int {
	n := 0
	for _, c := range s.Rejected {
		n += c
	}
	return n
}

// Receiver takes webhook deliveries (ServeHTTP) and works through their
// events (Start). Its methods are safe for concurrent use.
type Receiver struct {
	o       Options
	secrets [][]byte
	q       queue

	mu        sync.Mutex
	status    Status
	draining  bool
	server    *http.Server
	rejectLog map[Reason]int

	run     sync.Once
	cancel  context.CancelFunc // guarded by mu
	stopped chan struct{}      // closed when the worker has ended
}

// New checks o and returns a receiver; Start sets its work going.
func New(o Options) (*Receiver, error) {
	if o.Path == "" {
		o.Path = DefaultPath
	}
	if !strings.HasPrefix(o.Path, "/") {
		return nil, errors.New("receiver: the path must start with /")
	}
	var secrets [][]byte
	for _, s := range o.Secrets {
		if len(s) > 0 {
			secrets = append(secrets, s)
		}
	}
	switch {
	case len(secrets) == 0:
		return nil, errors.New("receiver: no webhook secret: set one in the variable [webhooks] secret_env names")
	case o.Store == nil || o.Syncer == nil:
		return nil, errors.New("receiver: a store and a syncer are needed")
	}
	if o.Clock == nil {
		o.Clock = client.SystemClock{}
	}
	if o.Coalesce <= 0 {
		o.Coalesce = DefaultCoalesce
	}
	if o.Retention <= 0 {
		o.Retention = DefaultRetention
	}
	r := &Receiver{o: o, secrets: secrets, rejectLog: map[Reason]int{}, stopped: make(chan struct{})}
	r.status.Rejected = map[Reason]int{}
	r.q.init()
	return r, nil
}

// Snapshot returns the receiver's state now.
func (r *Receiver) Snapshot() Status {
	r.mu.Lock()
	s := r.status
	s.Rejected = make(map[Reason]int, len(r.status.Rejected))
	for k, v := range r.status.Rejected {
		s.Rejected[k] = v
	}
	r.mu.Unlock()
	s.Pending = r.q.len()
	s.Fetches = r.q.fetches()
	return s
}

// Start sets the work going: the events' GETs, and forgetting event ids
// older than Retention. It ends when ctx does (at once), or by Shutdown or
// Close.
func (r *Receiver) Start(ctx context.Context) {
	r.run.Do(func() {
		ctx, cancel := context.WithCancel(ctx)
		r.mu.Lock()
		r.cancel = cancel
		r.mu.Unlock()
		go func() {
			defer close(r.stopped)
			r.work(ctx)
		}()
	})
}

// Serve answers deliveries on ln until Shutdown or Close, with timeouts
// that keep a slow client from holding a connection. It returns nil when
// stopped by them.
func (r *Receiver) Serve(ln net.Listener) error {
	srv := &http.Server{Handler: r, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: time.Minute, MaxHeaderBytes: 64 << 10}
	r.mu.Lock()
	if r.draining {
		r.mu.Unlock()
		return http.ErrServerClosed
	}
	r.server = srv
	r.status.Listening, r.status.Addr = true, ln.Addr().String()
	r.mu.Unlock()
	err := srv.Serve(ln)
	r.mu.Lock()
	r.status.Listening = false
	r.mu.Unlock()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops taking deliveries (the listener closes; a delivery that
// still reaches the handler is answered 503, so the API retries it later),
// then waits for the events in hand to be done, or for ctx to end, and
// stops the work.
func (r *Receiver) Shutdown(ctx context.Context) error {
	r.mu.Lock()
	r.draining = true
	srv := r.server
	r.mu.Unlock()
	var err error
	if srv != nil {
		err = srv.Shutdown(ctx)
	}
	if werr := r.q.waitIdle(ctx); err == nil {
		err = werr
	}
	r.Close()
	return err
}

// Close stops at once: the listener, the GET under way, the events left.
func (r *Receiver) Close() {
	r.run.Do(func() { close(r.stopped) }) // never started: nothing to wait for
	r.mu.Lock()
	r.draining = true
	srv, cancel := r.server, r.cancel
	r.mu.Unlock()
	if srv != nil {
		_ = srv.Close()
	}
	if cancel != nil {
		cancel()
	}
	<-r.stopped
}

func (r *Receiver) log(line string) {
	if r.o.Log != nil {
		r.o.Log(line)
	}
}

func (r *Receiver) report(o Outcome) {
	if r.o.OnEvent != nil {
		r.o.OnEvent(o)
	}
}
