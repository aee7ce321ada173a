package ui

import (
	"fmt"
	"time"

	"github.com/dxdash/dxdash/ui/internal/common"
)

// The webhook receiver's part of the status bar, beside the store's:
// "⇣ hooks 12 · 4s ago · ✗ 2 rejected" in full, "⇣12 4s ✗2" short. The
// glyphs say it as well as the colour: ⇣ listening, ✗ refused deliveries
// (or a receiver that stopped).

// glyphHooks marks the receiver.
const glyphHooks = "⇣"

// webhookVariants are the receiver's renderings, the full one first; nil
// without a receiver.
func webhookVariants(c *common.Context, now time.Time) []string {
	w := c.Local.Webhooks
	if !w.On {
		return nil
	}
	st := c.Styles
	if !w.Listening {
		return []string{st.Low.Render(glyphHooks + " hooks " + common.GlyphMismatch + " not listening"), st.Low.Render(glyphHooks + common.GlyphMismatch)}
	}
	full, short := st.Good.Render(glyphHooks+" hooks listening"), st.Good.Render(glyphHooks+"0")
	if w.Received > 0 {
		age := hookAge(now.Sub(w.LastEvent))
		full = st.Good.Render(fmt.Sprintf("%s hooks %d", glyphHooks, w.Received)) + st.Dim.Render(" · "+age+" ago")
		short = st.Good.Render(fmt.Sprintf("%s%d", glyphHooks, w.Received)) + st.Dim.Render(" "+age)
	}
	if w.Rejected > 0 {
		full += st.Dim.Render(" · ") + st.Low.Render(fmt.Sprintf("%s %d rejected", common.GlyphMismatch, w.Rejected))
		short += " " + st.Low.Render(fmt.Sprintf("%s%d", common.GlyphMismatch, w.Rejected))
	}
	return []string{full, short}
}

// hookAge is the last event's age: to the second for the first minute,
// when events are expected to flow, coarser after.
func hookAge(d time.Duration) string {
	switch {
	case d < time.Second:
		return "0s"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d/time.Minute))
	}
	return fmt.Sprintf("%d h", int(d/time.Hour))
}

// withWebhooks puts the receiver's state before each variant (the store's
// and the budget's), the full form first, then the short one before the
// shortest: the key hints give way before the receiver's figures do, and
// the budget's are never dropped.
func withWebhooks(c *common.Context, variants []string, now time.Time) []string {
	hooks := webhookVariants(c, now)
	if len(hooks) == 0 || c.Local.Offline {
		return variants
	}
	out := make([]string, 0, len(variants)+1)
	for _, v := range variants {
		out = append(out, hooks[0]+"  "+v)
	}
	return append(out, hooks[1]+"  "+variants[len(variants)-1])
}

// webhookAgeNextChange is how long until the last event's age changes on
// screen: its next second during the first minute, its next minute until
// an hour. False when there is no age to show.
func webhookAgeNextChange(w common.WebhookStatus, now time.Time) (time.Duration, bool) {
	if !w.On || !w.Listening || w.Received == 0 {
		return 0, false
	}
	age := now.Sub(w.LastEvent)
	switch {
	case age < 0:
		return -age, true
	case age < time.Minute:
		return time.Second - age%time.Second, true
	case age < time.Hour:
		return time.Minute - age%time.Minute, true
	}
	return 0, false
}
