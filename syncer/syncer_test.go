package syncer_test

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/syncer"
)

// The request counts of the issue, exactly.
func TestSyncSpendsTheMinimumOfRequests(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, 480, living, fast)
	st := memoryStore(t)
	s := syncer.New(e.api, st, syncer.Options{})

	// The first sync: every page, every complete dataset's detail.
	before := e.reqs.len()
	first, err := s.Sync(ctx, store.DetailsAll)
	if err != nil {
		t.Fatal(err)
	}
	n := len(e.srv.Datasets())
	complete := 0
	for _, d := range e.srv.Datasets() {
		if d.Status == client.StatusComplete {
			complete++
		}
	}
	lists, details, _ := e.reqs.since(before)
	if lists != pages(n) || details != complete || first.New != n {
		t.Fatalf("first sync of %d: %d list and %d detail requests, %d new; want %d, %d, %d", n, lists, details, first.New, pages(n), complete, n)
	}

	// Nothing changed: ceil(N/100) list requests, no detail.
	before = e.reqs.len()
	second, err := s.Sync(ctx, store.DetailsAll)
	if err != nil {
		t.Fatal(err)
	}
	if lists, details, _ := e.reqs.since(before); lists != pages(n) || details != 0 || second.New+second.Changed != 0 {
		t.Fatalf("second sync: %d list, %d detail requests, %+v; want %d and 0", lists, details, second, pages(n))
	}

	// k datasets new or changed: ceil(N/100) list requests, and details
	// only of those, only where the policy wants them.
	t0 := e.clock.Now()
	e.clock.Advance(20 * time.Minute)
	changed := map[string]bool{}
	for _, ch := range e.srv.Changes(t0, e.clock.Now()) {
		changed[ch.DatasetID] = true
	}
	now := map[string]client.Dataset{}
	for _, d := range e.srv.Datasets() {
		now[d.ID] = d
	}
	wantDetails := 0
	for id := range changed {
		if now[id].Status == client.StatusComplete {
			wantDetails++
		}
	}
	if len(changed) < 10 {
		t.Fatalf("only %d changes in 20 minutes", len(changed))
	}
	before = e.reqs.len()
	third, err := s.Sync(ctx, store.DetailsAll)
	if err != nil {
		t.Fatal(err)
	}
	lists, details, ids := e.reqs.since(before)
	if lists != pages(len(now)) || details != wantDetails || third.New+third.Changed != len(changed) {
		t.Errorf("after %d changes: %d list, %d detail requests, %d new + %d changed; want %d and %d",
			len(changed), lists, details, third.New, third.Changed, pages(len(now)), wantDetails)
	}
	for _, id := range ids {
		if !changed[id] {
			t.Errorf("fetched %s, which did not change", id)
		}
	}

	// Ensuring a stored, current detail: no request.
	before = e.reqs.len()
	some := []string{}
	for id, d := range now {
		if d.Status == client.StatusComplete && len(some) < 20 {
			some = append(some, id)
		}
	}
	if fetched, err := s.Ensure(ctx, some, syncer.Interactive); err != nil || fetched != 0 {
		t.Fatalf("ensure: %d fetched, %v", fetched, err)
	}
	if lists, details, _ := e.reqs.since(before); lists+details != 0 {
		t.Errorf("ensuring current details sent %d requests", lists+details)
	}
	// The store holds the account: summaries and details as the server has them.
	for id, d := range now {
		row, ok, err := st.Row(ctx, id)
		if err != nil || !ok || !row.UpdatedAt.Equal(d.UpdatedAt) || row.Status != d.Status {
			t.Fatalf("%s: stored %+v, server %+v", id, row.Dataset, d)
		}
	}
}

// Only the details a policy wants, and Ensure fetches what is missing.
func TestPoliciesAndEnsure(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, 250, living, fast)
	st := memoryStore(t)
	s := syncer.New(e.api, st, syncer.Options{})
	before := e.reqs.len()
	if _, err := s.Sync(ctx, store.DetailsVerified); err != nil {
		t.Fatal(err)
	}
	verified, unverified := 0, ""
	for _, d := range e.srv.Datasets() {
		if d.IsVerified {
			verified++
		} else if d.Status == client.StatusComplete && unverified == "" {
			unverified = d.ID
		}
	}
	if _, details, _ := e.reqs.since(before); details != verified {
		t.Errorf("%d details for --details verified, want %d", details, verified)
	}
	before = e.reqs.len()
	if fetched, err := s.Ensure(ctx, []string{unverified, unverified}, syncer.Interactive); err != nil || fetched != 1 {
		t.Errorf("ensure a missing detail: %d, %v", fetched, err)
	}
	if _, details, _ := e.reqs.since(before); details != 1 {
		t.Errorf("%d requests to ensure one missing detail", details)
	}
	if fetched, err := s.Ensure(ctx, []string{"ds_notthere"}, syncer.Background); err != nil || fetched != 0 {
		t.Errorf("ensure an unknown id: %d, %v", fetched, err)
	}
	before = e.reqs.len()
	if _, err := s.Sync(ctx, store.DetailsNone); err != nil {
		t.Fatal(err)
	}
	if _, details, _ := e.reqs.since(before); details != 0 {
		t.Errorf("--details none fetched %d", details)
	}
}

func TestSearchIsStored(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, 250, living, fast)
	st := memoryStore(t)
	s := syncer.New(e.api, st, syncer.Options{})
	yes := true
	key := store.SearchKey{Query: "steel", IsVerified: &yes}
	a, err := s.Search(ctx, key, "")
	if err != nil || len(a.Rows) == 0 || !a.Complete {
		t.Fatalf("search: %d rows, complete %v, %v", len(a.Rows), a.Complete, err)
	}
	stored, ok, err := st.Search(ctx, key)
	if !ok || err != nil || len(stored.Rows) != len(a.Rows) {
		t.Errorf("stored answer: %v %v %d", ok, err, len(stored.Rows))
	}
}

// At the real limit (60 a minute) a background sync leaves half the
// budget, and an interactive request waits behind at most one background
// request.
func TestBackgroundLeavesHeadroomAndInteractiveGoesFirst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		e := newEnv(t, 400, living, 60)
		st := memoryStore(t)
		s := syncer.New(e.api, st, syncer.Options{})
		done := make(chan error, 1)
		go func() { _, err := s.Sync(ctx, store.DetailsAll); done <- err }()

		// Let the background work run a few minutes, then ask for details
		// a person opened, a few times.
		var targets []string
		for _, d := range e.srv.Datasets() {
			if d.Status == client.StatusComplete {
				targets = append(targets, d.ID)
			}
		}
		slices.Reverse(targets) // the oldest: the sync reaches them last
		for i := range 5 {
			time.Sleep(time.Duration(50+i*37) * time.Second)
			synctest.Wait()
			asked := e.reqs.len()
			if _, err := s.Ensure(ctx, targets[i:i+1], syncer.Interactive); err != nil {
				t.Fatal(err)
			}
			e.reqs.mu.Lock()
			ahead := 0
			for _, r := range e.reqs.log[asked:] {
				if r.path == "/api/v1/datasets/"+targets[i] {
					break
				}
				ahead++
			}
			e.reqs.mu.Unlock()
			if ahead > 1 {
				t.Errorf("ensure %d waited behind %d background requests", i, ahead)
			}
		}
		cancel()
		<-done

		// No 60-second window held more than half the limit of background
		// requests, or more than the limit in all.
		e.reqs.mu.Lock()
		defer e.reqs.mu.Unlock()
		log := e.reqs.log
		interactive := map[string]bool{}
		for _, id := range targets[:5] {
			interactive["/api/v1/datasets/"+id] = true
		}
		for i := range log {
			in, bg := 0, 0
			for _, r := range log[i:] {
				if r.at.Sub(log[i].at) >= time.Minute {
					break
				}
				in++
				if !interactive[r.path] {
					bg++
				}
			}
			if in > 60 || bg > 31 {
				t.Fatalf("a window from %v holds %d requests, %d of them background", log[i].at, in, bg)
			}
		}
		if span := log[len(log)-1].at.Sub(log[0].at); len(log) < int(span.Minutes()*25) {
			t.Errorf("%d requests in %v: the background work crawled", len(log), span)
		}
		if e.srv.Requests().RateLimited != 0 {
			t.Errorf("%d requests rate limited", e.srv.Requests().RateLimited)
		}
	})
}
