package list

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/filter"
	"github.com/dxdash/dxdash/ui/internal/statsview"
)

// searchModel is the search: an input on the top line and, under it, the
// results of the query combined with the filters, in a list of their own.
// While the query is empty the list the search started from shows under
// the input, as it is. Typing searches after a pause (searchDebounce);
// enter searches at once and gives the results the keys. Results are
// cached for the session per (query, filters), so a query answered before
// shows its rows again without a request.
type searchModel struct {
	c      *common.Context
	id     int
	parent searchBase // the list the search started from; it stays below on the stack
	// cache holds the session's results, per (query, filters); it outlives
	// this view, so a query answered before costs no request.
	cache  *searchCache
	keys   searchKeys
	input  common.StyledInput
	typing bool // the input has the keys; otherwise the results do

	filters common.Filters
	results *listModel // what shown names; nil while nothing is shown
	shown   searchKey
	// pending numbers the newest debounce; a searchDebounceMsg for any
	// other is a pause that typing has since interrupted.
	pending uint64

	width, height int
	closed        bool // the root closes the view after the key that set it
}

// searchDebounce is the pause in typing after which the query is sent:
// long enough that typing at speed sends nothing, short enough to feel
// live.
const searchDebounce = 300 * time.Millisecond

// searchDebounceMsg says typing paused on query.
type searchDebounceMsg struct {
	search int // the search view that asked
	gen    uint64
	query  string
}

const searchPlaceholder = "an invoice number, a vendor, an amount… (extracted values)"

// searchBase is the list a search starts from: shown under the input while
// the query is empty, its rows offered to the filter panel.
type searchBase interface {
	View() string
	Busy() bool
	Query() (common.Filters, string)
	seen() filter.SeenValues
	PaletteValues() common.PaletteValues
}

func newSearchModel(c *common.Context, parent searchBase, cache *searchCache) *searchModel {
	filters, _ := parent.Query()
	s := &searchModel{
		c:       c,
		id:      c.NewViewID(),
		parent:  parent,
		cache:   cache,
		keys:    newSearchKeys(),
		input:   common.NewStyledInput(c, "/ ", searchPlaceholder),
		typing:  true,
		filters: filters,
	}
	s.input.Focus()
	return s
}

func (s *searchModel) Name() string       { return "search" }
func (s *searchModel) Init() tea.Cmd      { return nil }
func (s *searchModel) CapturesText() bool { return s.typing }

func (s *searchModel) Keys() help.KeyMap {
	if s.typing {
		k := s.keys
		if s.results == nil {
			k.Leave.SetHelp("esc", "cancel")
		} else {
			k.Leave.SetHelp("esc", "to the results")
		}
		return searchTypingKeys{k}
	}
	return searchResultKeys{s.keys}
}

func (s *searchModel) Busy() bool {
	if s.results != nil {
		return s.results.Busy()
	}
	return s.parent.Busy()
}

func (s *searchModel) Focus() tea.Cmd {
	if s.results != nil {
		return s.results.Focus()
	}
	return nil
}

func (s *searchModel) Blur() {
	if s.results != nil {
		s.results.Blur()
	}
}

func (s *searchModel) SetSize(width, height int) {
	s.width, s.height = width, height
	if s.results != nil {
		s.results.SetSize(width, s.resultsHeight())
	}
	s.sizeInput()
}

// resultsHeight: the input takes the top line.
func (s *searchModel) resultsHeight() int { return max(s.height-1, 1) }

// sizeInput leaves room on the input line for the filters on its right.
func (s *searchModel) sizeInput() {
	right := ansi.StringWidth(common.DescribeFilters(s.filters))
	s.input.SetWidth(max(s.width-1-ansi.StringWidth(s.input.Prompt)-right-3, 1))
}

func (s *searchModel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if s.typing {
			return s.handleTypingKey(msg)
		}
		return s.handleResultsKey(msg)
	case tea.PasteMsg:
		// While typing, this view is on top: nothing opens over the input.
		if s.typing {
			return s.edit(msg)
		}
		return nil
	case tea.MouseClickMsg:
		if s.results != nil && !s.typing {
			msg.Y-- // the input's line is above the results
			return s.results.Update(msg)
		}
		return nil
	case common.CommandMsg:
		if f, ok := filtersFor(msg.Command, s.filters); ok {
			return s.applyFilters(f)
		}
	case searchDebounceMsg:
		if msg.search == s.id && msg.gen == s.pending {
			return s.show(msg.query)
		}
		return nil
	}
	// Answers, ticks, the mouse: the list on screen takes them. A parked
	// list gets nothing, and wants nothing: it takes a new id when shown
	// again.
	if s.results != nil {
		return s.results.Update(msg)
	}
	return nil
}

func (s *searchModel) handleTypingKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.keys.Submit):
		s.pending++ // a pause still on its way has nothing to add
		query := common.InputValue(s.input.Model)
		if query == "" {
			return s.close() // the empty query is the list itself
		}
		cmd := s.show(query)
		s.focusResults()
		return cmd
	case key.Matches(msg, s.keys.Leave):
		s.pending++
		if s.results == nil {
			return s.close()
		}
		// Back to the results on screen; the input says what they are.
		s.input.SetValue(s.shown.query)
		s.focusResults()
		return nil
	}
	return s.edit(msg)
}

// edit hands a key or a paste to the input; a changed query is searched
// once typing pauses.
func (s *searchModel) edit(msg tea.Msg) tea.Cmd {
	cmd, changed := s.input.HandleInput(msg)
	if !changed {
		return cmd
	}
	s.pending++
	return tea.Batch(cmd, searchDebounceCmd(s, common.InputValue(s.input.Model)))
}

func searchDebounceCmd(s *searchModel, query string) tea.Cmd {
	msg := searchDebounceMsg{search: s.id, gen: s.pending, query: query}
	return common.TimerCmd(s.c.Ctx, searchDebounce, func(time.Time) tea.Msg { return msg })
}

func (s *searchModel) handleResultsKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.keys.Back):
		return s.close()
	case key.Matches(msg, s.keys.Edit):
		s.typing = true
		s.input.CursorEnd()
		return s.input.Focus()
	case key.Matches(msg, s.keys.Clear):
		return s.applyFilters(common.Filters{})
	}
	return s.results.Update(msg)
}

// Opens: f opens the filter panel for the search, ctrl+f the quick filter
// over the results, S or tab the accuracy stats over the results.
func (s *searchModel) Opens(msg tea.KeyPressMsg) common.View {
	switch {
	case s.typing || s.results == nil:
		return nil
	case key.Matches(msg, s.keys.Filter):
		return filter.NewFilterModel(s.c, s, s.filters, s.seen(), s.applyFilters)
	case key.Matches(msg, s.keys.QuickFilter):
		return newQuickFilterModel(s.c, s.results)
	case key.Matches(msg, s.keys.list.Stats):
		return statsview.NewStatsModel(s.c, s.results)
	}
	return nil
}

func (s *searchModel) focusResults() {
	s.typing = false
	s.input.Blur()
}

// close returns to the list the search started from. The results stay in
// the cache, parked: nothing of theirs is in flight once this view is gone.
func (s *searchModel) close() tea.Cmd {
	if s.results != nil && !s.results.park() {
		s.cache.drop(s.shown)
	}
	s.closed = true
	return nil
}

func (s *searchModel) Closing() bool { return s.closed }

// PaletteValues: the results' values while there are results, else the
// list's beneath.
func (s *searchModel) PaletteValues() common.PaletteValues {
	if s.results != nil {
		return s.results.PaletteValues()
	}
	return s.parent.PaletteValues()
}

// Owns says whether view id is this search or the results it shows: their
// errors close with it.
func (s *searchModel) Owns(id int) bool {
	return id == s.id || s.results != nil && id == s.results.id
}

// applyFilters shows the current query under new filters: cached results
// if this combination was seen, else a new request; either way, the
// request in flight for the old filters is cancelled.
func (s *searchModel) applyFilters(f common.Filters) tea.Cmd {
	s.filters = f
	s.sizeInput()
	return s.show(s.shown.query)
}

// show puts the results for query under the current filters on screen:
// nothing to do if they are already there, the cached list if the session
// has one, a request otherwise.
func (s *searchModel) show(query string) tea.Cmd {
	k := searchKey{query: query, filters: common.FilterKeyOf(s.filters)}
	if s.results != nil && k == s.shown {
		return nil
	}
	cache := s.cache
	if s.results != nil && !s.results.park() {
		cache.drop(s.shown)
	}
	s.results, s.shown = nil, k
	if query == "" {
		if !s.typing {
			s.focusInput()
		}
		return nil
	}
	if l, ok := cache.Get(k); ok {
		l.revive()
		s.setResults(l)
		return l.Focus()
	}
	l := NewListModel(s.c, k.filters.AsFilters(), query)
	cache.Put(k, l)
	s.setResults(l)
	return l.Init()
}

func (s *searchModel) focusInput() {
	s.typing = true
	s.input.Focus()
}

func (s *searchModel) setResults(l *listModel) {
	s.results = l
	l.SetSize(s.width, s.resultsHeight())
}

// seen gathers the customers and types of every row on hand, for the
// filter panel's suggestions.
func (s *searchModel) seen() filter.SeenValues {
	seen := s.parent.seen()
	if s.results != nil {
		seen.AddRows(s.results.store.rows)
	}
	return seen
}

func (s *searchModel) View() string {
	if s.width <= 0 || s.height <= 0 {
		return ""
	}
	if s.results != nil {
		return common.FitLine(" "+s.input.Render(s.c), s.width) + "\n" + s.results.View()
	}
	// The list's title line gives way to the input: its filters go on the
	// input's line.
	top := common.JoinRight(" "+s.input.Render(s.c), s.c.Styles.Dim.Render(common.DescribeFilters(s.filters))+" ", s.width)
	// Nothing searched: the list itself, under the input in place of its
	// title line.
	_, body, _ := strings.Cut(s.parent.View(), "\n")
	return top + "\n" + body
}
