package list

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// quickFilterModel filters the rows a list has already loaded, as you
// type, without a request: fuzzy over document name, id and customer, the
// best matches first. It covers the list; esc clears it and shows the
// list exactly as it was.
type quickFilterModel struct {
	c      *common.Context
	src    quickSource // the list whose rows are filtered; read, never changed
	keys   quickFilterKeys
	input  common.StyledInput
	typing bool // the input has the keys; otherwise the matches do

	matcher quickMatcher
	matches []int32 // display positions in src, best first
	// failedChecks keeps only the rows with failed consistency checks
	// (c on the list); own holds those matches.
	failedChecks bool
	own          []int32
	// sig is the state of src's rows that matches were computed over.
	sig storeSignature

	width, height  int
	cursor, offset int
	closed         bool // the root closes the view after the key that set it
}

// quickSource is the list a quick filter narrows: its rows, the columns it
// lays them out in, what they answer, and whether every page is in.
type quickSource interface {
	rows() *rowStore
	columns() listLayout
	Query() (common.Filters, string)
	Progress() common.Progress
	// reveal selects the row with id, bringing it on screen.
	reveal(id string)
}

func newQuickFilterModel(c *common.Context, src quickSource) *quickFilterModel {
	q := &quickFilterModel{
		c:      c,
		src:    src,
		keys:   newQuickFilterKeys(),
		input:  common.NewStyledInput(c, "filter ", "document, id or customer, fuzzy"),
		typing: true,
	}
	q.input.Focus()
	q.refilter()
	return q
}

// newFailedChecksFilter is the quick filter over the loaded rows with
// failed checks, the fuzzy match on top.
func newFailedChecksFilter(c *common.Context, src quickSource) *quickFilterModel {
	q := newQuickFilterModel(c, src)
	q.failedChecks = true
	q.input = common.NewStyledInput(c, common.GlyphMismatch+" failed checks · filter ", "document, id or customer, fuzzy")
	q.input.Focus()
	q.refilter()
	return q
}

func (q *quickFilterModel) Name() string       { return "quick filter" }
func (q *quickFilterModel) Init() tea.Cmd      { return nil }
func (q *quickFilterModel) Focus() tea.Cmd     { return nil }
func (q *quickFilterModel) Blur()              {}
func (q *quickFilterModel) CapturesText() bool { return q.typing }
func (q *quickFilterModel) Closing() bool      { return q.closed }

func (q *quickFilterModel) Keys() help.KeyMap {
	if q.typing {
		return quickTypingKeys{q.keys}
	}
	return quickBrowseKeys{q.keys}
}

// Busy: a processing row among the matches on screen spins.
func (q *quickFilterModel) Busy() bool {
	for _, pos := range q.visible() {
		if q.src.rows().at(int(pos)).Processing() {
			return true
		}
	}
	return false
}

func (q *quickFilterModel) SetSize(width, height int) {
	q.width, q.height = width, height
	q.clampScroll()
}

// rowsOnScreen: the input line, the column header and the footer take
// three lines.
func (q *quickFilterModel) rowsOnScreen() int { return max(q.height-3, 1) }

func (q *quickFilterModel) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if q.typing {
			cmd = q.handleTypingKey(msg)
		} else {
			cmd = q.handleBrowseKey(msg)
		}
	case tea.PasteMsg:
		if q.typing { // then nothing covers this view
			cmd = q.edit(msg)
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			q.moveTo(q.cursor - 3)
		case tea.MouseWheelDown:
			q.moveTo(q.cursor + 3)
		}
	}
	// The list below took any answer first (the root hands messages to the
	// stack from the bottom): if its rows changed, filter them again.
	if signatureOf(q.src.rows()) != q.sig {
		q.keepSelection(q.refilter)
	}
	return cmd
}

func (q *quickFilterModel) handleTypingKey(msg tea.KeyPressMsg) tea.Cmd {
	k := q.keys
	switch {
	case key.Matches(msg, k.Close):
		return q.close()
	case key.Matches(msg, k.Browse):
		if len(q.matches) > 0 {
			q.typing = false
			q.input.Blur()
		}
		return nil
	case key.Matches(msg, k.Up):
		q.moveTo(q.cursor - 1)
		return nil
	case key.Matches(msg, k.Down):
		q.moveTo(q.cursor + 1)
		return nil
	}
	return q.edit(msg)
}

// edit hands a key or a paste to the input and filters again if the
// pattern changed.
func (q *quickFilterModel) edit(msg tea.Msg) tea.Cmd {
	cmd, changed := q.input.HandleInput(msg)
	if changed {
		q.refilter()
		q.moveTo(0)
	}
	return cmd
}

func (q *quickFilterModel) handleBrowseKey(msg tea.KeyPressMsg) tea.Cmd {
	k, page := q.keys, q.rowsOnScreen()
	switch {
	case key.Matches(msg, k.Close):
		return q.close()
	case key.Matches(msg, k.Edit):
		q.typing = true
		return q.input.Focus()
	case key.Matches(msg, k.Open):
		if q.cursor < len(q.matches) {
			r := q.src.rows().at(int(q.matches[q.cursor]))
			_, search := q.src.Query()
			return common.Emit(common.OpenDatasetMsg{ID: r.ID, Summary: *r, Highlight: search})
		}
	case key.Matches(msg, k.move.Up):
		q.moveTo(q.cursor - 1)
	case key.Matches(msg, k.move.Down):
		q.moveTo(q.cursor + 1)
	case key.Matches(msg, k.move.HalfDown):
		q.moveTo(q.cursor + page/2)
	case key.Matches(msg, k.move.HalfUp):
		q.moveTo(q.cursor - page/2)
	case key.Matches(msg, k.move.PageDown):
		q.moveTo(q.cursor + page)
	case key.Matches(msg, k.move.PageUp):
		q.moveTo(q.cursor - page)
	case key.Matches(msg, k.move.Top):
		q.moveTo(0)
	case key.Matches(msg, k.move.Bottom):
		q.moveTo(len(q.matches) - 1)
	}
	return nil
}

// refilter matches the pattern typed against the rows loaded now.
func (q *quickFilterModel) refilter() {
	q.matches = q.matcher.filter(q.src.rows(), common.InputValue(q.input.Model))
	if q.failedChecks {
		// Over the matcher's slice, which it reuses when the pattern grows.
		q.own = q.own[:0]
		for _, pos := range q.matches {
			if r := q.src.rows().at(int(pos)); r.Has(common.HasChecks) && r.Checks > 0 {
				q.own = append(q.own, pos)
			}
		}
		q.matches = q.own
	}
	q.sig = signatureOf(q.src.rows())
	q.clampScroll()
}

// keepSelection runs change and puts the cursor back on the same dataset
// if it still matches.
func (q *quickFilterModel) keepSelection(change func()) {
	id := ""
	if q.cursor < len(q.matches) {
		id = q.src.rows().at(int(q.matches[q.cursor])).ID
	}
	change()
	for i, pos := range q.matches {
		if q.src.rows().at(int(pos)).ID == id {
			q.moveTo(i)
			return
		}
	}
}

func (q *quickFilterModel) moveTo(i int) {
	q.cursor = i
	q.clampScroll()
}

func (q *quickFilterModel) clampScroll() {
	n, rows := len(q.matches), q.rowsOnScreen()
	q.cursor = min(max(q.cursor, 0), max(n-1, 0))
	if q.cursor < q.offset {
		q.offset = q.cursor
	}
	if q.cursor >= q.offset+rows {
		q.offset = q.cursor - rows + 1
	}
	q.offset = min(max(q.offset, 0), max(n-rows, 0))
}

// visible are the matches on screen.
func (q *quickFilterModel) visible() []int32 {
	end := min(q.offset+q.rowsOnScreen(), len(q.matches))
	return q.matches[min(q.offset, end):end]
}

func (q *quickFilterModel) View() string {
	if q.width <= 0 || q.height <= 0 {
		return ""
	}
	st, rows, layout := q.c.Styles, q.src.rows(), q.src.columns()
	_, search := q.src.Query()
	count := st.Dim.Render(fmt.Sprintf("%d of %d loaded rows · no request", len(q.matches), rows.len()))
	// The input takes what the count leaves: it scrolls rather than push
	// the count off the line.
	q.input.SetWidth(max(q.width-ansi.StringWidth(q.input.Prompt)-ansi.StringWidth(count)-4, 1))
	lines := []string{
		common.JoinRight(" "+q.input.Render(q.c), count+" ", q.width),
		layout.header(st, rows.sort),
	}
	frame := q.c.Frame()
	painter := rowPainter{layout: layout, st: st, th: q.c.Opts.Thresholds, frame: frame, highlight: search,
		fuzzy: common.InputValue(q.input.Model)}
	for i, pos := range q.visible() {
		styled, plain := painter.paint(rows.at(int(pos)))
		if q.offset+i == q.cursor {
			styled = st.Marker.Render(common.GlyphSelected) + st.Selected.Render(plain[common.GutterWidth:])
		}
		lines = append(lines, styled)
	}
	if len(q.matches) == 0 {
		lines = append(lines, "", " "+st.Dim.Render(q.emptyText()))
	}
	for len(lines) < q.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:q.height-1], " "+st.Dim.Render(q.footerText()))
	return common.FitLines(lines, q.width, q.height)
}

func (q *quickFilterModel) emptyText() string {
	if q.src.rows().len() == 0 {
		return "no rows loaded yet"
	}
	pattern := strconv.Quote(termtext.Sanitize(common.InputValue(q.input.Model)))
	if q.failedChecks {
		return "no loaded row with failed checks matches " + pattern +
			" · checks are known once a dataset's detail is loaded (opened, or by the stats)"
	}
	return "no loaded row matches " + pattern + " · esc clears the filter"
}

func (q *quickFilterModel) footerText() string {
	if q.src.Progress().Complete {
		return "filtering every row of the list"
	}
	return "filtering the rows loaded so far · to search them all: esc, then /"
}

// quickFilterKeys are the quick filter's keys.
type quickFilterKeys struct {
	move   common.MoveKeys
	Up     key.Binding // while typing: arrows only, letters are text
	Down   key.Binding
	Browse key.Binding
	Edit   key.Binding
	Open   key.Binding
	Close  key.Binding
}

func newQuickFilterKeys() quickFilterKeys {
	return quickFilterKeys{
		move:   common.NewMoveKeys(),
		Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
		Browse: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "browse matches")),
		Edit:   key.NewBinding(key.WithKeys("ctrl+f", "/"), key.WithHelp("ctrl+f", "edit filter")),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Close:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
	}
}

// quickTypingKeys is the help while the pattern has focus.
type quickTypingKeys struct{ k quickFilterKeys }

func (m quickTypingKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.k.move.Move, m.k.Browse, m.k.Close}
}

func (m quickTypingKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.k.Up, m.k.Down, m.k.Browse, m.k.Close}}
}

// quickBrowseKeys is the help while the matches have focus.
type quickBrowseKeys struct{ k quickFilterKeys }

func (m quickBrowseKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.k.move.Move, m.k.Open, m.k.Edit, m.k.Close}
}

func (m quickBrowseKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.k.move.Column(), {m.k.Open, m.k.Edit, m.k.Close}}
}

// close is esc: the filter goes, and the row selected in it stays selected
// in the list.
func (q *quickFilterModel) close() tea.Cmd {
	q.closed = true
	if common.InputValue(q.input.Model) != "" && q.cursor < len(q.matches) {
		q.src.reveal(q.src.rows().at(int(q.matches[q.cursor])).ID)
	}
	return nil
}
