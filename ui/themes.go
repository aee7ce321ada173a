package ui

import "github.com/dxdash/dxdash/ui/internal/styles"

// The theme names, for callers outside ui (the command line's tests): the
// styles package is internal to ui.
const (
	ThemeAuto  = styles.ThemeAuto
	ThemeDark  = styles.ThemeDark
	ThemeLight = styles.ThemeLight
	ThemeMono  = styles.ThemeMono
)
