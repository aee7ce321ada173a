package ui

import (
	"bytes"
	"encoding/json"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// faultKeys is the scripted user's repertoire, weighted: mostly moving
// down, sometimes jumping, opening a dataset and coming back, reloading,
// sorting.
var faultKeys = []struct {
	key    string
	weight int
}{
	{"j", 24}, {"k", 10}, {"pgdown", 14}, {"pgup", 5}, {"G", 10}, {"g", 4},
	{"enter", 8}, {"esc", 10}, {"r", 8}, {"s", 7},
}

func scriptedKeys(seed uint64, n int) []string {
	total := 0
	for _, k := range faultKeys {
		total += k.weight
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	keys := make([]string, n)
	for i := range keys {
		pick := rng.IntN(total)
		for _, k := range faultKeys {
			if pick < k.weight {
				keys[i] = k.key
				break
			}
			pick -= k.weight
		}
	}
	return keys
}

// faultCensus wraps the server and counts the faults its answers show,
// by kind, so the test knows that each kind happened. It also keeps the
// list requests in the order they came, each with what it was answered.
type faultCensus struct {
	h     http.Handler
	mu    sync.Mutex
	kinds map[string]int
	lists []servedList
}

// servedList is one list request as the server answered it: the cursor
// asked for and, when the answer was a page (200 with a body that
// decodes), the ids it held.
type servedList struct {
	cursor string
	ok     bool
	ids    []string
}

func (c *faultCensus) count(kind string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.kinds[kind]++
}

func (c *faultCensus) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.kinds)
}

func (c *faultCensus) listLog() []servedList {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.lists)
}

func (c *faultCensus) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	defer func() {
		if recovered := recover(); recovered != nil {
			if recovered == http.ErrAbortHandler {
				c.count("dropped connection")
			}
			panic(recovered)
		}
	}()
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	switch {
	case rec.Code == http.StatusInternalServerError:
		c.count("500")
	case rec.Code == http.StatusOK && bytes.HasPrefix(body, []byte("<html")):
		c.count("malformed body")
	case rec.Code == http.StatusOK && !json.Valid(body):
		c.count("truncated body")
	case time.Since(start) >= 2*time.Second:
		c.count("slow response")
	}
	if r.URL.Path == "/api/v1/datasets" {
		served := servedList{cursor: r.URL.Query().Get("cursor")}
		var page struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
		}
		if rec.Code == http.StatusOK && json.Unmarshal(body, &page) == nil {
			served.ok = true
			for _, d := range page.Data {
				served.ids = append(served.ids, d.ID)
			}
		}
		c.mu.Lock()
		c.lists = append(c.lists, served)
		c.mu.Unlock()
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	w.Write(body) //nolint:errcheck // a recorder
}

// faultLedger follows the list through a session and holds it to its
// promises after every message, as its screen shows them: no dataset twice
// on screen; no loaded row lost, except when a reload the user asked for
// replaces them; every page that arrives adds all its rows. The rows are
// counted by the list's footer: each page of the corpus is pageSize
// datasets no other page of the walk holds (the server's answers show
// it), so a page lands as exactly pageSize more rows, and a count that
// falls, or grows by anything else, is a row lost or a page merged wrong.
type faultLedger struct {
	t        *testing.T
	s        *liveSession
	pageSize int

	last listState // the list as the last check saw it
	// reloading: the user started a reload with r (not the retry of a
	// failed page), and its first page has not landed: when it does, it
	// may replace the rows.
	reloading bool
	// retrying: the user retried a failed page with r, and it has neither
	// landed nor failed again.
	retrying bool

	errorsShown      int // frames with the error line
	errorMsgs        int
	failedPages      int // pages that failed, as the footer said
	retriedAndLoaded int // failed pages the user retried with r, that then landed
	replacedRows     int
}

func newFaultLedger(t *testing.T, s *liveSession, pageSize int) *faultLedger {
	return &faultLedger{t: t, s: s, pageSize: pageSize, last: s.listState()}
}

// observe runs after Update handled msg.
func (g *faultLedger) observe(msg tea.Msg) {
	if _, ok := msg.(common.ErrorMsg); ok {
		g.errorMsgs++
	}
	g.check()
}

// check holds the row invariants.
func (g *faultLedger) check() {
	t := g.t
	screen := g.s.listScreen()
	st, prev := listStateOf(t, screen), g.last
	onScreen := rowIDs(screen)
	if dup := firstDuplicate(onScreen); dup != "" {
		t.Fatalf("dataset %s is on screen twice:\n%s", dup, screen)
	}
	landed := false
	switch {
	case g.reloading && !st.first:
		// The reload's first page is in: it replaced the rows.
		g.reloading = false
		landed = true
		if st.rows != g.pageSize {
			t.Fatalf("a reload's first page left %d rows, want %d (from %d)", st.rows, g.pageSize, prev.rows)
		}
		g.replacedRows += prev.rows
	case st.rows == prev.rows:
	case st.rows == prev.rows+g.pageSize:
		landed = true
	default:
		t.Fatalf("the list went from %d rows to %d (%q, then %q)", prev.rows, st.rows, prev.footer, st.footer)
	}
	if st.failed && !prev.failed {
		g.failedPages++
		g.retrying = false
	}
	if landed && g.retrying {
		g.retriedAndLoaded++
		g.retrying = false
	}
	g.last = st
}

// firstDuplicate is an id that ids holds twice, or "".
func firstDuplicate(ids []string) string {
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			return id
		}
		seen[id] = true
	}
	return ""
}

// beforeKey notes what r is about to do: retry a failed page, or reload.
func (g *faultLedger) beforeKey(k string) {
	if k != "r" || len(g.s.app.stack) != 1 {
		return
	}
	if g.s.listState().failed {
		g.retrying = true
		return
	}
	g.reloading, g.retrying = true, false
}

func (g *faultLedger) afterKey(screen string) {
	if g.s.app.err != nil {
		g.errorsShown++
		if !strings.Contains(ansi.Strip(screen), common.GlyphMismatch) {
			g.t.Fatalf("an error is pending but not on screen:\n%s", ansi.Strip(screen))
		}
	}
	g.check()
}

// checkServedOnce holds the list requests to one walk at a time: within a
// walk (from one request for the first page to the next), no page was
// answered twice, so none was asked for again once it had arrived. It
// returns the last walk's pages.
func checkServedOnce(t *testing.T, log []servedList) []servedList {
	t.Helper()
	var walk []servedList
	served := map[string]int{}
	for _, r := range log {
		if r.cursor == "" {
			walk, served = nil, map[string]int{}
		}
		walk = append(walk, r)
		if !r.ok {
			continue
		}
		if served[r.cursor]++; served[r.cursor] > 1 {
			t.Errorf("the page at cursor %q was answered %d times in one walk", r.cursor, served[r.cursor])
		}
	}
	return walk
}

// TestFaultySessionLosesNothing is a user's session of 240 keys against
// fakeapi failing 30 % of requests in every way it can (500s, slow
// answers, truncated and malformed bodies, dropped connections), through
// the real client. Every key gets a frame at once, the errors are shown and
// retried, no row is lost or loaded twice, and in the end every dataset is
// there exactly once.
func TestFaultySessionLosesNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cfg := fakeapi.DefaultConfig()
		cfg.FaultRate = 0.3
		cfg.Seed = 7
		srv := fakeapi.New(cfg)
		census := &faultCensus{h: srv, kinds: map[string]int{}}
		api := newLiveClient(t, census, nil)
		const width, height, pageSize = 100, 30, 50
		s := newLiveSession(t, api, common.Options{Title: "faults", PageSize: pageSize}, width, height)
		defer s.close()
		ledger := newFaultLedger(t, s, pageSize)
		s.observe = ledger.observe

		rng := rand.New(rand.NewPCG(11, 13))
		keys := scriptedKeys(3, 240)
		for _, k := range keys {
			ledger.beforeKey(k)
			ledger.afterKey(s.press(k))
			// A quick user: the next key comes 50 ms to 1.5 s later,
			// whatever is still loading.
			s.runFor(time.Duration(50+rng.IntN(1450)) * time.Millisecond)
		}

		// Back to the list, then to the bottom until everything is loaded,
		// retrying what fails, as a patient user would.
		for len(s.app.stack) > 1 {
			s.press("esc")
			s.runFor(time.Second)
		}
		for i := 0; ; i++ {
			st := s.listState()
			if st.complete {
				break
			}
			if i == 500 {
				t.Fatalf("the list never completed: %q", st.footer)
			}
			k := "G"
			if st.failed {
				k = "r"
			}
			ledger.beforeKey(k)
			ledger.afterKey(s.press(k))
			s.runUntilListed(time.Minute)
		}
		if screen := ansi.Strip(s.Frame()); !strings.Contains(screen, "all 500") {
			t.Errorf("the footer does not say all 500 are loaded:\n%s", screen)
		}

		// Every dataset once, in the list as on the server.
		ids := s.listIDs(t)
		var want []string
		for _, d := range srv.Datasets() {
			want = append(want, d.ID)
		}
		slices.Sort(ids)
		slices.Sort(want)
		if !slices.Equal(ids, want) {
			t.Fatalf("loaded %d datasets, the server has %d; they differ", len(ids), len(want))
		}
		// The last walk asked for each page once it was answered, and its
		// pages hold every dataset once.
		var walked []string
		pages := 0
		for _, r := range checkServedOnce(t, census.listLog()) {
			if r.ok {
				pages++
				walked = append(walked, r.ids...)
			}
		}
		slices.Sort(walked)
		if pages != len(want)/pageSize || !slices.Equal(walked, want) {
			t.Errorf("the last walk was answered with %d pages of %d datasets, want %d pages of the %d", pages, len(walked), len(want)/pageSize, len(want))
		}

		// The faults happened, reached the screen, and were retried.
		counts, kinds := srv.Requests(), census.snapshot()
		t.Logf("%d keys; server: %d requests (%d list, %d get), %d faults, %d rate limited; "+
			"%d errors reached the ui, shown in %d frames; %d page failures, %d retried with r and then loaded; "+
			"%d rows replaced by reloads; %d updates; faults by kind %v",
			len(keys), counts.Total, counts.List, counts.Get, counts.Faults, counts.RateLimited,
			ledger.errorMsgs, ledger.errorsShown, ledger.failedPages, ledger.retriedAndLoaded,
			ledger.replacedRows, s.updates, kinds)
		for _, kind := range []string{"500", "slow response", "malformed body", "truncated body", "dropped connection"} {
			if kinds[kind] == 0 {
				t.Errorf("no %s in the session: %v", kind, kinds)
			}
		}
		switch {
		case counts.Faults < counts.Total/5:
			t.Errorf("only %d faults in %d requests at a rate of 0.3", counts.Faults, counts.Total)
		case ledger.errorMsgs == 0 || ledger.errorsShown == 0:
			t.Error("no error ever reached the screen")
		case ledger.failedPages == 0 || ledger.retriedAndLoaded == 0:
			t.Errorf("no failed page was retried and loaded (%d failed)", ledger.failedPages)
		case ledger.errorMsgs >= counts.Faults:
			t.Errorf("%d errors reached the ui for %d faults: the client retried none", ledger.errorMsgs, counts.Faults)
		case counts.RateLimited != 0:
			t.Errorf("%d requests were rate limited: the client must pace itself", counts.RateLimited)
		}
	})
}
