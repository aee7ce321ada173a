package syncer_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/fakeapi/contract"
	"github.com/dxdash/dxdash/store"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// clock is the fake API's clock, moved by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// start is an hour into the living account's life.
var start = fakeapi.DefaultEpoch.Add(time.Hour)

// living is a fakeapi account that changes: arrivals and reviews.
var living = fakeapi.Rates{ArrivalsPerHour: 40, ReviewsPerHour: 60}

// counter records every request that reaches the API.
type counter struct {
	next http.RoundTripper
	mu   sync.Mutex
	log  []sent
}

type sent struct {
	path   string
	detail bool
	at     time.Time
}

func (c *counter) RoundTrip(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.log = append(c.log, sent{path: req.URL.Path, detail: strings.HasPrefix(req.URL.Path, "/api/v1/datasets/"), at: time.Now()})
	c.mu.Unlock()
	return c.next.RoundTrip(req)
}

// counts returns the list and detail requests since the log had n.
func (c *counter) since(n int) (lists, details int, ids []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.log[n:] {
		if s.detail {
			details++
			ids = append(ids, strings.TrimPrefix(s.path, "/api/v1/datasets/"))
		} else {
			lists++
		}
	}
	return lists, details, ids
}

func (c *counter) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.log)
}

type env struct {
	srv   *fakeapi.Server
	clock *clock
	reqs  *counter
	api   *client.Client
}

// newEnv serves a fakeapi account of n datasets in memory, every response
// checked against the contract, through a counting transport.
func newEnv(t testing.TB, n int, rates fakeapi.Rates, rpm int) *env {
	t.Helper()
	c := &clock{now: start}
	cfg := fakeapi.DefaultConfig()
	cfg.DatasetCount = n
	cfg.Living = rates
	cfg.Now = c.Now
	if rpm != fast {
		// Rate limits need the server to see time pass: the bubble's clock.
		cfg.Now = time.Now
	}
	cfg.ReadPerMinute = rpm
	srv := fakeapi.New(cfg)
	checker, err := contract.Default()
	if err != nil {
		t.Fatal(err)
	}
	handler := contract.Handler(checker, srv, func(err error) { t.Errorf("off the contract: %v", err) })
	reqs := &counter{next: fakeapi.InMemory{Handler: handler}}
	api, err := client.New("http://127.0.0.1", fakeapi.DemoKey,
		client.WithHTTPClient(&http.Client{Transport: reqs}), client.WithRateLimits(rpm, 10))
	if err != nil {
		t.Fatal(err)
	}
	return &env{srv: srv, clock: c, reqs: reqs, api: api}
}

func memoryStore(t testing.TB) store.Store {
	t.Helper()
	st, err := store.OpenMemory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func pages(n int) int { return (n + 99) / 100 }

const fast = 1_000_000 // a rate limit no test reaches
