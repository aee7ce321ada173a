package ui_test

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui"
	"github.com/dxdash/dxdash/ui/internal/screentest"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// TestDetailGolden runs the program as a user would, opens a dataset from
// the list and keeps the screen: a verified invoice with mismatches, an
// unverified receipt, a dataset still processing and a failed one; at
// 120x40 and 80x24; in a colour terminal and with NO_COLOR, where the
// glyphs alone must carry the meaning. The datasets are built by hand, so
// the screens do not move when the demo corpus does.
//
//	go test ./ui -run TestDetailGolden -update   # after a deliberate change
func TestDetailGolden(t *testing.T) {
	now := uitest.FixtureCreated.Add(30 * time.Minute)
	budget := client.Budget{AsOf: now, Read: client.Bucket{
		Limit: 60, Remaining: 47, FreesAt: now.Add(12 * time.Second), FromServer: true,
	}}
	for _, ds := range []struct {
		name   string
		data   client.Dataset
		loaded string // on screen once the dataset is shown
	}{
		{"verified", uitest.ReviewedInvoice(), "confidently wrong"},
		{"unverified", uitest.UnreviewedReceipt(), "not reviewed"},
		{"unverified_failed_checks", uitest.SuspectInvoice(), "2 checks failed"},
		{"processing", uitest.ProcessingOrder(), "checking every"},
		{"failed", uitest.FailedInvoice(), "extraction failed"},
	} {
		for _, size := range [][2]int{{120, 40}, {80, 24}} {
			for _, term := range screentest.Terminals {
				name := fmt.Sprintf("%s/%dx%d/%s", ds.name, size[0], size[1], term.Name)
				t.Run(name, func(t *testing.T) {
					api := uitest.NewAPI([]client.Dataset{ds.data})
					api.SetBudget(budget)
					m := ui.New(api, ui.Options{Title: "demo", Theme: styles.ThemeDark, Now: func() time.Time { return now }})
					s := screentest.Start(t, m, term, size[0], size[1])
					s.WaitFor(t, "all 1")
					s.TM.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
					s.WaitFor(t, ds.loaded)
					s.Finish(t)
				})
			}
		}
	}
}
