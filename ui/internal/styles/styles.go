package styles

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

// Styles is every style the views use. Colour never carries meaning alone:
// each coloured state also has a glyph (✓ ✗ ∅ ~ ▼ ⏸), and the selected row
// has a marker, so a monochrome screen reads the same.
type Styles struct {
	mono bool

	Title     lipgloss.Style // "dxdash · demo"
	Header    lipgloss.Style // filters, sort, column titles
	Dim       lipgloss.Style // secondary text, "—"
	Selected  lipgloss.Style // the whole selected row
	Marker    lipgloss.Style // the selected row's ▌
	Good      lipgloss.Style // at or above the medium threshold; complete
	Medium    lipgloss.Style // between low and medium
	Low       lipgloss.Style // below the low threshold; failed; errors
	Busy      lipgloss.Style // processing, spinners, in flight
	ErrorLine lipgloss.Style
	Help      help.Styles
}

// newStyles builds the styles for a theme. A terminal without colour
// (NO_COLOR, or a profile below 16 colours) gets the mono styles whatever
// the theme: Bubble Tea would strip the colours anyway, and the selected row
// must then stand out by reverse video rather than by a background.
func New(theme string, darkBackground bool, profile colorprofile.Profile) *Styles {
	if theme == ThemeMono || profile < colorprofile.ANSI {
		return monoStyles()
	}
	dark := theme == ThemeDark || (theme != ThemeLight && darkBackground)
	p := lightPalette
	if dark {
		p = darkPalette
	}
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	return &Styles{
		Title:     fg(p.accent).Bold(true),
		Header:    lipgloss.NewStyle().Bold(true),
		Dim:       fg(p.dim),
		Selected:  lipgloss.NewStyle().Foreground(p.selectedFg).Background(p.selectedBg),
		Marker:    fg(p.accent).Background(p.selectedBg),
		Good:      fg(p.good),
		Medium:    fg(p.medium),
		Low:       fg(p.low),
		Busy:      fg(p.busy),
		ErrorLine: fg(p.low).Bold(true),
		Help:      helpStyles(dark),
	}
}

// helpStyles are bubbles' help colours, lifted on a dark background where
// its defaults (#626262 keys, #4A4A4A descriptions) are too faint to read.
func helpStyles(dark bool) help.Styles {
	h := help.DefaultStyles(dark)
	if !dark {
		return h
	}
	key := lipgloss.NewStyle().Foreground(lipgloss.Color("#A8A8A8"))
	desc := lipgloss.NewStyle().Foreground(lipgloss.Color("#878787"))
	sep := lipgloss.NewStyle().Foreground(lipgloss.Color("#5F5F5F"))
	h.ShortKey, h.FullKey = key, key
	h.ShortDesc, h.FullDesc = desc, desc
	h.ShortSeparator, h.FullSeparator, h.Ellipsis = sep, sep, sep
	return h
}

func monoStyles() *Styles {
	plain := lipgloss.NewStyle()
	return &Styles{
		mono:      true,
		Title:     plain.Bold(true),
		Header:    plain.Bold(true),
		Dim:       plain.Faint(true),
		Selected:  plain.Reverse(true),
		Marker:    plain.Reverse(true),
		Good:      plain,
		Medium:    plain,
		Low:       plain.Bold(true),
		Busy:      plain,
		ErrorLine: plain.Bold(true),
		Help: help.Styles{
			Ellipsis: plain.Faint(true), ShortKey: plain.Bold(true), ShortDesc: plain,
			ShortSeparator: plain.Faint(true), FullKey: plain.Bold(true), FullDesc: plain,
			FullSeparator: plain,
		},
	}
}
