package ui_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/ui"
	"github.com/dxdash/dxdash/ui/internal/screentest"
)

// demoAPI serves the demo corpus (fakeapi, seed 1) without HTTP, on a
// fixed clock and with a fixed budget, so the screens are byte-identical
// from run to run.
type demoAPI struct {
	srv    *fakeapi.Server
	data   []client.Dataset
	budget client.Budget
}

var goldenNow = fakeapi.DefaultEpoch

func newDemoAPI() *demoAPI {
	cfg := fakeapi.DefaultConfig()
	cfg.Now = func() time.Time { return goldenNow }
	srv := fakeapi.New(cfg)
	return &demoAPI{
		srv:  srv,
		data: srv.Datasets(),
		budget: client.Budget{AsOf: goldenNow, Read: client.Bucket{
			Limit: 60, Remaining: 47, FreesAt: goldenNow.Add(12 * time.Second), FromServer: true,
		}},
	}
}

func (d *demoAPI) ListDatasets(_ context.Context, p client.ListParams) (client.Page, error) {
	start := 0
	if p.Cursor != "" {
		start, _ = strconv.Atoi(p.Cursor)
	}
	end := min(start+p.Limit, len(d.data))
	page := client.Page{Data: d.data[start:end]}
	if end < len(d.data) {
		page.NextCursor = strconv.Itoa(end)
	}
	return page, nil
}

func (d *demoAPI) GetDataset(_ context.Context, id string) (client.Dataset, error) {
	ds, ok := d.srv.Dataset(id)
	if !ok {
		return client.Dataset{}, &client.APIError{StatusCode: 404}
	}
	return ds, nil
}

func (d *demoAPI) Budget() client.Budget { return d.budget }

// TestListGolden runs the program as a user would see it at 120x30 on the
// demo data, in a colour terminal and with NO_COLOR set. The golden file
// holds the final screen as the terminal receives it: the view converted
// to the colour profile the program detected from the environment.
func TestListGolden(t *testing.T) {
	for _, term := range screentest.Terminals {
		t.Run(term.Name, func(t *testing.T) {
			m := ui.New(newDemoAPI(), ui.Options{
				Title: "demo",
				Theme: ui.ThemeDark,
				Now:   func() time.Time { return goldenNow },
			})
			s := screentest.Start(t, m, term, 120, 30)
			s.WaitFor(t, "more below")
			s.Finish(t)
		})
	}
}
