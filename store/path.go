package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Dir is the folder stores live in: $XDG_CACHE_HOME/dxdash, else
// ~/.cache/dxdash. getenv and home are os.Getenv and os.UserHomeDir in
// production (nil means those).
func Dir(getenv func(string) string, home func() (string, error)) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if home == nil {
		home = os.UserHomeDir
	}
	// The XDG spec says a relative XDG_CACHE_HOME is invalid and is ignored.
	if xdg := getenv("XDG_CACHE_HOME"); filepath.IsAbs(xdg) {
		return filepath.Join(xdg, "dxdash"), nil
	}
	h, err := home()
	if err != nil || h == "" {
		return "", errors.New("cannot find the cache folder: neither $XDG_CACHE_HOME nor $HOME is set")
	}
	return filepath.Join(h, ".cache", "dxdash"), nil
}

// FileName names an account's store file: the API's host, readable, and a
// hash of the base URL keyed with the API key, truncated. The name tells
// accounts apart and says nothing of the key: without the key, nobody can
// even check a guess of which URL it belongs to.
func FileName(baseURL, apiKey string) string {
	mac := hmac.New(sha256.New, []byte(apiKey))
	mac.Write([]byte("dxdash store v1\x00" + canonicalBase(baseURL)))
	return safeName(hostOf(baseURL)) + "-" + hex.EncodeToString(mac.Sum(nil)[:10]) + ".db"
}

// DemoFileName names the store of `--demo`'s account: the demo's seed and
// the day its living account started (its epoch), since another day's
// demo is another account.
func DemoFileName(seed uint64, epoch time.Time) string {
	return "demo-seed" + strconv.FormatUint(seed, 10) + "-" + epoch.UTC().Format("20060102") + ".db"
}

// canonicalBase folds the spellings of one API root into one.
func canonicalBase(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	u.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/api/v1")
	u.RawPath, u.RawQuery, u.Fragment, u.User = "", "", "", nil
	return u.String()
}

func hostOf(raw string) string {
	if u, err := url.Parse(strings.TrimSpace(raw)); err == nil && u.Hostname() != "" {
		return strings.ToLower(u.Hostname())
	}
	return "account"
}

// safeName keeps letters, digits, dots and dashes.
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			b[i] = '_'
		}
	}
	if len(b) > 60 {
		b = b[:60]
	}
	return string(b)
}
