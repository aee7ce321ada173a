package fakeapi

import (
	"fmt"
	"strings"
	"time"
)

// The hostile corpus: what Config.Hostile serves instead of the generated
// documents. Every string a client might print carries something a
// terminal would act on, or something that breaks a naive layout: escape
// sequences that retitle the window (OSC 0/2), write the clipboard
// (OSC 52), make hyperlinks (OSC 8), clear the screen or leave the
// alternate screen (CSI), their 8-bit C1 forms, bidi overrides, C0
// controls, 10 000-character values, wide CJK and emoji ZWJ sequences. And
// the numbers lie: nulls where the contract promises values, confidences
// and accuracies outside [0, 1], bounding boxes on page 99 of a two-page
// document, a dataset with 1 000 fields.
//
// It is fixed, not generated: the same bytes for every seed, so a failure
// names the dataset that caused it.

// hostilePayload is one attack, named for test failures and for the
// dataset built around it.
type hostilePayload struct {
	name string
	text string
}

// hostilePayloads are the attacks, each wrapped in ordinary text so that
// a sanitizer that drops too much (or too little) shows.
var hostilePayloads = []hostilePayload{
	{"osc0-title", "inv\x1b]0;pwned-title\x07oice.pdf"},
	{"osc2-title", "inv\x1b]2;pwned-title\x1b\\oice.pdf"},
	{"osc52-clipboard", "copy\x1b]52;c;cm0gLXJmIH4vKgo=\x07me.pdf"},
	{"osc8-hyperlink", "\x1b]8;;https://evil.example/steal\x1b\\click here\x1b]8;;\x1b\\.pdf"},
	{"csi-clear-screen", "\x1b[2J\x1b[Hcleared.pdf"},
	{"csi-leave-altscreen", "\x1b[?1049lgone\x1b[?25l.pdf"},
	{"csi-report-request", "ask\x1b[6n\x1b[21t.pdf"},
	{"esc-reset", "reset\x1bc\x1b7\x1b8.pdf"},
	{"c1-8bit", "c1\u009b2J\u009d0;pwned-title\u009c.pdf"},
	{"dcs-string", "dcs\x1bP+q544e\x1b\\.pdf"},
	{"bidi-override", "invoice\u202efdp.exe\u202c \u2066isolated\u2069 \u200fmark"},
	{"c0-controls", "nul\x00bs\bcr\rtab\tdel\x7fbel\x07lf\nend"},
	{"line-separators", "para\u2028graph\u2029break"},
	{"cjk-wide", "請求書-東京-二〇二六年四月分-株式会社ノースウィンド.pdf"},
	{"emoji-zwj", "🧾 👩‍👩‍👧‍👦 🏳️‍🌈 🧑🏽‍💻 🇯🇵 family.jpg"},
	{"combining", "\u0301e\u0301\u0302\u0303\u0304\u0305 z\u0335\u0336\u0337"},
	{"ascii-10k", strings.Repeat("A", 10_000)},
	{"cjk-10k", strings.Repeat("長", 10_000)},
	{"emoji-10k", strings.Repeat("👩‍💻", 10_000/3)},
	{"escapes-10k", strings.Repeat("\x1b[31m\x1b]0;t\x07x", 10_000/12)},
}

// hostileRequestIDs are the X-Request-Id values of a hostile server, in
// turn. Go's HTTP client refuses a response whose header holds a C0
// control (ESC included), so these carry what does cross a real socket:
// 8-bit C1 controls (as UTF-8 and as raw bytes), bidi overrides, line
// separators and a very long id. Tests that talk to the handler in memory
// can hand the client ESC as well.
var hostileRequestIDs = []string{
	"req_\u009b2J\u009d0;pwned-title\u009c",
	"req_\x9b2J\x9d0;pwned\x9c", // raw 8-bit bytes, invalid UTF-8
	"req_\u202eevil\u202c",
	"req_\u2028second-line",
	"req_" + strings.Repeat("9", 300),
	"req_plain_0001",
}

// hostileEpoch dates the hostile datasets.
var hostileEpoch = time.Date(2026, time.October, 30, 12, 0, 0, 0, time.UTC)

// Nullable values for the hostile JSON: a nil pointer is written as null.
func ptr[T any](v T) *T { return &v }

// hostileDataset is a dataset as the hostile server writes it. Unlike the
// wire types of the honest server, nearly every member is a pointer, so
// that a value the contract promises can be null.
type hostileDataset struct {
	ID           string           `json:"id"`
	DocumentName *string          `json:"document_name"`
	CustomerID   *string          `json:"customer_id"`
	DatasetType  *string          `json:"dataset_type"`
	Status       *string          `json:"status"`
	IsVerified   *bool            `json:"is_verified"`
	PageCount    *int             `json:"page_count"`
	CreatedAt    *string          `json:"created_at"`
	UpdatedAt    *string          `json:"updated_at"`
	Fields       []hostileField   `json:"fields"`
	LineItems    []hostileItem    `json:"line_items"`
	GroundTruth  []hostileTruth   `json:"ground_truth"`
	Accuracy     *hostileAccuracy `json:"accuracy"`
}

type hostileField struct {
	Name        *string      `json:"name"`
	Value       any          `json:"value"` // a string, a number, a bool, an object, or nil for null
	Type        *string      `json:"type"`
	Confidence  *float64     `json:"confidence"`
	BoundingBox *boundingBox `json:"bounding_box"`
}

type hostileItem struct {
	Index  int            `json:"index"`
	Fields []hostileField `json:"fields"`
}

type hostileTruth struct {
	Name  *string `json:"name"`
	Value any     `json:"value"`
}

type hostileAccuracy struct {
	OverallAccuracy *float64            `json:"overall_accuracy"`
	FieldScores     map[string]*float64 `json:"field_scores"`
}

// hostileSummary is a list item of the hostile server.
type hostileSummary struct {
	ID            string          `json:"id"`
	DocumentName  *string         `json:"document_name"`
	CustomerID    *string         `json:"customer_id"`
	DatasetType   *string         `json:"dataset_type"`
	Status        *string         `json:"status"`
	IsVerified    *bool           `json:"is_verified"`
	PageCount     *int            `json:"page_count"`
	CreatedAt     *string         `json:"created_at"`
	UpdatedAt     *string         `json:"updated_at"`
	Accuracy      *hostileOverall `json:"accuracy"`
	FieldCount    *int            `json:"field_count"`
	MinConfidence *float64        `json:"min_confidence"`
}

type hostileOverall struct {
	OverallAccuracy *float64 `json:"overall_accuracy"`
}

// buildHostileDatasets returns the hostile corpus, in list order: one
// dataset per payload (the payload in every string it has), then the
// special cases.
func buildHostileDatasets() []hostileDataset {
	var out []hostileDataset
	for i, p := range hostilePayloads {
		out = append(out, payloadDataset(i, p))
	}
	out = append(out,
		thousandFieldsDataset(),
		nullsEverywhereDataset(),
		outOfRangeDataset(),
		hostileIDDataset("ds_\x1b[31mred\x1b[0m", "an id that is an escape sequence"),
		hostileIDDataset("ds_\u202eevil", "an id with a bidi override"),
		hostileIDDataset("ds_"+strings.Repeat("x", 300), "a 300-character id"),
	)
	return out
}

// payloadDataset carries payload p in its name, customer, type, status,
// field names and values, ground truth and field scores.
func payloadDataset(i int, p hostilePayload) hostileDataset {
	created := hostileEpoch.Add(-time.Duration(i) * time.Hour).Format(time.RFC3339)
	fields := []hostileField{
		{Name: ptr("payload_" + p.text), Value: p.text, Type: ptr("string"), Confidence: ptr(0.42),
			BoundingBox: &boundingBox{Page: 1, Left: 0.1, Top: 0.1, Width: 0.3, Height: 0.02}},
		{Name: ptr("total_amount"), Value: "1320.00 " + p.text, Type: ptr("amount"), Confidence: ptr(0.97),
			BoundingBox: &boundingBox{Page: 2, Left: 0.7, Top: 0.8, Width: 0.1, Height: 0.03}},
		{Name: ptr("note"), Value: nil, Type: ptr(p.text), Confidence: ptr(0.0)},
	}
	items := []hostileItem{{Index: 0, Fields: []hostileField{
		{Name: ptr("description"), Value: p.text, Type: ptr("string"), Confidence: ptr(0.8),
			BoundingBox: &boundingBox{Page: 1, Left: 0.08, Top: 0.42, Width: 0.4, Height: 0.02}},
	}}}
	truthName := "payload_" + p.text
	return hostileDataset{
		ID:           fmt.Sprintf("ds_hostile_%02d", i),
		DocumentName: ptr(p.text),
		CustomerID:   ptr("cus_" + p.text),
		DatasetType:  ptr(p.text),
		Status:       ptr([]string{"complete", "complete", p.text, "failed"}[i%4]),
		IsVerified:   ptr(true),
		PageCount:    ptr(2),
		CreatedAt:    &created,
		UpdatedAt:    &created,
		Fields:       fields,
		LineItems:    items,
		GroundTruth: []hostileTruth{
			{Name: &truthName, Value: "truth " + p.text},
			{Name: ptr("total_amount"), Value: p.text},
			{Name: ptr("line_items[0].description"), Value: nil},
		},
		Accuracy: &hostileAccuracy{
			OverallAccuracy: ptr(0.5),
			FieldScores: map[string]*float64{
				truthName:                   ptr(0.25),
				"total_amount":              ptr(1.0),
				"line_items[0].description": ptr(0.0),
				p.text:                      ptr(0.5), // a score for a field that does not exist
			},
		},
	}
}

// thousandFieldsDataset has 1 000 header fields (cycling through the
// short payloads, the long ones have datasets of their own, and through
// pages up to 99) and 50 line items.
func thousandFieldsDataset() hostileDataset {
	var short []hostilePayload
	for _, p := range hostilePayloads {
		if len(p.text) < 200 {
			short = append(short, p)
		}
	}
	created := hostileEpoch.Add(-100 * time.Hour).Format(time.RFC3339)
	d := hostileDataset{
		ID: "ds_hostile_1000_fields", DocumentName: ptr("1000-fields\x1b]0;pwned-title\x07.pdf"),
		CustomerID: ptr("cus_many"), DatasetType: ptr("invoice"), Status: ptr("complete"),
		IsVerified: ptr(true), PageCount: ptr(3), CreatedAt: &created, UpdatedAt: &created,
		Accuracy: &hostileAccuracy{OverallAccuracy: ptr(0.75), FieldScores: map[string]*float64{}},
	}
	for i := range 1000 {
		p := short[i%len(short)]
		name := fmt.Sprintf("field_%04d_%s", i, p.name)
		d.Fields = append(d.Fields, hostileField{
			Name: &name, Value: p.text, Type: ptr("string"), Confidence: ptr(float64(i%120) / 100),
			BoundingBox: &boundingBox{Page: 1 + i%99, Left: 0.1, Top: float64(i%100) / 100, Width: 0.2, Height: 0.01},
		})
		d.GroundTruth = append(d.GroundTruth, hostileTruth{Name: &name, Value: p.name})
		d.Accuracy.FieldScores[name] = ptr(float64(i%3) / 2)
	}
	for i := range 50 {
		d.LineItems = append(d.LineItems, hostileItem{Index: i, Fields: []hostileField{
			{Name: ptr("amount"), Value: fmt.Sprintf("%d.00", i), Type: ptr("amount"), Confidence: ptr(0.9)},
		}})
	}
	return d
}

// nullsEverywhereDataset is null wherever JSON allows a value: only the id
// is there, because without it a client cannot even name the dataset.
func nullsEverywhereDataset() hostileDataset {
	return hostileDataset{
		ID: "ds_hostile_nulls",
		Fields: []hostileField{
			{}, // every member of the field null
			{Name: ptr("amount"), BoundingBox: nil},
		},
		LineItems:   []hostileItem{{Index: 0, Fields: []hostileField{{}}}},
		GroundTruth: []hostileTruth{{}, {Name: ptr("amount")}},
		Accuracy:    &hostileAccuracy{FieldScores: map[string]*float64{"amount": nil}},
	}
}

// outOfRangeDataset lies with numbers: confidences and accuracies outside
// [0, 1], bounding boxes on page 99 (of 2), on page 0 and off the page,
// negative counts, a date in the far future, and values that are numbers,
// booleans and objects rather than strings.
func outOfRangeDataset() hostileDataset {
	created := "9999-12-31T23:59:59Z"
	return hostileDataset{
		ID: "ds_hostile_out_of_range", DocumentName: ptr("out-of-range.pdf"), CustomerID: ptr("cus_numbers"),
		DatasetType: ptr("invoice"), Status: ptr("complete"), IsVerified: ptr(true), PageCount: ptr(2),
		CreatedAt: &created, UpdatedAt: &created,
		Fields: []hostileField{
			{Name: ptr("negative"), Value: "x", Type: ptr("string"), Confidence: ptr(-0.5),
				BoundingBox: &boundingBox{Page: 99, Left: 0.5, Top: 0.5, Width: 0.1, Height: 0.1}},
			{Name: ptr("above_one"), Value: 12345.678, Type: ptr("number"), Confidence: ptr(1.5),
				BoundingBox: &boundingBox{Page: 0, Left: -3, Top: 7, Width: 40, Height: -2}},
			{Name: ptr("huge"), Value: true, Type: ptr("boolean"), Confidence: ptr(1e308),
				BoundingBox: &boundingBox{Page: -1, Left: 1e308, Top: -1e308, Width: 0, Height: 0}},
			{Name: ptr("tiny"), Value: map[string]any{"nested": "\x1b]0;pwned-title\x07", "list": []int{1, 2}},
				Type: ptr("currency"), Confidence: ptr(-1e308),
				BoundingBox: &boundingBox{Page: 99, Left: 0.9, Top: 0.9, Width: 0.5, Height: 0.5}},
		},
		GroundTruth: []hostileTruth{{Name: ptr("negative"), Value: "y"}, {Name: ptr("above_one"), Value: 1}},
		Accuracy: &hostileAccuracy{OverallAccuracy: ptr(42.0), FieldScores: map[string]*float64{
			"negative": ptr(-1.0), "above_one": ptr(7.0), "huge": ptr(1e308), "tiny": ptr(-1e308),
		}},
	}
}

// hostileIDDataset is an ordinary dataset whose id is the attack.
func hostileIDDataset(id, name string) hostileDataset {
	created := hostileEpoch.Add(-200 * time.Hour).Format(time.RFC3339)
	return hostileDataset{
		ID: id, DocumentName: ptr(name), CustomerID: ptr("cus_ids"), DatasetType: ptr("receipt"),
		Status: ptr("complete"), IsVerified: ptr(false), PageCount: ptr(1), CreatedAt: &created, UpdatedAt: &created,
		Fields:      []hostileField{{Name: ptr("total"), Value: "1.00", Type: ptr("amount"), Confidence: ptr(0.99)}},
		GroundTruth: []hostileTruth{},
	}
}

// summary reduces a hostile dataset to its list item, with the lowest
// confidence and the field count computed as the honest server does, so
// the lies of the detail show in the list too.
func (d *hostileDataset) summary() hostileSummary {
	s := hostileSummary{
		ID: d.ID, DocumentName: d.DocumentName, CustomerID: d.CustomerID, DatasetType: d.DatasetType,
		Status: d.Status, IsVerified: d.IsVerified, PageCount: d.PageCount,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
	}
	if d.Accuracy != nil {
		s.Accuracy = &hostileOverall{OverallAccuracy: d.Accuracy.OverallAccuracy}
	}
	count := 0
	var lowest *float64
	visit := func(f hostileField) {
		count++
		// The contract's rule: a field with a null value does not count.
		// Out-of-range confidences do, so the list meets them too.
		if f.Value != nil && f.Confidence != nil && (lowest == nil || *f.Confidence < *lowest) {
			lowest = f.Confidence
		}
	}
	for _, f := range d.Fields {
		visit(f)
	}
	for _, item := range d.LineItems {
		for _, f := range item.Fields {
			visit(f)
		}
	}
	if d.Fields != nil {
		s.FieldCount, s.MinConfidence = &count, lowest
	}
	return s
}
