package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/detail"
	"github.com/dxdash/dxdash/ui/internal/list"
	"github.com/dxdash/dxdash/ui/internal/palette"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// rootModel is the root model. It only routes: it owns the stack of views (the
// list at the bottom, a dataset or help above it), the status bar, the
// global keys, the window size and the screens that replace everything
// (too small, 401). Results of requests reach every view on the stack;
// keys reach only the view on top.
type rootModel struct {
	c      *common.Context
	cancel context.CancelFunc // ends every request when the user quits
	global globalKeys
	stack  []common.View
	help   *helpModel // the help last opened; on screen while it is on top

	width, height int
	err           *common.ErrorMsg // the error line, until dismissed or superseded
	// resolved is, per source, the Seq of its newest success: a failure
	// reported before it arrives late and is not shown.
	resolved     map[string]uint64
	errAt        time.Time // when the error line's error arrived
	unauthorized error     // set by a 401: the whole screen explains it

	ticking bool // a tickMsg is on its way
	// refreshedFor is the countdown deadline a fresh budget was asked for
	// when it ran out, so it is asked for once.
	refreshedFor time.Time
}

func newApp(api common.API, opts common.Options) *rootModel {
	ctx, cancel := context.WithCancel(context.Background())
	c := common.NewContext(ctx, api, opts.WithDefaults())
	return &rootModel{
		c:        c,
		cancel:   cancel,
		global:   newGlobalKeys(),
		stack:    []common.View{list.NewListModel(c, c.Opts.DefaultFilters, "")},
		resolved: map[string]uint64{},
	}
}

func (a *rootModel) Init() tea.Cmd {
	cmds := []tea.Cmd{a.top().Init(), refreshBudgetCmd(a.c.API)}
	if a.c.Opts.Budget != nil {
		cmds = append(cmds, a.c.Opts.Budget.Wait(a.c.Ctx))
	}
	if a.c.Opts.Theme == styles.ThemeAuto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if cat := a.c.Opts.Catalog; cat != nil {
		cmds = append(cmds, cat.Start(a.c.Ctx), cat.Wait(a.c.Ctx))
		if n := a.c.Local.Notices; len(n) > 0 {
			cmds = append(cmds, common.ReportError(a.bottomID(), "store", errors.New(strings.Join(n, "; ")), "esc dismiss"))
		}
	}
	return tea.Batch(cmds...)
}

func (a *rootModel) top() common.View { return a.stack[len(a.stack)-1] }

func (a *rootModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if carrier, ok := msg.(common.BudgetCarrier); ok {
		a.setBudget(carrier.BudgetSnapshot())
	}
	cmd := a.update(msg)
	return a, tea.Batch(cmd, a.scheduleTick())
}

func (a *rootModel) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.layout()
		return a.broadcast(msg) // a taller list may need its next page now
	case tea.ColorProfileMsg:
		a.c.Profile = msg.Profile
		a.c.Restyle()
	case tea.BackgroundColorMsg:
		a.c.Dark = msg.IsDark()
		a.c.Restyle()
	case tea.KeyPressMsg:
		return a.handleKey(msg)
	case tea.MouseWheelMsg, tea.MouseClickMsg:
		if a.usable() {
			return a.top().Update(msg)
		}
	case tickMsg:
		a.ticking = false // the redraw after Update moves spinners and countdowns
		return a.refreshExpiredBudget()
	case common.BudgetFeedMsg:
		a.setBudget(msg.Budget)
		return a.c.Opts.Budget.Wait(a.c.Ctx)
	case budgetMsg:
		a.setBudget(msg.budget)
	case common.CatalogMsg:
		return tea.Batch(a.onCatalog(msg), a.broadcast(msg), a.c.Opts.Catalog.Wait(a.c.Ctx))
	case common.ErrorMsg:
		if msg.Seq < a.resolved[msg.Source] {
			return nil // the operation has succeeded since it failed
		}
		a.errAt = a.c.Now()
		a.showError(msg)
	case common.ErrorResolvedMsg:
		a.resolved[msg.Source] = max(a.resolved[msg.Source], msg.Seq)
		if a.err != nil && a.err.Source == msg.Source && a.err.Seq < msg.Seq {
			a.setErrorLine(nil)
		}
	case common.DismissErrorMsg:
		a.setErrorLine(nil)
	case common.CommandMsg:
		return a.command(msg)
	case common.OpenDatasetMsg:
		return a.openDataset(msg)
	case common.DatasetMsg:
		// Every detail fetched is kept, also one whose view was closed
		// before it arrived or one a list poll asked for: opening it later
		// then costs no request.
		if msg.Err == nil {
			a.c.Details.Put(msg.ID, msg.Dataset)
		}
		return a.broadcast(msg)
	default:
		return a.broadcast(msg)
	}
	return nil
}

func (a *rootModel) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, a.global.ForceQuit):
		return a.quit()
	case a.usable() && capturesText(a.top()):
		return a.keyToTop(msg) // q and ? are text in an input
	case key.Matches(msg, a.global.Quit):
		return a.quit()
	case !a.usable():
		return nil
	case key.Matches(msg, a.global.Help):
		if a.inHelp() {
			return a.pop()
		}
		a.help = newHelpModel(a.c, a.top().Name(), withGlobal{view: a.top().Keys(), global: a.global})
		return a.push(a.help)
	case key.Matches(msg, a.global.Palette):
		var values common.PaletteValues
		for _, v := range slices.Backward(a.stack) { // the nearest view that offers values
			if src, ok := v.(palette.Source); ok {
				values = src.PaletteValues()
				break
			}
		}
		return a.push(palette.New(a.c, a.top(), values))
	case a.err != nil && key.Matches(msg, a.global.ErrorInfo):
		return a.push(newErrorModel(a.c, *a.err, a.errAt))
	}
	return a.keyToTop(msg)
}

// inHelp: the help screen is the view on top.
func (a *rootModel) inHelp() bool { return a.help != nil && a.top() == common.View(a.help) }

// usable: the views are on screen, not replaced by the 401 or too-small
// screens.
func (a *rootModel) usable() bool {
	return a.unauthorized == nil && a.width >= minWidth && a.height >= minHeight
}

func (a *rootModel) quit() tea.Cmd {
	a.cancel()
	return tea.Quit
}

func (a *rootModel) push(v common.View) tea.Cmd {
	a.top().Blur()
	a.stack = append(a.stack, v)
	a.layout()
	return tea.Batch(v.Init(), v.Focus())
}

// openDataset opens a dataset over the view on top, or in place of the
// detail that crossed to it (n/N), if that detail is still on top.
func (a *rootModel) openDataset(msg common.OpenDatasetMsg) tea.Cmd {
	var closed tea.Cmd
	if msg.Replaces != 0 {
		if v, ok := a.top().(common.Identified); !ok || v.ID() != msg.Replaces {
			return nil // the user has left that detail since
		}
		closed = a.pop()
	}
	d := detail.NewDetailModel(a.c, msg.ID, msg.Summary, msg.Highlight)
	d.Entry = msg.Entry
	return tea.Batch(closed, a.push(d))
}

// pop closes the view on top; the one under it is shown exactly as it was
// left. The bottom view (the list) is never closed.
func (a *rootModel) pop() tea.Cmd {
	if len(a.stack) == 1 {
		return nil
	}
	a.top().Blur()
	a.stack = a.stack[:len(a.stack)-1]
	if a.err != nil && !a.owned(a.err.Owner) {
		a.err = nil // the view that failed is gone: so is its error
	}
	a.layout()
	return a.top().Focus()
}

// owned says whether a view still on the stack is, or holds, view id.
func (a *rootModel) owned(id int) bool {
	for _, v := range a.stack {
		if common.Owns(v, id) {
			return true
		}
	}
	return false
}

// broadcast gives a message to every view; answers carry the id of the
// view that asked, and the others ignore them.
func (a *rootModel) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(a.stack))
	for _, v := range a.stack {
		cmds = append(cmds, v.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (a *rootModel) showError(msg common.ErrorMsg) {
	if errors.Is(msg.Err, client.ErrUnauthorized) {
		a.unauthorized = msg.Err
		return
	}
	a.setErrorLine(&msg)
}

// setErrorLine shows or clears the error line; the views above it grow or
// shrink by a line.
func (a *rootModel) setErrorLine(e *common.ErrorMsg) {
	a.err = e
	a.layout()
}

// layout gives every view the screen less the status bar and error line.
func (a *rootModel) layout() {
	height := a.height - 1
	if a.err != nil {
		height--
	}
	for _, v := range a.stack {
		v.SetSize(a.width, max(height, 1))
	}
}

// setBudget keeps the newest snapshot: a feed snapshot and one carried by
// an answer may arrive out of order.
func (a *rootModel) setBudget(b client.Budget) {
	if !b.AsOf.IsZero() && b.AsOf.Before(a.c.Budget.AsOf) {
		return
	}
	a.c.Budget = b
}

// scheduleTick starts the clock when something on screen moves by itself:
// a spinner (fast), or a countdown in the status bar (once a second, on
// the second). When nothing does, nothing wakes the program.
func (a *rootModel) scheduleTick() tea.Cmd {
	if a.ticking {
		return nil
	}
	var after time.Duration
	next, counting := budgetNextChange(a.c.Budget.Read, a.c.Now())
	if hook, ok := webhookAgeNextChange(a.c.Local.Webhooks, a.c.Now()); ok && (!counting || hook < next) {
		next, counting = hook, true
	}
	switch {
	case a.usable() && a.top().Busy():
		after = common.SpinnerInterval
	case counting:
		after = next
	default:
		return nil
	}
	a.ticking = true
	return tickCmd(a.c.Ctx, after)
}

// refreshExpiredBudget asks for a fresh snapshot once a countdown has run
// out: the client gives a request back then, but says so only when asked.
func (a *rootModel) refreshExpiredBudget() tea.Cmd {
	b, now := a.c.Budget.Read, a.c.Now()
	deadline := b.FreesAt
	if b.BlockedUntil.After(deadline) {
		deadline = b.BlockedUntil
	}
	if deadline.IsZero() || deadline.After(now) || deadline.Equal(a.refreshedFor) {
		return nil
	}
	a.refreshedFor = deadline
	return refreshBudgetCmd(a.c.API)
}

func (a *rootModel) View() tea.View {
	v := tea.NewView(a.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "dxdash"
	return v
}

func (a *rootModel) Render() string {
	switch {
	case a.width <= 0 || a.height <= 0:
		return "" // no size yet
	case a.unauthorized != nil:
		return unauthorizedScreen(a.c.Styles, a.unauthorized, a.c.Opts.KeyHelp, a.width, a.height)
	case a.width < minWidth || a.height < minHeight:
		return tooSmallScreen(a.c.Styles, a.width, a.height)
	}
	body := a.top().View()
	if a.err != nil {
		body += "\n" + errorLine(a.c, *a.err, len(a.stack) == 1, a.width)
	}
	keys := withGlobal{view: a.top().Keys(), global: a.global, inHelp: a.inHelp(), typing: capturesText(a.top())}
	return body + "\n" + statusLine(a.c, keys, a.width)
}

// New returns the dashboard for tea.NewProgram.
func New(api common.API, opts common.Options) tea.Model {
	return newApp(api, opts)
}

// command carries out a palette command: help and stats as their keys
// would, the rest by the view on top (the one the palette covered).
func (a *rootModel) command(msg common.CommandMsg) tea.Cmd {
	if !a.usable() {
		return nil
	}
	switch msg.Command.Name {
	case "help":
		return a.handleKey(tea.KeyPressMsg{Code: '?', Text: "?"})
	case "stats":
		return a.keyToTop(tea.KeyPressMsg{Code: 'S', Text: "S"})
	}
	return a.top().Update(msg)
}
