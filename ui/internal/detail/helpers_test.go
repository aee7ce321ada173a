package detail

import (
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

// The detail's own tests run it in a uitest.Host over a lister: a stand-in
// for the list that opens its selected row as the list does (an
// OpenDatasetMsg with itself as the navigator), so esc goes back to it and
// enter opens the dataset again. What only the whole program shows (the
// real list beneath, the help screen, the status bar) is tested in the root
// package (ui/detail_program_test.go).

// lister shows one line per dataset and moves a cursor over them with j, k
// and g; enter opens the selected one, and the row before or after a
// dataset is its neighbour, as in the list.
type lister struct {
	rows          []common.Row
	cursor        int
	width, height int
}

func newLister(data []client.Dataset) *lister {
	l := &lister{}
	for _, ds := range data {
		l.rows = append(l.rows, common.NewRow(ds))
	}
	return l
}

func (l *lister) Init() tea.Cmd { return nil }

func (l *lister) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch k.String() {
	case "j":
		l.cursor = min(l.cursor+1, len(l.rows)-1)
	case "k":
		l.cursor = max(l.cursor-1, 0)
	case "g":
		l.cursor = 0
	case "enter":
		if l.cursor < len(l.rows) {
			r := l.rows[l.cursor]
			return common.Emit(common.OpenDatasetMsg{ID: r.ID, Summary: r, Entry: common.DetailEntry{Nav: l}})
		}
	}
	return nil
}

func (l *lister) View() string {
	lines := []string{"lister"}
	for i, r := range l.rows {
		mark := " "
		if i == l.cursor {
			mark = common.GlyphSelected
		}
		lines = append(lines, mark+r.IDText)
	}
	return common.FitLines(lines, l.width, l.height)
}

func (l *lister) SetSize(width, height int) { l.width, l.height = width, height }
func (l *lister) Name() string              { return "list" }
func (l *lister) Keys() help.KeyMap         { return noKeys{} }
func (l *lister) Busy() bool                { return false }
func (l *lister) Focus() tea.Cmd            { return nil }
func (l *lister) Blur()                     {}
func (l *lister) Closing() bool             { return false }

// Neighbour is the row next to id, as the list's navigator gives it.
func (l *lister) Neighbour(id string, dir int) (common.Row, bool) {
	for i, r := range l.rows {
		if r.ID == id {
			if j := i + dir; j >= 0 && j < len(l.rows) {
				return l.rows[j], true
			}
			return common.Row{}, false
		}
	}
	return common.Row{}, false
}

type noKeys struct{}

func (noKeys) ShortHelp() []key.Binding  { return nil }
func (noKeys) FullHelp() [][]key.Binding { return nil }

// cover is a view laid over the detail, as the help screen is; any key
// closes it.
type cover struct{ closed bool }

func (c *cover) Init() tea.Cmd { return nil }
func (c *cover) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		c.closed = true
	}
	return nil
}
func (c *cover) View() string      { return "cover" }
func (c *cover) SetSize(int, int)  {}
func (c *cover) Name() string      { return "cover" }
func (c *cover) Keys() help.KeyMap { return noKeys{} }
func (c *cover) Busy() bool        { return false }
func (c *cover) Focus() tea.Cmd    { return nil }
func (c *cover) Blur()             {}
func (c *cover) Closing() bool     { return c.closed }

// openLikeTheRoot builds the detail an OpenDatasetMsg asks for, as the root
// does (ui/app.go, openDataset).
func openLikeTheRoot(c *common.Context, msg common.OpenDatasetMsg) common.View {
	d := NewDetailModel(c, msg.ID, msg.Summary, msg.Highlight)
	d.Entry = msg.Entry
	return d
}

// newDetailHost hosts a lister over api's datasets at width x height (the
// views get one line less, as under the root's status bar); OpenDataset
// messages open details over it.
func newDetailHost(t *testing.T, api *uitest.API, opts common.Options, width, height int) *uitest.Host {
	t.Helper()
	data := api.Data()
	h := uitest.NewHost(t, api, opts, width, height, func(*common.Context) common.View { return newLister(data) })
	h.OpenDataset = openLikeTheRoot
	return h
}

// openDetail shows ds in the detail view at width x height, opened from
// the lister.
func openDetail(t *testing.T, ds client.Dataset, opts common.Options, width, height int) (*uitest.Host, *uitest.API) {
	t.Helper()
	api := uitest.NewAPI([]client.Dataset{ds})
	h := newDetailHost(t, api, opts, width, height)
	h.Press("enter")
	return h, api
}

// detailOf is the detail view on top.
func detailOf(h *uitest.Host) *detailModel {
	h.T.Helper()
	d, ok := h.Top().(*detailModel)
	if !ok {
		h.T.Fatalf("the view on top is %T, not the detail", h.Top())
	}
	return d
}

// budgetNews brings the budget as it stands now, as the root's own budget
// messages do; the host keeps it in the context.
type budgetNews struct{ budget client.Budget }

func (m budgetNews) BudgetSnapshot() client.Budget { return m.budget }

// shownNames lists the field (or line item) names of the active table in
// display order.
func shownNames(d *detailModel) []string {
	var names []string
	if d.tab == tabLines {
		for _, i := range d.lineRows.order {
			names = append(names, d.rv.lines.rows[i].cells[0].key)
		}
		return names
	}
	for _, i := range d.fieldRows.order {
		names = append(names, d.rv.fields[i].name)
	}
	return names
}

func selectedName(d *detailModel) string {
	i, _ := d.fieldRows.selected()
	return d.rv.fields[i].name
}

func lineWith(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// assertFits checks that a screen is exactly width x height cells.
func assertFits(t *testing.T, view string, width, height int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != height {
		t.Fatalf("%d lines at %dx%d, want %d:\n%s", len(lines), width, height, height, ansi.Strip(view))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != width {
			t.Fatalf("line %d is %d cells at %dx%d, want %d: %q", i, w, width, height, width, ansi.Strip(l))
		}
	}
}

// minWidth is the narrowest screen the root draws the views on
// (ui/screens.go); narrower, it says the terminal is too small.
const minWidth = 60

// The tallies of uitest.ReviewedInvoice (uitest keeps them unexported, in
// fixtures_detail.go, where no test can read them).
const (
	invoiceScored           = 26
	invoiceMatched          = 16 // 7 fields, 9 line-item cells
	invoiceMismatched       = 6  // vendor_name, total_amount, iban; unit_price #1, description #2, quantity #2
	invoiceMissing          = 4  // due_date, payment_terms, line item #3's two cells
	invoiceConfidentlyWrong = 2  // iban 0.96; line item #1's unit_price 0.92
)

// boltsDescription is line item #1's description in
// uitest.ReviewedInvoice: "Hex bolts M8 (box of 200)" as the fixture was
// written, "(Box of 200)" since the split's renaming (box → Box) reached
// into the string. Read from the fixture, the tests expect whichever it
// holds.
func boltsDescription() string {
	return uitest.ReviewedInvoice().LineItems[1].Fields[0].Value.String()
}

// scored is ground truth with its score, for uitest.WithReview.
func scored(name, truth string, score float64) uitest.Scored {
	return uitest.Scored{Name: name, Truth: truth, Score: score}
}
