package list

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/ui/internal/common"
)

// listModel is a lazily paginated table of datasets. It loads the first
// page when shown and the next one as the cursor nears the end of what is
// loaded. One list per query: the dashboard's list now, search results
// later.
type listModel struct {
	c       *common.Context
	id      int
	keys    listKeys
	filters common.Filters
	search  string

	store rowStore
	// checksGen is the checks' profile the rows' counts come from.
	checksGen uint32
	// askedStore are the ids whose stored detail was read for their
	// checks (storedchecks.go): each is read once.
	askedStore map[string]bool
	cache      rowCache
	layout     listLayout
	// layoutGen numbers the layouts (a width, an order, hidden columns):
	// a row cached for another is drawn again.
	layoutGen uint32
	// order and hidden are the columns as the user arranged them
	// (columnkeys.go); nil order: the default.
	order  []column
	hidden columnSet
	// header is the column header drawn for headerKey: it changes only
	// with the layout, the sort or the styles, not every frame.
	header    string
	headerKey headerKey

	width, height  int
	cursor, offset int    // display positions: selected row, first row on screen
	flash          string // feedback on the last command (an export), until the next key
	focused        bool

	paging pagingState
	poll   pollState
	// searches are the results of the searches started from this list,
	// kept for the session (searchcache.go); made on the first /.
	searches *searchCache

	// paints counts rows rendered afresh (cache misses): how tests and
	// benchmarks see that a cursor move does not re-render the page.
	paints int
	// storedAt is when the stored answer on screen was fetched, while the
	// server's fresh one is on its way (zero otherwise).
	storedAt time.Time
}

// maxRestarts stops a server that expires every cursor from making the
// list restart forever.
const maxRestarts = 2

func NewListModel(c *common.Context, filters common.Filters, search string) *listModel {
	l := &listModel{
		c:         c,
		id:        c.NewViewID(),
		keys:      newListKeys(),
		filters:   filters,
		search:    search,
		store:     newRowStore(),
		focused:   true,
		poll:      newPollState(),
		checksGen: c.ChecksGen(),
	}
	l.store.checks = c.FailedChecks
	l.restoreView()
	return l
}

func (l *listModel) Name() string      { return "list" }
func (l *listModel) Keys() help.KeyMap { return l.keys }
func (l *listModel) Init() tea.Cmd {
	return tea.Batch(l.startGeneration(true), l.storedSearchCmd())
}

func (l *listModel) Focus() tea.Cmd {
	l.focused = true
	return l.ensurePoll()
}

func (l *listModel) Blur() { l.focused = false }

// Closing: the list is the bottom view and never closes.
func (l *listModel) Closing() bool { return false }

// ID names this list: errors it reports are its own.
func (l *listModel) ID() int { return l.id }

// Busy: a page is loading, or a processing row is on screen; both spin.
func (l *listModel) Busy() bool {
	return l.paging.loading != nil || l.processingOnScreen()
}

func (l *listModel) SetSize(width, height int) {
	l.width, l.height = width, height
	if l.layout.width != width || l.layout.cols == nil {
		l.relayout()
	}
	l.clampScroll()
}

// rowsOnScreen is the height left for rows under the title and column
// header, above the footer.
func (l *listModel) rowsOnScreen() int { return max(l.height-3, 1) }

// screenEnd is the position after the last row on screen.
func (l *listModel) screenEnd() int { return min(l.offset+l.rowsOnScreen(), l.store.len()) }

func (l *listModel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return l.handleKey(msg)
	case tea.WindowSizeMsg:
		return l.afterMove() // SetSize has run: more rows may be on screen
	case tea.MouseClickMsg:
		return l.click(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			l.moveBy(-3)
		case tea.MouseWheelDown:
			l.moveBy(3)
		default:
			return nil
		}
		return l.afterMove()
	case pageMsg:
		if msg.list == l.id {
			return l.onPage(msg)
		}
	case pollTickMsg:
		if msg.list == l.id {
			return l.onPollTick()
		}
	case common.CatalogMsg:
		return l.onCatalog(msg)
	case storedSearchMsg:
		if msg.list == l.id {
			l.onStoredSearch(msg)
		}
	case common.CommandMsg:
		return l.command(msg.Command)
	case common.StoredDetailsMsg:
		if msg.Owner == l.id {
			l.onStoredChecks(msg)
		}
	case listExportedMsg:
		if msg.owner == l.id {
			l.onExported(msg)
		}
	case common.DatasetMsg:
		if msg.Err == nil {
			defer l.takeChecks(msg.ID)
		}
		if msg.Owner == l.id {
			return l.onPolled(msg)
		}
		if msg.Err == nil {
			// Another view fetched a dataset (the detail): its row here
			// takes the fresher data too.
			l.keepSelection(func() { l.store.update(msg.Dataset) })
		}
	}
	return nil
}

// takeChecks shows the checks of a dataset whose detail just arrived (the
// root stored it before passing the message on), or every row's when the
// checks' profile was rebuilt with it.
func (l *listModel) takeChecks(id string) {
	gen := l.c.ChecksGen()
	all := gen != l.checksGen
	l.checksGen = gen
	l.keepSelection(func() { l.store.refreshChecks(id, all) })
}

func (l *listModel) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	l.flash = ""
	k := l.keys
	if m, ok := k.MotionFor(msg, l.rowsOnScreen()); ok {
		l.apply(m)
		return l.afterMove()
	}
	switch {
	case key.Matches(msg, k.Open):
		if r, ok := l.selected(); ok {
			return common.Emit(common.OpenDatasetMsg{ID: r.ID, Summary: *r, Highlight: l.search, Entry: common.DetailEntry{Nav: l}})
		}
		return nil
	case key.Matches(msg, k.Sort):
		l.sortBy(l.store.sort.next())
		return tea.Batch(l.afterMove(), l.saveView())
	case key.Matches(msg, k.Reload):
		return l.reload()
	case key.Matches(msg, k.Copy):
		if r, ok := l.selected(); ok {
			// OSC 52: the terminal's clipboard, over ssh too.
			l.flash = "copied " + r.IDText
			return tea.SetClipboard(r.ID)
		}
		return nil
	case key.Matches(msg, k.Dismiss):
		return common.Emit(common.DismissErrorMsg{})
	default:
		if cmd, ok := l.handleColumnKey(msg); ok {
			return cmd
		}
		return l.handleFindKey(msg) // x; / f ctrl+f open views (opens)
	}
}

// afterMove runs after anything that changes what is on screen: fetch the
// next page if the end is near, and poll processing rows that came into
// view.
func (l *listModel) afterMove() tea.Cmd {
	return tea.Batch(l.prefetch(), l.ensurePoll(), l.readStoredChecks())
}

func (l *listModel) selected() (*common.Row, bool) {
	if l.cursor < 0 || l.cursor >= l.store.len() {
		return nil, false
	}
	return l.store.at(l.cursor), true
}

func (l *listModel) apply(m common.Motion) {
	switch {
	case m.To == common.ToTop:
		l.moveTo(0)
	case m.To == common.ToBottom:
		l.moveTo(l.store.len() - 1)
	case m.Paging:
		l.scrollBy(m.Rows)
	default:
		l.moveBy(m.Rows)
	}
}

func (l *listModel) moveBy(n int) { l.moveTo(l.cursor + n) }

func (l *listModel) moveTo(pos int) {
	l.cursor = pos
	l.clampScroll()
}

// scrollBy moves the cursor and the screen together, as PgDn does.
func (l *listModel) scrollBy(n int) {
	l.cursor += n
	l.offset += n
	l.clampScroll()
}

// clampScroll keeps the cursor on a loaded row and on screen.
func (l *listModel) clampScroll() {
	n, rows := l.store.len(), l.rowsOnScreen()
	l.cursor = min(max(l.cursor, 0), max(n-1, 0))
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
	l.offset = min(max(l.offset, 0), max(n-rows, 0))
}

// keepSelection runs change (which may reorder or replace rows) and then
// puts the cursor back on the same dataset, on the same screen line, if it
// is still loaded.
func (l *listModel) keepSelection(change func()) {
	var id string
	if r, ok := l.selected(); ok {
		id = r.ID
	}
	line := l.cursor - l.offset
	change()
	if pos, ok := l.store.position(id); ok && id != "" {
		l.cursor = pos
		l.offset = pos - line
	}
	l.clampScroll()
}

func (l *listModel) View() string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(l.height * l.width * 3)
	lines := 0
	// add writes one line; exact says it is known to be the screen's width
	// already (a cached row), so it need not be measured again.
	add := func(line string, exact bool) {
		if lines >= l.height-1 {
			return
		}
		if lines > 0 {
			b.WriteByte('\n')
		}
		if !exact {
			line = common.FitLine(line, l.width)
		}
		b.WriteString(line)
		lines++
	}
	add(l.titleLine(), false)
	add(l.headerLine(), false)
	if l.store.len() == 0 {
		for _, line := range l.emptyLines() {
			add(line, false)
		}
	}
	for pos, end := l.offset, l.screenEnd(); pos < end; pos++ {
		add(l.rowLine(pos))
	}
	for lines < l.height-1 {
		add("", false)
	}
	if lines > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(common.FitLine(l.footerLine(), l.width))
	return b.String()
}

// rowLine draws the row at pos, from the cache when nothing it shows has
// changed, and says whether the line is exactly the screen's width. The
// selected row is drawn from the cached plain text, so moving the cursor
// renders one line, not the page.
func (l *listModel) rowLine(pos int) (string, bool) {
	r := l.store.at(pos)
	frame := -1
	if r.Processing() {
		frame = l.c.Frame()
	}
	cached, ok := l.cache.Get(r.ID)
	if !ok || cached.version != r.Version || cached.styleGen != l.c.StyleGen ||
		cached.layout != l.layoutGen || cached.frame != frame {
		painter := rowPainter{layout: l.layout, st: l.c.Styles, th: l.c.Opts.Thresholds, frame: max(frame, 0), highlight: l.search}
		styled, plain := painter.paint(r)
		l.paints++
		cached = renderedRow{
			version: r.Version, styleGen: l.c.StyleGen, layout: l.layoutGen, frame: frame,
			styled: styled, plain: plain, exact: l.layout.total() == l.width,
		}
		l.cache.Put(r.ID, cached)
	}
	if pos != l.cursor {
		return cached.styled, cached.exact
	}
	st := l.c.Styles
	return st.Marker.Render(common.GlyphSelected) + st.Selected.Render(cached.plain[common.GutterWidth:]), cached.exact
}

// click selects the row clicked; a click on the selected row opens it.
// msg.Y counts from the list's first line (its title).
func (l *listModel) click(msg tea.MouseClickMsg) tea.Cmd {
	if msg.Button != tea.MouseLeft {
		return nil
	}
	if msg.Y == 1 {
		return l.clickHeader(msg.X)
	}
	line := msg.Y - 2 // under the title and the column header
	pos := l.offset + line
	if line < 0 || line >= l.rowsOnScreen() || pos >= l.store.len() {
		return nil
	}
	if pos == l.cursor {
		return l.handleKey(tea.KeyPressMsg{Code: tea.KeyEnter})
	}
	l.moveTo(pos)
	return l.afterMove()
}
