package fakeapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAuthentication(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.APIKeys = []APIKey{{Name: "production-erp-sync", Key: "sk_live_4f9a"}, {Name: "laptop", Key: "sk_live_77b2"}}
		c.ReadPerMinute = 5
	})
	cases := map[string]string{
		"":                    "missing API key",
		"Bearer":              "malformed",
		"Bearer ":             "malformed",
		"Basic c2tfbGl2ZQ==":  "malformed",
		"Bearer sk_live_nope": "invalid API key",
		"Bearer SK_LIVE_4F9A": "invalid API key",
	}
	for header, mention := range cases {
		req := httptest.NewRequest(http.MethodGet, datasetsPath, nil)
		req.Header["Authorization"] = []string{header}
		rec := h.do(req)
		detail := detailOf(t, rec)
		if rec.Code != http.StatusUnauthorized || !strings.Contains(detail, mention) {
			t.Errorf("Authorization %q: %d %q, want 401 mentioning %q", header, rec.Code, detail, mention)
		}
		if !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("Authorization %q: no Bearer challenge", header)
		}
		if rec.Header().Get("X-RateLimit-Limit") != "" {
			t.Errorf("a 401 carries rate-limit headers: nothing is counted against a key")
		}
		if strings.Contains(rec.Body.String(), "sk_live") {
			t.Errorf("a 401 body echoes the key: %s", rec.Body)
		}
	}
	for _, key := range []string{"sk_live_4f9a", "sk_live_77b2"} {
		req := httptest.NewRequest(http.MethodGet, datasetsPath, nil)
		req.Header.Set("Authorization", "bearer "+key) // the scheme is case-insensitive
		if rec := h.do(req); rec.Code != http.StatusOK {
			t.Errorf("a valid key: %d %s", rec.Code, rec.Body)
		}
	}
	// Rejected requests are not counted: each key still has 4 of its 5.
	req := httptest.NewRequest(http.MethodGet, datasetsPath, nil)
	req.Header.Set("Authorization", "Bearer sk_live_4f9a")
	if rec := h.do(req); rec.Header().Get("X-RateLimit-Remaining") != "3" {
		t.Errorf("remaining after 401s and 2 requests = %q, want 3", rec.Header().Get("X-RateLimit-Remaining"))
	}
	if c := h.srv.Requests(); c.Unauthorized != len(cases) || c.Total != len(cases)+3 {
		t.Errorf("counts %+v, want %d unauthorized of %d", c, len(cases), len(cases)+3)
	}
}

func TestConfigValidation(t *testing.T) {
	bad := map[string]func(*Config){
		"no keys":         func(c *Config) { c.APIKeys = nil },
		"unnamed key":     func(c *Config) { c.APIKeys = []APIKey{{Key: "k"}} },
		"empty key":       func(c *Config) { c.APIKeys = []APIKey{{Name: "n"}} },
		"duplicate name":  func(c *Config) { c.APIKeys = []APIKey{{"n", "a"}, {"n", "b"}} },
		"duplicate key":   func(c *Config) { c.APIKeys = []APIKey{{"n", "secret-a"}, {"m", "secret-a"}} },
		"negative count":  func(c *Config) { c.DatasetCount = -1 },
		"huge count":      func(c *Config) { c.DatasetCount = MaxDatasetCount + 1 },
		"fault rate":      func(c *Config) { c.FaultRate = 1.5 },
		"NaN fault rate":  func(c *Config) { c.FaultRate = nan() },
		"negative limit":  func(c *Config) { c.ReadPerMinute = -1 },
		"unknown fault":   func(c *Config) { c.FaultKinds = []FaultKind{99} },
		"negative expiry": func(c *Config) { c.CursorLifetime = -1 },
	}
	for name, mutate := range bad {
		cfg := DefaultConfig()
		mutate(&cfg)
		err := cfg.Validate()
		if err == nil {
			t.Errorf("%s: Validate accepted it", name)
			continue
		}
		if strings.Contains(err.Error(), "secret-a") {
			t.Errorf("%s: the error shows a key: %v", name, err)
		}
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Errorf("DefaultConfig: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("New accepted an invalid config")
		}
	}()
	New(Config{})
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}
