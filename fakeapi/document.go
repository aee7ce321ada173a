package fakeapi

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dxdash/dxdash/client"
)

// A document is one dataset's extraction next to its ground truth. It is
// regenerated from the dataset's seed whenever it is needed, so the corpus
// keeps only summaries (see corpus.go) and the same seed always gives the
// same document.
type document struct {
	name      string // the uploaded file's name
	pageCount int
	header    []fieldPair
	rows      [][]fieldPair // line items; a spurious row has no ground truth
}

// fieldPair is one extracted field next to its ground truth.
type fieldPair struct {
	name, typ  string
	extracted  client.Value
	truth      client.Value // null when the page has no such value: a spurious reading
	confidence float64
	box        *client.BoundingBox // nil where nothing was located
}

// spec is one value as the page shows it, before extraction reads it.
type spec struct {
	name, typ string
	truth     string // canonical, as a reviewer keys it in; "" for a spurious reading
	printed   string // as the page prints it
	box       client.BoundingBox
	neighbour string // the field in the adjacent box, a source of misreads
}

// lineFacts is one line item's true content.
type lineFacts struct {
	description string
	code        string
	qtyTenths   int
	fractional  bool
	unitCents   int64
	amountCents int64
}

// generator builds one document: the facts and their layout first, then
// the extraction (extract.go), all from one random stream.
type generator struct {
	r      *rng
	p      plan
	cust   *customer
	vend   *vendor
	s      *scratch
	header []spec
	rows   [][]spec
	name   string
	pages  int
}

// scratch is a document's working memory. The corpus build reuses one per
// worker so that 100 000 documents do not each allocate their own; a
// document generated into a scratch is valid until the scratch is reused.
type scratch struct {
	lines    []lineFacts
	header   []spec
	cells    []spec // every line item's cells, row after row
	rows     [][]spec
	pairs    []fieldPair // header fields, then line-item fields
	rowPairs [][]fieldPair
	boxes    []client.BoundingBox
}

// generateDocument regenerates a dataset's document from its plan, into s
// (nil for fresh memory).
func generateDocument(p plan, s *scratch) document {
	if s == nil {
		s = &scratch{}
	}
	r := newRNG(p.seed, 2)
	g := generator{r: &r, p: p, cust: &customers[p.customer], s: s, header: s.header[:0]}
	switch p.docType {
	case docInvoice:
		g.invoice()
	case docPurchaseOrder:
		g.purchaseOrder()
	default:
		g.receipt()
	}
	s.header = g.header
	return g.extract()
}

func (g *generator) created() time.Time { return time.Unix(g.p.created, 0).UTC() }

// documentDate is the date printed on the document: some days before it
// was uploaded.
func (g *generator) documentDate(maxDaysBefore int) time.Time {
	return g.created().Truncate(24*time.Hour).AddDate(0, 0, -g.r.between(0, maxDaysBefore))
}

// supplier picks one of the half dozen vendors this customer works with.
func (g *generator) supplier() *vendor {
	k := (int(g.p.customer)*5 + g.r.intn(6)*7) % len(supplierVendors)
	return supplierVendors[k]
}

func (g *generator) merchant() *vendor { return pick(g.r, retailVendors) }

// supplierVendors issue invoices and receive purchase orders; retailVendors
// issue receipts.
var supplierVendors, retailVendors []*vendor

func init() {
	for i := range vendors {
		if vendors[i].cat.retail() {
			retailVendors = append(retailVendors, &vendors[i])
		} else {
			supplierVendors = append(supplierVendors, &vendors[i])
		}
	}
}

// lineCount draws how many line items a document has: mostly a handful,
// now and then a long one. The product of skew+1 uniform draws leans
// towards zero.
func (g *generator) lineCount(max, skew int) int {
	u := g.r.float()
	for range skew {
		u *= g.r.float()
	}
	return 1 + int(u*float64(max))
}

func (g *generator) lines(n int, withCode bool) ([]lineFacts, int64) {
	catalog := products[g.vend.cat]
	start := g.r.intn(len(catalog))
	lines := slices.Grow(g.s.lines[:0], n)[:n]
	g.s.lines = lines
	var subtotal int64
	for i := range lines {
		k := (start + i) % len(catalog)
		prod := catalog[k]
		l := lineFacts{description: prod.description, fractional: prod.fractional}
		l.unitCents = int64(g.r.between(prod.minCents, prod.maxCents))
		if prod.fractional {
			l.qtyTenths = g.r.between(prod.minQty, prod.maxQty)
			l.amountCents = (int64(l.qtyTenths)*l.unitCents + 5) / 10
		} else {
			l.qtyTenths = 10 * g.r.between(prod.minQty, prod.maxQty)
			l.amountCents = int64(l.qtyTenths/10) * l.unitCents
		}
		if withCode {
			l.code = strings.ToUpper(g.vend.slug[:3]) + "-" + strconv.Itoa(10000+(k*739)%9000)
		}
		subtotal += l.amountCents
		lines[i] = l
	}
	return lines, subtotal
}

// taxOn rounds half up, as invoicing systems do.
func taxOn(subtotal int64, bp int) int64 { return (subtotal*int64(bp) + 5000) / 10000 }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
