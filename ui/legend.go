package ui

// legend explains every mark dxdash draws, for the end of the help
// screen: colour is never the only signal, and no glyph goes unexplained.
// A view that draws a new mark adds it here.
var legend = []struct{ mark, meaning string }{
	{"✓", "matches the ground truth · verified"},
	{"~", "near miss: close to the ground truth, not equal"},
	{"✗", "wrong, or failed"},
	{"⚑", "a field a failed consistency check read (n and N stop there)"},
	{"▸", "a failed check that read the selected field or line, listed first"},
	{"∅", "nothing extracted"},
	{"!", "confidently wrong: confidence at or above high, yet not a match"},
	{"▼", "confidence below low"},
	{"▽", "confidence below medium"},
	{"≈", "a match only after normalisation (case, spacing, numbers, dates)"},
	{"◆", "the value contains the search"},
	{"·", "not verified yet, or nothing to say"},
	{"—", "no value"},
	{"▲ ▼", "after a list column's title: sorted by it, ascending or descending"},
	{"+N", "in the list's header: N columns hidden (- and +) or not fitting the width"},
	{"▌", "the selected row"},
	{"•", "new or changed since the last session (the local store's sync found it)"},
	{"⟲", "the local store is syncing: requests made of those expected"},
	{"░ █", "page map: a field's box, the selected field's box"},
	{"⚠", "a box outside the page or on a page the document lacks"},
	{"⟳", "time until the budget frees a request"},
	{"⏸", "rate limited (429): the budget waits out Retry-After"},
	{"⇅", "requests in flight"},
	{"srv", "budget figures from the server's X-RateLimit headers"},
	{"local", "budget counted by dxdash itself (the server sends none)"},
	{"team", "the shared budget as the team's listener last saw it (its heartbeat)"},
}
