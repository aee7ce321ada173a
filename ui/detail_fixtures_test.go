package ui

import (
	"time"

	"github.com/dxdash/dxdash/client"
)

// Hand-built datasets for the detail view's tests and golden screens:
// deterministic, and realistic enough to hold every case a reviewer meets.

var fixtureCreated = time.Date(2026, 4, 12, 9, 31, 7, 0, time.UTC)

func box(page int, left, top, width, height float64) *client.BoundingBox {
	return &client.BoundingBox{Page: page, Left: left, Top: top, Width: width, Height: height}
}

func field(name, typ, value string, confidence float64, b *client.BoundingBox) client.Field {
	return client.Field{Name: name, Type: typ, Value: client.StringValue(value), Confidence: confidence, BoundingBox: b}
}

func nullField(name, typ string, confidence float64) client.Field {
	return client.Field{Name: name, Type: typ, Confidence: confidence}
}

// scored is ground truth with the server's score for it.
type scored struct {
	name, truth string
	score       float64
}

// withReview adds ground truth and scores to ds, and the overall accuracy
// as their mean, as the server computes it.
func withReview(ds client.Dataset, truth ...scored) client.Dataset {
	ds.IsVerified = true
	scores := make(map[string]float64, len(truth))
	sum := 0.0
	for _, t := range truth {
		ds.GroundTruth = append(ds.GroundTruth, client.GroundTruth{Name: t.name, Value: client.StringValue(t.truth)})
		scores[t.name] = t.score
		sum += t.score
	}
	overall := sum / float64(len(truth))
	ds.Accuracy = &client.Accuracy{OverallAccuracy: &overall, FieldScores: scores}
	return ds
}

// reviewedInvoice is a verified two-page invoice with a bit of everything:
// matches, matches only after normalisation (a date, an amount, case and
// spacing), a partial match, a wrong value the extractor was unsure of, a
// confidently wrong one, a value not extracted, ground truth for a field
// never extracted, a spurious field, a field with no score, boxes off the
// page and on a page the document does not have; and line items with a
// mismatch, a confidently wrong cell and an item missed entirely.
func reviewedInvoice() client.Dataset {
	ds := client.Dataset{
		ID: "ds_8f3k2j9q", DocumentName: "northwind-invoice-2026-0412.pdf", CustomerID: "cus_northwind",
		DatasetType: client.TypeInvoice, Status: client.StatusComplete, PageCount: 2,
		CreatedAt: fixtureCreated, UpdatedAt: fixtureCreated.Add(2 * time.Minute),
		Fields: []client.Field{
			field("vendor_name", "string", "Northwind Traders", 0.72, box(1, 0.08, 0.05, 0.30, 0.03)),
			field("vendor_address", "address", "12 Harbour St,  Leeds LS1 4AB", 0.88, box(1, 0.08, 0.09, 0.38, 0.045)),
			field("invoice_number", "string", "INV-2026-0412", 0.98, box(1, 0.62, 0.07, 0.20, 0.025)),
			field("invoice_date", "date", "12.04.2026", 0.95, box(1, 0.62, 0.10, 0.12, 0.025)),
			nullField("due_date", "date", 0),
			field("purchase_order_number", "string", "PO-7781", 0.64, box(1, 0.62, 0.13, 0.09, 0.025)),
			field("currency", "currency", "EUR", 0.99, box(1, 0.62, 0.16, 0.05, 0.025)),
			field("subtotal", "amount", "1,234.50", 0.91, box(2, 0.70, 0.72, 0.14, 0.03)),
			field("tax_amount", "amount", "86.42", 0.93, box(2, 0.70, 0.76, 0.14, 0.03)),
			field("total_amount", "amount", "1320.00", 0.41, box(2, 0.70, 0.81, 0.14, 0.03)),
			field("iban", "string", "DE89 3704 0044 0532 0130 00", 0.96, box(2, 0.08, 0.90, 0.40, 0.025)),
			field("footer_note", "string", "Thank you for your business", 0.55, box(99, 0.10, 0.95, 0.50, 0.02)),
			field("stamp", "string", "PAID", 0.30, box(1, 0.90, 0.95, 0.20, 0.10)),
		},
		LineItems: []client.LineItem{
			{Index: 0, Fields: []client.Field{
				field("description", "string", "Steel brackets, 40mm", 0.93, box(1, 0.08, 0.42, 0.40, 0.02)),
				field("quantity", "number", "100", 0.99, box(1, 0.52, 0.42, 0.06, 0.02)),
				field("unit_price", "amount", "2.40", 0.95, box(1, 0.64, 0.42, 0.08, 0.02)),
				field("amount", "amount", "240.00", 0.97, box(1, 0.78, 0.42, 0.10, 0.02)),
			}},
			{Index: 1, Fields: []client.Field{
				field("description", "string", "Hex bolts M8 (box of 200)", 0.90, box(1, 0.08, 0.45, 0.40, 0.02)),
				field("quantity", "number", "12", 0.97, box(1, 0.52, 0.45, 0.06, 0.02)),
				field("unit_price", "amount", "7.58", 0.92, box(1, 0.64, 0.45, 0.08, 0.02)),
				field("amount", "amount", "94.20", 0.88, box(1, 0.78, 0.45, 0.10, 0.02)),
			}},
			{Index: 2, Fields: []client.Field{
				field("description", "string", "Washers, zinc, 8mm", 0.62, box(1, 0.08, 0.48, 0.40, 0.02)),
				field("quantity", "number", "5O", 0.45, box(1, 0.52, 0.48, 0.06, 0.02)),
				field("unit_price", "amount", "0.18", 0.90, box(1, 0.64, 0.48, 0.08, 0.02)),
				field("amount", "amount", "9.00", 0.94, box(1, 0.78, 0.48, 0.10, 0.02)),
			}},
		},
	}
	return withReview(ds,
		scored{"vendor_name", "Northwind Trading Ltd", 0.81},
		scored{"vendor_address", "12 harbour st, leeds ls1 4ab", 1},
		scored{"invoice_number", "INV-2026-0412", 1},
		scored{"invoice_date", "2026-04-12", 1},
		scored{"due_date", "2026-05-12", 0},
		scored{"purchase_order_number", "PO-7781", 1},
		scored{"currency", "EUR", 1},
		scored{"subtotal", "1234.5", 1},
		scored{"tax_amount", "86.42", 1},
		scored{"total_amount", "1230.00", 0},
		scored{"iban", "DE89 3704 0044 0532 0130 01", 0},
		scored{"payment_terms", "Net 30", 0},
		scored{"line_items[0].description", "Steel brackets, 40mm", 1},
		scored{"line_items[0].quantity", "100", 1},
		scored{"line_items[0].unit_price", "2.40", 1},
		scored{"line_items[0].amount", "240.00", 1},
		scored{"line_items[1].description", "Hex bolts M8 (box of 200)", 1},
		scored{"line_items[1].quantity", "12", 1},
		scored{"line_items[1].unit_price", "7.85", 0},
		scored{"line_items[1].amount", "94.20", 1},
		scored{"line_items[2].description", "Washers, zinc plated, 8mm", 0.78},
		scored{"line_items[2].quantity", "50", 0},
		scored{"line_items[2].unit_price", "0.18", 1},
		scored{"line_items[2].amount", "9.00", 1},
		scored{"line_items[3].description", "Delivery", 0},
		scored{"line_items[3].amount", "25.00", 0},
	)
}

// The fields of reviewedInvoice that need review, and its tallies.
const (
	invoiceScored           = 26
	invoiceMatched          = 16 // 7 fields, 9 line-item cells
	invoiceMismatched       = 6  // vendor_name, total_amount, iban; unit_price #1, description #2, quantity #2
	invoiceMissing          = 4  // due_date, payment_terms, line item #3's two cells
	invoiceConfidentlyWrong = 2  // iban 0.96; line item #1's unit_price 0.92
)

// unreviewedReceipt has no ground truth yet.
func unreviewedReceipt() client.Dataset {
	return client.Dataset{
		ID: "ds_r3c31pt7", DocumentName: "alpineskihouse-receipt-2026-0411.jpg", CustomerID: "cus_alpineskihouse",
		DatasetType: client.TypeReceipt, Status: client.StatusComplete, PageCount: 1,
		CreatedAt: fixtureCreated.Add(-time.Hour), UpdatedAt: fixtureCreated.Add(-59 * time.Minute),
		Fields: []client.Field{
			field("merchant_name", "string", "Alpine Ski House", 0.97, box(1, 0.20, 0.04, 0.60, 0.04)),
			field("merchant_address", "address", "Bahnhofstrasse 7, 3920 Zermatt, Switzerland", 0.83, box(1, 0.15, 0.09, 0.70, 0.05)),
			field("receipt_date", "date", "11.04.2026", 0.94, box(1, 0.10, 0.16, 0.25, 0.03)),
			field("payment_method", "string", "VISA", 0.61, box(1, 0.10, 0.80, 0.15, 0.03)),
			nullField("card_last4", "string", 0.12),
			field("currency", "currency", "CHF", 0.99, box(1, 0.70, 0.72, 0.10, 0.03)),
			field("tax_amount", "amount", "6.55", 0.44, box(1, 0.70, 0.76, 0.15, 0.03)),
			field("total_amount", "amount", "85.50", 0.91, box(1, 0.70, 0.72, 0.15, 0.03)),
		},
		LineItems: []client.LineItem{
			{Index: 0, Fields: []client.Field{
				field("description", "string", "Ski pass, 1 day", 0.95, box(1, 0.10, 0.30, 0.50, 0.03)),
				field("amount", "amount", "79.00", 0.96, box(1, 0.70, 0.30, 0.15, 0.03)),
			}},
			{Index: 1, Fields: []client.Field{
				field("description", "string", "Locker", 0.58, box(1, 0.10, 0.34, 0.50, 0.03)),
				field("amount", "amount", "6.50", 0.47, box(1, 0.70, 0.34, 0.15, 0.03)),
			}},
		},
	}
}

// processingOrder is a purchase order still being extracted.
func processingOrder() client.Dataset {
	return client.Dataset{
		ID: "ds_pr0c3ss1", DocumentName: "acme-po-7781.pdf", CustomerID: "cus_acme",
		DatasetType: client.TypePurchaseOrder, Status: client.StatusProcessing, PageCount: 3,
		CreatedAt: fixtureCreated.Add(-2 * time.Minute), UpdatedAt: fixtureCreated.Add(-2 * time.Minute),
	}
}

// failedInvoice is an invoice the service could not extract.
func failedInvoice() client.Dataset {
	return client.Dataset{
		ID: "ds_fa1l3d00", DocumentName: "scan-20260411-2350.pdf", CustomerID: "cus_contoso",
		DatasetType: client.TypeInvoice, Status: client.StatusFailed, PageCount: 1,
		CreatedAt: fixtureCreated.Add(-3 * time.Hour), UpdatedAt: fixtureCreated.Add(-3 * time.Hour),
	}
}
