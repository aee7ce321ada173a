package ui_test

import (
	"testing"
	"time"

	"github.com/dxdash/dxdash/ui"
	"github.com/dxdash/dxdash/ui/internal/screentest"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// The golden screens are taken on the demo corpus (uitest.NewDemoAPI: fakeapi,
// seed 1, without HTTP, on a fixed clock and with a fixed budget), so they
// are byte-identical from run to run.

// TestListGolden runs the program as a user would see it at 120x30 on the
// demo data, in a colour terminal and with NO_COLOR set. The golden file
// holds the final screen as the terminal receives it: the view converted
// to the colour profile the program detected from the environment.
func TestListGolden(t *testing.T) {
	for _, term := range screentest.Terminals {
		t.Run(term.Name, func(t *testing.T) {
			m := ui.New(uitest.NewDemoAPI(), ui.Options{
				Title: "demo",
				Theme: styles.ThemeDark,
				Now:   func() time.Time { return uitest.DemoNow },
			})
			s := screentest.Start(t, m, term, 120, 30)
			s.WaitFor(t, "more below")
			s.Finish(t)
		})
	}
}
