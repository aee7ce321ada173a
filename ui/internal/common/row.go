package common

import (
	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
	"github.com/dxdash/dxdash/termtext"
)

// Row is a list item reduced to what the list shows, with every server
// string sanitized once, when it arrives. It stays small (about 150 bytes
// plus its text) because a list can hold 100 000 of them.
type Row struct {
	ID       string // as the server sent it: for requests and identity
	IDText   string // the rest are sanitized for display
	Name     string
	DocType  string
	Customer string
	Status   string
	Created  int64 // Unix nanoseconds
	Updated  int64 // Unix nanoseconds: whether a detail's figures still hold
	Accuracy float64
	MinConf  float64
	// Checks is how many consistency checks failed, when HasChecks: known
	// once the dataset's detail is at hand (SetChecks).
	Checks int32
	// Fields (when HasFieldCount) and Pages (0: not said) are the list
	// item's field_count and page_count: the wide list's columns.
	Fields int32
	Pages  int32
	flags  rowFlags
	// Version bumps whenever the row's data changes, so its cached
	// rendering is known to be stale.
	Version uint32
}

type rowFlags uint16

func NewRow(d client.Dataset) Row {
	r := Row{
		ID:       d.ID,
		IDText:   termtext.Sanitize(d.ID),
		Name:     termtext.Sanitize(d.DocumentName),
		DocType:  intern(termtext.Sanitize(d.DatasetType)),
		Customer: termtext.Sanitize(d.CustomerID),
		Status:   intern(termtext.Sanitize(d.Status)),
		Created:  d.CreatedAt.UnixNano(),
		Updated:  d.UpdatedAt.UnixNano(),
		Pages:    int32(d.PageCount),
	}
	switch {
	case d.FieldCount != nil:
		r.Fields, r.flags = int32(*d.FieldCount), r.flags|HasFieldCount
	case len(d.Fields) > 0:
		r.Fields, r.flags = int32(len(d.Fields)), r.flags|HasFieldCount
	}
	if acc, ok := d.OverallAccuracy(); ok {
		r.Accuracy, r.flags = acc, r.flags|HasAccuracy
		if !review.InUnit(acc) {
			r.flags |= BadAccuracy
		}
	}
	r.minConfidence(d)
	if d.IsVerified {
		r.flags |= IsVerified
	}
	return r
}

// minConfidence sets MIN CONF. A full dataset (a detail, a poll answer)
// gives it by review's one rule, and the row says it came from the detail;
// a list item gives the server's min_confidence, which a server may define
// otherwise, until the detail is in hand. A complete dataset whose fields
// all lack a value has no minimum: NoValue, drawn ∅, never 0.00.
func (r *Row) minConfidence(d client.Dataset) {
	if len(d.Fields) > 0 || len(d.LineItems) > 0 {
		r.flags |= FromDetail
		floor := review.MinConfidence(&d)
		if conf, ok := floor.Min(); ok {
			r.MinConf, r.flags = conf, r.flags|HasMinConf
		} else if floor.Missing > 0 {
			r.flags |= NoValue
		}
		return
	}
	switch {
	case d.MinConfidence != nil:
		r.MinConf, r.flags = *d.MinConfidence, r.flags|HasMinConf
		if !review.InUnit(r.MinConf) {
			r.flags |= BadMinConf
		}
	case d.Status == client.StatusComplete && d.FieldCount != nil && *d.FieldCount > 0:
		r.flags |= NoValue
	}
}

// minConfFlags are the flags minConfidence sets.
const minConfFlags = HasMinConf | BadMinConf | NoValue | FromDetail

// KeepDetailFigures is fresh (a row from a list item) with old's MIN CONF
// when old came from the detail of the very same version of the dataset:
// a re-list does not put the server's figure back over the one computed
// from the detail (r used to flip it).
func (r Row) KeepDetailFigures(old Row) Row {
	if !old.Has(FromDetail) || r.Has(FromDetail) || old.Updated != r.Updated || old.Status != r.Status {
		return r
	}
	r.MinConf = old.MinConf
	r.flags = r.flags&^minConfFlags | old.flags&minConfFlags
	return r
}

// intern shares the few strings every row repeats instead of keeping
// 100 000 copies of "invoice".
func intern(s string) string {
	switch s {
	case client.StatusProcessing:
		return client.StatusProcessing
	case client.StatusComplete:
		return client.StatusComplete
	case client.StatusFailed:
		return client.StatusFailed
	case client.TypeInvoice:
		return client.TypeInvoice
	case client.TypePurchaseOrder:
		return client.TypePurchaseOrder
	case client.TypeReceipt:
		return client.TypeReceipt
	}
	return s
}

func (r *Row) Has(f rowFlags) bool { return r.flags&f != 0 }

// SetChecks records the failed checks' count (known) or forgets it.
func (r *Row) SetChecks(failed int, known bool) {
	r.Checks, r.flags = 0, r.flags&^HasChecks
	if known {
		r.Checks, r.flags = int32(failed), r.flags|HasChecks
	}
}

func (r *Row) Processing() bool { return r.Status == client.StatusProcessing }

const (
	HasAccuracy rowFlags = 1 << iota
	HasMinConf
	IsVerified
	BadAccuracy // the server's accuracy is outside 0–1: shown as invalid
	BadMinConf  // the server's min_confidence is outside 0–1
	NoValue     // complete, but no field has a value: no minimum (∅)
	FromDetail  // MIN CONF was computed from the detail
	HasChecks
	HasFieldCount
	// Changed: the sync found the row new or changed since the last
	// session; the list marks it with GlyphChanged for the session.
	Changed
)

// Mark sets the Changed flag.
func (r *Row) Mark() { r.flags |= Changed }
