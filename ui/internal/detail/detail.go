package detail

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// detailModel reviews one dataset: a header with the overall accuracy,
// the field table (every field against its ground truth, with its score
// and confidence), the line items, and under them the selected value in
// full or the page map. A dataset is fetched once and kept in the shared
// cache; r fetches it again, and a processing one is polled until it is
// done.
type detailModel struct {
	c         *common.Context
	id        int
	datasetID string
	summary   common.Row         // from the list: shown until the dataset arrives
	highlight string             // a search query: values containing it are marked
	Entry     common.DetailEntry // where to land once the dataset is shown (detailnav.go)
	keys      detailKeys

	width, height int
	focused       bool

	fetching bool
	// refreshing: what is shown is the store's stale copy; the fresh one
	// is on its way.
	refreshing bool
	err        error // the last fetch failed
	ds         *client.Dataset
	rv         *prepared
	dataGen    int // bumps with each dataset shown: caches keyed by it go stale

	tab            detailTab
	sort           fieldSort
	mismatchesOnly bool
	showMap        bool
	zoomed         bool // the selection's full text fills the body
	zoomOffset     int
	fieldRows      tableCursor
	lineRows       tableCursor
	// stops counts the rows n and N visit in each table, as the tables
	// show them; crosses says n walks both tables (and on to the next
	// dataset) rather than the one shown. needReview is what they make.
	stops   [2]int
	crosses bool
	flash   string // feedback on the last key ("copied …"), until the next
	closed  bool   // esc: the root closes the view after the key that set it

	poll       detailPoll
	doc        valueDoc
	fieldCache drawnRows
	lineCache  drawnRows
}

type detailTab int

const (
	tabFields detailTab = iota
	tabLines
)

// tableCursor is one table's rows as shown (filtered and sorted indices
// into the review), the selected one and the first on screen.
type tableCursor struct {
	order          []int
	cursor, offset int
}

func (t *tableCursor) selected() (int, bool) {
	if t.cursor < 0 || t.cursor >= len(t.order) {
		return 0, false
	}
	return t.order[t.cursor], true
}

// NewDetailModel opens dataset id. summary is what the opener already
// knows of it; highlight, when not empty, marks the fields whose value
// contains it (case-insensitively): the search view passes its query.
func NewDetailModel(c *common.Context, id string, summary common.Row, highlight string) *detailModel {
	d := &detailModel{
		c:         c,
		id:        c.NewViewID(),
		datasetID: id,
		summary:   summary,
		highlight: highlight,
		keys:      newDetailKeys(),
		focused:   true,
	}
	// A cached copy is used unless the opener knows the status has moved
	// on since (the list polled it to completion).
	if ds, ok := c.Details.Get(id); ok && (summary.Status == "" || summary.Status == termtext.Sanitize(ds.Status)) {
		d.setDataset(ds)
	}
	return d
}

func (d *detailModel) Name() string      { return "dataset" }
func (d *detailModel) Keys() help.KeyMap { return d.keys }
func (d *detailModel) Closing() bool     { return d.closed }
func (d *detailModel) ID() int           { return d.id }

func (d *detailModel) Init() tea.Cmd {
	if d.ds != nil {
		return d.arrive() // from the cache
	}
	return d.fetch()
}

func (d *detailModel) Focus() tea.Cmd {
	d.focused = true
	return d.ensurePoll()
}

func (d *detailModel) Blur() { d.focused = false }

// Busy: a spinner is on screen while loading or processing.
func (d *detailModel) Busy() bool {
	return d.fetching || d.Processing()
}

func (d *detailModel) Processing() bool {
	return d.ds != nil && d.ds.Status == client.StatusProcessing
}

func (d *detailModel) SetSize(width, height int) {
	d.width, d.height = width, height
	d.keys.room = width - hintsReserve
	d.clampAll()
}

func (d *detailModel) source() string { return fmt.Sprintf("detail%d", d.id) }

func (d *detailModel) fetch() tea.Cmd {
	d.fetching = true
	if cat := d.c.Opts.Catalog; cat != nil && d.ds == nil {
		return common.OpenDetailCmd(d.c.Ctx, cat, d.c.API, d.id, d.datasetID)
	}
	return common.FetchDatasetCmd(d.c.Ctx, d.c.API, d.id, d.datasetID)
}

func (d *detailModel) Update(msg tea.Msg) tea.Cmd {
	cmd := d.update(msg)
	d.keys.follow(d)
	return cmd
}

func (d *detailModel) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return d.handleKey(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			d.scroll(-3)
		case tea.MouseWheelDown:
			d.scroll(3)
		}
	case common.DatasetMsg:
		if msg.Owner == d.id && msg.ID == d.datasetID {
			return d.onDataset(msg)
		}
	case common.CatalogMsg:
		// The webhook receiver (or the sync) stored this dataset anew:
		// the stored copy is the answer, when current, with no request.
		if cat := d.c.Opts.Catalog; cat != nil && !d.fetching && msg.ChangedID(d.datasetID) {
			return common.StoredCurrentCmd(d.c.Ctx, cat, d.c.API, d.id, d.datasetID)
		}
	case detailPollTickMsg:
		if msg.owner == d.id {
			return d.onPollTick()
		}
	case common.StoredDetailMsg:
		if msg.Owner == d.id && msg.ID == d.datasetID && d.fetching && d.ds == nil {
			// The stored copy is stale: shown, marked, until the fresh
			// one arrives.
			d.setDataset(msg.Dataset)
			d.refreshing = true
			return tea.Batch(d.arrive(), common.FetchDatasetCmd(d.c.Ctx, d.c.API, d.id, d.datasetID))
		}
	}
	return nil
}

func (d *detailModel) onDataset(msg common.DatasetMsg) tea.Cmd {
	d.fetching, d.refreshing = false, false
	if err := msg.Err; err != nil {
		if errors.Is(err, context.Canceled) {
			return nil // quitting
		}
		d.err = err
		if errors.Is(err, client.ErrNotFound) {
			return common.ReportError(d.id, d.source(), err, "")
		}
		return tea.Batch(common.ReportError(d.id, d.source(), err, "r to retry"), d.ensurePoll())
	}
	d.err = nil // the root has put msg.ds into the details cache
	d.setDataset(msg.Dataset)
	return tea.Batch(common.ResolveError(d.source()), d.ensurePoll(), d.arrive())
}

// setDataset shows ds, keeping the selection on the same field or line
// item when it is still there.
func (d *detailModel) setDataset(ds client.Dataset) {
	fieldKey, lineIndex, had := "", 0, d.rv != nil
	if had {
		if i, ok := d.fieldRows.selected(); ok {
			fieldKey = d.rv.fields[i].key
		}
		if i, ok := d.lineRows.selected(); ok {
			lineIndex = d.rv.lines.rows[i].index
		}
	}
	d.ds = &ds
	checks, _ := d.c.Checks(d.datasetID)
	d.rv = buildReview(ds, d.c.Opts.Thresholds, d.highlight, checks)
	d.summary = common.NewRow(ds)
	d.dataGen++
	if d.tab == tabLines && len(d.rv.lines.rows) == 0 {
		d.tab = tabFields
	}
	d.reorder()
	if had {
		d.selectField(func(f *reviewField) bool { return f.key == fieldKey })
		d.selectLine(func(r *lineRow) bool { return r.index == lineIndex })
	}
	d.clampAll()
}

// reorder rebuilds both tables' rows from the sort and the filter.
func (d *detailModel) reorder() {
	d.fieldRows.order = d.fieldRows.order[:0]
	for i := range d.rv.fields {
		if !d.mismatchesOnly || d.rv.fields[i].mismatch() {
			d.fieldRows.order = append(d.fieldRows.order, i)
		}
	}
	fields, sort := d.rv.fields, d.sort
	slices.SortFunc(d.fieldRows.order, func(a, b int) int { return sort.compare(&fields[a], &fields[b]) })

	d.lineRows.order = d.lineRows.order[:0]
	for i := range d.rv.lines.rows {
		if !d.mismatchesOnly || d.rv.lines.rows[i].bad {
			d.lineRows.order = append(d.lineRows.order, i)
		}
	}
	// The count the header and footer give is the stops n makes: a field
	// or a whole line item each, and only what the tables show. Counted
	// here, not in View: finding the neighbours is a walk of the list.
	d.stops = [2]int{}
	for _, s := range d.reviewStops() {
		d.stops[s.tab]++
	}
	d.crosses = d.hasNeighbours()
}

// needReview is "N need review": the stops n makes from here, in the
// table shown, or in both when n walks on to the next dataset.
func (d *detailModel) needReview() int {
	if d.crosses {
		return d.stops[tabFields] + d.stops[tabLines]
	}
	return d.stops[d.tab]
}
