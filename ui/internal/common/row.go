package common

import (
	"github.com/dxdash/dxdash/client"
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
	Accuracy float64
	MinConf  float64
	flags    rowFlags
	// Version bumps whenever the row's data changes, so its cached
	// rendering is known to be stale.
	Version uint32
}

type rowFlags uint8

func NewRow(d client.Dataset) Row {
	r := Row{
		ID:       d.ID,
		IDText:   termtext.Sanitize(d.ID),
		Name:     termtext.Sanitize(d.DocumentName),
		DocType:  intern(termtext.Sanitize(d.DatasetType)),
		Customer: termtext.Sanitize(d.CustomerID),
		Status:   intern(termtext.Sanitize(d.Status)),
		Created:  d.CreatedAt.UnixNano(),
	}
	if acc, ok := d.OverallAccuracy(); ok {
		r.Accuracy, r.flags = acc, r.flags|HasAccuracy
	}
	if conf, ok := minConfidence(d); ok {
		r.MinConf, r.flags = conf, r.flags|HasMinConf
	}
	if d.IsVerified {
		r.flags |= IsVerified
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

func (r *Row) Has(f rowFlags) bool { return r.flags&f != 0 }

func (r *Row) Processing() bool { return r.Status == client.StatusProcessing }

const (
	HasAccuracy rowFlags = 1 << iota
	HasMinConf
	IsVerified
	// Changed: the sync found the row new or changed since the last
	// session; the list marks it with GlyphChanged for the session.
	Changed
)

// Mark sets the Changed flag.
func (r *Row) Mark() { r.flags |= Changed }
