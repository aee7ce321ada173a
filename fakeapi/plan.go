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

// One dataset in every fifty is still processing when the server starts and
// one has failed: 2 % each, spread evenly so that small corpora have some.
const (
	statusCycle    = 50
	processingSlot = 7
	failedSlot     = 23
)

// The share of completed datasets a reviewer has verified.
const verifiedShare = 0.6

type plan struct {
	seed     uint64
	id       string
	created  int64 // Unix seconds
	updated  int64 // Unix seconds, once complete or failed
	customer uint8
	docType  uint8
	failed   bool
	verified bool
	// completesAfter is how long after the server starts a dataset that
	// starts out processing completes; zero for every other dataset.
	completesAfter time.Duration
}

func planDataset(corpusSeed uint64, index int, epoch time.Time) plan {
	p := plan{
		seed: mix64(mix64(corpusSeed) + uint64(index)),
		id:   datasetID(corpusSeed, index),
	}
	r := newRNG(p.seed, 1)

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

	switch index % statusCycle {
	case processingSlot:
		// Uploaded in the last quarter of an hour, still being extracted.
		p.created = epoch.Unix() - int64(r.between(30, 900))
		p.completesAfter = time.Duration(r.between(5, 40)) * time.Second
		p.updated = p.created + int64(p.completesAfter/time.Second)
		return p
	case failedSlot:
		p.failed = true
		p.created = uploadTime(&r, epoch)
		p.updated = p.created + int64(r.between(3, 60))
		return p
	}
	p.created = uploadTime(&r, epoch)
	p.updated = p.created + int64(r.between(20, 300)) // extraction time
	if r.chance(verifiedShare) {
		reviewed := p.created + int64(r.between(3600, 96*3600))
		if reviewed < epoch.Unix() { // recent uploads await review
			p.verified = true
			p.updated = reviewed
		}
	}
	return p
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
