package review

import (
	"cmp"
	"iter"
	"slices"

	"github.com/dxdash/dxdash/client"
)

// Review is one dataset laid out for a reviewer: the header fields as one
// table, the line items as another (a row per item, a column per field
// name), and the counts a summary line shows. Build makes it once when the
// dataset arrives; a view only sorts, filters and draws it.
type Review struct {
	// Reviewed: the dataset has accuracy, so ground truth and verdicts mean
	// something. Without it every verdict is NotReviewed.
	Reviewed bool
	// Fields are the header fields, then the header ground truth nothing
	// was extracted for (a field of its own, so a reviewer sees what the
	// extractor missed entirely), in the join's order.
	Fields []Field
	Lines  LineTable
	Counts Counts
	// Confidence is the minimum confidence by the contract's rule, with
	// the fields that have no value counted apart.
	Confidence Floor
	// Repeated lists the keys the dataset gives more than once; the first
	// of each was kept.
	Repeated []string
}

// LineTable is the line items: a row per item index, in index order; a
// column per field name, in the order first seen.
type LineTable struct {
	Columns []string // field names as sent, e.g. "amount"
	Rows    []LineRow
}

// LineRow is one line item. Ground truth for an item nothing was
// extracted for gets a row of its own; for a name the item lacks, a cell of
// its own. An item listed with no fields is a row with no cells.
type LineRow struct {
	Index int
	Cells []Field // in column order; a column may have no cell
	Cols  []int   // Cols[i] is Cells[i]'s column
}

// Cell is the row's cell in column col, or nil.
func (r *LineRow) Cell(col int) *Field {
	if i, ok := slices.BinarySearch(r.Cols, col); ok {
		return &r.Cells[i]
	}
	return nil
}

// Any reports whether a cell satisfies pred.
func (r *LineRow) Any(pred func(*Field) bool) bool {
	for i := range r.Cells {
		if pred(&r.Cells[i]) {
			return true
		}
	}
	return false
}

// Mismatch reports a row with a cell scored short of a match.
func (r *LineRow) Mismatch() bool { return r.Any((*Field).Mismatch) }

// NeedsReview reports a row with a cell that needs review.
func (r *LineRow) NeedsReview() bool { return r.Any((*Field).NeedsReview) }

// Counts are a dataset's tallies over its header fields and line-item
// cells together.
type Counts struct {
	Fields           int // header fields and cells
	Scored           int // with a score
	Matched          int // Match
	Mismatched       int // NearMiss, Wrong or Spurious
	Missing          int // Missing
	ConfidentlyWrong int
	NeedsReview      int
	Invalid          int // a score or a confidence outside 0–1
}

func (c *Counts) add(f *Field) {
	c.Fields++
	if f.Scored {
		c.Scored++
	}
	switch f.Verdict {
	case Match:
		c.Matched++
	case NearMiss, Wrong, Spurious:
		c.Mismatched++
	case Missing:
		c.Missing++
	}
	if f.ConfidentlyWrong {
		c.ConfidentlyWrong++
	}
	if f.NeedsReview() {
		c.NeedsReview++
	}
	if f.InvalidScore || f.InvalidConfidence {
		c.Invalid++
	}
}

// All visits every field: the header fields, then the cells row by row.
func (rv *Review) All() iter.Seq[*Field] {
	return func(yield func(*Field) bool) {
		for i := range rv.Fields {
			if !yield(&rv.Fields[i]) {
				return
			}
		}
		for r := range rv.Lines.Rows {
			row := &rv.Lines.Rows[r]
			for i := range row.Cells {
				if !yield(&row.Cells[i]) {
					return
				}
			}
		}
	}
}

// Build joins ds and lays it out.
func Build(ds *client.Dataset, th Thresholds) *Review {
	var j Joiner
	joined := j.Join(ds, th)
	rv := &Review{Reviewed: ds.Accuracy != nil, Repeated: slices.Clone(j.Repeated())}

	var lines lineBuilder
	lines.start(ds.LineItems)
	for i := range joined {
		if f := &joined[i]; f.IsLineItem() {
			lines.add(f)
		} else {
			rv.Fields = append(rv.Fields, *f)
		}
	}
	rv.Lines = lines.finish()
	for f := range rv.All() {
		rv.Counts.add(f)
	}
	rv.Confidence = MinConfidence(ds)
	return rv
}

// lineBuilder groups cells into rows by item index and columns by name.
type lineBuilder struct {
	t     LineTable
	rowAt map[int]int    // item index → row
	colAt map[string]int // field name → column
}

// start makes a row for every item listed, fields or not, in the order
// listed.
func (b *lineBuilder) start(items []client.LineItem) {
	b.rowAt = make(map[int]int, len(items))
	b.colAt = make(map[string]int)
	b.t.Rows = make([]LineRow, 0, len(items))
	for _, item := range items {
		b.row(item.Index)
	}
}

func (b *lineBuilder) row(index int) *LineRow {
	r, ok := b.rowAt[index]
	if !ok {
		r = len(b.t.Rows)
		b.rowAt[index] = r
		b.t.Rows = append(b.t.Rows, LineRow{Index: index})
	}
	return &b.t.Rows[r]
}

func (b *lineBuilder) add(f *Field) {
	col, ok := b.colAt[f.Name]
	if !ok {
		col = len(b.t.Columns)
		b.colAt[f.Name] = col
		b.t.Columns = append(b.t.Columns, f.Name)
	}
	r := b.row(f.LineItem)
	r.Cells = append(r.Cells, *f)
	r.Cols = append(r.Cols, col)
}

// finish puts the rows in index order and each row's cells in column
// order. The join gave each (index, name) one key, so no column repeats
// within a row.
func (b *lineBuilder) finish() LineTable {
	slices.SortFunc(b.t.Rows, func(x, y LineRow) int { return cmp.Compare(x.Index, y.Index) })
	for i := range b.t.Rows {
		r := &b.t.Rows[i]
		if slices.IsSorted(r.Cols) {
			continue // the common case: cells arrive in column order
		}
		order := make([]int, len(r.Cells))
		for k := range order {
			order[k] = k
		}
		slices.SortFunc(order, func(x, y int) int { return cmp.Compare(r.Cols[x], r.Cols[y]) })
		cells := make([]Field, len(order))
		cols := make([]int, len(order))
		for k, from := range order {
			cells[k], cols[k] = r.Cells[from], r.Cols[from]
		}
		r.Cells, r.Cols = cells, cols
	}
	return b.t
}
