package client

import (
	"context"
	"net/http"
	"net/http/httptest"
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
