package statsview

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// pagedSource stands in for the list the stats view opens over (package
// list imports this one, so its tests cannot host the real list): it loads
// the API's corpus a page of Opts.PageSize at a time, the first when it
// starts and each next one when the stats view asks (LoadMore), and keeps
// the rows newest first, the list's default order. It sits at the bottom
// of the host's stack, so its answers reach it as the list's reach the
// list; S or tab opens the stats view over it, as over the list.
type pagedSource struct {
	c       *common.Context
	id      int
	rows    []common.Row
	version uint64
	cursor  string
	pages   int
	loading bool
	done    bool
	failed  bool
}

type sourcePageMsg struct {
	owner int
	page  client.Page
	err   error
}

func newPagedSource(c *common.Context) *pagedSource {
	return &pagedSource{c: c, id: c.NewViewID()}
}

func (p *pagedSource) request() tea.Cmd {
	p.loading = true
	ctx, api, owner := p.c.Ctx, p.c.API, p.id
	params := client.ListParams{Limit: p.c.Opts.PageSize, Cursor: p.cursor}
	return func() tea.Msg {
		page, err := api.ListDatasets(ctx, params)
		return sourcePageMsg{owner: owner, page: page, err: err}
	}
}

// statsSource.

func (p *pagedSource) Len() int                        { return len(p.rows) }
func (p *pagedSource) At(pos int) *common.Row          { return &p.rows[pos] }
func (p *pagedSource) Version() uint64                 { return p.version }
func (p *pagedSource) Query() (common.Filters, string) { return common.Filters{}, "" }

func (p *pagedSource) Progress() common.Progress {
	return common.Progress{Started: p.pages > 0, Loading: p.loading, Complete: p.done, Failed: p.failed}
}

func (p *pagedSource) LoadMore() tea.Cmd {
	if p.loading || p.failed || p.done || p.pages == 0 {
		return nil
	}
	return p.request()
}

// common.View.

func (p *pagedSource) Init() tea.Cmd { return p.request() }

func (p *pagedSource) Update(msg tea.Msg) tea.Cmd {
	m, ok := msg.(sourcePageMsg)
	if !ok || m.owner != p.id {
		return nil
	}
	p.loading = false
	if m.err != nil {
		p.failed = m.err != context.Canceled
		return nil
	}
	p.pages++
	for _, d := range m.page.Data {
		p.rows = append(p.rows, common.NewRow(d))
	}
	slices.SortStableFunc(p.rows, func(a, b common.Row) int { return cmp.Compare(b.Created, a.Created) })
	p.cursor, p.done = m.page.NextCursor, m.page.NextCursor == ""
	p.version++
	return nil
}

func (p *pagedSource) Opens(msg tea.KeyPressMsg) common.View {
	if s := msg.String(); s == "S" || s == "tab" {
		return NewStatsModel(p.c, p)
	}
	return nil
}

func (p *pagedSource) View() string      { return "" }
func (p *pagedSource) SetSize(int, int)  {}
func (p *pagedSource) Name() string      { return "rows" }
func (p *pagedSource) Keys() help.KeyMap { return noKeys{} }
func (p *pagedSource) Busy() bool        { return p.loading }
func (p *pagedSource) Focus() tea.Cmd    { return nil }
func (p *pagedSource) Blur()             {}
func (p *pagedSource) Closing() bool     { return false }

type noKeys struct{}

func (noKeys) ShortHelp() []key.Binding  { return nil }
func (noKeys) FullHelp() [][]key.Binding { return nil }

// newStatsHost hosts a pagedSource over data at width x height.
func newStatsHost(t *testing.T, data []client.Dataset, opts common.Options, width, height int) *uitest.Host {
	t.Helper()
	return uitest.NewHost(t, uitest.NewAPI(data), opts, width, height, func(c *common.Context) common.View {
		return newPagedSource(c)
	})
}

// openStats is S over the source: the stats view, on top.
func openStats(t *testing.T, h *uitest.Host) *statsModel {
	t.Helper()
	h.Press("S")
	s, ok := h.Top().(*statsModel)
	if !ok {
		t.Fatalf("S opened %T, want the stats view", h.Top())
	}
	return s
}

// plainView is the stats view's screen without styles.
func plainView(h *uitest.Host) string { return ansi.Strip(h.View()) }

// typeText types text a key at a time.
func typeText(h *uitest.Host, text string) {
	for _, r := range text {
		h.Press(string(r))
	}
}

// hints are the short help a view gives the status bar, as the status
// bar writes them: "key description", two spaces apart.
func hints(km help.KeyMap) string {
	var parts []string
	for _, b := range km.ShortHelp() {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(parts, "  ")
}
