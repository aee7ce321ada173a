package common

import (
	"testing"
	"time"
)

func TestWebhookPollDue(t *testing.T) {
	now := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	listening := WebhookStatus{On: true, Listening: true, Since: ago(time.Hour)}
	for _, tc := range []struct {
		name     string
		w        WebhookStatus
		polledAt time.Time
		want     bool
	}{
		{"no receiver: polled as ever", WebhookStatus{}, now, true},
		{"a receiver that stopped: polled", WebhookStatus{On: true, Since: now}, now, true},
		{"just started listening", WebhookStatus{On: true, Listening: true, Since: ago(time.Minute)}, time.Time{}, false},
		{"an event a minute ago", WebhookStatus{On: true, Listening: true, Since: ago(time.Hour), LastEvent: ago(time.Minute)}, time.Time{}, false},
		{"two quiet minutes: the fallback", WebhookStatus{On: true, Listening: true, Since: ago(time.Hour), LastEvent: ago(WebhookFallback)}, time.Time{}, true},
		{"polled as a fallback a minute ago", listening, ago(time.Minute), false},
		{"and two minutes ago", listening, ago(WebhookFallback), true},
	} {
		if got := tc.w.PollDue(tc.polledAt, now); got != tc.want {
			t.Errorf("%s: PollDue = %v, want %v", tc.name, got, tc.want)
		}
	}
}
