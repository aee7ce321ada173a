package fakeapi

import (
	"math"
	"time"

	"github.com/dxdash/dxdash/client"
)

// A plan is what a dataset is before its document is generated: everything
// needed to sort and filter it, and the seed that regenerates its document.

const (
	docInvoice uint8 = iota
	docPurchaseOrder
	docReceipt
)

var docTypeNames = [...]string{client.TypeInvoice, client.TypePurchaseOrder, client.TypeReceipt}

// One dataset in every fifty is still processing at the epoch and one has
// failed: 2 % each, spread evenly so that small corpora have some.
const (
	statusCycle    = 50
	processingSlot = 7
	failedSlot     = 23
)

// The share of completed datasets a reviewer has verified.
const verifiedShare = 0.6

type plan struct {
	seed    uint64
	id      string
	created int64 // Unix seconds
	// done is when the dataset left processing, complete or failed (Unix
	// seconds). For the few that are still processing at the epoch it is
	// a few seconds after it; for arrivals, a minute or two after created.
	done int64
	// reviewed is when a reviewer verified it (Unix seconds); 0 while it
	// awaits review.
	reviewed int64
	customer uint8
	docType  uint8
	failed   bool
}

func planDataset(corpusSeed uint64, index int, epoch time.Time) plan {
	p := newPlan(corpusSeed, index)
	r := newRNG(p.seed, 1)
	p.drawKind(&r)

	switch index % statusCycle {
	case processingSlot:
		// Uploaded in the last quarter of an hour before the epoch, still
		// being extracted at it: done a few seconds after the epoch, on
		// the server's clock, whenever the server was started.
		p.created = epoch.Unix() - int64(r.between(30, 900))
		p.done = epoch.Unix() + int64(r.between(5, 40))
		return p
	case failedSlot:
		p.failed = true
		p.created = uploadTime(&r, epoch)
		p.done = p.created + int64(r.between(3, 60))
		return p
	}
	p.created = uploadTime(&r, epoch)
	p.done = p.created + int64(r.between(20, 300)) // extraction time
	if r.chance(verifiedShare) {
		reviewed := p.created + int64(r.between(3600, 96*3600))
		if reviewed < epoch.Unix() { // recent uploads await review
			p.reviewed = reviewed
		}
	}
	return p
}

// planArrival is a dataset uploaded after the epoch, at created: the
// living account's k-th arrival, dataset number index.
func planArrival(corpusSeed uint64, index int, created int64) plan {
	p := newPlan(corpusSeed, index)
	r := newRNG(p.seed, 1)
	p.drawKind(&r)
	p.created = created
	p.done = created + int64(r.between(5, 120))
	p.failed = r.chance(arrivalFailedShare)
	return p
}

// The share of arrivals whose extraction fails.
const arrivalFailedShare = 0.03

func newPlan(corpusSeed uint64, index int) plan {
	return plan{
		seed: mix64(mix64(corpusSeed) + uint64(index)),
		id:   datasetID(corpusSeed, index),
	}
}

// drawKind picks who sent the document and what it is.
func (p *plan) drawKind(r *rng) {
	// A few customers send most documents, as on a real account.
	p.customer = uint8(float64(len(customers)) * math.Pow(r.float(), 1.7))
	switch u := r.float(); {
	case u < 0.55:
		p.docType = docInvoice
	case u < 0.8:
		p.docType = docPurchaseOrder
	default:
		p.docType = docReceipt
	}
}

// uploadTime is a moment in the year before epoch, mostly in office hours
// on weekdays.
func uploadTime(r *rng, epoch time.Time) int64 {
	day := epoch.UTC().Truncate(24*time.Hour).AddDate(0, 0, -r.between(1, 365))
	if r.chance(0.8) {
		switch day.Weekday() {
		case time.Saturday:
			day = day.AddDate(0, 0, -1)
		case time.Sunday:
			day = day.AddDate(0, 0, -2)
		}
	}
	hour := r.intn(24)
	if r.chance(0.85) {
		hour = r.between(8, 18)
	}
	return day.Unix() + int64(hour*3600+r.intn(3600))
}
