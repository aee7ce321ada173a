package fakeapi

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
)

// The corpus keeps one compact record per dataset: what listing, filtering
// and searching need. Full documents are regenerated from a record's seed
// on demand (document.go), which keeps 100 000 datasets in tens of
// megabytes.

type record struct {
	plan
	name      string
	pageCount int
	// search holds the lower-cased extracted values, NUL-separated, for
	// substring search; empty for failed datasets.
	search     string
	fieldCount int
	minConf    float64
	overall    float64 // only meaningful once reviewed
}

// corpus is the account: the datasets that existed at the epoch, then the
// living account's arrivals (living.go). Records never move, so an index
// into records is a stable reference.
type corpus struct {
	// mu guards records, byID and the living state; the epoch's records
	// are only written while the corpus is built.
	mu sync.RWMutex
	// records holds the epoch's datasets first, newest first (created_at
	// descending, then id ascending), then the arrivals in the order they
	// arrived, oldest first. Every arrival is newer than every dataset of
	// the epoch.
	records []record
	atEpoch int // how many of records existed at the epoch
	byID    map[string]int
	epoch   int64 // Unix seconds
	live    living
}

func buildCorpus(seed uint64, count int, epoch time.Time, rates Rates) *corpus {
	unsorted := make([]record, count)
	// Each record depends only on its index, so workers can share the work
	// and the result is the same for any number of them.
	workers := min(runtime.GOMAXPROCS(0), 8, max(count/1000, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf []byte
			var s scratch
			for i := w * count / workers; i < (w+1)*count/workers; i++ {
				unsorted[i], buf = newRecord(planDataset(seed, i, epoch), &s, buf)
			}
		})
	}
	wg.Wait()

	order := make([]int, count)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return compareRecords(&unsorted[a], &unsorted[b]) })
	c := &corpus{records: make([]record, count), atEpoch: count, byID: make(map[string]int, count), epoch: epoch.Unix()}
	for i, k := range order {
		c.records[i] = unsorted[k]
		c.byID[unsorted[k].id] = i
	}
	c.live = newLiving(seed, c, rates)
	return c
}

// compareRecords orders newest first; the id breaks ties so that the order
// is total and pages are stable.
func compareRecords(a, b *record) int {
	return compareKeys(a.created, a.id, b.created, b.id)
}

func compareKeys(createdA int64, idA string, createdB int64, idB string) int {
	if c := cmp.Compare(createdB, createdA); c != 0 {
		return c
	}
	return strings.Compare(idA, idB)
}

func newRecord(p plan, s *scratch, buf []byte) (record, []byte) {
	doc := generateDocument(p, s)
	rec := record{plan: p, name: doc.name, pageCount: doc.pageCount}
	if p.failed {
		return rec, buf
	}
	rec.fieldCount, rec.minConf = countFields(&doc)
	if p.reviewed != 0 {
		rec.overall = overallAccuracy(&doc)
	}
	buf = appendSearchText(buf[:0], &doc)
	rec.search = string(buf)
	return rec, buf
}

// countFields is a document's field count and its minimum confidence by
// the contract's rule (review.Floor): over the fields that have a value,
// NaN when none has.
func countFields(doc *document) (count int, minConf float64) {
	var floor review.Floor
	visit := func(f *fieldPair) {
		count++
		floor.Observe(!f.extracted.IsNull(), f.confidence)
	}
	for i := range doc.header {
		visit(&doc.header[i])
	}
	for _, row := range doc.rows {
		for i := range row {
			visit(&row[i])
		}
	}
	minConf, _ = floor.Min()
	return count, minConf
}

// overallAccuracy is the mean field score, summed in the order
// ScoreExtraction uses, so list and detail report the very same number.
func overallAccuracy(doc *document) float64 {
	var sum float64
	n := 0
	for i := range doc.header {
		f := &doc.header[i]
		sum += ScoreField(f.typ, f.extracted, f.truth)
		n++
	}
	for _, row := range doc.rows {
		for i := range row {
			sum += ScoreField(row[i].typ, row[i].extracted, row[i].truth)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// appendSearchText appends every extracted value, lower-cased, each
// followed by a NUL so that a query cannot match across two values.
func appendSearchText(buf []byte, doc *document) []byte {
	add := func(v client.Value) {
		if v.IsNull() {
			return
		}
		buf = appendLower(buf, v.String())
		buf = append(buf, 0)
	}
	for i := range doc.header {
		add(doc.header[i].extracted)
	}
	for _, row := range doc.rows {
		for i := range row {
			add(row[i].extracted)
		}
	}
	return buf
}

func appendLower(buf []byte, s string) []byte {
	start := len(buf)
	buf = append(buf, s...)
	for i := start; i < len(buf); i++ {
		switch c := buf[i]; {
		case c >= utf8.RuneSelf:
			return append(buf[:start], strings.ToLower(s)...)
		case 'A' <= c && c <= 'Z':
			buf[i] = c + 'a' - 'A'
		}
	}
	return buf
}

// processing reports whether the dataset is still being extracted at now
// (Unix seconds). The epoch's datasets that left processing before it did
// so in a past that no clock can go back to.
func (c *corpus) processing(rec *record, now int64) bool {
	return now < rec.done && rec.done > c.epoch
}

// reviewed reports whether the dataset has been verified by now.
func (c *corpus) reviewed(rec *record, now int64) bool {
	return rec.reviewed != 0 && (rec.reviewed <= now || rec.reviewed < c.epoch)
}

// status is the dataset's status at now.
func (c *corpus) status(rec *record, now int64) string {
	switch {
	case c.processing(rec, now):
		return client.StatusProcessing
	case rec.failed:
		return client.StatusFailed
	default:
		return client.StatusComplete
	}
}

// base fills what list items and details share.
func (c *corpus) base(rec *record, now int64) client.Dataset {
	status := c.status(rec, now)
	verified := status == client.StatusComplete && c.reviewed(rec, now)
	updated := rec.created
	switch {
	case verified:
		updated = rec.reviewed
	case status != client.StatusProcessing:
		updated = rec.done
	}
	return client.Dataset{
		ID:           rec.id,
		DocumentName: rec.name,
		CustomerID:   customers[rec.customer].id,
		DatasetType:  docTypeNames[rec.docType],
		Status:       status,
		IsVerified:   verified,
		PageCount:    rec.pageCount,
		CreatedAt:    time.Unix(rec.created, 0).UTC(),
		UpdatedAt:    time.Unix(updated, 0).UTC(),
	}
}

// summary is the dataset as a list item shows it at now.
func (c *corpus) summary(rec *record, now int64) client.Dataset {
	d := c.base(rec, now)
	count := 0
	if d.Status == client.StatusComplete {
		count = rec.fieldCount
		if minConf := rec.minConf; !math.IsNaN(minConf) {
			d.MinConfidence = &minConf // else no field has a value: null
		}
		if d.IsVerified {
			overall := rec.overall
			d.Accuracy = &client.Accuracy{OverallAccuracy: &overall}
		}
	}
	d.FieldCount = &count
	return d
}

// detail is the dataset as GET /datasets/{id} shows it at now, with its
// document regenerated.
func (c *corpus) detail(rec *record, now int64) datasetDetailJSON {
	common := c.base(rec, now)
	d := datasetDetailJSON{
		datasetJSON: commonWire(common),
		Fields:      []fieldJSON{}, LineItems: []lineItemJSON{}, GroundTruth: []groundTruthJSON{},
	}
	if common.Status != client.StatusComplete {
		return d
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s) // the wire values below copy what they keep
	doc := generateDocument(rec.plan, s)
	count, _ := countFields(&doc)
	slab := newWireSlab(count)
	d.Fields = make([]fieldJSON, len(doc.header))
	for i := range doc.header {
		d.Fields[i] = slab.field(&doc.header[i])
	}
	d.LineItems = make([]lineItemJSON, len(doc.rows))
	for k, row := range doc.rows {
		item := lineItemJSON{Index: k, Fields: make([]fieldJSON, len(row))}
		for i := range row {
			item.Fields[i] = slab.field(&row[i])
		}
		d.LineItems[k] = item
	}
	if common.IsVerified {
		d.GroundTruth, d.Accuracy = reviewWire(&doc)
	}
	return d
}

// Details reuse documents' working memory across requests.
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// reviewWire lists the ground truth and scores every field, in the order
// overallAccuracy sums them, so the overall score equals the list's.
func reviewWire(doc *document) ([]groundTruthJSON, *accuracyJSON) {
	var truth []groundTruthJSON
	scores := make(fieldScoresJSON, 0, len(doc.header)+4*len(doc.rows))
	var sum float64
	add := func(f *fieldPair, name string) {
		if !f.truth.IsNull() {
			truth = append(truth, groundTruthJSON{Name: name, Value: valueWire(f.truth)})
		}
		score := ScoreField(f.typ, f.extracted, f.truth)
		scores = append(scores, fieldScore{name: name, score: score})
		sum += score
	}
	for i := range doc.header {
		add(&doc.header[i], doc.header[i].name)
	}
	for k, row := range doc.rows {
		for i := range row {
			add(&row[i], review.LineItemKey(k, row[i].name))
		}
	}
	return truth, &accuracyJSON{OverallAccuracy: sum / float64(len(scores)), FieldScores: scores}
}
