package ui_test

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui"
)

// searchDemoAPI is demoAPI that also searches and filters, as the server
// does: the filters by equality, search as a case-insensitive substring
// of a completed extraction's values.
type searchDemoAPI struct {
	*demoAPI
	values map[string]string // id → extracted values, lower-cased, NUL-separated
}

func newSearchDemoAPI() *searchDemoAPI {
	d := &searchDemoAPI{demoAPI: newDemoAPI(), values: make(map[string]string)}
	for _, ds := range d.data {
		full, _ := d.srv.Dataset(ds.ID)
		var b strings.Builder
		for _, f := range full.Fields {
			b.WriteString(strings.ToLower(f.Value.String()))
			b.WriteByte(0)
		}
		d.values[ds.ID] = b.String()
	}
	return d
}

func (d *searchDemoAPI) ListDatasets(_ context.Context, p client.ListParams) (client.Page, error) {
	query := strings.ToLower(strings.TrimSpace(p.Search))
	matching := slices.DeleteFunc(slices.Clone(d.data), func(ds client.Dataset) bool {
		return p.CustomerID != "" && ds.CustomerID != p.CustomerID ||
			p.DatasetType != "" && ds.DatasetType != p.DatasetType ||
			p.IsVerified != nil && ds.IsVerified != *p.IsVerified ||
			query != "" && (ds.Status == client.StatusProcessing || !strings.Contains(d.values[ds.ID], query))
	})
	start := 0
	if p.Cursor != "" {
		start, _ = strconv.Atoi(p.Cursor)
	}
	end := min(start+p.Limit, len(matching))
	page := client.Page{Data: matching[start:end]}
	if end < len(matching) {
		page.NextCursor = strconv.Itoa(end)
	}
	return page, nil
}

var goldenProfiles = []struct {
	name    string
	env     []string
	profile colorprofile.Profile
}{
	{"color", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "TTY_FORCE=1"}, colorprofile.TrueColor},
	{"no_color", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "TTY_FORCE=1", "NO_COLOR=1"}, colorprofile.ASCII},
}

// underlineSGR matches an SGR sequence that turns underline on.
var underlineSGR = regexp.MustCompile(`\x1b\[(?:[0-9]+;)*4(?:;[0-9]+)*m`)

var allCount = regexp.MustCompile(`all \d+`)

// TestSearchGolden: the search and the filter panel at 120x30 on the demo
// data, in colour and with NO_COLOR, as the terminal receives them.
func TestSearchGolden(t *testing.T) {
	ctrlC := tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	for _, screen := range []struct {
		name     string
		defaults ui.Filters
		// drive types the keys once the list is loaded, and waits for
		// what they start.
		drive func(t *testing.T, tm *teatest.TestModel, all *bytes.Buffer)
	}{
		{"results", ui.Filters{}, func(t *testing.T, tm *teatest.TestModel, all *bytes.Buffer) {
			tm.Type("/contoso")
			tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			waitOutput(t, tm, all, func(b []byte) bool { return allCount.Match(b) })
			tm.Type("q")
		}},
		{"no_results", ui.Filters{DatasetType: client.TypeInvoice}, func(t *testing.T, tm *teatest.TestModel, all *bytes.Buffer) {
			tm.Type("/zzzz")
			tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			waitOutput(t, tm, all, func(b []byte) bool { return bytes.Contains(b, []byte("no datasets match")) })
			tm.Type("q")
		}},
		{"filter_panel", ui.Filters{}, func(t *testing.T, tm *teatest.TestModel, all *bytes.Buffer) {
			tm.Type("f")
			tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
			tm.Send(tea.KeyPressMsg{Code: tea.KeyRight}) // type: invoice
			tm.Send(tea.KeyPressMsg{Code: tea.KeyUp})
			tm.Type("north")
			tm.Send(ctrlC) // q would be typed
		}},
	} {
		for _, p := range goldenProfiles {
			t.Run(screen.name+"/"+p.name, func(t *testing.T) {
				if got := colorprofile.Detect(&bytes.Buffer{}, p.env); got != p.profile {
					t.Fatalf("environment %q gives profile %v, want %v", p.env, got, p.profile)
				}
				m := ui.New(newSearchDemoAPI(), ui.Options{
					Title:          "demo",
					Theme:          ui.ThemeDark,
					Now:            func() time.Time { return goldenNow },
					DefaultFilters: screen.defaults,
				})
				tm := teatest.NewTestModel(t, m,
					teatest.WithInitialTermSize(120, 30),
					teatest.WithProgramOptions(tea.WithEnvironment(p.env)))
				var all bytes.Buffer
				waitOutput(t, tm, &all, func(b []byte) bool { return bytes.Contains(b, []byte("more below")) })
				screen.drive(t, tm, &all)
				final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))

				var converted bytes.Buffer
				w := &colorprofile.Writer{Forward: &converted, Profile: p.profile}
				if _, err := w.Write([]byte(final.View().Content)); err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, converted.Bytes())

				rest, _ := io.ReadAll(tm.FinalOutput(t))
				all.Write(rest)
				if p.profile == colorprofile.ASCII && colourSGR.Match(all.Bytes()) {
					t.Errorf("NO_COLOR run wrote a colour: %q", colourSGR.Find(all.Bytes()))
				}
				if p.profile == colorprofile.TrueColor && !colourSGR.Match(all.Bytes()) {
					t.Error("colour run wrote no colour")
				}
				if screen.name == "results" && !underlineSGR.Match(converted.Bytes()) {
					t.Error("the query is not underlined in the results: no mark without colour")
				}
			})
		}
	}
}

// waitOutput waits until the program's output since the last wait
// satisfies ok; all keeps every byte, for the checks at the end.
func waitOutput(t *testing.T, tm *teatest.TestModel, all *bytes.Buffer, ok func([]byte) bool) {
	t.Helper()
	var out bytes.Buffer
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		out.Write(b)
		all.Write(b)
		return ok(out.Bytes())
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}
