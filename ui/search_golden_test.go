package ui_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui"
	"github.com/dxdash/dxdash/ui/internal/screentest"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// newSearchDemoAPI is the demo API that also searches and filters, as the
// server does: the filters by equality, search as a case-insensitive
// substring of a completed extraction's values.
func newSearchDemoAPI() *uitest.API {
	api := uitest.NewDemoAPI()
	data := api.Data()
	values := make(map[string]string, len(data)) // id → extracted values, lower-cased, NUL-separated
	for _, ds := range data {
		full, _ := api.GetDataset(context.Background(), ds.ID) // the demo server's document
		var b strings.Builder
		for _, f := range full.Fields {
			b.WriteString(strings.ToLower(f.Value.String()))
			b.WriteByte(0)
		}
		values[ds.ID] = b.String()
	}
	api.List = func(_ context.Context, p client.ListParams) (client.Page, error) {
		query := strings.ToLower(strings.TrimSpace(p.Search))
		matching := slices.DeleteFunc(slices.Clone(data), func(ds client.Dataset) bool {
			return p.CustomerID != "" && ds.CustomerID != p.CustomerID ||
				p.DatasetType != "" && ds.DatasetType != p.DatasetType ||
				p.IsVerified != nil && ds.IsVerified != *p.IsVerified ||
				query != "" && (ds.Status == client.StatusProcessing || !strings.Contains(values[ds.ID], query))
		})
		return uitest.NewAPI(matching).Page(p)
	}
	return api
}

// underlineSGR matches an SGR sequence that turns underline on.
var underlineSGR = regexp.MustCompile(`\x1b\[(?:[0-9]+;)*4(?:;[0-9]+)*m`)

var allCount = regexp.MustCompile(`all \d+`)

// TestSearchGolden: the search and the filter panel at 120x30 on the demo
// data, in colour and with NO_COLOR, as the terminal receives them.
func TestSearchGolden(t *testing.T) {
	ctrlC := tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	q := tea.KeyPressMsg{Code: 'q', Text: "q"}
	for _, screen := range []struct {
		name     string
		defaults ui.Filters
		// drive types the keys once the list is loaded, waits for what
		// they start, and says which key quits from there.
		drive func(t *testing.T, s *screentest.Session) (quit tea.KeyPressMsg)
	}{
		{"results", ui.Filters{}, func(t *testing.T, s *screentest.Session) tea.KeyPressMsg {
			s.TM.Type("/contoso")
			s.TM.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			s.WaitUntil(t, allCount.Match)
			return q
		}},
		{"no_results", ui.Filters{DatasetType: client.TypeInvoice}, func(t *testing.T, s *screentest.Session) tea.KeyPressMsg {
			s.TM.Type("/zzzz")
			s.TM.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			s.WaitFor(t, "no datasets match")
			return q
		}},
		{"filter_panel", ui.Filters{}, func(t *testing.T, s *screentest.Session) tea.KeyPressMsg {
			s.TM.Type("f")
			s.TM.Send(tea.KeyPressMsg{Code: tea.KeyDown})
			s.TM.Send(tea.KeyPressMsg{Code: tea.KeyRight}) // type: invoice
			s.TM.Send(tea.KeyPressMsg{Code: tea.KeyUp})
			s.TM.Type("north")
			return ctrlC // q would be typed
		}},
	} {
		for _, term := range screentest.Terminals {
			t.Run(screen.name+"/"+term.Name, func(t *testing.T) {
				m := ui.New(newSearchDemoAPI(), ui.Options{
					Title:          "demo",
					Theme:          styles.ThemeDark,
					Now:            func() time.Time { return uitest.DemoNow },
					DefaultFilters: screen.defaults,
				})
				s := screentest.Start(t, m, term, 120, 30)
				s.WaitFor(t, "more below")
				got := s.FinishWith(t, screen.drive(t, s))
				if screen.name == "results" && !underlineSGR.Match(got) {
					t.Error("the query is not underlined in the results: no mark without colour")
				}
			})
		}
	}
}
