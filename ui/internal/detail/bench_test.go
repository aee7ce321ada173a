package detail

import (
	"context"
	"fmt"
	"testing"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// Benchmarks for the detail view: drawing a reviewed dataset with 200
// fields and 50 line items of 5 fields each (target: under 2 ms a frame),
// and preparing it when it arrives.
//
//	go test ./ui/internal/detail -run '^$' -bench Detail -benchtime 2000x

// benchDetailDataset is a large, realistic reviewed dataset: every fifth
// field wrong or partly right, a spread of confidences, boxes over three
// pages.
func benchDetailDataset() client.Dataset {
	types := []string{"string", "date", "amount", "number", "address", "currency"}
	ds := client.Dataset{
		ID: "ds_b3nchm4k", DocumentName: "contoso-invoice-2026-0999.pdf", CustomerID: "cus_contoso",
		DatasetType: client.TypeInvoice, Status: client.StatusComplete, PageCount: 3, CreatedAt: uitest.FixtureCreated,
	}
	var truth []uitest.Scored
	add := func(key string, i int, f client.Field) client.Field {
		score := 1.0
		want := f.Value.String()
		switch i % 5 {
		case 1:
			score, want = 0, "something else entirely"
		case 3:
			score, want = 0.8, f.Value.String()+" Ltd"
		}
		truth = append(truth, scored(key, want, score))
		return f
	}
	for i := range 200 {
		name := fmt.Sprintf("%s_field_%03d", types[i%len(types)], i)
		f := uitest.Field(name, types[i%len(types)], fmt.Sprintf("Value %d of a typical extracted field, Harbour St", i),
			float64((i*37)%100)/100, uitest.Box(1+i%3, float64(i%10)/10, float64(i%20)/20, 0.09, 0.04))
		ds.Fields = append(ds.Fields, add(name, i, f))
	}
	for i := range 50 {
		item := client.LineItem{Index: i}
		for j, col := range []string{"description", "quantity", "unit_price", "amount", "tax_code"} {
			value := fmt.Sprintf("%d.%02d", i+j, (i*7)%100)
			if col == "description" {
				value = fmt.Sprintf("Steel brackets, %dmm, zinc plated", 10+i)
			}
			f := uitest.Field(col, "string", value, float64((i*13+j*29)%100)/100, uitest.Box(2, float64(j)/5, float64(i)/50, 0.18, 0.018))
			item.Fields = append(item.Fields, add(client.LineItemFieldName(i, col), i+j, f))
		}
		ds.LineItems = append(ds.LineItems, item)
	}
	return uitest.WithReview(ds, truth...)
}

func benchDetail(b *testing.B, width, height int) *detailModel {
	ds := benchDetailDataset()
	c := common.NewContext(context.Background(), uitest.NewAPI(nil), common.Options{}.WithDefaults())
	d := NewDetailModel(c, ds.ID, common.NewRow(ds), "")
	d.SetSize(width, height)
	d.setDataset(ds)
	if got := len(d.rv.fields) + len(d.rv.lines.rows); got != 250 {
		b.Fatalf("%d rows, want 200 fields and 50 line items", got)
	}
	return d
}

func BenchmarkDetailView(b *testing.B) {
	for _, tc := range []struct {
		name  string
		setup func(d *detailModel)
		step  func(d *detailModel, i int)
	}{
		{"fields", nil, nil},
		{"fields/cursor-moving", nil, func(d *detailModel, i int) { d.moveBy(1 - 2*(i%2)) }},
		{"lines", func(d *detailModel) { d.switchTab() }, nil},
		{"map", func(d *detailModel) { d.showMap = true; d.clampAll() }, func(d *detailModel, i int) { d.moveBy(1 - 2*(i%2)) }},
	} {
		for _, size := range [][2]int{{120, 39}, {200, 49}} {
			b.Run(fmt.Sprintf("%s/%dx%d", tc.name, size[0], size[1]+1), func(b *testing.B) {
				d := benchDetail(b, size[0], size[1])
				d.moveTo(20)
				if tc.setup != nil {
					tc.setup(d)
				}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					if tc.step != nil {
						tc.step(d, i)
					}
					_ = d.View()
					i++
				}
			})
		}
	}
}

// BenchmarkDetailArrival is the work done once when the dataset arrives:
// sanitizing, classifying, sorting.
func BenchmarkDetailArrival(b *testing.B) {
	ds := benchDetailDataset()
	c := common.NewContext(context.Background(), uitest.NewAPI(nil), common.Options{}.WithDefaults())
	d := NewDetailModel(c, ds.ID, common.NewRow(ds), "")
	d.SetSize(120, 39)
	b.ReportAllocs()
	for b.Loop() {
		d.setDataset(ds)
	}
}
