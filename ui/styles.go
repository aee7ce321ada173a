package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// Theme names for Options.Theme.
const (
	ThemeAuto  = "auto"  // dark or light, from the terminal's background
	ThemeDark  = "dark"  // colours for a dark background
	ThemeLight = "light" // colours for a light background
	ThemeMono  = "mono"  // no colour: bold, faint and reverse only
)

// palette is one theme's colours.
type palette struct {
	accent, dim, good, medium, low, busy color.Color
	selectedFg, selectedBg               color.Color
}

var (
	darkPalette = palette{
		accent: lipgloss.Color("#B392F0"), dim: lipgloss.Color("#8B949E"),
		good: lipgloss.Color("#3FB950"), medium: lipgloss.Color("#D29922"), low: lipgloss.Color("#F85149"),
		busy:       lipgloss.Color("#58A6FF"),
		selectedFg: lipgloss.Color("#FFFFFF"), selectedBg: lipgloss.Color("#30437A"),
	}
	lightPalette = palette{
		accent: lipgloss.Color("#6F42C1"), dim: lipgloss.Color("#6E7781"),
		good: lipgloss.Color("#1A7F37"), medium: lipgloss.Color("#9A6700"), low: lipgloss.Color("#CF222E"),
		busy:       lipgloss.Color("#0969DA"),
		selectedFg: lipgloss.Color("#1F2328"), selectedBg: lipgloss.Color("#B6E3FF"),
	}
)

// styles is every style the views use. Colour never carries meaning alone:
// each coloured state also has a glyph (✓ ✗ ∅ ~ ▼ ⏸), and the selected row
// has a marker, so a monochrome screen reads the same.
type styles struct {
	mono bool

	title     lipgloss.Style // "dxdash · demo"
	header    lipgloss.Style // filters, sort, column titles
	dim       lipgloss.Style // secondary text, "—"
	selected  lipgloss.Style // the whole selected row
	marker    lipgloss.Style // the selected row's ▌
	good      lipgloss.Style // at or above the medium threshold; complete
	medium    lipgloss.Style // between low and medium
	low       lipgloss.Style // below the low threshold; failed; errors
	busy      lipgloss.Style // processing, spinners, in flight
	errorLine lipgloss.Style
	help      help.Styles
}

// newStyles builds the styles for a theme. A terminal without colour
// (NO_COLOR, or a profile below 16 colours) gets the mono styles whatever
// the theme: Bubble Tea would strip the colours anyway, and the selected row
// must then stand out by reverse video rather than by a background.
func newStyles(theme string, darkBackground bool, profile colorprofile.Profile) *styles {
	if theme == ThemeMono || profile < colorprofile.ANSI {
		return monoStyles()
	}
	dark := theme == ThemeDark || (theme != ThemeLight && darkBackground)
	p := lightPalette
	if dark {
		p = darkPalette
	}
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	return &styles{
		title:     fg(p.accent).Bold(true),
		header:    lipgloss.NewStyle().Bold(true),
		dim:       fg(p.dim),
		selected:  lipgloss.NewStyle().Foreground(p.selectedFg).Background(p.selectedBg),
		marker:    fg(p.accent).Background(p.selectedBg),
		good:      fg(p.good),
		medium:    fg(p.medium),
		low:       fg(p.low),
		busy:      fg(p.busy),
		errorLine: fg(p.low).Bold(true),
		help:      help.DefaultStyles(dark),
	}
}

func monoStyles() *styles {
	plain := lipgloss.NewStyle()
	return &styles{
		mono:      true,
		title:     plain.Bold(true),
		header:    plain.Bold(true),
		dim:       plain.Faint(true),
		selected:  plain.Reverse(true),
		marker:    plain.Reverse(true),
		good:      plain,
		medium:    plain,
		low:       plain.Bold(true),
		busy:      plain,
		errorLine: plain.Bold(true),
		help: help.Styles{
			Ellipsis: plain.Faint(true), ShortKey: plain.Bold(true), ShortDesc: plain,
			ShortSeparator: plain.Faint(true), FullKey: plain.Bold(true), FullDesc: plain,
			FullSeparator: plain,
		},
	}
}

// level picks the style for a score by the thresholds.
func (s *styles) level(score float64, t Thresholds) lipgloss.Style {
	switch {
	case score < t.Low:
		return s.low
	case score < t.Medium:
		return s.medium
	default:
		return s.good
	}
}
