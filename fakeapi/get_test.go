package fakeapi

import (
	"bytes"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
)

func TestDetailMatchesTheListItemAndTheCorpus(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.DatasetCount = 300 })
	for _, summary := range h.walk(nil) {
		d := h.detail(summary.ID)
		direct, ok := h.srv.Dataset(summary.ID)
		if !ok {
			t.Fatalf("Dataset(%s) not found", summary.ID)
		}
		if d.ID != summary.ID || d.Status != summary.Status || d.DocumentName != summary.DocumentName ||
			d.CustomerID != summary.CustomerID || d.IsVerified != summary.IsVerified ||
			d.PageCount != summary.PageCount || !d.CreatedAt.Equal(summary.CreatedAt) || !d.UpdatedAt.Equal(summary.UpdatedAt) {
			t.Fatalf("detail %+v disagrees with list item %+v", d, summary)
		}
		if len(d.Fields) != len(direct.Fields) || len(d.LineItems) != len(direct.LineItems) || len(d.GroundTruth) != len(direct.GroundTruth) {
			t.Fatalf("%s over HTTP differs from Dataset()", d.ID)
		}
		// The contract's rule, by hand: the lowest confidence among the
		// fields that have a value.
		count, lowest := 0, math.Inf(1)
		for _, f := range allFields(d) {
			count++
			if !f.Value.IsNull() {
				lowest = min(lowest, f.Confidence)
			}
		}
		if *summary.FieldCount != count {
			t.Errorf("%s: field_count %d, detail has %d fields", d.ID, *summary.FieldCount, count)
		}
		switch {
		case summary.Status == client.StatusComplete && math.IsInf(lowest, 1) && summary.MinConfidence != nil:
			t.Errorf("%s: no field has a value, yet min_confidence %v", d.ID, *summary.MinConfidence)
		case summary.Status == client.StatusComplete && !math.IsInf(lowest, 1) && (summary.MinConfidence == nil || *summary.MinConfidence != lowest):
			t.Errorf("%s: min_confidence %v, lowest field confidence %v", d.ID, summary.MinConfidence, lowest)
		case summary.Status != client.StatusComplete && summary.MinConfidence != nil:
			t.Errorf("%s is %s but has min_confidence %v", d.ID, summary.Status, *summary.MinConfidence)
		}
		listOverall, listHas := summary.OverallAccuracy()
		detailOverall, detailHas := d.OverallAccuracy()
		if listHas != detailHas || listOverall != detailOverall {
			t.Errorf("%s: list accuracy %v/%v, detail %v/%v", d.ID, listOverall, listHas, detailOverall, detailHas)
		}
	}
}

func allFields(d client.Dataset) []client.Field {
	out := append([]client.Field(nil), d.Fields...)
	for _, item := range d.LineItems {
		out = append(out, item.Fields...)
	}
	return out
}

func TestAccuracyRecomputedFromFieldsAndGroundTruthEqualsTheServers(t *testing.T) {
	h := newHarness(t, nil)
	verified := 0
	for _, summary := range h.srv.Datasets() {
		if !summary.IsVerified {
			continue
		}
		verified++
		d := h.detail(summary.ID)
		if len(d.GroundTruth) == 0 || d.Accuracy == nil {
			t.Fatalf("verified %s has no ground truth or accuracy", d.ID)
		}
		// Recompute each score with the exported scorer, by name.
		truth := map[string]client.Value{}
		for _, g := range d.GroundTruth {
			truth[g.Name] = g.Value
		}
		var sum float64
		n := 0
		check := func(name, typ string, extracted client.Value) {
			want := ScoreField(typ, extracted, truth[name])
			if got, ok := d.Accuracy.FieldScores[name]; !ok || got != want {
				t.Errorf("%s %s: field score %v (present %v), recomputed %v", d.ID, name, got, ok, want)
			}
			sum += want
			n++
		}
		for _, f := range d.Fields {
			check(f.Name, f.Type, f.Value)
		}
		for _, item := range d.LineItems {
			for _, f := range item.Fields {
				check(review.LineItemKey(item.Index, f.Name), f.Type, f.Value)
			}
		}
		if len(d.Accuracy.FieldScores) != n {
			t.Errorf("%s: %d field scores for %d fields", d.ID, len(d.Accuracy.FieldScores), n)
		}
		overall, _ := d.OverallAccuracy()
		if math.Abs(overall-sum/float64(n)) > 1e-12 {
			t.Errorf("%s: overall_accuracy %v, mean of scores %v", d.ID, overall, sum/float64(n))
		}
		// ScoreExtraction, which pairs them through package review, says
		// exactly what the server sent.
		acc := ScoreExtraction(d.Fields, d.LineItems, d.GroundTruth)
		if again, _ := (client.Dataset{Accuracy: acc}).OverallAccuracy(); again != overall || !maps.Equal(acc.FieldScores, d.Accuracy.FieldScores) {
			t.Errorf("%s: ScoreExtraction gives %v %v, the server %v %v", d.ID, again, acc.FieldScores, overall, d.Accuracy.FieldScores)
		}
	}
	if verified == 0 {
		t.Fatal("no verified dataset in the corpus")
	}
}

func TestGroundTruthAddsUp(t *testing.T) {
	h := newHarness(t, nil)
	checked := 0
	for _, summary := range h.srv.Datasets() {
		if !summary.IsVerified {
			continue
		}
		d, _ := h.srv.Dataset(summary.ID)
		truth := map[string]string{}
		for _, g := range d.GroundTruth {
			truth[g.Name] = g.Value.String()
		}
		var lines int64
		for _, item := range d.LineItems {
			amount, ok := truth[client.LineItemFieldName(item.Index, "amount")]
			if !ok {
				continue // a spurious row: not in the ground truth
			}
			qty := cents(t, truth[client.LineItemFieldName(item.Index, "quantity")])
			unit, hasUnit := truth[client.LineItemFieldName(item.Index, "unit_price")]
			if hasUnit {
				if want := (qty*cents(t, unit) + 50) / 100; cents(t, amount) != want {
					t.Errorf("%s line %d: amount %s, quantity × unit price = %d cents", d.ID, item.Index, amount, want)
				}
			}
			lines += cents(t, amount)
		}
		subtotal, tax, total := cents(t, truth["subtotal"]), cents(t, truth["tax_amount"]), cents(t, truth["total_amount"])
		if len(d.LineItems) > 0 && lines != subtotal {
			t.Errorf("%s: line items sum to %d, subtotal %d", d.ID, lines, subtotal)
		}
		if subtotal+tax != total {
			t.Errorf("%s: subtotal %d + tax %d != total %d", d.ID, subtotal, tax, total)
		}
		checked++
	}
	if checked < 200 {
		t.Errorf("checked %d verified datasets, want most of 500 × 60 %%", checked)
	}
}

// cents reads a canonical amount ("1230.00") or quantity ("7.5") in hundredths.
func cents(t *testing.T, s string) int64 {
	t.Helper()
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "00")[:2]
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		t.Fatalf("%q is not canonical: %v", s, err)
	}
	return n
}

func TestUnverifiedAndProcessingShapes(t *testing.T) {
	h := newHarness(t, nil)
	seen := map[string]bool{}
	for _, summary := range h.srv.Datasets() {
		kind := summary.Status
		if summary.Status == client.StatusComplete && !summary.IsVerified {
			kind = "unverified"
		}
		if seen[kind] {
			continue
		}
		seen[kind] = true
		body := h.get(datasetPathPrefix + summary.ID).Body.Bytes()
		if kind == client.StatusComplete {
			continue
		}
		for _, want := range []string{`"ground_truth":[]`, `"accuracy":null`} {
			if !bytes.Contains(body, []byte(want)) {
				t.Errorf("%s dataset %s: body lacks %s", kind, summary.ID, want)
			}
		}
		if kind != "unverified" && !bytes.Contains(body, []byte(`"fields":[],"line_items":[]`)) {
			t.Errorf("%s dataset %s has fields: %.300s", kind, summary.ID, body)
		}
	}
	for _, kind := range []string{client.StatusComplete, "unverified", client.StatusProcessing, client.StatusFailed} {
		if !seen[kind] {
			t.Errorf("the corpus has no %s dataset", kind)
		}
	}
}

func TestListItemsCarryNoDetailKeys(t *testing.T) {
	h := newHarness(t, nil)
	body := h.get(datasetsPath + "?limit=100").Body.Bytes()
	for _, key := range []string{`"fields"`, `"line_items"`, `"ground_truth"`, `"field_scores"`} {
		if bytes.Contains(body, []byte(key)) {
			t.Errorf("a list page contains %s", key)
		}
	}
	if !bytes.Contains(body, []byte(`"accuracy":{"overall_accuracy":`)) || !bytes.Contains(body, []byte(`"accuracy":null`)) {
		t.Errorf("a list page lacks reduced or null accuracies: %.300s", body)
	}
}

func TestUnknownIDsPathsAndMethods(t *testing.T) {
	h := newHarness(t, nil)
	for _, target := range []string{datasetPathPrefix + "ds_nothere1", datasetPathPrefix + strings.Repeat("x", 500)} {
		rec := h.get(target)
		if rec.Code != http.StatusNotFound || !strings.Contains(detailOf(t, rec), "not found") {
			t.Errorf("GET %.40s: %d %s, want 404 not found", target, rec.Code, rec.Body)
		}
	}
	for _, target := range []string{"/", "/api/v1", "/api/v1/datasets/", "/api/v1/datasets/a/b", "/api/v2/datasets"} {
		if rec := h.get(target); rec.Code != http.StatusNotFound || detailOf(t, rec) == "" {
			t.Errorf("GET %s: %d %s, want 404 with detail", target, rec.Code, rec.Body)
		}
	}
	id := h.srv.Datasets()[0].ID
	for _, target := range []string{datasetsPath, datasetPathPrefix + id} {
		for _, method := range []string{http.MethodPost, http.MethodDelete, http.MethodPut} {
			rec := h.do(httptest.NewRequest(method, target, strings.NewReader("{}")))
			if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != http.MethodGet || detailOf(t, rec) == "" {
				t.Errorf("%s %s: %d Allow=%q %s, want 405", method, target, rec.Code, rec.Header().Get("Allow"), rec.Body)
			}
		}
	}
	counts := h.srv.Requests()
	if counts != (RequestCounts{Total: 13, Get: 2, Other: 11}) {
		t.Errorf("counts %+v, want 2 gets and 11 others (POSTs included; Datasets() is no request)", counts)
	}
}

func TestEveryResponseHasAUniqueRequestIDAndJSON(t *testing.T) {
	h := newHarness(t, nil)
	seen := map[string]bool{}
	for i, target := range []string{datasetsPath, datasetPathPrefix + "nope", "/elsewhere", datasetsPath + "?limit=0"} {
		for _, auth := range []string{"Bearer " + DemoKey, "Bearer wrong", ""} {
			req := httptest.NewRequest(http.MethodGet, target, nil)
			req.Header["Authorization"] = []string{auth}
			rec := h.do(req)
			id := rec.Header().Get("X-Request-Id")
			if !strings.HasPrefix(id, "req_") || len(id) != 20 || seen[id] {
				t.Errorf("request %d: X-Request-Id %q is malformed or repeated", i, id)
			}
			seen[id] = true
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
		}
	}
}
