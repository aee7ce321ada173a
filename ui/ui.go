package ui

import (
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// What the dashboard's callers configure it with; the types are the views'
// own, shared through common.
type (
	// API is all the dashboard needs from the API client; *client.Client
	// satisfies it.
	API = common.API
	// Options configure the dashboard; the zero value of each field means
	// its default.
	Options = common.Options
	// Thresholds split a score in [0, 1] into low, medium and high.
	Thresholds = common.Thresholds
	// Filters narrow the listing on the server.
	Filters = common.Filters
	// BudgetFeed delivers the client's budget snapshots as they change.
	BudgetFeed = common.BudgetFeed
)

// NewBudgetFeed returns a feed to give the client as its budget observer
// and the dashboard as Options.Budget.
func NewBudgetFeed() *BudgetFeed { return common.NewBudgetFeed() }

// The themes Options.Theme takes.
const (
	ThemeAuto  = styles.ThemeAuto  // dark or light, from the terminal's background
	ThemeDark  = styles.ThemeDark  // colours for a dark background
	ThemeLight = styles.ThemeLight // colours for a light background
	ThemeMono  = styles.ThemeMono  // no colour: bold, faint and reverse only
)
