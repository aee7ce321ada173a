package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/help"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/list"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

func testCommon(now time.Time, b client.Budget) *common.Context {
	c := common.NewContext(context.Background(), uitest.NewAPI(nil), common.Options{Now: func() time.Time { return now }}.WithDefaults())
	c.Budget = b
	return c
}

// listKeyMap is the key map of the list, the view the status bar shows most.
func listKeyMap(c *common.Context) help.KeyMap {
	return list.NewListModel(c, common.Filters{}, "").Keys()
}

func TestStatusLineBudget(t *testing.T) {
	now := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		bucket client.Bucket
		want   string
	}{
		{"server figures", client.Bucket{Limit: 60, Remaining: 47, FreesAt: now.Add(11200 * time.Millisecond), FromServer: true}, "list/get ▮▮▮▮▮▮▯▯ 47/60 ⟳12s srv"},
		{"counted locally", client.Bucket{Limit: 60, Remaining: 60}, "list/get ▮▮▮▮▮▮▮▮ 60/60 local"},
		{"blocked by a 429", client.Bucket{Limit: 60, Remaining: 0, BlockedUntil: now.Add(23 * time.Second), FreesAt: now.Add(5 * time.Second)}, "list/get ▯▯▯▯▯▯▯▯ 0/60 ⏸ 429 retry in 23s local"},
		{"in flight", client.Bucket{Limit: 60, Remaining: 58, InFlight: 2, FromServer: true}, "58/60 ⇅2 srv"},
		{"long wait", client.Bucket{Limit: 60, Remaining: 0, BlockedUntil: now.Add(65 * time.Second)}, "retry in 1m05s"},
		{"no figures yet", client.Bucket{}, "list/get —"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := testCommon(now, client.Budget{Read: tc.bucket})
			line := statusLine(c, listKeyMap(c), 160)
			if w := ansi.StringWidth(line); w != 160 {
				t.Fatalf("status line is %d cells, want 160", w)
			}
			if got := ansi.Strip(line); !strings.Contains(got, tc.want) {
				t.Fatalf("status line %q lacks %q", got, tc.want)
			}
		})
	}
}

func TestStatusLineNarrowKeepsFiguresAndHints(t *testing.T) {
	now := time.Now()
	c := testCommon(now, client.Budget{Read: client.Bucket{Limit: 60, Remaining: 47, FreesAt: now.Add(12 * time.Second), FromServer: true}})
	for _, width := range []int{60, 80, 100} {
		line := statusLine(c, withGlobal{view: listKeyMap(c), global: newGlobalKeys()}, width)
		plain := ansi.Strip(line)
		if w := ansi.StringWidth(line); w != width {
			t.Fatalf("%d cells at width %d", w, width)
		}
		if !strings.Contains(plain, "47/60") || !strings.Contains(plain, "enter open") {
			t.Errorf("width %d: %q lacks the figures or the first hints", width, plain)
		}
	}
}

func TestBudgetNextChange(t *testing.T) {
	now := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		bucket client.Bucket
		want   time.Duration
		ok     bool
	}{
		{"idle", client.Bucket{Limit: 60, Remaining: 60}, 0, false},
		{"past deadlines", client.Bucket{FreesAt: now.Add(-time.Second), BlockedUntil: now}, 0, false},
		{"frees in 11.4s", client.Bucket{FreesAt: now.Add(11400 * time.Millisecond)}, 400 * time.Millisecond, true},
		{"frees in 11s", client.Bucket{FreesAt: now.Add(11 * time.Second)}, time.Second, true},
		{"blocked sooner change", client.Bucket{FreesAt: now.Add(11 * time.Second), BlockedUntil: now.Add(2300 * time.Millisecond)}, 300 * time.Millisecond, true},
	} {
		got, ok := budgetNextChange(tc.bucket, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: %v %v, want %v %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestColourChangeRedrawsCachedRows(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, uitest.NewAPI(uitest.Corpus(40)), common.Options{Theme: styles.ThemeDark}, 120, 30)
		defer h.close()
		colour := h.view()
		h.send(colorProfileMsg(colorprofile.ASCII))
		mono := h.view()
		if colour == mono || strings.Contains(mono, "38;2;") {
			t.Fatal("rows cached in colour were reused after the terminal turned out to have none")
		}
	})
}

// A 429's countdown and the budget's figures are never cut from the status
// bar, in any view, at 80 or 120 columns: the key hints give way first,
// and ? help stays.
func TestStatusBarKeepsTheCountdownInEveryView(t *testing.T) {
	for _, width := range []int{80, 120} {
		for _, v := range []struct {
			name string
			open []string
		}{{"list", nil}, {"detail", []string{"enter"}}, {"stats", []string{"S"}}} {
			t.Run(fmt.Sprintf("%s at %d", v.name, width), func(t *testing.T) {
				run(t, func(t *testing.T) {
					api := uitest.NewAPI(uitest.Corpus(10))
					now := time.Now()
					api.SetBudget(client.Budget{AsOf: now, Read: client.Bucket{
						Limit: 60, Remaining: 0, BlockedUntil: now.Add(42 * time.Second), FromServer: true,
					}})
					h := newHarness(t, api, common.Options{}, width, 30)
					defer h.close()
					h.press(v.open...)
					lines := strings.Split(ansi.Strip(h.view()), "\n")
					bar := lines[len(lines)-1]
					for _, want := range []string{"429 retry in 42s", "0/60", "? help"} {
						if !strings.Contains(bar, want) {
							t.Fatalf("%s at %d columns: status bar %q lacks %q", v.name, width, bar, want)
						}
					}
				})
			})
		}
	}
}
