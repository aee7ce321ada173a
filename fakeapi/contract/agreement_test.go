package contract

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/dxdash/dxdash/fakeapi"
)

// uncached is the check as it was before bodies.go: openapi3filter on the
// whole response, body included, preparing every validator afresh.
func (c *Checker) uncached(req *http.Request, status int, header http.Header, body []byte) error {
	route, pathParams, err := c.route(req)
	if err != nil {
		return err
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	return openapi3filter.ValidateResponse(context.Background(), c.input(req, route, pathParams, status, header, body, opts))
}

type response struct {
	name   string
	req    *http.Request
	status int
	header http.Header
	body   []byte
}

// answers are fakeapi's answers of every kind the document describes.
func answers(t *testing.T) []response {
	t.Helper()
	cfg := fakeapi.DefaultConfig()
	cfg.ReadPerMinute = 1 << 30
	srv := fakeapi.New(cfg)
	var ids []string
	kinds := map[string]bool{}
	for _, d := range srv.Datasets() {
		kind := fmt.Sprint(d.Status, d.IsVerified)
		if !kinds[kind] {
			kinds[kind] = true
			ids = append(ids, d.ID)
		}
	}
	targets := []struct{ name, method, target, key string }{
		{"list", http.MethodGet, "/api/v1/datasets?limit=100", fakeapi.DemoKey},
		{"list filtered", http.MethodGet, "/api/v1/datasets?limit=5&is_verified=true&dataset_type=invoice", fakeapi.DemoKey},
		{"list 400", http.MethodGet, "/api/v1/datasets?limit=0", fakeapi.DemoKey},
		{"list 401", http.MethodGet, "/api/v1/datasets", "wrong-key"},
		{"detail 404", http.MethodGet, "/api/v1/datasets/ds_nosuch", fakeapi.DemoKey},
		{"unknown path", http.MethodGet, "/api/v1/nowhere", fakeapi.DemoKey},
		{"POST", http.MethodPost, "/api/v1/datasets", fakeapi.DemoKey},
	}
	for _, id := range ids {
		targets = append(targets, struct{ name, method, target, key string }{"detail " + id, http.MethodGet, "/api/v1/datasets/" + id, fakeapi.DemoKey})
	}
	var out []response
	for _, tg := range targets {
		req := httptest.NewRequest(tg.method, tg.target, nil)
		req.Header.Set("Authorization", "Bearer "+tg.key)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		out = append(out, response{tg.name, req, rec.Code, rec.Header(), rec.Body.Bytes()})
	}
	return out
}

// edit decodes a JSON body, changes it and encodes it again.
func edit(t *testing.T, body []byte, change func(v map[string]any)) []byte {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	change(v)
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func find(t *testing.T, rs []response, prefix string, status int) response {
	t.Helper()
	for _, r := range rs {
		if strings.HasPrefix(r.name, prefix) && r.status == status {
			return r
		}
	}
	t.Fatalf("no %q answer with status %d", prefix, status)
	return response{}
}

// withFields is a detail with header fields and accuracy.
func withFields(t *testing.T, rs []response) response {
	t.Helper()
	for _, r := range rs {
		var d struct {
			Fields   []any `json:"fields"`
			Accuracy any   `json:"accuracy"`
		}
		if strings.HasPrefix(r.name, "detail ") && r.status == http.StatusOK &&
			json.Unmarshal(r.body, &d) == nil && len(d.Fields) > 0 && d.Accuracy != nil {
			return r
		}
	}
	t.Fatal("no verified detail with fields")
	return response{}
}

// strays are answers broken in every way the document forbids.
func strays(t *testing.T, rs []response) []response {
	list := find(t, rs, "list", http.StatusOK)
	detail := withFields(t, rs)
	notFound := find(t, rs, "detail 404", http.StatusNotFound)
	first := func(v map[string]any) map[string]any { return v["data"].([]any)[0].(map[string]any) }
	field := func(v map[string]any) map[string]any { return v["fields"].([]any)[0].(map[string]any) }
	var out []response
	add := func(name string, from response, change func(v map[string]any)) {
		r := from
		r.name, r.body = name, edit(t, from.body, change)
		out = append(out, r)
	}
	add("an id that is a number", list, func(v map[string]any) { first(v)["id"] = 7 })
	add("an id off the pattern", list, func(v map[string]any) { first(v)["id"] = "DS-1" })
	add("an extra key", list, func(v map[string]any) { first(v)["extra"] = true })
	add("a required key missing", list, func(v map[string]any) { delete(first(v), "status") })
	add("a status off the enum", list, func(v map[string]any) { first(v)["status"] = "done" })
	add("a time that is no date-time", list, func(v map[string]any) { first(v)["created_at"] = "2026-13-01T00:00:00Z" })
	add("an empty next_cursor", list, func(v map[string]any) { v["next_cursor"] = "" })
	add("a negative field_count", list, func(v map[string]any) { first(v)["field_count"] = -1 })
	add("101 items", list, func(v map[string]any) {
		data := v["data"].([]any)
		for len(data) <= 100 {
			data = append(data, data[0])
		}
		v["data"] = data
	})
	add("a confidence above 1", detail, func(v map[string]any) { field(v)["confidence"] = 1.5 })
	add("a value that is a number", detail, func(v map[string]any) { field(v)["value"] = 12 })
	add("a page 0 box", detail, func(v map[string]any) {
		field(v)["bounding_box"] = map[string]any{"page": 0, "left": 0, "top": 0, "width": 0, "height": 0}
	})
	add("a box with a string", detail, func(v map[string]any) { field(v)["bounding_box"] = "here" })
	add("a fractional page count", detail, func(v map[string]any) { v["page_count"] = 1.5 })
	add("accuracy as a number", detail, func(v map[string]any) { v["accuracy"] = 0.5 })
	add("an empty detail", notFound, func(v map[string]any) { v["detail"] = "" })
	add("an error with more to say", notFound, func(v map[string]any) { v["code"] = 404 })
	add("an error without detail", notFound, func(v map[string]any) { delete(v, "detail") })

	r := detail
	r.name, r.header = "text/plain", r.header.Clone()
	r.header.Set("Content-Type", "text/plain")
	out = append(out, r)
	r = detail
	r.name, r.body = "a body that is not JSON", []byte(`{"id": `)
	out = append(out, r)
	r = detail
	r.name, r.header = "no request id", r.header.Clone()
	r.header.Del("X-Request-Id")
	out = append(out, r)
	r = detail
	r.name, r.status = "a status the document does not name", http.StatusTeapot
	out = append(out, r)
	return out
}

// A timestamp off UTC is the one stray the document says in words only
// (a pattern beside format: date-time breaks mock generators): Check holds
// fakeapi to it beyond what openapi3filter sees.
func TestCheckHoldsTimestampsToUTC(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	answered := answers(t)
	list := find(t, answered, "list", http.StatusOK)
	detail := withFields(t, answered)
	for name, r := range map[string]response{"list": list, "detail": detail} {
		for _, key := range []string{"created_at", "updated_at"} {
			r.body = edit(t, r.body, func(v map[string]any) {
				if data, ok := v["data"].([]any); ok {
					v = data[0].(map[string]any)
				}
				v[key] = "2026-04-12T09:31:07+01:00"
			})
			if err := c.Check(r.req, r.status, r.header, r.body); err == nil || !strings.Contains(err.Error(), "not in UTC") {
				t.Errorf("%s with %s off UTC: %v", name, key, err)
			}
		}
	}
}

// The cached check says what openapi3filter says, answer for answer:
// fakeapi's real answers pass both, and every stray fails both.
func TestCachedCheckAgreesWithOpenapi3filter(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	answered := answers(t)
	for _, r := range answered {
		if err := c.uncached(r.req, r.status, r.header, r.body); err != nil {
			t.Fatalf("%s: openapi3filter rejects fakeapi's answer: %v", r.name, err)
		}
		if err := c.Check(r.req, r.status, r.header, r.body); err != nil {
			t.Errorf("%s: fakeapi's answer rejected: %v", r.name, err)
		}
	}
	for _, r := range strays(t, answered) {
		before := c.uncached(r.req, r.status, r.header, r.body)
		after := c.Check(r.req, r.status, r.header, r.body)
		if (before == nil) != (after == nil) {
			t.Errorf("%s: openapi3filter says %v, the cached check %v", r.name, before, after)
		}
		if after == nil {
			t.Errorf("%s: passed", r.name)
		}
	}
}

// Every body schema of the document is prepared at Load, and each is
// validated as openapi3filter would: the ones with component references
// and no 2020-12 keyword by its OpenAPI 3.0 validator, the rest compiled.
func TestEveryBodySchemaIsPrepared(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var legacy, compiled []string
	for ref, v := range c.bodies {
		name := ref.Ref
		if v.legacy {
			legacy = append(legacy, name)
		} else {
			compiled = append(compiled, name)
		}
	}
	if len(c.bodies) != len(responseSchemas(c.Doc)) || len(legacy) == 0 || len(compiled) == 0 {
		t.Errorf("prepared %d of %d body schemas: legacy %q, compiled %q", len(c.bodies), len(responseSchemas(c.Doc)), legacy, compiled)
	}
}

// One Checker serves every test at once: checks run concurrently (go test
// -race watches).
func TestCheckIsSafeForConcurrentUse(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	answered := answers(t)
	bad := strays(t, answered)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 2 {
				for _, r := range answered {
					if err := c.Check(r.req, r.status, r.header, r.body); err != nil {
						t.Errorf("%s: %v", r.name, err)
					}
				}
				for _, r := range bad {
					if c.Check(r.req, r.status, r.header, r.body) == nil {
						t.Errorf("%s: passed", r.name)
					}
				}
			}
		})
	}
	wg.Wait()
}
