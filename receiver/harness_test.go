package receiver_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/client/webhook"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/receiver"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/syncer"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var secret = []byte("whsec_test_0123456789")

const hookURL = "http://dxdash.test" + receiver.DefaultPath

// gets counts the GETs of each dataset that reach the API.
type gets struct {
	next http.RoundTripper
	mu   sync.Mutex
	byID map[string]int
	all  int
}

func (g *gets) RoundTrip(req *http.Request) (*http.Response, error) {
	if id, ok := strings.CutPrefix(req.URL.Path, "/api/v1/datasets/"); ok {
		g.mu.Lock()
		g.byID[id]++
		g.all++
		g.mu.Unlock()
	}
	return g.next.RoundTrip(req)
}

func (g *gets) of(id string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.byID[id]
}

func (g *gets) total() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.all
}

// gate is the network between the API's sender and the receiver: down, it
// refuses connections.
type gate struct {
	down    atomic.Bool
	refused atomic.Int64
	mu      sync.Mutex
	handler http.Handler
}

func (g *gate) RoundTrip(req *http.Request) (*http.Response, error) {
	if g.down.Load() {
		g.refused.Add(1)
		return nil, errors.New("dial tcp 127.0.0.1:8787: connect: connection refused")
	}
	g.mu.Lock()
	h := g.handler
	g.mu.Unlock()
	return fakeapi.InMemory{Handler: h}.RoundTrip(req)
}

func (g *gate) set(h http.Handler) {
	g.mu.Lock()
	g.handler = h
	g.mu.Unlock()
}

type setup struct {
	datasets int
	rates    fakeapi.Rates
	webhooks fakeapi.Webhooks // URL, Secret and Client are filled in
	store    store.Store      // an in-memory store when nil
	rpm      int              // 60 when 0
}

// env is an API that delivers webhooks to a receiver, which keeps a store
// current through a syncer, all in one testing/synctest bubble: the API's
// clock, the sender's retries and the client's pacing all run on the
// bubble's fake time.
type env struct {
	t      *testing.T
	api    *fakeapi.Server
	gets   *gets
	st     store.Store
	sync   *syncer.Syncer
	rcv    *receiver.Receiver
	net    *gate
	sender *fakeapi.Sender
	cancel context.CancelFunc

	mu       sync.Mutex
	outcomes []receiver.Outcome
	logs     []string
}

func newEnv(t *testing.T, s setup) *env {
	t.Helper()
	cfg := fakeapi.DefaultConfig()
	cfg.DatasetCount = s.datasets
	cfg.Epoch = time.Now() // the bubble's time: the account lives from now
	cfg.Living = s.rates
	cfg.Now = time.Now
	if s.rpm == 0 {
		s.rpm = 60
	}
	cfg.ReadPerMinute = s.rpm
	api := fakeapi.New(cfg)
	g := &gets{next: fakeapi.InMemory{Handler: api}, byID: map[string]int{}}
	c, err := client.New("http://127.0.0.1", fakeapi.DemoKey, client.WithHTTPClient(&http.Client{Transport: g}),
		client.WithRateLimits(s.rpm, 10))
	if err != nil {
		t.Fatal(err)
	}
	st := s.store
	if st == nil {
		st, err = store.OpenMemory(context.Background())
		if err != nil {
			t.Fatal(err)
		}
	}
	e := &env{t: t, api: api, gets: g, st: st, sync: syncer.New(c, st, syncer.Options{}), net: &gate{}}
	e.rcv = e.newReceiver()
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	e.rcv.Start(ctx)
	e.net.set(e.rcv)
	w := s.webhooks
	w.URL, w.Secret, w.Client = hookURL, secret, &http.Client{Transport: e.net}
	if w.Workers == 0 {
		w.Workers = 1
	}
	e.sender = api.StartWebhooks(w)
	t.Cleanup(func() {
		e.sender.Stop()
		e.rcv.Close()
		cancel()
		if s.store == nil {
			st.Close()
		}
	})
	return e
}

func (e *env) newReceiver() *receiver.Receiver {
	r, err := receiver.New(receiver.Options{Secrets: [][]byte{[]byte("an old secret"), secret}, Store: e.st, Syncer: e.sync,
		Log: func(s string) { e.mu.Lock(); e.logs = append(e.logs, s); e.mu.Unlock() },
		OnEvent: func(o receiver.Outcome) {
			e.mu.Lock()
			e.outcomes = append(e.outcomes, o)
			e.mu.Unlock()
		}})
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

// restart replaces the receiver with a new one on the same store.
func (e *env) restart() {
	e.rcv.Close()
	e.rcv = e.newReceiver()
	ctx, cancel := context.WithCancel(context.Background())
	e.t.Cleanup(cancel)
	e.rcv.Start(ctx)
	e.net.set(e.rcv)
}

func (e *env) results() []receiver.Outcome {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]receiver.Outcome(nil), e.outcomes...)
}

// processed counts the outcomes of event id by result.
func (e *env) processed(id string) map[receiver.Result]int {
	n := map[receiver.Result]int{}
	for _, o := range e.results() {
		if o.EventID == id {
			n[o.Result]++
		}
	}
	return n
}

// agrees checks that the store holds dataset id as the server has it now.
func (e *env) agrees(id string) {
	e.t.Helper()
	want, ok := e.api.Dataset(id)
	if !ok {
		e.t.Fatalf("the server has no %s", id)
	}
	row, ok, err := e.st.Row(context.Background(), id)
	if err != nil || !ok {
		e.t.Fatalf("%s not stored (%v)", id, err)
	}
	got := row.Dataset
	if got.Status != want.Status || got.IsVerified != want.IsVerified || !got.UpdatedAt.Equal(want.UpdatedAt) {
		e.t.Errorf("%s stored as %s verified=%v updated %s; the server has %s verified=%v updated %s", id,
			got.Status, got.IsVerified, got.UpdatedAt.Format(time.RFC3339), want.Status, want.IsVerified, want.UpdatedAt.Format(time.RFC3339))
	}
	if row.Detail != store.DetailCurrent {
		e.t.Errorf("%s: detail state %d, want current", id, row.Detail)
	}
}

// reported lists the events the account reported (or will) up to now.
func (e *env) reported(from time.Time) []webhook.Event {
	var out []webhook.Event
	for _, ch := range e.api.Changes(from, time.Now()) {
		if ev, ok := e.api.EventFor(ch); ok {
			out = append(out, ev)
		}
	}
	return out
}

func signed(ev webhook.Event) ([]byte, string) {
	body := []byte(fmt.Sprintf(`{"event_id":%q,"type":%q,"created_at":%q,"data":{"dataset_id":%q,"status":%q}}`,
		ev.EventID, ev.Type, ev.CreatedAt.UTC().Format(time.RFC3339), ev.Data.DatasetID, ev.Data.Status))
	return body, webhook.Sign(body, secret)
}
