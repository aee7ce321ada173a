package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// The status bar: the active view's keys on the left, the read budget on
// the right; above it, while there is one, the last error.

const budgetGaugeCells = 8

// statusLine draws the bottom line. The budget gets its most detailed
// form that leaves room for every key hint; when none does, the most
// detailed that fits in half the width, and the hints are cut.
func statusLine(c *common.Context, keys help.KeyMap, width int) string {
	h := help.New()
	h.Styles = c.Styles.Help
	h.ShortSeparator = "  "
	hints := h.ShortHelpView(keys.ShortHelp())
	variants := withLocal(c, budgetVariants(c, c.Now()), c.Now())
	right := ""
	for _, v := range variants {
		if 1+ansi.StringWidth(hints)+2+ansi.StringWidth(v)+1 <= width {
			right = v
			break
		}
	}
	if right == "" {
		right = fitBudget(variants, width/2)
		h.SetWidth(max(width-ansi.StringWidth(right)-3, 0))
		hints = h.ShortHelpView(keys.ShortHelp())
	}
	return common.JoinRight(" "+hints, right+" ", width)
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
// gauge, the source.
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
	if b.FromServer {
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
		join([]string{figures}, timing),
		figures,
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
		return common.FitLine(left, width)
	}
	return common.JoinRight(left, st.Dim.Render("esc dismiss")+" ", width)
}
