package main

import (
	"bytes"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command line with a clean environment: no config of the
// machine's user and no key.
func runCLI(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	t.Setenv("DATAEXTRACTOR_API_KEY", "")
	var out, errOut bytes.Buffer
	status = run(args, &out, &errOut)
	return status, out.String(), errOut.String()
}

func TestVersion(t *testing.T) {
	status, out, _ := runCLI(t, "--version")
	if status != 0 || !strings.HasPrefix(out, "dxdash ") {
		t.Fatalf("--version: status %d, output %q", status, out)
	}
}

func TestMissingKeySaysHowToSetOne(t *testing.T) {
	status, out, errOut := runCLI(t)
	if status != exitUsage {
		t.Fatalf("status %d, want %d", status, exitUsage)
	}
	if out != "" {
		t.Errorf("wrote to stdout: %q", out)
	}
	for _, want := range []string{"no API key", "export DATAEXTRACTOR_API_KEY=", "config.toml", "dxdash --demo"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("missing-key message lacks %q:\n%s", want, errOut)
		}
	}
}

func TestConfigErrorNamesFileAndLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dxdash.toml")
	if err := os.WriteFile(path, []byte("page_size = 50\npage_sise = 20\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	status, _, errOut := runCLI(t, "--config", path)
	if status != exitUsage {
		t.Fatalf("status %d, want %d", status, exitUsage)
	}
	if !strings.Contains(errOut, path+":2") || !strings.Contains(errOut, "page_sise") {
		t.Errorf("config error does not name %s:2 and the key:\n%s", path, errOut)
	}
}

func TestMissingExplicitConfigIsAnError(t *testing.T) {
	status, _, errOut := runCLI(t, "--config", filepath.Join(t.TempDir(), "nope.toml"))
	if status != exitUsage || !strings.Contains(errOut, "nope.toml") {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
}

func TestKeyNeverPrinted(t *testing.T) {
	const key = "sk_live_do_not_print_me_42"
	path := filepath.Join(t.TempDir(), "dxdash.toml")
	// A bad page size makes Load fail after it has read the key.
	content := "api_key = \"" + key + "\"\npage_size = 1000\n"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, errOut := runCLI(t, "--config", path)
	if strings.Contains(out+errOut, key) {
		t.Fatalf("the key was printed:\n%s%s", out, errOut)
	}
	if !strings.Contains(errOut, "page_size") {
		t.Errorf("expected the page_size error, got:\n%s", errOut)
	}
}

func TestUnexpectedArgument(t *testing.T) {
	status, _, errOut := runCLI(t, "bogus")
	if status != exitUsage || !strings.Contains(errOut, `unexpected argument "bogus"`) {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
}

func TestDemoAPIFlagValidation(t *testing.T) {
	for _, args := range [][]string{
		{"demo-api", "--faults", "1.5"},
		{"demo-api", "--rpm", "0"},
		{"demo-api", "--datasets", "-1"},
		{"demo-api", "--key", ""},
	} {
		status, _, errOut := runCLI(t, args...)
		if status != exitUsage || errOut == "" {
			t.Errorf("%v: status %d, stderr %q", args, status, errOut)
		}
	}
}

// A 200 whose body is not JSON is logged as the error it is.
func TestRequestLogCallsAMalformed200AnError(t *testing.T) {
	for _, tc := range []struct {
		body, want string
	}{
		{`{"data": [], "next_cursor": null}`, "200 request \"req_ok\" ("},
		{`{"data": [`, "200 request \"req_ok\" error: malformed body (10 bytes, not JSON)"},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Request-Id", "req_ok")
			io.WriteString(w, tc.body)
		}))
		var buf bytes.Buffer
		hc := &http.Client{Transport: requestLog{next: http.DefaultTransport, logger: log.New(&buf, "", 0)}}
		resp, err := hc.Get(srv.URL + "/api/v1/datasets")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		srv.Close()
		if line := buf.String(); !strings.Contains(line, tc.want) || strings.Count(line, "\n") != 1 {
			t.Errorf("body %q logged as %q, want one line with %q", tc.body, line, tc.want)
		}
	}
}

func TestRequestLogNamesRequestsNotKeys(t *testing.T) {
	const key = "sk_live_keep_out_of_logs"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req_123")
		w.WriteHeader(http.StatusTeapot)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	hc := &http.Client{Transport: requestLog{next: http.DefaultTransport, logger: log.New(&buf, "", 0)}}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/datasets?search=acme", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	line := buf.String()
	for _, want := range []string{"GET /api/v1/datasets?search=acme", "418", "req_123"} {
		if !strings.Contains(line, want) {
			t.Errorf("log line %q lacks %q", line, want)
		}
	}
	if strings.Contains(line, key) {
		t.Errorf("the key is in the log: %q", line)
	}
}
