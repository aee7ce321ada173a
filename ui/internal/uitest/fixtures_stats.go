package uitest

import (
	"time"

	"github.com/dxdash/dxdash/client"
)

// StatsDatasets are hand-built datasets for the stats view: three reviewed
// ones across two customers, two types and two weeks, and one unverified
// that the view must leave out. In list order:
//
//	ds_s0 cus_a invoice  Mon 2026-04-06  invoice_number ✓ 0.95 · total ✗ 0.92 (confidently wrong) · due_date ∅ missing
//	ds_s1 cus_a receipt  Wed 2026-04-15  invoice_number ✗ 0.55 · total ✓ 0.75 · note spurious 0.35
//	ds_s2 cus_b invoice  Tue 2026-04-07  invoice_number ✓ 0.99 · total ✗ 0.97 (confidently wrong)
//	ds_s3 unverified
func StatsDatasets() []client.Dataset {
	day := func(d int) time.Time { return time.Date(2026, 4, d, 10, 0, 0, 0, time.UTC) }
	f := func(name, value string, conf float64) client.Field {
		v := client.StringValue(value)
		if value == "" {
			v = client.Value{}
		}
		return client.Field{Name: name, Value: v, Type: "string", Confidence: conf}
	}
	gt := func(name, value string) client.GroundTruth {
		return client.GroundTruth{Name: name, Value: client.StringValue(value)}
	}
	ds := func(id, customer, typ string, created time.Time, fields []client.Field, truth []client.GroundTruth, scores map[string]float64) client.Dataset {
		sum := 0.0
		for _, s := range scores {
			sum += s
		}
		overall := sum / float64(len(scores))
		n := len(fields)
		return client.Dataset{
			ID: id, DocumentName: id + "-scan.pdf", CustomerID: customer, DatasetType: typ,
			Status: client.StatusComplete, IsVerified: true, PageCount: 1, CreatedAt: created, UpdatedAt: created,
			Fields: fields, GroundTruth: truth, FieldCount: &n,
			Accuracy: &client.Accuracy{OverallAccuracy: &overall, FieldScores: scores},
		}
	}
	unverified := client.Dataset{ID: "ds_s3", DocumentName: "ds_s3-scan.pdf", CustomerID: "cus_c", DatasetType: "invoice",
		Status: client.StatusComplete, CreatedAt: day(8), Fields: []client.Field{f("total", "5", 0.99)}}
	return []client.Dataset{
		ds("ds_s0", "cus_a", "invoice", day(6),
			[]client.Field{f("invoice_number", "INV-1", 0.95), f("total", "100", 0.92), f("due_date", "", 0)},
			[]client.GroundTruth{gt("invoice_number", "INV-1"), gt("total", "90"), gt("due_date", "2026-05-01")},
			map[string]float64{"invoice_number": 1, "total": 0, "due_date": 0}),
		ds("ds_s1", "cus_a", "receipt", day(15),
			[]client.Field{f("invoice_number", "INV-2", 0.55), f("total", "50", 0.75), f("note", "hello", 0.35)},
			[]client.GroundTruth{gt("invoice_number", "INV-3"), gt("total", "50")},
			map[string]float64{"invoice_number": 0, "total": 1, "note": 0}),
		ds("ds_s2", "cus_b", "invoice", day(7),
			[]client.Field{f("invoice_number", "INV-9", 0.99), f("total", "12", 0.97)},
			[]client.GroundTruth{gt("invoice_number", "INV-9"), gt("total", "13")},
			map[string]float64{"invoice_number": 1, "total": 0}),
		unverified,
	}
}
