package ui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// The two screens that replace everything: the terminal is too small, and
// the API refused the key.

// Below this size the dashboard cannot lay out its columns.
const (
	minWidth  = 60
	minHeight = 10
)

// tooSmallScreen is a centred note; at a size as absurd as 1x1 it is cut,
// never wrapped past the edges.
func tooSmallScreen(st *styles.Styles, width, height int) string {
	lines := []string{
		st.Title.Render("terminal too small"),
		fmt.Sprintf("%d×%d, need %d×%d", width, height, minWidth, minHeight),
		st.Dim.Render("enlarge it, or q to quit"),
	}
	for i, l := range lines {
		lines[i] = common.FitLine(l, width)
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	block := lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, strings.Join(lines[:min(len(lines), height)], "\n"))
	return common.FitLines(strings.Split(block, "\n"), width, height)
}

// defaultKeyHelp is shown when the caller gave no KeyHelp.
const defaultKeyHelp = `Set a valid key in DATAEXTRACTOR_API_KEY, or api_key in the config file
($XDG_CONFIG_HOME/dxdash/config.toml), and start dxdash again.

To look around without a key: dxdash --demo`

// unauthorizedScreen explains a 401: the key was refused, where it came
// from and how to set another. It never shows the key.
func unauthorizedScreen(st *styles.Styles, err error, keyHelp string, width, height int) string {
	text := "The API refused the key (401 Unauthorized)."
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		if detail := termtext.Sanitize(apiErr.Detail); detail != "" {
			text += "\nThe server said: " + detail
		}
		if id := termtext.Sanitize(apiErr.RequestID); id != "" {
			text += "\nRequest id: " + id
		}
	}
	if keyHelp == "" {
		keyHelp = defaultKeyHelp
	}
	var lines []string
	lines = append(lines, " "+st.ErrorLine.Render(common.GlyphMismatch+" not authorized"), "")
	for _, l := range strings.Split(text+"\n\n"+keyHelp, "\n") {
		// The help is ours, but it names paths and variables from the
		// environment: sanitize it like server text.
		wrapped := ansi.Wrap(termtext.Sanitize(l), max(width-2, 1), "")
		for _, w := range strings.Split(wrapped, "\n") {
			lines = append(lines, " "+w)
		}
	}
	lines = append(lines, "", " "+st.Dim.Render("q quit"))
	return common.FitLines(lines, width, height)
}
