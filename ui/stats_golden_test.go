package ui

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/dxdash/dxdash/client"
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
		for _, term := range []struct {
			name    string
			env     []string
			profile colorprofile.Profile
		}{
			{"color", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "TTY_FORCE=1"}, colorprofile.TrueColor},
			{"no_color", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "TTY_FORCE=1", "NO_COLOR=1"}, colorprofile.ASCII},
		} {
			t.Run(fmt.Sprintf("%s/120x40/%s", mode.name, term.name), func(t *testing.T) {
				api := newStub(statsDatasets())
				api.setBudget(budget)
				m := newApp(api, Options{Title: "demo", Theme: ThemeDark, Now: func() time.Time { return now }})
				tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40),
					teatest.WithProgramOptions(tea.WithEnvironment(term.env)))
				var out bytes.Buffer
				waitFor := func(s string) {
					teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
						out.Write(b)
						return bytes.Contains(out.Bytes(), []byte(s))
					}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
				}
				waitFor("all 4")
				tm.Type("S")
				waitFor("details 3 of 3")
				for _, k := range mode.keys {
					tm.Type(k)
				}
				waitFor(mode.wait)
				tm.Type("q")
				final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
				var converted bytes.Buffer
				w := &colorprofile.Writer{Forward: &converted, Profile: term.profile}
				if _, err := w.Write([]byte(final.View().Content)); err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, converted.Bytes())

				rest, _ := io.ReadAll(tm.FinalOutput(t))
				out.Write(rest)
				if term.profile == colorprofile.ASCII && goldenColourSGR.Match(out.Bytes()) {
					t.Errorf("NO_COLOR run wrote a colour: %q", goldenColourSGR.Find(out.Bytes()))
				}
			})
		}
	}
}
