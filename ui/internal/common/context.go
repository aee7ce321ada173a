package common

import (
	"context"
	"time"

	"github.com/charmbracelet/colorprofile"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// Context is what every view shares with the root: the API, the options,
// the clock, the styles and the latest budget. Only the root writes it, and
// only from Update, so views read it without locks.
type Context struct {
	API  API
	Opts Options
	// Ctx ends when the user quits: every request runs under it, so none
	// outlives the program.
	Ctx context.Context

	Styles *styles.Styles
	// StyleGen bumps whenever styles change; rows rendered under an older
	// generation are stale.
	StyleGen uint32
	Profile  colorprofile.Profile
	Dark     bool

	Budget client.Budget // the newest snapshot
	// Local is the store's state as last heard (Opts.Catalog), for the
	// status bar.
	Local CatalogStatus

	// Details are the datasets fetched in full, most recently used kept.
	Details *detailCache
	// Polls keeps the list's and the detail's polling within its share of
	// the budget; they record what they send.
	Polls *PollLedger

	lastViewID int
}

func NewContext(ctx context.Context, api API, opts Options) *Context {
	c := &Context{
		API:     api,
		Opts:    opts,
		Ctx:     ctx,
		Profile: colorprofile.TrueColor, // until the program says otherwise
		Dark:    true,                   // until the terminal says otherwise
		Details: newDetailCache(opts.DetailCacheSize),
		Polls:   &PollLedger{},
	}
	if opts.Catalog != nil {
		c.Local = opts.Catalog.Status()
	}
	c.Restyle()
	return c
}

func (c *Context) Now() time.Time { return c.Opts.Now() }

// Offline: the dashboard browses the local store and can make no request
// (nothing polls then).
func (c *Context) Offline() bool { return c.Opts.Catalog != nil && c.Opts.Catalog.Offline() }

// NewViewID names a view instance, so answers find the view that asked.
func (c *Context) NewViewID() int {
	c.lastViewID++
	return c.lastViewID
}

func (c *Context) Restyle() {
	c.Styles = styles.New(c.Opts.Theme, c.Dark, c.Profile)
	c.StyleGen++
}

// Frame is the spinner frame now; spinner draws it.
func (c *Context) Frame() int { return spinnerFrameAt(c.Now()) }

func (c *Context) Spinner() string { return SpinnerFrames[c.Frame()] }
