package statsview

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/stats"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// statsKeys are the stats view's keys. g cycles the grouping here, so the
// top of a table is home only.
type statsKeys struct {
	Up, Down, PageDown, PageUp, Top, Bottom key.Binding
	NextMode, PrevMode, Modes               key.Binding
	Group, Open, Back                       key.Binding
	Raise, Lower, Export, LoadMore, Retry   key.Binding
	TypeThreshold, Apply, Cancel            key.Binding // t, and the input it opens
	Move                                    key.Binding // the status bar's summary of ↑↓
	Step                                    key.Binding // the status bar's summary of + and −
}

func newStatsKeys() statsKeys {
	return statsKeys{
		Up:            key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:          key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageDown:      key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		PageUp:        key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		Top:           key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "top")),
		Bottom:        key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		NextMode:      key.NewBinding(key.WithKeys("right", "l", "tab"), key.WithHelp("→/tab", "next table")),
		PrevMode:      key.NewBinding(key.WithKeys("left", "h", "shift+tab"), key.WithHelp("←", "previous table")),
		Modes:         key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-5", "table")),
		Group:         key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "grouping")),
		Open:          key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:          key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Raise:         key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "threshold +0.05")),
		Lower:         key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "threshold −0.05")),
		TypeThreshold: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "type threshold")),
		Apply:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Step:          key.NewBinding(key.WithKeys("+", "-"), key.WithHelp("+/−", "by 0.05")),
		Export:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export CSV")),
		LoadMore:      key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "load next page")),
		Retry:         key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry failed")),
		Move:          key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "move")),
	}
}

// statsHelp is the help for the table on screen: the what-if's hints are
// its threshold keys, in place of g and enter, which do nothing there.
type statsHelp struct {
	k    statsKeys
	mode statsMode
}

// ShortHelp offers only what works in the mode shown: g where there is a
// grouping, enter where a row opens, the threshold keys in what-if.
func (h statsHelp) ShortHelp() []key.Binding {
	k := h.k
	if h.mode == modeWhatIf {
		// The threshold keys first: on a narrow screen the budget
		// leaves room for only a few hints.
		return []key.Binding{k.Back, k.TypeThreshold, k.Step, k.Modes, k.Export, k.LoadMore}
	}
	hints := []key.Binding{k.Back, k.Modes}
	if h.groups() {
		hints = append(hints, k.Group)
	}
	if h.opens() {
		hints = append(hints, k.Open)
	}
	return append(hints, k.Export, k.LoadMore)
}

// FullHelp lists every key, the ones of other modes too (help is where a
// reviewer learns them), marking where they work.
func (h statsHelp) FullHelp() [][]key.Binding {
	k := h.k
	return [][]key.Binding{
		{k.Up, k.Down, k.PageDown, k.PageUp, k.Top, k.Bottom},
		{k.NextMode, k.PrevMode, k.Modes, k.Group, k.Open, k.Back},
		{k.Raise, k.Lower, k.TypeThreshold, k.Export, k.LoadMore, k.Retry},
	}
}

// groups: g changes this mode's grouping.
func (h statsHelp) groups() bool { return h.mode == modeGroups || h.mode == modeCalibration }

// opens: enter opens a row of this mode (a field's failures, a dataset).
func (h statsHelp) opens() bool { return h.mode == modeFields || h.mode == modeConfidentlyWrong }

func (s *statsModel) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	s.flash = ""
	k, page := s.keys, s.tableRows()
	switch {
	case key.Matches(msg, k.Back):
		if s.drill != nil {
			s.cursor = s.drill.cursor
			s.drill = nil
			s.rebuild()
			return nil
		}
		return s.close()
	case key.Matches(msg, k.Up):
		s.moveBy(-1)
	case key.Matches(msg, k.Down):
		s.moveBy(1)
	case key.Matches(msg, k.PageDown):
		s.moveBy(page)
	case key.Matches(msg, k.PageUp):
		s.moveBy(-page)
	case key.Matches(msg, k.Top):
		s.moveTo(0)
	case key.Matches(msg, k.Bottom):
		s.moveTo(len(s.table.rows) - 1)
	case key.Matches(msg, k.NextMode):
		s.setMode((s.mode + 1) % statsModeCount)
	case key.Matches(msg, k.PrevMode):
		s.setMode((s.mode + statsModeCount - 1) % statsModeCount)
	case key.Matches(msg, k.Modes):
		s.setMode(statsMode(msg.String()[0] - '1'))
	case key.Matches(msg, k.Group):
		s.cycleGrouping()
	case key.Matches(msg, k.Open):
		return s.open()
	case key.Matches(msg, k.Raise):
		s.moveThreshold(1)
	case key.Matches(msg, k.Lower):
		s.moveThreshold(-1)
	case key.Matches(msg, k.TypeThreshold):
		return s.openThresholdInput()
	case key.Matches(msg, k.Export):
		return s.export()
	case key.Matches(msg, k.LoadMore):
		return s.loadMore()
	case key.Matches(msg, k.Retry):
		return s.retry()
	}
	return nil
}

func (s *statsModel) setMode(m statsMode) {
	if m == s.mode && s.drill == nil {
		return
	}
	s.mode, s.drill, s.cursor, s.offset = m, nil, 0, 0
	s.rebuild()
}

// cycleGrouping is g: customer or type in the grouped table, all fields
// or per field in calibration.
func (s *statsModel) cycleGrouping() {
	switch s.mode {
	case modeGroups:
		s.grouping = 1 - s.grouping
	case modeCalibration:
		s.perField = !s.perField
	default:
		s.flash = "g groups the customer/type and calibration tables"
		return
	}
	s.cursor, s.offset = 0, 0
	s.rebuild()
}

// open is enter: per field, the datasets where the field failed; from
// those, and from the confidently wrong list, the dataset at that field.
func (s *statsModel) open() tea.Cmd {
	var target *openTarget
	switch {
	case s.drill != nil:
		if s.cursor < len(s.drill.obs) {
			target = s.targetOf(&s.drill.obs[s.cursor])
		}
	case s.mode == modeFields:
		if s.cursor < len(s.report.Fields) {
			field := s.report.Fields[s.cursor].Field
			s.drill = &statsDrill{field: field, obs: stats.Failures(s.report.Observations, field), cursor: s.cursor}
			s.cursor, s.offset = 0, 0
			s.rebuild()
		}
		return nil
	case s.mode == modeConfidentlyWrong:
		if s.cursor < len(s.report.ConfidentlyWrong) {
			target = s.targetOf(&s.report.ConfidentlyWrong[s.cursor])
		}
	}
	if target == nil {
		return nil
	}
	return common.Emit(common.OpenDatasetMsg{ID: target.id, Summary: target.summary, Entry: common.DetailEntry{Field: target.key}})
}

type openTarget struct {
	id, key string
	summary common.Row
}

func (s *statsModel) targetOf(o *stats.Observation) *openTarget {
	ds := &s.data[o.Dataset]
	sum, ok := s.summary[ds.ID]
	if !ok {
		sum = common.NewRow(*ds)
	}
	return &openTarget{id: ds.ID, key: o.Key, summary: sum}
}

func (s *statsModel) moveBy(n int) { s.moveTo(s.cursor + n) }

func (s *statsModel) moveTo(pos int) {
	s.cursor = pos
	s.clamp()
}

func (s *statsModel) clamp() {
	n, rows := len(s.table.rows), s.tableRows()
	s.cursor = min(max(s.cursor, 0), max(n-1, 0))
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+rows {
		s.offset = s.cursor - rows + 1
	}
	s.offset = min(max(s.offset, 0), max(n-rows, 0))
}
