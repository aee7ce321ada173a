package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
)

// The status bar: the active view's keys on the left, the read budget on
// the right; above it, while there is one, the last error.

const budgetGaugeCells = 8

// statusLine draws the bottom line. The budget gets its most detailed
// form that leaves room for every key hint; when none does, the most
// detailed that fits in half the width, and the hints are cut.
func statusLine(c *common, keys help.KeyMap, width int) string {
	h := help.New()
	h.Styles = c.styles.help
	h.ShortSeparator = "  "
	hints := h.ShortHelpView(keys.ShortHelp())
	variants := budgetVariants(c, c.now())
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
	return joinRight(" "+hints, right+" ", width)
}

// fitBudget returns the most detailed variant that fits in width.
func fitBudget(variants []string, width int) string {
	for _, v := range variants {
		if ansi.StringWidth(v) <= width {
			return v
		}
	}
	return fitLine(variants[len(variants)-1], width)
}

// budgetVariants are the budget's renderings, most detailed first:
// "list/get ▮▮▮▮▮▮▮▯ 47/60 ⟳12s ⇅1 srv", then without the label, the
// gauge, the source.
func budgetVariants(c *common, now time.Time) []string {
	st, b := c.styles, c.budget.Read
	if b.Limit <= 0 {
		return []string{"list/get " + glyphNone, glyphNone}
	}
	fraction := float64(b.Remaining) / float64(b.Limit)
	level := st.good
	switch {
	case fraction < 0.2:
		level = st.low
	case fraction < 0.5:
		level = st.medium
	}
	label := st.dim.Render("list/get")
	meter := level.Render(gauge(fraction, budgetGaugeCells))
	figures := fmt.Sprintf("%d/%d", b.Remaining, b.Limit)
	var timing []string
	if b.BlockedUntil.After(now) {
		timing = append(timing, st.low.Render(glyphBlocked+" 429 retry in "+countdown(b.BlockedUntil.Sub(now))))
	} else if b.FreesAt.After(now) {
		timing = append(timing, st.dim.Render(glyphFrees+countdown(b.FreesAt.Sub(now))))
	}
	if b.InFlight > 0 {
		timing = append(timing, st.busy.Render(fmt.Sprintf("%s%d", glyphInFlight, b.InFlight)))
	}
	source := st.dim.Render("local")
	if b.FromServer {
		source = st.dim.Render("srv")
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
func errorLine(c *common, e errorMsg, dismissable bool, width int) string {
	st := c.styles
	text := glyphMismatch + " " + describeError(e.err)
	if e.hint != "" {
		text += " · " + e.hint
	}
	left := " " + st.errorLine.Render(text)
	if !dismissable {
		return fitLine(left, width)
	}
	return joinRight(left, st.dim.Render("esc dismiss")+" ", width)
}
