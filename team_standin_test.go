//go:build unix

package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/store"
)

// With no listener, one dashboard of two syncs the shared store in its
// place and says so; the other sends nothing and shows the rows the first
// stored. When a listener's heartbeat is back, the stand-in stops.
func TestTeamDashboardStandsInForAGoneListener(t *testing.T) {
	dsn := testPGDSN(t)
	account := "standin " + t.Name()
	dropAccount(t, dsn, account)
	ctx := context.Background()
	if _, _, err := store.MigratePostgres(ctx, dsn, account); err != nil {
		t.Fatal(err)
	}
	ownA, ownB := &counted{next: fakeapi.New(fakeapi.DefaultConfig())}, &counted{next: fakeapi.New(fakeapi.DefaultConfig())}
	a, endA := teamDashboard(t, dsn, account, ownA)
	defer endA()
	b, endB := teamDashboard(t, dsn, account, ownB)
	defer endB()
	rows := func(s string) bool { return rowIDRe.MatchString(s) }
	a.awaitScreen(20*time.Second, "rows on A", rows)
	b.awaitScreen(20*time.Second, "rows on B", rows)
	// The stand-in said so before its first page was stored.
	inA, inB := strings.Contains(a.screen(), "no listener: syncing here"), strings.Contains(b.screen(), "no listener: syncing here")
	if inA == inB {
		t.Fatalf("standing in: A %v, B %v; want exactly one\nA:\n%s\nB:\n%s", inA, inB, a.screen(), b.screen())
	}
	stand, other, standOwn, otherOwn := a, b, ownA, ownB
	if inB {
		stand, other, standOwn, otherOwn = b, a, ownB, ownA
	}
	if !strings.Contains(other.screen(), "no listener: own client") {
		t.Errorf("the other dashboard's status:\n%s", other.screen())
	}
	waitFor(t, 20*time.Second, "the stand-in's sync stored every dataset", stand, func() bool {
		stand.drain()
		st, err := store.OpenPostgres(ctx, dsn, store.PostgresOptions{Account: account})
		if err != nil {
			return false
		}
		defer st.Close()
		w, err := st.Walk(ctx)
		return err == nil && !w.LastComplete.IsZero()
	})
	if list, get := otherOwn.take(); list != 0 || len(get) != 0 {
		t.Errorf("the dashboard not standing in made %d list and %d detail requests, want none", list, len(get))
	}
	// 500 demo datasets, 100 a page.
	if list, _ := standOwn.take(); list != 5 {
		t.Errorf("the stand-in made %d list requests, want the walk's 5", list)
	}

	// A listener is back: its heartbeat ends the stand-in.
	st, err := store.OpenPostgres(ctx, dsn, store.PostgresOptions{Account: account})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.(store.Requests).Beat(ctx, store.ListenerState{Who: "listener", SeenAt: time.Now(), LastSync: time.Now(), Limit: 60, Remaining: 60}); err != nil {
		t.Fatal(err)
	}
	stand.awaitScreen(15*time.Second, "the listener back on the stand-in's screen", func(s string) bool {
		return strings.Contains(s, "✓ listener, synced") && !strings.Contains(s, "syncing here")
	})
	// Released (just after the screen said so): another could stand in.
	waitFor(t, 10*time.Second, "the stand-in's hold on the store's sync released", stand, func() bool {
		release, ok, err := st.(store.Requests).StandIn(ctx)
		if err != nil || !ok {
			return false
		}
		release()
		return true
	})
}
