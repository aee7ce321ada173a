package client

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"
)

// pagedServer serves pages keyed by the cursor asked for ("" is the first);
// a cursor it lacks gets a 400 "cursor expired". With max set, the request
// after the max-th fails the test and gets a 401, which ends any walk: a
// test of a server that pages forever fails instead of hanging when the
// client's guard is broken.
type pagedServer struct {
	log   requestLog
	pages func(call int, cursor string) (map[string]any, bool)
	t     *testing.T
	max   int
}

func (s *pagedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.log.add(r)
	if s.max > 0 && n > s.max {
		s.t.Errorf("request %d: the client kept paging past %d requests", n, s.max)
		writeDetail(w, http.StatusUnauthorized, "the test ends this walk")
		return
	}
	page, ok := s.pages(n, r.URL.Query().Get("cursor"))
	if !ok {
		writeDetail(w, http.StatusBadRequest, "cursor expired; restart from the first page")
		return
	}
	writeJSON(w, http.StatusOK, page)
}

func (s *pagedServer) cursors() []string {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	var out []string
	for _, r := range s.log.reqs {
		out = append(out, r.URL.Query().Get("cursor"))
	}
	return out
}

// collect runs the iterator to the end.
func collect(t *testing.T, c *Client, p ListParams) ([]string, error) {
	t.Helper()
	var ids []string
	for ds, err := range c.Datasets(context.Background(), p) {
		if err != nil {
			return ids, err
		}
		ids = append(ids, ds.ID)
	}
	return ids, nil
}

func TestDatasetsWalksEveryPageIncludingEmptyOnes(t *testing.T) {
	srv := &pagedServer{pages: func(_ int, cursor string) (map[string]any, bool) {
		switch cursor {
		case "":
			return pageOf("c1", "ds_a", "ds_b"), true
		case "c1":
			return pageOf("c2"), true // empty, but not the end
		case "c2":
			return pageOf("c3", "ds_c"), true
		case "c3":
			return pageOf("", "ds_d"), true
		}
		return nil, false
	}}
	c, _ := newServerClient(t, srv)
	ids, err := collect(t, c, ListParams{Limit: 2, DatasetType: "invoice"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ds_a", "ds_b", "ds_c", "ds_d"}; !slices.Equal(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	if got := srv.cursors(); !slices.Equal(got, []string{"", "c1", "c2", "c3"}) {
		t.Errorf("cursors asked = %v", got)
	}
	for _, r := range srv.log.reqs {
		if q := r.URL.Query(); q.Get("limit") != "2" || q.Get("dataset_type") != "invoice" {
			t.Errorf("filters lost on a later page: %v", q)
		}
	}
}

func TestDatasetsRestartsOnAnExpiredCursorWithoutDuplicates(t *testing.T) {
	// The first time c1 is used it has expired. Meanwhile a new dataset,
	// ds_new, has arrived at the top of the listing.
	srv := &pagedServer{pages: func(call int, cursor string) (map[string]any, bool) {
		switch {
		case cursor == "" && call == 1:
			return pageOf("c1", "ds_a", "ds_b"), true
		case cursor == "":
			return pageOf("c1", "ds_new", "ds_a"), true
		case cursor == "c1" && call == 2:
			return nil, false
		case cursor == "c1":
			return pageOf("", "ds_b", "ds_c"), true
		}
		return nil, false
	}}
	c, _ := newServerClient(t, srv)
	ids, err := collect(t, c, ListParams{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ds_a", "ds_b", "ds_new", "ds_c"}; !slices.Equal(ids, want) {
		t.Errorf("ids = %v, want each once: %v", ids, want)
	}
	if got := srv.cursors(); !slices.Equal(got, []string{"", "c1", "", "c1"}) {
		t.Errorf("cursors asked = %v, want a restart from the first page", got)
	}
}

func TestDatasetsGivesUpWhenCursorsKeepExpiring(t *testing.T) {
	srv := &pagedServer{pages: func(_ int, cursor string) (map[string]any, bool) {
		if cursor == "" {
			return pageOf("c1", "ds_a"), true
		}
		return nil, false
	}}
	c, _ := newServerClient(t, srv)
	ids, err := collect(t, c, ListParams{})
	if !errors.Is(err, ErrCursorExpired) {
		t.Fatalf("err = %v, want ErrCursorExpired in the end", err)
	}
	if !slices.Equal(ids, []string{"ds_a"}) {
		t.Errorf("ids = %v", ids)
	}
	if n := srv.log.count(); n != 2*(maxCursorRestarts+1) {
		t.Errorf("%d requests, want %d", n, 2*(maxCursorRestarts+1))
	}
}

func TestDatasetsStopsAtTheFirstOtherError(t *testing.T) {
	srv := &pagedServer{pages: func(_ int, cursor string) (map[string]any, bool) {
		return pageOf("c1", "ds_a"), cursor == ""
	}}
	c, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("cursor") != "" {
			writeDetail(w, http.StatusUnauthorized, "key revoked")
			return
		}
		srv.ServeHTTP(w, r)
	}))
	var ids []string
	var errs []error
	for ds, err := range c.Datasets(context.Background(), ListParams{}) {
		if err != nil {
			errs = append(errs, err)
			continue // the iterator must end by itself
		}
		ids = append(ids, ds.ID)
	}
	if !slices.Equal(ids, []string{"ds_a"}) || len(errs) != 1 || !errors.Is(errs[0], ErrUnauthorized) {
		t.Errorf("ids %v, errors %v; want ds_a then one ErrUnauthorized", ids, errs)
	}
}

func TestDatasetsStopsOnEarlyBreak(t *testing.T) {
	srv := &pagedServer{pages: func(_ int, cursor string) (map[string]any, bool) {
		return pageOf(cursor+"x", "ds_"+cursor+"1", "ds_"+cursor+"2"), true
	}}
	c, _ := newServerClient(t, srv)
	var ids []string
	for ds, err := range c.Datasets(context.Background(), ListParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ds.ID)
		if len(ids) == 3 {
			break
		}
	}
	if len(ids) != 3 || srv.log.count() != 2 {
		t.Errorf("ids %v after %d requests; want 3 ids from 2 pages", ids, srv.log.count())
	}
}

func TestDatasetsStopsWhenTheServerRepeatsACursor(t *testing.T) {
	srv := &pagedServer{t: t, max: 10, pages: func(_ int, cursor string) (map[string]any, bool) {
		return pageOf("same", "ds_a"), true
	}}
	c, _ := newServerClient(t, srv)
	ids, err := collect(t, c, ListParams{})
	if !errors.Is(err, ErrEndlessListing) || !slices.Equal(ids, []string{"ds_a"}) || srv.log.count() != 2 {
		t.Errorf("ids %v, err %v after %d requests; want a loop error after 2", ids, err, srv.log.count())
	}
}
