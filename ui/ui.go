// Package ui is dxdash's Bubble Tea program: a root model that routes keys
// and results between views (the list, a dataset, the filters, the stats,
// help), owns the status bar with the live rate budget and the error line,
// and never blocks or does I/O in Update or View.
//
// The views live in ui/internal, one package each; what they share is in
// ui/internal/common and ui/internal/styles. See doc.go for the rules.
package ui

import "github.com/dxdash/dxdash/ui/internal/common"

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

