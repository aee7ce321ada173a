package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/ui"
)

// The dashboard over its store, against the living fakeapi, with every
// request counted: what a later session costs (issue 14's "Done when").

// counted is the fake API with a count of list and detail requests.
type counted struct {
	next http.Handler
	// hold, when set, keeps every request whose path or query has hold's
	// text waiting until released is closed.
	hold     string
	released chan struct{}
	mu       sync.Mutex
	list     int
	get      []string // the ids fetched in full, in order
}

func (c *counted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	if id, ok := strings.CutPrefix(r.URL.Path, "/api/v1/datasets/"); ok && id != "" {
		c.get = append(c.get, id)
	} else if r.URL.Path == "/api/v1/datasets" {
		c.list++
	}
	hold, released := c.hold, c.released
	c.mu.Unlock()
	if hold != "" && strings.Contains(r.URL.String(), hold) {
		select {
		case <-released:
		case <-r.Context().Done():
			return
		}
	}
	c.next.ServeHTTP(w, r)
}

// holdBack keeps the requests matching text waiting until release.
func (c *counted) holdBack(text string) (release func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hold, c.released = text, make(chan struct{})
	ch := c.released
	return func() { close(ch) }
}

func (c *counted) take() (list int, get []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	list, get = c.list, c.get
	c.list, c.get = 0, nil
	return list, get
}

// storeWorld is one account served in memory on the bubble's clock, and a
// store file the sessions share.
type storeWorld struct {
	t    *testing.T
	api  *counted
	cfg  fakeapi.Config
	path string
}

const storeN = 250 // datasets: 3 list pages of 100

func newStoreWorld(t *testing.T, rates fakeapi.Rates) *storeWorld {
	cfg := fakeapi.DefaultConfig()
	cfg.DatasetCount = storeN
	// An hour ago: the few datasets processing at the epoch have finished,
	// so nothing on screen is polled and every request counted is the
	// store's; and the reviewers have not yet run out of work.
	cfg.Epoch = time.Now().Add(-time.Hour)
	cfg.Living = rates
	cfg.ReadPerMinute = 600
	return &storeWorld{t: t, api: &counted{next: fakeapi.New(cfg)}, cfg: cfg,
		path: filepath.Join(t.TempDir(), "account.db")}
}

// session opens the store and the dashboard over it; offline makes no
// client at all.
func (w *storeWorld) session(offline bool) (*uiSession, func()) {
	w.t.Helper()
	st, err := store.OpenSQLite(context.Background(), w.path, store.SQLiteOptions{})
	if err != nil {
		w.t.Fatal(err)
	}
	// No second sync within a session: each session walks once.
	l := ui.Local{Store: st, Offline: offline, Resync: 24 * time.Hour}
	opts := ui.Options{Theme: ui.ThemeMono}
	if !offline {
		feed := ui.NewBudgetFeed()
		api, err := dashboardClient("https://api.dataextractor.test", fakeapi.DemoKey, config.Defaults(), discardLog(),
			fakeapi.InMemory{Handler: w.api}, feed.Observe)
		if err != nil {
			w.t.Fatal(err)
		}
		l.API, opts.Budget = api, feed
	}
	s := newModelSession(w.t, ui.NewLocal(l, opts), 140, 30)
	return s, func() {
		s.quit()
		if err := st.Close(); err != nil {
			w.t.Error(err)
		}
	}
}

var syncedRe = regexp.MustCompile(`synced (just now|\d+ (min|h|d) ago)`)

// firstSession syncs the account into the store, opens the first
// dataset and the stats view (which fetches every verified detail), and
// quits.
func (w *storeWorld) firstSession() (opened string) {
	s, end := w.session(false)
	defer end()
	s.runFor(2 * time.Minute)
	if !syncedRe.MatchString(s.screen()) {
		w.t.Fatalf("no sync finished:\n%s", s.screen())
	}
	s.press(enterKey)
	s.press(escKey)
	s.send(key('S'))
	s.runFor(3 * time.Minute) // background fetches at half the budget
	if !strings.Contains(s.screen(), "details") {
		w.t.Fatalf("no stats view:\n%s", s.screen())
	}
	list, got := w.api.take()
	w.t.Logf("first session: %d list requests, %d details", list, len(got))
	if len(got) == 0 {
		w.t.Fatal("the first session fetched no detail")
	}
	return got[0]
}

var escKey = tea.KeyPressMsg{Code: tea.KeyEscape}

func TestSecondSessionNothingChanged(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newStoreWorld(t, fakeapi.Rates{})
		opened := w.firstSession()

		s, end := w.session(false)
		s.runFor(time.Minute)
		list, got := w.api.take()
		if want := (storeN + 99) / 100; list != want || len(got) != 0 {
			t.Errorf("second session, nothing changed: %d list and %d detail requests (%v), want %d and 0", list, len(got), got, want)
		}
		// Every stored row is in the list without scrolling (sort and the
		// quick filter cover them all), for no request.
		if !strings.Contains(s.screen(), fmt.Sprintf("all %d", storeN)) {
			t.Errorf("not every stored row is loaded:\n%s", s.screen())
		}
		// s sorts every stored row: the worst accuracy in the store leads.
		worst := worstStored(t, w.path)
		s.press(key('s'))
		if screen := s.press(key('g')); selectedID(screen) != worst {
			t.Errorf("sorted by accuracy, %s (the store's worst) does not lead:\n%s", worst, screen)
		}
		for range 3 { // confidence, checks, and back to newest first
			s.press(key('s'))
		}
		s.press(key('g'))
		// Opening the dataset opened before: from the store, no request.
		screen := s.press(enterKey)
		if _, got := w.api.take(); len(got) != 0 {
			t.Errorf("opening stored, current %s: %d requests %v", opened, len(got), got)
		}
		if !strings.Contains(screen, opened) {
			t.Errorf("the detail of %s is not on screen:\n%s", opened, screen)
		}
		s.press(escKey)
		// The stats view over the store: every detail is current.
		s.send(key('S'))
		s.runFor(time.Minute)
		if list, got := w.api.take(); list != 0 || len(got) != 0 {
			t.Errorf("stats over a current store: %d list and %d detail requests", list, len(got))
		}
		end()
	})
}

func TestSecondSessionKChanged(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newStoreWorld(t, fakeapi.Rates{ReviewsPerHour: 6})
		w.firstSession()
		time.Sleep(time.Hour) // fake time: about 6 datasets are reviewed

		s, end := w.session(false)
		s.runFor(time.Minute)
		list, got := w.api.take()
		if want := (storeN + 99) / 100; list != want {
			t.Errorf("%d list requests, want %d", list, want)
			for _, f := range s.frames {
				for _, line := range strings.Split(f, "\n") {
					if strings.Contains(line, "sync") {
						t.Log(strings.TrimSpace(line))
					}
				}
			}
		}
		k := markedCount(t, s.screen())
		t.Logf("%d changed: %d list, %d detail requests", k, list, len(got))
		if len(got) != 0 {
			t.Errorf("details fetched with nothing opened: %v", got)
		}
		if k == 0 {
			t.Error("the living account changed nothing in an hour")
		}
		// The stats view fetches only the changed verified ones: at most k.
		s.send(key('S'))
		s.runFor(2 * time.Minute)
		_, got = w.api.take()
		if len(got) > k {
			t.Errorf("stats after %d changes fetched %d details: %v", k, len(got), got)
		}
		t.Logf("stats fetched %d details for %d changed", len(got), k)
		end()
	})
}

var legendRe = regexp.MustCompile(`• (\d+) new or changed since the last session`)

// markedCount reads k off the list's legend.
func markedCount(t *testing.T, screen string) int {
	m := legendRe.FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("no row marked changed:\n%s", screen)
	}
	k, _ := strconv.Atoi(m[1])
	return k
}

func TestOfflineSessionMakesNoRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newStoreWorld(t, fakeapi.Rates{})
		opened := w.firstSession()
		s, end := w.session(true)
		s.runFor(10 * time.Second)
		if !strings.Contains(s.screen(), "offline · synced") {
			t.Errorf("the status bar does not say offline:\n%s", s.screen())
		}
		screen := s.press(enterKey)
		if !strings.Contains(screen, opened) {
			t.Errorf("offline, the stored detail of %s is not shown:\n%s", opened, screen)
		}
		s.press(escKey)
		s.send(key('S'))
		s.runFor(time.Minute)
		if screen := s.screen(); !strings.Contains(screen, "✓ details") || strings.Contains(screen, "failed") {
			t.Errorf("offline, the stats view is not over the store:\n%s", screen)
		}
		end()
		if list, got := w.api.take(); list != 0 || len(got) != 0 {
			t.Errorf("offline: %d list and %d detail requests", list, len(got))
		}
	})
}

// typeSearch opens the search, types query and enter.
func typeSearch(s *uiSession, query string) {
	s.send(key('/'))
	for _, r := range query {
		s.send(key(r))
	}
	s.send(enterKey)
}

// A search answered in one session is shown at once in the next, marked
// stored, while the server's fresh answer is on its way; then the fresh one.
func TestStoredSearchShownAtOnceThenRefreshed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newStoreWorld(t, fakeapi.Rates{})
		s, end := w.session(false)
		s.runFor(time.Minute)
		typeSearch(s, "northwind")
		s.runFor(10 * time.Second)
		answer := s.screen()
		if strings.Contains(answer, "stored answer") || !strings.Contains(answer, "search:northwind") {
			t.Fatalf("first search:\n%s", answer)
		}
		end()
		w.api.take()

		s, end = w.session(false)
		s.runFor(time.Minute)
		release := w.api.holdBack("search=northwind")
		typeSearch(s, "northwind")
		s.runFor(5 * time.Second)
		stored := s.screen()
		if !strings.Contains(stored, "stored answer") {
			t.Errorf("the stored answer is not shown while the server's is held:\n%s", stored)
		}
		if first := firstRowID(answer); first == "" || !strings.Contains(stored, first) {
			t.Errorf("the stored answer lacks %q:\n%s", first, stored)
		}
		release()
		s.runFor(10 * time.Second)
		if fresh := s.screen(); strings.Contains(fresh, "stored answer") {
			t.Errorf("still marked stored after the server answered:\n%s", fresh)
		}
		end()
	})
}

var rowIDRe = regexp.MustCompile(`ds_[0-9a-z]{8}`)

func firstRowID(screen string) string { return rowIDRe.FindString(screen) }

// A stored detail that the walk found stale is shown at once, marked
// "refreshing", then replaced by the fresh one.
func TestStaleDetailShownRefreshingThenFresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newStoreWorld(t, fakeapi.Rates{})
		w.firstSession() // every verified detail is stored
		st, err := store.OpenSQLite(context.Background(), w.path, store.SQLiteOptions{})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := st.Rows(context.Background(), store.Query{Limit: 1})
		if err != nil || len(rows) != 1 {
			t.Fatal(err)
		}
		id := rows[0].ID
		// A webhook (or a walk) said it changed.
		if err := st.MarkStale(context.Background(), []string{id}); err != nil {
			t.Fatal(err)
		}
		st.Close()

		s, end := w.session(false)
		s.runFor(time.Minute)
		w.api.take()
		release := w.api.holdBack("/datasets/" + id)
		s.send(enterKey)
		s.runFor(5 * time.Second)
		if screen := s.screen(); !strings.Contains(screen, "refreshing") || !strings.Contains(screen, id) {
			t.Errorf("the stale stored %s is not shown marked refreshing:\n%s", id, screen)
		}
		release()
		s.runFor(10 * time.Second)
		if screen := s.screen(); strings.Contains(screen, "refreshing") {
			t.Errorf("still refreshing after the fresh copy came:\n%s", screen)
		}
		if _, got := w.api.take(); len(got) != 1 || got[0] != id {
			t.Errorf("detail requests %v, want just %s", got, id)
		}
		end()
	})
}

// A damaged store file is moved aside and the dashboard says so on its
// error line and goes on, syncing into the new store; a folder it cannot
// write leaves the store in memory, said the same way.
func TestStoreNoticesShownAndTheDashboardGoesOn(t *testing.T) {
	for _, c := range []struct {
		name, want string
		prepare    func(t *testing.T, path string)
	}{
		{"corrupt", "damaged", func(t *testing.T, path string) {
			if err := os.WriteFile(path, bytes.Repeat([]byte("not a database "), 500), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"read-only folder", "in memory", func(t *testing.T, path string) {
			if os.Geteuid() == 0 {
				t.Skip("root writes anywhere")
			}
			if err := os.Chmod(filepath.Dir(path), 0o500); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.Chmod(filepath.Dir(path), 0o700) })
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				w := newStoreWorld(t, fakeapi.Rates{})
				c.prepare(t, w.path)
				cfg := config.Defaults()
				cfg.Store = w.path
				opened, err := openStore(context.Background(), cfg, "unused.db", nil)
				if err != nil {
					t.Fatal(err)
				}
				if len(opened.Notices) == 0 {
					t.Fatal("no notice")
				}
				api, err := dashboardClient("https://api.dataextractor.test", fakeapi.DemoKey, config.Defaults(), discardLog(),
					fakeapi.InMemory{Handler: w.api}, nil)
				if err != nil {
					t.Fatal(err)
				}
				s := newModelSession(t, ui.NewLocal(ui.Local{Store: opened.Store, API: api, Notices: opened.Notices, Resync: 24 * time.Hour},
					ui.Options{Theme: ui.ThemeMono}), 200, 20)
				s.runFor(time.Minute)
				screen := s.screen()
				if !strings.Contains(screen, c.want) || !rowIDRe.MatchString(screen) || !syncedRe.MatchString(screen) {
					t.Errorf("want the notice (%q), rows and a finished sync:\n%s", c.want, screen)
				}
				s.quit()
				opened.Store.Close()
			})
		})
	}
}

// --demo keeps its own store, named by the seed and the day: a second run
// opens the same file, shows what the first stored at once, and syncs
// against the embedded living account, marking what arrived meanwhile.
func TestDemoSecondRunStartsFromItsStore(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(10 * time.Hour) // the demo's day has lived a while
		dcfg := demoConfig(time.Now())
		file := demoStoreFile(dcfg)
		if again := demoStoreFile(demoConfig(time.Now().Add(time.Hour))); again != file {
			t.Fatalf("the same day names two stores: %s, %s", file, again)
		}
		api := &counted{next: fakeapi.New(dcfg)}
		run := func() (*uiSession, func()) {
			opened, err := openStore(context.Background(), config.Defaults(), file, nil)
			if err != nil || len(opened.Notices) > 0 {
				t.Fatal(err, opened.Notices)
			}
			if want := filepath.Join(cache, "dxdash", file); opened.Store.Info().Path != want {
				t.Fatalf("the demo's store is %s, want %s", opened.Store.Info().Path, want)
			}
			c, err := dashboardClient("http://127.0.0.1:1", fakeapi.DemoKey, config.Defaults(), discardLog(), fakeapi.InMemory{Handler: api}, nil)
			if err != nil {
				t.Fatal(err)
			}
			s := newModelSession(t, ui.NewLocal(ui.Local{Store: opened.Store, API: c, Resync: 24 * time.Hour},
				ui.Options{Title: "demo", Theme: ui.ThemeMono}), 140, 30)
			return s, func() { s.quit(); opened.Store.Close() }
		}
		s, end := run()
		if !strings.Contains(s.screen(), "never synced") {
			t.Errorf("a first run claims a sync:\n%s", s.screen())
		}
		s.runFor(time.Minute)
		stored := rowsOn(s.screen())
		end()
		api.take()

		time.Sleep(30 * time.Minute) // about 15 arrivals
		// The server is held back for the first minute: the screen must
		// show the stored rows, as of the first run's sync, without it.
		release := api.holdBack("/api/v1/datasets")
		s, end = run()
		s.runFor(5 * time.Second) // well inside the client's timeout: no retry
		newest := strings.SplitN(stored, "\n", 2)[0]
		shown := false
		for _, f := range s.frames {
			shown = shown || halfHourAgo.MatchString(f) && strings.Contains(f, newest)
		}
		if !shown {
			t.Errorf("no frame shows the stored rows synced half an hour ago; the first:\n%s", s.frames[0])
		}
		release()
		s.runFor(time.Minute)
		if k := markedCount(t, s.screen()); k == 0 {
			t.Error("nothing marked after 30 minutes of a living account")
		}
		if !strings.Contains(rowsOn(s.screen()), strings.SplitN(stored, "\n", 2)[0]) {
			t.Errorf("the first run's newest row %s is gone:\n%s", strings.SplitN(stored, "\n", 2)[0], s.screen())
		}
		list, _ := api.take()
		counts, _ := openedCount(t, filepath.Join(cache, "dxdash", file))
		if want := (counts + 99) / 100; list != want {
			t.Errorf("the second run's sync made %d list requests, want ceil(%d/100) = %d", list, counts, want)
		}
		end()
	})
}

var halfHourAgo = regexp.MustCompile(`synced 3\d min ago`)

func openedCount(t *testing.T, path string) (int, error) {
	st, err := store.OpenSQLite(context.Background(), path, store.SQLiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Count(context.Background(), store.Filter{})
	return c.Rows, err
}

// worstStored is the stored dataset of lowest accuracy.
func worstStored(t *testing.T, path string) string {
	st, err := store.OpenSQLite(context.Background(), path, store.SQLiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.Rows(context.Background(), store.Query{Sort: store.SortAccuracy, Limit: 1})
	if err != nil || len(rows) != 1 {
		t.Fatal(rows, err)
	}
	return rows[0].ID
}

// r in the list syncs the store now (one walk, the rows reread from the
// store); r in a detail fetches it from the server whatever is stored.
func TestReloadSyncsAndRefetchFetches(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newStoreWorld(t, fakeapi.Rates{})
		opened := w.firstSession()
		s, end := w.session(false)
		s.runFor(time.Minute)
		w.api.take()
		s.press(key('r'))
		s.runFor(time.Minute)
		if list, got := w.api.take(); list != (storeN+99)/100 || len(got) != 0 {
			t.Errorf("r in the list: %d list and %d detail requests, want one walk", list, len(got))
		}
		s.press(enterKey)
		if _, got := w.api.take(); len(got) != 0 {
			t.Errorf("opening the stored %s: %v", opened, got)
		}
		s.press(key('r'))
		if _, got := w.api.take(); len(got) != 1 || got[0] != opened {
			t.Errorf("r in the detail: %v, want %s", got, opened)
		}
		end()
	})
}

// A sync that fails says why on the error line, and the stored rows stay;
// a refused key gets the 401 screen.
func TestSyncFailureShown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newStoreWorld(t, fakeapi.Rates{})
		w.firstSession()
		w.api.next = http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			rw.Header().Set("Content-Type", "application/json")
			rw.WriteHeader(http.StatusUnauthorized)
			_, _ = rw.Write([]byte(`{"error":{"code":"unauthorized","message":"bad key"}}`))
		})
		s, end := w.session(false)
		s.runFor(time.Minute)
		if screen := s.screen(); !strings.Contains(screen, "401") {
			t.Errorf("a refused key during the sync is not the 401 screen:\n%s", screen)
		}
		end()
	})
}

// A dataset whose detail the store holds shows its checks in the list
// without being opened: the rows on screen are read from the store, with
// no request (offline here), and only those the store lacks say "—".
func TestStoredDetailsShowTheirChecksInTheList(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newStoreWorld(t, fakeapi.Rates{})
		w.firstSession()
		st, err := store.OpenSQLite(context.Background(), w.path, store.SQLiteOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s, end := w.session(true)
		s.runFor(10 * time.Second)
		screen := s.screen()
		ids := rowIDRe.FindAllString(screen, -1)
		stored, err := st.Details(context.Background(), ids)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		cells := checksCells(t, screen)
		shown := 0
		for _, id := range ids {
			d, has := stored[id]
			cell, ok := cells[id]
			switch {
			case !ok:
				t.Fatalf("no CHECKS cell for %s:\n%s", id, screen)
			case has && d.Current && d.Status == "complete" && cell == "—":
				t.Errorf("%s: its detail is stored, its checks read %q", id, cell)
			case !has && cell != "—":
				t.Errorf("%s: no detail stored, yet its checks read %q", id, cell)
			case has && d.Current && d.Status == "complete":
				shown++
			}
		}
		if shown == 0 {
			t.Fatalf("no row on screen has a stored detail: the test shows nothing\n%s", screen)
		}
		t.Logf("%d of %d rows on screen show their stored checks", shown, len(ids))
		end()
		if list, got := w.api.take(); list != 0 || len(got) != 0 {
			t.Errorf("offline: %d list and %d detail requests", list, len(got))
		}
	})
}

// checksCells reads the CHECKS column of each row on screen, by id.
func checksCells(t *testing.T, screen string) map[string]string {
	t.Helper()
	lines := strings.Split(screen, "\n")
	at := -1
	for _, line := range lines {
		if i := strings.Index(line, "CHECKS"); i >= 0 && strings.Contains(line, " ID ") {
			at = len([]rune(line[:i]))
			break
		}
	}
	if at < 0 {
		t.Fatalf("no CHECKS column on screen:\n%s", screen)
	}
	cells := map[string]string{}
	for _, line := range lines {
		id := rowIDRe.FindString(line)
		if r := []rune(line); id != "" && len(r) > at {
			cells[id] = strings.TrimSpace(string(r[at:min(at+7, len(r))]))
		}
	}
	return cells
}
