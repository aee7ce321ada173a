package uitest

import (
	"time"

	"github.com/dxdash/dxdash/client"
)

// Hand-built datasets for the consistency checks on screen.

// SuspectInvoice is an unverified invoice that does not check out: its
// total reads 1 320.00 where subtotal + tax make 1 232.00, and its due
// date comes before its date. Its lines add up.
func SuspectInvoice() client.Dataset {
	return client.Dataset{
		ID: "ds_su5p3ct1", DocumentName: "contoso-invoice-2026-0409.pdf", CustomerID: "cus_contoso",
		DatasetType: client.TypeInvoice, Status: client.StatusComplete, PageCount: 1,
		CreatedAt: FixtureCreated.Add(-2 * time.Hour), UpdatedAt: FixtureCreated.Add(-2 * time.Hour),
		Fields: []client.Field{
			Field("vendor_name", "string", "Pembroke Office Supplies Ltd", 0.97, Box(1, 0.08, 0.05, 0.38, 0.03)),
			Field("invoice_number", "string", "SI-20417", 0.96, Box(1, 0.62, 0.06, 0.2, 0.025)),
			Field("invoice_date", "date", "2026-04-09", 0.95, Box(1, 0.62, 0.09, 0.12, 0.025)),
			Field("due_date", "date", "2026-03-09", 0.93, Box(1, 0.62, 0.12, 0.12, 0.025)),
			Field("currency", "currency", "GBP", 0.99, Box(1, 0.62, 0.295, 0.05, 0.025)),
			Field("subtotal", "amount", "1,120.00", 0.94, Box(1, 0.74, 0.6, 0.14, 0.025)),
			Field("tax_amount", "amount", "112.00", 0.92, Box(1, 0.74, 0.63, 0.14, 0.025)),
			Field("total_amount", "amount", "1,320.00", 0.95, Box(1, 0.74, 0.66, 0.14, 0.025)),
		},
		LineItems: []client.LineItem{
			{Index: 0, Fields: []client.Field{
				Field("description", "string", "Copy paper A4, box of 5 reams", 0.95, Box(1, 0.19, 0.4, 0.38, 0.02)),
				Field("quantity", "number", "8", 0.97, Box(1, 0.6, 0.4, 0.06, 0.02)),
				Field("unit_price", "amount", "30.00", 0.96, Box(1, 0.67, 0.4, 0.1, 0.02)),
				Field("amount", "amount", "240.00", 0.97, Box(1, 0.79, 0.4, 0.11, 0.02)),
			}},
			{Index: 1, Fields: []client.Field{
				Field("description", "string", "Toner cartridge, black", 0.93, Box(1, 0.19, 0.43, 0.38, 0.02)),
				Field("quantity", "number", "4", 0.98, Box(1, 0.6, 0.43, 0.06, 0.02)),
				Field("unit_price", "amount", "220.00", 0.95, Box(1, 0.67, 0.43, 0.1, 0.02)),
				Field("amount", "amount", "880.00", 0.96, Box(1, 0.79, 0.43, 0.11, 0.02)),
			}},
		},
	}
}

// CleanInvoice is SuspectInvoice read right: everything checks out.
func CleanInvoice() client.Dataset {
	ds := SuspectInvoice()
	ds.ID, ds.DocumentName = "ds_c1ean0k1", "contoso-invoice-2026-0410.pdf"
	ds.CreatedAt = ds.CreatedAt.Add(-time.Hour)
	ds.UpdatedAt = ds.CreatedAt
	ds.Fields = append([]client.Field(nil), ds.Fields...)
	for i := range ds.Fields {
		switch ds.Fields[i].Name {
		case "due_date":
			ds.Fields[i].Value = client.StringValue("2026-05-09")
		case "total_amount":
			ds.Fields[i].Value = client.StringValue("1,232.00")
		}
	}
	return ds
}

// CheckedDatasets are, in list order, ReviewedInvoice (verified, three
// checks failed), SuspectInvoice (unverified, two failed) and CleanInvoice
// (none failed).
func CheckedDatasets() []client.Dataset {
	return []client.Dataset{ReviewedInvoice(), SuspectInvoice(), CleanInvoice()}
}

// CheckStatsDatasets are verified datasets whose checks the stats score:
// ReviewedInvoice, and three whose subtotal + tax = total check was worked
// by hand (stats' TestCheckFiguresMatchHandComputed has the same):
//
//	ds_t0 total wrong at 0.95           the check fails: a true positive, confidently wrong caught
//	ds_t1 everything right, truth odd   the check fails: a false alarm
//	ds_t2 subtotal and total wrong      the check passes: two wrong fields missed
func CheckStatsDatasets() []client.Dataset {
	totals := func(id string, day int, got, truth [3]string, conf float64) client.Dataset {
		names := [3]string{"subtotal", "tax_amount", "total_amount"}
		created := time.Date(2026, 4, day, 10, 0, 0, 0, time.UTC)
		ds := client.Dataset{ID: id, DocumentName: id + "-invoice.pdf", CustomerID: "cus_a", DatasetType: client.TypeInvoice,
			Status: client.StatusComplete, PageCount: 1, CreatedAt: created, UpdatedAt: created}
		var scored []Scored
		for i, name := range names {
			c := 0.7
			if name == "total_amount" {
				c = conf
			}
			ds.Fields = append(ds.Fields, Field(name, "amount", got[i], c, nil))
			score := 0.0
			if got[i] == truth[i] {
				score = 1
			}
			scored = append(scored, Scored{name, truth[i], score})
		}
		return WithReview(ds, scored...)
	}
	return []client.Dataset{
		ReviewedInvoice(),
		totals("ds_t0", 14, [3]string{"100.00", "10.00", "120.00"}, [3]string{"100.00", "10.00", "110.00"}, 0.95),
		totals("ds_t1", 13, [3]string{"100.00", "10.00", "120.00"}, [3]string{"100.00", "10.00", "120.00"}, 0.95),
		totals("ds_t2", 12, [3]string{"90.00", "10.00", "100.00"}, [3]string{"100.00", "10.00", "110.00"}, 0.6),
	}
}
