package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// The status bar: the active view's keys on the left, the read budget on
// the right; above it, while there is one, the last error.

const budgetGaugeCells = 8

// statusLine draws the bottom line: the key hints, and the budget with its
// figures and countdown, which are never cut. The budget takes its most
// detailed form that leaves room for the hints; where even its shortest
// does not, the hints give way, the view's own from the last, then q,
// while ? help stays.
func statusLine(c *common.Context, keys help.KeyMap, width int) string {
	h := help.New()
	h.Styles = c.Styles.Help
	h.ShortSeparator = "  "
	bindings := keys.ShortHelp()
	variants := withWebhooks(c, withLocal(c, budgetVariants(c, c.Now()), c.Now()), c.Now())
	fits := func(hints, right string) bool {
		return 1+ansi.StringWidth(hints)+2+ansi.StringWidth(right)+1 <= width
	}
	for kept := bindings; ; {
		hints := h.ShortHelpView(kept)
		for _, v := range variants {
			if fits(hints, v) {
				return common.JoinRight(" "+hints, v+" ", width)
			}
		}
		i := lastDroppable(kept)
		if i < 0 {
			break
		}
		kept = slices.Delete(slices.Clone(kept), i, i+1)
	}
	// Not even ? help fits beside the shortest budget: the budget alone.
	return common.JoinRight("", fitBudget(variants, width-2)+" ", width)
}

// lastDroppable is the hint to give way next: the view's own from the
// last, then q quit; never ? help. -1 when only that is left.
func lastDroppable(bindings []key.Binding) int {
	quit := -1
	for i := len(bindings) - 1; i >= 0; i-- {
		switch bindings[i].Help().Key {
		case "?":
		case "q":
			quit = i
		default:
			return i
		}
	}
	return quit
}

// fitBudget returns the most detailed variant that fits in width.
func fitBudget(variants []string, width int) string {
	for _, v := range variants {
		if ansi.StringWidth(v) <= width {
			return v
		}
	}
	return common.FitLine(variants[len(variants)-1], width)
}

// budgetVariants are the budget's renderings, most detailed first:
// "list/get ▮▮▮▮▮▮▮▯ 47/60 ⟳12s ⇅1 srv", then without the label, the
// gauge, the source; every one keeps the figures and the countdowns.
func budgetVariants(c *common.Context, now time.Time) []string {
	st, b := c.Styles, c.Budget.Read
	if b.Limit <= 0 {
		return []string{"list/get " + common.GlyphNone, common.GlyphNone}
	}
	fraction := float64(b.Remaining) / float64(b.Limit)
	level := st.Good
	switch {
	case fraction < 0.2:
		level = st.Low
	case fraction < 0.5:
		level = st.Medium
	}
	label := st.Dim.Render("list/get")
	meter := level.Render(common.Gauge(fraction, budgetGaugeCells))
	figures := fmt.Sprintf("%d/%d", b.Remaining, b.Limit)
	var timing []string
	if b.BlockedUntil.After(now) {
		timing = append(timing, st.Low.Render(common.GlyphBlocked+" 429 retry in "+common.Countdown(b.BlockedUntil.Sub(now))))
	} else if b.FreesAt.After(now) {
		timing = append(timing, st.Dim.Render(common.GlyphFrees+common.Countdown(b.FreesAt.Sub(now))))
	}
	if b.InFlight > 0 {
		timing = append(timing, st.Busy.Render(fmt.Sprintf("%s%d", common.GlyphInFlight, b.InFlight)))
	}
	source := st.Dim.Render("local")
	switch {
	case c.Local.Team && c.Local.ListenerUp:
		source = st.Dim.Render("team") // the listener's figures, from its heartbeat
	case b.FromServer:
		source = st.Dim.Render("srv")
	}
	join := func(parts ...[]string) string {
		var all []string
		for _, p := range parts {
			all = append(all, p...)
		}
		return strings.Join(all, " ")
	}
	return []string{
		join([]string{label, meter, figures}, timing, []string{source}),
		join([]string{meter, figures}, timing, []string{source}),
		join([]string{figures}, timing, []string{source}),
		join([]string{figures}, timing), // the shortest: a countdown is never dropped
	}
}

// budgetNextChange is how long until the budget text changes by itself: a
// countdown's next second. It is false when nothing counts down, and then
// nothing needs to wake the program.
func budgetNextChange(b client.Bucket, now time.Time) (time.Duration, bool) {
	var next time.Duration
	found := false
	for _, deadline := range []time.Time{b.BlockedUntil, b.FreesAt} {
		if !deadline.After(now) {
			continue
		}
		left := deadline.Sub(now)
		step := left % time.Second // the shown seconds round up, so they change here
		if step == 0 {
			step = time.Second
		}
		if !found || step < next {
			next, found = step, true
		}
	}
	return next, found
}

// errorLine draws the last error, with what to do about it.
func errorLine(c *common.Context, e common.ErrorMsg, dismissable bool, width int) string {
	st := c.Styles
	text := common.GlyphMismatch + " " + common.DescribeError(e.Err)
	if e.Hint != "" {
		text += " · " + e.Hint
	}
	left := " " + st.ErrorLine.Render(text)
	if !dismissable {
		return common.JoinRight(left, st.Dim.Render("E the whole error")+" ", width)
	}
	return common.JoinRight(left, st.Dim.Render("E the whole error · esc dismiss")+" ", width)
}
