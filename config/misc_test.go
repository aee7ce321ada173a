package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
)

func sprintf(format string, v any) string { return fmt.Sprintf(format, v) }

func TestDefaultPath(t *testing.T) {
	home := func() (string, error) { return "/home/ann", nil }
	noHome := func() (string, error) { return "", errors.New("no home") }
	tests := []struct {
		name    string
		xdg     string
		home    func() (string, error)
		want    string
		wantErr bool
	}{
		{"xdg", "/xdg", home, "/xdg/dxdash/config.toml", false},
		{"no xdg", "", home, "/home/ann/.config/dxdash/config.toml", false},
		{"relative xdg is ignored", "rel/dir", home, "/home/ann/.config/dxdash/config.toml", false},
		{"xdg without home", "/xdg", noHome, "/xdg/dxdash/config.toml", false},
		{"neither", "", noHome, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := defaultPath(envWith("XDG_CONFIG_HOME", tt.xdg), tt.home)
			if (err != nil) != tt.wantErr || got != filepath.FromSlash(tt.want) {
				t.Errorf("defaultPath = %q, %v; want %q, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestDefaultPathFromProcessEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", dir)
	got, err := DefaultPath()
	if want := filepath.Join(dir, ".config", "dxdash", "config.toml"); err != nil || got != want {
		t.Errorf("DefaultPath = %q, %v; want %q", got, err, want)
	}
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	got, err = DefaultPath()
	if want := filepath.Join(dir, "xdg", "dxdash", "config.toml"); err != nil || got != want {
		t.Errorf("DefaultPath = %q, %v; want %q", got, err, want)
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{File: "c.toml", Line: 3, Column: 7, Key: "page_size", Msg: "bad"}, "c.toml:3:7: page_size: bad"},
		{Error{File: "c.toml", Line: 3, Key: "page_size", Msg: "bad"}, "c.toml:3: page_size: bad"},
		{Error{File: "c.toml", Key: "page_size", Msg: "bad"}, "c.toml: page_size: bad"},
		{Error{File: "c.toml", Msg: "config file not found"}, "c.toml: config file not found"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestVerifiedBool(t *testing.T) {
	if VerifiedAny.Bool() != nil {
		t.Error("any should be no filter")
	}
	if b := VerifiedTrue.Bool(); b == nil || !*b {
		t.Error("true should be true")
	}
	if b := VerifiedFalse.Bool(); b == nil || *b {
		t.Error("false should be false")
	}
}

func TestSuggestKey(t *testing.T) {
	tests := map[string]string{
		"pagesize":                    "page_size",
		"theem":                       "theme",
		"thresholds.hihg":             "thresholds.high",
		"filters.customer":            "",
		"low":                         "thresholds.low",
		"rate_limits.read_per_minute": "rate_limits.read_per_minute",
		"something_else":              "",
	}
	for in, want := range tests {
		if got := suggestKey(in); got != want {
			t.Errorf("suggestKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSchemaListsEveryKey(t *testing.T) {
	want := []string{
		"base_url", "api_key_env", "api_key", "page_size", "timeout", "poll_interval",
		"detail_cache_size", "theme", "store", "rate_limits", "rate_limits.read_per_minute",
		"rate_limits.extraction_per_minute", "thresholds", "thresholds.low",
		"thresholds.medium", "thresholds.high", "filters", "filters.customer_id",
		"filters.dataset_type", "filters.is_verified", "webhooks", "webhooks.listen",
		"webhooks.path", "webhooks.secret_env",
	}
	if len(schema) != len(want) {
		t.Errorf("schema has %d keys, want %d", len(schema), len(want))
	}
	for _, k := range want {
		if _, ok := schema[k]; !ok {
			t.Errorf("schema lacks %s", k)
		}
	}
}
