package statsview

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/stats"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// statsModel is the accuracy analytics over the verified, complete
// datasets loaded in the list it was opened from (so the list's filters and
// search apply). It needs every such dataset in full: it takes what the
// shared cache has and fetches the rest one at a time with the normal
// GetDataset command, which the client paces; a progress line shows how
// far it has got, and L asks the list for its next page.
type statsModel struct {
	c   *common.Context
	id  int
	src statsSource // the rows analysed; read, and asked for more
	// srcVersion is src.Version() when its rows were last scanned.
	srcVersion uint64
	// stale: the datasets in hand changed since the report was computed.
	stale bool
	keys  statsKeys
	// ctx ends when the view closes, so a fetch nobody waits for stops.
	ctx    context.Context
	cancel context.CancelFunc

	width, height int
	focused       bool

	load    statsLoad
	report  stats.Report
	data    []client.Dataset      // the datasets the report covers, in list order
	summary map[string]common.Row // what the list knows of each, for opening

	mode      statsMode
	grouping  stats.Grouping
	perField  bool    // calibration: per field name rather than all fields
	threshold float64 // what-if
	// thresholdIn is the typed threshold's input while it is open (t);
	// thresholdErr says why the last value typed was refused.
	thresholdIn  *common.StyledInput
	thresholdErr string
	drill        *statsDrill
	table        statsTable // the table on screen, rebuilt after any change
	cursor       int
	offset       int
	flash        string
	// exportDir is where e writes ("" is the working directory, else the
	// temporary directory when that is not writable); tests set it.
	exportDir string
	closed    bool // esc: the root closes the view after the key that set it
}

// statsLoad is the fetching of full datasets.
type statsLoad struct {
	ids      []string                  // verified, complete rows of the list, in its order
	have     map[string]client.Dataset // fetched (or found in the cache)
	queue    []string                  // still to fetch
	inFlight string                    // "" when idle
	failed   map[string]error
	// looked are the ids already looked up in the local store (with a
	// catalog): what it holds current needs no request.
	looked    map[string]bool
	notStored int // offline: looked up and not in the store
}

// statsDrill is the per-field view's second level: the datasets where one
// field failed.
type statsDrill struct {
	field  string
	obs    []stats.Observation
	cursor int // the per-field table's cursor, restored on esc
}

type statsMode int

const (
	modeFields statsMode = iota
	modeGroups
	modeCalibration
	modeWhatIf
	modeConfidentlyWrong
	modeChecks
	statsModeCount
)

func (m statsMode) String() string {
	return [...]string{"per field", "by customer/type", "calibration", "what-if", "confidently wrong", "checks"}[m]
}

// statsSource is what the stats view analyses: the rows of the list it
// was opened over, in that list's order, and a way to load more of them.
type statsSource interface {
	Len() int
	At(pos int) *common.Row
	// Version changes whenever the rows or their order do.
	Version() uint64
	// Query is what the rows answer: the filters and the search ("" for
	// none).
	Query() (common.Filters, string)
	Progress() common.Progress
	// LoadMore asks for the next page; nil when Progress says there is
	// none to ask for now.
	LoadMore() tea.Cmd
}

func NewStatsModel(c *common.Context, src statsSource) *statsModel {
	ctx, cancel := context.WithCancel(c.Ctx)
	s := &statsModel{
		c: c, id: c.NewViewID(), src: src, keys: newStatsKeys(),
		ctx: ctx, cancel: cancel, focused: true,
		load:      statsLoad{have: map[string]client.Dataset{}, failed: map[string]error{}},
		summary:   map[string]common.Row{},
		threshold: roundThreshold(c.Opts.Thresholds.High),
	}
	s.restore()
	return s
}

func (s *statsModel) Name() string { return "accuracy stats" }
func (s *statsModel) Busy() bool   { return s.load.inFlight != "" }

func (s *statsModel) Keys() help.KeyMap {
	if s.thresholdIn != nil {
		return statsThresholdKeys{s.keys}
	}
	return statsHelp{k: s.keys, mode: s.mode}
}

func (s *statsModel) Init() tea.Cmd {
	s.srcVersion = s.src.Version()
	s.rescan()
	cmd := s.next()
	s.refresh()
	return cmd
}

func (s *statsModel) Focus() tea.Cmd {
	s.focused = true
	return s.next()
}

// Blur: a detail opened from here has the budget to itself until esc.
func (s *statsModel) Blur() { s.focused = false }

func (s *statsModel) SetSize(width, height int) {
	s.width, s.height = width, height
	s.rebuild()
}

func (s *statsModel) Update(msg tea.Msg) tea.Cmd {
	cmd := s.update(msg)
	if v := s.src.Version(); v != s.srcVersion {
		// The list beneath has taken the message already (views get
		// messages bottom up): its new or changed rows may need analysing.
		s.srcVersion = v
		s.rescan()
		cmd = tea.Batch(cmd, s.next())
	}
	s.refresh()
	return cmd
}

func (s *statsModel) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		before := s.remembered()
		var cmd tea.Cmd
		if s.thresholdIn != nil {
			cmd = s.handleThresholdKey(msg)
		} else {
			cmd = s.handleKey(msg)
		}
		return tea.Batch(cmd, s.saveIfChanged(before))
	case tea.PasteMsg:
		// Pastes reach every view: only an open input takes them.
		if s.thresholdIn != nil && s.focused {
			return s.editThreshold(msg)
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			s.moveBy(-3)
		case tea.MouseWheelDown:
			s.moveBy(3)
		}
	case common.DatasetMsg:
		return s.onDataset(msg)
	case common.CatalogMsg:
		return s.forgetChanged(msg)
	case common.StoredDetailsMsg:
		if msg.Owner == s.id {
			return s.onStored(msg)
		}
	case statsExportedMsg:
		if msg.owner == s.id {
			s.onExported(msg)
		}
	}
	return nil
}

// rescan takes the list's verified, complete rows, in its order, and
// queues those not yet in hand; the cache serves what it can at once.
func (s *statsModel) rescan() {
	l := &s.load
	queued := make(map[string]bool, len(l.queue))
	for _, id := range l.queue {
		queued[id] = true
	}
	l.ids = l.ids[:0]
	for pos := range s.src.Len() {
		r := s.src.At(pos)
		if !r.Has(common.IsVerified) || r.Status != client.StatusComplete {
			continue
		}
		l.ids = append(l.ids, r.ID)
		s.summary[r.ID] = *r
		if _, ok := l.have[r.ID]; ok || queued[r.ID] || r.ID == l.inFlight {
			continue
		}
		if ds, ok := s.c.Details.Get(r.ID); ok && ds.Status == client.StatusComplete {
			l.have[r.ID] = ds
			continue
		}
		if _, failed := l.failed[r.ID]; !failed {
			l.queue = append(l.queue, r.ID)
		}
	}
	s.stale = true
}

// next fetches the next dataset in the queue, one at a time, while the
// view is on top.
func (s *statsModel) next() tea.Cmd {
	l := &s.load
	if l.inFlight != "" || !s.focused {
		return nil
	}
	if cmd := s.lookUpStored(); cmd != nil {
		return cmd
	}
	for len(l.queue) > 0 {
		id := l.queue[0]
		l.queue = l.queue[1:]
		if _, ok := l.have[id]; ok || s.c.Offline() && l.looked[id] {
			continue // offline, what the store lacks is not asked for
		}
		if ds, ok := s.c.Details.Get(id); ok && ds.Status == client.StatusComplete {
			l.have[id] = ds
			s.stale = true
			continue
		}
		l.inFlight = id
		if cat := s.c.Opts.Catalog; cat != nil {
			return common.FetchBackgroundCmd(s.ctx, cat, s.c.API, s.id, id)
		}
		return common.FetchDatasetCmd(s.ctx, s.c.API, s.id, id)
	}
	return nil
}

func (s *statsModel) onDataset(msg common.DatasetMsg) tea.Cmd {
	l := &s.load
	if msg.Owner != s.id {
		// Another view fetched one (a detail opened from here): take it
		// if it is one of ours.
		if _, ok := s.summary[msg.ID]; ok && msg.Err == nil && msg.Dataset.Status == client.StatusComplete {
			if _, had := l.have[msg.ID]; !had {
				l.have[msg.ID] = msg.Dataset
				s.stale = true
			}
		}
		return nil
	}
	if msg.ID != l.inFlight {
		return nil
	}
	l.inFlight = ""
	switch {
	case errors.Is(msg.Err, context.Canceled):
		return nil // the view closed, or the program is quitting
	case msg.Err != nil:
		l.failed[msg.ID] = msg.Err
	default:
		l.have[msg.ID] = msg.Dataset
		s.stale = true
	}
	return s.next()
}

// retry is r: fetch again the datasets that failed.
func (s *statsModel) retry() tea.Cmd {
	l := &s.load
	if len(l.failed) == 0 {
		s.flash = "nothing failed"
		return nil
	}
	for _, id := range l.ids {
		if _, ok := l.failed[id]; ok {
			l.queue = append(l.queue, id)
		}
	}
	clear(l.failed)
	return s.next()
}

// refresh recomputes the report if the datasets in hand changed: once
// per message, however many arrived or were found in the cache.
func (s *statsModel) refresh() {
	if s.stale {
		s.recompute()
	}
}

// recompute builds the report over the datasets in hand, in list order.
func (s *statsModel) recompute() {
	s.stale = false
	s.data = s.data[:0]
	for _, id := range s.load.ids {
		if ds, ok := s.load.have[id]; ok {
			s.data = append(s.data, ds)
		}
	}
	s.report = stats.Compute(s.data, s.c.Opts.Thresholds.High, s.threshold)
	if s.drill != nil {
		s.drill.obs = stats.Failures(s.report.Observations, s.drill.field)
	}
	s.rebuild()
}

// loadMore is L: the list's next page, if there is one.
func (s *statsModel) loadMore() tea.Cmd {
	switch p := s.src.Progress(); {
	case p.Loading:
		s.flash = "a page is already on its way"
	case p.Complete:
		s.flash = "every page is loaded"
	case p.Failed:
		s.flash = "the list's last page failed: r in the list retries it"
	case !p.Started:
		s.flash = "the list has not loaded its first page yet"
	default:
		s.flash = "loading the next page…"
		return s.src.LoadMore()
	}
	return nil
}

// close is esc: stop fetching and go back to the list.
func (s *statsModel) close() tea.Cmd {
	s.cancel()
	s.closed = true
	return nil
}

func (s *statsModel) Closing() bool { return s.closed }
