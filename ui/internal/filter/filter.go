package filter

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// filterModel is the filter panel, drawn over the view that opened it:
// customer_id typed (with the customers seen so far suggested), the
// dataset type and is_verified chosen. enter applies the filters to that
// view; esc leaves everything as it was.
type filterModel struct {
	c     *common.Context
	under common.View // drawn faintly behind the panel
	keys  filterKeys
	apply func(common.Filters) tea.Cmd
	focus filterField

	customer  common.StyledInput
	customers []string // seen, sorted
	// suggestions are the customers that match what was typed, best
	// first; tab takes them in turn, starting at next.
	suggestions []string
	next        int

	types    []string // "" (any), invoice, purchase_order, then any other seen
	typeAt   int
	verified int8 // as in filterKey: 0 any, 1 true, -1 false

	width, height int
	closed        bool // the root closes the panel after the key that set it
}

type filterField int

const (
	fieldCustomer filterField = iota
	fieldType
	fieldVerified
	filterFieldCount
)

func NewFilterModel(c *common.Context, under common.View, current common.Filters, seen SeenValues, apply func(common.Filters) tea.Cmd) *filterModel {
	seen.AddFilters(current)
	f := &filterModel{
		c:         c,
		under:     under,
		keys:      newFilterKeys(),
		apply:     apply,
		customer:  common.NewStyledInput(c, "", "any customer"),
		customers: sortedKeys(seen.customers),
		types:     typeChoices(seen.types),
		verified:  common.FilterKeyOf(current).Verified,
	}
	f.customer.SetValue(current.CustomerID)
	f.customer.CursorEnd()
	f.customer.Focus()
	f.typeAt = max(slices.Index(f.types, current.DatasetType), 0)
	f.suggest()
	return f
}

// typeChoices are "any", the two types the API names, then the others
// seen, in order.
func typeChoices(seen map[string]bool) []string {
	choices := []string{"", client.TypeInvoice, client.TypePurchaseOrder}
	for _, t := range sortedKeys(seen) {
		if !slices.Contains(choices, t) {
			choices = append(choices, t)
		}
	}
	return choices
}

func (f *filterModel) Name() string      { return "filters" }
func (f *filterModel) Keys() help.KeyMap { return f.keys }
func (f *filterModel) Init() tea.Cmd     { return nil }
func (f *filterModel) Focus() tea.Cmd    { return nil }
func (f *filterModel) Blur()             {}
func (f *filterModel) Closing() bool     { return f.closed }

// Busy: the view behind may be loading, and its spinner shows through.
func (f *filterModel) Busy() bool { return f.under.Busy() }

// CapturesText: letters are the customer id while that field has focus.
func (f *filterModel) CapturesText() bool { return f.focus == fieldCustomer }

func (f *filterModel) SetSize(width, height int) {
	f.width, f.height = width, height
	f.customer.SetWidth(max(panelWidth(width)-4-panelLabelWidth-1, 1)) // the cursor takes a cell more
}

func (f *filterModel) Update(msg tea.Msg) tea.Cmd {
	if paste, ok := msg.(tea.PasteMsg); ok && f.focus == fieldCustomer {
		return f.editCustomer(paste) // nothing covers the panel while it has focus
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil // the view behind gets its answers from the root
	}
	switch {
	case key.Matches(k, f.keys.Apply):
		f.closed = true
		return f.apply(f.chosen())
	case key.Matches(k, f.keys.Cancel):
		f.closed = true
		return nil
	case key.Matches(k, f.keys.Complete):
		if f.focus == fieldCustomer && len(f.suggestions) > 0 {
			f.complete()
			return nil
		}
		f.moveFocus(1)
	case key.Matches(k, f.keys.Next):
		f.moveFocus(1)
	case key.Matches(k, f.keys.Prev):
		f.moveFocus(-1)
	case f.focus == fieldCustomer:
		return f.editCustomer(k)
	case key.Matches(k, f.keys.Change):
		f.cycle(1)
	case key.Matches(k, f.keys.ChangeBack):
		f.cycle(-1)
	}
	return nil
}

func (f *filterModel) editCustomer(msg tea.Msg) tea.Cmd {
	cmd, changed := f.customer.HandleInput(msg)
	if changed {
		f.suggest()
	}
	return cmd
}

func (f *filterModel) moveFocus(by int) {
	n := int(filterFieldCount)
	f.focus = filterField((int(f.focus) + by + n) % n)
	if f.focus == fieldCustomer {
		f.customer.Focus()
	} else {
		f.customer.Blur()
	}
}

// cycle steps the focused choice: type through its choices, verified
// through any, yes, no.
func (f *filterModel) cycle(by int) {
	switch f.focus {
	case fieldType:
		n := len(f.types)
		f.typeAt = (f.typeAt + by + n) % n
	case fieldVerified:
		order := []int8{0, 1, -1}
		at := slices.Index(order, f.verified)
		f.verified = order[(at+by+len(order))%len(order)]
	}
}

// suggest lists the customers matching what was typed: those it begins
// first, then those it appears in, each group in order.
func (f *filterModel) suggest() {
	typed := strings.ToLower(common.InputValue(f.customer.Model))
	var starts, contains []string
	for _, c := range f.customers {
		lc := strings.ToLower(c)
		switch {
		case lc == typed:
		case strings.HasPrefix(lc, typed):
			starts = append(starts, c)
		case strings.Contains(lc, typed):
			contains = append(contains, c)
		}
	}
	f.suggestions = append(starts, contains...)
	f.next = 0
}

// complete takes the next suggestion; the list stays as it was for what
// was typed, so tab again takes the one after.
func (f *filterModel) complete() {
	f.customer.SetValue(f.suggestions[f.next])
	f.customer.CursorEnd()
	f.next = (f.next + 1) % len(f.suggestions)
}

func (f *filterModel) chosen() common.Filters {
	out := common.FilterKey{
		CustomerID:  common.InputValue(f.customer.Model),
		DatasetType: f.types[f.typeAt],
		Verified:    f.verified,
	}
	return out.AsFilters()
}

// filterKeys are the filter panel's keys.
type filterKeys struct {
	Next       key.Binding
	Prev       key.Binding
	Complete   key.Binding
	Change     key.Binding
	ChangeBack key.Binding
	Apply      key.Binding
	Cancel     key.Binding
	// Fields and Choices are the status bar's summaries.
	Fields  key.Binding
	Choices key.Binding
}

func newFilterKeys() filterKeys {
	return filterKeys{
		Next:       key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next field")),
		Prev:       key.NewBinding(key.WithKeys("up", "shift+tab"), key.WithHelp("↑/shift+tab", "previous field")),
		Complete:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete / next")),
		Change:     key.NewBinding(key.WithKeys("right", "space", "l"), key.WithHelp("→/space", "next choice")),
		ChangeBack: key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←", "previous choice")),
		Apply:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Fields:     key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "field")),
		Choices:    key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←→", "choose")),
	}
}

func (k filterKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Fields, k.Choices, k.Complete, k.Apply, k.Cancel}
}

func (k filterKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev, k.Complete}, {k.Change, k.ChangeBack, k.Apply, k.Cancel}}
}
