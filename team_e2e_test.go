//go:build unix

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/ui"
	"github.com/jackc/pgx/v5"
)

// Team mode end to end (issue 18): the living demo-api, one `dxdash
// listen` on the PostgreSQL store, and two dashboards (ui.NewLocal
// models) over the same store. The dashboards' own clients point at a
// fake API that counts: it must see nothing, so the only requests the
// account's API gets are the listener's.

// awaitScreen delivers the session's messages until cond holds of the
// screen, failing after d.
func (s *uiSession) awaitScreen(d time.Duration, what string, cond func(screen string) bool) {
	s.t.Helper()
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for !cond(s.screen()) {
		select {
		case msg := <-s.msgs:
			s.send(msg)
		case <-deadline.C:
			s.t.Fatalf("no %s within %s:\n%s", what, d, s.screen())
		}
	}
}

// teamDashboard opens a dashboard over the shared store, its own client
// on api.
// drain delivers the messages that have arrived, without waiting.
func (s *uiSession) drain() {
	for {
		select {
		case msg := <-s.msgs:
			s.send(msg)
		default:
			return
		}
	}
}

// String is the session's screen, for waitFor's failure.
func (s *uiSession) String() string { return s.screen() }

// openRequests counts the account's requests nobody has answered.
func openRequests(t *testing.T, dsn, account string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var schema string
	var n int
	if err := conn.QueryRow(ctx, "SELECT schema_name FROM dxdash.accounts WHERE account = $1", account).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{schema}.Sanitize()+".requests WHERE done_at = 0").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func teamDashboard(t *testing.T, dsn, account string, api *counted) (*uiSession, func()) {
	t.Helper()
	st, err := store.OpenPostgres(context.Background(), dsn, store.PostgresOptions{Account: account, Listen: true,
		PollInterval: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := dashboardClient("https://api.dataextractor.test", fakeapi.DemoKey, config.Defaults(), discardLog(),
		fakeapi.InMemory{Handler: api}, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := ui.Local{Store: st, API: cl, TeamWhere: storeWhere(dsn), Who: "test " + t.Name()}
	s := newModelSession(t, ui.NewLocal(l, ui.Options{Theme: ui.ThemeMono}), 160, 130)
	return s, func() { s.quit(); _ = st.Close() }
}

func TestTeamModeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dsn := testPGDSN(t)
	addr := freePort(t)
	baseURL := startHookedDemoAPI(t, "http://"+addr+"/webhooks/dataextractor")
	account := store.FileName(baseURL, "demo-key")
	dropAccount(t, dsn, account)
	conf := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(conf, fmt.Appendf(nil, "base_url = %q\n", baseURL), 0o600); err != nil {
		t.Fatal(err)
	}
	log, stop := startTeamListener(t, conf, addr)
	waitFor(t, 30*time.Second, "the listener's first sync", log, func() bool { return strings.Contains(log.String(), "synced: 1 pages") })

	own := &counted{next: fakeapi.New(fakeapi.DefaultConfig())}
	a, endA := teamDashboard(t, dsn, account, own)
	defer endA()
	b, endB := teamDashboard(t, dsn, account, own)
	defer endB()
	listening := func(s string) bool { return strings.Contains(s, "✓ listener, synced") && rowIDRe.MatchString(s) }
	a.awaitScreen(10*time.Second, "team status and rows on A", listening)
	b.awaitScreen(10*time.Second, "team status and rows on B", listening)
	if strings.Contains(a.screen(), "password") || !strings.Contains(a.screen(), "team 127.0.0.1:") {
		t.Errorf("A's status bar:\n%s", a.screen())
	}

	// A opens a dataset the store has no detail of: the listener fetches
	// it; B then opens it from the store, asking nothing.
	id := firstRowID(a.screen())
	opened := func(s string) bool { return strings.Contains(s, "[fields ") }
	a.send(enterKey)
	a.awaitScreen(15*time.Second, "the detail on A", opened)
	b.send(enterKey)
	b.awaitScreen(5*time.Second, "the detail on B", opened)
	if n := strings.Count(log.String(), "(dataset "+id+")"); n != 1 {
		t.Errorf("the listener fetched %s %d times, want once:\n%s", id, n, log)
	}
	a.send(escKey)
	b.send(escKey)

	// A webhook event: the listener logs it, and both lists show the
	// dataset verified within a second.
	updated := regexp.MustCompile(`matching\.completed (ds_\w+): updated \(complete, verified\)`)
	seen := len(updated.FindAllString(log.String(), -1))
	waitFor(t, 30*time.Second, "a webhook event", log, func() bool { return len(updated.FindAllString(log.String(), -1)) > seen })
	ev := updated.FindAllStringSubmatch(log.String(), -1)[seen][1]
	verifiedRow := func(s string) bool {
		for line := range strings.SplitSeq(s, "\n") {
			if strings.Contains(line, ev) {
				return strings.Contains(line, "✓")
			}
		}
		return false
	}
	a.awaitScreen(time.Second, "event's dataset "+ev+" verified on A", verifiedRow)
	b.awaitScreen(time.Second, "event's dataset "+ev+" verified on B", verifiedRow)

	// The listener restarts while A asks for a dataset: the request waits
	// in the store and the new listener answers it.
	stop()
	a.send(key('G')) // the last row: one whose detail nobody fetched
	a.send(enterKey)
	// Filed while no listener runs, before the next one starts.
	waitFor(t, 10*time.Second, "A's request filed in the store", a, func() bool {
		a.drain()
		return openRequests(t, dsn, account) == 1
	})
	log2, _ := startTeamListener(t, conf, addr)
	a.awaitScreen(30*time.Second, "a detail answered by the restarted listener", opened)
	if !strings.Contains(log2.String(), "by test "+t.Name()+": answered") {
		t.Errorf("the restarted listener answered nothing:\n%s", log2)
	}

	if list, get := own.take(); list != 0 || len(get) != 0 {
		t.Errorf("the dashboards' own clients made %d list and %d detail requests, want none", list, len(get))
	}
}
