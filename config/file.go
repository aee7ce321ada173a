package config

import (
	"reflect"
	"sort"
	"strings"
	"time"
)

// fileConfig is config.toml as written. Durations stay text here so that a
// bad one can be reported with its line, like every other bad value.
// Decoding starts from the defaults, so a key the file leaves out keeps its
// default.
type fileConfig struct {
	BaseURL         string         `toml:"base_url"`
	APIKeyEnv       string         `toml:"api_key_env"`
	APIKey          string         `toml:"api_key"`
	PageSize        int            `toml:"page_size"`
	Timeout         durationText   `toml:"timeout"`
	PollInterval    durationText   `toml:"poll_interval"`
	DetailCacheSize int            `toml:"detail_cache_size"`
	Theme           Theme          `toml:"theme"`
	Store           string         `toml:"store"`
	RateLimits      fileRateLimits `toml:"rate_limits"`
	Thresholds      fileThresholds `toml:"thresholds"`
	Filters         fileFilters    `toml:"filters"`
	Webhooks        fileWebhooks   `toml:"webhooks"`
}

type fileWebhooks struct {
	Listen    string `toml:"listen"`
	Path      string `toml:"path"`
	SecretEnv string `toml:"secret_env"`
}

type fileRateLimits struct {
	ReadPerMinute       int `toml:"read_per_minute"`
	ExtractionPerMinute int `toml:"extraction_per_minute"`
}

type fileThresholds struct {
	Low    float64 `toml:"low"`
	Medium float64 `toml:"medium"`
	High   float64 `toml:"high"`
}

type fileFilters struct {
	CustomerID  string   `toml:"customer_id"`
	DatasetType string   `toml:"dataset_type"`
	IsVerified  Verified `toml:"is_verified"`
}

// durationText is a duration as TOML holds it: a string such as "30s".
type durationText string

func fileFromConfig(c Config) fileConfig {
	return fileConfig{
		BaseURL:         c.BaseURL,
		APIKeyEnv:       c.APIKeyEnv,
		APIKey:          string(c.APIKey),
		PageSize:        c.PageSize,
		Timeout:         durationText(c.Timeout.String()),
		PollInterval:    durationText(c.PollInterval.String()),
		DetailCacheSize: c.DetailCacheSize,
		Theme:           c.Theme,
		Store:           c.Store,
		RateLimits:      fileRateLimits(c.RateLimits),
		Thresholds:      fileThresholds(c.Thresholds),
		Filters:         fileFilters(c.Filters),
		Webhooks:        fileWebhooks{Listen: c.Webhooks.Listen, Path: c.Webhooks.Path, SecretEnv: c.Webhooks.SecretEnv},
	}
}

// toConfig converts a validated fileConfig; the durations are known to parse.
func (f fileConfig) toConfig() Config {
	timeout, _ := time.ParseDuration(string(f.Timeout))
	poll, _ := time.ParseDuration(string(f.PollInterval))
	return Config{
		BaseURL:         f.BaseURL,
		APIKeyEnv:       f.APIKeyEnv,
		APIKey:          Secret(f.APIKey),
		PageSize:        f.PageSize,
		Timeout:         timeout,
		PollInterval:    poll,
		DetailCacheSize: f.DetailCacheSize,
		Theme:           f.Theme,
		Store:           strings.TrimSpace(f.Store),
		RateLimits:      RateLimits(f.RateLimits),
		Thresholds:      Thresholds(f.Thresholds),
		Filters:         Filters(f.Filters),
		Webhooks:        Webhooks{Listen: strings.TrimSpace(f.Webhooks.Listen), Path: f.Webhooks.Path, SecretEnv: f.Webhooks.SecretEnv},
	}
}

// schema maps every key config.toml may hold, dotted ("rate_limits.
// read_per_minute"), to what its value must be. It is read off fileConfig's
// tags, so the two cannot disagree.
var schema = schemaOf(reflect.TypeFor[fileConfig](), "")

// valueShape is what a key's value must be: the TOML kind and how to say it.
type valueShape struct {
	want string // "an integer", "a table", ...
	kind string // "string", "integer", "float" or "table"
}

func schemaOf(t reflect.Type, prefix string) map[string]valueShape {
	keys := map[string]valueShape{}
	for field := range t.Fields() {
		key := prefix + field.Tag.Get("toml")
		switch {
		case field.Type == reflect.TypeFor[durationText]():
			keys[key] = valueShape{`a duration string such as "30s" or "1m30s"`, "string"}
		case field.Type.Kind() == reflect.String:
			keys[key] = valueShape{"a string", "string"}
		case field.Type.Kind() == reflect.Int:
			keys[key] = valueShape{"an integer", "integer"}
		case field.Type.Kind() == reflect.Float64:
			keys[key] = valueShape{"a number", "float"}
		case field.Type.Kind() == reflect.Struct:
			keys[key] = valueShape{"a table", "table"}
			for k, v := range schemaOf(field.Type, key+".") {
				keys[k] = v
			}
		default:
			panic("config: no schema for field " + field.Name)
		}
	}
	return keys
}

// suggestKey returns the known key an unknown one was probably meant to
// be, or "". A key within two edits of a known one is a typo; a key whose
// last part is a known key's last part was put in the wrong table.
func suggestKey(unknown string) string {
	known := make([]string, 0, len(schema))
	for k := range schema {
		known = append(known, k)
	}
	sort.Strings(known) // ties resolve the same way every time

	best, bestDist := "", 3
	for _, k := range known {
		// Keys that differ in length by that much are that many edits
		// apart at least; skipping them keeps a huge key cheap.
		if diff := len(unknown) - len(k); diff >= bestDist || -diff >= bestDist {
			continue
		}
		if d := levenshtein(unknown, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best != "" {
		return best
	}
	leaf := unknown[strings.LastIndex(unknown, ".")+1:]
	for _, k := range known {
		if k[strings.LastIndex(k, ".")+1:] == leaf {
			return k
		}
	}
	return ""
}

// levenshtein is the edit distance between a and b, counted in bytes (keys
// are ASCII).
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
