package detail

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// A dataset prepared for review: every extracted field set against its
// ground truth and the server's score, classified once when the dataset
// arrives, with every server string sanitized. The detail view only sorts,
// filters and draws what is built here; it never re-scores.

// matchState is a field's verdict.
type matchState uint8

const (
	stateUnscored matchState = iota // not reviewed, or the server gave it no score
	stateMatch                      // ✓ scored 1.0
	statePartial                    // ~ between 0 and 1
	stateWrong                      // ✗ scored 0 with a value extracted
	stateMissing                    // ∅ nothing extracted
)

// reviewField is one row of the field table, or one cell of the line-item
// table.
type reviewField struct {
	key        string // the raw name ground_truth and field_scores use
	name       string // for display: the field's own name
	typ        string
	extracted  string // "" when nothing was extracted
	truth      string // "" when there is none (or it is null)
	note       string // why a match whose texts differ is a match
	box        *client.BoundingBox
	score      float64
	confidence float64
	state      matchState
	flags      reviewFlags
	order      int // position in the server's answer: the last tie-break
}

type reviewFlags uint16

const (
	fieldExtracted        reviewFlags = 1 << iota // in the extraction (else only in the ground truth)
	fieldNull                                     // nothing extracted
	fieldHasTruth                                 // the ground truth names it
	fieldTruthNull                                // ... as null
	fieldHasScore                                 // field_scores names it
	fieldConfidentlyWrong                         // confidence at or above High, score below 1
	fieldLowConfidence                            // confidence below Low
	fieldMediumConfidence                         // confidence from Low to below Medium
	fieldHit                                      // the value contains the highlight query
)

func (f *reviewField) Has(flag reviewFlags) bool { return f.flags&flag != 0 }

// mismatch: the value is wrong, partly right, or missing. These are the
// problems the default order puts first and m keeps.
func (f *reviewField) mismatch() bool {
	return f.state == stateWrong || f.state == statePartial || f.state == stateMissing
}

// needsReview is what n and N jump to: a mismatch, or a value the
// extractor was unsure of.
func (f *reviewField) needsReview() bool {
	return f.mismatch() || f.Has(fieldLowConfidence) || f.Has(fieldConfidentlyWrong)
}

// review is one dataset ready to draw.
type review struct {
	reviewed  bool // has ground truth and scores
	pageCount int
	fields    []reviewField
	nameWidth int // the widest field name, up to what the table shows
	lines     lineTable
	counts    reviewCounts
	// located lists every field and cell that has a bounding box, for the
	// page map.
	located []*reviewField
}

// reviewCounts are the header's tallies, over fields and line-item cells.
type reviewCounts struct {
	scored, matched, mismatched, missing, confidentlyWrong, needsReview int
	hits                                                                int // values containing the highlight query
}

// lineTable is the line items: a row per item, a column per field name.
type lineTable struct {
	columns []string // display names, in the order first seen
	want    []int    // each column's natural width: see measure
	rows    []lineRow
}

type lineRow struct {
	index int
	cells []reviewField // ordered by column; a column may have no cell
	cols  []int         // cols[i] is cells[i]'s column
	flags reviewFlags   // the union of the cells' flags
	bad   bool          // a cell is a mismatch
}

// cell returns the row's cell in column col, or nil.
func (r *lineRow) cell(col int) *reviewField {
	if i, ok := slices.BinarySearch(r.cols, col); ok {
		return &r.cells[i]
	}
	return nil
}

func (r *lineRow) needsReview() bool {
	return r.bad || r.flags&(fieldLowConfidence|fieldConfidentlyWrong) != 0
}

// buildReview prepares ds. highlight is a search query whose hits are
// marked ("" for none).
func buildReview(ds client.Dataset, th common.Thresholds, highlight string) *review {
	b := reviewBuilder{
		th:        th,
		truth:     make(map[string]client.Value, len(ds.GroundTruth)),
		truthUsed: make(map[string]bool, len(ds.GroundTruth)),
		highlight: foldHighlight(highlight),
	}
	if ds.Accuracy != nil {
		b.scores = ds.Accuracy.FieldScores
	}
	for _, g := range ds.GroundTruth {
		if _, dup := b.truth[g.Name]; !dup {
			b.truth[g.Name] = g.Value
		}
	}
	r := &review{reviewed: ds.Accuracy != nil, pageCount: ds.PageCount}

	r.fields = make([]reviewField, 0, len(ds.Fields))
	for i := range ds.Fields {
		f := &ds.Fields[i]
		r.fields = append(r.fields, b.field(f.Name, f.Name, f))
	}
	r.lines = b.lineItems(ds.LineItems)
	// Ground truth that nothing was extracted for: a row or a cell of its
	// own, so a reviewer sees what the extractor missed entirely.
	for _, g := range ds.GroundTruth {
		if b.truthUsed[g.Name] {
			continue
		}
		b.truthUsed[g.Name] = true
		if index, name, ok := parseLineItemName(g.Name); ok {
			b.addLineCell(&r.lines, index, name, g.Name)
			continue
		}
		r.fields = append(r.fields, b.field(g.Name, g.Name, nil))
	}
	r.lines.finish()
	r.nameWidth = widestName(r.fields)
	r.lines.measure(r.reviewed)

	for i := range r.fields {
		r.tally(&r.fields[i])
	}
	for i := range r.lines.rows {
		row := &r.lines.rows[i]
		for j := range row.cells {
			r.tally(&row.cells[j])
		}
	}
	return r
}

func (r *review) tally(f *reviewField) {
	c := &r.counts
	if f.Has(fieldHasScore) {
		c.scored++
	}
	switch f.state {
	case stateMatch:
		c.matched++
	case statePartial, stateWrong:
		c.mismatched++
	case stateMissing:
		c.missing++
	}
	if f.Has(fieldConfidentlyWrong) {
		c.confidentlyWrong++
	}
	if f.needsReview() {
		c.needsReview++
	}
	if f.Has(fieldHit) {
		c.hits++
	}
	if f.box != nil {
		r.located = append(r.located, f)
	}
}

type reviewBuilder struct {
	th        common.Thresholds
	truth     map[string]client.Value
	truthUsed map[string]bool
	scores    map[string]float64
	highlight string // folded
	order     int
	lineRowAt map[int]int    // item index → row
	lineColAt map[string]int // field name → column
}

// field builds one field; f is nil for ground truth with no extraction.
func (b *reviewBuilder) field(key, name string, f *client.Field) reviewField {
	rf := reviewField{key: key, name: termtext.Sanitize(name), order: b.order, typ: "string"}
	b.order++
	if f != nil {
		rf.flags |= fieldExtracted
		rf.confidence = f.Confidence
		rf.box = f.BoundingBox
		if f.Type != "" {
			rf.typ = termtext.Sanitize(f.Type)
		}
		if f.Value.IsNull() {
			rf.flags |= fieldNull
		} else {
			rf.extracted = termtext.Sanitize(f.Value.String())
		}
	} else {
		rf.flags |= fieldNull
	}
	if v, ok := b.truth[key]; ok {
		b.truthUsed[key] = true
		rf.flags |= fieldHasTruth
		if v.IsNull() {
			rf.flags |= fieldTruthNull
		} else {
			rf.truth = termtext.Sanitize(v.String())
		}
	}
	if s, ok := b.scores[key]; ok {
		rf.flags |= fieldHasScore
		rf.score = s
	}
	b.classify(&rf)
	return rf
}

func (b *reviewBuilder) classify(f *reviewField) {
	scored := f.Has(fieldHasScore)
	switch {
	case scored && f.score >= 1:
		f.state = stateMatch
	case f.Has(fieldNull):
		f.state = stateMissing
	case !scored:
		f.state = stateUnscored
	case !(f.score > 0): // NaN too
		f.state = stateWrong
	default:
		f.state = statePartial
	}
	if f.Has(fieldExtracted) {
		switch {
		case !(f.confidence >= b.th.Low):
			f.flags |= fieldLowConfidence
		case f.confidence < b.th.Medium:
			f.flags |= fieldMediumConfidence
		}
		if scored && !(f.score >= 1) && f.confidence >= b.th.High {
			f.flags |= fieldConfidentlyWrong
		}
	}
	if f.state == stateMatch && f.Has(fieldHasTruth) && !f.Has(fieldNull) && !f.Has(fieldTruthNull) {
		f.note = normalisationNote(f.typ, f.extracted, f.truth)
	}
	if b.highlight != "" && !f.Has(fieldNull) && strings.Contains(strings.ToLower(f.extracted), b.highlight) {
		f.flags |= fieldHit
	}
}

func (b *reviewBuilder) lineItems(items []client.LineItem) lineTable {
	b.lineRowAt = make(map[int]int, len(items))
	b.lineColAt = make(map[string]int)
	t := lineTable{rows: make([]lineRow, 0, len(items))}
	for _, item := range items {
		if _, dup := b.lineRowAt[item.Index]; !dup {
			b.lineRowAt[item.Index] = len(t.rows)
		}
		t.rows = append(t.rows, lineRow{index: item.Index})
		row := len(t.rows) - 1
		for i := range item.Fields {
			f := &item.Fields[i]
			b.addCell(&t, row, f.Name, client.LineItemFieldName(item.Index, f.Name), f)
		}
	}
	return t
}

// addLineCell adds ground truth for a line-item field nothing was
// extracted for, to the item's row (a new row when the whole item was
// missed).
func (b *reviewBuilder) addLineCell(t *lineTable, index int, name, key string) {
	row, ok := b.lineRowAt[index]
	if !ok {
		row = len(t.rows)
		b.lineRowAt[index] = row
		t.rows = append(t.rows, lineRow{index: index})
	}
	b.addCell(t, row, name, key, nil)
}

func (b *reviewBuilder) addCell(t *lineTable, row int, name, key string, f *client.Field) {
	col, ok := b.lineColAt[name]
	if !ok {
		col = len(t.columns)
		b.lineColAt[name] = col
		t.columns = append(t.columns, termtext.Sanitize(name))
	}
	r := &t.rows[row]
	r.cells = append(r.cells, b.field(key, name, f))
	r.cols = append(r.cols, col)
}

// finish orders the rows by item index and each row's cells by column,
// keeping the first cell where a column repeats, and sums up each row.
func (t *lineTable) finish() {
	slices.SortStableFunc(t.rows, func(a, b lineRow) int { return cmp.Compare(a.index, b.index) })
	for i := range t.rows {
		r := &t.rows[i]
		byCol := make([]int, len(r.cells))
		for j := range byCol {
			byCol[j] = j
		}
		slices.SortStableFunc(byCol, func(a, b int) int { return cmp.Compare(r.cols[a], r.cols[b]) })
		cells := make([]reviewField, 0, len(r.cells))
		cols := make([]int, 0, len(r.cols))
		for _, j := range byCol {
			if n := len(cols); n > 0 && cols[n-1] == r.cols[j] {
				continue // the same field twice in one item: the first wins
			}
			cells = append(cells, r.cells[j])
			cols = append(cols, r.cols[j])
		}
		r.cells, r.cols = cells, cols
		for j := range r.cells {
			r.flags |= r.cells[j].flags
			r.bad = r.bad || r.cells[j].mismatch()
		}
	}
}

// parseLineItemName splits "line_items[3].amount" into 3 and "amount".
func parseLineItemName(s string) (int, string, bool) {
	rest, ok := strings.CutPrefix(s, "line_items[")
	if !ok {
		return 0, "", false
	}
	digits, name, ok := strings.Cut(rest, "].")
	if !ok || name == "" || digits == "" || len(digits) > 9 {
		return 0, "", false
	}
	index, err := strconv.Atoi(digits)
	if err != nil || index < 0 || strconv.Itoa(index) != digits {
		return 0, "", false
	}
	return index, name, true
}

// foldHighlight prepares a search query for case-insensitive matching.
func foldHighlight(q string) string {
	return strings.ToLower(strings.TrimSpace(termtext.Sanitize(q)))
}

// fieldSort orders the field table; s cycles through the modes.
type fieldSort int

const (
	sortProblemsFirst fieldSort = iota // mismatches first, then confidence ascending
	sortByName
	sortByConfidence // ascending
	sortByScore      // ascending; unscored last
	fieldSortCount
)

func (s fieldSort) String() string {
	switch s {
	case sortByName:
		return "name"
	case sortByConfidence:
		return "confidence ↑"
	case sortByScore:
		return "score ↑"
	}
	return "problems first"
}

// next is the mode after s; score order is skipped when nothing was
// scored.
func (s fieldSort) next(reviewed bool) fieldSort {
	n := (s + 1) % fieldSortCount
	if n == sortByScore && !reviewed {
		n = (n + 1) % fieldSortCount
	}
	return n
}

func (s fieldSort) compare(a, b *reviewField) int {
	c := 0
	switch s {
	case sortProblemsFirst:
		c = cmp.Or(compareBool(a.mismatch(), b.mismatch()), cmp.Compare(a.confidence, b.confidence))
	case sortByConfidence:
		c = cmp.Compare(a.confidence, b.confidence)
	case sortByScore:
		c = cmp.Or(compareBool(a.Has(fieldHasScore), b.Has(fieldHasScore)),
			cmp.Compare(a.score, b.score), cmp.Compare(a.confidence, b.confidence))
	}
	return cmp.Or(c, strings.Compare(a.name, b.name), cmp.Compare(a.order, b.order))
}

// compareBool puts true first.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}
