package uitest

import (
	"time"

	"github.com/dxdash/dxdash/client"
)

// Hand-built datasets for the detail view's tests and golden screens:
// deterministic, and realistic enough to hold every case a reviewer meets.

var FixtureCreated = time.Date(2026, 4, 12, 9, 31, 7, 0, time.UTC)

func Box(page int, left, top, width, height float64) *client.BoundingBox {
	return &client.BoundingBox{Page: page, Left: left, Top: top, Width: width, Height: height}
}

func Field(name, typ, value string, confidence float64, b *client.BoundingBox) client.Field {
	return client.Field{Name: name, Type: typ, Value: client.StringValue(value), Confidence: confidence, BoundingBox: b}
}

func NullField(name, typ string, confidence float64) client.Field {
	return client.Field{Name: name, Type: typ, Confidence: confidence}
}

// Scored is ground truth with the server's score for it.
type Scored struct {
	Name, Truth string
	Score       float64
}

// WithReview adds ground truth and scores to ds, and the overall accuracy
// as their mean, as the server computes it.
func WithReview(ds client.Dataset, truth ...Scored) client.Dataset {
	ds.IsVerified = true
	scores := make(map[string]float64, len(truth))
	sum := 0.0
	for _, t := range truth {
		ds.GroundTruth = append(ds.GroundTruth, client.GroundTruth{Name: t.Name, Value: client.StringValue(t.Truth)})
		scores[t.Name] = t.Score
		sum += t.Score
	}
	overall := sum / float64(len(truth))
	ds.Accuracy = &client.Accuracy{OverallAccuracy: &overall, FieldScores: scores}
	return ds
}

// ReviewedInvoice is a verified two-page invoice with a bit of everything:
// matches, matches only after normalisation (a date, an amount, case and
// spacing), a partial match, a wrong value the extractor was unsure of, a
// confidently wrong one, a value not extracted, ground truth for a field
// never extracted, a spurious field, a field with no score, boxes off the
// page and on a page the document does not have; and line items with a
// mismatch, a confidently wrong cell and an item missed entirely.
func ReviewedInvoice() client.Dataset {
	ds := client.Dataset{
		ID: "ds_8f3k2j9q", DocumentName: "northwind-invoice-2026-0412.pdf", CustomerID: "cus_northwind",
		DatasetType: client.TypeInvoice, Status: client.StatusComplete, PageCount: 2,
		CreatedAt: FixtureCreated, UpdatedAt: FixtureCreated.Add(2 * time.Minute),
		Fields: []client.Field{
			Field("vendor_name", "string", "Northwind Traders", 0.72, Box(1, 0.08, 0.05, 0.30, 0.03)),
			Field("vendor_address", "address", "12 Harbour St,  Leeds LS1 4AB", 0.88, Box(1, 0.08, 0.09, 0.38, 0.045)),
			Field("invoice_number", "string", "INV-2026-0412", 0.98, Box(1, 0.62, 0.07, 0.20, 0.025)),
			Field("invoice_date", "date", "12.04.2026", 0.95, Box(1, 0.62, 0.10, 0.12, 0.025)),
			NullField("due_date", "date", 0),
			Field("purchase_order_number", "string", "PO-7781", 0.64, Box(1, 0.62, 0.13, 0.09, 0.025)),
			Field("currency", "currency", "EUR", 0.99, Box(1, 0.62, 0.16, 0.05, 0.025)),
			Field("subtotal", "amount", "1,234.50", 0.91, Box(2, 0.70, 0.72, 0.14, 0.03)),
			Field("tax_amount", "amount", "86.42", 0.93, Box(2, 0.70, 0.76, 0.14, 0.03)),
			Field("total_amount", "amount", "1320.00", 0.41, Box(2, 0.70, 0.81, 0.14, 0.03)),
			Field("iban", "string", "DE89 3704 0044 0532 0130 00", 0.96, Box(2, 0.08, 0.90, 0.40, 0.025)),
			Field("footer_note", "string", "Thank you for your business", 0.55, Box(99, 0.10, 0.95, 0.50, 0.02)),
			Field("stamp", "string", "PAID", 0.30, Box(1, 0.90, 0.95, 0.20, 0.10)),
		},
		LineItems: []client.LineItem{
			{Index: 0, Fields: []client.Field{
				Field("description", "string", "Steel brackets, 40mm", 0.93, Box(1, 0.08, 0.42, 0.40, 0.02)),
				Field("quantity", "number", "100", 0.99, Box(1, 0.52, 0.42, 0.06, 0.02)),
				Field("unit_price", "amount", "2.40", 0.95, Box(1, 0.64, 0.42, 0.08, 0.02)),
				Field("amount", "amount", "240.00", 0.97, Box(1, 0.78, 0.42, 0.10, 0.02)),
			}},
			{Index: 1, Fields: []client.Field{
				Field("description", "string", "Hex bolts M8 (box of 200)", 0.90, Box(1, 0.08, 0.45, 0.40, 0.02)),
				Field("quantity", "number", "12", 0.97, Box(1, 0.52, 0.45, 0.06, 0.02)),
				Field("unit_price", "amount", "7.58", 0.92, Box(1, 0.64, 0.45, 0.08, 0.02)),
				Field("amount", "amount", "94.20", 0.88, Box(1, 0.78, 0.45, 0.10, 0.02)),
			}},
			{Index: 2, Fields: []client.Field{
				Field("description", "string", "Washers, zinc, 8mm", 0.62, Box(1, 0.08, 0.48, 0.40, 0.02)),
				Field("quantity", "number", "5O", 0.45, Box(1, 0.52, 0.48, 0.06, 0.02)),
				Field("unit_price", "amount", "0.18", 0.90, Box(1, 0.64, 0.48, 0.08, 0.02)),
				Field("amount", "amount", "9.00", 0.94, Box(1, 0.78, 0.48, 0.10, 0.02)),
			}},
		},
	}
	return WithReview(ds,
		Scored{"vendor_name", "Northwind Trading Ltd", 0.81},
		Scored{"vendor_address", "12 harbour st, leeds ls1 4ab", 1},
		Scored{"invoice_number", "INV-2026-0412", 1},
		Scored{"invoice_date", "2026-04-12", 1},
		Scored{"due_date", "2026-05-12", 0},
		Scored{"purchase_order_number", "PO-7781", 1},
		Scored{"currency", "EUR", 1},
		Scored{"subtotal", "1234.5", 1},
		Scored{"tax_amount", "86.42", 1},
		Scored{"total_amount", "1230.00", 0},
		Scored{"iban", "DE89 3704 0044 0532 0130 01", 0},
		Scored{"payment_terms", "Net 30", 0},
		Scored{"line_items[0].description", "Steel brackets, 40mm", 1},
		Scored{"line_items[0].quantity", "100", 1},
		Scored{"line_items[0].unit_price", "2.40", 1},
		Scored{"line_items[0].amount", "240.00", 1},
		Scored{"line_items[1].description", "Hex bolts M8 (box of 200)", 1},
		Scored{"line_items[1].quantity", "12", 1},
		Scored{"line_items[1].unit_price", "7.85", 0},
		Scored{"line_items[1].amount", "94.20", 1},
		Scored{"line_items[2].description", "Washers, zinc plated, 8mm", 0.78},
		Scored{"line_items[2].quantity", "50", 0},
		Scored{"line_items[2].unit_price", "0.18", 1},
		Scored{"line_items[2].amount", "9.00", 1},
		Scored{"line_items[3].description", "Delivery", 0},
		Scored{"line_items[3].amount", "25.00", 0},
	)
}

// The fields of ReviewedInvoice that need review, and its tallies.
const (
	InvoiceScored           = 26
	InvoiceMatched          = 16 // 7 fields, 9 line-item cells
	InvoiceMismatched       = 6  // vendor_name, total_amount, iban; unit_price #1, description #2, quantity #2
	InvoiceMissing          = 4  // due_date, payment_terms, line item #3's two cells
	InvoiceConfidentlyWrong = 2  // iban 0.96; line item #1's unit_price 0.92
)

// UnreviewedReceipt has no ground truth yet.
func UnreviewedReceipt() client.Dataset {
	return client.Dataset{
		ID: "ds_r3c31pt7", DocumentName: "alpineskihouse-receipt-2026-0411.jpg", CustomerID: "cus_alpineskihouse",
		DatasetType: client.TypeReceipt, Status: client.StatusComplete, PageCount: 1,
		CreatedAt: FixtureCreated.Add(-time.Hour), UpdatedAt: FixtureCreated.Add(-59 * time.Minute),
		Fields: []client.Field{
			Field("merchant_name", "string", "Alpine Ski House", 0.97, Box(1, 0.20, 0.04, 0.60, 0.04)),
			Field("merchant_address", "address", "Bahnhofstrasse 7, 3920 Zermatt, Switzerland", 0.83, Box(1, 0.15, 0.09, 0.70, 0.05)),
			Field("receipt_date", "date", "11.04.2026", 0.94, Box(1, 0.10, 0.16, 0.25, 0.03)),
			Field("payment_method", "string", "VISA", 0.61, Box(1, 0.10, 0.80, 0.15, 0.03)),
			NullField("card_last4", "string", 0.12),
			Field("currency", "currency", "CHF", 0.99, Box(1, 0.70, 0.72, 0.10, 0.03)),
			Field("tax_amount", "amount", "6.55", 0.44, Box(1, 0.70, 0.76, 0.15, 0.03)),
			Field("total_amount", "amount", "85.50", 0.91, Box(1, 0.70, 0.72, 0.15, 0.03)),
		},
		LineItems: []client.LineItem{
			{Index: 0, Fields: []client.Field{
				Field("description", "string", "Ski pass, 1 day", 0.95, Box(1, 0.10, 0.30, 0.50, 0.03)),
				Field("amount", "amount", "79.00", 0.96, Box(1, 0.70, 0.30, 0.15, 0.03)),
			}},
			{Index: 1, Fields: []client.Field{
				Field("description", "string", "Locker", 0.58, Box(1, 0.10, 0.34, 0.50, 0.03)),
				Field("amount", "amount", "6.50", 0.47, Box(1, 0.70, 0.34, 0.15, 0.03)),
			}},
		},
	}
}

// ProcessingOrder is a purchase order still being extracted.
func ProcessingOrder() client.Dataset {
	return client.Dataset{
		ID: "ds_pr0c3ss1", DocumentName: "acme-po-7781.pdf", CustomerID: "cus_acme",
		DatasetType: client.TypePurchaseOrder, Status: client.StatusProcessing, PageCount: 3,
		CreatedAt: FixtureCreated.Add(-2 * time.Minute), UpdatedAt: FixtureCreated.Add(-2 * time.Minute),
	}
}

// FailedInvoice is an invoice the service could not extract.
func FailedInvoice() client.Dataset {
	return client.Dataset{
		ID: "ds_fa1l3d00", DocumentName: "scan-20260411-2350.pdf", CustomerID: "cus_contoso",
		DatasetType: client.TypeInvoice, Status: client.StatusFailed, PageCount: 1,
		CreatedAt: FixtureCreated.Add(-3 * time.Hour), UpdatedAt: FixtureCreated.Add(-3 * time.Hour),
	}
}
