package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/ui"
)

// endlessServer is a listing that never ends: its cursors go round in a
// circle (A, B, A, ...), or, with fresh, each page hands out a new cursor
// and the same dataset. After max requests it fails the test and answers
// 401, which ends any walk, so that a broken guard fails the test instead
// of hanging it.
type endlessServer struct {
	t     *testing.T
	fresh bool
	max   int64
	calls atomic.Int64
}

func (s *endlessServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.calls.Add(1)
	if n > s.max {
		s.t.Errorf("request %d: still paging after %d", n, s.max)
		writeEcho(w, http.StatusUnauthorized, "the test ends this walk")
		return
	}
	cursor := r.URL.Query().Get("cursor")
	switch {
	case s.fresh && cursor == "":
		writePage(w, "c1", "ds_1")
	case s.fresh:
		writePage(w, fmt.Sprint("c", n), "ds_1")
	case cursor == "":
		writePage(w, "A", "ds_1")
	case cursor == "A":
		writePage(w, "B", "ds_2")
	default:
		writePage(w, "A", "ds_3")
	}
}

// TestAnEndlessListingEndsInTheListAndTheExport: the dashboard's list,
// paging one ListDatasets at a time, says why it stopped; dxdash export
// fails with the same reason.
func TestAnEndlessListingEndsInTheListAndTheExport(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fresh    bool
		requests int64 // before the walk ends
		why      string
	}{
		{"cursors in a circle", false, 3, "round in a circle"},
		{"fresh cursors, nothing new", true, 6, "brought no dataset not already listed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := &endlessServer{t: t, fresh: tc.fresh, max: 20}
			synctest.Test(t, func(t *testing.T) {
				api, err := dashboardClient("https://api.dataextractor.test", leakKey, config.Defaults(), discardLog(),
					fakeapi.InMemory{Handler: srv}, nil)
				if err != nil {
					t.Fatal(err)
				}
				s := newUISession(t, api, ui.Options{Theme: ui.ThemeMono}, 240, 30)
				s.runFor(time.Minute)
				// The error line says why; the list's footer offers r.
				// (The ui may clear the error line again at once, when the
				// previous page's success arrives after it: see the
				// report on issue 12. Some frame drew it.)
				said := false
				for _, f := range s.frames {
					said = said || (strings.Contains(f, "the listing does not end") && strings.Contains(f, tc.why))
				}
				if !said {
					t.Errorf("no screen said why the listing stopped; the last:\n%s", s.screen())
				}
				if !strings.Contains(s.screen(), "loading more failed · r to retry") {
					t.Errorf("the list does not offer a retry:\n%s", s.screen())
				}
				if n := srv.calls.Load(); n != tc.requests {
					t.Errorf("%d requests, want %d", n, tc.requests)
				}
				s.quit()
			})

			srv.calls.Store(0)
			t.Setenv("DATAEXTRACTOR_API_KEY", leakKey)
			t.Setenv("XDG_CONFIG_HOME", filepath.Join(t.TempDir(), "config"))
			conf := writeExportConfig(t, "https://api.dataextractor.test", "")
			synctest.Test(t, func(t *testing.T) {
				var out, errOut strings.Builder
				status := export(context.Background(), []string{"--config", conf}, &out, &errOut,
					exportEnv{httpClient: &http.Client{Transport: fakeapi.InMemory{Handler: srv}}})
				// The export streams: the rows listed before the walk was
				// found endless are out already, each once; the status and
				// stderr say it failed and why.
				if status != 1 || !strings.Contains(errOut.String(), tc.why) {
					t.Errorf("export: status %d, stdout %q, stderr %q; want 1 and why", status, out.String(), errOut.String())
				}
				lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
				if seen := map[string]bool{}; len(lines) > 0 {
					for _, l := range lines {
						if seen[l] {
							t.Errorf("export wrote %q twice", l)
						}
						seen[l] = true
					}
				}
			})
			if n := srv.calls.Load(); n != tc.requests {
				t.Errorf("export: %d requests, want %d", n, tc.requests)
			}
		})
	}
}

func discardLog() *log.Logger { return log.New(io.Discard, "", 0) }
