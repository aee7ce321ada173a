package ui_test

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strconv"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/ui"
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

// colourSGR matches a colour in an SGR sequence: 38/48 (foreground and
// background, extended) or a basic 30–37, 40–47, 90–97, 100–107.
var colourSGR = regexp.MustCompile(`\x1b\[[0-9;:]*\b(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)\b[0-9;:]*m`)

// TestListGolden runs the program as a user would see it at 120x30 on the
// demo data, in a colour terminal and with NO_COLOR set. The golden file
// holds the final screen as the terminal receives it: the view converted
// to the colour profile the program detected from the environment.
func TestListGolden(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     []string
		profile colorprofile.Profile
	}{
		{"color", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "TTY_FORCE=1"}, colorprofile.TrueColor},
		{"no_color", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "TTY_FORCE=1", "NO_COLOR=1"}, colorprofile.ASCII},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := colorprofile.Detect(&bytes.Buffer{}, tc.env); got != tc.profile {
				t.Fatalf("environment %q gives profile %v, want %v", tc.env, got, tc.profile)
			}
			m := ui.New(newDemoAPI(), ui.Options{
				Title: "demo",
				Theme: ui.ThemeDark,
				Now:   func() time.Time { return goldenNow },
			})
			tm := teatest.NewTestModel(t, m,
				teatest.WithInitialTermSize(120, 30),
				teatest.WithProgramOptions(tea.WithEnvironment(tc.env)))
			var out bytes.Buffer
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
				out.Write(b)
				return bytes.Contains(out.Bytes(), []byte("more below"))
			}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
			tm.Type("q")
			final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
			screen := final.View().Content

			var converted bytes.Buffer
			w := &colorprofile.Writer{Forward: &converted, Profile: tc.profile}
			if _, err := w.Write([]byte(screen)); err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, converted.Bytes())

			rest, _ := io.ReadAll(tm.FinalOutput(t))
			out.Write(rest)
			if tc.profile == colorprofile.ASCII && colourSGR.Match(out.Bytes()) {
				t.Errorf("NO_COLOR run wrote a colour: %q", colourSGR.Find(out.Bytes()))
			}
			if tc.profile == colorprofile.TrueColor && !colourSGR.Match(out.Bytes()) {
				t.Error("colour run wrote no colour")
			}
		})
	}
}
