package main

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/ui"
)

// TestTheStatusBarNeverCountsDownPastAMinute: a server that answers 200
// with none remaining and a reset a week away (or negative, or garbage)
// does not put a week on the status bar, nor hold the next request.
func TestTheStatusBarNeverCountsDownPastAMinute(t *testing.T) {
	countdown := regexp.MustCompile(`⟳(\d+)m(\d\d)s|⟳(\d+)s`)
	for _, reset := range []string{"999999", "-30", "soon"} {
		t.Run(reset, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var requests atomic.Int32
				srv := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					requests.Add(1)
					w.Header().Set("X-RateLimit-Limit", "60")
					w.Header().Set("X-RateLimit-Remaining", "0")
					w.Header().Set("X-RateLimit-Reset", reset)
					writePage(w, "", "ds_1")
				})
				feed := ui.NewBudgetFeed()
				api, err := dashboardClient("https://api.dataextractor.test", leakKey, config.Defaults(), discardLog(),
					fakeapi.InMemory{Handler: srv}, feed.Observe)
				if err != nil {
					t.Fatal(err)
				}
				s := newUISession(t, api, ui.Options{Budget: feed, Theme: ui.ThemeMono}, 120, 20)
				s.runFor(5 * time.Second)
				for _, f := range s.frames {
					for _, m := range countdown.FindAllStringSubmatch(f, -1) {
						if secs := seconds(m); secs > 60 {
							t.Fatalf("the status bar counts down %s:\n%s", m[0], f)
						}
					}
				}
				if !strings.Contains(s.screen(), "ds_1") {
					t.Errorf("no rows:\n%s", s.screen())
				}
				// r reloads: the request waits a minute at most.
				s.send(key('r'))
				s.runFor(61 * time.Second)
				if n := requests.Load(); n != 2 {
					t.Errorf("%d requests after r and a minute, want 2", n)
				}
				s.quit()
			})
		})
	}
}

func seconds(m []string) int {
	if m[3] != "" {
		n, _ := strconv.Atoi(m[3])
		return n
	}
	mins, _ := strconv.Atoi(m[1])
	secs, _ := strconv.Atoi(m[2])
	return mins*60 + secs
}
