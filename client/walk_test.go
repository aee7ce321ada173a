package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Every server in this file would page forever if the client let it: each
// pagedServer has a max, so a broken guard fails the test instead of
// hanging it.

// unpaced lifts the rate limit, so that tests of many pages take no time.
var unpaced = WithRateLimits(100_000, 100_000)

func TestDatasetsEndsWhenTheCursorsGoRoundInACircle(t *testing.T) {
	srv := &pagedServer{t: t, max: 20, pages: func(_ int, cursor string) (map[string]any, bool) {
		switch cursor {
		case "":
			return pageOf("A", "ds_1"), true
		case "A":
			return pageOf("B", "ds_2"), true
		case "B":
			return pageOf("A", "ds_3"), true // back to A
		}
		return nil, false
	}}
	c, _ := newServerClient(t, srv, unpaced)
	ids, err := collect(t, c, ListParams{})
	if !errors.Is(err, ErrEndlessListing) {
		t.Fatalf("err = %v after %d requests, want ErrEndlessListing", err, srv.log.count())
	}
	if !strings.Contains(err.Error(), "round in a circle") || !strings.Contains(err.Error(), "GET /api/v1/datasets") {
		t.Errorf("error %q does not say what went wrong", err)
	}
	// B's datasets are yielded; the second A is refused before it is sent.
	if !slices.Equal(ids, []string{"ds_1", "ds_2", "ds_3"}) {
		t.Errorf("ids = %v", ids)
	}
	if got := srv.cursors(); !slices.Equal(got, []string{"", "A", "B"}) {
		t.Errorf("cursors asked = %v, want A not asked twice", got)
	}
}

func TestDatasetsEndsWhenFreshCursorsBringNothingNew(t *testing.T) {
	for name, page := range map[string]func(call int) map[string]any{
		// The same two datasets on every page, under a new cursor each time.
		"same datasets": func(call int) map[string]any { return pageOf(fmt.Sprint("c", call), "ds_a", "ds_b") },
		"empty pages": func(call int) map[string]any {
			if call == 1 {
				return pageOf("c1", "ds_a")
			}
			return pageOf(fmt.Sprint("c", call))
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv := &pagedServer{t: t, max: 50, pages: func(call int, _ string) (map[string]any, bool) { return page(call), true }}
			c, _ := newServerClient(t, srv, unpaced)
			ids, err := collect(t, c, ListParams{})
			if !errors.Is(err, ErrEndlessListing) || !strings.Contains(err.Error(), "brought no dataset") {
				t.Fatalf("err = %v, want ErrEndlessListing saying no page brought anything new", err)
			}
			if len(ids) == 0 || len(ids) > 2 {
				t.Errorf("ids = %v, want the first page's, once", ids)
			}
			if n := srv.log.count(); n != 1+maxFruitlessPages {
				t.Errorf("%d requests, want the first page and %d with nothing new", n, maxFruitlessPages)
			}
		})
	}
}

func TestDatasetsGoesOnPastEmptyPagesThatStillHaveACursor(t *testing.T) {
	// Two empty pages, then data, then maxFruitlessPages-1 pages of old
	// data and empty ones: all legitimate, all walked.
	script := []map[string]any{
		pageOf("c1", "ds_a"),
		pageOf("c2"),
		pageOf("c3"),
		pageOf("c4", "ds_b"),
	}
	for i := range maxFruitlessPages - 1 {
		script = append(script, pageOf(fmt.Sprint("d", i), "ds_a"))
	}
	script = append(script, pageOf("", "ds_c"))
	srv := &pagedServer{t: t, max: len(script), pages: func(call int, _ string) (map[string]any, bool) {
		return script[call-1], true
	}}
	c, _ := newServerClient(t, srv, unpaced)
	ids, err := collect(t, c, ListParams{})
	if err != nil {
		t.Fatalf("err = %v after %d requests", err, srv.log.count())
	}
	if !slices.Equal(ids, []string{"ds_a", "ds_b", "ds_c"}) || srv.log.count() != len(script) {
		t.Errorf("ids %v after %d requests, want 3 ids after %d", ids, srv.log.count(), len(script))
	}
}

// TestListDatasetsPagedByHandCatchesACircle pages the way the dashboard's
// list does, one ListDatasets per page, each with the last NextCursor.
func TestListDatasetsPagedByHandCatchesACircle(t *testing.T) {
	srv := &pagedServer{t: t, max: 20, pages: func(_ int, cursor string) (map[string]any, bool) {
		next := map[string]string{"": "A", "A": "B", "B": "A"}[cursor]
		return pageOf(next, "ds_"+cursor), true
	}}
	c, _ := newServerClient(t, srv, unpaced)
	p := ListParams{Limit: 10}
	var err error
	for range 10 {
		var page Page
		page, err = c.ListDatasets(context.Background(), p)
		if err != nil {
			break
		}
		p.Cursor = page.NextCursor
	}
	if !errors.Is(err, ErrEndlessListing) || srv.log.count() != 3 {
		t.Fatalf("err = %v after %d requests, want ErrEndlessListing after 3", err, srv.log.count())
	}
	// Asking again (r on the dashboard) starts a fresh walk at that cursor,
	// which goes round once more and stops again.
	for range 10 {
		var page Page
		page, err = c.ListDatasets(context.Background(), p)
		if err != nil {
			break
		}
		p.Cursor = page.NextCursor
	}
	if !errors.Is(err, ErrEndlessListing) || srv.log.count() != 5 {
		t.Errorf("retry: err = %v after %d requests, want ErrEndlessListing after 5", err, srv.log.count())
	}
}

// TestTwoWalksOverTheSameCursorsDoNotCollide: two callers paging the same
// filters through a server whose cursors are the same for both (an offset,
// say), interleaved, both reach the end.
func TestTwoWalksOverTheSameCursorsDoNotCollide(t *testing.T) {
	srv := &pagedServer{t: t, max: 40, pages: func(_ int, cursor string) (map[string]any, bool) {
		n := 0
		if cursor != "" {
			fmt.Sscan(cursor, &n)
		}
		next := ""
		if n < 5 {
			next = fmt.Sprint(n + 1)
		}
		return pageOf(next, fmt.Sprint("ds_", n)), true
	}}
	c, _ := newServerClient(t, srv, unpaced)
	walkers := []*ListParams{{}, {}}
	done := make([]bool, 2)
	for step := 0; step < 30 && !(done[0] && done[1]); step++ {
		// In turn: each is handed the cursor the other was just handed.
		i := step % 2
		if done[i] {
			continue
		}
		page, err := c.ListDatasets(context.Background(), *walkers[i])
		if err != nil {
			t.Fatalf("walker %d at %q: %v", i, walkers[i].Cursor, err)
		}
		walkers[i].Cursor = page.NextCursor
		done[i] = page.NextCursor == ""
	}
	if !done[0] || !done[1] {
		t.Errorf("the walks did not both finish: %v", done)
	}
}

func TestOpenWalksAreBounded(t *testing.T) {
	srv := &pagedServer{pages: func(call int, _ string) (map[string]any, bool) {
		return pageOf(fmt.Sprint("c", call), fmt.Sprint("ds_", call)), true
	}}
	c, _ := newServerClient(t, srv, unpaced)
	// A walk per search typed, each abandoned after its first page.
	for i := range 3 * maxOpenWalks {
		if _, err := c.ListDatasets(context.Background(), ListParams{Search: fmt.Sprint("q", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(c.walks.parked); n != maxOpenWalks {
		t.Errorf("%d walks remembered, want %d", n, maxOpenWalks)
	}
}
