package ui_test

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui"
	"github.com/dxdash/dxdash/ui/internal/screentest"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// TestListChecksGolden opens each of three hand-built datasets (three
// checks failed, two, none) and goes back, so the list knows their checks,
// then sorts by them: the CHECKS column with ✗ 3, ✗ 2 and ✓, in a colour
// terminal and with NO_COLOR.
//
//	go test ./ui -run TestListChecksGolden -update   # after a deliberate change
func TestListChecksGolden(t *testing.T) {
	now := uitest.FixtureCreated.Add(30 * time.Minute)
	budget := client.Budget{AsOf: now, Read: client.Bucket{Limit: 60, Remaining: 47, FreesAt: now.Add(12 * time.Second), FromServer: true}}
	for _, term := range screentest.Terminals {
		t.Run(term.Name, func(t *testing.T) {
			api := uitest.NewAPI(uitest.CheckedDatasets())
			api.SetBudget(budget)
			m := ui.New(api, ui.Options{Title: "demo", Theme: styles.ThemeDark, Now: func() time.Time { return now }})
			s := screentest.Start(t, m, term, 120, 30)
			s.WaitFor(t, "all 3")
			// Output accumulates: each wait is for text only that detail shows.
			for i, wait := range []string{"3 checks failed", "ds_su5p3ct1 · ", "ds_c1ean0k1 · "} {
				if i > 0 {
					s.TM.Type("j")
				}
				s.TM.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
				s.WaitFor(t, wait)
				s.TM.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
			}
			s.TM.Type("sss")
			s.WaitFor(t, "most checks failed first")
			s.Finish(t)
		})
	}
}

// TestStatsChecksGolden is the stats view's checks mode over hand-built
// verified datasets (uitest.CheckStatsDatasets), at 120x40, in colour and
// with NO_COLOR.
//
//	go test ./ui -run TestStatsChecksGolden -update   # after a deliberate change
func TestStatsChecksGolden(t *testing.T) {
	now := time.Date(2026, 4, 20, 12, 0, 0, 0, time.UTC)
	budget := client.Budget{AsOf: now, Read: client.Bucket{Limit: 60, Remaining: 47, FreesAt: now.Add(12 * time.Second), FromServer: true}}
	for _, term := range screentest.Terminals {
		t.Run("checks/120x40/"+term.Name, func(t *testing.T) {
			api := uitest.NewAPI(uitest.CheckStatsDatasets())
			api.SetBudget(budget)
			m := ui.New(api, ui.Options{Title: "demo", Theme: styles.ThemeDark, Now: func() time.Time { return now }})
			s := screentest.Start(t, m, term, 120, 40)
			s.WaitFor(t, "all 4")
			s.TM.Type("S")
			s.WaitFor(t, "details 4 of 4")
			s.TM.Type("6")
			s.WaitFor(t, "any check")
			s.Finish(t)
		})
	}
}
