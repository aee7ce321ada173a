package detail

import (
	"cmp"
	"slices"
	"strings"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
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
	fieldExtracted         reviewFlags = 1 << iota // in the extraction (else only in the ground truth)
	fieldNull                                      // nothing extracted
	fieldHasTruth                                  // the ground truth names it
	fieldTruthNull                                 // ... as null
	fieldHasScore                                  // field_scores names it
	fieldConfidentlyWrong                          // confidence at or above High, score below 1
	fieldLowConfidence                             // confidence below Low
	fieldMediumConfidence                          // confidence from Low to below Medium
	fieldHit                                       // the value contains the highlight query
	fieldInvalidScore                              // field_scores gives a number outside 0–1
	fieldInvalidConfidence                         // the confidence is outside 0–1
	fieldCheckFailed                               // a consistency check failed over it
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
	return f.mismatch() || f.Has(fieldLowConfidence) || f.Has(fieldConfidentlyWrong) || f.Has(fieldCheckFailed)
}

// review is one dataset ready to draw.
type prepared struct {
	reviewed  bool // has ground truth and scores
	pageCount int
	fields    []reviewField
	nameWidth int // the widest field name, up to what the table shows
	lines     lineTable
	counts    reviewCounts
	floor     review.Floor // the minimum confidence, by the one rule
	// located lists every field and cell that has a bounding box, for the
	// page map.
	located []*reviewField
	// failed are the consistency checks that failed, their working
	// sanitized; checked says the checks ran at all.
	failed  []failedCheck
	checked bool
}

// failedCheck is a failed consistency check as the checks section shows it.
type failedCheck struct {
	title   string
	working string   // sanitized
	fields  []string // the keys it read
}

// reviewCounts are the header's tallies, over fields and line-item cells.
type reviewCounts struct {
	scored, matched, mismatched, missing, confidentlyWrong, needsReview int
	hits                                                                int // values containing the highlight query
	invalid                                                             int // a score or confidence outside 0–1
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
	return r.bad || r.flags&(fieldLowConfidence|fieldConfidentlyWrong|fieldCheckFailed) != 0
}

// buildReview prepares ds: review.Build joins its fields, line items and
// ground truth once; this adds what only the screen needs, the sanitized
// texts, the normalisation notes and the highlight hits. highlight is a
// search query whose hits are marked ("" for none). checks are the
// dataset's consistency checks (nil when not known): the fields a failure
// involves are marked.
func buildReview(ds client.Dataset, th common.Thresholds, highlight string, checks []review.CheckResult) *prepared {
	rv := review.Build(&ds, th)
	b := reviewBuilder{highlight: foldHighlight(highlight), flagged: make(map[string]bool)}
	r := &prepared{checked: checks != nil, reviewed: rv.Reviewed, pageCount: ds.PageCount, floor: rv.Confidence}
	r.counts.invalid = rv.Counts.Invalid
	for i := range checks {
		if c := &checks[i]; c.Outcome == review.Failed {
			r.failed = append(r.failed, failedCheck{title: c.Check.Title(), working: termtext.Sanitize(c.Working()), fields: c.Fields})
			for _, key := range c.Fields {
				b.flagged[key] = true
			}
		}
	}

	r.fields = make([]reviewField, 0, len(rv.Fields))
	for i := range rv.Fields {
		r.fields = append(r.fields, b.field(&rv.Fields[i]))
	}
	t := &r.lines
	for _, c := range rv.Lines.Columns {
		t.columns = append(t.columns, termtext.Sanitize(c))
	}
	t.rows = make([]lineRow, 0, len(rv.Lines.Rows))
	for _, src := range rv.Lines.Rows {
		row := lineRow{index: src.Index, cols: src.Cols, cells: make([]reviewField, 0, len(src.Cells))}
		for i := range src.Cells {
			cell := b.field(&src.Cells[i])
			row.flags |= cell.flags
			row.bad = row.bad || cell.mismatch()
			row.cells = append(row.cells, cell)
		}
		t.rows = append(t.rows, row)
	}
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

func (r *prepared) tally(f *reviewField) {
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
	highlight string // folded
	order     int
	flagged   map[string]bool // keys a failed check involves
}

// field is one joined field as the screen shows it.
func (b *reviewBuilder) field(f *review.Field) reviewField {
	rf := reviewField{
		key: f.Key, name: termtext.Sanitize(f.Name), typ: termtext.Sanitize(f.Type), order: b.order,
		confidence: f.Confidence, box: f.Box, score: f.Score, state: stateOf(f),
	}
	b.order++
	if rf.typ == "" {
		rf.typ = "string"
	}
	if f.HasValue() {
		rf.extracted = termtext.Sanitize(f.Value.String())
	} else {
		rf.flags |= fieldNull
	}
	if f.InExtraction {
		rf.flags |= fieldExtracted
	}
	if f.InTruth {
		rf.flags |= fieldHasTruth
		if f.Truth.IsNull() {
			rf.flags |= fieldTruthNull
		} else {
			rf.truth = termtext.Sanitize(f.Truth.String())
		}
	}
	if f.Scored {
		rf.flags |= fieldHasScore
	}
	switch {
	case f.LowConfidence():
		rf.flags |= fieldLowConfidence
	case f.MediumConfidence():
		rf.flags |= fieldMediumConfidence
	}
	if f.ConfidentlyWrong {
		rf.flags |= fieldConfidentlyWrong
	}
	if f.InvalidScore {
		rf.flags |= fieldInvalidScore
	}
	if f.InvalidConfidence {
		rf.flags |= fieldInvalidConfidence
	}
	if b.flagged[f.Key] {
		rf.flags |= fieldCheckFailed
	}
	if rf.state == stateMatch && rf.Has(fieldHasTruth) && !rf.Has(fieldNull) && !rf.Has(fieldTruthNull) {
		rf.note = normalisationNote(rf.typ, rf.extracted, rf.truth)
	}
	if b.highlight != "" && !rf.Has(fieldNull) && strings.Contains(strings.ToLower(rf.extracted), b.highlight) {
		rf.flags |= fieldHit
	}
	return rf
}

// stateOf is the glyph a verdict is drawn with: whatever review calls a
// field with nothing extracted, the screen shows it as missing (∅), and a
// spurious value that scored above zero as a near miss (~), as before.
func stateOf(f *review.Field) matchState {
	switch {
	case f.Verdict == review.Match:
		return stateMatch
	case !f.HasValue():
		return stateMissing
	case f.Verdict == review.NotReviewed:
		return stateUnscored
	case f.Verdict == review.NearMiss, f.Verdict == review.Spurious && f.Score > 0:
		return statePartial
	}
	return stateWrong
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
