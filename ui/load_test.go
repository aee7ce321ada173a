package ui

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// heapPeak samples the heap and keeps the largest figures.
type heapPeak struct {
	inuse, alloc uint64
	samples      int
}

func (p *heapPeak) sample() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	p.inuse, p.alloc = max(p.inuse, m.HeapInuse), max(p.alloc, m.HeapAlloc)
	p.samples++
}

// TestScrollHundredThousandDatasets pages through a 100 000-dataset
// corpus, 100 at a time, with PgDn from the first row to the last: the
// real client at the default 60 requests a minute (on the bubble's fake
// clock, so the 17 minutes it takes cost nothing) against fakeapi. Every
// page is asked for exactly once: 1 000 list requests, no 429.
func TestScrollHundredThousandDatasets(t *testing.T) {
	const datasets, pageSize = 100_000, 100
	wallStart := time.Now()
	cfg := fakeapi.DefaultConfig()
	cfg.DatasetCount = datasets
	srv := fakeapi.New(cfg)
	built := time.Since(wallStart)

	// The last dataset in the list's order (newest first, as the server
	// lists): selected, it says the list is complete and the cursor at
	// its end.
	lastID := srv.Datasets()[datasets-1].ID

	var base, peak, retained heapPeak
	runtime.GC()
	base.sample()
	var fakeElapsed time.Duration
	var presses int
	scrollStart := time.Now()
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		api := newLiveClient(t, validated(t, srv), nil)
		const width, height = 160, 50
		s := newLiveSession(t, api, common.Options{Title: "load", PageSize: pageSize}, width, height)
		defer s.close()
		sampledAt := int64(0)
		s.observe = func(tea.Msg) {
			// Every tenth page answered.
			if pages := s.api.returned.Load(); pages != sampledAt && pages%10 == 0 {
				sampledAt = pages
				peak.sample()
			}
		}
		s.runUntilListed(time.Minute)
		if st := s.listState(); st.rows != pageSize {
			t.Fatalf("the first page did not load: %q", st.footer)
		}
		for {
			if presses > 2*datasets/(height-4) {
				t.Fatalf("still scrolling after %d presses: %s", presses, s.listState().footer)
			}
			s.send(uitest.KeyPress("pgdown"))
			presses++
			if presses%4 == 0 {
				// A frame for every fourth key, as a terminal that cannot
				// keep up with key repeat shows: drawing all 100 000 rows
				// would be most of this test's time under -race. The
				// frame says whether the end is reached (a key or three
				// more at the end move nothing and ask for nothing).
				if strings.Contains(uitest.SelectedLine(t, s.Frame()), lastID) {
					break
				}
			}
			s.runUntilListed(2 * time.Minute) // the page the key asked for, if any
			if errs := s.api.errors(); len(errs) > 0 {
				t.Fatalf("a page failed: %v", errs[0])
			}
		}
		peak.sample()
		fakeElapsed = time.Since(start)
		runtime.GC()
		retained.sample()

		if footer := ansi.Strip(s.Frame()); !strings.Contains(footer, fmt.Sprintf("all %d", datasets)) {
			t.Fatalf("the footer does not say all %d are loaded:\n%s", datasets, footer)
		}
		counts := srv.Requests()
		if counts.List != datasets/pageSize || counts.RateLimited != 0 || counts.Faults != 0 {
			t.Errorf("server counted %+v: want exactly %d list requests and no 429", counts, datasets/pageSize)
		}
		t.Logf("server: %d list requests, %d gets (polls of processing rows on screen), %d rate limited",
			counts.List, counts.Get, counts.RateLimited)
	})
	scrolled := time.Since(scrollStart)
	t.Logf("corpus of %d built in %s; scrolled in %s wall time (%s on the fake clock) with %d PgDn presses",
		datasets, built.Round(time.Millisecond), scrolled.Round(time.Millisecond), fakeElapsed.Round(time.Second), presses)
	t.Logf("heap: %.1f MB in use with the corpus built; while scrolling a peak of %.1f MB in use, %.1f MB allocated (%d samples); "+
		"after a GC with every row loaded %.1f MB in use, %.0f bytes a row above the corpus",
		megabytes(base.inuse), megabytes(peak.inuse), megabytes(peak.alloc), peak.samples,
		megabytes(retained.inuse), float64(retained.inuse-min(base.inuse, retained.inuse))/datasets)
}

func megabytes(b uint64) float64 { return float64(b) / (1 << 20) }
