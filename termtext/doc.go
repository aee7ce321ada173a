// Package termtext makes untrusted text safe and tidy for a terminal cell grid.
//
// Every string that came from the server (document names, field values,
// customer ids, error messages) passes through Sanitize before it is
// rendered: a string such as "\x1b]52;c;...\x07" would otherwise write the
// user's clipboard, "\x1b]0;...\x07" would retitle the window, and
// "\u202e" would reverse the rest of the row. Width, Truncate and Fit then lay
// the clean text out in columns, measuring cells the way lipgloss does.
//
// It imports nothing of dxdash.
package termtext
