package filter

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// The panel's own tests host it alone, over a stand-in for the view that
// opened it, and record what it applies.

// underView stands for the view the panel covers: lines of text as wide
// as the screen.
type underView struct{ width, height int }

func (u *underView) Init() tea.Cmd             { return nil }
func (u *underView) Update(tea.Msg) tea.Cmd    { return nil }
func (u *underView) SetSize(width, height int) { u.width, u.height = width, height }
func (u *underView) Name() string              { return "under" }
func (u *underView) Keys() help.KeyMap         { return noKeys{} }
func (u *underView) Busy() bool                { return false }
func (u *underView) Focus() tea.Cmd            { return nil }
func (u *underView) Blur()                     {}
func (u *underView) Closing() bool             { return false }

func (u *underView) View() string {
	lines := make([]string, u.height)
	for i := range lines {
		lines[i] = common.FitLine(strings.Repeat("under ", u.width), u.width)
	}
	return strings.Join(lines, "\n")
}

type noKeys struct{}

func (noKeys) ShortHelp() []key.Binding  { return nil }
func (noKeys) FullHelp() [][]key.Binding { return nil }

// panelHost is the filter panel opened with current, offering what rows
// show, at 120x30.
type panelHost struct {
	*uitest.Host
	f *filterModel
	// applied are the filters enter applied, in order.
	applied []common.Filters
}

func newPanelHost(t *testing.T, current common.Filters, rows []client.Dataset) *panelHost {
	t.Helper()
	p := &panelHost{}
	seen := NewSeenValues()
	for _, d := range rows {
		seen.AddRows([]common.Row{common.NewRow(d)})
	}
	p.Host = uitest.NewHost(t, uitest.NewAPI(rows), common.Options{}, 120, 30, func(c *common.Context) common.View {
		p.f = NewFilterModel(c, &underView{}, current, seen, func(f common.Filters) tea.Cmd {
			p.applied = append(p.applied, f)
			return nil
		})
		return p.f
	})
	return p
}

// typeText types text at once, with no time passing.
func typeText(h *uitest.Host, text string) {
	for _, r := range text {
		h.Press(string(r))
	}
}
