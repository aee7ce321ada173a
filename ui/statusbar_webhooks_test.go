package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// The receiver's state in the status bar: listening, the events received
// and the last one's age, the refused deliveries; at 80 columns the key
// hints give way first and the budget's figures stay.
func TestStatusLineWebhooks(t *testing.T) {
	now := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	budget := client.Budget{Read: client.Bucket{Limit: 60, Remaining: 47, FreesAt: now.Add(11200 * time.Millisecond), FromServer: true}}
	for _, tc := range []struct {
		name       string
		hooks      common.WebhookStatus
		wide, slim string
	}{
		{"no receiver", common.WebhookStatus{}, "list/get ▮▮▮▮▮▮▯▯ 47/60", "47/60"},
		{"listening, no event yet", common.WebhookStatus{On: true, Listening: true}, "⇣ hooks listening  list/get", "⇣0"},
		{"events", common.WebhookStatus{On: true, Listening: true, Received: 12, LastEvent: now.Add(-4 * time.Second)},
			"⇣ hooks 12 · 4s ago  list/get", "⇣12 4s"},
		{"an old event", common.WebhookStatus{On: true, Listening: true, Received: 3, LastEvent: now.Add(-7 * time.Minute)},
			"⇣ hooks 3 · 7 min ago", "⇣3 7 min"},
		{"refused deliveries", common.WebhookStatus{On: true, Listening: true, Received: 5, LastEvent: now.Add(-time.Second), Rejected: 2},
			"⇣ hooks 5 · 1s ago · ✗ 2 rejected", "✗2"},
		{"stopped", common.WebhookStatus{On: true}, "⇣ hooks ✗ not listening", "⇣✗"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := testCommon(now, budget)
			c.Local.Webhooks = tc.hooks
			for _, w := range []struct {
				width int
				want  string
			}{{200, tc.wide}, {80, tc.slim}, {50, tc.slim}} {
				line := statusLine(c, listKeyMap(c), w.width)
				got := ansi.Strip(line)
				if ansi.StringWidth(line) != w.width {
					t.Errorf("%d columns: the line is %d cells", w.width, ansi.StringWidth(line))
				}
				if !strings.Contains(got, w.want) || !strings.Contains(got, "47/60") || !strings.Contains(got, "⟳12s") {
					t.Errorf("%d columns: %q lacks %q or the budget's figures", w.width, got, w.want)
				}
				if w.width == 200 && !strings.Contains(got, "r refresh") {
					t.Errorf("200 columns: the key hints are gone: %q", got)
				}
			}
		})
	}
}

func TestWebhookAgeWakesTheClock(t *testing.T) {
	now := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		age  time.Duration
		want time.Duration
		ok   bool
	}{
		{1300 * time.Millisecond, 700 * time.Millisecond, true},
		{90 * time.Second, 30 * time.Second, true},
		{2 * time.Hour, 0, false},
	} {
		w := common.WebhookStatus{On: true, Listening: true, Received: 1, LastEvent: now.Add(-tc.age)}
		if got, ok := webhookAgeNextChange(w, now); got != tc.want || ok != tc.ok {
			t.Errorf("age %v: next change in %v (%v), want %v (%v)", tc.age, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := webhookAgeNextChange(common.WebhookStatus{On: true, Listening: true}, now); ok {
		t.Error("no event yet, yet the clock wakes")
	}
}
