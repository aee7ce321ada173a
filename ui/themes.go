package ui

import "github.com/dxdash/dxdash/ui/internal/styles"

// The theme names for Options.Theme, for callers outside ui (the command
// line, its tests), which cannot import ui/internal/styles.
const (
	ThemeAuto  = styles.ThemeAuto
	ThemeDark  = styles.ThemeDark
	ThemeLight = styles.ThemeLight
	ThemeMono  = styles.ThemeMono
)
