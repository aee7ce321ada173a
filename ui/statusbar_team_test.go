package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// Team mode in the status bar: where the shared store is, the listener's
// state, and whose budget the figures are: the listener's ("team") while
// it beats, this dashboard's own once it is gone.
func TestStatusLineTeam(t *testing.T) {
	now := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	budget := client.Budget{Read: client.Bucket{Limit: 60, Remaining: 47, FromServer: true}}
	for _, tc := range []struct {
		name   string
		status common.CatalogStatus
		want   []string
	}{
		{"listener up", common.CatalogStatus{ListenerUp: true, ListenerSeen: now.Add(-3 * time.Second), ListenerSync: now.Add(-3 * time.Minute)},
			[]string{"team db:5432/dxdash · ✓ listener, synced 3 min ago", "47/60 team"}},
		{"listener's first sync", common.CatalogStatus{ListenerUp: true, ListenerSeen: now},
			[]string{"✓ listener, ⟲ first sync", "47/60 team"}},
		{"no listener ever", common.CatalogStatus{}, []string{"✗ no listener: own client", "47/60 srv"}},
		{"listener gone", common.CatalogStatus{ListenerSeen: now.Add(-2 * time.Minute)},
			[]string{"✗ listener last seen 2 min ago: own client", "47/60 srv"}},
		{"standing in", common.CatalogStatus{ListenerSeen: now.Add(-2 * time.Minute), StandingIn: true},
			[]string{"✗ listener last seen 2 min ago: syncing here", "47/60 srv"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := testCommon(now, budget)
			keys := listKeyMap(c)
			c.Opts.Catalog = struct{ common.Catalog }{} // a store is there; the line reads only c.Local
			tc.status.Team, tc.status.TeamWhere = true, "db:5432/dxdash"
			tc.status.Webhooks = c.Local.Webhooks
			c.Local = tc.status
			got := ansi.Strip(statusLine(c, keys, 200))
			for _, want := range tc.want {
				if !strings.Contains(got, want) {
					t.Errorf("%q lacks %q", got, want)
				}
			}
		})
	}
}
