package ui

import (
	"context"
	"time"

	"github.com/charmbracelet/colorprofile"

	"github.com/dxdash/dxdash/client"
)

// common is what every view shares with the root: the API, the options,
// the clock, the styles and the latest budget. Only the root writes it, and
// only from Update, so views read it without locks.
type common struct {
	api  API
	opts Options
	// ctx ends when the user quits: every request runs under it, so none
	// outlives the program.
	ctx context.Context

	styles *styles
	// styleGen bumps whenever styles change; rows rendered under an older
	// generation are stale.
	styleGen uint32
	profile  colorprofile.Profile
	dark     bool

	budget client.Budget // the newest snapshot

	// details are the datasets fetched in full, most recently used kept.
	details *detailCache

	lastViewID int
}

func newCommon(ctx context.Context, api API, opts Options) *common {
	c := &common{
		api:     api,
		opts:    opts,
		ctx:     ctx,
		profile: colorprofile.TrueColor, // until the program says otherwise
		dark:    true,                   // until the terminal says otherwise
		details: newDetailCache(opts.DetailCacheSize),
	}
	c.restyle()
	return c
}

func (c *common) now() time.Time { return c.opts.Now() }

// newViewID names a view instance, so answers find the view that asked.
func (c *common) newViewID() int {
	c.lastViewID++
	return c.lastViewID
}

func (c *common) restyle() {
	c.styles = newStyles(c.opts.Theme, c.dark, c.profile)
	c.styleGen++
}

// frame is the spinner frame now; spinner draws it.
func (c *common) frame() int { return spinnerFrameAt(c.now()) }

func (c *common) spinner() string { return spinnerFrames[c.frame()] }
