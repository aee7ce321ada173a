package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRedirectToAnotherHostDropsTheKey(t *testing.T) {
	var authOnOther string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		authOnOther = r.Header.Get("Authorization")
		writeJSON(w, 200, map[string]string{"id": "ds_1"})
	}))
	defer other.Close()

	var authOnAPI string
	c, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		authOnAPI = r.Header.Get("Authorization")
		// Same IP as the API, another port: net/http alone would forward
		// the header.
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusFound)
	}))
	ds, err := c.GetDataset(context.Background(), "ds_1")
	if err != nil {
		t.Fatal(err)
	}
	if ds.ID != "ds_1" || authOnAPI == "" {
		t.Fatalf("setup: ds %+v, auth on the API %q", ds, authOnAPI)
	}
	if authOnOther != "" {
		t.Errorf("the other host received Authorization %q", authOnOther)
	}
}

func TestRedirectWithinTheHostKeepsTheKey(t *testing.T) {
	var auth string
	c, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/datasets/old" {
			http.Redirect(w, r, "/api/v1/datasets/new", http.StatusMovedPermanently)
			return
		}
		auth = r.Header.Get("Authorization")
		writeJSON(w, 200, map[string]string{"id": "new"})
	}))
	if _, err := c.GetDataset(context.Background(), "old"); err != nil {
		t.Fatal(err)
	}
	if auth != "Bearer "+testKey {
		t.Errorf("Authorization after a same-host redirect = %q", auth)
	}
}

func TestRedirectPolicyOfTheCallerStillApplies(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	}))
	defer srv.Close()
	hc := srv.Client()
	calls := 0
	hc.CheckRedirect = func(*http.Request, []*http.Request) error {
		calls++
		return http.ErrUseLastResponse
	}
	c, err := New(srv.URL, testKey, WithHTTPClient(hc), noRetries)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetDataset(context.Background(), "ds_1")
	if calls != 1 || err == nil {
		t.Errorf("caller's policy called %d times, err %v; want once, and the 302 as an error", calls, err)
	}
	// The caller's own client still has its own policy, unwrapped.
	if hc.CheckRedirect(nil, nil); calls != 2 {
		t.Error("the caller's client was modified")
	}
}

// TestARedirectLoopCountsEveryHopAndIsNotRetried: the budget counts what
// the server counts, hop by hop, and a loop, which would loop again, is
// not retried.
func TestARedirectLoopCountsEveryHopAndIsNotRetried(t *testing.T) {
	var log requestLog
	c, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := log.add(r)
		http.Redirect(w, r, fmt.Sprintf("/api/v1/datasets?hop=%d", n), http.StatusFound)
	}), WithRetryPolicy(RetryPolicy{MaxRetries: 3, BaseDelay: 1, MaxDelay: 1}))
	_, err := c.ListDatasets(context.Background(), ListParams{})
	if !errors.Is(err, ErrRedirect) || !strings.Contains(err.Error(), "redirects") {
		t.Fatalf("err = %v, want ErrRedirect saying it stopped after %d redirects", err, maxRedirects)
	}
	var retryErr *RetryError
	if errors.As(err, &retryErr) {
		t.Errorf("a redirect loop was retried: %v", err)
	}
	b := c.Budget().Read
	atServer, inBudget := log.count(), b.Limit-b.Remaining
	if atServer != maxRedirects || inBudget != atServer {
		t.Errorf("%d requests reached the server, the budget counted %d; want %d and %d", atServer, inBudget, maxRedirects, maxRedirects)
	}
	if b.InFlight != 0 {
		t.Errorf("%d requests still in flight", b.InFlight)
	}
}

// TestRedirectHopsWaitForTheBudget: at 2 a minute, a call that is
// redirected twice makes three requests, and the third waits for the
// window like any third request would.
func TestRedirectHopsWaitForTheBudget(t *testing.T) {
	var log requestLog
	clock := newSkippingClock()
	c, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := log.add(r); n < 3 {
			http.Redirect(w, r, fmt.Sprintf("/api/v1/datasets/hop%d", n), http.StatusFound)
			return
		}
		writeJSON(w, 200, map[string]string{"id": "ds_1"})
	}), WithRateLimits(2, 1), WithClock(clock))
	if _, err := c.GetDataset(context.Background(), "ds_1"); err != nil {
		t.Fatal(err)
	}
	if n := log.count(); n != 3 {
		t.Fatalf("%d requests, want 3", n)
	}
	if got := clock.total(); got < window {
		t.Errorf("the third request waited %s, want the window (%s) to free a slot", got, window)
	}
}

func TestRedirectFromHTTPSToHTTPIsRefused(t *testing.T) {
	var plainHits requestLog
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		plainHits.add(r)
		writeJSON(w, 200, map[string]string{"id": "ds_1"})
	}))
	defer plain.Close()
	var tlsHits requestLog
	secure := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tlsHits.add(r)
		http.Redirect(w, r, plain.URL+r.URL.Path, http.StatusMovedPermanently)
	}))
	defer secure.Close()
	c, err := New(secure.URL, testKey, WithHTTPClient(secure.Client()),
		WithRetryPolicy(RetryPolicy{MaxRetries: 3, BaseDelay: 1, MaxDelay: 1}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetDataset(context.Background(), "ds_1")
	if !errors.Is(err, ErrRedirect) || !strings.Contains(err.Error(), "https to http") {
		t.Fatalf("err = %v, want ErrRedirect from https to http", err)
	}
	if plainHits.count() != 0 || tlsHits.count() != 1 {
		t.Errorf("%d requests over http, %d over https; want 0 and 1 (no retry)", plainHits.count(), tlsHits.count())
	}
}
