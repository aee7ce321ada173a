package main

import (
	"context"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/ui"
)

// The dashboard with its webhook receiver beside it, against the living
// fakeapi delivering its events, every request counted, on synctest's
// fake clock. The deliveries go over in-memory pipes (pipeListener), so
// the receiver serves them as it does on a socket.

// pipeListener is a net.Listener whose connections are net.Pipe pairs:
// its dial gives the client's end, Accept the server's.
type pipeListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

func (p *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-p.conns:
		return c, nil
	case <-p.closed:
		return nil, net.ErrClosed
	}
}

func (p *pipeListener) Close() error {
	p.once.Do(func() { close(p.closed) })
	return nil
}

func (p *pipeListener) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8787} }

func (p *pipeListener) dial(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case p.conns <- server:
		return client, nil
	case <-p.closed:
		return nil, net.ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// hookWorld is an account whose few datasets processing at its epoch
// (now) complete a few seconds in, and a dashboard over a fresh store.
type hookWorld struct {
	t      *testing.T
	api    *counted
	srv    *fakeapi.Server
	ln     *pipeListener
	sender *fakeapi.Sender
	s      *uiSession
	end    func()
}

// newHookWorld starts the dashboard with its receiver; deliver says
// whether the API delivers its events (false: an API that never reaches
// the receiver).
func newHookWorld(t *testing.T, deliver bool, rates fakeapi.Rates) *hookWorld {
	cfg := fakeapi.DefaultConfig()
	cfg.DatasetCount = 60
	cfg.Epoch = time.Now()
	cfg.ReadPerMinute = 600
	cfg.Living = rates
	srv := fakeapi.New(cfg)
	w := &hookWorld{t: t, api: &counted{next: srv}, srv: srv, ln: newPipeListener()}
	secret := []byte("s3cret-for-the-test")
	hooks := &dashboardHooks{ln: w.ln, path: "/webhooks/dataextractor", secrets: [][]byte{secret}}

	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "account.db"), store.SQLiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	feed := ui.NewBudgetFeed()
	api, err := dashboardClient("https://api.dataextractor.test", fakeapi.DemoKey, config.Defaults(), discardLog(),
		fakeapi.InMemory{Handler: w.api}, feed.Observe)
	if err != nil {
		t.Fatal(err)
	}
	model, live := ui.NewLocalLive(ui.Local{Store: st, API: api, Resync: 24 * time.Hour},
		ui.Options{Theme: ui.ThemeMono, Budget: feed, PollInterval: 3 * time.Second})
	stop, err := hooks.startReceiver(st, live, discardLog())
	if err != nil {
		t.Fatal(err)
	}
	if deliver {
		w.sender = srv.StartWebhooks(fakeapi.Webhooks{URL: hooks.url(), Secret: secret, Workers: 1,
			Client: &http.Client{Transport: &http.Transport{DialContext: w.ln.dial}}})
	}
	w.s = newModelSession(t, model, 160, 40)
	w.end = func() {
		if w.sender != nil {
			w.sender.Stop()
		}
		w.s.quit()
		stop()
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	}
	return w
}

// processingOnScreen are the ids of the rows shown processing.
func processingOnScreen(screen string) []string {
	var ids []string
	for _, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, "processing") {
			if id := rowIDRe.FindString(line); id != "" {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

func countOf(ids []string) map[string]int {
	n := map[string]int{}
	for _, id := range ids {
		n[id]++
	}
	return n
}

// An event completes a processing row on screen, and an open detail,
// from the store, for exactly one GET of its dataset; nothing is polled
// meanwhile.
func TestWebhookEventUpdatesRowAndDetail(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newHookWorld(t, true, fakeapi.Rates{})
		defer w.end()
		w.s.runFor(500 * time.Millisecond)
		processing := processingOnScreen(w.s.screen())
		if len(processing) < 2 {
			t.Fatalf("want two processing rows at the epoch, have %v:\n%s", processing, w.s.screen())
		}
		// Open the first one: its detail fetch is the open's own request.
		w.s.send(enterKey)
		w.s.runFor(200 * time.Millisecond)
		opened := processing[0]
		if !strings.Contains(w.s.screen(), opened) || !strings.Contains(w.s.screen(), "processing") {
			t.Fatalf("the detail of %s is not shown processing:\n%s", opened, w.s.screen())
		}
		_, got := w.api.take()
		if c := countOf(got); c[opened] != 1 || len(got) != 1 {
			t.Fatalf("opening %s: detail requests %v, want just it", opened, got)
		}

		// The extractions end within a minute; each event is one GET,
		// and the detail follows within a second of its event (the
		// receiver's count in the status bar says when one came).
		var lastEvent time.Time
		count := receivedOn(w.s.screen())
		for start := time.Now(); strings.Contains(w.s.screen(), "processing"); {
			if time.Since(start) > time.Minute {
				t.Fatalf("the detail of %s is still processing a minute on:\n%s", opened, w.s.screen())
			}
			w.s.runFor(100 * time.Millisecond)
			if n := receivedOn(w.s.screen()); n != count {
				count, lastEvent = n, time.Now()
			}
		}
		if lastEvent.IsZero() || time.Since(lastEvent) > time.Second {
			t.Errorf("the detail changed %v after the last event, want within a second", time.Since(lastEvent))
		}
		w.s.runFor(time.Minute)
		_, got = w.api.take()
		c := countOf(got)
		for _, id := range processing {
			if c[id] != 1 {
				t.Errorf("%s: %d GETs after its event, want 1 (all: %v)", id, c[id], got)
			}
		}
		if len(got) != len(processing) {
			t.Errorf("detail requests %v, want one per processing row %v", got, processing)
		}
		w.s.send(escKey)
		w.s.runFor(time.Second)
		if left := processingOnScreen(w.s.screen()); len(left) != 0 {
			t.Errorf("rows still processing: %v\n%s", left, w.s.screen())
		}
		if !strings.Contains(w.s.screen(), "⇣ hooks ") {
			t.Errorf("no receiver in the status bar:\n%s", w.s.screen())
		}
		if _, got := w.api.take(); len(got) != 0 {
			t.Errorf("requests after the events: %v", got)
		}
	})
}

var receivedRe = regexp.MustCompile(`⇣ hooks (\d+)`)

// receivedOn is the events received the status bar shows (0 before one).
func receivedOn(screen string) int {
	m := receivedRe.FindStringSubmatch(screen)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// With the receiver listening and no event coming (an API that cannot
// reach it), the processing rows are not polled for two minutes, then
// polled once each, and complete.
func TestWebhookQuietFallsBackToOnePoll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newHookWorld(t, false, fakeapi.Rates{})
		defer w.end()
		start := time.Now()
		w.s.runFor(500 * time.Millisecond)
		processing := processingOnScreen(w.s.screen())
		if len(processing) == 0 {
			t.Fatalf("no processing row at the epoch:\n%s", w.s.screen())
		}
		if !strings.Contains(w.s.screen(), "⇣ hooks listening") {
			t.Errorf("the status bar does not say the receiver listens:\n%s", w.s.screen())
		}
		w.s.runFor(2*time.Minute - time.Since(start) - time.Second)
		if _, got := w.api.take(); len(got) != 0 {
			t.Fatalf("polled within two minutes of quiet: %v", got)
		}
		if left := processingOnScreen(w.s.screen()); len(left) != len(processing) {
			t.Fatalf("rows moved on with no event and no poll: %v, were %v", left, processing)
		}
		// The fallback: one poll each, on the next poll tick.
		w.s.runFor(5 * time.Second)
		_, got := w.api.take()
		c := countOf(got)
		for _, id := range processing {
			if c[id] != 1 {
				t.Errorf("%s: polled %d times after the quiet spell, want once (all: %v)", id, c[id], got)
			}
		}
		if len(got) != len(processing) {
			t.Errorf("requests %v, want one poll per processing row %v", got, processing)
		}
		if left := processingOnScreen(w.s.screen()); len(left) != 0 {
			t.Errorf("still processing after the fallback poll: %v\n%s", left, w.s.screen())
		}
		// And then nothing: the rows are done.
		w.s.runFor(3 * time.Minute)
		if _, got := w.api.take(); len(got) != 0 {
			t.Errorf("requests after the fallback: %v", got)
		}
	})
}

var verifiedCountRe = regexp.MustCompile(`(\d+) verified datasets?`)

// The stats view follows the reviews as their events come: a dataset
// reviewed while it is open joins its count, from the store the event's
// one GET filled, for no request of its own.
func TestWebhookReviewReachesTheStats(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newHookWorld(t, true, fakeapi.Rates{ReviewsPerHour: 120})
		defer w.end()
		w.s.send(key('S'))
		w.s.runFor(2 * time.Minute) // the verified details fetched once, into the store
		m := verifiedCountRe.FindStringSubmatch(w.s.screen())
		if m == nil {
			t.Fatalf("no verified count in the stats view:\n%s", w.s.screen())
		}
		before, _ := strconv.Atoi(m[1])
		w.api.take()
		events := receivedOn(w.s.screen())
		w.s.runFor(3 * time.Minute)
		m = verifiedCountRe.FindStringSubmatch(w.s.screen())
		if m == nil {
			t.Fatalf("no verified count in the stats view:\n%s", w.s.screen())
		}
		after, _ := strconv.Atoi(m[1])
		reviews := receivedOn(w.s.screen()) - events
		if reviews == 0 || after != before+reviews {
			t.Errorf("%d reviews came as events; the stats count %d verified, were %d", reviews, after, before)
		}
		if _, got := w.api.take(); len(got) != reviews {
			t.Errorf("%d detail requests %v for %d events, want one each", len(got), got, reviews)
		}
	})
}

// [webhooks] listen turns the dashboard's receiver on, and needs a secret;
// --demo always has one, made for the run, on loopback.
func TestDashboardHooksFromConfig(t *testing.T) {
	cfg := config.Defaults()
	if h, err := openDashboardHooks(cfg, false); h != nil || err != nil {
		t.Errorf("no listen: hooks %v, %v; want none", h, err)
	}
	cfg.Webhooks.Listen = "127.0.0.1:0"
	if _, err := openDashboardHooks(cfg, false); err == nil || !strings.Contains(err.Error(), cfg.Webhooks.SecretEnv) {
		t.Errorf("listen with no secret: %v, want an error naming $%s", err, cfg.Webhooks.SecretEnv)
	}
	cfg.Webhooks.Secrets = []config.Secret{"whsec_a", "whsec_b"}
	h, err := openDashboardHooks(cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	h.close()
	if len(h.secrets) != 2 || !strings.HasPrefix(h.url(), "http://127.0.0.1:") || !strings.HasSuffix(h.url(), cfg.Webhooks.Path) {
		t.Errorf("hooks %d secrets at %s", len(h.secrets), h.url())
	}
	cfg.Webhooks = config.Defaults().Webhooks
	d, err := openDashboardHooks(cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	d.close()
	if len(d.secrets) != 1 || len(d.secrets[0]) < 32 || !strings.HasPrefix(d.url(), "http://127.0.0.1:") {
		t.Errorf("the demo's hooks: %d secrets at %s", len(d.secrets), d.url())
	}
}
