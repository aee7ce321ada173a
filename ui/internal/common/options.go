package common

import (
	"context"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// API is all the dashboard needs from the API client; *client.Client
// satisfies it. Calls may block (the client paces itself), so the ui only
// makes them inside tea.Cmds.
type API interface {
	ListDatasets(ctx context.Context, p client.ListParams) (client.Page, error)
	GetDataset(ctx context.Context, id string) (client.Dataset, error)
	Budget() client.Budget
}

// Options configure the dashboard. The zero value of each field means its
// default.
type Options struct {
	// Title names what is being browsed: "demo" or the API host.
	Title string
	// PageSize is the list page size (1–100; default 50).
	PageSize int
	// Thresholds colour confidences and accuracies.
	Thresholds Thresholds
	// PollInterval is how often a processing dataset on screen is fetched
	// again (default 3 s).
	PollInterval time.Duration
	// DetailCacheSize is how many datasets fetched in full are kept, so
	// opening one again costs no request (default 256).
	DetailCacheSize int
	// DefaultFilters narrow the list from the start.
	DefaultFilters Filters
	// Theme is "auto" (follow the terminal's background), "dark", "light"
	// or "mono" (no colour at all).
	Theme string
	// KeyHelp is shown on the 401 screen: where the key was read from and
	// how to set another. It never contains the key.
	KeyHelp string
	// Now is the clock; tests fix it. Default time.Now.
	Now func() time.Time
	// Budget delivers the client's budget snapshots as they change. Without
	// it the status bar still updates after each answer.
	Budget *BudgetFeed
	// Catalog is the local store of the account (nil: the store is off,
	// and everything is fetched as it is needed, kept for the session).
	Catalog Catalog
}

// Thresholds split a confidence or a score into low, medium and high: the
// review domain's.
type Thresholds = review.Thresholds

// Filters narrow the listing on the server.
type Filters struct {
	CustomerID  string
	DatasetType string
	IsVerified  *bool
}

// Defaults for the zero values of Options.
const (
	DefaultPageSize        = 50
	DefaultPollInterval    = 3 * time.Second
	DefaultDetailCacheSize = 256
	maxPageSize            = 100
)

// DefaultThresholds are the documented colour thresholds.
var DefaultThresholds = review.DefaultThresholds

// WithDefaults fills in every zero field and clamps what the API would
// reject.
func (o Options) WithDefaults() Options {
	if o.PageSize <= 0 {
		o.PageSize = DefaultPageSize
	}
	o.PageSize = min(o.PageSize, maxPageSize)
	if o.Thresholds == (Thresholds{}) {
		o.Thresholds = DefaultThresholds
	}
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.DetailCacheSize <= 0 {
		o.DetailCacheSize = DefaultDetailCacheSize
	}
	if o.Theme == "" {
		o.Theme = styles.ThemeAuto
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Title == "" {
		o.Title = "dataextractor"
	}
	return o
}
