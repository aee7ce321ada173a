package ui

import (
	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/termtext"
)

// row is a list item reduced to what the list shows, with every server
// string sanitized once, when it arrives. It stays small (about 150 bytes
// plus its text) because a list can hold 100 000 of them.
type row struct {
	id       string // as the server sent it: for requests and identity
	idText   string // the rest are sanitized for display
	name     string
	docType  string
	customer string
	status   string
	created  int64 // Unix nanoseconds
	accuracy float64
	minConf  float64
	flags    rowFlags
	// version bumps whenever the row's data changes, so its cached
	// rendering is known to be stale.
	version uint32
}

type rowFlags uint8

func newRow(d client.Dataset) row {
	r := row{
		id:       d.ID,
		idText:   termtext.Sanitize(d.ID),
		name:     termtext.Sanitize(d.DocumentName),
		docType:  intern(termtext.Sanitize(d.DatasetType)),
		customer: termtext.Sanitize(d.CustomerID),
		status:   intern(termtext.Sanitize(d.Status)),
		created:  d.CreatedAt.UnixNano(),
	}
	if acc, ok := d.OverallAccuracy(); ok {
		r.accuracy, r.flags = acc, r.flags|hasAccuracy
	}
	if conf, ok := minConfidence(d); ok {
		r.minConf, r.flags = conf, r.flags|hasMinConf
	}
	if d.IsVerified {
		r.flags |= isVerified
	}
	return r
}

// minConfidence is the list item's min_confidence, or, for a full dataset
// (a poll answer), the lowest confidence among its fields.
func minConfidence(d client.Dataset) (float64, bool) {
	if d.MinConfidence != nil {
		return *d.MinConfidence, true
	}
	if len(d.Fields) == 0 {
		return 0, false
	}
	lowest := d.Fields[0].Confidence
	for _, f := range d.Fields[1:] {
		lowest = min(lowest, f.Confidence)
	}
	return lowest, true
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

func (r *row) has(f rowFlags) bool { return r.flags&f != 0 }

func (r *row) processing() bool { return r.status == client.StatusProcessing }

const (
	hasAccuracy rowFlags = 1 << iota
	hasMinConf
	isVerified
)
