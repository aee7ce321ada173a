package ui_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui"
	"github.com/dxdash/dxdash/ui/internal/screentest"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// TestStatsGolden runs the program, opens the stats view over the
// hand-built datasets and keeps each mode's screen at 120x40, in a colour
// terminal and with NO_COLOR.
//
//	go test ./ui -run TestStatsGolden -update   # after a deliberate change
func TestStatsGolden(t *testing.T) {
	now := time.Date(2026, 4, 20, 12, 0, 0, 0, time.UTC)
	budget := client.Budget{AsOf: now, Read: client.Bucket{Limit: 60, Remaining: 47, FreesAt: now.Add(12 * time.Second), FromServer: true}}
	for _, mode := range []struct {
		name string
		keys []string
		wait string
	}{
		{"per_field", nil, "worst first"},
		{"by_customer", []string{"2"}, "WEEKLY ACCURACY"},
		{"calibration", []string{"3"}, "MEAN CONF"},
		{"what_if", []string{"4"}, "RESIDUAL ERROR"},
		{"confidently_wrong", []string{"5"}, "highest confidence first"},
	} {
		for _, term := range screentest.Terminals {
			t.Run(fmt.Sprintf("%s/120x40/%s", mode.name, term.Name), func(t *testing.T) {
				api := uitest.NewAPI(uitest.StatsDatasets())
				api.SetBudget(budget)
				m := ui.New(api, ui.Options{Title: "demo", Theme: styles.ThemeDark, Now: func() time.Time { return now }})
				s := screentest.Start(t, m, term, 120, 40)
				s.WaitFor(t, "all 4")
				s.TM.Type("S")
				s.WaitFor(t, "details 3 of 3")
				for _, k := range mode.keys {
					s.TM.Type(k)
				}
				s.WaitFor(t, mode.wait)
				s.Finish(t)
			})
		}
	}
}
