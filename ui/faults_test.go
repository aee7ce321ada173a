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
// by kind, so the test knows that each kind happened.
type faultCensus struct {
	h     http.Handler
	mu    sync.Mutex
	kinds map[string]int
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
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	w.Write(body) //nolint:errcheck // a recorder
}

// listPageKey names one page of one list generation.
type listPageKey struct {
	gen    uint64
	number int
}

// faultLedger follows the list through a session and holds it to its
// promises after every message: no dataset twice, no loaded row lost
// (except when a reload the user asked for replaces them), every page
// accepted at most once per generation.
type faultLedger struct {
	t        *testing.T
	s        *liveSession
	known    map[string]bool // every id loaded since the last replacing reload
	accepted map[listPageKey]int
	// reloadGens are the generations the user started with r (a full
	// reload, not the retry of a failed page): their first page may
	// replace the rows.
	reloadGens map[uint64]bool
	replaced   map[uint64]bool

	errorsShown  int // frames with the error line
	errorMsgs    int
	failedPages  map[listPageKey]bool
	retriedPages map[listPageKey]bool // failed pages the user retried with r
	replacedRows int

	// The list's paging as the last check saw it.
	lastGen   uint64
	lastPages int
	lastRows  int
}

func newFaultLedger(t *testing.T, s *liveSession) *faultLedger {
	return &faultLedger{
		t: t, s: s, known: map[string]bool{}, accepted: map[listPageKey]int{},
		reloadGens: map[uint64]bool{}, replaced: map[uint64]bool{},
		failedPages: map[listPageKey]bool{}, retriedPages: map[listPageKey]bool{},
	}
}

// observe runs after Update handled msg.
func (g *faultLedger) observe(msg tea.Msg) {
	t, l := g.t, g.s.list()
	switch msg := msg.(type) {
	case common.ErrorMsg:
		g.errorMsgs++
	case list.pageMsg:
		if msg.list != l.id {
			break
		}
		k := listPageKey{msg.req.gen, msg.req.number}
		if msg.err != nil && l.paging.failed != nil && l.paging.failed.req.gen == k.gen && l.paging.failed.req.number == k.number {
			g.failedPages[k] = true
		}
		// Accepted: this very message moved the generation's page count on.
		if msg.err == nil && msg.req.gen == l.paging.gen && g.lastGen == l.paging.gen && l.paging.pages == g.lastPages+1 {
			g.accepted[k]++
			if g.accepted[k] > 1 {
				t.Fatalf("page %d of generation %d was loaded %d times", k.number, k.gen, g.accepted[k])
			}
			// Every row of a page that does not replace the list is new.
			replacing := k.number == 0 && g.reloadGens[k.gen]
			if added := l.store.len() - g.lastRows; !replacing && added != len(msg.page.Data) {
				t.Fatalf("page %d of generation %d brought %d datasets and added %d rows", k.number, k.gen, len(msg.page.Data), added)
			}
		}
	}
	g.check()
}

// check holds the row invariants.
func (g *faultLedger) check() {
	t, l := g.t, g.s.list()
	ids := loadedIDs(t, l)
	gen := l.paging.gen
	if g.reloadGens[gen] && !g.replaced[gen] && l.paging.pages >= 1 {
		// The reload's first page has replaced the rows: start counting again.
		g.replaced[gen] = true
		g.replacedRows += len(g.known)
		clear(g.known)
	}
	present := make(map[string]bool, len(ids))
	for _, id := range ids {
		present[id] = true
	}
	for id := range g.known {
		if !present[id] {
			t.Fatalf("dataset %s was loaded and is gone (generation %d, %d rows)", id, gen, len(ids))
		}
	}
	for _, id := range ids {
		g.known[id] = true
	}
	g.lastGen, g.lastPages, g.lastRows = gen, l.paging.pages, len(ids)
}

// beforeKey notes what r is about to do: retry a failed page, or reload.
func (g *faultLedger) beforeKey(k string) {
	l := g.s.list()
	if k != "r" || len(g.s.app.stack) != 1 {
		return
	}
	if f := l.paging.failed; f != nil && f.req.gen == l.paging.gen {
		g.retriedPages[listPageKey{f.req.gen, f.req.number}] = true
		return
	}
	g.reloadGens[l.paging.gen+1] = true
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
		const width, height = 100, 30
		s := newLiveSession(t, api, common.Options{Title: "faults", PageSize: 50}, width, height)
		defer s.close()
		ledger := newFaultLedger(t, s)
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
		l := s.list()
		for i := 0; !l.paging.complete || l.paging.loading != nil || l.paging.failed != nil; i++ {
			if i == 500 {
				t.Fatalf("the list never completed: %d rows, failed %v", l.store.len(), l.paging.failed)
			}
			k := "G"
			if l.paging.failed != nil {
				k = "r"
			}
			ledger.beforeKey(k)
			ledger.afterKey(s.press(k))
			s.runUntil(func() bool { return l.paging.loading == nil }, time.Minute)
		}

		ids := loadedIDs(t, l)
		var want []string
		for _, d := range srv.Datasets() {
			want = append(want, d.ID)
		}
		slices.Sort(ids)
		slices.Sort(want)
		if !slices.Equal(ids, want) {
			t.Fatalf("loaded %d datasets, the server has %d; they differ", len(ids), len(want))
		}
		final := listPageKey{gen: l.paging.gen}
		for final.number = 0; final.number < len(want)/50; final.number++ {
			if ledger.accepted[final] != 1 {
				t.Errorf("page %d of the final generation was loaded %d times", final.number, ledger.accepted[final])
			}
		}
		if screen := ansi.Strip(s.Frame()); !strings.Contains(screen, "all 500") {
			t.Errorf("the footer does not say all 500 are loaded:\n%s", screen)
		}

		// The faults happened, reached the screen, and were retried.
		counts, kinds := srv.Requests(), census.snapshot()
		retriedAndLoaded := 0
		for k := range ledger.retriedPages {
			if ledger.accepted[k] == 1 {
				retriedAndLoaded++
			}
		}
		t.Logf("%d keys; server: %d requests (%d list, %d get), %d faults, %d rate limited; "+
			"%d errors reached the ui, shown in %d frames; %d pages failed, %d retried with r and then loaded; "+
			"%d rows replaced by reloads; %d updates; faults by kind %v",
			len(keys), counts.Total, counts.List, counts.Get, counts.Faults, counts.RateLimited,
			ledger.errorMsgs, ledger.errorsShown, len(ledger.failedPages), retriedAndLoaded,
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
		case len(ledger.failedPages) == 0 || retriedAndLoaded == 0:
			t.Errorf("no failed page was retried and loaded (%d failed)", len(ledger.failedPages))
		case ledger.errorMsgs >= counts.Faults:
			t.Errorf("%d errors reached the ui for %d faults: the client retried none", ledger.errorMsgs, counts.Faults)
		case counts.RateLimited != 0:
			t.Errorf("%d requests were rate limited: the client must pace itself", counts.RateLimited)
		}
	})
}
