package ui

import (
	"fmt"
	"time"

	"github.com/dxdash/dxdash/ui/internal/common"
)

// The store's part of the status bar: how fresh it is and how far a sync
// has got. Glyphs say it as well as the colour.

// localStatus is "synced 3 h ago", "synced 3 h ago · ⟲ syncing 12/50",
// "offline · synced 3 h ago"; "" when the store is off.
func localStatus(c *common.Context, now time.Time) string {
	if c.Opts.Catalog == nil {
		return ""
	}
	st, l := c.Styles, c.Local
	synced := "never synced"
	if !l.LastSynced.IsZero() {
		synced = "synced " + ago(now.Sub(l.LastSynced))
	}
	if l.Team {
		return teamStatus(c, now)
	}
	switch {
	case l.Offline:
		return st.Medium.Render("offline") + st.Dim.Render(" · "+synced)
	case l.Syncing && l.Total > 0:
		// How fresh the rows on screen are stays said while the sync runs.
		return st.Dim.Render(synced+" · ") + st.Busy.Render(fmt.Sprintf("⟲ syncing %d/%d", l.Done, l.Total))
	case l.Syncing:
		return st.Dim.Render(synced+" · ") + st.Busy.Render("⟲ syncing")
	case l.Err != nil:
		return st.Low.Render(common.GlyphMismatch+" sync failed") + st.Dim.Render(" · "+synced)
	}
	return st.Dim.Render(synced)
}

// ago says a duration the way a person would, coarsely.
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	}
	return fmt.Sprintf("%d d ago", int(d/(24*time.Hour)))
}

// withLocal puts the store's status before each budget variant: the key
// hints give way before it does (offline there is no budget at all).
func withLocal(c *common.Context, variants []string, now time.Time) []string {
	local := localStatus(c, now)
	if local == "" {
		return variants
	}
	if c.Local.Offline {
		return []string{local}
	}
	out := make([]string, 0, len(variants))
	for _, v := range variants {
		out = append(out, local+"  "+v)
	}
	return out
}

// teamStatus is team mode's part: "team db.example:5432/dxdash · ✓
// listener, synced 3 min ago", or "✗ listener last seen 2 min ago: own
// client"
// when its heartbeat is old (the dashboard then fetches itself). The
// budget beside it is the listener's, as it last saw it.
func teamStatus(c *common.Context, now time.Time) string {
	st, l := c.Styles, c.Local
	where := st.Dim.Render("team " + l.TeamWhere + " · ")
	switch {
	case l.ListenerUp && l.ListenerSync.IsZero():
		return where + st.Busy.Render(common.GlyphMatch+" listener, ⟲ first sync")
	case l.ListenerUp:
		return where + st.Dim.Render(common.GlyphMatch+" listener, synced "+ago(now.Sub(l.ListenerSync)))
	}
	own := ": own client"
	if l.StandingIn {
		own = ": syncing here"
	}
	if l.ListenerSeen.IsZero() {
		return where + st.Low.Render(common.GlyphMismatch+" no listener"+own)
	}
	return where + st.Low.Render(common.GlyphMismatch+" listener last seen "+ago(now.Sub(l.ListenerSeen))+own)
}
