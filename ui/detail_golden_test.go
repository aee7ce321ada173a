package ui

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/dxdash/dxdash/client"
)

// goldenColourSGR matches a colour in an SGR sequence: 38/48 (extended
// foreground and background) or a basic 30–37, 40–47, 90–97, 100–107.
var goldenColourSGR = regexp.MustCompile(`\x1b\[[0-9;:]*\b(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)\b[0-9;:]*m`)

// TestDetailGolden runs the program as a user would, opens a dataset from
// the list and keeps the screen: a verified invoice with mismatches, an
// unverified receipt, a dataset still processing and a failed one; at
// 120x40 and 80x24; in a colour terminal and with NO_COLOR, where the
// glyphs alone must carry the meaning. The datasets are built by hand, so
// the screens do not move when the demo corpus does.
//
//	go test ./ui -run TestDetailGolden -update   # after a deliberate change
func TestDetailGolden(t *testing.T) {
	now := fixtureCreated.Add(30 * time.Minute)
	budget := client.Budget{AsOf: now, Read: client.Bucket{
		Limit: 60, Remaining: 47, FreesAt: now.Add(12 * time.Second), FromServer: true,
	}}
	for _, ds := range []struct {
		name   string
		data   client.Dataset
		loaded string // on screen once the dataset is shown
	}{
		{"verified", reviewedInvoice(), "confidently wrong"},
		{"unverified", unreviewedReceipt(), "not reviewed"},
		{"processing", processingOrder(), "checking every"},
		{"failed", failedInvoice(), "extraction failed"},
	} {
		for _, size := range [][2]int{{120, 40}, {80, 24}} {
			for _, term := range []struct {
				name    string
				env     []string
				profile colorprofile.Profile
			}{
				{"color", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "TTY_FORCE=1"}, colorprofile.TrueColor},
				{"no_color", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "TTY_FORCE=1", "NO_COLOR=1"}, colorprofile.ASCII},
			} {
				name := fmt.Sprintf("%s/%dx%d/%s", ds.name, size[0], size[1], term.name)
				t.Run(name, func(t *testing.T) {
					api := newStub([]client.Dataset{ds.data})
					api.setBudget(budget)
					m := newApp(api, Options{Title: "demo", Theme: ThemeDark, Now: func() time.Time { return now }})
					tm := teatest.NewTestModel(t, m,
						teatest.WithInitialTermSize(size[0], size[1]),
						teatest.WithProgramOptions(tea.WithEnvironment(term.env)))
					var out bytes.Buffer
					waitFor := func(s string) {
						teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
							out.Write(b)
							return bytes.Contains(out.Bytes(), []byte(s))
						}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
					}
					waitFor("all 1")
					tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
					waitFor(ds.loaded)
					tm.Type("q")
					final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
					screen := final.View().Content

					var converted bytes.Buffer
					w := &colorprofile.Writer{Forward: &converted, Profile: term.profile}
					if _, err := w.Write([]byte(screen)); err != nil {
						t.Fatal(err)
					}
					golden.RequireEqual(t, converted.Bytes())

					rest, _ := io.ReadAll(tm.FinalOutput(t))
					out.Write(rest)
					if term.profile == colorprofile.ASCII && goldenColourSGR.Match(out.Bytes()) {
						t.Errorf("NO_COLOR run wrote a colour: %q", goldenColourSGR.Find(out.Bytes()))
					}
					if term.profile == colorprofile.TrueColor && !goldenColourSGR.Match(out.Bytes()) {
						t.Error("colour run wrote no colour")
					}
				})
			}
		}
	}
}
